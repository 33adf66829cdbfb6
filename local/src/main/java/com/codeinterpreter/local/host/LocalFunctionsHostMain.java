package com.codeinterpreter.local.host;

import java.util.concurrent.CountDownLatch;

/**
 * Starts the local Functions host in the foreground: {@code LocalFunctionsHostMain [--port N] [--package P]}.
 * Prints {@code functions host listening on http://127.0.0.1:N/api} and the functions once it accepts
 * requests; stops cleanly on SIGINT/SIGTERM.
 *
 * <p>The functions read their app settings from environment variables, as in Azure; this host sets none
 * ({@link LocalApp}, which {@code scripts/run-local.sh} runs, passes them from {@code local.settings.json}).
 */
public final class LocalFunctionsHostMain {
    private static final String USAGE = "usage: LocalFunctionsHostMain [--port N (default " + LocalFunctionsHost.DEFAULT_PORT
            + ")] [--package P (default " + LocalFunctionsHost.DEFAULT_PACKAGE + ")]";

    private LocalFunctionsHostMain() {
    }

    public static void main(String[] args) throws Exception {
        LogLine.useForRootHandlers();
        int port = LocalFunctionsHost.DEFAULT_PORT;
        String packagePrefix = LocalFunctionsHost.DEFAULT_PACKAGE;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--port") && i + 1 < args.length) {
                port = parsePort(args[++i]);
            } else if (args[i].equals("--package") && i + 1 < args.length) {
                packagePrefix = args[++i];
            } else {
                exit(USAGE);
            }
        }
        CallsLog.installIfAsked();
        LocalFunctionsHost host;
        try {
            host = LocalFunctionsHost.start(port, packagePrefix);
        } catch (IllegalStateException e) {
            exit("functions host cannot start: " + e.getMessage());
            return;
        } catch (java.net.BindException e) {
            exit("functions host cannot listen on 127.0.0.1:" + port + ": " + e.getMessage() + " (choose another with --port)");
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            host.close();
            stopped.countDown();
        }, "functions-host-shutdown"));
        System.out.println("functions host listening on " + host.url() + "/" + LocalFunctionsHost.ROUTE_PREFIX);
        System.out.println("MCP tools at " + host.mcpUrl());
        host.describeFunctions().forEach(line -> System.out.println("  " + line));
        System.out.flush();
        stopped.await();
    }

    private static int parsePort(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        exit("--port must be 0-65535, was " + value);
        return -1;
    }

    private static void exit(String message) {
        System.err.println(message);
        System.exit(2);
    }
}
