package com.codeinterpreter.tools;

import com.codeinterpreter.answers.ErrorInfo;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What works instead when code reached for a library the sandbox lacks (the local sandbox has Debian 12's
 * packages, and Debian has no pyarrow, python-pptx nor kaleido: docs/tools.md, "File types and libraries").
 * Read from the error the code raised, so it is said only where the library is really missing, and it
 * corrects the "use pip to install" that such errors suggest.
 */
final class MissingPackages {
    /** A library the error names, and what to do instead. */
    private record Gap(Pattern named, String instead) {
    }

    private static final List<Gap> GAPS = List.of(
            new Gap(Pattern.compile("\\b(pyarrow|fastparquet)\\b"), "Parquet, Feather and ORC need pyarrow, which this sandbox "
                    + "does not have, and packages cannot be installed. Write CSV (compressed: to_csv('data.csv.gz')), HDF5 "
                    + "(to_hdf) or pickle instead; for a Parquet file, convert it to CSV where it was made and upload that."),
            // The module's name, not ".pptx", which a file name in any error can hold.
            new Gap(Pattern.compile("No module named 'pptx\\b|\\bpython-pptx\\b"), "python-pptx is not installed here, and packages cannot be "
                    + "installed. Write the slides as OpenDocument (.odp, which PowerPoint opens) with odfpy, or as a PDF with "
                    + "reportlab."),
            new Gap(Pattern.compile("\\bkaleido\\b"), "plotly cannot export images here (kaleido is not installed, and packages "
                    + "cannot be installed). Save the figure with write_html or write_json, or draw the chart with matplotlib "
                    + "for a PNG or SVG."));

    private MissingPackages() {
    }

    /** The advice for the first missing library the error names, if it names one. */
    static Optional<String> note(ErrorInfo error) {
        if (error == null || error.message() == null) {
            return Optional.empty();
        }
        return GAPS.stream().filter(g -> g.named().matcher(error.message()).find()).map(Gap::instead).findFirst();
    }
}
