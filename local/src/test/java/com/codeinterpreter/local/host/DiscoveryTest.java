package com.codeinterpreter.local.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Which methods become HTTP functions, on which routes, and which classes stop the host from starting. */
class DiscoveryTest {
    static final String PACKAGE = "com.codeinterpreter.local.host.testfunctions";

    @Test
    void findsExactlyTheHttpFunctionsOfThePackageAndSkipsOtherTriggers() throws Exception {
        try (LocalFunctionsHost host = LocalFunctionsHost.start(0, PACKAGE)) {
            Set<String> names = host.functions().stream().map(HttpFunction::name).collect(Collectors.toSet());
            assertEquals(Set.of("EchoJson", "EchoBytes", "EchoText", "ReverseBytes", "RequestInfo", "Teapot", "Fails", "Ping"), names);
        }
    }

    @Test
    void routeIsTheTriggerRouteOrElseTheFunctionName() throws Exception {
        try (LocalFunctionsHost host = LocalFunctionsHost.start(0, PACKAGE)) {
            Map<String, String> routes = host.functions().stream().collect(Collectors.toMap(HttpFunction::name, f -> f.route().text()));
            assertEquals("EchoJson", routes.get("EchoJson"));
            assertEquals("requests/info", routes.get("RequestInfo"));
            assertEquals("status/teapot", routes.get("Teapot"));
        }
    }

    @Test
    void methodsAndAuthLevelComeFromTheTrigger() throws Exception {
        try (LocalFunctionsHost host = LocalFunctionsHost.start(0, PACKAGE)) {
            HttpFunction echoBytes = function(host, "EchoBytes");
            assertEquals(List.of("POST", "PUT"), echoBytes.methodNames());
            assertEquals(AuthorizationLevel.ANONYMOUS, echoBytes.authLevel());
            assertEquals(AuthorizationLevel.ADMIN, function(host, "RequestInfo").authLevel());
            // No methods in the trigger means every method, and no authLevel means FUNCTION, as in the library.
            assertEquals(9, function(host, "Fails").methodNames().size());
            assertEquals(AuthorizationLevel.FUNCTION, function(host, "Fails").authLevel());
            assertEquals("EchoBytes: POST,PUT /api/EchoBytes (authLevel ANONYMOUS)", echoBytes.describe("api"));
        }
    }

    @Test
    void aPackagePrefixDoesNotMatchAPackageThatMerelyStartsWithIt() throws Exception {
        try (LocalFunctionsHost host = LocalFunctionsHost.start(0, "com.codeinterpreter.local.host.testfunction")) {
            assertEquals(List.of(), host.functions());
        }
    }

    @Test
    void twoFunctionsOnTheSameRouteAndMethodStopTheStart() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> LocalFunctionsHost.start(0, "com.codeinterpreter.local.host.clashingfunctions"));
        assertEquals("Functions 'FirstEcho' (com.codeinterpreter.local.host.clashingfunctions.FirstEcho.run) and 'SecondEcho' "
                + "(com.codeinterpreter.local.host.clashingfunctions.SecondEcho.run) both serve POST /api/Echo. "
                + "Give one of them another route (@HttpTrigger route) or other methods.", e.getMessage());
    }

    @Test
    void aParameterWithAnUnsupportedBindingStopsTheStartAndNamesTheMethod() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> LocalFunctionsHost.start(0, "com.codeinterpreter.local.host.unsupportedfunctions"));
        assertEquals("Function 'ItemById' (com.codeinterpreter.local.host.unsupportedfunctions.RouteValueFunction.item) uses an "
                + "unsupported binding: parameter 2 (java.lang.String @BindingName). The local Functions host passes only the "
                + "@HttpTrigger HttpRequestMessage and an ExecutionContext; read other values from the request instead.", e.getMessage());
    }

    @Test
    void aBodyTypeOtherThanStringOrBytesStopsTheStart() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> LocalFunctionsHost.start(0, "com.codeinterpreter.local.host.pojobodyfunctions"));
        assertEquals("Function 'CreateItem' (com.codeinterpreter.local.host.pojobodyfunctions.PojoBodyFunction.create): the local "
                + "Functions host supports request bodies of type Optional<String>, Optional<byte[]>, String or byte[], not "
                + "com.microsoft.azure.functions.HttpRequestMessage<java.util.Optional<"
                + "com.codeinterpreter.local.host.pojobodyfunctions.PojoBodyFunction$Item>>.", e.getMessage());
    }

    private static HttpFunction function(LocalFunctionsHost host, String name) {
        return host.functions().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }
}
