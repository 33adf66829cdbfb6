package com.codeinterpreter.local.host.pojobodyfunctions;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import java.util.Optional;

/** Asks the worker to deserialise the body into a POJO, which the local host does not do. */
public class PojoBodyFunction {
    /** The body it wants. */
    public record Item(String name) {
    }

    @FunctionName("CreateItem")
    public String create(@HttpTrigger(name = "req", methods = {HttpMethod.POST}) HttpRequestMessage<Optional<Item>> request) {
        return request.getBody().map(Item::name).orElse("none");
    }
}
