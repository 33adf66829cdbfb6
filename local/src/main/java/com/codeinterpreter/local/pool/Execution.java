package com.codeinterpreter.local.pool;

import com.codeinterpreter.local.sandbox.KernelReply;

/** One code execution of a session, kept so that {@code GET /executions/{id}} can report it. */
final class Execution {
    final String id;
    final boolean asynchronous;
    final boolean jupyterFormat;
    private volatile KernelReply reply;
    private volatile String failure;

    Execution(String id, boolean asynchronous, boolean jupyterFormat) {
        this.id = id;
        this.asynchronous = asynchronous;
        this.jupyterFormat = jupyterFormat;
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
