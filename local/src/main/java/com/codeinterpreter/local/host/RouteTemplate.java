package com.codeinterpreter.local.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The route of one function, as written in {@code @HttpTrigger(route = ...)} or defaulted to the function
 * name, matched against the path below {@code /api/}.
 *
 * <p>Literal segments compare case-insensitively, as ASP.NET Core routing does in the real host. A
 * parameter segment ({@code {id}}, {@code {id:int}}, {@code {id?}}) matches any one segment and a catch-all
 * ({@code {*rest}}) matches the rest of the path; constraints are not checked. Parameter values are not
 * bound, because binding them needs {@code @BindingName}, which the local host does not support.
 */
final class RouteTemplate {
    private final String text;
    private final List<String> segments;

    private RouteTemplate(String text, List<String> segments) {
        this.text = text;
        this.segments = segments;
    }

    /** Parses a route as the host does: surrounding slashes do not count. */
    static RouteTemplate parse(String route) {
        Objects.requireNonNull(route, "route");
        String trimmed = trimSlashes(route);
        List<String> segments = trimmed.isEmpty() ? List.of() : List.of(trimmed.split("/+"));
        return new RouteTemplate(trimmed, segments);
    }

    static String trimSlashes(String path) {
        return path.replaceAll("^/+|/+$", "");
    }

    /** The route as configured, without surrounding slashes. */
    String text() {
        return text;
    }

    /**
     * A form that is equal for two templates that match the same paths: literals lower-cased, parameter
     * names dropped. Used to find two functions that claim the same route.
     */
    String shape() {
        List<String> out = new ArrayList<>();
        for (String s : segments) {
            out.add(isCatchAll(s) ? "{*}" : isParameter(s) ? (isOptional(s) ? "{?}" : "{}") : s.toLowerCase(Locale.ROOT));
        }
        return String.join("/", out);
    }

    /** How many literal segments the template has; the more, the more specific it is. */
    int literalCount() {
        return (int) segments.stream().filter(s -> !isParameter(s)).count();
    }

    /** Whether the path below {@code /api/} (already split on '/', no empty segments) matches. */
    boolean matches(List<String> path) {
        int i = 0;
        for (String s : segments) {
            if (isCatchAll(s)) {
                return true;
            }
            if (i == path.size()) {
                return isOptional(s) && i == segments.size() - 1;
            }
            if (!isParameter(s) && !s.equalsIgnoreCase(path.get(i))) {
                return false;
            }
            i++;
        }
        return i == path.size();
    }

    private static boolean isParameter(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }

    private static boolean isCatchAll(String segment) {
        return segment.startsWith("{*");
    }

    private static boolean isOptional(String segment) {
        return isParameter(segment) && segment.endsWith("?}");
    }

    @Override
    public String toString() {
        return text;
    }
}
