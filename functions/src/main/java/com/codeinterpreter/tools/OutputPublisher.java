package com.codeinterpreter.tools;

import com.codeinterpreter.answers.OutputFile;
import com.codeinterpreter.calls.CallTrace;
import com.codeinterpreter.outputs.BlobNames;
import com.codeinterpreter.outputs.OutputStore;
import com.codeinterpreter.outputs.OutputStoreException;
import com.codeinterpreter.outputs.StoredOutput;
import com.codeinterpreter.sessions.FileDownload;
import com.codeinterpreter.sessions.SessionPoolClient;
import com.codeinterpreter.sessions.SessionPoolException;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Copies what a call produced to Blob Storage and returns links. Small files arrive inside the helper's
 * reply; larger ones are streamed from the session's files API straight into the blob, never whole in
 * memory. A copy that fails leaves the file in the session and says so: nothing is lost.
 */
final class OutputPublisher {
    private static final Logger LOG = Logger.getLogger(OutputPublisher.class.getName());

    private final Supplier<OutputStore> store;
    private final SessionPoolClient client;

    OutputPublisher(Supplier<OutputStore> store, SessionPoolClient client) {
        this.store = store;
        this.client = client;
    }

    /**
     * Publishes the files and figures the helper reported, under the session's prefix. GeneratePdfReport's PDF is
     * among them, stored once, under its download name; a file there that is not a PDF is not served as one.
     */
    List<OutputFile> publish(String identifier, String executionId, HelperReply.Changes reply) {
        return CallTrace.timed(CallTrace.Phase.PUBLISHING, () -> publishAll(identifier, executionId, reply));
    }

    private List<OutputFile> publishAll(String identifier, String executionId, HelperReply.Changes reply) {
        HelperRequest.PdfTarget pdf = pdfTarget(reply);
        HelperReply.ExpectedFile expected = pdf == null ? null : ((HelperReply.PythonRan) reply).expectedFile();
        List<OutputFile> published = new ArrayList<>();
        for (HelperReply.Figure figure : reply.figures()) {
            if (figure.base64() != null) {
                byte[] png = Base64.getDecoder().decode(figure.base64());
                published.add(copyBytes(identifier, executionId, "figures/" + figure.name(), figure.name(), null, "image/png", png));
            }
        }
        for (HelperReply.ChangedFile file : reply.files()) {
            String path = file.path();
            String name = file.name();
            String type = ContentTypes.of(name);
            if (pdf != null && path.equals(pdf.expected())) {
                boolean isPdf = expected != null && expected.isPdf();
                name = isPdf ? pdf.saveAs() : name;
                type = isPdf ? "application/pdf" : "application/octet-stream";
            }
            try {
                if (file.base64() != null) {
                    published.add(copyBytes(identifier, executionId, SessionPaths.relative(path), name, path, type,
                            Base64.getDecoder().decode(file.base64())));
                } else {
                    published.add(copySessionFile(identifier, blobName(identifier, executionId, SessionPaths.relative(path)), path, name, type));
                }
            } catch (SessionPoolException e) {
                // The call ran and its answer is known: one file that cannot be read (renamed since, or the
                // pool failing) costs that file its link, not the whole answer.
                LOG.warning("could not read a session file to publish it: " + e.code());
                CallTrace.current().published(false);
                published.add(new OutputFile(name, path, file.size(), type, null, null, "The file could not be read "
                        + "from the session to make a link (" + e.getMessage() + "). Retry with GetSessionFile."));
            }
        }
        return published;
    }

    /** GeneratePdfReport's file, when the reply is of a GeneratePdfReport call; else null. */
    static HelperRequest.PdfTarget pdfTarget(HelperReply reply) {
        return reply instanceof HelperReply.PythonRan python && python.echo() != null ? python.echo().pdf() : null;
    }

    /** Copies one session file to a blob whose download name is {@code downloadName}. */
    OutputFile copySessionFile(String identifier, String blobName, String path, String downloadName, String contentType) {
        return CallTrace.timed(CallTrace.Phase.PUBLISHING, () -> counted(copyFile(identifier, blobName, path, downloadName, contentType)));
    }

    private OutputFile copyFile(String identifier, String blobName, String path, String downloadName, String contentType) {
        String relative = SessionPaths.relative(path);
        int slash = relative.lastIndexOf('/');
        String directory = slash < 0 ? null : relative.substring(0, slash);
        String fileName = relative.substring(slash + 1);
        try (FileDownload download = client.download(identifier, directory, fileName)) {
            long length = download.length();
            if (length < 0) {
                throw new SessionPoolException(502, "MissingContentLength", "The session pool did not say how large " + path + " is.", true, null);
            }
            StoredOutput stored = store.get().store(blobName, downloadName, contentType, download.content(), length);
            return new OutputFile(downloadName, path, stored.size(), contentType, stored.url(), stored.expiresAt(), null);
        } catch (OutputStoreException | IllegalStateException | IllegalArgumentException e) {
            LOG.warning("could not copy a session file to Blob Storage: " + e.getMessage());
            return new OutputFile(downloadName, path, -1, contentType, null, null, linkError(e));
        }
    }

    private OutputFile copyBytes(String identifier, String executionId, String relative, String name, String path, String type, byte[] bytes) {
        return counted(copyBytesUncounted(identifier, executionId, relative, name, path, type, bytes));
    }

    /** The file, once the call's trace has counted it as published or not. */
    private static OutputFile counted(OutputFile file) {
        CallTrace.current().published(file.url() != null);
        return file;
    }

    private OutputFile copyBytesUncounted(String identifier, String executionId, String relative, String name, String path, String type,
                                          byte[] bytes) {
        try {
            StoredOutput stored = store.get().store(blobName(identifier, executionId, relative), name, type, new ByteArrayInputStream(bytes), bytes.length);
            return new OutputFile(name, path, bytes.length, type, stored.url(), stored.expiresAt(), null);
        } catch (OutputStoreException | IllegalStateException | IllegalArgumentException e) {
            LOG.warning("could not copy an output to Blob Storage: " + e.getMessage());
            return new OutputFile(name, path, bytes.length, type, null, null, linkError(e));
        }
    }

    /**
     * The blob for a session file: its path, readable in the portal, under the session's prefix. A path a
     * blob name cannot carry (over 1024 characters, control characters, broken UTF-16) gets a digest of
     * itself instead; the download is named by Content-Disposition either way.
     */
    static String blobName(String identifier, String executionId, String relative) {
        try {
            return BlobNames.forSessionFile(identifier, executionId, relative);
        } catch (IllegalArgumentException e) {
            return BlobNames.forSessionFile(identifier, executionId, "by-digest/" + digest(relative));
        }
    }

    private static String digest(String text) {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_16BE));
            return java.util.HexFormat.of().formatHex(hash, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String linkError(RuntimeException e) {
        return "The file is in the session, but no download link could be made (" + e.getMessage()
                + "). Retry with GetSessionFile, or read it with ReadSessionFile.";
    }
}
