package com.codeinterpreter.sessions;

import com.azure.core.util.ServiceVersion;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The data-plane api-versions of Azure Container Apps dynamic sessions, and what each one offers.
 *
 * <p>The one list of them: this client speaks exactly these, and the local pool accepts exactly these.
 */
public enum SessionPoolServiceVersion implements ServiceVersion {
    V2024_02_02_PREVIEW("2024-02-02-preview", true),
    V2024_08_02_PREVIEW("2024-08-02-preview", true),
    V2024_10_02_PREVIEW("2024-10-02-preview", false),
    V2025_02_02_PREVIEW("2025-02-02-preview", false),
    V2025_10_02_PREVIEW("2025-10-02-preview", false);

    private final String version;
    private final boolean legacy;

    SessionPoolServiceVersion(String version, boolean legacy) {
        this.version = version;
        this.legacy = legacy;
    }

    /** The api-version as the query parameter spells it. */
    @Override
    public String getVersion() {
        return version;
    }

    /** The newest version, the default. */
    public static SessionPoolServiceVersion getLatest() {
        return V2025_10_02_PREVIEW;
    }

    /**
     * Whether this is a legacy version: {@code POST /code/execute} with a {@code properties} wrapper and
     * Success/Failure, {@code files/upload} and {@code files/content/{name}}, synchronous only. Most clients
     * in the wild still use 2024-02-02-preview.
     */
    public boolean legacy() {
        return legacy;
    }

    /** Whether code can run asynchronously and be polled for ({@code executionType: Asynchronous}). */
    public boolean runsAsynchronously() {
        return !legacy;
    }

    /** Whether {@code /session}, {@code /listSessions} and {@code /metadata} exist: from 2025-02-02-preview on. */
    public boolean hasSessionManagement() {
        return compareTo(V2025_02_02_PREVIEW) >= 0;
    }

    /** The version spelled {@code version}, or empty when it is none of these. */
    public static Optional<SessionPoolServiceVersion> fromString(String version) {
        return Arrays.stream(values()).filter(v -> v.version.equals(version)).findFirst();
    }

    /** All versions as a reader would list them: {@code 2024-02-02-preview, ...}. */
    public static String supported() {
        return Arrays.stream(values()).map(SessionPoolServiceVersion::getVersion).collect(Collectors.joining(", "));
    }
}
