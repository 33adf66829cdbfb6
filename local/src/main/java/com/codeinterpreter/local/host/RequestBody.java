package com.codeinterpreter.local.host;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a request body into memory, as the real host does before it hands the body to the worker, but
 * never more than the host's limit: a body declared larger is refused before a byte of it is read, and a
 * chunked body is refused as soon as it grows past the limit.
 */
final class RequestBody {
    /** "The HTTP request length is limited to 100 MB (104,857,600 bytes)" in the real host. */
    static final long DEFAULT_LIMIT = 104_857_600L;
    /** How much of a body nobody wants is read and dropped so the caller sees the answer; see {@link #discardRest}. */
    static final long DISCARD_LIMIT = 256L * 1024 * 1024;

    private RequestBody() {
    }

    /**
     * @throws HostException 413 {@code RequestTooLarge} when the body is over {@code limit} bytes
     */
    static byte[] read(HttpExchange exchange, long limit) throws IOException {
        long declared = contentLength(exchange);
        if (declared > limit) {
            throw tooLarge(declared + " bytes", limit);
        }
        InputStream in = exchange.getRequestBody();
        if (declared >= 0) {
            // Into one array of the declared size: readNBytes(int) gathers chunks and copies them into the result,
            // holding the body twice at the end, where the Functions host hands a function one array.
            byte[] body = new byte[(int) declared];
            int read = in.readNBytes(body, 0, body.length);
            return read == body.length ? body : Arrays.copyOf(body, read);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] chunk = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = in.read(chunk)) > 0; ) {
            total += n;
            if (total > limit) {
                throw tooLarge("more than " + limit + " bytes", limit);
            }
            body.write(chunk, 0, n);
        }
        return body.toByteArray();
    }

    /**
     * Reads and drops what is left of the request body, up to {@link #DISCARD_LIMIT} bytes, without keeping it.
     *
     * <p>Closing a connection while the caller is still sending makes the kernel answer with a reset,
     * which can destroy a response already sent (a 413, a 404) before the caller reads it. Reading the
     * rest first avoids that; beyond the limit the connection is closed anyway. The host only listens on
     * loopback, where reading even the largest refused body takes a fraction of a second.
     */
    static void discardRest(HttpExchange exchange) {
        try {
            InputStream in = exchange.getRequestBody();
            if (in.read() < 0) {
                return; // the usual case: the function read it all, so no buffer is needed (this runs on every call)
            }
            byte[] sink = new byte[64 * 1024];
            long dropped = 1;
            for (int n; dropped < DISCARD_LIMIT && (n = in.read(sink)) > 0; ) {
                dropped += n;
            }
        } catch (IOException e) {
            // the caller went away: nothing left to protect
        }
    }

    /** The Content-Length, or -1 for a chunked body (HttpServer has already refused a malformed length). */
    private static long contentLength(HttpExchange exchange) {
        if (exchange.getRequestHeaders().containsKey("Transfer-Encoding")) {
            return -1;
        }
        String value = exchange.getRequestHeaders().getFirst("Content-Length");
        return value == null ? 0 : Long.parseLong(value.strip());
    }

    private static HostException tooLarge(String size, long limit) {
        return new HostException(413, "RequestTooLarge", "The request body is " + size + "; the Functions host accepts at most "
                + limit + " bytes (" + (limit >> 20) + " MB), here as in Azure.");
    }
}
