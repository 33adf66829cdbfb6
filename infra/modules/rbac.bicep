// Role assignments: what the function app's identity (and, optionally, the deploying user) may do.
param identityPrincipalId string
param sessionPoolName string
param storageAccountName string
param applicationInsightsName string
param keyVaultName string
param sessionIdSecretName string

@description('Also grant Contributor on the session pool; see the comment on poolContributor.')
param assignSessionPoolContributor bool

@description('Object id of the deploying user; empty skips the testing roles.')
param principalId string

@description('What principalId is: User for an interactive login, ServicePrincipal for CI.')
param principalType string

// Built-in role definition ids.
var sessionExecutorRoleId = '0fb8eba5-a2bb-4abe-b1c1-49dfad359bb0' // Azure ContainerApps Session Executor
var contributorRoleId = 'b24988ac-6180-42a0-ab88-20f7382dd24c' // Contributor
var blobDataOwnerRoleId = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b' // Storage Blob Data Owner
var blobDataContributorRoleId = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe' // Storage Blob Data Contributor
var queueDataContributorRoleId = '974c5e8b-45b9-4653-ba55-5f855dd0fb88' // Storage Queue Data Contributor
var metricsPublisherRoleId = '3913510d-42f4-4e42-8a64-420c390055eb' // Monitoring Metrics Publisher
var secretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6' // Key Vault Secrets User

resource sessionPool 'Microsoft.App/sessionPools@2025-01-01' existing = {
  name: sessionPoolName
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource sessionIdSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' existing = {
  parent: keyVault
  name: sessionIdSecretName
}

// Lets the app run code and move files in the pool's sessions (the data-plane execute action).
resource poolExecutor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(sessionPool.id, identityPrincipalId, sessionExecutorRoleId)
  scope: sessionPool
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', sessionExecutorRoleId)
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Off by default: the dynamic-sessions docs ask for Session Executor alone to call the pool's data plane.
// One docs page also lists Contributor, and a field report saw 401s without it; if the app's calls to the
// pool are refused with 401/403 while Session Executor is assigned, set assignSessionPoolContributor.
// It is scoped to this pool only.
resource poolContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (assignSessionPoolContributor) {
  name: guid(sessionPool.id, identityPrincipalId, contributorRoleId)
  scope: sessionPool
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', contributorRoleId)
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Owner (not Contributor) because the Functions host manages its own containers in this account.
// It also carries generateUserDelegationKey, which output links are signed with, so Storage Blob
// Delegator is not assigned separately.
resource storageOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identityPrincipalId, blobDataOwnerRoleId)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', blobDataOwnerRoleId)
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// The Functions MCP extension sets up a Storage queue backplane in the host storage when it loads (its
// legacy SSE transport carries messages through it), and the MCP docs ask for queue data roles. The
// Contributor role covers the Reader and Message Processor rights those docs name.
resource storageQueueContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identityPrincipalId, queueDataContributorRoleId)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', queueDataContributorRoleId)
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// The app setting SESSION_ID_SECRET is a Key Vault reference: the platform reads the secret with the
// app's identity. Scoped to the one secret, not the vault.
resource secretUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(sessionIdSecret.id, identityPrincipalId, secretsUserRoleId)
  scope: sessionIdSecret
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', secretsUserRoleId)
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Application Insights has local auth off: publishing telemetry needs this role.
resource metricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, identityPrincipalId, metricsPublisherRoleId)
  scope: applicationInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', metricsPublisherRoleId)
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// For the deploying user: run the app locally against the real pool and storage (az login credentials).
resource userPoolExecutor 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(principalId)) {
  name: guid(sessionPool.id, principalId, sessionExecutorRoleId)
  scope: sessionPool
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', sessionExecutorRoleId)
    principalId: principalId
    principalType: principalType
  }
}

resource userBlobContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(principalId)) {
  name: guid(storage.id, principalId, blobDataContributorRoleId)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', blobDataContributorRoleId)
    principalId: principalId
    principalType: principalType
  }
}

// Lets the deploying user read SESSION_ID_SECRET, to run the app locally against the same pool or to
// carry the value to another machine's azd environment (docs/deploying.md).
resource userSecretUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(principalId)) {
  name: guid(sessionIdSecret.id, principalId, secretsUserRoleId)
  scope: sessionIdSecret
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', secretsUserRoleId)
    principalId: principalId
    principalType: principalType
  }
}
