package com.codeinterpreter.answers;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * What GeneratePdfReport answers when the code wrote the PDF: the execution's report and the PDF's link.
 *
 * @param url null when the link could not be made (a note in the report says why)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonClassDescription("The report of a GeneratePdfReport call that wrote its PDF.")
public record PdfReport(@JsonUnwrapped ExecutionReport execution,
                        @JsonPropertyDescription("GeneratePdfReport: the PDF's link") String url,
                        @JsonPropertyDescription("GeneratePdfReport: the PDF's download name") String fileName) {
}
