package com.codeinterpreter.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.codeinterpreter.settings.Setting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Keeps the app settings table in docs/deploying.md in step with the {@link Setting} enum, both ways. */
class SettingsDocumentedTest {

    /** A table row whose first cell is an upper-case setting name in backticks: {@code | `NAME` | ... |}. */
    private static final Pattern SETTING_ROW = Pattern.compile("(?m)^\\| `([A-Z][A-Z0-9_]*)` \\|");

    @Test
    void deployingGuideDocumentsEverySettingAndNoOther() throws IOException {
        Path guide = BicepSource.repoRoot().resolve("docs/deploying.md");
        Matcher rows = SETTING_ROW.matcher(Files.readString(guide));
        Set<String> documented = new TreeSet<>();
        while (rows.find()) {
            documented.add(rows.group(1));
        }
        Set<String> declared = Arrays.stream(Setting.values()).map(Setting::name).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(declared, documented, "the app settings table in " + guide + " must list exactly the Setting enum");
    }
}
