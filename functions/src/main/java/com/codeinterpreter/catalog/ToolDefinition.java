package com.codeinterpreter.catalog;

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
 */
public record ToolDefinition(String name, String description, List<ToolParameter> parameters, boolean contract,
                             Answer answer, List<Integer> errorStatuses) {

    /** What a successful call answers. */
    public enum Answer {
        /** ExecutePythonCode, GeneratePdfReport, RunShellCommand: an execution report, or 202 for a long call. */
        EXECUTION,
        /** GetExecutionResult: 202 while the call runs, then its execution report. */
        EXECUTION_RESULT,
        FILE_TEXT,
        SEARCH_MATCHES,
        FILE_LIST,
        FILE_LINK,
        STORED_FILE;

        /** Whether the answer may be 202 Accepted with an executionId to poll. */
        public boolean mayBeAccepted() {
            return this == EXECUTION || this == EXECUTION_RESULT;
        }
    }

    public ToolDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(answer, "answer");
        parameters = List.copyOf(parameters);
        errorStatuses = List.copyOf(errorStatuses);
        Set<String> seen = new HashSet<>();
        for (ToolParameter p : parameters) {
            if (!seen.add(p.name())) {
                throw new IllegalArgumentException(name + " lists parameter " + p.name() + " twice");
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
