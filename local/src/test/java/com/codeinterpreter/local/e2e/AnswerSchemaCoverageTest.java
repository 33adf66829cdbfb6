package com.codeinterpreter.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document's answer schemas list every field the answers really carry: each tool is called
 * for real (successes, a long call's 202, errors), and every field of every answer, at any depth, must be a
 * property of the schema the document gives for that tool and status.
 */
class AnswerSchemaCoverageTest {
    private static final ToolClient CLIENT = new ToolClient(LocalStack.shared().baseUrl);
    private static JsonNode openApi;

    @BeforeAll
    static void readTheDocument() {
        ToolClient.Answer doc = CLIENT.send(HttpRequest.newBuilder(URI.create(LocalStack.shared().baseUrl + "/api/openapi.json")).GET());
        assertEquals(200, doc.status(), doc.toString());
        openApi = doc.json();
    }

    @Test
    void everyFieldOfEveryAnswerIsInItsSchema() throws Exception {
        List<String> undeclared = new ArrayList<>();
        check("UploadFileToSession", CLIENT.call("UploadFileToSession", "path", "logs/app.log", "content", "ERROR a\nINFO b\n"), undeclared);
        check("ExecutePythonCode", CLIENT.call("ExecutePythonCode", ToolClient.fields("pythonCode",
                "import matplotlib.pyplot as plt\nplt.plot([1, 2])\nopen('/mnt/data/out.csv', 'w').write('a')\nprint('x' * 30000)\n7")), undeclared);
        check("ExecutePythonCode", CLIENT.call("ExecutePythonCode", ToolClient.fields("pythonCode", "1 / 0")), undeclared);
        check("ExecutePythonCode", CLIENT.call("ExecutePythonCode", ToolClient.fields("pythonCode", "import time\ntime.sleep(5)")
                .put("timeoutSeconds", 1)), undeclared);
        check("RunShellCommand", CLIENT.call("RunShellCommand", "command", "echo hi > made.txt; echo err >&2; exit 2"), undeclared);
        check("RunShellCommand", CLIENT.call("RunShellCommand", "command", "X=pip; $X install requests"), undeclared);
        check("ReadSessionFile", CLIENT.call("ReadSessionFile", "path", "logs/app.log"), undeclared);
        check("ReadSessionFile", CLIENT.call("ReadSessionFile", "path", "missing.txt"), undeclared);
        check("SearchSessionFiles", CLIENT.call("SearchSessionFiles", "pattern", "ERROR"), undeclared);
        check("ListSessionFiles", CLIENT.call("ListSessionFiles"), undeclared);
        check("GetSessionFile", CLIENT.call("GetSessionFile", "path", "logs/app.log"), undeclared);
        check("GeneratePdfReport", CLIENT.call("GeneratePdfReport", ToolClient.fields("pythonCode",
                "from reportlab.pdfgen import canvas\nc = canvas.Canvas('/mnt/data/r.pdf')\nc.drawString(72, 720, 'hi')\nc.save()",
                "expectedOutputFilename", "r.pdf", "saveAsFilename", "report.pdf")), undeclared);
        ToolClient.Answer accepted = CLIENT.call("ExecutePythonCode", ToolClient.fields("pythonCode", "import time\ntime.sleep(1)\n'late'")
                .put("timeoutSeconds", 600));
        check("ExecutePythonCode", accepted, undeclared);
        String executionId = accepted.json().path("executionId").asText();
        ToolClient.Answer polled;
        int polls = 0;
        do {
            polled = CLIENT.call("GetExecutionResult", "executionId", executionId);
            check("GetExecutionResult", polled, undeclared);
            Thread.sleep(200);
        } while (polled.status() == 202 && ++polls < 100);
        check("UploadFileToSession", CLIENT.call("UploadFileToSession", "path", "folder/", "content", "x"), undeclared);
        ToolClient.Answer holding = CLIENT.call("ExecutePythonCode", ToolClient.fields("pythonCode", "import time\ntime.sleep(6)").put("timeoutSeconds", 600));
        ToolClient.Answer busy = CLIENT.call("RunShellCommand", ToolClient.fields("command", "echo late").put("timeoutSeconds", 1));
        assertEquals(409, busy.status(), busy.toString());
        check("RunShellCommand", busy, undeclared);
        do {
            Thread.sleep(500);
        } while (CLIENT.call("GetExecutionResult", "executionId", holding.json().path("executionId").asText()).status() == 202);
        assertTrue(undeclared.isEmpty(), "answer fields the OpenAPI document does not list: " + undeclared);
    }

    /** Adds each field of the answer that the tool's schema for the answer's status does not declare. */
    private static void check(String tool, ToolClient.Answer answer, List<String> undeclared) {
        JsonNode response = openApi.path("paths").path("/" + tool).path("post").path("responses").path(Integer.toString(answer.status()));
        assertTrue(response.isObject(), tool + " answered " + answer.status() + ", which the document does not list: " + answer);
        JsonNode schema = response.path("content").path("application/json").path("schema");
        walk(tool + " " + answer.status(), answer.json(), resolve(schema), undeclared);
    }

    private static void walk(String where, JsonNode value, JsonNode schema, List<String> undeclared) {
        if (value.isObject()) {
            JsonNode properties = schema.path("properties");
            for (Iterator<String> names = value.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!properties.has(name)) {
                    undeclared.add(where + "." + name);
                } else {
                    walk(where + "." + name, value.get(name), resolve(properties.get(name)), undeclared);
                }
            }
        } else if (value.isArray()) {
            for (JsonNode item : value) {
                walk(where + "[]", item, resolve(schema.path("items")), undeclared);
            }
        }
    }

    private static JsonNode resolve(JsonNode schema) {
        String ref = schema.path("$ref").asText("");
        return ref.startsWith("#/components/schemas/")
                ? openApi.path("components").path("schemas").path(ref.substring("#/components/schemas/".length())) : schema;
    }
}
