package com.codeinterpreter.tools;

import com.codeinterpreter.answers.OutputFile;
import java.util.List;

/**
 * What the answer says about output longer than its cap: the helper saves such a stream whole (up to
 * 50 MB) as a session file under /mnt/data/.outputs, which is published with the call's other files, so
 * the note can point at its path and its link.
 */
final class SavedOutputs {
    private SavedOutputs() {
    }

    /** Whether the helper saved {@code stream} because it outgrew the cap. */
    static boolean saved(HelperReply.Changes reply, String stream) {
        return find(reply, stream) != null;
    }

    /** One note per truncated stream: saved whole (or its first 50 MB), with the link when there is one, or just cut. */
    static void note(HelperReply.Changes reply, List<OutputFile> files, boolean stdoutTruncated, boolean stderrTruncated, List<String> notes) {
        for (String stream : List.of("stdout", "stderr")) {
            if (!(stream.equals("stdout") ? stdoutTruncated : stderrTruncated)) {
                continue;
            }
            HelperReply.SavedOutput saved = find(reply, stream);
            if (saved == null) {
                notes.add(stream + " was longer than " + ExecutionLimits.MAX_OUTPUT_CHARS + " characters and was truncated; write large output "
                        + "to a file in /mnt/data and read it with ReadSessionFile.");
                continue;
            }
            String path = saved.path();
            String link = files.stream().filter(f -> path.equals(f.path()) && f.url() != null).map(OutputFile::url).findFirst()
                    .map(url -> " (download: " + url + ")").orElse("");
            String what = saved.complete()
                    ? "The whole of it is saved as " + path
                    : "Its first " + saved.size() + " bytes are saved as " + path + " (saving stops at 50 MB"
                            + (saved.error() != null ? ", or here: " + saved.error() : "") + ")";
            notes.add(stream + " was " + saved.total() + " " + saved.unit() + " long and is truncated "
                    + "here to its first " + ExecutionLimits.MAX_OUTPUT_CHARS + " characters. " + what + link + "; read it in parts with "
                    + "ReadSessionFile.");
        }
    }

    private static HelperReply.SavedOutput find(HelperReply.Changes reply, String stream) {
        return reply.savedOutputs().stream().filter(saved -> stream.equals(saved.stream())).findFirst().orElse(null);
    }
}
