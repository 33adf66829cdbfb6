package com.codeinterpreter.functions;

import com.azure.core.credential.TokenCredential;
import com.codeinterpreter.outputs.OutputStore;
import com.codeinterpreter.sessions.SessionIdentity;
import com.codeinterpreter.sessions.SessionPools;
import com.codeinterpreter.settings.AppCredential;
import com.codeinterpreter.settings.Setting;
import com.codeinterpreter.settings.Settings;
import com.codeinterpreter.tools.Tools;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * The composition root: builds the tools once per worker process, on first use, from the app settings.
 * Clients, pipelines and credentials are shared by all invocations, as Functions guidance recommends.
 */
final class App {
    private static volatile Tools tools;
    private static volatile Settings settings;

    private App() {
    }

    static Tools tools() {
        Tools t = tools;
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

    private static Tools build(Settings settings) {
        // One credential for the pool and for Blob Storage: one token cache, one identity, made on first need.
        Supplier<TokenCredential> credential = memoize(() -> AppCredential.fromSettings(settings));
        SessionIdentity identity = new SessionIdentity(settings.require(Setting.SESSION_ID_SECRET));
        return new Tools(identity, SessionPools.fromSettings(settings, credential),
                memoize(() -> OutputStore.fromSettings(settings, Clock.systemUTC(), credential)));
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
