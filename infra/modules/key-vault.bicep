// The Key Vault that holds SESSION_ID_SECRET. The function app reads it through a Key Vault reference
// in its app settings, so the value is in neither the app's configuration nor its deployment history.
// Access is RBAC only (no access policies): the app's identity gets Key Vault Secrets User on this one
// secret (rbac.bicep).
param name string
param location string
param tags object

@secure()
@description('The HMAC key. azd generates it once per environment and passes the same value on every provision.')
param sessionIdSecret string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    // Soft delete cannot be turned off; the shortest retention lets `azd down --purge` and a fresh
    // `azd up` with the same environment name go through without a long wait. Purge protection stays
    // off for the same reason: it cannot be switched off again once on.
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }
}

// Each provision writes the value it was given. azd passes the one it generated and stored for the
// environment, so the value stays the same (a write may add a new version, with the same value).
resource secret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'session-id-secret'
  properties: {
    value: sessionIdSecret
    contentType: 'HMAC key for session identifiers'
  }
}

output name string = vault.name
output sessionIdSecretName string = secret.name
// Without a version, so the app follows the secret's latest version.
output sessionIdSecretUri string = secret.properties.secretUri
