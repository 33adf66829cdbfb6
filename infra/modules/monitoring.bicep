// Log Analytics + workspace-based Application Insights. Local (instrumentation key) auth is off, so
// telemetry is accepted only from identities holding Monitoring Metrics Publisher (see rbac.bicep).
param logAnalyticsName string
param applicationInsightsName string
param location string
param tags object

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
    DisableLocalAuth: true
  }
}

// The operators' view of the tool calls: the queries read the one event per call the app logs
// (workbook.json; docs/operating.md says what each field means). WorkbookContractTest holds the queries to
// the event's field names.
resource callsWorkbook 'Microsoft.Insights/workbooks@2023-06-01' = {
  name: guid(applicationInsights.id, 'code-interpreter-tool-calls')
  location: location
  tags: tags
  kind: 'shared'
  properties: {
    displayName: 'Code interpreter: tool calls'
    category: 'workbook'
    version: 'Notebook/1.0'
    sourceId: applicationInsights.id
    serializedData: loadTextContent('workbook.json')
  }
}

output applicationInsightsName string = applicationInsights.name
output workbookName string = callsWorkbook.properties.displayName
output connectionString string = applicationInsights.properties.ConnectionString
