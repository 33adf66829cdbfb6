// The user-assigned identity the function app runs as. User-assigned rather than system-assigned so its
// role assignments can be made before the app exists, and survive the app being recreated.
param name string
param location string
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output principalId string = identity.properties.principalId
output clientId string = identity.properties.clientId
