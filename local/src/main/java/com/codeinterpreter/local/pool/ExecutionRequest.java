package com.codeinterpreter.local.pool;

import com.codeinterpreter.local.sandbox.Kernel;
import com.codeinterpreter.local.sandbox.KernelReply;
import com.codeinterpreter.sessions.SessionPoolServiceVersion;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * What a caller asked to run, validated: Python {@code code}, or a {@code command} (the Shell pools'
 * {@code shellCommand} and {@code execCommandAndArgs}), which runs in the same session's sandbox.
 *
 * @param figure whether a figure the code shows becomes the result (the legacy API's image result)
 */
record ExecutionRequest(String code, List<String> command, String stdin, boolean asynchronous, int timeoutSeconds,
                        int maxOutput, boolean jupyterFormat, boolean figure) {
    static final int DEFAULT_TIMEOUT_SECONDS = 120;
    static final int DEFAULT_OUTPUT_LENGTH = 4096;
    private static final int MAX_OUTPUT_LENGTH = 1 << 20;

    /** A legacy {@code /code/execute} request: Python, synchronous, a shown figure as its result. */
    static ExecutionRequest legacy(String code, int timeoutSeconds) {
        return new ExecutionRequest(code, null, null, false, timeoutSeconds, DEFAULT_OUTPUT_LENGTH, false, true);
    }

    boolean isCommand() {
        return command != null;
    }

    KernelReply runIn(Kernel kernel) {
        return isCommand() ? kernel.run(command, stdin, timeoutSeconds, maxOutput) : kernel.execute(code, timeoutSeconds, maxOutput, figure);
    }

    /** A {@code POST /executions} body. */
    static ExecutionRequest parse(ObjectNode body, SessionPoolServiceVersion version, int maxTimeoutSeconds) {
        if (body.has("properties") && !body.has("code")) {
            throw ApiException.badRequest("SessionPropertiesMissing", "POST /executions with api-version " + version.getVersion()
                    + " takes a flat body {codeInputType, executionType, code, timeoutInSeconds}; remove the 'properties' wrapper "
                    + "(that shape belongs to POST /code/execute with api-version 2024-02-02-preview).");
        }
        List<String> command = command(body);
        String code = null;
        if (command == null) {
            String inputType = text(body, "codeInputType", "Inline");
            code = requiredText(body, "code", "; send Python in 'code', or a command in 'shellCommand' or 'execCommandAndArgs'");
            code = switch (inputType.toLowerCase(Locale.ROOT)) {
                case "inline", "inlinetext" -> code;
                case "inlinebase64" -> decodeBase64(code);
                default -> throw ApiException.badRequest("InvalidRequestBody", "codeInputType must be Inline, InlineBase64 or InlineText, was '" + inputType + "'.");
            };
        } else if (body.has("code")) {
            throw ApiException.badRequest("InvalidRequestBody", "Send either 'code' (Python) or a command ('shellCommand' or "
                    + "'execCommandAndArgs'), not both.");
        }
        String type = text(body, "executionType", "Synchronous");
        boolean asynchronous = switch (type.toLowerCase(Locale.ROOT)) {
            case "synchronous" -> false;
            case "asynchronous" -> true;
            default -> throw ApiException.badRequest("InvalidRequestBody", "executionType must be Synchronous or Asynchronous, was '" + type + "'.");
        };
        JsonNode stdin = body.get("stdin");
        if (stdin != null && !stdin.isNull() && (!stdin.isTextual() || command == null)) {
            throw ApiException.badRequest("InvalidRequestBody", "'stdin' must be a string, and goes with 'shellCommand' or 'execCommandAndArgs'.");
        }
        int timeout = integer(body, "timeoutInSeconds", DEFAULT_TIMEOUT_SECONDS, 1, maxTimeoutSeconds);
        int maxOutput = integer(body, "outputStreamsMaxLength", DEFAULT_OUTPUT_LENGTH, 1, MAX_OUTPUT_LENGTH);
        boolean jupyter = body.path("returnJupyterFormatExecutionResult").asBoolean(false) || body.path("returnJupyterFormat").asBoolean(false);
        return new ExecutionRequest(code, command, stdin == null || stdin.isNull() ? null : stdin.asText(), asynchronous, timeout,
                maxOutput, jupyter, false);
    }

    /** The command of a Shell-style body, or null for Python: {@code shellCommand} runs in bash, the other as given. */
    private static List<String> command(ObjectNode body) {
        JsonNode shell = body.get("shellCommand");
        JsonNode exec = body.get("execCommandAndArgs");
        if (shell != null && exec != null) {
            throw ApiException.badRequest("InvalidRequestBody", "Send 'shellCommand' or 'execCommandAndArgs', not both.");
        }
        if (shell != null) {
            if (!shell.isTextual() || shell.asText().isBlank()) {
                throw ApiException.badRequest("InvalidRequestBody", "'shellCommand' must be a non-empty string, for example \"ls -la\".");
            }
            return List.of("/bin/bash", "-c", shell.asText());
        }
        if (exec != null) {
            List<String> argv = new ArrayList<>();
            if (exec.isArray()) {
                exec.forEach(a -> argv.add(a.isTextual() ? a.asText() : null));
            }
            if (argv.isEmpty() || argv.contains(null)) {
                throw ApiException.badRequest("InvalidRequestBody", "'execCommandAndArgs' must be a non-empty array of strings, "
                        + "the program first, for example [\"ls\", \"-a\"].");
            }
            return List.copyOf(argv);
        }
        return null;
    }

    static String requiredText(JsonNode body, String field, String hint) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            throw ApiException.badRequest("InvalidRequestBody", "The request body has no '" + field + "'" + hint + ".");
        }
        if (!node.isTextual()) {
            throw ApiException.badRequest("InvalidRequestBody", "'" + field + "' must be a string.");
        }
        return node.asText();
    }

    private static String text(JsonNode body, String field, String fallback) {
        JsonNode node = body.get(field);
        return node == null || node.isNull() ? fallback : node.asText();
    }

    static int integer(JsonNode body, String field, int fallback, int min, int max) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isIntegralNumber() || node.asLong() < min || node.asLong() > max) {
            throw ApiException.badRequest("InvalidRequestBody", "'" + field + "' must be a whole number from " + min + " to " + max + ", was " + node + ".");
        }
        return node.asInt();
    }

    private static String decodeBase64(String code) {
        try {
            return new String(Base64.getDecoder().decode(code), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("InvalidRequestBody", "codeInputType is InlineBase64 but 'code' is not valid base64.");
        }
    }
}
