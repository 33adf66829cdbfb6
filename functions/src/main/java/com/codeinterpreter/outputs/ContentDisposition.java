package com.codeinterpreter.outputs;

import java.util.Locale;

/**
 * Builds the Content-Disposition header that makes a browser show or save an output under its own name.
 *
 * <p>Follows RFC 6266: a plain {@code filename} for old clients plus a {@code filename*} in RFC 5987
 * encoding, which current browsers prefer, so names like {@code Übersicht.csv} or {@code 图表.png}
 * survive. The result is pure ASCII, as HTTP header values must be.
 */
final class ContentDisposition {

    private ContentDisposition() {
    }

    /**
     * {@code inline} for types a browser displays safely (raster images, PDF), else {@code attachment}.
     *
     * @throws IllegalArgumentException if {@code downloadName} is blank
     */
    static String forDownload(String downloadName, String contentType) {
        if (downloadName == null || downloadName.isBlank()) {
            throw new IllegalArgumentException("downloadName must not be blank");
        }
        return disposition(contentType) + "; filename=\"" + asciiFallback(downloadName) + "\"; filename*=UTF-8''"
                + percentEncode(downloadName);
    }

    private static String disposition(String contentType) {
        String mediaType = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        // SVG is an image but also a document that can run script; shown inline from the storage
        // origin it would run there, so it is downloaded like any other active content.
        boolean inline = (mediaType.startsWith("image/") && !mediaType.equals("image/svg+xml"))
                || mediaType.equals("application/pdf");
        return inline ? "inline" : "attachment";
    }

    // Quoted-string content that every client parses the same way: printable ASCII without the quote,
    // the backslash (an escape inside quotes) and path separators (a name, not a path).
    private static String asciiFallback(String name) {
        StringBuilder out = new StringBuilder(name.length());
        name.codePoints().forEach(c -> {
            boolean plain = c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '/';
            out.append(plain ? (char) c : '_');
        });
        return out.toString();
    }

    // RFC 5987 attr-char is the only set left unencoded; every other UTF-8 byte becomes %XX.
    private static String percentEncode(String name) {
        return PercentEncoding.encode(name, ContentDisposition::isAttrChar);
    }

    private static boolean isAttrChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$&+-.^_`|~".indexOf(c) >= 0;
    }
}
