package com.codeinterpreter.tools;

import com.codeinterpreter.answers.ExecutionStatus;
import com.codeinterpreter.answers.FileEntry;
import com.codeinterpreter.answers.SearchMatches.Match;
import com.codeinterpreter.answers.SearchMatches.Skipped;
import com.codeinterpreter.answers.SessionState;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * The session helper's reply to one {@link HelperRequest}, bound by {@link HelperJson}: one record per
 * operation, named by the reply's {@code op}. Every reply says how the operation ended, the error when it
 * did not succeed, and what the call found of its session. runner.py's {@code REPLIES} table lists the same
 * fields, and HelperProtocolTest holds the two together.
 */
@JsonIgnoreProperties("ci")
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "op")
@JsonSubTypes({
        @JsonSubTypes.Type(value = HelperReply.PythonRan.class, name = "python"),
        @JsonSubTypes.Type(value = HelperReply.ShellRan.class, name = "shell"),
        @JsonSubTypes.Type(value = HelperReply.FileRead.class, name = "read"),
        @JsonSubTypes.Type(value = HelperReply.FilesSearched.class, name = "search"),
        @JsonSubTypes.Type(value = HelperReply.FilesListed.class, name = "list"),
        @JsonSubTypes.Type(value = HelperReply.ChangesCollected.class, name = "collect")})
sealed interface HelperReply {
    /** Null only in a reply the helper did not finish: then it reads as failed. */
    ExecutionStatus status();

    /** Why the operation did not succeed, or null. */
    HelperError error();

    /** {@code continued}, or {@code new}/{@code restarted} when the call met a fresh interpreter. */
    SessionState sessionState();

    default boolean succeeded() {
        return status() == ExecutionStatus.SUCCEEDED;
    }

    /** A reply of code that ran (Python, shell, or what a timed-out call left): the files it changed and its outputs. */
    sealed interface Changes extends HelperReply {
        List<ChangedFile> files();

        /** Changed files beyond the ones listed, which the reply leaves out. */
        int filesNotReported();

        List<Figure> figures();

        List<SavedOutput> savedOutputs();

        /** What the answer should say about how the changes were found (a full scan, one cut short) or figures left out. */
        List<String> notes();
    }

    /**
     * @param result       the repr of the code's trailing expression, or null
     * @param expectedFile GeneratePdfReport's file as this call left it, when the echo names one
     */
    record PythonRan(ExecutionStatus status, HelperError error, SessionState sessionState, HelperRequest.Echo echo, String result,
                     boolean resultTruncated, ExpectedFile expectedFile, List<SavedOutput> savedOutputs, List<Figure> figures,
                     List<ChangedFile> files, int filesNotReported, List<String> notes) implements Changes {
        public PythonRan {
            savedOutputs = listOf(savedOutputs);
            figures = listOf(figures);
            files = listOf(files);
            notes = listOf(notes);
        }
    }

    /** @param exitCode null when the command did not run to its end (refused, or stopped at its timeout) */
    record ShellRan(ExecutionStatus status, HelperError error, SessionState sessionState, Integer exitCode, String stdout, String stderr,
                    boolean stdoutTruncated, boolean stderrTruncated, long stdoutBytes, long stderrBytes, long durationMs,
                    List<SavedOutput> savedOutputs, List<Figure> figures, List<ChangedFile> files, int filesNotReported,
                    List<String> notes) implements Changes {
        public ShellRan {
            stdout = stdout == null ? "" : stdout;
            stderr = stderr == null ? "" : stderr;
            savedOutputs = listOf(savedOutputs);
            figures = listOf(figures);
            files = listOf(files);
            notes = listOf(notes);
        }
    }

    record ChangesCollected(ExecutionStatus status, HelperError error, SessionState sessionState, List<SavedOutput> savedOutputs,
                            List<Figure> figures, List<ChangedFile> files, int filesNotReported, List<String> notes) implements Changes {
        public ChangesCollected {
            savedOutputs = listOf(savedOutputs);
            figures = listOf(figures);
            files = listOf(files);
            notes = listOf(notes);
        }
    }

    /**
     * @param startLine  null when reading the end of a file too big to count its lines cheaply (endLine too)
     * @param totalLines the file's line count when the read reached its end or counting was cheap, else null
     * @param nextColumn the column the last line returned continues at, when the page ended inside it, else null
     */
    record FileRead(ExecutionStatus status, HelperError error, SessionState sessionState, String path, String content, Integer startLine,
                    Integer endLine, int lineCount, Integer totalLines, long size, boolean truncated, Integer nextColumn) implements HelperReply {
    }

    /**
     * @param skipped       the first of the files passed over, each with why; {@code filesSkipped} counts them all
     * @param stoppedIn     when the time bound cut the search: the file it was in, and {@code stoppedAtByte} how far into it
     * @param patternWarning what grep (or the helper) found doubtful in the pattern, or null
     */
    record FilesSearched(ExecutionStatus status, HelperError error, SessionState sessionState, List<Match> matches, int filesSearched,
                         boolean truncated, List<Skipped> skipped, int filesSkipped, boolean timedOut, String stoppedIn, Long stoppedAtByte,
                         String patternWarning) implements HelperReply {
        public FilesSearched {
            matches = listOf(matches);
            skipped = listOf(skipped);
        }
    }

    /**
     * @param nextCursor where the next page starts, when the listing was cut; else null
     * @param unreadable the folders met on this page that could not be read, so their files are missing from it
     */
    record FilesListed(ExecutionStatus status, HelperError error, SessionState sessionState, String path, List<FileEntry> files,
                       boolean truncated, String nextCursor, List<String> unreadable) implements HelperReply {
        public FilesListed {
            files = listOf(files);
            unreadable = listOf(unreadable);
        }
    }

    /** @param line the line of the user's code it concerns, when known */
    record HelperError(String type, String message, Integer line) {
    }

    /** A file the call created or changed; {@code base64} carries a small one's content, else it is fetched from the session. */
    record ChangedFile(String path, String name, long size, String base64) {
    }

    /**
     * GeneratePdfReport's file after the call.
     *
     * @param changed whether this call created or changed it
     * @param isPdf   whether it starts with {@code %PDF-}
     * @param head    its first 16 bytes, printable ones as they are and others as dots, to show what it is instead
     */
    record ExpectedFile(String path, boolean exists, boolean changed, boolean isPdf, String head) {
    }

    /** An open matplotlib figure as a PNG, or why it could not be drawn. */
    record Figure(String name, String base64, String error) {
    }

    /**
     * An output stream longer than the answer's cap, saved whole (or its first 50 MB) as a session file.
     *
     * @param size  bytes saved
     * @param total the stream's whole length, in {@code unit}s ({@code characters} or {@code bytes})
     * @param error why saving stopped early, or null
     */
    record SavedOutput(String stream, String path, String name, long size, long total, String unit, boolean complete, String error) {
    }

    private static <T> List<T> listOf(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
