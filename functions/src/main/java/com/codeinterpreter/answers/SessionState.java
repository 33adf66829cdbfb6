package com.codeinterpreter.answers;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a call found of its session. The helper tells a fresh interpreter ({@code new} or {@code restarted});
 * the session ledger tells a new session from one that {@code expired}.
 */
public enum SessionState {
    /** The call continued the session: nothing is said about it. */
    @JsonProperty("continued") CONTINUED,
    @JsonProperty("new") NEW,
    /** The interpreter was restarted: variables and imports are gone, files are kept. */
    @JsonProperty("restarted") RESTARTED,
    /** The pool deleted the session after it was idle too long: files and variables are gone. */
    @JsonProperty("expired") EXPIRED;

    /** The state an answer reports: null when the call continued its session, so the answer says nothing. */
    public SessionState reported() {
        return this == CONTINUED ? null : this;
    }
}
