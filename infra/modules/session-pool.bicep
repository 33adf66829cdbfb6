// The ACA dynamic-sessions pool that runs the Python code and shell commands. PythonLTS is the built-in
// code-interpreter image, so no container registry or Container Apps environment is needed.
param name string
param location string
param tags object

@description('Idle seconds before a session and its files are destroyed (300-3600); every call resets it.')
param cooldownPeriodInSeconds int

@description('Upper bound on sessions alive at once; requests past it fail until one cools down.')
param maxConcurrentSessions int

@description('Sessions kept warm so the first call of a conversation does not wait for a cold start.')
param readySessionInstances int

resource sessionPool 'Microsoft.App/sessionPools@2025-01-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    containerType: 'PythonLTS'
    poolManagementType: 'Dynamic'
    dynamicPoolConfiguration: {
      lifecycleConfiguration: {
        lifecycleType: 'Timed'
        cooldownPeriodInSeconds: cooldownPeriodInSeconds
      }
    }
    scaleConfiguration: {
      maxConcurrentSessions: maxConcurrentSessions
      readySessionInstances: readySessionInstances
    }
    // Untrusted, model-written code runs here: no outbound network, so it cannot exfiltrate data or
    // reach internal endpoints. Files move in and out only through the pool's files API.
    sessionNetworkConfiguration: {
      status: 'EgressDisabled'
    }
  }
}

output name string = sessionPool.name
output poolManagementEndpoint string = sessionPool.properties.poolManagementEndpoint
