package com.codeinterpreter.local.azurite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The repository's pinned Azurite, {@code tools/azurite}: found from the working directory (tests run in
 * a module folder, scripts at the root) and installed from its lock file when missing.
 */
record AzuriteInstallation(Path root) {
    private static final Path BLOB_MAIN =
            Path.of("tools", "azurite", "node_modules", "azurite", "dist", "src", "blob", "main.js");

    /** The repository that holds the working directory. */
    static AzuriteInstallation find() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("tools/azurite/package.json"))) {
                return new AzuriteInstallation(dir);
            }
        }
        throw new IllegalStateException("tools/azurite/package.json not found in " + start
                + " or any parent: run from inside the repository");
    }

    /** The blob service's entry point, installing Azurite first if it is not there. */
    Path blobMain() {
        Path main = root.resolve(BLOB_MAIN);
        if (!Files.isRegularFile(main)) {
            install();
        }
        return main;
    }

    // The same script setup.sh uses, so the install matches the lock file and is not raced by a parallel one.
    private void install() {
        try {
            Process install = new ProcessBuilder("bash", "scripts/install-npm-tool.sh", "azurite")
                    .directory(root.toFile()).redirectErrorStream(true).start();
            String log = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (install.waitFor() != 0) {
                throw new IllegalStateException("scripts/install-npm-tool.sh azurite failed:\n" + log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run scripts/install-npm-tool.sh azurite", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while installing Azurite", e);
        }
    }
}
