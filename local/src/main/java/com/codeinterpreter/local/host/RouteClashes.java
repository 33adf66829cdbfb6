package com.codeinterpreter.local.host;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Refuses a set of functions in which two share a name, or two serve the same route with the same method:
 * the real host refuses both at start too, and serving one of them silently would hide the mistake.
 */
final class RouteClashes {
    private RouteClashes() {
    }

    /** @throws IllegalStateException naming both functions and the route and method they share */
    static void check(List<HttpFunction> functions) {
        Map<String, HttpFunction> byName = new HashMap<>();
        Map<String, HttpFunction> byRoute = new HashMap<>();
        for (HttpFunction f : functions) {
            // Function names are case-insensitive in the host, like the routes.
            HttpFunction sameName = byName.putIfAbsent(f.name().toLowerCase(Locale.ROOT), f);
            if (sameName != null) {
                throw new IllegalStateException("Two functions are named '" + f.name() + "': " + sameName.javaName()
                        + " and " + f.javaName() + ". Function names must be unique.");
            }
            for (String method : f.methodNames()) {
                HttpFunction sameRoute = byRoute.putIfAbsent(method + " " + f.route().shape(), f);
                if (sameRoute != null) {
                    throw new IllegalStateException("Functions '" + sameRoute.name() + "' (" + sameRoute.javaName() + ") and '"
                            + f.name() + "' (" + f.javaName() + ") both serve " + method + " /api/" + f.route().text()
                            + ". Give one of them another route (@HttpTrigger route) or other methods.");
                }
            }
        }
    }
}
