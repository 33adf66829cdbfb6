package com.codeinterpreter.identity;

import com.codeinterpreter.settings.Setting;
import com.codeinterpreter.settings.Settings;
import java.util.Map;

/**
 * Who is calling, for separating sessions. With built-in authentication (Easy Auth) the platform puts
 * the verified caller's object id in {@code x-ms-client-principal-id} and strips any value a client
 * sent; without it that header could be forged, so it is ignored and every key holder is one caller.
 */
public final class Caller {
    public static final String KEY_HOLDER = "function-key-holder";

    private Caller() {
    }

    public static String of(Map<String, String> headers, Settings settings) {
        boolean easyAuth = settings.get(Setting.WEBSITE_AUTH_ENABLED).map(v -> v.equalsIgnoreCase("true")).orElse(false);
        if (easyAuth) {
            String principal = header(headers, "x-ms-client-principal-id");
            if (principal != null && !principal.isBlank()) {
                return "principal:" + principal.strip();
            }
        }
        return KEY_HOLDER;
    }

    public static String header(Map<String, String> headers, String name) {
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }
}
