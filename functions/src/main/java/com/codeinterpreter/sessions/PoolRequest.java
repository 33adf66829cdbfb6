package com.codeinterpreter.sessions;

import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.util.BinaryData;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;

/**
 * A request to the pool that says, from where it is built, whether sending it twice is harmless.
 *
 * <p>The flag travels on the request because azure-core's retry condition sees only the response and its
 * request, not the call's {@code Context}; {@link #copy()} keeps it, because the retry policy sends a copy
 * on every try. A request that is not a {@code PoolRequest} counts as not repeatable.
 */
final class PoolRequest extends HttpRequest {
    private final boolean repeatable;

    private PoolRequest(HttpMethod method, URL url, HttpHeaders headers, BinaryData body, boolean repeatable) {
        super(method, url, headers, body);
        this.repeatable = repeatable;
    }

    /** A request that reads, or writes the same state however often it arrives. */
    static PoolRequest repeatable(HttpMethod method, String url) {
        return new PoolRequest(method, parse(url), new HttpHeaders(), null, true);
    }

    /** A request that must reach the pool at most once as far as we can tell, such as running code. */
    static PoolRequest once(HttpMethod method, String url) {
        return new PoolRequest(method, parse(url), new HttpHeaders(), null, false);
    }

    /** Whether {@code request} was built as repeatable. */
    static boolean isRepeatable(HttpRequest request) {
        return request instanceof PoolRequest pool && pool.repeatable;
    }

    @Override
    public PoolRequest copy() {
        return new PoolRequest(getHttpMethod(), getUrl(), new HttpHeaders(getHeaders()), getBodyAsBinaryData(), repeatable);
    }

    private static URL parse(String url) {
        try {
            return URI.create(url).toURL();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("Not a valid pool URL: " + url, e);
        }
    }
}
