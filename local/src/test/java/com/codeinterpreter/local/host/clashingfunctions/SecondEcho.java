package com.codeinterpreter.local.host.clashingfunctions;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import java.util.Optional;

/** The other: same route in another case and with a trailing slash, and POST among its methods. */
public class SecondEcho {
    @FunctionName("SecondEcho")
    public String run(@HttpTrigger(name = "req", methods = {HttpMethod.GET, HttpMethod.POST}, route = "/Echo/")
                      HttpRequestMessage<Optional<String>> request) {
        return "second";
    }
}
