package com.codeinterpreter.tools;

import com.codeinterpreter.answers.StoredFile;
import com.codeinterpreter.identity.SessionIdentity;
import com.codeinterpreter.identity.SessionKey;
import com.codeinterpreter.outputs.OutputStore;
import com.codeinterpreter.sessions.SessionPoolClient;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The tools, wired to one session pool and one output store, and one handler per tool: a request record
 * goes to the tool it belongs to.
 */
public final class ToolHandlers {
    private final Map<Class<?>, Handler<?>> handlers = new HashMap<>();
    private final UploadFileToSessionTool uploadFileToSession;

    /** A tool's run, for its request record. */
    @FunctionalInterface
    private interface Handler<R extends ToolRequest> {
        Object run(SessionKey key, R request);
    }

    /**
     * @param outputs the output store, created on first use (so a call that produces no file never
     *                touches Blob Storage, and a misconfigured store fails only the links, not the call)
     */
    public ToolHandlers(SessionIdentity identity, SessionPoolClient client, Supplier<OutputStore> outputs) {
        SessionLedger ledger = new SessionLedger(() -> outputs.get().container(), Clock.systemUTC());
        SessionRunner runner = new SessionRunner(client, ledger);
        OutputPublisher publisher = new OutputPublisher(outputs, client);
        ExecutionReporter reports = new ExecutionReporter(runner, publisher, ledger);
        FileQueries files = new FileQueries(identity, runner, ledger);
        ExecutePythonCodeTool python = new ExecutePythonCodeTool(identity, runner, reports);
        GeneratePdfReportTool pdf = new GeneratePdfReportTool(python);
        this.uploadFileToSession = new UploadFileToSessionTool(identity, client);
        add(ExecutePythonCodeTool.Request.class, python::run);
        add(GeneratePdfReportTool.Request.class, pdf::run);
        add(RunShellCommandTool.Request.class, new RunShellCommandTool(identity, runner, reports)::run);
        add(ReadSessionFileTool.Request.class, new ReadSessionFileTool(files)::run);
        add(SearchSessionFilesTool.Request.class, new SearchSessionFilesTool(files)::run);
        add(ListSessionFilesTool.Request.class, new ListSessionFilesTool(files)::run);
        add(GetSessionFileTool.Request.class, new GetSessionFileTool(identity, publisher)::run);
        add(UploadFileToSessionTool.Request.class, uploadFileToSession::run);
        add(GetExecutionResultTool.Request.class, new GetExecutionResultTool(identity, runner, reports, pdf)::run);
        if (!handlers.keySet().equals(Set.of(ToolRequest.class.getPermittedSubclasses()))) {
            throw new IllegalStateException("every ToolRequest needs its handler here: " + handlers.keySet());
        }
    }

    private <R extends ToolRequest> void add(Class<R> type, Handler<R> handler) {
        handlers.put(type, handler);
    }

    /** Runs the request's tool in the session {@code key} names; the answer is one of the records in {@code answers}. */
    public Object handle(SessionKey key, ToolRequest request) {
        return run(key, request, handlers.get(request.getClass()));
    }

    @SuppressWarnings("unchecked")
    private static <R extends ToolRequest> Object run(SessionKey key, R request, Handler<?> handler) {
        return ((Handler<R>) handler).run(key, request);
    }

    /** UploadFileToSession's raw HTTP form: the bytes as they came, with the path from the query. */
    public StoredFile upload(SessionKey key, String path, byte[] content) {
        return uploadFileToSession.store(key, path, content);
    }
}
