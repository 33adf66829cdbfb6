package com.codeinterpreter.local.host;

import com.codeinterpreter.calls.CallEvent;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.logging.ErrorManager;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;

/**
 * The local stand-in for Application Insights' traces of tool calls: every {@link CallEvent} a function
 * logs is appended, as its JSON alone, to a file of one event per line ({@code .local/logs/calls.jsonl}
 * under {@code scripts/run-local.sh}), which {@code scripts/calls.sh} summarises.
 */
final class CallsLog extends Handler {
    /** The JVM option that names the file; without it the host keeps no calls log. */
    static final String PROPERTY = "codeinterpreter.callsLog";

    private final BufferedWriter out;

    private CallsLog(BufferedWriter out) {
        this.out = out;
    }

    /** Adds the handler to the root logger when {@link #PROPERTY} names a file (its folder is created). */
    static void installIfAsked() throws IOException {
        String file = System.getProperty(PROPERTY);
        if (file == null || file.isBlank()) {
            return;
        }
        Path path = Path.of(file);
        if (path.getParent() != null) {
            Files.createDirectories(path.getParent());
        }
        BufferedWriter out = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        LogManager.getLogManager().getLogger("").addHandler(new CallsLog(out));
    }

    @Override
    public synchronized void publish(LogRecord record) {
        String message = record.getMessage();
        if (message == null || !message.startsWith(CallEvent.PREFIX)) {
            return;
        }
        try {
            out.write(message, CallEvent.PREFIX.length(), message.length() - CallEvent.PREFIX.length());
            out.newLine();
            out.flush();
        } catch (IOException e) {
            reportError("cannot append to the calls log", e, ErrorManager.WRITE_FAILURE);
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            reportError("cannot close the calls log", e, ErrorManager.CLOSE_FAILURE);
        }
    }
}
