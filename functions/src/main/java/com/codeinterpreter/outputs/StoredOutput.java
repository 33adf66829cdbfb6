package com.codeinterpreter.outputs;

import java.time.Instant;

/**
 * A file persisted to Blob Storage, with a read-only link to it.
 *
 * @param name        the name a browser saves it under (the Content-Disposition file name)
 * @param blobName    its full name inside the outputs container
 * @param size        its size in bytes, as Blob Storage reports it after the upload
 * @param contentType its media type, as stored on the blob
 * @param url         a link that reads this one blob without other credentials, until {@code expiresAt}
 * @param expiresAt   when the link stops working
 */
public record StoredOutput(String name, String blobName, long size, String contentType, String url, Instant expiresAt) {
}
