package com.codeinterpreter.settings;

/**
 * Every app setting the function app reads, by its exact name.
 *
 * <p>This enum is the one list of settings: {@code local.settings.sample.json}, the Bicep app settings
 * and the app settings table in docs/deploying.md are checked against it by tests, so a setting added
 * here and forgotten there fails the build.
 */
public enum Setting {
    /** The session pool's management endpoint (Azure: {@code poolManagementEndpoint}; locally the local pool's URL). */
    SESSION_POOL_ENDPOINT(Need.ONE_OF_POOL, null),
    /** Alternative to the endpoint: the pool's ARM resource id, resolved once to its endpoint. */
    SESSION_POOL_RESOURCE_ID(Need.ONE_OF_POOL, null),
    /** Data-plane api-version: {@code 2025-10-02-preview} (default) or {@code 2024-02-02-preview}. */
    SESSION_POOL_API_VERSION(Need.OPTIONAL, "2025-10-02-preview"),
    /** A static bearer token for the local pool. When unset, tokens come from Entra ID (managed identity). */
    SESSION_POOL_TOKEN(Need.LOCAL_ONLY, null),
    /** Client id of the user-assigned managed identity, read by DefaultAzureCredential. */
    AZURE_CLIENT_ID(Need.AZURE_ONLY, null),
    /** Secret key of the HMAC that turns (caller, sessionId) into a pool identifier. */
    SESSION_ID_SECRET(Need.REQUIRED, null),
    /** Blob Storage connection string with an account key (Azurite locally). Takes precedence over the URL. */
    OUTPUTS_STORAGE_CONNECTION_STRING(Need.LOCAL_ONLY, null),
    /** Blob endpoint of the outputs account, used with managed identity and user-delegation SAS. */
    OUTPUTS_STORAGE_ACCOUNT_URL(Need.AZURE_ONLY, null),
    /** Container that holds the persisted outputs. */
    OUTPUTS_CONTAINER(Need.OPTIONAL, "outputs"),
    /** How long an output link stays valid, in minutes. */
    OUTPUTS_LINK_TTL_MINUTES(Need.OPTIONAL, "60"),
    /** Set by App Service when built-in authentication is on; only then is the caller's principal header trusted. */
    WEBSITE_AUTH_ENABLED(Need.PLATFORM, null);

    /** Where a setting must be present. */
    public enum Need {
        /** Always. */
        REQUIRED,
        /** Exactly one of the settings with this need locates the pool. */
        ONE_OF_POOL,
        /** Has a default; set it to change the default. */
        OPTIONAL,
        /** Only against the local pool and Azurite; never deployed. */
        LOCAL_ONLY,
        /** Only in Azure; the deployment sets it. */
        AZURE_ONLY,
        /** Set by the Azure platform, never by us. */
        PLATFORM
    }

    private final Need need;
    private final String defaultValue;

    Setting(Need need, String defaultValue) {
        this.need = need;
        this.defaultValue = defaultValue;
    }

    public Need need() {
        return need;
    }

    /** The value used when the setting is absent, or {@code null} when there is none. */
    public String defaultValue() {
        return defaultValue;
    }
}
