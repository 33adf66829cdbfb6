package com.codeinterpreter.local.pool;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Streams the file part of a {@code multipart/form-data} upload to disk, never holding it in memory.
 * Only the part named {@code file} is kept, as the service does; other parts are skipped.
 */
final class MultipartFile {
    private static final Pattern BOUNDARY = Pattern.compile("boundary=(?:\"([^\"]+)\"|([^;\\s]+))", Pattern.CASE_INSENSITIVE);
    private static final Pattern FILENAME = Pattern.compile("filename=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern NAME = Pattern.compile("(?:^|[; ])name=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);

    /** The stored part: its size and the file name the client gave. */
    record Part(long size, String filename) {
    }

    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private int pos;
    private int limit;

    private MultipartFile(InputStream in) {
        this.in = in;
    }

    static String boundary(String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw ApiException.badRequest("InvalidRequestBody",
                    "Upload the file as multipart/form-data with a part named 'file' (curl: --form \"file=@name.csv\").");
        }
        Matcher m = BOUNDARY.matcher(contentType);
        if (!m.find()) {
            throw ApiException.badRequest("InvalidRequestBody", "The multipart Content-Type has no boundary.");
        }
        return m.group(1) != null ? m.group(1) : m.group(2);
    }

    /**
     * Reads the body and writes the {@code file} part to {@code target}.
     *
     * @throws ApiException 413 when the part is larger than {@code maxBytes}, 400 when there is no file part
     */
    static Part read(InputStream body, String boundary, Path target, long maxBytes) throws IOException {
        return new MultipartFile(body).readFilePart(boundary, target, maxBytes);
    }

    private Part readFilePart(String boundary, Path target, long maxBytes) throws IOException {
        byte[] first = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        byte[] delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        copyUntil(first, OutputStream.nullOutputStream(), Long.MAX_VALUE);
        while (true) {
            String afterBoundary = readLine();
            if (afterBoundary.startsWith("--")) {
                throw ApiException.badRequest("InvalidRequestBody", "The multipart body has no part named 'file'.");
            }
            String disposition = "";
            for (String line = readLine(); !line.isEmpty(); line = readLine()) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-disposition:")) {
                    disposition = line;
                }
            }
            Matcher name = NAME.matcher(disposition.substring(Math.min(disposition.length(), 20)));
            Matcher filename = FILENAME.matcher(disposition);
            if (name.find() && name.group(1).equals("file") && filename.find()) {
                try (OutputStream out = Files.newOutputStream(target)) {
                    long size = copyUntil(delimiter, out, maxBytes);
                    return new Part(size, filename.group(1));
                }
            }
            copyUntil(delimiter, OutputStream.nullOutputStream(), Long.MAX_VALUE);
        }
    }

    /** Copies bytes up to the delimiter (which is consumed, not copied) and returns how many were copied. */
    private long copyUntil(byte[] delimiter, OutputStream out, long maxBytes) throws IOException {
        long copied = 0;
        while (true) {
            int found = indexOf(delimiter);
            // Without a match, the last delimiter.length-1 bytes may be the start of one: keep them.
            int safeEnd = found >= 0 ? found : Math.max(pos, limit - delimiter.length + 1);
            int n = safeEnd - pos;
            copied += n;
            if (copied > maxBytes) {
                throw new ApiException(413, "RequestEntityTooLarge", "The file is larger than the upload limit of "
                        + maxBytes + " bytes (128 MB). Split it, or compress it and unpack it in the session.");
            }
            out.write(buffer, pos, n);
            pos = safeEnd;
            if (found >= 0) {
                pos += delimiter.length;
                return copied;
            }
            if (!fill()) {
                throw ApiException.badRequest("InvalidRequestBody", "The multipart body ended before its closing boundary.");
            }
        }
    }

    private int indexOf(byte[] pattern) {
        outer:
        for (int i = pos; i <= limit - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (buffer[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Moves unread bytes to the front and reads more; false at the end of the stream. */
    private boolean fill() throws IOException {
        System.arraycopy(buffer, pos, buffer, 0, limit - pos);
        limit -= pos;
        pos = 0;
        int n = in.read(buffer, limit, buffer.length - limit);
        if (n < 0) {
            return false;
        }
        limit += n;
        return true;
    }

    private String readLine() throws IOException {
        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
        while (true) {
            if (pos == limit && !fill()) {
                throw ApiException.badRequest("InvalidRequestBody", "The multipart body ended inside a part's headers.");
            }
            byte b = buffer[pos++];
            if (b == '\n') {
                String text = line.toString(StandardCharsets.UTF_8);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
            if (line.size() > 8192) {
                throw ApiException.badRequest("InvalidRequestBody", "A multipart header line is too long.");
            }
        }
    }
}
