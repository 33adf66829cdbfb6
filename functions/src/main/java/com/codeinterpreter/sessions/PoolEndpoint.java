package com.codeinterpreter.sessions;

import com.azure.core.credential.TokenCredential;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.resourcemanager.appcontainers.ContainerAppsApiManager;
import com.codeinterpreter.settings.Setting;
import com.codeinterpreter.settings.Settings;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the pool's data plane is: {@code SESSION_POOL_ENDPOINT} as given, or the pool's management
 * endpoint looked up once from its ARM resource id ({@code SESSION_POOL_RESOURCE_ID}).
 */
final class PoolEndpoint {
    private static final Pattern RESOURCE_ID = Pattern.compile(
            "(?i)/subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/Microsoft\\.App/sessionPools/([^/]+)/?");

    private PoolEndpoint() {
    }

    static String resolve(Settings settings, Supplier<TokenCredential> credential) {
        var endpoint = settings.get(Setting.SESSION_POOL_ENDPOINT);
        if (endpoint.isPresent()) {
            return endpoint.get();
        }
        String resourceId = settings.get(Setting.SESSION_POOL_RESOURCE_ID).orElseThrow(() -> new IllegalStateException(
                "Set SESSION_POOL_ENDPOINT to the session pool's management endpoint, or SESSION_POOL_RESOURCE_ID to its resource id."));
        PoolId id = parse(resourceId);
        return ContainerAppsApiManager.authenticate(credential.get(), new AzureProfile(null, id.subscription(), AzureEnvironment.AZURE))
                .containerAppsSessionPools().getByResourceGroup(id.resourceGroup(), id.name()).poolManagementEndpoint();
    }

    /** The parts of a session pool's resource id. */
    record PoolId(String subscription, String resourceGroup, String name) {
    }

    static PoolId parse(String resourceId) {
        Matcher m = RESOURCE_ID.matcher(resourceId.strip());
        if (!m.matches()) {
            throw new IllegalStateException("SESSION_POOL_RESOURCE_ID must look like /subscriptions/<id>/resourceGroups/<group>"
                    + "/providers/Microsoft.App/sessionPools/<name>, was '" + resourceId + "'.");
        }
        return new PoolId(m.group(1), m.group(2), m.group(3));
    }
}
