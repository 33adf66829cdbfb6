// Flex Consumption plan and the Java function app that exposes the code-interpreter HTTP tools.
param planName string
param functionAppName string
param location string
param tags object

param identityId string
param identityClientId string

param storageAccountName string
param storageBlobEndpoint string
param deploymentContainerName string
param applicationInsightsConnectionString string

@description('Memory per instance in MB (Flex Consumption sizes).')
param instanceMemoryMB int

@description('Upper bound on scale-out instances.')
param maximumInstanceCount int

param sessionPoolEndpoint string
param sessionPoolApiVersion string

@description('Key Vault URI (no version) of the SESSION_ID_SECRET secret.')
param sessionIdSecretUri string

param outputsContainerName string
param outputsLinkTtlMinutes int

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: functionAppName
  location: location
  // azd finds the app to deploy to by this tag; it must match the service name in azure.yaml.
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Key Vault references in the app settings are resolved with this identity (the default would be
    // a system-assigned identity, which the app does not have).
    keyVaultReferenceIdentity: identityId
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storageBlobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'java'
        version: '17'
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      // Every setting the code reads is listed in com.codeinterpreter.settings.Setting, and
      // ConfigurationContractTest keeps this list and that enum in step. FUNCTIONS_WORKER_RUNTIME and
      // FUNCTIONS_EXTENSION_VERSION are deliberately absent: Flex takes the runtime from
      // functionAppConfig and rejects those settings.
      appSettings: [
        // Host storage through the managed identity, since the account has shared keys disabled.
        { name: 'AzureWebJobsStorage__accountName', value: storageAccountName }
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'AzureWebJobsStorage__clientId', value: identityClientId }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: applicationInsightsConnectionString }
        // Application Insights has local auth disabled, so telemetry is sent with the identity's token.
        { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'ClientId=${identityClientId};Authorization=AAD' }
        { name: 'SESSION_POOL_ENDPOINT', value: sessionPoolEndpoint }
        { name: 'SESSION_POOL_API_VERSION', value: sessionPoolApiVersion }
        // DefaultAzureCredential picks the user-assigned identity by this client id.
        { name: 'AZURE_CLIENT_ID', value: identityClientId }
        // A Key Vault reference: the platform resolves it to the secret's value before the app starts.
        { name: 'SESSION_ID_SECRET', value: '@Microsoft.KeyVault(SecretUri=${sessionIdSecretUri})' }
        { name: 'OUTPUTS_STORAGE_ACCOUNT_URL', value: storageBlobEndpoint }
        { name: 'OUTPUTS_CONTAINER', value: outputsContainerName }
        { name: 'OUTPUTS_LINK_TTL_MINUTES', value: string(outputsLinkTtlMinutes) }
      ]
    }
  }
}

// Deployments authenticate with Entra ID (azd does), so the FTP and SCM username/password
// credentials are only an extra way in: switch them off.
resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: functionApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: functionApp
  name: 'scm'
  properties: {
    allow: false
  }
}

output name string = functionApp.name
output defaultHostName string = functionApp.properties.defaultHostName
