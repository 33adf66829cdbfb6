// Code interpreter for AI agents: a Java function app (Flex Consumption) that runs Python and shell in
// an Azure Container Apps dynamic-sessions pool and keeps the files they produce in Blob Storage.
// Deployed with `azd up`; plain resources only (no registry modules), so it builds offline.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('azd environment name; names the resource group and seeds the unique resource names.')
param environmentName string

// Regions that offer both the Flex Consumption plan and dynamic sessions (code interpreter pools), as
// of 2026-12-04. Neither list is published as one fixed table, so this is the intersection of:
// - Flex Consumption: the @allowed list of Azure-Samples/azure-functions-java-flex-consumption-azd
//   (infra/main.bicep, as of 2026-02-24); Microsoft's docs point to
//   `az functionapp list-flexconsumption-locations` for the current list instead of publishing one.
// - Dynamic sessions: learn.microsoft.com/azure/container-apps/sessions, "Supported regions" (a
//   revision later than 2025-11-13, which says both session types are offered in every listed region).
// Not established with full confidence: the Flex Consumption half comes from a Microsoft sample, not
// from a published list, and it is older than the sessions page. Regions are added to both over time:
// if `az functionapp list-flexconsumption-locations` and the sessions page both list yours, add it here.
@allowed([
  'australiaeast'
  'australiasoutheast'
  'brazilsouth'
  'canadacentral'
  'centralindia'
  'centralus'
  'eastasia'
  'eastus'
  'eastus2'
  'francecentral'
  'germanywestcentral'
  'italynorth'
  'japaneast'
  'koreacentral'
  'northcentralus'
  'northeurope'
  'norwayeast'
  'southafricanorth'
  'southeastasia'
  'southindia'
  'spaincentral'
  'swedencentral'
  'uaenorth'
  'uksouth'
  'ukwest'
  'westcentralus'
  'westeurope'
  'westus'
  'westus2'
  'westus3'
])
@minLength(1)
@description('Region for every resource. It must offer Flex Consumption and dynamic sessions.')
@metadata({ azd: { type: 'location' } })
param location string

@description('Object id of the deploying user (azd sets it); it gets data-plane roles for testing. Empty skips them.')
param principalId string = ''

// main.parameters.json passes AZURE_PRINCIPAL_TYPE (default User). Under a service-principal login
// (CI, azd pipelines) set it to ServicePrincipal, or ARM refuses the role assignments for principalId
// with UnmatchedPrincipalType.
@allowed([
  'User'
  'ServicePrincipal'
])
@description('What principalId is: User for an interactive login, ServicePrincipal for CI.')
param principalType string = 'User'

// azd generates this once per environment when SESSION_ID_SECRET is not set, and keeps it in the
// environment's config (infra.parameters.sessionIdSecret), so every later `azd provision` passes the same
// value and session identifiers stay stable. (A Bicep default such as newGuid() would instead make a new
// value on every deployment.) It is written to the Key Vault, and the app reads it from there through a
// Key Vault reference. Changing it orphans every live session.
@secure()
@minLength(32)
@description('HMAC key that turns (caller, sessionId) into a pool session identifier.')
@metadata({ azd: { type: 'generate', config: { length: 48, noSpecial: true } } })
param sessionIdSecret string

@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@minValue(300)
@maxValue(3600)
param sessionPoolCooldownSeconds int = 300

@minValue(1)
@maxValue(600)
param sessionPoolMaxConcurrentSessions int = 100

@minValue(0)
param sessionPoolReadySessionInstances int = 5

@description('Dynamic-sessions data-plane api-version the app calls.')
param sessionPoolApiVersion string = '2025-10-02-preview'

@description('Also grant the app Contributor on the session pool: only if calls to the pool fail with 401/403 (see modules/rbac.bicep).')
param assignSessionPoolContributor bool = false

@minLength(3)
@maxLength(63)
param outputsContainerName string = 'outputs'

@minValue(1)
@description('Days after which persisted outputs are deleted.')
param outputsRetentionDays int = 7

// At most 6 days: the app refuses a longer TTL (a user delegation key lives at most 7 days), so a larger
// value would deploy and then fail every output at run time.
@minValue(1)
@maxValue(8640)
@description('Minutes an output link (SAS URL) stays valid.')
param outputsLinkTtlMinutes int = 60

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var functionAppName = 'func-api-${resourceToken}'
var deploymentContainerName = 'app-package-${resourceToken}'

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: 'id-api-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: 'log-${resourceToken}'
    applicationInsightsName: 'appi-${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: 'st${resourceToken}'
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
    outputsContainerName: outputsContainerName
    outputsRetentionDays: outputsRetentionDays
  }
}

module sessionPool 'modules/session-pool.bicep' = {
  name: 'session-pool'
  scope: rg
  params: {
    // Lower-case letters and digits only: the safe subset of the pool naming rules.
    name: 'sp${resourceToken}'
    location: location
    tags: tags
    cooldownPeriodInSeconds: sessionPoolCooldownSeconds
    maxConcurrentSessions: sessionPoolMaxConcurrentSessions
    readySessionInstances: sessionPoolReadySessionInstances
  }
}

module keyVault 'modules/key-vault.bicep' = {
  name: 'key-vault'
  scope: rg
  params: {
    name: 'kv-${resourceToken}'
    location: location
    tags: tags
    sessionIdSecret: sessionIdSecret
  }
}

module rbac 'modules/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    identityPrincipalId: identity.outputs.principalId
    sessionPoolName: sessionPool.outputs.name
    storageAccountName: storage.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    keyVaultName: keyVault.outputs.name
    sessionIdSecretName: keyVault.outputs.sessionIdSecretName
    assignSessionPoolContributor: assignSessionPoolContributor
    principalId: principalId
    principalType: principalType
  }
}

module functionApp 'modules/function-app.bicep' = {
  name: 'function-app'
  scope: rg
  params: {
    planName: 'plan-${resourceToken}'
    functionAppName: functionAppName
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    storageBlobEndpoint: storage.outputs.blobEndpoint
    deploymentContainerName: deploymentContainerName
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    sessionPoolEndpoint: sessionPool.outputs.poolManagementEndpoint
    sessionPoolApiVersion: sessionPoolApiVersion
    sessionIdSecretUri: keyVault.outputs.sessionIdSecretUri
    outputsContainerName: outputsContainerName
    outputsLinkTtlMinutes: outputsLinkTtlMinutes
  }
  // The host starts as soon as the app exists and reaches storage and the Key Vault with the identity:
  // let the roles exist first, so the first start does not fail on authorization.
  dependsOn: [
    rbac
  ]
}

// azd writes these to .azure/<env>/.env; scripts and local runs against Azure read them from there.
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output AZURE_FUNCTION_APP_URL string = 'https://${functionApp.outputs.defaultHostName}'
output SESSION_POOL_ENDPOINT string = sessionPool.outputs.poolManagementEndpoint
output OUTPUTS_STORAGE_ACCOUNT_URL string = storage.outputs.blobEndpoint
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
