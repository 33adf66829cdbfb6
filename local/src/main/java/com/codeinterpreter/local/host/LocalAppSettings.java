package com.codeinterpreter.local.host;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The functions host's app settings when {@link LocalApp} runs the app: the {@code Values} of
 * {@code local.settings.sample.json}, overridden by {@code local.settings.json} if present, as
 * {@code func start} reads them. Settings that point at the local pool or at Azurite on loopback follow
 * the ports in use, and {@code SESSION_POOL_TOKEN} then follows the pool's token. A variable already set
 * in the environment wins over all of these.
 */
final class LocalAppSettings {
    static final Path SAMPLE = Path.of("local.settings.sample.json");
    static final Path OVERRIDES = Path.of("local.settings.json");
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost");
    private static final Pattern LOOPBACK_BLOB_ENDPOINT = Pattern.compile("(BlobEndpoint=https?://(?:127\\.0\\.0\\.1|localhost)):\\d+");

    private LocalAppSettings() {
    }

    /**
     * @param root the repository, where the settings files are
     * @param env  the environment, whose app settings win
     */
    static Map<String, String> read(Path root, Map<String, String> env, int azuritePort, int poolPort, String poolToken) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Path file : new Path[] {SAMPLE, OVERRIDES}) {
            if (Files.isRegularFile(root.resolve(file))) {
                values.putAll(values(root.resolve(file)));
            }
        }
        if (onLoopback(values.getOrDefault("SESSION_POOL_ENDPOINT", ""))) {
            values.put("SESSION_POOL_ENDPOINT", "http://127.0.0.1:" + poolPort);
            values.put("SESSION_POOL_TOKEN", poolToken);
        }
        values.computeIfPresent("OUTPUTS_STORAGE_CONNECTION_STRING",
                (name, value) -> LOOPBACK_BLOB_ENDPOINT.matcher(value).replaceAll("$1:" + azuritePort));
        env.forEach((name, value) -> {
            if (values.containsKey(name) || HostProcess.isAppSetting(name)) {
                values.put(name, value);
            }
        });
        return values;
    }

    /** A file's {@code Values} as strings: booleans as {@code true}/{@code false}, null as empty. */
    private static Map<String, String> values(Path file) {
        JsonNode values;
        try {
            values = ResponseWriter.JSON.readTree(file.toFile()).path("Values");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the app settings in " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> strings = new LinkedHashMap<>();
        values.fields().forEachRemaining(field -> strings.put(field.getKey(), field.getValue().isNull() ? "" : field.getValue().asText()));
        return strings;
    }

    private static boolean onLoopback(String url) {
        try {
            String host = URI.create(url).getHost();
            return host != null && LOOPBACK.contains(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
