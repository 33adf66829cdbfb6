package com.codeinterpreter.local.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.codeinterpreter.local.e2e.LocalStack;
import com.codeinterpreter.local.e2e.ToolClient;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every tool fed wrong types, numbers at and beyond their edges, missing and unknown fields, and lengths
 * at and beyond their limits: each gets its exact status and a message naming the field, and nothing runs.
 */
class BadInputAttackTest {
    private static final ToolClient client = Sessions.open(LocalStack.shared().baseUrl);

    @BeforeAll
    static void aFileToReadAndSearch() {
        Sessions.track(PoolAccess.KEY_HOLDER, "s".repeat(128));
        Expect.ok(client.call("UploadFileToSession", "path", "edge.txt", "content", "one\ntwo\nthree\n"));
    }

    @AfterAll
    static void deleteSessions() {
        Sessions.deleteAll();
    }

    static Stream<Arguments> wrongTypes() {
        return Stream.of(
                Arguments.of("ExecutePythonCode", "{\"pythonCode\": 5}", "'pythonCode' must be a string, was number 5"),
                Arguments.of("ExecutePythonCode", "{\"pythonCode\": \"1\", \"timeoutSeconds\": \"soon\"}", "'timeoutSeconds' must be a whole number"),
                Arguments.of("ExecutePythonCode", "{\"pythonCode\": \"1\", \"timeoutSeconds\": 1.5}", "'timeoutSeconds' must be a whole number"),
                Arguments.of("ExecutePythonCode", "{\"pythonCode\": \"1\", \"timeoutSeconds\": true}", "'timeoutSeconds' must be a whole number"),
                Arguments.of("RunShellCommand", "{\"command\": [\"ls\"]}", "'command' must be a string, was array"),
                Arguments.of("RunShellCommand", "{\"command\": \"ls\", \"isBackground\": \"maybe\"}", "'isBackground' must be true or false"),
                Arguments.of("ReadSessionFile", "{\"path\": {\"a\": 1}}", "'path' must be a string, was object"),
                Arguments.of("ReadSessionFile", "{\"path\": \"edge.txt\", \"maxLines\": [1]}", "'maxLines' must be a whole number"),
                Arguments.of("SearchSessionFiles", "{\"pattern\": 1}", "'pattern' must be a string"),
                Arguments.of("SearchSessionFiles", "{\"pattern\": \"a\", \"ignoreCase\": 1}", "'ignoreCase' must be true or false"),
                Arguments.of("ListSessionFiles", "{\"recursive\": \"yes\"}", "'recursive' must be true or false"),
                Arguments.of("GetSessionFile", "{\"path\": false}", "'path' must be a string, was boolean"),
                Arguments.of("UploadFileToSession", "{\"path\": \"a.txt\", \"content\": 5}", "'content' must be a string"),
                Arguments.of("GeneratePdfReport", "{\"pythonCode\": \"1\", \"expectedOutputFilename\": 1, \"saveAsFilename\": \"a.pdf\"}",
                        "'expectedOutputFilename' must be a string"),
                Arguments.of("GetExecutionResult", "{\"executionId\": 5}", "'executionId' must be a string"),
                Arguments.of("ListSessionFiles", "{\"sessionId\": 5}", "'sessionId' must be a string"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource
    void wrongTypes(String tool, String body, String message) {
        Expect.error(client.post(tool, body, "application/json"), 400, "InvalidRequest", message);
    }

    static Stream<Arguments> numbersAtAndBeyondTheirEdges() {
        return Stream.of(
                Arguments.of("ExecutePythonCode", "{\"pythonCode\": \"1\", \"timeoutSeconds\": 0}", 400),
                Arguments.of("ExecutePythonCode", "{\"pythonCode\": \"1\", \"timeoutSeconds\": 1}", 200),
                Arguments.of("ExecutePythonCode", "{\"pythonCode\": \"1\", \"timeoutSeconds\": 901}", 400),
                Arguments.of("ExecutePythonCode", "{\"pythonCode\": \"1\", \"timeoutSeconds\": -1}", 400),
                Arguments.of("ExecutePythonCode", "{\"pythonCode\": \"1\", \"timeoutSeconds\": 2147483648}", 400),
                Arguments.of("ExecutePythonCode", "{\"pythonCode\": \"1\", \"timeoutSeconds\": 18446744073709551621}", 400),
                Arguments.of("ExecutePythonCode", "{\"pythonCode\": \"1\", \"timeoutSeconds\": 1e400}", 400),
                Arguments.of("ExecutePythonCode", "{\"pythonCode\": \"1\", \"timeoutSeconds\": -1e400}", 400),
                Arguments.of("RunShellCommand", "{\"command\": \"true\", \"timeoutSeconds\": 0}", 400),
                Arguments.of("RunShellCommand", "{\"command\": \"true\", \"timeoutSeconds\": 1}", 200),
                Arguments.of("RunShellCommand", "{\"command\": \"true\", \"timeoutSeconds\": 241}", 400),
                Arguments.of("GeneratePdfReport", "{\"pythonCode\": \"1\", \"expectedOutputFilename\": \"r.pdf\", \"saveAsFilename\": \"r.pdf\", "
                        + "\"timeoutSeconds\": 901}", 400),
                Arguments.of("ReadSessionFile", "{\"path\": \"edge.txt\", \"startLine\": 0}", 400),
                Arguments.of("ReadSessionFile", "{\"path\": \"edge.txt\", \"startLine\": 1}", 200),
                Arguments.of("ReadSessionFile", "{\"path\": \"edge.txt\", \"startLine\": 2147483647}", 200),
                Arguments.of("ReadSessionFile", "{\"path\": \"edge.txt\", \"maxLines\": 0}", 400),
                Arguments.of("ReadSessionFile", "{\"path\": \"edge.txt\", \"maxLines\": 1}", 200),
                Arguments.of("ReadSessionFile", "{\"path\": \"edge.txt\", \"maxLines\": 20000}", 200),
                Arguments.of("ReadSessionFile", "{\"path\": \"edge.txt\", \"maxLines\": 20001}", 400),
                Arguments.of("ReadSessionFile", "{\"path\": \"edge.txt\", \"maxLines\": 18446744073709553616}", 400),
                Arguments.of("SearchSessionFiles", "{\"pattern\": \"t\", \"maxResults\": 0}", 400),
                Arguments.of("SearchSessionFiles", "{\"pattern\": \"t\", \"maxResults\": 1}", 200),
                Arguments.of("SearchSessionFiles", "{\"pattern\": \"t\", \"maxResults\": 1000}", 200),
                Arguments.of("SearchSessionFiles", "{\"pattern\": \"t\", \"maxResults\": 1001}", 400));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource
    void numbersAtAndBeyondTheirEdges(String tool, String body, int status) {
        ToolClient.Answer answer = client.post(tool, body.replace("{", "{\"sessionId\": \"" + client.sessionId + "\", "), "application/json");
        assertEquals(status, answer.status(), answer.toString());
        if (status == 400) {
            assertEquals("InvalidRequest", answer.errorCode(), answer.toString());
        }
    }

    static Stream<Arguments> missingRequiredFields() {
        return Stream.of(
                Arguments.of("ExecutePythonCode", "{}", "'pythonCode' is required"),
                Arguments.of("ExecutePythonCode", "{\"pythonCode\": \"   \"}", "'pythonCode' is required"),
                Arguments.of("RunShellCommand", "{\"explanation\": \"x\"}", "'command' is required"),
                Arguments.of("ReadSessionFile", "{}", "'path' is required"),
                Arguments.of("SearchSessionFiles", "{\"path\": \"edge.txt\"}", "'pattern' is required"),
                Arguments.of("GetSessionFile", "{\"saveAsFilename\": \"x.txt\"}", "'path' is required"),
                Arguments.of("UploadFileToSession", "{\"path\": \"x.txt\"}", "Give exactly one of 'content'"),
                Arguments.of("UploadFileToSession", "{\"content\": \"x\"}", "'path' is required"),
                Arguments.of("GeneratePdfReport", "{\"pythonCode\": \"1\", \"expectedOutputFilename\": \"r.pdf\"}", "'saveAsFilename' is required"),
                Arguments.of("GeneratePdfReport", "{\"pythonCode\": \"1\", \"saveAsFilename\": \"r.pdf\"}", "'expectedOutputFilename' is required"),
                Arguments.of("GetExecutionResult", "{\"sessionId\": \"s\"}", "'executionId' is required"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource
    void missingRequiredFields(String tool, String body, String message) {
        Expect.error(client.post(tool, body, "application/json"), 400, "InvalidRequest", message);
    }

    static Stream<Arguments> unknownFieldsAreNamedWithTheValidOnes() {
        return Stream.of(
                Arguments.of("ExecutePythonCode", "ExecutePythonCode does not take timeout. Its parameters are: pythonCode, sessionId, timeoutSeconds."),
                Arguments.of("RunShellCommand", "RunShellCommand does not take timeout. Its parameters are: command, explanation, isBackground, "),
                Arguments.of("ReadSessionFile", "ReadSessionFile does not take timeout. Its parameters are: maxLines, path, sessionId, startColumn, startLine, tailLines."),
                Arguments.of("SearchSessionFiles", "SearchSessionFiles does not take timeout. Its parameters are: glob, ignoreCase, maxResults, "),
                Arguments.of("ListSessionFiles", "ListSessionFiles does not take timeout. Its parameters are: cursor, path, recursive, sessionId."),
                Arguments.of("GetSessionFile", "GetSessionFile does not take timeout. Its parameters are: path, saveAsFilename, sessionId."),
                Arguments.of("UploadFileToSession", "UploadFileToSession does not take timeout. Its parameters are: content, contentBase64, path, "),
                Arguments.of("GeneratePdfReport", "GeneratePdfReport does not take timeout. Its parameters are: expectedOutputFilename, "),
                Arguments.of("GetExecutionResult", "GetExecutionResult does not take timeout. Its parameters are: executionId, sessionId."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void unknownFieldsAreNamedWithTheValidOnes(String tool, String message) {
        Expect.error(client.post(tool, "{\"timeout\": 5}", "application/json"), 400, "InvalidRequest", message);
    }

    static Stream<Arguments> lengthsAtAndBeyondTheirLimits() {
        String name255 = "n".repeat(251) + ".txt";
        return Stream.of(
                Arguments.of("ExecutePythonCode", Expect.body("pythonCode", "#".repeat(19_999) + "\n"), 200),
                Arguments.of("ExecutePythonCode", Expect.body("pythonCode", "#".repeat(20_000) + "\n"), 400),
                Arguments.of("RunShellCommand", Expect.body("command", "true " + " ".repeat(19_995)), 200),
                Arguments.of("RunShellCommand", Expect.body("command", "true " + " ".repeat(19_996)), 400),
                Arguments.of("ListSessionFiles", Expect.body("sessionId", "s".repeat(128)), 200),
                Arguments.of("ListSessionFiles", Expect.body("sessionId", "s".repeat(129)), 400),
                Arguments.of("ListSessionFiles", Expect.body("sessionId", ""), 400),
                Arguments.of("UploadFileToSession", Expect.body("path", ("d/").repeat(510) + "x.txt", "content", "deep"), 400),
                Arguments.of("UploadFileToSession", Expect.body("path", ("d/").repeat(509) + "xy.txt", "content", "deep"), 200),
                Arguments.of("UploadFileToSession", Expect.body("path", name255, "content", "long name"), 200),
                Arguments.of("UploadFileToSession", Expect.body("path", "n" + name255, "content", "long name"), 400),
                Arguments.of("UploadFileToSession", Expect.body("path", "é".repeat(126) + ".tx", "content", "255 bytes"), 200),
                Arguments.of("UploadFileToSession", Expect.body("path", "é".repeat(128), "content", "256 bytes"), 400),
                Arguments.of("SearchSessionFiles", Expect.body("pattern", "t".repeat(1000)), 200),
                Arguments.of("SearchSessionFiles", Expect.body("pattern", "t".repeat(1001)), 400),
                Arguments.of("SearchSessionFiles", Expect.body("pattern", "t", "glob", "*".repeat(256)), 400),
                Arguments.of("GetSessionFile", Expect.body("path", "edge.txt", "saveAsFilename", "s".repeat(256)), 400));
    }

    @ParameterizedTest(name = "{0} #{index} -> {2}")
    @MethodSource
    void lengthsAtAndBeyondTheirLimits(String tool, ObjectNode body, int status) {
        ToolClient.Answer answer = client.call(tool, body);
        assertEquals(status, answer.status(), answer.toString());
        if (status == 400) {
            assertEquals("InvalidRequest", answer.errorCode(), answer.toString());
        }
        if (tool.equals("UploadFileToSession")) {
            String path = body.path("path").asText();
            String name = path.substring(path.lastIndexOf('/') + 1);
            boolean stored = Expect.ok(client.call("ListSessionFiles", Expect.body("recursive", true))).path("files").findValuesAsText("name")
                    .contains(name);
            assertEquals(status == 200, stored, "stored only when accepted: " + name);
        }
    }
}
