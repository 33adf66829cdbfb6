package com.codeinterpreter.tools;

import com.codeinterpreter.sessions.PoolExecution;
import com.codeinterpreter.sessions.SessionPoolClient;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Runs one tool operation in a session in one round trip: the code sent is a call of the helper module
 * ({@code runner.py}) that lives in the session's kernel, and the helper's JSON reply comes back as the
 * execution's result.
 *
 * <p>The helper is installed on first use in each kernel (a kernel that restarted or a new session
 * answers "install me", and the call is repeated with the helper's source), after its guardrails
 * ({@code guard.py} and {@code guard_static.py}). The module names carry a hash of all three sources, so a
 * new deployment never talks to an old helper.
 */
public final class SessionRunner {
    static final ObjectMapper JSON = new ObjectMapper();
    /** The helper's modules in the order they are installed; each is named {@link #MODULE} plus its suffix. */
    private static final List<Helper> HELPERS = List.of(new Helper("guard.py", "guard"), new Helper("guard_static.py", "guard_static"),
            new Helper("runner.py", ""));
    private static final String MODULE = "__code_interpreter_" + hash(HELPERS.stream().map(Helper::source)
            .collect(Collectors.joining("\0"))) + "__";
    private static final String INSTALL_ME = "__install__";

    private final SessionPoolClient client;

    public SessionRunner(SessionPoolClient client) {
        this.client = client;
    }

    SessionPoolClient client() {
        return client;
    }

    /** The helper's reply with the pool's record of the execution; {@code reply} is null when the helper gave none. */
    record Call(PoolExecution execution, JsonNode reply) {
    }

    /**
     * Runs an operation synchronously.
     *
     * @param poolTimeoutSeconds the pool's own limit: the helper enforces the user's timeout itself, this is the backstop
     * @param maxOutput          the longest stdout/stderr the pool returns
     */
    Call run(String identifier, Map<String, Object> request, int poolTimeoutSeconds, int maxOutput) {
        String args = literal(request);
        PoolExecution execution = client.execute(identifier, dispatchCell(args), poolTimeoutSeconds, maxOutput);
        if (INSTALL_ME.equals(execution.executionResult())) {
            execution = client.execute(identifier, installCell(args), poolTimeoutSeconds, maxOutput);
        }
        return new Call(execution, parse(execution));
    }

    /** Starts an operation asynchronously (always with the helper's source, as the kernel's state is unknown). */
    PoolExecution start(String identifier, Map<String, Object> request, int poolTimeoutSeconds, int maxOutput) {
        return client.start(identifier, installCell(literal(request)), poolTimeoutSeconds, maxOutput);
    }

    /** The state of an asynchronous operation; a finished one carries the helper's reply. */
    Call poll(String identifier, String executionId) {
        PoolExecution execution = client.poll(identifier, executionId);
        return new Call(execution, parse(execution));
    }

    private static String dispatchCell(String args) {
        return "__import__('sys').modules['" + MODULE + "'].dispatch(globals(), " + args + ") if " + installed()
                + " else '" + INSTALL_ME + "'";
    }

    /** Installs the guardrails, then the helper (unless a call that raced this one did), then calls it. */
    private static String installCell(String args) {
        return "if not " + installed() + ": " + HELPERS.stream().map(SessionRunner::execInto).collect(Collectors.joining("; ")) + "\n"
                + "__import__('sys').modules['" + MODULE + "'].dispatch(globals(), " + args + ")";
    }

    /** True in the kernel once the helper is complete (a failed install leaves a module without dispatch). */
    private static String installed() {
        return "hasattr(__import__('sys').modules.get('" + MODULE + "'), 'dispatch')";
    }

    /** Runs a helper's source as the body of its module ({@code <code interpreter guard.py>} in tracebacks). */
    private static String execInto(Helper helper) {
        String module = MODULE + helper.suffix();
        return "exec(compile(" + pythonString(helper.source()) + ", '<code interpreter " + helper.resource() + ">', 'exec'), "
                + "__import__('sys').modules.setdefault('" + module + "', __import__('types').ModuleType('" + module + "')).__dict__)";
    }

    /** One of the helper's Python sources, a resource next to this class. */
    private record Helper(String resource, String suffix, String source) {
        Helper(String resource, String suffix) {
            this(resource, suffix, load(resource));
        }
    }

    /** The request as a Python string literal holding JSON. */
    private static String literal(Map<String, Object> request) {
        try {
            return pythonString(JSON.writeValueAsString(request));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("request is not serialisable", e);
        }
    }

    /** A JSON string literal is a valid Python string literal (Jackson leaves non-ASCII characters unescaped). */
    private static String pythonString(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(PoolExecution execution) {
        String result = execution.executionResult();
        if (result == null || !result.startsWith("{")) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(result);
            return node.path("ci").asInt() == 1 ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String load(String resource) {
        try (InputStream in = SessionRunner.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException(resource + " is missing from the build", e);
        }
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
