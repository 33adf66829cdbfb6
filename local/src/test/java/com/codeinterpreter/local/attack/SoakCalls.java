package com.codeinterpreter.local.attack;

import com.codeinterpreter.local.e2e.ToolClient;
import com.fasterxml.jackson.databind.JsonNode;

/** The soak's mix of calls, one of each tool in turn, and what counts as the expected answer to each. */
final class SoakCalls {
    static final int KINDS = 7;

    private SoakCalls() {
    }

    /** Makes call {@code kind}; returns null when the answer is the expected one, else what was wrong. */
    static String call(ToolClient session, int kind, int caller, int k) {
        try {
            ToolClient.Answer a = switch (kind) {
                case 0 -> session.call("ExecutePythonCode", "pythonCode", "n = globals().get('n', 0) + 1\nprint('call', n)");
                case 1 -> session.call("RunShellCommand", "command", "echo soak && ls soak | wc -l");
                case 2 -> session.call("UploadFileToSession", "path", "soak/c" + caller + "-" + (k % 5) + ".txt", "content", "caller " + caller);
                case 3 -> session.call("ReadSessionFile", "path", "soak/seed.txt");
                case 4 -> session.call("ListSessionFiles", "path", "soak");
                case 5 -> session.call("SearchSessionFiles", "pattern", "^seed", "path", "soak");
                default -> session.call("GetSessionFile", "path", "soak/seed.txt");
            };
            if (a.status() != 200) {
                return "kind " + kind + ": " + a;
            }
            JsonNode r = a.json();
            boolean expected = switch (kind) {
                case 0, 1 -> "succeeded".equals(r.path("status").asText()) && r.path("stdout").asText().startsWith(kind == 0 ? "call " : "soak\n");
                case 2 -> r.path("size").asInt() > 0;
                case 3 -> "seed line\n".equals(r.path("content").asText());
                case 4 -> r.path("files").size() >= 1;
                case 5 -> r.path("matches").size() == 1;
                default -> r.path("url").asText().startsWith("http");
            };
            return expected ? null : "kind " + kind + " answered 200 but " + r;
        } catch (RuntimeException e) {
            return "kind " + kind + ": " + e;
        }
    }
}
