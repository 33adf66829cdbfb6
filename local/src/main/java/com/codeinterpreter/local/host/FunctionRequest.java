package com.codeinterpreter.local.host;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.HttpStatusType;
import com.sun.net.httpserver.HttpExchange;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The {@link HttpRequestMessage} a function receives, built from one request the way the real host and
 * Java worker build it.
 *
 * <p>Header names are lower-cased, as the host sends them to the worker; lookups ignore case, so
 * {@code getHeaders().get("Content-Type")} works too. (In Azure the map is a plain map with lower-case
 * keys, so function code that looks up lower-case names behaves the same in both places.) A header or
 * query parameter given more than once has its values joined with commas, and query parameters without
 * a value are left out, as the host does. Both maps are read-only.
 */
final class FunctionRequest implements HttpRequestMessage<Object> {
    private final URI uri;
    private final HttpMethod method;
    private final Map<String, String> headers;
    private final Map<String, String> query;
    private final Object body;

    private FunctionRequest(URI uri, HttpMethod method, Map<String, String> headers, Map<String, String> query, Object body) {
        this.uri = uri;
        this.method = method;
        this.headers = headers;
        this.query = query;
        this.body = body;
    }

    /** The request of {@code exchange}, with {@code body} already converted to the function's body type. */
    static FunctionRequest of(HttpExchange exchange, Object body) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.merge(name.toLowerCase(Locale.ROOT), String.join(",", values), (a, b) -> a + "," + b));
        URI raw = exchange.getRequestURI();
        String host = Objects.requireNonNullElse(exchange.getRequestHeaders().getFirst("Host"),
                "127.0.0.1:" + exchange.getLocalAddress().getPort());
        URI uri = URI.create("http://" + host + raw.getRawPath() + (raw.getRawQuery() == null ? "" : "?" + raw.getRawQuery()));
        return new FunctionRequest(uri, HttpMethod.value(exchange.getRequestMethod()), Collections.unmodifiableMap(headers),
                Collections.unmodifiableMap(parseQuery(raw.getRawQuery())), body);
    }

    private static Map<String, String> parseQuery(String raw) {
        Map<String, String> result = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return result;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (!name.isEmpty() && !value.isEmpty()) {
                result.merge(name, value, (a, b) -> a + "," + b);
            }
        }
        return result;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // A stray '%' is kept as written rather than failing the whole request.
            return s;
        }
    }

    @Override
    public URI getUri() {
        return uri;
    }

    @Override
    public HttpMethod getHttpMethod() {
        return method;
    }

    @Override
    public Map<String, String> getHeaders() {
        return headers;
    }

    @Override
    public Map<String, String> getQueryParameters() {
        return query;
    }

    @Override
    public Object getBody() {
        return body;
    }

    @Override
    public HttpResponseMessage.Builder createResponseBuilder(HttpStatus status) {
        return new FunctionResponse.Builder().status(status);
    }

    @Override
    public HttpResponseMessage.Builder createResponseBuilder(HttpStatusType status) {
        return new FunctionResponse.Builder().status(status);
    }
}
