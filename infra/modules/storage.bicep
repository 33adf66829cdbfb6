// One storage account for the Functions host (AzureWebJobsStorage), the deployment package and the
// persisted tool outputs. Access is Entra ID only: no account keys, no anonymous blobs.
param name string
param location string
param tags object
param deploymentContainerName string
param outputsContainerName string

@description('Blobs in the outputs container are deleted this many days after they were last written.')
param outputsRetentionDays int

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource outputsContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: outputsContainerName
  properties: {
    publicAccess: 'None'
  }
}

// Output links expire within minutes, but the blobs behind them would stay (and cost) forever without
// this rule. The prefix limits it to the outputs container: the deployment package must not expire.
resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2023-05-01' = {
  parent: storage
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'delete-expired-outputs'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
              ]
              prefixMatch: [
                '${outputsContainerName}/'
              ]
            }
            actions: {
              baseBlob: {
                delete: {
                  daysAfterModificationGreaterThan: outputsRetentionDays
                }
              }
            }
          }
        }
      ]
    }
  }
  dependsOn: [
    outputsContainer
  ]
}

output name string = storage.name
output blobEndpoint string = storage.properties.primaryEndpoints.blob
