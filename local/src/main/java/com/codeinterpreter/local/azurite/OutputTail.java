package com.codeinterpreter.local.azurite;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The last lines a child process wrote, for error messages. Reads all the time, on a daemon thread, so a
 * chatty process never blocks on a full pipe.
 */
final class OutputTail {
    private static final int LINES_KEPT = 100;

    private final Deque<String> lines = new ArrayDeque<>();

    private OutputTail() {
    }

    /** Starts reading {@code process}'s standard output (merge standard error into it to keep both). */
    static OutputTail of(Process process) {
        OutputTail tail = new OutputTail();
        Thread reader = new Thread(() -> tail.readAll(process), "process-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        return tail;
    }

    /** The lines kept so far, joined with newlines. */
    synchronized String text() {
        return String.join("\n", lines);
    }

    private void readAll(Process process) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                add(line);
            }
        } catch (IOException closed) {
            // the process is gone; what was read is kept
        }
    }

    private synchronized void add(String line) {
        lines.addLast(line);
        if (lines.size() > LINES_KEPT) {
            lines.removeFirst();
        }
    }
}
