package com.codeinterpreter.outputs;

import java.nio.charset.StandardCharsets;
import java.util.function.IntPredicate;

/** Percent-encoding of UTF-8 bytes, with the set of bytes left as they are chosen by the caller. */
final class PercentEncoding {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PercentEncoding() {
    }

    /**
     * Every UTF-8 byte of {@code text} for which {@code keep} is false becomes {@code %XX} (upper-case hex).
     * {@code keep} sees bytes (0-255), so it should only accept ASCII.
     */
    static String encode(String text, IntPredicate keep) {
        StringBuilder out = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (keep.test(c)) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }
}
