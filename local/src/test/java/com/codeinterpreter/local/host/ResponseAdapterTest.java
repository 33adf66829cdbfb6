package com.codeinterpreter.local.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** How what a function returns becomes the HTTP response: status, headers, body, Content-Type, failures. */
class ResponseAdapterTest {
    private static LocalFunctionsHost host;
    private static HostClient client;

    @BeforeAll
    static void start() throws Exception {
        host = LocalFunctionsHost.start(0, DiscoveryTest.PACKAGE);
        client = new HostClient(host);
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    @Test
    void aCustomStatusAndHeaderReachTheCaller() {
        HostClient.Response r = client.get("/api/status/teapot");
        assertEquals(418, r.status());
        assertEquals("local-host", r.header("X-Brewed-By"));
    }

    @Test
    void anObjectBodyIsJsonWithTheJsonContentType() {
        HostClient.Response r = client.get("/api/status/teapot");
        assertEquals("application/json; charset=utf-8", r.header("Content-Type"));
        assertEquals(true, r.json().path("short").asBoolean());
        assertEquals(false, r.json().path("stout").asBoolean(true));
    }

    @Test
    void aRecordBodyIsWrittenFromItsFieldsLeavingOutNulls() {
        HostClient.Response r = client.get("/api/requests/info");
        assertEquals("RequestInfo", r.json().path("functionName").asText());
        assertFalse(r.json().has("missing"), r.text());
    }

    @Test
    void aStringBodyIsPlainTextUnlessTheFunctionSetsAType() {
        assertEquals("text/plain; charset=utf-8", client.post("/api/EchoText", "hi").header("Content-Type"));
        assertEquals("application/json", client.post("/api/EchoJson", "{}").header("Content-Type"));
    }

    @Test
    void aByteArrayBodyGetsNoContentTypeOfItsOwn() {
        assertNull(client.post("/api/ReverseBytes", new byte[] {1}).header("Content-Type"));
    }

    @Test
    void aFunctionThatReturnsNothingIs204() {
        HostClient.Response r = client.send("POST", "/api/status/ping", HttpRequest.BodyPublishers.noBody());
        assertEquals(204, r.status());
        assertEquals(0, r.bytes().length);
    }

    @Test
    void aFunctionThatThrowsIs500WithTheErrorShapeAndTheTraceLoggedOnce() {
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(Invocation.class.getName());
        logger.addHandler(capture);
        try {
            HostClient.Response r = client.get("/api/Fails");
            assertEquals(500, r.status());
            assertEquals("application/json; charset=utf-8", r.header("Content-Type"));
            assertEquals("FunctionFailed", r.errorCode());
            String message = r.errorMessage();
            assertTrue(message.startsWith("The function 'Fails' threw java.lang.IllegalStateException (invocation "), message);
            assertTrue(message.endsWith("); its stack trace is in the functions host log."), message);
            assertFalse(r.text().contains("secret detail"), "the exception's message stays in the log: " + r.text());
            assertEquals(1, records.size());
            assertEquals(Level.WARNING, records.get(0).getLevel());
            assertEquals("secret detail that must not reach the caller", records.get(0).getThrown().getMessage());
        } finally {
            logger.removeHandler(capture);
        }
    }

    @Test
    void headAnswersWithHeadersOnly() {
        HostClient.Response r = client.send("HEAD", "/api", HttpRequest.BodyPublishers.noBody());
        assertEquals(200, r.status());
        assertEquals(0, r.bytes().length);
    }
}
