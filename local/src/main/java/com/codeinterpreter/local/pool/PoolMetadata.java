package com.codeinterpreter.local.pool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /metadata}: the Python runtime and the packages really installed for the sandbox's
 * interpreter, read once in the background at start.
 */
final class PoolMetadata {
    private static final String PROBE = String.join("\n",
            "import json, sys, importlib.metadata as md",
            "seen = {}",
            "for d in md.distributions():",
            "    name = d.metadata['Name']",
            "    if name: seen[name.lower()] = {'name': name, 'version': d.version}",
            "print(json.dumps({'python': sys.version.split()[0], 'packages': sorted(seen.values(), key=lambda p: p['name'].lower())}))");

    private final Instant createdAt;
    private final CompletableFuture<JsonNode> probe;

    PoolMetadata(Instant createdAt) {
        this.createdAt = createdAt;
        this.probe = CompletableFuture.supplyAsync(PoolMetadata::runProbe);
    }

    private static JsonNode runProbe() {
        try {
            // Isolated (-I), as the sandbox's interpreter is: no user site, no PYTHONPATH, not this folder.
            Process p = new ProcessBuilder("/usr/bin/python3", "-I", "-c", PROBE).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            JsonNode result = Exchange.JSON.readTree(p.getInputStream());
            p.waitFor(30, TimeUnit.SECONDS);
            return result;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    ObjectNode toJson() {
        JsonNode found;
        try {
            found = probe.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new ApiException(503, "MetadataUnavailable", "The pool could not read its Python packages yet; retry in a few seconds.");
        }
        ObjectNode body = Exchange.JSON.createObjectNode();
        body.putArray("runtimes").addObject().put("name", "python").put("version", found.path("python").asText());
        body.set("preInstalledPackages", found.path("packages"));
        body.put("createdAt", Timestamps.format(createdAt));
        body.put("lastUpdatedAt", Timestamps.format(createdAt));
        body.putObject("jupyterKernel")
                .put("name", "python3")
                .put("version", found.path("python").asText())
                .put("projectUrl", "")
                .put("description", "A persistent Python kernel per session in a bubblewrap sandbox (local stand-in for the service's Jupyter kernel)");
        return body;
    }
}
