package com.codeinterpreter.answers;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * What every execution answer says about the call itself.
 *
 * @param sessionState null when the call continued its session (the answer then says nothing)
 * @param notes        anything else the caller should know (truncation, state loss, links not made); none is absent
 */
public record CallFacts(@JsonPropertyDescription("The call's id") String executionId,
                        @JsonPropertyDescription("How long the call took") long durationMs,
                        @JsonInclude(JsonInclude.Include.NON_NULL)
                        @JsonPropertyDescription("Absent when the call continued its session; else new, restarted (variables gone, "
                                + "files kept) or expired (idle too long: files and variables gone)") SessionState sessionState,
                        @JsonInclude(JsonInclude.Include.NON_EMPTY)
                        @JsonPropertyDescription("Anything else to know: output cut short, state lost, links not made") List<String> notes) {
    public CallFacts {
        sessionState = sessionState == null ? null : sessionState.reported();
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /** The same facts with one more note. */
    public CallFacts noting(String note) {
        List<String> more = new java.util.ArrayList<>(notes);
        more.add(note);
        return new CallFacts(executionId, durationMs, sessionState, more);
    }
}
