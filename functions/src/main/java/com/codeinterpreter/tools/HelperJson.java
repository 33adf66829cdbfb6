package com.codeinterpreter.tools;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.logging.Logger;

/**
 * The helper protocol's JSON, and the one place that reads what the helper sends: requests are written
 * from {@link HelperRequest} records, replies are bound to {@link HelperReply} records.
 *
 * <p>A reply is the execution's result: {@code {"ci":1,"op":...}}, the marker first, so neither a stray
 * value nor the install request ({@link SessionRunner}) reads as one; the records ignore the marker itself. Unknown fields are passed over, so a
 * field the helper adds costs nothing until Java uses it; {@link #strict()} refuses them, for the test that
 * holds both ends to one schema.
 */
final class HelperJson {
    private static final Logger LOG = Logger.getLogger(HelperJson.class.getName());
    static final String MARKER = "{\"ci\":1,";
    private static final HelperJson LENIENT = new HelperJson(false);

    private final ObjectMapper json;
    /** Made once: finding the writer for the sealed type costs more than writing a small request. */
    private final ObjectWriter requests;

    private HelperJson(boolean strict) {
        // A field left out means "not given" to the helper: nulls are not sent, in the tool's records unwrapped in a request too.
        this.json = JsonMapper.builder()
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, strict)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
        this.requests = json.writerFor(HelperRequest.class);
    }

    static HelperJson lenient() {
        return LENIENT;
    }

    static HelperJson strict() {
        return new HelperJson(true);
    }

    /** The request as the JSON text the helper's {@code dispatch} takes. */
    String write(HelperRequest request) {
        try {
            return requests.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("request is not serialisable", e);
        }
    }

    /** The helper's reply in an execution's result, or null when the result is not one (the helper gave none). */
    HelperReply read(String result) {
        if (result == null || !result.startsWith(MARKER)) {
            return null;
        }
        try {
            return json.readValue(result, HelperReply.class);
        } catch (JsonProcessingException e) {
            // Both ends ship in one build, so this is a defect of ours; the call reads as one the helper did not answer.
            LOG.warning("the session helper's reply does not match its schema: " + e.getOriginalMessage());
            return null;
        }
    }
}
