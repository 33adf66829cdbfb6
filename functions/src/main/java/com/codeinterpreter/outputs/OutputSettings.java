package com.codeinterpreter.outputs;

import com.codeinterpreter.settings.Setting;
import com.codeinterpreter.settings.Settings;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The outputs' settings, checked once at startup so a typo fails there with the setting's name rather
 * than at the first upload.
 *
 * @param connectionString the account-key connection string, or {@code null} to use {@code accountUrl}
 * @param accountUrl       the https blob endpoint used with the app's identity, or {@code null}
 */
record OutputSettings(String connectionString, String accountUrl, String container, Duration linkTtl) {
    /**
     * A user delegation SAS cannot outlive its key, which Azure limits to seven days; a day of headroom
     * lets one key sign links for a while.
     */
    static final int MAX_LINK_TTL_MINUTES = 6 * 24 * 60;
    // Azure's rule for container names: 3-63 lower-case letters, digits and single hyphens, not at either end.
    private static final Pattern CONTAINER_NAME = Pattern.compile("[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}");

    static OutputSettings from(Settings settings) {
        String container = settings.require(Setting.OUTPUTS_CONTAINER);
        if (!CONTAINER_NAME.matcher(container).matches()) {
            throw new IllegalStateException("The app setting OUTPUTS_CONTAINER must be a valid container name "
                    + "(3-63 lower-case letters, digits and single hyphens), was '" + container + "'.");
        }
        int ttlMinutes = settings.requireInt(Setting.OUTPUTS_LINK_TTL_MINUTES);
        if (ttlMinutes < 1 || ttlMinutes > MAX_LINK_TTL_MINUTES) {
            throw new IllegalStateException("The app setting OUTPUTS_LINK_TTL_MINUTES must be between 1 and "
                    + MAX_LINK_TTL_MINUTES + " (6 days), was " + ttlMinutes + ".");
        }
        Duration ttl = Duration.ofMinutes(ttlMinutes);

        String connectionString = settings.get(Setting.OUTPUTS_STORAGE_CONNECTION_STRING).orElse(null);
        if (connectionString != null) {
            return new OutputSettings(connectionString, null, container, ttl);
        }
        String accountUrl = settings.get(Setting.OUTPUTS_STORAGE_ACCOUNT_URL).orElseThrow(() -> new IllegalStateException(
                "Blob Storage for outputs is not configured: set OUTPUTS_STORAGE_ACCOUNT_URL (Azure, with the app's "
                        + "managed identity) or OUTPUTS_STORAGE_CONNECTION_STRING (Azurite, locally)."));
        return new OutputSettings(null, checkedAccountUrl(accountUrl), container, ttl);
    }

    // Tokens are only sent over https (the SDK refuses otherwise), so say so now rather than on upload.
    private static String checkedAccountUrl(String accountUrl) {
        try {
            URI uri = new URI(accountUrl);
            if ("https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null) {
                return accountUrl;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new IllegalStateException("The app setting OUTPUTS_STORAGE_ACCOUNT_URL must be the account's https "
                + "blob endpoint, like https://<account>.blob.core.windows.net, was '" + accountUrl + "'.");
    }

    @Override
    public String toString() {
        // The connection string holds the account key.
        return "OutputSettings[accountUrl=" + accountUrl + ", container=" + container + ", linkTtl=" + linkTtl
                + (connectionString != null ? ", connectionString=(set)" : "") + "]";
    }
}
