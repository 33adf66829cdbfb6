package com.codeinterpreter.identity;

import com.codeinterpreter.answers.ToolException;

/**
 * Whose session a request is for: the authenticated caller (or one shared name when callers are not
 * authenticated individually) and the session id the caller chose.
 */
public record SessionKey(String caller, String sessionId) {
    public static final int MAX_SESSION_ID = 128;

    public SessionKey {
        if (sessionId == null) {
            sessionId = SessionIdentity.DEFAULT_SESSION;
        }
        if (sessionId.isEmpty() || sessionId.length() > MAX_SESSION_ID) {
            throw ToolException.invalid("'sessionId' must be 1 to " + MAX_SESSION_ID + " characters (for example the agent's "
                    + "conversation or thread id), was " + sessionId.length() + ".");
        }
        if (sessionId.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw ToolException.invalid("'sessionId' contains a control character; use printable characters only.");
        }
    }
}
