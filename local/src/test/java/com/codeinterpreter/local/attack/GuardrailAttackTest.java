package com.codeinterpreter.local.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.codeinterpreter.local.e2e.LocalStack;
import com.codeinterpreter.local.e2e.ToolClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract's Limitations, attacked through the whole local stack: each blocked operation in
 * ExecutePythonCode, GeneratePdfReport and RunShellCommand answers 200 with status {@code failed}, its error
 * type and a message naming the call and its line, and what it tried did not happen; harmless code that
 * looks like it still runs.
 *
 * <p>A few sessions are shared by all cases (the pool has a session limit): attacks leave nothing behind
 * that a later case depends on, and each case uses its own marker files.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GuardrailAttackTest {
    private static final String RUN_SHELL = "Run shell commands with the RunShellCommand tool.";
    private static final String NO_NETWORK = "The sandbox has no network access: upload the data the code needs with "
            + "UploadFileToSession.";
    private static final String SAVE_IN_DATA = "Save files in /mnt/data (the working folder, where relative paths land) or /tmp.";

    private final String base = LocalStack.shared().baseUrl;
    private final ToolClient attacker = new ToolClient(base);
    private final ToolClient analyst = new ToolClient(base);
    private final ToolClient shell = new ToolClient(base);

    /** Python made only at run time, so that only the runtime guard can see what it does. */
    private static String hidden(String python) {
        String encoded = Base64.getEncoder().encodeToString(python.getBytes(StandardCharsets.UTF_8));
        return "import base64\nexec(base64.b64decode('" + encoded + "').decode())";
    }

    /** A Python expression for a string that no static reading can know: built from character codes at run time. */
    private static String chars(String text) {
        return "''.join(map(chr, [" + text.chars().mapToObj(Integer::toString).collect(Collectors.joining(", ")) + "]))";
    }

    private JsonNode blocked(ToolClient client, String tool, String... fields) {
        ToolClient.Answer a = client.call(tool, fields);
        assertEquals(200, a.status(), a.toString());
        JsonNode r = a.json();
        assertEquals("failed", r.path("status").asText(), r.toString());
        return r;
    }

    private JsonNode blockedPython(String code) {
        return blocked(attacker, "ExecutePythonCode", "pythonCode", code);
    }

    private void assertNothingAt(ToolClient client, String path) {
        JsonNode r = client.python("import os\nos.path.lexists('" + path + "')");
        assertEquals("succeeded", r.path("status").asText(), r.toString());
        assertEquals("False", r.path("result").asText(), path + " must not exist");
    }

    private static void assertError(JsonNode r, String type, String messagePart) {
        assertEquals(type, r.path("error").path("type").asText(), r.toString());
        assertTrue(r.path("error").path("message").asText().contains(messagePart),
                "message should contain [" + messagePart + "]: " + r.path("error").path("message").asText());
    }

    // ---- process spawning ---------------------------------------------------------------------------------

    static Stream<Arguments> processSpawning() {
        return Stream.of(
                Arguments.of("subprocess", "import subprocess\nsubprocess.run(['touch', '/mnt/data/p1'])", "subprocess (line 1)", "p1"),
                Arguments.of("an import alias", "import subprocess as sp\nsp.Popen(['touch', '/mnt/data/p2'])", "subprocess.Popen (line 2)", "p2"),
                Arguments.of("a from-import alias", "from os import system as s\ns('touch /mnt/data/p3')", "os.system (line 1)", "p3"),
                Arguments.of("os.popen", "import os\nos.popen('touch /mnt/data/p4').read()", "os.popen (line 2)", "p4"),
                Arguments.of("os.execv", "import os\nos.execv('/usr/bin/touch', ['touch', '/mnt/data/p5'])", "os.execv (line 2)", "p5"),
                Arguments.of("os.spawnlp", "import os\nos.spawnlp(os.P_WAIT, 'touch', 'touch', '/mnt/data/p6')", "os.spawnlp (line 2)", "p6"),
                Arguments.of("os.posix_spawn", "import os\nos.posix_spawn('/usr/bin/touch', ['touch', '/mnt/data/p7'], {})",
                        "os.posix_spawn (line 2)", "p7"),
                Arguments.of("os.fork", "import os\nif os.fork() == 0:\n    open('/mnt/data/p8', 'w')\n    os._exit(0)", "os.fork (line 2)", "p8"),
                Arguments.of("pty", "import pty\npty.spawn(['touch', '/mnt/data/p9'])", "pty (line 1)", "p9"),
                Arguments.of("multiprocessing", "from multiprocessing import Process\nProcess(target=print).start()",
                        "multiprocessing.Process (line 1)", null),
                Arguments.of("a process pool", "from concurrent.futures import ProcessPoolExecutor\nProcessPoolExecutor(2).submit(print, 1)",
                        "concurrent.futures.ProcessPoolExecutor (line 1)", null),
                Arguments.of("getattr with a name made of constants", "import os\ngetattr(os, 'sys' + 'tem')('touch /mnt/data/p12')",
                        "os.system (line 2)", "p12"),
                Arguments.of("getattr with a name computed at run time",
                        "import os\nname = ''.join(reversed('metsys'))\ngetattr(os, name)('touch /mnt/data/p13')",
                        "getattr(os, name) (line 3) looks up a member of os by a name computed at run time", "p13"),
                Arguments.of("__import__", "__import__('subprocess').run(['touch', '/mnt/data/p14'])", "subprocess.run (line 1)", "p14"),
                Arguments.of("importlib", "import importlib\nimportlib.import_module('subprocess').call(['touch', '/mnt/data/p15'])",
                        "subprocess.call (line 2)", "p15"),
                Arguments.of("exec of a string", "exec(\"import subprocess\\nsubprocess.run(['touch', '/mnt/data/p16'])\")",
                        "subprocess (line 1)", "p16"),
                Arguments.of("eval", "x = 1\neval(\"__import__('os').system('touch /mnt/data/p17')\")", "os.system (line 2)", "p17"),
                Arguments.of("compile", "c = compile(\"import os; os.system('touch /mnt/data/p18')\", 'x', 'exec')\nexec(c)",
                        "os.system (line 1)", "p18"),
                Arguments.of("lambda indirection", "run = lambda c: __import__('os').system(c)\nrun('touch /mnt/data/p19')",
                        "os.system (line 1)", "p19"),
                Arguments.of("builtins through __builtins__", "__builtins__.__dict__['__import__']('os').system('touch /mnt/data/p20')",
                        "os.system (line 1)", "p20"),
                Arguments.of("the builtins module", "import builtins\nbuiltins.__import__('subprocess')", "__import__('subprocess') (line 2)",
                        null),
                Arguments.of("os.popen through a dict", "import os\nrunners = {'p': os.popen}\nrunners['p']('touch /mnt/data/p22')",
                        "os.popen (line 2)", "p22"),
                Arguments.of("sys.modules", "import sys\nsys.modules['os'].system('touch /mnt/data/p23')", "os.system (line 2)", "p23"),
                Arguments.of("vars of a module", "import os\nvars(os)['system']('touch /mnt/data/p24')", "os.system (line 2)", "p24"),
                Arguments.of("ctypes calling libc's system", "import ctypes\nctypes.CDLL(None).system(b'touch /mnt/data/p25')",
                        "ctypes.CDLL (line 2) loads a C library", "p25"),
                Arguments.of("ctypes finding libc", "import ctypes, ctypes.util\nlibc = ctypes.CDLL(ctypes.util.find_library('c'))",
                        "ctypes.CDLL (line 2)", null),
                Arguments.of("asyncio subprocesses", "import asyncio\nasync def go():\n    await asyncio.create_subprocess_shell('touch /mnt/data/p27')\n"
                        + "asyncio.run(go())", "asyncio.create_subprocess_shell (line 3)", "p27"),
                Arguments.of("IPython's system", "get_ipython().system('touch /mnt/data/p28')", "get_ipython().system (line 1)", "p28"),
                Arguments.of("a shell escape", "x = 1\n!touch /mnt/data/p29", "The shell escape !touch (line 2)", "p29"),
                Arguments.of("the %system magic", "%system touch /mnt/data/p30", "The magic %system (line 1)", "p30"),
                Arguments.of("a %%bash cell", "%%bash\ntouch /mnt/data/p31", "The magic %%bash (line 1)", "p31"),
                Arguments.of("code decoded at run time", hidden("import subprocess\nsubprocess.run(['touch', '/mnt/data/p32'])"),
                        "subprocess.Popen (line 2) starts a process (touch /mnt/data/p32)", "p32"),
                Arguments.of("a module name built at run time", "m = __import__(" + chars("subprocess") + ")\nm.run(['touch', '/mnt/data/p33'])",
                        "subprocess.Popen (line 2)", "p33"),
                Arguments.of("a function name built at run time", "o = __import__(" + chars("os") + ")\nf = getattr(o, " + chars("system")
                        + ")\nf('touch /mnt/data/p34')", "os.system (line 3) starts a process (touch /mnt/data/p34)", "p34"),
                Arguments.of("ctypes at run time", "c = __import__(" + chars("ctypes") + ")\nlibc = c.CDLL(None)\nlibc.system(b'touch /mnt/data/p35')",
                        "the C function system through ctypes (line 3)", "p35"),
                Arguments.of("the class hierarchy at run time", "subs = getattr(object, " + chars("__subclasses__") + ")()\n"
                        + "popen = [c for c in subs if c.__name__ == 'Popen'][0]\npopen(['touch', '/mnt/data/p36'])",
                        "subprocess.Popen (line 3)", "p36"),
                Arguments.of("a result whose repr starts a process", "class Sneaky:\n    def __repr__(self):\n"
                        + "        return str(getattr(__import__(" + chars("os") + "), " + chars("system") + ")('touch /mnt/data/p37'))\n"
                        + "Sneaky()", "os.system (line 3)", "p37"));
    }

    @ParameterizedTest(name = "process spawning through {0} is blocked")
    @MethodSource("processSpawning")
    void processSpawningIsBlockedWithTheCallAndItsLine(String route, String code, String named, String marker) {
        JsonNode r = blockedPython(code);
        assertError(r, "ProcessSpawningBlocked", named);
        assertTrue(r.path("error").path("message").asText().contains(RUN_SHELL), r.toString());
        if (marker != null) {
            assertNothingAt(attacker, "/mnt/data/" + marker);
        }
    }

    @Test
    void theFirstMessageSaysWhatWasBlockedWhereAndWhatToUseInstead() {
        JsonNode r = blockedPython("import subprocess\nsubprocess.run(['touch', '/mnt/data/first'])");
        assertEquals("subprocess (line 1) starts a process, which is blocked here. " + RUN_SHELL
                + " Also blocked: subprocess.run (line 2).", r.path("error").path("message").asText());
        assertEquals("ProcessSpawningBlocked: " + r.path("error").path("message").asText() + "\n", r.path("stderr").asText(),
                "refused before it ran: stderr says what was refused, no traceback");
        assertNothingAt(attacker, "/mnt/data/first");
    }

    @Test
    void theClassHierarchyWalkIsBlockedBeforeItRuns() {
        JsonNode r = blockedPython("popen = [c for c in ().__class__.__base__.__subclasses__() if c.__name__ == 'Popen'][0]\n"
                + "popen(['touch', '/mnt/data/walk'])");
        assertEquals("BlockedOperation", r.path("error").path("type").asText(), r.toString());
        assertEquals("().__class__.__base__.__subclasses__ (line 1) reaches into the interpreter's internals, which is blocked here. "
                + "Call the functions you need by their names.", r.path("error").path("message").asText());
        assertNothingAt(attacker, "/mnt/data/walk");
    }

    @Test
    void aModuleImportedByAnEarlierCallIsStillKnownByItsAlias() {
        assertEquals("succeeded", attacker.python("import os as operating_system").path("status").asText());
        JsonNode r = blockedPython("operating_system.system('touch /mnt/data/later')");
        assertEquals("os.system (line 1) starts a process, which is blocked here. " + RUN_SHELL, r.path("error").path("message").asText());
        assertNothingAt(attacker, "/mnt/data/later");
    }

    @Test
    void aRuntimeRefusalKeepsItsTypeWhenUserCodeWrapsIt() {
        JsonNode r = blockedPython("try:\n    getattr(__import__(" + chars("os") + "), " + chars("system") + ")('touch /mnt/data/wrapped')\n"
                + "except PermissionError as e:\n    raise RuntimeError('could not run it') from e");
        assertError(r, "ProcessSpawningBlocked", "os.system (line 2) starts a process (touch /mnt/data/wrapped)");
        assertTrue(r.path("stderr").asText().contains("RuntimeError: could not run it"), r.toString());
        assertNothingAt(attacker, "/mnt/data/wrapped");
    }

    @Test
    void aRefusalThatUserCodeSwallowsStillStopsTheProcess() {
        JsonNode r = attacker.python("try:\n    getattr(__import__(" + chars("os") + "), " + chars("system") + ")('touch /mnt/data/swallowed')\n"
                + "except PermissionError as e:\n    print(type(e).__name__)");
        assertEquals("succeeded", r.path("status").asText(), r.toString());
        assertEquals("ProcessSpawningBlocked\n", r.path("stdout").asText());
        assertNothingAt(attacker, "/mnt/data/swallowed");
    }

    @Test
    void aThreadStartedByUserCodeStaysGuardedAfterTheCallEnds() throws InterruptedException {
        String code = String.join("\n",
                "import threading, time",
                "def later():",
                "    time.sleep(1)",
                "    try:",
                "        getattr(__import__(" + chars("os") + "), " + chars("system") + ")('touch /mnt/data/from_thread')",
                "        outcome = 'ran'",
                "    except Exception as e:",
                "        outcome = type(e).__name__",
                "    open('/mnt/data/thread_outcome.txt', 'w').write(outcome)",
                "threading.Thread(target=later).start()");
        JsonNode started = attacker.python(code);
        assertEquals("succeeded", started.path("status").asText(), started.toString());
        String outcome = "";
        for (int i = 0; i < 50 && outcome.isEmpty(); i++) {
            Thread.sleep(200);
            JsonNode r = attacker.python("import os\nopen('/mnt/data/thread_outcome.txt').read() if os.path.exists('/mnt/data/thread_outcome.txt') "
                    + "else ''");
            outcome = r.path("result").asText().replace("'", "");
        }
        assertEquals("ProcessSpawningBlocked", outcome);
        assertNothingAt(attacker, "/mnt/data/from_thread");
    }

    @Test
    void aFunctionLeftBehindForTheHelperToCallLaterStaysGuarded() {
        ToolClient planter = new ToolClient(base);
        String plant = String.join("\n",
                "import json",
                "original = json.dumps",
                "def patched(*args, **kwargs):",
                "    try:",
                "        getattr(__import__(" + chars("os") + "), " + chars("system") + ")('touch /mnt/data/left_behind')",
                "        outcome = 'ran'",
                "    except Exception as e:",
                "        outcome = type(e).__name__",
                "    open('/mnt/data/left_behind_outcome.txt', 'w').write(outcome)",
                "    return original(*args, **kwargs)",
                "json.dumps = patched");
        assertEquals("succeeded", planter.python(plant).path("status").asText());
        JsonNode shellCall = planter.call("RunShellCommand", "command", "cat left_behind_outcome.txt").json();
        assertEquals("ProcessSpawningBlocked", shellCall.path("stdout").asText(), "the helper called the patched function after "
                + "the last call and again in this one, outside the user's code: " + shellCall);
        assertNothingAt(planter, "/mnt/data/left_behind");
        assertEquals("succeeded", planter.python("json.dumps = original").path("status").asText());
    }

    @Test
    void generatePdfReportIsGuardedLikeExecutePythonCode() {
        JsonNode r = blocked(attacker, "GeneratePdfReport", "pythonCode",
                "import os\nos.system('touch /mnt/data/pdf_marker')\nfrom reportlab.pdfgen import canvas\ncanvas.Canvas('/mnt/data/r.pdf').save()",
                "expectedOutputFilename", "r.pdf", "saveAsFilename", "r.pdf");
        assertError(r, "ProcessSpawningBlocked", "os.system (line 2) starts a process");
        assertTrue(r.path("url").isMissingNode(), r.toString());
        assertNothingAt(attacker, "/mnt/data/pdf_marker");
        JsonNode outside = blocked(attacker, "GeneratePdfReport", "pythonCode",
                "from reportlab.pdfgen import canvas\nc = canvas.Canvas('/opt/report.pdf')\nc.save()",
                "expectedOutputFilename", "report.pdf", "saveAsFilename", "report.pdf");
        assertEquals("canvas.Canvas (line 2) writes to /opt/report.pdf, outside /mnt/data and /tmp, which is blocked here. "
                + SAVE_IN_DATA, outside.path("error").path("message").asText());
        assertEquals("FileAccessBlocked", outside.path("error").path("type").asText());
    }

    // ---- network access -----------------------------------------------------------------------------------

    static Stream<Arguments> networkAccess() {
        return Stream.of(
                Arguments.of("socket", "import socket\ns = socket.socket()\ns.connect(('10.0.0.1', 80))", "socket.socket (line 2)"),
                Arguments.of("urllib.request", "import urllib.request\nurllib.request.urlopen('http://example.com')", "urllib.request (line 1)"),
                Arguments.of("http.client", "from http.client import HTTPConnection\nHTTPConnection('example.com').request('GET', '/')",
                        "http.client.HTTPConnection (line 1)"),
                Arguments.of("requests", "import requests\nrequests.get('https://example.com')", "requests (line 1)"),
                Arguments.of("urllib3", "import urllib3\nurllib3.PoolManager().request('GET', 'https://example.com')", "urllib3 (line 1)"),
                Arguments.of("ftplib", "import ftplib\nftplib.FTP('ftp.example.com')", "ftplib (line 1)"),
                Arguments.of("smtplib", "import smtplib\nsmtplib.SMTP('mail.example.com')", "smtplib (line 1)"),
                Arguments.of("asyncio.open_connection", "import asyncio\nasyncio.run(asyncio.open_connection('example.com', 80))",
                        "asyncio.open_connection (line 2)"),
                Arguments.of("pandas reading a URL", "import pandas as pd\ndf = pd.read_csv('https://example.com/data.csv')",
                        "pd.read_csv('https://example.com/data.csv') (line 2) downloads from the network"),
                Arguments.of("a socket made at run time", "s = __import__(" + chars("socket") + ")\ns.socket()", "socket.socket (line 2)"),
                Arguments.of("a name lookup made at run time", "s = __import__(" + chars("socket") + ")\ns.getaddrinfo('example.com', 443)",
                        "socket.getaddrinfo('example.com') (line 2)"),
                Arguments.of("urlopen at run time", "u = __import__(" + chars("urllib.request") + ", fromlist=['urlopen'])\n"
                        + "u.urlopen('http://example.com/')", "urllib.request.urlopen('http://example.com/') (line 2)"));
    }

    @ParameterizedTest(name = "network access through {0} is blocked")
    @MethodSource("networkAccess")
    void networkAccessIsBlockedWithTheCallAndItsLine(String route, String code, String named) {
        JsonNode r = blockedPython(code);
        assertError(r, "NetworkAccessBlocked", named);
        assertTrue(r.path("error").path("message").asText().contains("which is blocked here. " + NO_NETWORK), r.toString());
    }

    // ---- package installation -----------------------------------------------------------------------------

    static Stream<Arguments> packageInstallation() {
        return Stream.of(
                Arguments.of("import pip", "import pip", "pip (line 1) is not available"),
                Arguments.of("pip.main", "import pip\npip.main(['install', 'requests'])", "Also blocked: pip install (line 2)"),
                Arguments.of("pip in a subprocess", "import subprocess, sys\nsubprocess.check_call([sys.executable, '-m', 'pip', 'install', 'seaborn'])",
                        "python -m pip install (line 2) is not available: packages cannot be installed here. seaborn is already installed: "
                                + "import it directly."),
                Arguments.of("pip through os.system", "import os\nos.system('pip install pyarrow')",
                        "pip install (line 2) is not available: packages cannot be installed here. pyarrow is not installed."),
                Arguments.of("!pip", "!pip install seaborn", "!pip install (line 1) is not available"),
                Arguments.of("%pip", "%pip install requests", "%pip install (line 1) is not available"),
                Arguments.of("!conda", "!conda install -y numpy", "!conda install (line 1) is not available"),
                Arguments.of("!pip3 in any line", "x = 1\n!pip3 install --user requests\nprint(x)", "!pip3 install (line 2) is not available"),
                Arguments.of("ensurepip", "import ensurepip", "ensurepip (line 1) is not available"),
                Arguments.of("runpy", "import runpy\nrunpy.run_module('pip', run_name='__main__')", "runpy.run_module('pip') (line 2) is not available"),
                Arguments.of("pip imported at run time", "__import__(" + chars("pip") + ")", "import pip (line 1) is not available"));
    }

    @ParameterizedTest(name = "package installation through {0} is blocked")
    @MethodSource("packageInstallation")
    void packageInstallationIsBlockedAndTheMessageListsWhatIsInstalled(String route, String code, String named) {
        JsonNode r = blockedPython(code);
        assertError(r, "PackageInstallBlocked", named);
        assertTrue(r.path("error").path("message").asText().contains("Preinstalled: pandas, numpy, matplotlib, seaborn, scipy, reportlab, "
                + "openpyxl"), r.toString());
    }

    // ---- files outside /mnt/data and /tmp -----------------------------------------------------------------

    static Stream<Arguments> fileAccess() {
        return Stream.of(
                Arguments.of("open for writing", "open('/etc/cron.d/job', 'w').write('* * * * * root true')",
                        "open (line 1) writes to /etc/cron.d/job", "/etc/cron.d/job"),
                Arguments.of("open for appending", "with open('/usr/lib/python3/dist-packages/sitecustomize.py', 'a') as f:\n    f.write('x')",
                        "open (line 1) writes to /usr/lib/python3/dist-packages/sitecustomize.py", "/usr/lib/python3/dist-packages/sitecustomize.py"),
                Arguments.of("a relative path that climbs out", "open('../../etc/motd', 'x')", "open (line 1) writes to /etc/motd", "/etc/motd"),
                Arguments.of("open for reading and writing", "f = open('/etc/passwd', 'r+')", "open (line 1) writes to /etc/passwd", null),
                Arguments.of("os.open", "import os\nos.open('/etc/new', os.O_WRONLY | os.O_CREAT)", "os.open (line 2) writes to /etc/new", "/etc/new"),
                Arguments.of("shutil.copy", "import shutil\nopen('a.txt', 'w').write('a')\nshutil.copy('/mnt/data/a.txt', '/usr/local/bin/a')",
                        "shutil.copy (line 3) writes to /usr/local/bin/a", "/usr/local/bin/a"),
                Arguments.of("shutil.move", "import shutil\nshutil.move('/mnt/data/a.txt', '/opt/a.txt')", "shutil.move (line 2) moves /opt/a.txt",
                        "/opt/a.txt"),
                Arguments.of("pathlib write_text", "from pathlib import Path\nPath('/opt/notes.txt').write_text('x')",
                        "Path('/opt/notes.txt').write_text (line 2) writes to /opt/notes.txt", "/opt/notes.txt"),
                Arguments.of("pathlib mkdir", "from pathlib import Path\nPath('/var/lib/x').mkdir(parents=True)",
                        "Path('/var/lib/x').mkdir (line 2) creates /var/lib/x", "/var/lib/x"),
                Arguments.of("os.remove", "import os\nos.remove('/etc/hostname')", "os.remove (line 2) deletes /etc/hostname", null),
                Arguments.of("os.rename", "import os\nos.rename('/etc/group', '/mnt/data/group')", "os.rename (line 2) moves /etc/group",
                        "/mnt/data/group"),
                Arguments.of("os.makedirs", "import os\nos.makedirs('/srv/data')", "os.makedirs (line 2) creates /srv/data", "/srv/data"),
                Arguments.of("os.symlink", "import os\nos.symlink('/mnt/data', '/usr/local/bin/data')", "os.symlink (line 2) creates /usr/local/bin/data",
                        "/usr/local/bin/data"),
                Arguments.of("os.chmod", "import os\nos.chmod('/etc/passwd', 0o777)", "os.chmod (line 2) changes /etc/passwd", null),
                Arguments.of("shutil.rmtree", "import shutil\nshutil.rmtree('/usr/share/doc')", "shutil.rmtree (line 2) deletes /usr/share/doc", null),
                Arguments.of("DataFrame.to_csv", "import pandas as pd\ndf = pd.DataFrame({'a': [1]})\ndf.to_csv('/etc/out.csv')",
                        "df.to_csv (line 3) writes to /etc/out.csv", "/etc/out.csv"),
                Arguments.of("savefig", "import matplotlib.pyplot as plt\nplt.plot([1, 2])\nplt.savefig('/opt/chart.png')",
                        "plt.savefig (line 3) writes to /opt/chart.png", "/opt/chart.png"),
                Arguments.of("a path in a variable", "target = '/etc/profile.d/x.sh'\nwith open(target, 'w') as f:\n    f.write('x')",
                        "open (line 2) writes to /etc/profile.d/x.sh", "/etc/profile.d/x.sh"),
                Arguments.of("an f-string path", "name = 'app'\nopen(f'/etc/{name}.conf', 'w')", "open (line 2) writes to /etc/...", "/etc/app.conf"),
                Arguments.of("a path built at run time", "p = " + chars("/etc/runtime") + "\nopen(p, 'w')",
                        "open('/etc/runtime', 'w') (line 2) writes to /etc/runtime", "/etc/runtime"),
                Arguments.of("a symlink out of /mnt/data", "import os\nos.symlink('/etc', '/mnt/data/etc_link')\nopen(" + chars("/mnt/data/etc_link/x")
                        + ", 'w')", "open('/mnt/data/etc_link/x', 'w') (line 3) writes to /etc/x", "/etc/x"),
                Arguments.of("pathlib at run time", "from pathlib import Path\nPath(" + chars("/opt/late.txt") + ").write_text('x')",
                        "open('/opt/late.txt', 'w') (line 2) writes to /opt/late.txt", "/opt/late.txt"));
    }

    @ParameterizedTest(name = "a file change through {0} is blocked")
    @MethodSource("fileAccess")
    void fileChangesOutsideMntDataAndTmpAreBlocked(String route, String code, String named, String target) {
        JsonNode r = blockedPython(code);
        assertError(r, "FileAccessBlocked", named);
        assertTrue(r.path("error").path("message").asText().endsWith("outside /mnt/data and /tmp, which is blocked here. " + SAVE_IN_DATA),
                r.toString());
        if (target != null) {
            assertNothingAt(attacker, target);
        }
    }

    // ---- the interpreter's internals (where the guard keeps what it decides on) -------------------------------

    static Stream<Arguments> internals() {
        return Stream.of(
                Arguments.of("gc.get_referrers", "import gc\ngc.get_referrers(print)", "gc.get_referrers (line 2)"),
                Arguments.of("gc at run time", "g = __import__(" + chars("gc") + ")\ngetattr(g, " + chars("get_objects") + ")()",
                        "gc.get_objects (line 2)"),
                Arguments.of("a function's closure", "f = lambda: 0\nf.__closure__", "f.__closure__ (line 2)"),
                Arguments.of("the helper's module", "import sys\n[m for n, m in sys.modules.items() if n.startswith('__code_interpreter_')]",
                        "'__code_interpreter_' (line 2) refers to the code interpreter's own helper"),
                Arguments.of("a trace function", "import sys\nsys.settrace(lambda *a: None)", "sys.settrace (line 2)"));
    }

    @ParameterizedTest(name = "reaching the guard through {0} is blocked")
    @MethodSource("internals")
    void reachingTheGuardsStateIsBlocked(String route, String code, String named) {
        assertError(blockedPython(code), "BlockedOperation", named);
    }

    // ---- RunShellCommand ----------------------------------------------------------------------------------

    static Stream<Arguments> shellInstalls() {
        return Stream.of(
                Arguments.of("pip install pyarrow", "pip install is not available: packages cannot be installed here. pyarrow is not installed."),
                Arguments.of("pip3 install pandas", "pip3 install is not available: packages cannot be installed here. pandas is already installed: "
                        + "import it directly."),
                Arguments.of("python3 -m pip install seaborn", "python -m pip install is not available"),
                Arguments.of("python -m pip install --upgrade pip", "python -m pip install is not available"),
                Arguments.of("conda install -y numpy", "conda install is not available"),
                Arguments.of("mamba install polars", "mamba install is not available"),
                Arguments.of("ls; pip install requests", "pip install is not available"),
                Arguments.of("echo start && pip install requests", "pip install is not available"),
                Arguments.of("cat requirements.txt | xargs pip install", "pip install is not available"),
                Arguments.of("bash -c \"pip install requests\"", "pip install is not available"),
                Arguments.of("sudo pip install requests", "pip install is not available"),
                Arguments.of("PIP_INDEX_URL=http://mirror pip install requests", "pip install is not available"));
    }

    @ParameterizedTest(name = "RunShellCommand refuses: {0}")
    @MethodSource("shellInstalls")
    void runShellCommandRefusesPackageInstallsWherever(String command, String message) {
        JsonNode r = blocked(shell, "RunShellCommand", "command", command);
        assertError(r, "PackageInstallBlocked", message);
        assertTrue(r.path("exitCode").isMissingNode(), "nothing ran, so there is no exit code: " + r);
        assertTrue(r.path("error").path("message").asText().contains("Preinstalled: pandas, numpy"), r.toString());
    }

    @Test
    void aRefusedShellCommandRunsNoneOfItsParts() {
        JsonNode r = blocked(shell, "RunShellCommand", "command", "touch /mnt/data/before_pip; pip install requests");
        assertTrue(r.path("exitCode").isMissingNode(), r.toString());
        assertTrue(r.path("stderr").asText().startsWith("PackageInstallBlocked: pip install is not available"), r.toString());
        assertNothingAt(shell, "/mnt/data/before_pip");
    }

    @Test
    void ordinaryShellCommandsStillRun() {
        shell.call("UploadFileToSession", "path", "app.log", "content", "ERROR a\nINFO b\nERROR c\n");
        shell.call("UploadFileToSession", "path", "notes.md", "content", "run pip install x to install x\n");
        JsonNode grep = shell.call("RunShellCommand", "command", "grep -c ERROR app.log").json();
        assertEquals("succeeded", grep.path("status").asText(), grep.toString());
        assertEquals("2\n", grep.path("stdout").asText());
        JsonNode ls = shell.call("RunShellCommand", "command", "ls").json();
        assertTrue(ls.path("stdout").asText().contains("app.log"), ls.toString());
        JsonNode python = shell.call("RunShellCommand", "command", "python3 -c \"print(1)\"").json();
        assertEquals("1\n", python.path("stdout").asText(), python.toString());
        assertEquals(0, python.path("exitCode").asInt());
        JsonNode mentions = shell.call("RunShellCommand", "command", "echo pip install x; grep \"pip install\" notes.md").json();
        assertEquals("pip install x\nrun pip install x to install x\n", mentions.path("stdout").asText(), mentions.toString());
    }

    // ---- harmless code that looks like it is not -----------------------------------------------------------

    static Stream<Arguments> harmless() {
        return Stream.of(
                Arguments.of("data analysis", "import pandas as pd, numpy as np\n"
                        + "df = pd.DataFrame({'team': ['a', 'b', 'a'], 'minutes': [3, 5, 7]})\n"
                        + "int(df.groupby('team')['minutes'].sum()['a'] + np.int64(0))", "10"),
                Arguments.of("names that mention blocked things", "subprocess_count = 3\nsystem = 'linux'\nsocket_timeout = 5\n"
                        + "def fork(): return 'mine'\nnote = 'subprocess and os.system are blocked'\n(subprocess_count, system, fork(), note)",
                        "(3, 'linux', 'mine', 'subprocess and os.system are blocked')"),
                Arguments.of("os.path and friends", "import os\n(os.path.join('/mnt/data', 'x.csv'), os.path.exists('/etc/passwd'), os.getcwd(), "
                        + "'usr' in os.listdir('/'))", "('/mnt/data/x.csv', True, '/mnt/data', True)"),
                Arguments.of("writing /mnt/data, /tmp and relative paths", "import os\nopen('/mnt/data/x.txt', 'w').write('a')\n"
                        + "open('/tmp/x.txt', 'w').write('b')\nopen('rel.txt', 'w').write('c')\nos.makedirs('/mnt/data/out/sub', exist_ok=True)\n"
                        + "os.rename('/mnt/data/x.txt', '/mnt/data/out/x.txt')\nos.remove('/tmp/x.txt')\n"
                        + "(os.path.exists('/mnt/data/out/x.txt'), os.path.exists('/mnt/data/rel.txt'))", "(True, True)"),
                Arguments.of("reading files anywhere", "(open('/usr/lib/os-release').read().startswith('PRETTY_NAME'), "
                        + "len(open('/etc/passwd').read()) > 0)", "(True, True)"),
                Arguments.of("matplotlib savefig", "import matplotlib.pyplot as plt\nplt.bar(['a', 'b'], [1, 2])\n"
                        + "plt.savefig('/mnt/data/bars.png')\nplt.savefig('bars2.png')\nimport os\nos.path.getsize('/mnt/data/bars2.png') > 0", "True"),
                Arguments.of("pandas to_csv, to_excel and to_json", "import pandas as pd\ndf = pd.DataFrame({'a': [1, 2]})\n"
                        + "df.to_csv('/mnt/data/a.csv', index=False)\ndf.to_excel('/mnt/data/a.xlsx', index=False)\ndf.to_json('a.json')\n"
                        + "int(pd.read_excel('/mnt/data/a.xlsx')['a'].sum())", "3"),
                Arguments.of("json", "import json\njson.dump({'ok': True}, open('/mnt/data/j.json', 'w'))\njson.load(open('/mnt/data/j.json'))",
                        "{'ok': True}"),
                Arguments.of("seaborn", "import seaborn as sns, matplotlib.pyplot as plt\nax = sns.barplot(x=['a', 'b'], y=[3, 4])\n"
                        + "plt.savefig('/mnt/data/sns.png')\nlen(ax.patches)", "2"),
                Arguments.of("threads, cpu_count and local sockets", "from multiprocessing import cpu_count\n"
                        + "from concurrent.futures import ThreadPoolExecutor\nimport socket\nwith ThreadPoolExecutor(2) as pool:\n"
                        + "    squares = list(pool.map(lambda x: x * x, [1, 2, 3]))\na, b = socket.socketpair()\na.sendall(b'hi')\n"
                        + "(squares, cpu_count() > 0, b.recv(2), len(socket.gethostname()) > 0)", "([1, 4, 9], True, b'hi', True)"),
                Arguments.of("urllib.parse and http", "import urllib.parse, http\n(urllib.parse.quote('a b'), int(http.HTTPStatus.OK))",
                        "('a%20b', 200)"),
                Arguments.of("temporary files", "import tempfile, os\nwith tempfile.NamedTemporaryFile('w', delete=False) as f:\n    f.write('x')\n"
                        + "d = tempfile.mkdtemp()\n(f.name.startswith('/tmp/'), os.path.isdir(d))", "(True, True)"),
                Arguments.of("a registry of the user's own classes", "class Base: pass\nclass A(Base): pass\n[c.__name__ for c in Base.__subclasses__()]",
                        "['A']"),
                Arguments.of("ctypes without loading a library", "import ctypes\nctypes.sizeof(ctypes.c_int)", "4"),
                Arguments.of("exec and eval of harmless strings", "exec('y = 5')\neval('y + 2')", "7"),
                Arguments.of("logging to a file", "import logging\nlog = logging.getLogger('t')\nlog.addHandler(logging.FileHandler('/mnt/data/t.log'))\n"
                        + "log.warning('x')\nopen('/mnt/data/t.log').read()", "'x\\n'"),
                Arguments.of("/dev/null", "print('quiet', file=open('/dev/null', 'w'))\n'done'", "'done'"),
                Arguments.of("getattr on the user's own objects", "class Config:\n    retries = 3\nname = 'retr' + 'ies'\ngetattr(Config, name)", "3"));
    }

    @ParameterizedTest(name = "harmless: {0}")
    @MethodSource("harmless")
    void harmlessCodeThatLooksSuspiciousStillRuns(String what, String code, String result) {
        JsonNode r = analyst.python(code);
        assertEquals("succeeded", r.path("status").asText(), r.toString());
        assertEquals(result, r.path("result").asText(), r.toString());
    }

    @Test
    void aReportlabPdfIsStillGenerated() {
        String code = String.join("\n",
                "from reportlab.pdfgen import canvas",
                "c = canvas.Canvas('/mnt/data/summary.pdf')",
                "c.drawString(72, 720, 'subprocess and os.system are blocked, reports are not')",
                "c.save()");
        JsonNode r = analyst.call("GeneratePdfReport", "pythonCode", code, "expectedOutputFilename", "summary.pdf",
                "saveAsFilename", "daily.pdf").json();
        assertEquals("succeeded", r.path("status").asText(), r.toString());
        assertEquals(200, ToolClient.download(r.path("url").asText()).statusCode());
    }

    @Test
    void foldersThatOnlyStartLikeTheWritableOnesAreOutside() {
        assertError(blockedPython("open('/mnt/database.txt', 'w')"), "FileAccessBlocked", "open (line 1) writes to /mnt/database.txt");
        assertError(blockedPython("open('/tmpfile', 'w')"), "FileAccessBlocked", "open (line 1) writes to /tmpfile");
    }
}
