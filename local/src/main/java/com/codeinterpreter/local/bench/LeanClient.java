package com.codeinterpreter.local.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The measuring client of the latency figures: blocking HTTP/1.1 POSTs on one keep-alive connection, on the
 * calling thread.
 *
 * <p>Why not {@link java.net.http.HttpClient}: profiled against this stack it spends ~0.7 ms of CPU per call
 * and hands every exchange between the caller and its selector thread, which on 2 cores adds ~0.4 ms to each
 * round trip: a measure of the instrument, not of the stack. This client costs ~0.1 ms, like the references'
 * clients (a pipe write for the kernel, jupyter_client for ipykernel). It understands only what the local
 * host and pool send: responses with a Content-Length.
 */
final class LeanClient implements AutoCloseable {
    private final String host;
    private final int port;
    private Socket socket;
    private OutputStream out;
    private InputStream in;

    LeanClient(String baseUrl) {
        URI uri = URI.create(baseUrl);
        this.host = uri.getHost();
        this.port = uri.getPort();
    }

    /** POSTs a JSON body to {@code pathAndQuery}; returns the response body, or throws unless the status is 200. */
    byte[] post(String pathAndQuery, String json, String bearer) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(256).append("POST ").append(pathAndQuery).append(" HTTP/1.1\r\nHost: ")
                .append(host).append(':').append(port).append("\r\nContent-Type: application/json\r\nContent-Length: ")
                .append(body.length).append("\r\n");
        if (bearer != null) {
            head.append("Authorization: Bearer ").append(bearer).append("\r\n");
        }
        byte[] headBytes = head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        try {
            connect();
            out.write(request); // one write: one segment for small requests
            out.flush();
            return readResponse();
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        }
    }

    private void connect() throws IOException {
        if (socket == null) {
            socket = new Socket(host, port);
            socket.setTcpNoDelay(true);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        }
    }

    private byte[] readResponse() throws IOException {
        String status = readLine();
        int length = -1;
        boolean close = false;
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            String name = colon < 0 ? line : line.substring(0, colon).trim();
            String value = colon < 0 ? "" : line.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                length = Integer.parseInt(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                throw new IOException("this client reads only responses with a Content-Length, got Transfer-Encoding: " + value);
            } else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) {
                close = true;
            }
        }
        byte[] body = length < 0 ? new byte[0] : in.readNBytes(length);
        if (body.length != Math.max(0, length)) {
            throw new IOException("the connection closed in the middle of a response");
        }
        if (close) {
            close();
        }
        if (!status.startsWith("HTTP/1.1 200 ")) {
            throw new IllegalStateException(status + ": " + new String(body, StandardCharsets.UTF_8));
        }
        return body;
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("the connection closed in the middle of a response");
            }
            if (c != '\r') {
                line.write(c);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing a connection we are done with: nothing to recover
            }
            socket = null;
        }
    }
}
