package com.codeinterpreter.local.pool;

import com.codeinterpreter.sessions.SessionPoolServiceVersion;

/** Reads a request's api-version into the versions the client defines ({@link SessionPoolServiceVersion}). */
final class ApiVersion {
    private ApiVersion() {
    }

    static SessionPoolServiceVersion parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw ApiException.badRequest("MissingApiVersionParameter",
                    "The api-version query parameter is required, for example ?api-version=2025-10-02-preview. Supported: "
                            + SessionPoolServiceVersion.supported() + ".");
        }
        return SessionPoolServiceVersion.fromString(raw).orElseThrow(() -> ApiException.badRequest("UnsupportedApiVersion",
                "The api-version '" + raw + "' is not supported. Supported: " + SessionPoolServiceVersion.supported() + "."));
    }
}
