package com.codeinterpreter.local.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps the settings table in local/README.md in step with what {@link PoolConfig#fromEnvironment} reads,
 * both ways: the variables are those the pool really asks its environment for.
 */
class PoolSettingsDocumentedTest {

    /** A table row whose first cell is a pool variable in backticks: {@code | `LOCAL_POOL_X` | ... |}. */
    private static final Pattern SETTING_ROW = Pattern.compile("(?m)^\\| `(LOCAL_POOL_[A-Z0-9_]+)` \\|");

    @Test
    void localReadmeDocumentsEveryVariableThePoolReadsAndNoOther() throws IOException {
        Set<String> read = new TreeSet<>();
        PoolConfig.fromEnvironment(new AbstractMap<>() {
            @Override
            public String get(Object key) {
                read.add((String) key);
                return null;
            }

            @Override
            public Set<Entry<String, String>> entrySet() {
                return Set.of();
            }
        });
        assertFalse(read.isEmpty(), "PoolConfig.fromEnvironment read no variables through get/getOrDefault");

        Path readme = repoRoot().resolve("local/README.md");
        Matcher rows = SETTING_ROW.matcher(Files.readString(readme));
        Set<String> documented = new TreeSet<>();
        while (rows.find()) {
            documented.add(rows.group(1));
        }
        assertEquals(read, documented, "the settings table in " + readme + " must list exactly the variables the pool reads");
    }

    private static Path repoRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("azure.yaml"))) {
                return p;
            }
        }
        throw new IllegalStateException("no azure.yaml above " + Path.of("").toAbsolutePath());
    }
}
