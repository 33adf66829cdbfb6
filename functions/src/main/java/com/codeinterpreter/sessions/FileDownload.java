package com.codeinterpreter.sessions;

import java.io.InputStream;

/**
 * A session file being downloaded: stream {@link #content()}, then close. Never read whole into memory.
 *
 * @param length its size in bytes, or -1 when the pool did not say
 */
public record FileDownload(InputStream content, long length, AutoCloseable response) implements AutoCloseable {
    @Override
    public void close() {
        try {
            response.close();
        } catch (Exception e) {
            // the connection is dropped either way
        }
    }
}
