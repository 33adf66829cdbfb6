package com.codeinterpreter.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.codeinterpreter.answers.ExecutionStatus;
import com.codeinterpreter.answers.FileEntry;
import com.codeinterpreter.answers.SearchMatches;
import com.codeinterpreter.answers.SessionState;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both ends of the helper protocol in one test: Java writes each operation as {@link HelperJson} does,
 * a real /usr/bin/python3 runs the helper's dispatch on it (installed as a kernel installs it, its folder
 * moved from /mnt/data to a temporary one), and the reply binds to its record with unknown fields refused.
 * The helper's own tables of the schema are held against the records too.
 */
class HelperProtocolTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final HelperJson STRICT = HelperJson.strict();

    @TempDir
    Path data;

    @Test
    void everyOperationWrittenByJavaIsAnsweredByTheHelperWithAReplyThatBinds() throws Exception {
        assumeTrue(Files.isExecutable(PYTHON), "the helper runs in /usr/bin/python3");
        String folder = data.toString();
        List<HelperReply> replies = dispatch(List.of(
                python("open('" + folder + "/out.txt', 'w').write('alpha\\nbeta ERROR\\n')\nprint('hi')\n6 * 7", 20_000,
                        new HelperRequest.Echo(new HelperRequest.PdfTarget(folder + "/r.pdf", "r.pdf"))),
                python("1 / 0", 20_000, null),
                python("print('x' * 50)", 10, null),
                new HelperRequest.RunShell(new RunShellCommandTool.Request("echo shell; echo oops >&2; echo made > made.txt; exit 3",
                        "a shell round trip", false, 30), 20_000),
                new HelperRequest.ReadFile(new ReadSessionFileTool.Request(folder + "/out.txt", 2, 10, null, null), 1000),
                new HelperRequest.SearchFiles(new SearchSessionFilesTool.Request("error", folder, "*.txt", true, 10), 30),
                new HelperRequest.ListFiles(new ListSessionFilesTool.Request(folder, false, null), 2),
                new HelperRequest.CollectChanges(),
                new HelperRequest.ReadFile(new ReadSessionFileTool.Request(folder + "/missing.txt", 1, 10, null, null), 1000),
                new HelperRequest.ReadFile(new ReadSessionFileTool.Request(folder + "/out.txt", 1, 10, 2, 1), 3),
                new HelperRequest.ListFiles(new ListSessionFilesTool.Request(folder, false, "made.txt"), 2)));

        HelperReply.PythonRan ran = assertInstanceOf(HelperReply.PythonRan.class, replies.get(0));
        assertEquals(ExecutionStatus.SUCCEEDED, ran.status());
        assertEquals(SessionState.NEW, ran.sessionState(), "the first call meets a fresh interpreter");
        assertEquals("42", ran.result());
        assertEquals(folder + "/r.pdf", ran.echo().pdf().expected(), "the echo comes back as it went");
        assertEquals(List.of(folder + "/out.txt"), ran.files().stream().map(HelperReply.ChangedFile::path).toList());
        assertTrue(ran.files().get(0).base64() != null, "a small file travels in the reply");

        HelperReply.PythonRan failed = assertInstanceOf(HelperReply.PythonRan.class, replies.get(1));
        assertEquals(ExecutionStatus.FAILED, failed.status());
        assertEquals(SessionState.CONTINUED, failed.sessionState());
        assertEquals("ZeroDivisionError", failed.error().type());

        HelperReply.PythonRan long_ = assertInstanceOf(HelperReply.PythonRan.class, replies.get(2));
        HelperReply.SavedOutput saved = long_.savedOutputs().get(0);
        assertEquals("stdout", saved.stream());
        assertEquals(51, saved.total(), "50 x and a line break");
        assertTrue(saved.complete());

        HelperReply.ShellRan shell = assertInstanceOf(HelperReply.ShellRan.class, replies.get(3));
        assertEquals(3, shell.exitCode(), shell.toString());
        assertEquals("shell\n", shell.stdout());
        assertEquals("oops\n", shell.stderr());
        assertEquals(List.of("made.txt"), shell.files().stream().map(HelperReply.ChangedFile::name).toList());

        HelperReply.FileRead read = assertInstanceOf(HelperReply.FileRead.class, replies.get(4));
        assertEquals("beta ERROR\n", read.content());
        assertEquals(2, read.startLine());
        assertEquals(2, read.totalLines());

        HelperReply.FilesSearched searched = assertInstanceOf(HelperReply.FilesSearched.class, replies.get(5));
        assertEquals(List.of(new SearchMatches.Match(folder + "/out.txt", 2, "beta ERROR")), searched.matches());
        assertEquals(2, searched.filesSearched(), "out.txt and made.txt");

        HelperReply.FilesListed listed = assertInstanceOf(HelperReply.FilesListed.class, replies.get(6));
        assertEquals(List.of(".outputs", "made.txt"), listed.files().stream().map(FileEntry::name).toList(), listed.toString());
        assertEquals("made.txt", listed.nextCursor());
        HelperReply.FilesListed nextPage = assertInstanceOf(HelperReply.FilesListed.class, replies.get(10));
        assertEquals(List.of("out.txt"), nextPage.files().stream().map(FileEntry::name).toList(), nextPage.toString());

        HelperReply.ChangesCollected collected = assertInstanceOf(HelperReply.ChangesCollected.class, replies.get(7));
        assertEquals(ExecutionStatus.SUCCEEDED, collected.status());
        assertTrue(collected.files().isEmpty(), "nothing was left pending");

        HelperReply.FileRead tail = assertInstanceOf(HelperReply.FileRead.class, replies.get(9));
        assertEquals("eta", tail.content(), "the last line, from its second character, three at a time");
        assertEquals(5, tail.nextColumn());

        HelperReply.FileRead missing = assertInstanceOf(HelperReply.FileRead.class, replies.get(8));
        assertEquals(ExecutionStatus.FAILED, missing.status());
        assertEquals("FileNotFound", missing.error().type());
        assertNull(missing.path());
    }

    @Test
    void aRequestTheHelperDoesNotKnowIsRefusedNotGuessedAt() throws Exception {
        assumeTrue(Files.isExecutable(PYTHON));
        List<String> replies = run(List.of("{\"op\":\"read\",\"path\":\"/x\",\"lines\":3}", "{\"op\":\"delete\"}"));
        assertTrue(replies.get(1).contains("\"ProtocolError\"") && replies.get(1).contains("read does not take lines"), replies.get(1));
        assertTrue(replies.get(2).contains("unknown operation 'delete'"), replies.get(2));
        assertNull(STRICT.read(replies.get(2)), "an operation that does not exist has no reply record");
    }

    @Test
    void theHelpersSchemaTablesNameWhatTheRecordsBind() throws Exception {
        assumeTrue(Files.isExecutable(PYTHON));
        JsonNode tables = new ObjectMapper().readTree(run(List.of()).get(0));
        for (JsonSubTypes.Type op : HelperRequest.class.getAnnotation(JsonSubTypes.class).value()) {
            assertEquals(strings(tables.path("REQUESTS").path(op.name())), requestFields(op.value()), "request " + op.name());
        }
        Set<String> envelope = strings(tables.path("ENVELOPE"));
        envelope.removeAll(Set.of("ci", "op"));
        for (JsonSubTypes.Type op : HelperReply.class.getAnnotation(JsonSubTypes.class).value()) {
            Set<String> expected = strings(tables.path("REPLIES").path(op.name()));
            expected.addAll(envelope);
            assertEquals(expected, components(op.value()), "reply " + op.name());
        }
        Map<String, Class<?>> parts = Map.of("error", HelperReply.HelperError.class, "echo", HelperRequest.Echo.class,
                "pdf", HelperRequest.PdfTarget.class, "files", HelperReply.ChangedFile.class, "figures", HelperReply.Figure.class,
                "savedOutputs", HelperReply.SavedOutput.class, "matches", SearchMatches.Match.class, "entries", FileEntry.class,
                "skipped", SearchMatches.Skipped.class, "expectedFile", HelperReply.ExpectedFile.class);
        assertEquals(parts.keySet(), strings(tables.path("PARTS").fieldNames()));
        parts.forEach((name, type) -> {
            Set<String> bound = components(type);
            if (type == FileEntry.class) {
                bound.remove("contentType"); // named by the Java side, from one table for every tool
            }
            assertEquals(strings(tables.path("PARTS").path(name)), bound, "part " + name);
        });
        assertEquals(strings(tables.path("STATUSES")), jsonNames(ExecutionStatus.class));
        Set<String> states = jsonNames(SessionState.class);
        states.remove("expired"); // told by the session ledger, not the helper
        assertEquals(strings(tables.path("SESSION_STATES")), states);
        assertEquals(sealedLeaves(HelperRequest.class), Arrays.stream(HelperRequest.class.getAnnotation(JsonSubTypes.class).value())
                .map(JsonSubTypes.Type::value).collect(Collectors.toSet()), "every request record is named for Jackson");
        assertEquals(sealedLeaves(HelperReply.class), Arrays.stream(HelperReply.class.getAnnotation(JsonSubTypes.class).value())
                .map(JsonSubTypes.Type::value).collect(Collectors.toSet()), "every reply record is named for Jackson");
    }

    /**
     * A tool's parameter reaches the helper with no change on the Java side (its request record travels unwrapped in
     * the operation's), so the helper's field list for that operation must name every component of the record: a
     * component added to the record without a field in the helper's table fails here, by the record's name.
     */
    @Test
    void everyComponentOfAToolsRequestRecordIsAFieldTheHelperTakes() throws Exception {
        assumeTrue(Files.isExecutable(PYTHON));
        JsonNode requests = new ObjectMapper().readTree(run(List.of()).get(0)).path("REQUESTS");
        Set<Class<?>> tools = new java.util.HashSet<>();
        for (JsonSubTypes.Type op : HelperRequest.class.getAnnotation(JsonSubTypes.class).value()) {
            Set<String> takes = strings(requests.path(op.name()));
            for (RecordComponent c : op.value().getRecordComponents()) {
                if (c.getAccessor().isAnnotationPresent(JsonUnwrapped.class)) {
                    tools.add(c.getType());
                    Set<String> missing = requestFields(c.getType());
                    missing.removeAll(takes);
                    assertEquals(Set.of(), missing, c.getType().getName() + " has components the helper's " + op.name()
                            + " does not take: add them to its field list (REQUESTS in runner.py says where it is)");
                }
            }
        }
        assertEquals(Set.of(ExecutePythonCodeTool.Request.class, RunShellCommandTool.Request.class, ReadSessionFileTool.Request.class,
                SearchSessionFilesTool.Request.class, ListSessionFilesTool.Request.class), tools, "the tools whose requests reach the helper");
    }

    /**
     * Jackson writes each operation as {@link #requestFields} reads its records (unwrapped, ignored components left
     * out), and leaves out nulls: the fields written are the record's, but for the ones given as null here.
     */
    @Test
    void eachOperationIsWrittenWithTheFieldsItsRecordsNameLeavingOutNulls() throws Exception {
        Map<HelperRequest, Set<String>> nulls = Map.of(
                python("1", 10, new HelperRequest.Echo(null)).inExecution("e", CallClock.start(30)), Set.of(),
                python("1", 10, null), Set.of("echo", "executionId", "deadline"),
                new HelperRequest.RunShell(new RunShellCommandTool.Request("ls", "why", false, 5), 10).inExecution("e", CallClock.start(5)),
                Set.of(),
                new HelperRequest.ReadFile(new ReadSessionFileTool.Request("/mnt/data/a", 1, 2, 3, null), 4), Set.of("tailLines"),
                new HelperRequest.SearchFiles(new SearchSessionFilesTool.Request("a", "/mnt/data", null, false, 1), 2), Set.of("glob"),
                new HelperRequest.ListFiles(new ListSessionFilesTool.Request("/mnt/data", true, "c"), 2), Set.of());
        ObjectMapper mapper = new ObjectMapper();
        for (var request : nulls.entrySet()) {
            Set<String> written = strings(mapper.readTree(STRICT.write(request.getKey())).fieldNames());
            Set<String> expected = requestFields(request.getKey().getClass());
            expected.removeAll(request.getValue());
            expected.add("op");
            assertEquals(expected, written, request.getKey().toString());
        }
        assertTrue(requestFields(HelperRequest.RunShell.class).stream().noneMatch(Set.of("explanation", "isBackground")::contains),
                "RunShellCommand's explanation and isBackground are not the session's");
    }

    private static HelperRequest.RunPython python(String code, int maxOutput, HelperRequest.Echo echo) {
        return new HelperRequest.RunPython(new ExecutePythonCodeTool.Request(code, 30), maxOutput, echo);
    }

    private List<HelperReply> dispatch(List<HelperRequest> requests) throws Exception {
        List<String> lines = run(requests.stream().map(STRICT::write).toList());
        List<HelperReply> replies = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            HelperReply reply = STRICT.read(line);
            assertTrue(reply != null, "the reply does not bind: " + line);
            replies.add(reply);
        }
        return replies;
    }

    /**
     * Runs the helper with these request lines; the first line out is its schema tables, then one reply per request.
     * Its folder constants point at the temporary folder, as /mnt/data is the session's.
     */
    private List<String> run(List<String> requests) throws IOException, InterruptedException {
        HelperCode helper = HelperCode.sourceOnly();
        String m = "sys.modules['" + helper.module() + "']";
        String folder = SessionRunner.pythonString(data.toString());
        String program = "import sys, json\n" + helper.install(null) + "\n"
                + "files, capture, guard, runner = " + m.replace("']", "session_files']") + ", " + m.replace("']", "capture']") + ", "
                + m.replace("']", "guard']") + ", " + m + "\n"
                + "guard.DATA = " + folder + "\n"
                + "files.SESSION_MARKER = guard.DATA + '/.code-interpreter/session'\n"
                + "capture.SAVED_OUTPUT_DIR = guard.DATA + '/.outputs'\n"
                + "print(json.dumps({name: getattr(runner, name) for name in ('REQUESTS', 'REPLIES', 'ENVELOPE', 'PARTS', 'STATUSES', "
                + "'SESSION_STATES')}), flush=True)\n"
                + "user = {'__name__': '__main__'}\n"
                + "for line in sys.stdin:\n"
                + "    reply = runner.dispatch(user, line)\n"
                + "    sys.__stdout__.write(reply + '\\n')\n"
                + "    sys.__stdout__.flush()\n";
        Path script = Files.writeString(Files.createTempFile("helper-protocol", ".py"), program);
        script.toFile().deleteOnExit();
        Process p = new ProcessBuilder(PYTHON.toString(), "-I", script.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (Writer in = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8)) {
            for (String request : requests) {
                in.write(request.replace("\n", "\\n") + "\n");
            }
        }
        List<String> out = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                // What the user's code printed goes to the same stdout: a reply starts at its marker.
                int reply = line.indexOf(HelperJson.MARKER);
                if (out.isEmpty() || reply >= 0) {
                    out.add(out.isEmpty() ? line : line.substring(reply));
                }
            }
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "python did not finish");
        assertEquals(0, p.exitValue());
        assertEquals(requests.size() + 1, out.size(), String.join("\n", out));
        return out;
    }

    /**
     * The JSON fields of a request record, from its components: a {@link JsonUnwrapped} one stands for its own record's
     * fields, and a {@link JsonIgnore}d one is not sent.
     */
    private static Set<String> requestFields(Class<?> record) {
        Set<String> fields = new TreeSet<>();
        for (RecordComponent c : record.getRecordComponents()) {
            if (c.getAccessor().isAnnotationPresent(JsonUnwrapped.class)) {
                fields.addAll(requestFields(c.getType()));
            } else if (!c.getAccessor().isAnnotationPresent(JsonIgnore.class)) {
                fields.add(c.getName());
            }
        }
        return fields;
    }

    private static Set<String> components(Class<?> record) {
        return Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> jsonNames(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getFields()).filter(java.lang.reflect.Field::isEnumConstant)
                .map(f -> f.getAnnotation(JsonProperty.class).value()).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<Class<?>> sealedLeaves(Class<?> type) {
        Set<Class<?>> leaves = new java.util.HashSet<>();
        for (Class<?> sub : type.getPermittedSubclasses()) {
            if (sub.isSealed()) {
                leaves.addAll(sealedLeaves(sub));
            } else {
                leaves.add(sub);
            }
        }
        return leaves;
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> out = new TreeSet<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static Set<String> strings(java.util.Iterator<String> names) {
        Set<String> out = new TreeSet<>();
        names.forEachRemaining(out::add);
        return out;
    }
}
