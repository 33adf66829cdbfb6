package com.codeinterpreter.local.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Which function a request reaches: routes under /api, methods, and the 404 and 405 answers. */
class RoutingTest {
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
    void aFunctionIsServedUnderApiAtItsRoute() {
        assertEquals("you said: hi", client.post("/api/EchoText", "hi").text());
        assertEquals(200, client.get("/api/requests/info").status());
    }

    @Test
    void routesIgnoreCaseAndATrailingSlashAsInTheRealHost() {
        assertEquals("you said: hi", client.post("/api/echotext/", "hi").text());
        assertEquals(200, client.get("/API/Requests/Info").status());
    }

    @Test
    void anUnknownRouteIs404WithAJsonError() {
        HostClient.Response r = client.get("/api/nothing-here");
        assertEquals(404, r.status());
        assertEquals("application/json; charset=utf-8", r.header("Content-Type"));
        assertEquals("NotFound", r.errorCode());
        assertEquals("No function serves /api/nothing-here. GET /api lists the functions and their routes.", r.errorMessage());
        assertEquals(404, client.post("/EchoText", "outside the /api prefix").status());
        assertEquals(404, client.get("/api/requests/info/more").status());
    }

    @Test
    void aMethodTheFunctionDoesNotTakeIs405AndListsTheOnesItTakes() {
        HostClient.Response r = client.get("/api/EchoBytes");
        assertEquals(405, r.status());
        assertEquals("MethodNotAllowed", r.errorCode());
        assertEquals("POST, PUT", r.header("Allow"));
        assertEquals("GET is not allowed on /api/EchoBytes; it takes POST, PUT.", r.errorMessage());
    }

    @Test
    void aGetOnlyFunctionRefusesPost() {
        HostClient.Response r = client.post("/api/requests/info", "{}");
        assertEquals(405, r.status());
        assertEquals("GET", r.header("Allow"));
    }

    @Test
    void aTriggerWithoutMethodsTakesEveryMethod() {
        for (String method : new String[] {"GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"}) {
            assertEquals(500, client.send(method, "/api/Fails", HttpRequest.BodyPublishers.noBody()).status(), method);
        }
    }

    @Test
    void getApiListsTheFunctionsForTheReadyCheck() {
        HostClient.Response r = client.get("/api");
        assertEquals(200, r.status());
        assertEquals("application/json; charset=utf-8", r.header("Content-Type"));
        JsonNode functions = r.json().path("functions");
        assertEquals(8, functions.size());
        JsonNode info = null;
        for (JsonNode f : functions) {
            if (f.path("name").asText().equals("RequestInfo")) {
                info = f;
            }
        }
        assertEquals("{\"name\":\"RequestInfo\",\"route\":\"api/requests/info\",\"methods\":[\"GET\"],\"authLevel\":\"ADMIN\"}",
                String.valueOf(info));
        assertEquals(r.json(), client.get("/").json());
        assertEquals(405, client.post("/api", "x").status());
    }

    @Test
    void functionKeysAreNotCheckedLocally() {
        // RequestInfo is authLevel ADMIN: in Azure it needs the master key, locally (like func start) nothing.
        assertEquals(200, client.get("/api/requests/info").status());
        assertTrue(client.get("/api/requests/info?code=wrong").text().contains("\"code\":\"wrong\""));
    }
}
