package com.codeinterpreter.tools;

import java.util.List;

/** The markdown an agent can show as it is: images inline, other files as links. */
final class Markdown {
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
            String label = f.name().replace("]", "\\]").replace("[", "\\[");
            md.append(f.isImage() ? "![" + label + "](" + f.url() + ")" : "[" + label + "](" + f.url() + ")");
        }
        return md.length() == 0 ? null : md.toString();
    }
}
