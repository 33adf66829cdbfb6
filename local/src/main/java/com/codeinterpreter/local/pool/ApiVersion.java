package com.codeinterpreter.local.pool;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The data-plane api-versions the pool speaks, and which request shapes each one takes. */
enum ApiVersion {
    V2024_02_02_PREVIEW("2024-02-02-preview", true),
    V2024_08_02_PREVIEW("2024-08-02-preview", true),
    V2024_10_02_PREVIEW("2024-10-02-preview", false),
    V2025_02_02_PREVIEW("2025-02-02-preview", false),
    V2025_10_02_PREVIEW("2025-10-02-preview", false);

    final String value;
    /** Legacy versions: {@code POST /code/execute} with a {@code properties} wrapper, Success/Failure. */
    final boolean legacy;

    ApiVersion(String value, boolean legacy) {
        this.value = value;
        this.legacy = legacy;
    }

    /** Session management and metadata came with 2025-02-02-preview. */
    boolean hasSessionManagement() {
        return this == V2025_02_02_PREVIEW || this == V2025_10_02_PREVIEW;
    }

    static ApiVersion parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw ApiException.badRequest("MissingApiVersionParameter",
                    "The api-version query parameter is required, for example ?api-version=2025-10-02-preview. Supported: " + supported() + ".");
        }
        for (ApiVersion v : values()) {
            if (v.value.equals(raw)) {
                return v;
            }
        }
        throw ApiException.badRequest("UnsupportedApiVersion",
                "The api-version '" + raw + "' is not supported. Supported: " + supported() + ".");
    }

    static String supported() {
        return Arrays.stream(values()).map(v -> v.value).collect(Collectors.joining(", "));
    }
}
