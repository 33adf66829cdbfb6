package com.codeinterpreter.local.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class LogLineTest {
    private static final String NL = System.lineSeparator();

    @Test
    void aRecordIsOneLineOfTimeLevelLoggerAndMessage() {
        Instant at = Instant.parse("2026-12-07T14:02:07.250Z");
        LogRecord record = new LogRecord(Level.WARNING, "pool {0} answered {1}");
        record.setInstant(at);
        record.setLoggerName("Function.ExecutePythonCode");
        record.setParameters(new Object[] {"p1", 503});
        String time = LocalTime.ofInstant(at, ZoneId.systemDefault()).withNano(0).toString();
        assertEquals(time + " WARNING Function.ExecutePythonCode: pool p1 answered 503" + NL, new LogLine().format(record));
    }

    @Test
    void aRecordWithAnExceptionIsFollowedByItsStackTrace() {
        LogRecord record = new LogRecord(Level.SEVERE, "failed");
        record.setLoggerName("x");
        record.setThrown(new IllegalStateException("boom"));
        String[] lines = new LogLine().format(record).split(NL);
        assertTrue(lines[0].endsWith(" SEVERE x: failed"), lines[0]);
        assertEquals("java.lang.IllegalStateException: boom", lines[1]);
        assertTrue(lines[2].startsWith("\tat com.codeinterpreter.local.host.LogLineTest."), lines[2]);
        assertTrue(new LogLine().format(record).endsWith(NL) && !new LogLine().format(record).endsWith(NL + NL), "one line end, no blank line");
    }
}
