package com.codeinterpreter.local.pool;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.fileupload2.core.AbstractFileUpload;
import org.apache.commons.fileupload2.core.DiskFileItem;
import org.apache.commons.fileupload2.core.DiskFileItemFactory;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadByteCountLimitException;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.core.RequestContext;

/**
 * Streams the file part of a {@code multipart/form-data} upload to disk, never holding it in memory.
 * Only the part named {@code file} is kept, as the service does; other parts are skipped.
 *
 * <p>The parsing is Apache Commons FileUpload's (RFC 7578): quoted and unquoted parameters, a quoted
 * boundary, RFC 5987 {@code filename*} (which wins over {@code filename}), any part content type, and
 * raw UTF-8 in header values, which is what the .NET, undici, Python and JDK clients send between them.
 */
final class MultipartFile {
    /** The stored part: its size and the file name the client gave. */
    record Part(long size, String filename) {
    }

    private MultipartFile() {
    }

    /**
     * Reads the body and writes the {@code file} part to {@code target}.
     *
     * @throws ApiException 413 when the part is larger than {@code maxBytes}, 400 when there is no file part
     */
    static Part read(Exchange ex, Path target, long maxBytes) throws IOException {
        String contentType = ex.header("Content-Type");
        if (contentType == null || !contentType.regionMatches(true, 0, "multipart/form-data", 0, 19)) {
            throw ApiException.badRequest("InvalidRequestBody",
                    "Upload the file as multipart/form-data with a part named 'file' (curl: --form \"file=@name.csv\").");
        }
        Upload upload = new Upload();
        upload.setHeaderCharset(StandardCharsets.UTF_8);
        upload.setFileSizeMax(maxBytes);
        try {
            FileItemInputIterator parts = upload.getItemIterator(new Body(ex, contentType));
            while (parts.hasNext()) {
                FileItemInput part = parts.next();
                if ("file".equals(part.getFieldName()) && part.getName() != null) {
                    try (InputStream in = part.getInputStream(); OutputStream out = Files.newOutputStream(target)) {
                        return new Part(in.transferTo(out), part.getName());
                    }
                }
            }
        } catch (FileUploadByteCountLimitException e) {
            throw new ApiException(413, "RequestEntityTooLarge", "The file is larger than the upload limit of "
                    + maxBytes + " bytes (128 MB). Split it, or compress it and unpack it in the session.");
        } catch (FileUploadException e) {
            throw ApiException.badRequest("InvalidRequestBody", "The multipart body could not be read: " + e.getMessage());
        }
        throw ApiException.badRequest("InvalidRequestBody", "The multipart body has no part named 'file' with a filename "
                + "(Content-Disposition: form-data; name=\"file\"; filename=\"data.csv\").");
    }

    /** The library's streaming parser over a plain request: only {@link #getItemIterator} is used. */
    private static final class Upload extends AbstractFileUpload<RequestContext, DiskFileItem, DiskFileItemFactory> {
        @Override
        public FileItemInputIterator getItemIterator(RequestContext request) throws FileUploadException, IOException {
            return super.getItemIterator(request);
        }

        @Override
        public Map<String, List<DiskFileItem>> parseParameterMap(RequestContext request) {
            throw new UnsupportedOperationException("the pool streams uploads; it never buffers them");
        }

        @Override
        public List<DiskFileItem> parseRequest(RequestContext request) {
            throw new UnsupportedOperationException("the pool streams uploads; it never buffers them");
        }
    }

    private record Body(Exchange ex, String contentType) implements RequestContext {
        @Override
        public String getCharacterEncoding() {
            return null;
        }

        @Override
        public long getContentLength() {
            return ex.contentLength();
        }

        @Override
        public String getContentType() {
            return contentType;
        }

        @Override
        public InputStream getInputStream() {
            return ex.body();
        }

        @Override
        public boolean isMultipartRelated() {
            return false;
        }
    }
}
