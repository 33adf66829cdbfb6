package com.codeinterpreter.local.pool;

import com.codeinterpreter.local.sandbox.KernelReply;

/** One code execution of a session, kept so that {@code GET /executions/{id}} can report it. */
final class Execution {
    final String id;
    final boolean asynchronous;
    final boolean jupyterFormat;
    /** A Shell-style command rather than Python: its answer carries the exit code as the status. */
    final boolean command;
    private volatile KernelReply reply;
    private volatile String failure;

    Execution(String id, boolean asynchronous, boolean jupyterFormat, boolean command) {
        this.id = id;
        this.asynchronous = asynchronous;
        this.jupyterFormat = jupyterFormat;
        this.command = command;
    }

    void complete(KernelReply reply) {
        this.reply = reply;
    }

    /** The pool itself could not run it (for example the kernel did not start). */
    void fail(String message) {
        this.failure = message;
    }

    KernelReply reply() {
        return reply;
    }

    String failure() {
        return failure;
    }

    boolean done() {
        return reply != null || failure != null;
    }
}
