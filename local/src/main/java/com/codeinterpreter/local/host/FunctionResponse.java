package com.codeinterpreter.local.host;

import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.HttpStatusType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The {@link HttpResponseMessage} a function builds with {@code request.createResponseBuilder(status)}:
 * a status, headers and a body of any type ({@link ResponseWriter} turns it into bytes).
 */
final class FunctionResponse implements HttpResponseMessage {
    private final HttpStatusType status;
    private final Map<String, String> headers;
    private final Object body;

    private FunctionResponse(Builder builder) {
        this.status = builder.status;
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(builder.headers));
        this.body = builder.body;
    }

    @Override
    public HttpStatusType getStatus() {
        return status;
    }

    @Override
    public int getStatusCode() {
        return status.value();
    }

    /** The value of a header the function set; names compare case-insensitively, as in HTTP. */
    @Override
    public String getHeader(String key) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(key))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    /** Every header the function set, in the order it set them. */
    Map<String, String> headers() {
        return headers;
    }

    @Override
    public Object getBody() {
        return body;
    }

    /** Collects status, headers and body; starts at 200 OK with no headers, as the Java worker's does. */
    static final class Builder implements HttpResponseMessage.Builder {
        private HttpStatusType status = HttpStatus.OK;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private Object body;

        @Override
        public Builder status(HttpStatusType status) {
            this.status = Objects.requireNonNull(status, "status");
            return this;
        }

        /** Sets a header; setting the same name again (in any case) replaces the earlier value. */
        @Override
        public Builder header(String key, String value) {
            Objects.requireNonNull(key, "key");
            headers.keySet().removeIf(existing -> existing.equalsIgnoreCase(key));
            headers.put(key, value);
            return this;
        }

        @Override
        public Builder body(Object body) {
            this.body = body;
            return this;
        }

        @Override
        public HttpResponseMessage build() {
            return new FunctionResponse(this);
        }
    }
}
