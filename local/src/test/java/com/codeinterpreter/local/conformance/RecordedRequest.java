package com.codeinterpreter.local.conformance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One request as a client was recorded sending it, written to the pool's socket byte for byte: request
 * line, headers in the client's order and spelling, and body. Nothing is added but {@code Host} and
 * {@code Content-Length}, which every client sends and whose values depend on this run.
 */
final class RecordedRequest {
    private final String method;
    private final String target;
    private final List<String> headers = new ArrayList<>();
    private byte[] body = new byte[0];

    private RecordedRequest(String method, String target) {
        this.method = method;
        this.target = target;
    }

    static RecordedRequest of(String method, String target) {
        return new RecordedRequest(method, target);
    }

    RecordedRequest header(String name, String value) {
        headers.add(name + ": " + value);
        return this;
    }

    RecordedRequest body(String text) {
        return body(text.getBytes(StandardCharsets.UTF_8));
    }

    RecordedRequest body(byte[] bytes) {
        this.body = bytes;
        return this;
    }

    byte[] bytes(int port) {
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        head.append("Host: 127.0.0.1:").append(port).append("\r\n");
        headers.forEach(h -> head.append(h).append("\r\n"));
        if (body.length > 0 || method.equals("POST")) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** Sends the request on a new connection and reads the whole answer. */
    RecordedReply send(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(120_000);
            OutputStream out = socket.getOutputStream();
            out.write(bytes(port));
            out.flush();
            return RecordedReply.read(socket.getInputStream(), method);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A multipart body with the given framing: the boundary, each part's header lines, the content. */
    static byte[] multipart(String boundary, List<String> partHeaders, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("--" + boundary + "\r\n").getBytes(StandardCharsets.UTF_8));
        partHeaders.forEach(h -> out.writeBytes((h + "\r\n").getBytes(StandardCharsets.UTF_8)));
        out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
