package com.codeinterpreter.functions;

import com.azure.core.credential.TokenCredential;
import com.codeinterpreter.identity.SessionIdentity;
import com.codeinterpreter.identity.SessionKey;
import com.codeinterpreter.outputs.OutputStore;
import com.codeinterpreter.sessions.SessionPools;
import com.codeinterpreter.settings.AppCredential;
import com.codeinterpreter.settings.Setting;
import com.codeinterpreter.settings.Settings;
import com.codeinterpreter.tools.ToolHandlers;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * The composition root: builds the tools once per worker process, on first use, from the app settings.
 * Clients, pipelines and credentials are shared by all invocations, as Functions guidance recommends.
 */
final class App {
    private static volatile ToolHandlers tools;
    private static volatile Settings settings;
    private static final Supplier<SessionIdentity> IDENTITY = memoize(() -> new SessionIdentity(settings().require(Setting.SESSION_ID_SECRET)));
    /** How much of a session's identifier a call's event carries: enough to tell sessions apart, as an HMAC reveals nothing. */
    private static final int SESSION_PREFIX = 15;

    private App() {
    }

    static ToolHandlers tools() {
        ToolHandlers t = tools;
        if (t == null) {
            synchronized (App.class) {
                t = tools;
                if (t == null) {
                    t = build(settings());
                    tools = t;
                }
            }
        }
        return t;
    }

    static Settings settings() {
        Settings s = settings;
        if (s == null) {
            s = Settings.fromEnvironment();
            settings = s;
        }
        return s;
    }

    private static ToolHandlers build(Settings settings) {
        // One credential for the pool and for Blob Storage: one token cache, one identity, made on first need.
        Supplier<TokenCredential> credential = memoize(() -> AppCredential.fromSettings(settings));
        return new ToolHandlers(IDENTITY.get(), SessionPools.fromSettings(settings, credential),
                memoize(() -> OutputStore.fromSettings(settings, Clock.systemUTC(), credential)));
    }

    /** The start of the session's pool identifier ({@code ci-} and 12 hex digits), or null when the secret is missing. */
    static String sessionPrefix(SessionKey key) {
        try {
            return IDENTITY.get().identifier(key).substring(0, SESSION_PREFIX);
        } catch (IllegalStateException e) {
            return null;  // the call itself fails with what to fix
        }
    }

    /** A supplier that creates its value once, on first use, and keeps it (retrying if creation failed). */
    static <T> Supplier<T> memoize(Supplier<T> factory) {
        return new Supplier<>() {
            private volatile T value;

            @Override
            public T get() {
                T v = value;
                if (v == null) {
                    synchronized (this) {
                        v = value;
                        if (v == null) {
                            v = factory.get();
                            value = v;
                        }
                    }
                }
                return v;
            }
        };
    }
}
