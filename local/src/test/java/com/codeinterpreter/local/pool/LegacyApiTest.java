package com.codeinterpreter.local.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The 2024-02-02-preview API that LangChain, Semantic Kernel, AutoGen and LlamaIndex use. */
class LegacyApiTest {
    private final PoolClient client = new PoolClient(TestPools.shared());
    private final String id = PoolClient.newIdentifier();

    @org.junit.jupiter.api.AfterEach
    void deleteSession() {
        client.delete("/session" + PoolClient.query(PoolClient.CURRENT, id));
    }

    private JsonNode execute(String code) {
        PoolClient.Response r = client.postJson("/code/execute" + PoolClient.query(PoolClient.LEGACY, id),
                "{\"properties\":{\"codeInputType\":\"inline\",\"executionType\":\"synchronous\",\"code\":"
                        + PoolClient.JSON.valueToTree(code) + "}}");
        assertEquals(200, r.status(), r.text());
        return r.json();
    }

    @Test
    void executeReturnsSuccessAndATypedResult() {
        JsonNode r = execute("print('hi')\n1+1");
        assertEquals("1", r.path("$id").asText());
        JsonNode p = r.path("properties");
        assertEquals("Success", p.path("status").asText());
        assertEquals("hi\n", p.path("stdout").asText());
        assertTrue(p.path("result").isInt());
        assertEquals(2, p.path("result").asInt());
        assertTrue(p.has("executionTimeInMilliseconds"));
    }

    @Test
    void nonJsonResultsComeBackAsText() {
        assertEquals("{1, 2}", execute("{1, 2}").path("properties").path("result").asText());
        assertEquals(42, execute("{'a': [1, 42]}").path("properties").path("result").path("a").get(1).asInt());
    }

    @Test
    void anExceptionIsFailureWithTheTracebackInStderr() {
        JsonNode p = execute("raise ValueError('bad value')").path("properties");
        assertEquals("Failure", p.path("status").asText());
        assertTrue(p.path("stderr").asText().contains("ValueError: bad value"));
    }

    @Test
    void aShownFigureIsTheImageResultAndIsClosedAfterTheCell() {
        JsonNode p = execute("import matplotlib.pyplot as plt\nplt.plot([1, 2, 3])\nplt.show()").path("properties");
        assertEquals("Success", p.path("status").asText(), p.toString());
        assertEquals("", p.path("stderr").asText(), "no warning that Agg cannot show");
        JsonNode result = p.path("result");
        assertEquals("image", result.path("type").asText(), p.toString());
        assertEquals("png", result.path("format").asText());
        byte[] png = java.util.Base64.getDecoder().decode(result.path("base64_data").asText());
        assertEquals("PNG", new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(0, execute("import matplotlib.pyplot as plt\nlen(plt.get_fignums())").path("properties").path("result").asInt(),
                "a notebook closes the cell's figures once shown");
        assertTrue(execute("x = 1").path("properties").path("result").isNull());
    }

    @Test
    void tracebacksNameTheCellAsIPythonDoes() {
        String stderr = execute("def f():\n    return 1 / 0\nf()").path("properties").path("stderr").asText();
        assertTrue(stderr.contains("Cell In["), stderr);
        assertTrue(stderr.matches("(?s).*Cell In\\[\\d+\\], line 2, in f\\(\\).*"), stderr);
        assertTrue(!stderr.contains("<cell-"), stderr);
        assertTrue(stderr.contains("ZeroDivisionError: division by zero"), stderr);
    }

    @Test
    void aFlatBodyIsRejectedWithSessionPropertiesMissing() {
        PoolClient.Response r = client.postJson("/code/execute" + PoolClient.query(PoolClient.LEGACY, id), "{\"code\":\"1\"}");
        assertEquals(400, r.status());
        assertEquals("SessionPropertiesMissing", r.errorCode());
        assertEquals("SessionPropertiesMissing", r.header("x-ms-error-code"));
    }

    @Test
    void filesUploadListAndContent() {
        PoolClient.Response up = client.upload("/files/upload" + PoolClient.query(PoolClient.LEGACY, id), "/mnt/data/legacy.csv", "a,b\n1,2\n".getBytes());
        assertEquals(200, up.status(), up.text());
        JsonNode props = up.json().path("value").get(0).path("properties");
        assertEquals("legacy.csv", props.path("filename").asText());
        assertEquals(8, props.path("size").asInt());
        JsonNode list = client.get("/files" + PoolClient.query(PoolClient.LEGACY, id)).json();
        assertEquals("legacy.csv", list.path("value").get(0).path("properties").path("filename").asText());
        assertTrue(list.path("value").get(0).path("properties").has("lastModifiedTime"));
        assertEquals("a,b\n1,2\n", client.get("/files/content/legacy.csv" + PoolClient.query(PoolClient.LEGACY, id)).text());
        assertEquals("Success", execute("import pandas as pd\npd.read_csv('legacy.csv').b.sum()").path("properties").path("status").asText());
    }

    @Test
    void theCurrentRoutesNeedACurrentVersion() {
        PoolClient.Response r = client.postJson("/executions" + PoolClient.query(PoolClient.LEGACY, id), "{\"code\":\"1\"}");
        assertEquals(400, r.status());
        assertEquals("UnsupportedApiVersion", r.errorCode());
        assertTrue(r.json().path("error").path("message").asText().contains("/code/execute"));
    }
}
