package com.codeinterpreter.local.host;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;

/**
 * One line per log record, {@code 14:02:07 INFO logger.name: message}, then the stack trace of a record that has one:
 * what SimpleFormatter writes with the format {@code %1$tT %4$s %3$s: %5$s%6$s%n}, at a small part of its cost.
 * SimpleFormatter runs String.format and walks the stack for the calling class on every record; with every tool call
 * logging its event, that was a quarter of the host's CPU for a warm call.
 */
final class LogLine extends Formatter {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    /** Gives every handler of the root logger (the console's, by default) this format, unless the JVM was given a SimpleFormatter format. */
    static void useForRootHandlers() {
        if (chosenElsewhere()) {
            return;
        }
        for (Handler handler : LogManager.getLogManager().getLogger("").getHandlers()) {
            handler.setFormatter(new LogLine());
        }
    }

    /** The format to use for a new handler: SimpleFormatter when the JVM was given its format, else this one. */
    static Formatter forNewHandler() {
        return chosenElsewhere() ? new java.util.logging.SimpleFormatter() : new LogLine();
    }

    private static boolean chosenElsewhere() {
        return System.getProperty("java.util.logging.SimpleFormatter.format") != null;
    }

    @Override
    public String format(LogRecord record) {
        StringBuilder line = new StringBuilder(160);
        TIME.formatTo(record.getInstant(), line);
        line.append(' ').append(record.getLevel().getLocalizedName()).append(' ').append(record.getLoggerName()).append(": ")
                .append(formatMessage(record));
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            trace.append(System.lineSeparator());
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.append(trace.getBuffer(), 0, trace.getBuffer().length() - System.lineSeparator().length());
        }
        return line.append(System.lineSeparator()).toString();
    }
}
