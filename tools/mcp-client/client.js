// Connects to an MCP server over streamable HTTP with the official SDK client, lists its tools, calls
// ExecutePythonCode with the code in a file, and prints what it saw as one JSON object on stdout.
//
//   node client.js <mcp-url> <python-file>      e.g. http://127.0.0.1:7071/runtime/webhooks/mcp chart.py
//
// MCP_FUNCTIONS_KEY, when set, is sent as x-functions-key (the mcp_extension system key in Azure).
import { readFile } from 'node:fs/promises';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const [url, codeFile] = process.argv.slice(2);
if (!url || !codeFile) {
  console.error('usage: node client.js <mcp-url> <python-file>');
  process.exit(2);
}

const headers = process.env.MCP_FUNCTIONS_KEY ? { 'x-functions-key': process.env.MCP_FUNCTIONS_KEY } : {};
const transport = new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } });
const client = new Client({ name: 'code-interpreter-e2e', version: '1.0.0' });

try {
  await client.connect(transport);
  const { tools } = await client.listTools();
  const pythonCode = await readFile(codeFile, 'utf8');
  // Sandboxed Python can take longer than the SDK's 60 s default request timeout.
  const call = await client.callTool({ name: 'ExecutePythonCode', arguments: { pythonCode } }, undefined, { timeout: 300_000 });
  const report = {
    protocolVersion: transport.protocolVersion,
    sessionId: transport.sessionId,
    server: client.getServerVersion(),
    tools,
    call,
  };
  await transport.terminateSession();
  process.stdout.write(JSON.stringify(report) + '\n');
} finally {
  await client.close();
}
