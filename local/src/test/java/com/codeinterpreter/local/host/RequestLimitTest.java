package com.codeinterpreter.local.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpRequest;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The real host's 100 MB request limit, enforced without holding the refused body in memory. */
class RequestLimitTest {
    private static final long MB = 1024 * 1024;

    @Test
    void aBodyDeclaredOverOneHundredMegabytesIs413BeforeItIsRead() throws Exception {
        try (LocalFunctionsHost host = LocalFunctionsHost.start(0, DiscoveryTest.PACKAGE)) {
            AtomicLong sent = new AtomicLong();
            long size = 101 * MB;
            HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.fromPublisher(
                    HttpRequest.BodyPublishers.ofInputStream(() -> new Zeros(size, sent)), size);
            HostClient.Response r = new HostClient(host).send("POST", "/api/EchoBytes", body, "Content-Type", "application/octet-stream");
            assertEquals(413, r.status());
            assertEquals("RequestTooLarge", r.errorCode());
            assertEquals("The request body is 105906176 bytes; the Functions host accepts at most 104857600 bytes (100 MB), here as in Azure.",
                    r.errorMessage());
        }
    }

    @Test
    void theAnswerComesFromTheContentLengthAloneBeforeAnyOfTheBodyArrives() throws Exception {
        try (LocalFunctionsHost host = LocalFunctionsHost.start(0, DiscoveryTest.PACKAGE);
             Socket socket = new Socket("127.0.0.1", host.port())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(("POST /api/EchoBytes HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " + 101 * MB
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            assertEquals("HTTP/1.1 413 Request Entity Too Large", statusLine);
        }
    }

    @Test
    void aChunkedBodyIsRefusedOnceItGrowsPastTheLimit() throws Exception {
        try (LocalFunctionsHost host = LocalFunctionsHost.start(0, DiscoveryTest.PACKAGE, MB)) {
            HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.ofInputStream(() -> new Zeros(2 * MB, new AtomicLong()));
            HostClient.Response r = new HostClient(host).send("POST", "/api/EchoBytes", body);
            assertEquals(413, r.status());
            assertEquals("The request body is more than 1048576 bytes; the Functions host accepts at most 1048576 bytes (1 MB), here as in Azure.",
                    r.errorMessage());
        }
    }

    @Test
    void aBodyOfExactlyTheLimitIsAccepted() throws Exception {
        try (LocalFunctionsHost host = LocalFunctionsHost.start(0, DiscoveryTest.PACKAGE, MB)) {
            HostClient client = new HostClient(host);
            assertEquals(Long.toString(MB), client.post("/api/EchoBytes", new byte[(int) MB]).header("X-Body-Length"));
            HttpRequest.BodyPublisher chunked = HttpRequest.BodyPublishers.ofInputStream(() -> new Zeros(MB, new AtomicLong()));
            assertEquals(Long.toString(MB), client.send("POST", "/api/EchoBytes", chunked).header("X-Body-Length"));
            assertEquals(413, client.post("/api/EchoBytes", new byte[(int) MB + 1]).status());
        }
    }

    /** {@code size} zero bytes, made as they are read, counting how many were. */
    private static final class Zeros extends InputStream {
        private final long size;
        private final AtomicLong read;

        Zeros(long size, AtomicLong read) {
            this.size = size;
            this.read = read;
        }

        @Override
        public int read() {
            if (read.get() >= size) {
                return -1;
            }
            read.incrementAndGet();
            return 0;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            long left = size - read.get();
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            java.util.Arrays.fill(b, off, off + n, (byte) 0);
            read.addAndGet(n);
            return n;
        }
    }
}
