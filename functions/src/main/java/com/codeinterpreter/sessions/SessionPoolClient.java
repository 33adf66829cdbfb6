package com.codeinterpreter.sessions;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.codeinterpreter.calls.CallTrace;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A client of the dynamic-sessions data plane (Azure Container Apps, or the local pool that speaks the
 * same protocol): code execution and files, over azure-core pipelines built once per process. Made by
 * {@link SessionPoolClientBuilder}.
 *
 * <p>Thread-safe. Failures of the pool are {@link SessionPoolException}s; failures of the user's code are
 * results.
 */
public final class SessionPoolClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int UPLOAD_SLICE = 64 * 1024;

    private final HttpPipeline calls;
    private final HttpPipeline transfers;
    private final String endpoint;
    private final SessionPoolServiceVersion version;
    private final ExecutionProtocol protocol;

    /**
     * Built by {@link SessionPoolClientBuilder}.
     *
     * @param calls     the pipeline for small JSON calls (executions)
     * @param transfers the pipeline for file uploads and downloads, which must stream
     * @param endpoint  the pool management endpoint, without a trailing slash
     * @param version   the data-plane api-version, which selects the request shapes
     */
    SessionPoolClient(HttpPipeline calls, HttpPipeline transfers, String endpoint, SessionPoolServiceVersion version) {
        this.calls = calls;
        this.transfers = transfers;
        this.endpoint = endpoint;
        this.version = version;
        this.protocol = ExecutionProtocol.of(version);
    }

    /** Runs code synchronously and returns how it ended. */
    public PoolExecution execute(String identifier, String code, int timeoutSeconds, int maxOutputLength) {
        return execute(identifier, code, timeoutSeconds, maxOutputLength, UUID.randomUUID().toString());
    }

    /**
     * Runs code synchronously as the execution {@code operationId} (sent as the {@code operation-id} header, which
     * the service takes as the execution's id), so that the caller knows the id before the answer comes.
     */
    public PoolExecution execute(String identifier, String code, int timeoutSeconds, int maxOutputLength, String operationId) {
        return submit(identifier, code, timeoutSeconds, maxOutputLength, false, operationId);
    }

    /**
     * Starts code asynchronously; the result is usually {@code RUNNING}, with the id to {@link #poll} with.
     *
     * @throws SessionPoolException {@code AsyncNotSupported} when the api-version is a legacy one
     */
    public PoolExecution start(String identifier, String code, int timeoutSeconds, int maxOutputLength) {
        return start(identifier, code, timeoutSeconds, maxOutputLength, UUID.randomUUID().toString());
    }

    /** Starts code asynchronously as the execution {@code operationId}; see {@link #start(String, String, int, int)}. */
    public PoolExecution start(String identifier, String code, int timeoutSeconds, int maxOutputLength, String operationId) {
        if (!version.runsAsynchronously()) {
            throw new SessionPoolException(0, "AsyncNotSupported", "api-version " + version.getVersion()
                    + " cannot run code asynchronously; set SESSION_POOL_API_VERSION to "
                    + SessionPoolServiceVersion.getLatest().getVersion() + ".", false, null);
        }
        return submit(identifier, code, timeoutSeconds, maxOutputLength, true, operationId);
    }

    private PoolExecution submit(String identifier, String code, int timeoutSeconds, int maxOutputLength, boolean async,
                                 String operationId) {
        // Not repeatable: code that failed half way may already have changed the session.
        HttpRequest request = PoolRequest.once(HttpMethod.POST, url(protocol.executePath(), identifier, null))
                .setHeader(HttpHeaderName.CONTENT_TYPE, "application/json")
                .setHeader(HttpHeaderName.fromString("operation-id"), operationId)
                .setBody(json(protocol.executeBody(code, timeoutSeconds, maxOutputLength, async)));
        return CallTrace.timed(CallTrace.Phase.POOL, () -> {
            long started = System.nanoTime();
            try (HttpResponse response = send(request)) {
                PoolExecution execution = protocol.parse(readJson(response), operationId);
                // The pool's own figure is the time the code ran; the rest of the round trip went on the session.
                CallTrace.current().executed(System.nanoTime() - started, execution.durationMs());
                return execution;
            }
        });
    }

    /** The current state of an asynchronous execution. */
    public PoolExecution poll(String identifier, String executionId) {
        HttpRequest request = PoolRequest.repeatable(HttpMethod.GET, url("executions/" + encode(executionId), identifier, null));
        try (HttpResponse response = send(request)) {
            return protocol.parse(readJson(response), executionId);
        }
    }

    /** Uploads a file into a folder of the session ({@code null} for /mnt/data itself). */
    public void upload(String identifier, String directory, String fileName, byte[] content) {
        String boundary = "----code-interpreter-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + fileName.replace("\"", "%22") + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        // Views on the arrays, not a stream: the retry policy copies a body that cannot be read twice whole into
        // memory (a second 100 MB for a 100 MB upload), while views are resent as they are. Slices, because
        // the JDK client's socket writes copy each heap buffer whole into a temporary direct buffer.
        List<ByteBuffer> body = new ArrayList<>();
        body.add(ByteBuffer.wrap(head));
        for (int at = 0; at < content.length; at += UPLOAD_SLICE) {
            body.add(ByteBuffer.wrap(content, at, Math.min(UPLOAD_SLICE, content.length - at)));
        }
        body.add(ByteBuffer.wrap(tail));
        // Repeatable: a second upload writes the same file again.
        HttpRequest request = PoolRequest.repeatable(HttpMethod.POST, url(protocol.uploadPath(), identifier, directory))
                .setHeader(HttpHeaderName.CONTENT_TYPE, "multipart/form-data; boundary=" + boundary)
                .setBody(BinaryData.fromListByteBuffer(body));
        send(transfers, request).close();
    }

    /**
     * Opens a session file for reading. The caller streams it and closes the download.
     *
     * @param directory the folder, relative to /mnt/data, or null for /mnt/data itself
     */
    public FileDownload download(String identifier, String directory, String name) {
        HttpRequest request = PoolRequest.repeatable(HttpMethod.GET, url(protocol.contentPath(encode(name)), identifier, directory));
        HttpResponse response = send(transfers, request);
        String length = response.getHeaderValue(HttpHeaderName.CONTENT_LENGTH);
        return new FileDownload(response.getBodyAsBinaryData().toStream(), length == null ? -1 : Long.parseLong(length), response);
    }

    private String url(String path, String identifier, String directory) {
        StringBuilder url = new StringBuilder(endpoint).append('/').append(path)
                .append("?api-version=").append(version.getVersion())
                .append("&identifier=").append(encode(identifier));
        if (directory != null && !directory.isEmpty()) {
            url.append("&path=").append(encode(directory));
        }
        return url.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpResponse send(HttpRequest request) {
        return send(calls, request);
    }

    private HttpResponse send(HttpPipeline pipeline, HttpRequest request) {
        return CallTrace.timed(CallTrace.Phase.POOL, () -> sendUntimed(pipeline, request));
    }

    private HttpResponse sendUntimed(HttpPipeline pipeline, HttpRequest request) {
        HttpResponse response;
        try {
            response = pipeline.sendSync(request, Context.NONE);
        } catch (UncheckedIOException | IllegalStateException e) {
            throw unreachable(e);
        } catch (RuntimeException e) {
            if (e.getCause() instanceof IOException) {
                throw unreachable(e);
            }
            throw e;
        }
        int status = response.getStatusCode();
        if (status >= 200 && status < 300) {
            return response;
        }
        try (response) {
            throw PoolErrors.from(status, response.getHeaderValue(HttpHeaderName.fromString("x-ms-error-code")),
                    response.getBodyAsBinaryData().toString());
        }
    }

    private SessionPoolException unreachable(Exception e) {
        return new SessionPoolException(0, "PoolUnreachable", "The session pool at " + endpoint + " could not be reached ("
                + e.getMessage() + ").", true, e);
    }

    private static byte[] json(JsonNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode readJson(HttpResponse response) {
        try {
            return JSON.readTree(response.getBodyAsBinaryData().toBytes());
        } catch (IOException e) {
            throw new SessionPoolException(502, "InvalidPoolResponse", "The session pool answered with a body that is not JSON.", true, e);
        }
    }
}
