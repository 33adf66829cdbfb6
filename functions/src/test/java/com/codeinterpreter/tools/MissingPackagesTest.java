package com.codeinterpreter.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.codeinterpreter.answers.ErrorInfo;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The errors pandas, plotly and Python raise in the sandbox when a library is missing, as they read there. */
class MissingPackagesTest {
    private static String note(String type, String message) {
        return MissingPackages.note(new ErrorInfo(type, message)).orElse("");
    }

    @Test
    void parquetAndFeatherPointToFormatsThatWork() {
        String parquet = note("ImportError", "Unable to find a usable engine; tried using: 'pyarrow', 'fastparquet'.\n"
                + "A suitable version of pyarrow or fastparquet is required for parquet support.");
        assertTrue(parquet.contains("CSV") && parquet.contains("to_hdf") && parquet.contains("cannot be installed"), parquet);
        assertEquals(parquet, note("ImportError", "Missing optional dependency 'pyarrow'.  Use pip or conda to install pyarrow."));
        assertEquals(parquet, note("ModuleNotFoundError", "No module named 'pyarrow'"));
    }

    @Test
    void slidesAndPlotlyImagesPointToWhatIsInstalled() {
        assertTrue(note("ModuleNotFoundError", "No module named 'pptx'").contains(".odp"));
        assertTrue(note("PackageInstallBlocked", "pip install (line 1) is not available: packages cannot be installed here. "
                + "python-pptx is not installed.").contains("odfpy"));
        assertTrue(note("ValueError", "\nImage export using the \"kaleido\" engine requires the kaleido package,\n"
                + "which can be installed using pip:\n    $ pip install -U kaleido\n").contains("write_html"));
    }

    @Test
    void otherErrorsGetNoAdvice() {
        assertEquals(Optional.empty(), MissingPackages.note(new ErrorInfo("ModuleNotFoundError", "No module named 'pptxtools'")));
        assertEquals(Optional.empty(), MissingPackages.note(new ErrorInfo("FileNotFoundError",
                "[Errno 2] No such file or directory: 'deck.pptx'")));
        assertEquals(Optional.empty(), MissingPackages.note(new ErrorInfo("ZeroDivisionError", "division by zero")));
        assertEquals(Optional.empty(), MissingPackages.note(null));
    }
}
