package com.codeinterpreter.functions;

import com.codeinterpreter.answers.ToolException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A JSON request body's encoding: UTF-8 only. JSON between systems is UTF-8 (RFC 8259), and a body in another
 * charset would otherwise fail deep in the parser with a message about bytes, or (UTF-16, which the parser
 * guesses) be read differently by different readers.
 */
final class BodyText {
    private static final String SEND_UTF8 = "Send the JSON encoded as UTF-8 (Content-Type: application/json; charset=utf-8).";

    private BodyText() {
    }

    /** Refuses a body declared in, or encoded in, another charset than UTF-8. {@code contentType} may be null. */
    static void requireUtf8(byte[] body, String contentType) {
        String declared = charset(contentType);
        if (declared != null && !declared.equals("utf-8") && !declared.equals("utf8")) {
            if (!ascii(body)) {
                throw ToolException.invalid("The request body is declared as " + declared + ", and only UTF-8 is read. " + SEND_UTF8);
            }
        }
        for (int i = 0; i < body.length; i++) {
            if (body[i] == 0) {
                // JSON text never holds a NUL byte (a string escapes it as \u0000): this is UTF-16 or UTF-32.
                throw ToolException.invalid("The request body is not UTF-8 (byte " + i + " is 0, as in UTF-16 or UTF-32). " + SEND_UTF8);
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.wrap(body);
        try {
            decoder.decode(bytes);
        } catch (CharacterCodingException e) {
            throw ToolException.invalid("The request body is not UTF-8 (the bytes near offset " + bytes.position() + " are not valid "
                    + "UTF-8: Latin-1 or Windows-1252 text, perhaps). " + SEND_UTF8);
        }
    }

    private static String charset(String contentType) {
        if (contentType == null) {
            return null;
        }
        for (String part : contentType.split(";")) {
            String p = part.strip().toLowerCase(Locale.ROOT);
            if (p.startsWith("charset=")) {
                return p.substring("charset=".length()).replace("\"", "").strip();
            }
        }
        return null;
    }

    private static boolean ascii(byte[] body) {
        for (byte b : body) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }
}
