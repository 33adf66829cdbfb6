package com.codeinterpreter.local.sandbox;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Groups left behind by pools that ended without cleaning up are removed; groups in use or just made are not. */
class CgroupsTest {
    @Test
    void emptyGroupsLeftBehindAreRemovedWhenAPoolStarts() throws Exception {
        Cgroups cgroups = Cgroups.detect();
        assumeFalse(cgroups.parents().isEmpty(), "needs writable cgroups (root, cgroup v1)");
        List<Path> stale = new ArrayList<>();
        List<Path> fresh = new ArrayList<>();
        for (Path parent : cgroups.parents()) {
            Path old = Files.createDirectory(parent.resolve("test-stale-" + UUID.randomUUID()));
            Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
            stale.add(old);
            fresh.add(Files.createDirectory(parent.resolve("test-fresh-" + UUID.randomUUID())));
        }
        try {
            Cgroups.detect();
            for (Path old : stale) {
                assertFalse(Files.exists(old), old + " should have been removed");
            }
            for (Path young : fresh) {
                assertTrue(Files.exists(young), young + " was just made for a starting sandbox and must be kept");
            }
        } finally {
            for (Path dir : fresh) {
                Files.deleteIfExists(dir);
            }
            for (Path dir : stale) {
                Files.deleteIfExists(dir);
            }
        }
    }
}
