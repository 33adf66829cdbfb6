package com.codeinterpreter.tools;

import java.net.URLConnection;
import java.util.Locale;
import java.util.Map;

/** The content type of a file from its name, covering the contract's supported file types. */
final class ContentTypes {
    private static final Map<String, String> KNOWN = Map.ofEntries(
            Map.entry("csv", "text/csv"), Map.entry("tsv", "text/tab-separated-values"), Map.entry("json", "application/json"),
            Map.entry("xml", "application/xml"), Map.entry("yaml", "application/yaml"), Map.entry("yml", "application/yaml"),
            Map.entry("md", "text/markdown"), Map.entry("txt", "text/plain"), Map.entry("log", "text/plain"),
            Map.entry("py", "text/x-python"), Map.entry("r", "text/x-r"), Map.entry("sql", "application/sql"),
            Map.entry("ipynb", "application/x-ipynb+json"), Map.entry("html", "text/html"), Map.entry("pdf", "application/pdf"),
            Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"), Map.entry("gif", "image/gif"),
            Map.entry("svg", "image/svg+xml"), Map.entry("webp", "image/webp"), Map.entry("bmp", "image/bmp"), Map.entry("tif", "image/tiff"),
            Map.entry("tiff", "image/tiff"), Map.entry("eps", "application/postscript"),
            Map.entry("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), Map.entry("xls", "application/vnd.ms-excel"),
            Map.entry("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            Map.entry("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
            Map.entry("h5", "application/x-hdf5"), Map.entry("hdf5", "application/x-hdf5"), Map.entry("nc", "application/x-netcdf"),
            Map.entry("pkl", "application/octet-stream"), Map.entry("pickle", "application/octet-stream"),
            Map.entry("zip", "application/zip"), Map.entry("tar", "application/x-tar"), Map.entry("gz", "application/gzip"));

    private ContentTypes() {
    }

    static String of(String name) {
        int dot = name.lastIndexOf('.');
        String known = dot < 0 ? null : KNOWN.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
        if (known != null) {
            return known;
        }
        String guessed = URLConnection.guessContentTypeFromName(name);
        return guessed != null ? guessed : "application/octet-stream";
    }
}
