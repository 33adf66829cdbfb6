package com.codeinterpreter.outputs;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads exactly {@code length} bytes of another stream: ends there even if more follow, and fails with
 * {@link EOFException} if the stream ends sooner, so a truncated upload fails instead of being stored short.
 *
 * <p>Does not close the stream it reads: the caller opened it and closes it.
 */
final class ExactLengthInputStream extends InputStream {
    private final InputStream in;
    private final long length;
    private long remaining;

    ExactLengthInputStream(InputStream in, long length) {
        this.in = in;
        this.length = length;
        this.remaining = length;
    }

    @Override
    public int read() throws IOException {
        if (remaining == 0) {
            return -1;
        }
        int b = in.read();
        if (b < 0) {
            throw endedEarly();
        }
        remaining--;
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) throws IOException {
        if (count == 0) {
            return 0;
        }
        if (remaining == 0) {
            return -1;
        }
        int n = in.read(buffer, offset, (int) Math.min(count, remaining));
        if (n < 0) {
            throw endedEarly();
        }
        remaining -= n;
        return n;
    }

    private EOFException endedEarly() {
        return new EOFException("content ended after " + (length - remaining) + " of " + length + " bytes");
    }
}
