package com.codeinterpreter.local.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** The benchmark's table: each figure beside its reference and its target, printed and written to BENCHMARKS.md. */
final class Report {
    /** One figure. {@code met} is null when the figure has no target. */
    record Row(String figure, String value, String reference, String target, Boolean met) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    void add(String figure, String value, String reference, String target, Boolean met) {
        Row row = new Row(figure, value, reference, target, met);
        rows.add(row);
        System.out.printf("%-58s %-22s %-40s %s%n", figure, value, reference, target.isEmpty() ? "" : target + (met ? "  met" : "  MISSED"));
    }

    void note(String text) {
        notes.add(text);
    }

    void write(Path file, String command) throws IOException {
        StringBuilder md = new StringBuilder("# Benchmarks\n\n");
        md.append("Measured by `").append(command).append("` on ")
                .append(ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z"))).append(": ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize() >> 30)
                .append(" GiB, ").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version"))
                .append(", Java ").append(System.getProperty("java.version")).append(".\n")
                .append("Every figure is measured in the same run as its reference, on the real local stack: the functions host in "
                        + "its own JVM, the local pool with bubblewrap sandboxes, and Azurite.\n\n");
        md.append("| figure | measured | reference (same run) | target |\n|---|---|---|---|\n");
        for (Row r : rows) {
            md.append("| ").append(r.figure()).append(" | ").append(r.value()).append(" | ").append(r.reference()).append(" | ")
                    .append(r.target().isEmpty() ? "" : r.target() + (r.met() ? " (met)" : " (**missed**)")).append(" |\n");
        }
        if (!notes.isEmpty()) {
            md.append("\n## Notes\n\n");
            notes.forEach(n -> md.append("- ").append(n).append('\n'));
        }
        Files.writeString(file, md.toString());
    }
}
