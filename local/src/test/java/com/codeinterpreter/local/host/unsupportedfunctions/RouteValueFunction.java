package com.codeinterpreter.local.host.unsupportedfunctions;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import java.util.Optional;

/** Reads a route value with @BindingName, which the local host does not bind. */
public class RouteValueFunction {
    @FunctionName("ItemById")
    public String item(@HttpTrigger(name = "req", methods = {HttpMethod.GET}, route = "items/{id}") HttpRequestMessage<Optional<String>> request,
                       @BindingName("id") String id) {
        return id;
    }
}
