package com.codeinterpreter.sessions;

import com.azure.core.credential.TokenCredential;
import com.codeinterpreter.settings.Setting;
import com.codeinterpreter.settings.Settings;
import java.util.function.Supplier;

/** Builds the {@link SessionPoolClient} the app settings describe. */
public final class SessionPools {
    private SessionPools() {
    }

    /**
     * @param credential the app's Entra ID credential, asked for only when no static local token is configured
     *                   (or to look the endpoint up from the pool's resource id)
     * @throws IllegalStateException naming the setting, when one is missing or invalid
     */
    public static SessionPoolClient fromSettings(Settings settings, Supplier<TokenCredential> credential) {
        String apiVersion = settings.require(Setting.SESSION_POOL_API_VERSION);
        SessionPoolServiceVersion version = SessionPoolServiceVersion.fromString(apiVersion).orElseThrow(() -> new IllegalStateException(
                "The app setting " + Setting.SESSION_POOL_API_VERSION.name() + " must be one of "
                        + SessionPoolServiceVersion.supported() + ", was '" + apiVersion + "'."));
        SessionPoolClientBuilder builder = new SessionPoolClientBuilder().serviceVersion(version);
        settings.get(Setting.SESSION_POOL_TOKEN).ifPresentOrElse(builder::staticToken, () -> builder.credential(credential.get()));
        return builder.endpoint(PoolEndpoint.resolve(settings, credential)).buildClient();
    }
}
