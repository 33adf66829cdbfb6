package com.codeinterpreter.catalog;

import com.codeinterpreter.answers.ExecutionReport;
import com.codeinterpreter.answers.FileList;
import com.codeinterpreter.answers.FileText;
import com.codeinterpreter.answers.OutputFile;
import com.codeinterpreter.answers.PdfReport;
import com.codeinterpreter.answers.SearchMatches;
import com.codeinterpreter.answers.StoredFile;
import com.codeinterpreter.tools.ToolRequest;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One tool as agents see it, over HTTP and over MCP alike: its name, what it does, its own parameters
 * (besides the common ones of {@link ToolCatalog#COMMON}), what it answers and which errors are its own.
 *
 * @param contract     true for the eight tools of the product contract; false for GetExecutionResult,
 *                     which only exists to collect the result of a long call
 * @param answer       the shape of a successful answer
 * @param errorStatuses HTTP statuses this tool may answer besides the ones every tool may (400, 500, 502, 503)
 * @param request      the tool's request record, whose components are named as the parameters ({@link RequestBinder})
 */
public record ToolDefinition(String name, String description, List<ToolParameter> parameters, boolean contract,
                             Answer answer, List<Integer> errorStatuses, Class<? extends ToolRequest> request) {

    /** What a successful call answers, and the record it is. */
    public enum Answer {
        /** ExecutePythonCode, RunShellCommand: an execution report, or 202 for a long call. */
        EXECUTION(ExecutionReport.class),
        /** GeneratePdfReport: the report with the PDF's link, or 202 for a long call. */
        PDF_REPORT(PdfReport.class),
        /** GetExecutionResult: 202 while the call runs, then its report (with a PDF's link for GeneratePdfReport). */
        EXECUTION_RESULT(PdfReport.class),
        FILE_TEXT(FileText.class),
        SEARCH_MATCHES(SearchMatches.class),
        FILE_LIST(FileList.class),
        FILE_LINK(OutputFile.class),
        STORED_FILE(StoredFile.class);

        private final Class<? extends Record> type;

        Answer(Class<? extends Record> type) {
            this.type = type;
        }

        /** The answer's record, from which its OpenAPI schema is made. */
        public Class<? extends Record> type() {
            return type;
        }

        /** Whether the answer may be 202 Accepted with an executionId to poll. */
        public boolean mayBeAccepted() {
            return this == EXECUTION || this == PDF_REPORT || this == EXECUTION_RESULT;
        }
    }

    public ToolDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(request, "request");
        parameters = List.copyOf(parameters);
        errorStatuses = List.copyOf(errorStatuses);
        Set<String> seen = new HashSet<>();
        for (ToolParameter p : parameters) {
            if (!seen.add(p.name())) {
                throw new IllegalArgumentException(name + " lists parameter " + p.name() + " twice");
            }
        }
        for (var component : request.getRecordComponents()) {
            if (!seen.contains(component.getName())) {
                throw new IllegalArgumentException(request.getName() + "." + component.getName() + " is no parameter of " + name);
            }
        }
    }

    /** The tool's own parameters followed by the common ones. */
    public List<ToolParameter> allParameters() {
        return Stream.concat(parameters.stream(), ToolCatalog.COMMON.stream()).toList();
    }

    /** The names a request may carry: the tool's own parameters and the common ones. */
    public Set<String> acceptedFields() {
        Set<String> names = new HashSet<>();
        allParameters().forEach(p -> names.add(p.name()));
        return Set.copyOf(names);
    }

    /** The names of the required parameters, in catalog order. */
    public List<String> requiredNames() {
        return parameters.stream().filter(ToolParameter::required).map(ToolParameter::name).toList();
    }

    /** The parameter of that name. */
    public ToolParameter parameter(String parameterName) {
        return allParameters().stream().filter(p -> p.name().equals(parameterName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(name + " has no parameter " + parameterName));
    }
}
