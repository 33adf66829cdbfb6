package com.codeinterpreter.local.host.clashingfunctions;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import java.util.Optional;

/** One of two functions that claim POST /api/echo. */
public class FirstEcho {
    @FunctionName("FirstEcho")
    public String run(@HttpTrigger(name = "req", methods = {HttpMethod.POST}, route = "echo") HttpRequestMessage<Optional<String>> request) {
        return "first";
    }
}
