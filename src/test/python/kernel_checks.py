"""Process-level checks of the Java kernel through jupyter_client (run with Debian's /usr/bin/python3).

Usage: kernel_checks.py conformance|starts N|interrupt|training-interrupt|faults|oom
(kernel name in $KERNEL_NAME)
Prints figures; exits non-zero when a check fails. Timings are printed, never asserted.
"""
import os
import sys
import time
import unittest
from queue import Empty

import jupyter_kernel_test
from jupyter_client.manager import KernelManager
from jupyter_kernel_test.msgspec_v5 import validate_message

KERNEL_NAME = os.environ.get("KERNEL_NAME", "java-scaling-lab")


class JavaKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = KERNEL_NAME
    language_name = "java"
    file_extension = ".jshell"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("oops");'
    code_generate_error = 'throw new IllegalStateException("boom");'
    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": '"<b>plain</b>"', "result": "<b>plain</b>"},
        {"code": "int x = 20;\nx + 1", "result": "21"},
    ]
    code_display_data = [
        {"code": 'display("shown");', "mime": "text/plain"},
        {"code": "display(new java.awt.image.BufferedImage(4, 3, 1));", "mime": "image/png"},
        {"code": 'display(render("<b>b</b>", "text/html"));', "mime": "text/html"},
    ]
    completion_samples = [
        {"text": "Math.ab", "matches": {"abs(", "absExact("}},
        {"text": "int count = 1;\nSystem.out.printl", "matches": {"println("}},
    ]
    complete_code_samples = ["1 + 1", "int y = 1;", "class A {}", 'System.out.println("x");']
    incomplete_code_samples = ["for (int i = 0; i < 3; i++) {", "class B {", "int z = (1 +"]
    invalid_code_samples = [")", "}", "int x = 1;\n)"]
    code_inspect_sample = "Math.abs"
    code_history_pattern = "6*"
    supported_history_operations = ("tail", "range", "search")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The first cell waits for JShell to start, seconds on a loaded machine; the suite's
        # per-message timeout is meant for a kernel that is ready.
        run_cell(cls.kc, "1 + 1", timeout=300)
        drain_iopub(cls.kc)

    def test_execute_result_is_plain_text_only(self):
        """A String result is text/plain only, never text/html."""
        self.flush_channels()
        reply, output = self.execute_helper('"<b>plain</b>"')
        results = [m for m in output if m["msg_type"] == "execute_result"]
        self.assertEqual(1, len(results))
        self.assertEqual(["text/plain"], list(results[0]["content"]["data"]))

    def test_compile_error_names_line(self):
        """A compile error fails the cell and points at the cell line."""
        self.flush_channels()
        reply, output = self.execute_helper("int ok = 1;\nint bad = ok + missing;")
        self.assertEqual("error", reply["content"]["status"])
        errors = [m for m in output if m["msg_type"] == "error"]
        self.assertEqual(1, len(errors))
        text = "\n".join(errors[0]["content"]["traceback"])
        self.assertIn("cell line 2", text)
        self.assertIn("int bad = ok + missing;", text)

    def test_other_replies_have_status(self):
        """history, comm_info and interrupt replies carry status ok (basekernel omits it)."""
        self.flush_channels()
        for send, kind in [
            (lambda: self.kc.history(hist_access_type="tail", n=1), "history_reply"),
            (lambda: self.kc.comm_info(), "comm_info_reply"),
        ]:
            msg_id = send()
            reply = self.get_non_kernel_info_reply(timeout=jupyter_kernel_test.TIMEOUT)
            validate_message(reply, kind, msg_id)
            self.assertEqual("ok", reply["content"]["status"])
        msg = self.kc.session.msg("interrupt_request", {})
        self.kc.control_channel.send(msg)
        reply = self.kc.get_control_msg(timeout=jupyter_kernel_test.TIMEOUT)
        validate_message(reply, "interrupt_reply", msg["header"]["msg_id"])
        self.flush_channels()


def start(name):
    km = KernelManager(kernel_name=name)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=60)
    return km, kc


def stop(km, kc):
    kc.stop_channels()
    km.shutdown_kernel(now=False)


def conformance():
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(JavaKernelTests)
    result = unittest.TextTestRunner(stream=sys.stdout, verbosity=2).run(suite)
    print(f"conformance: run={result.testsRun} failures={len(result.failures)} "
          f"errors={len(result.errors)} skipped={len(result.skipped)}")
    for test, reason in result.skipped:
        print(f"  skipped {test.id().split('.')[-1]}: {reason or 'no sample for this kernel'}")
    return 0 if result.wasSuccessful() and result.testsRun > 0 else 1


def reply_to(get, msg_id, kind, timeout=30):
    """Returns the reply to msg_id, skipping late replies to earlier requests (wait_for_ready retries)."""
    deadline = time.monotonic() + timeout
    while True:
        reply = get(timeout=max(0.1, deadline - time.monotonic()))
        if reply["parent_header"].get("msg_id") == msg_id:
            # jupyter_kernel_test's schema knows 'abort', the spec and ipykernel say 'aborted'.
            if reply["content"].get("status") != "aborted":
                validate_message(reply, kind, msg_id)
            return reply


def starts(count):
    times, shutdowns = [], []
    for i in range(count):
        t0 = time.perf_counter()
        km, kc = start(KERNEL_NAME)
        try:
            reply = reply_to(kc.get_shell_msg, kc.kernel_info(), "kernel_info_reply")
            if reply["content"]["status"] != "ok":
                print(f"start {i}: kernel_info status {reply['content']['status']}")
                return 1
            t1 = time.perf_counter()
        finally:
            stop(km, kc)
        t2 = time.perf_counter()
        times.append(t1 - t0)
        shutdowns.append(t2 - t1)
    print(f"starts: {count} of {count} replied to kernel_info; "
          f"start mean {1000 * sum(times) / count:.0f} ms, min {1000 * min(times):.0f} ms, "
          f"max {1000 * max(times):.0f} ms; shutdown mean {1000 * sum(shutdowns) / count:.0f} ms")
    return 0


def run_cell(kc, code, timeout=30):
    return reply_to(kc.get_shell_msg, kc.execute(code), "execute_reply", timeout)


def drain_iopub(kc):
    while True:
        try:
            kc.get_iopub_msg(timeout=0.2)
        except Empty:
            return


def interrupt():
    km, kc = start(KERNEL_NAME)
    try:
        t0 = time.perf_counter()
        first = run_cell(kc, "1 + 1")
        first_ms = 1000 * (time.perf_counter() - t0)
        rounds = 30
        t0 = time.perf_counter()
        for _ in range(rounds):
            run_cell(kc, "1 + 1")
        cell_ms = 1000 * (time.perf_counter() - t0) / rounds
        print(f"cells: first cell {first_ms:.0f} ms (waits for JShell start-up), "
              f"then '1 + 1' round trip mean {cell_ms:.1f} ms over {rounds} cells")
        drain_iopub(kc)
        msg_id = kc.execute("long n = 0;\nwhile (true) { Thread.sleep(20); n++; }")
        time.sleep(1.5)
        t0 = time.perf_counter()
        km.interrupt_kernel()
        reply = reply_to(kc.get_shell_msg, msg_id, "execute_reply")
        stopped_ms = 1000 * (time.perf_counter() - t0)
        if reply["content"]["status"] != "error":
            print(f"interrupt: expected an error reply, got {reply['content']}")
            return 1
        after = run_cell(kc, "1 + 1")
        drain_iopub(kc)
        value = None
        msg_id = kc.execute("1 + 1")
        while True:
            msg = kc.get_iopub_msg(timeout=30)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "execute_result":
                value = msg["content"]["data"]["text/plain"]
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                break
        print(f"interrupt: sleeping cell stopped {stopped_ms:.0f} ms after interrupt_kernel; "
              f"afterwards '1 + 1' -> {value!r} (status {after['content']['status']})")
        ok = value == "2" and first["content"]["status"] == "ok"
        shutdown = reply_to(kc.get_control_msg, kc.shutdown(), "shutdown_reply")
        print(f"shutdown_reply: status {shutdown['content']['status']}")
        return 0 if ok else 1
    finally:
        stop(km, kc)


def training_interrupt():
    """Interrupts a long training from the kernel; the cell reports the epochs completed."""
    km, kc = start(KERNEL_NAME)
    try:
        setup = ("import dev.scalinglab.data.*; import dev.scalinglab.experiment.*;"
                 " import dev.scalinglab.train.*; var data = FashionMnistData.load();")
        if run_cell(kc, setup, timeout=120)["content"]["status"] != "ok":
            print("training interrupt: set-up cell failed")
            return 1
        drain_iopub(kc)
        msg_id = kc.execute(
            "Experiment.builder().setData(data).optScenarios(Scenarios.a(), Scenarios.b())"
            ".optHyperparameters(Hyperparameters.QUESTION.withEpochs(500).withTrainSize(2000))"
            ".build().run(TrainingListener.onEpoch(r -> System.out.println(\"epoch \" + r.epoch())));")
        # Interrupts once both scenarios train (an epoch printed), not after a guessed delay.
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            msg = kc.get_iopub_msg(timeout=max(0.1, deadline - time.monotonic()))
            if (msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "stream"
                    and "epoch" in msg["content"]["text"]):
                break
        km.interrupt_kernel()
        reply = reply_to(kc.get_shell_msg, msg_id, "execute_reply", timeout=60)
        print(f"training interrupt: {reply['content'].get('evalue')}")
        again = run_cell(
            kc,
            "Experiment.builder().setData(data).optScenarios(Scenarios.a())"
            ".optHyperparameters(Hyperparameters.QUESTION.withEpochs(1).withTrainSize(2000))"
            ".build().run().rows().size()",
            timeout=120)
        print(f"training interrupt: afterwards a new training -> status {again['content']['status']}")
        ok = reply["content"]["status"] == "error" and again["content"]["status"] == "ok"
        return 0 if ok else 1
    finally:
        stop(km, kc)


def outputs_of(kc, msg_id, timeout=60):
    """Returns the iopub messages of msg_id up to its idle status."""
    msgs = []
    deadline = time.monotonic() + timeout
    while True:
        msg = kc.get_iopub_msg(timeout=max(0.1, deadline - time.monotonic()))
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        msgs.append(msg)
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return msgs


def execute(kc, code, timeout=60, **options):
    """Executes code; returns (reply content, iopub messages)."""
    msg_id = kc.execute(code, **options)
    reply = reply_to(kc.get_shell_msg, msg_id, "execute_reply", timeout)
    return reply["content"], outputs_of(kc, msg_id, timeout)


def result_text(msgs):
    for m in msgs:
        if m["msg_type"] == "execute_result":
            return m["content"]["data"]["text/plain"]
    return None


def stream_text(msgs, name="stdout"):
    return "".join(m["content"]["text"] for m in msgs
                   if m["msg_type"] == "stream" and m["content"]["name"] == name)


def error_text(msgs):
    return "\n".join("\n".join(m["content"]["traceback"]) for m in msgs if m["msg_type"] == "error")


def reply_detail(reply, msgs):
    """What a cell that gave no result said instead: its reply's status and error, and its stderr."""
    if result_text(msgs) is not None:
        return ""
    detail = f" (status {reply['status']!r}"
    if reply.get("ename") or reply.get("evalue"):
        detail += f", {reply.get('ename')}: {reply.get('evalue')!r}"
    stderr = stream_text(msgs, "stderr").strip()
    if stderr:
        detail += f", stderr {stderr[:500]!r}"
    return detail + ")"


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Checks:
    """Named checks that print one line each and remember failures."""

    def __init__(self):
        self.failed = []

    def check(self, name, ok, detail):
        print(f"{'PASS' if ok else 'FAIL'} {name}: {detail}", flush=True)
        if not ok:
            self.failed.append(name)


def check_stop_on_error(kc, c):
    drain_iopub(kc)
    ids = [kc.execute('throw new IllegalStateException("planted");', stop_on_error=True),
           kc.execute('System.out.println("cell 3 ran");', stop_on_error=True),
           kc.execute('System.out.println("cell 4 ran");', stop_on_error=True)]
    statuses = [reply_to(kc.get_shell_msg, i, "execute_reply")["content"]["status"] for i in ids]
    for i in ids:
        outputs_of(kc, i)
    after, msgs = execute(kc, "1 + 1")
    c.check("stop_on_error aborts the queued cells", statuses == ["error", "aborted", "aborted"]
            and result_text(msgs) == "2", f"replies {statuses}, then '1 + 1' -> {result_text(msgs)!r}")


def check_busy_interrupt(km, kc, c):
    drain_iopub(kc)
    msg_id = kc.execute("long n = 0;\nwhile (true) { n++; }")
    time.sleep(2)
    km.interrupt_kernel()
    reply = reply_to(kc.get_shell_msg, msg_id, "execute_reply", timeout=30)
    outputs_of(kc, msg_id)
    pid = km.provisioner.process.pid
    before = cpu_seconds(pid)
    time.sleep(3)
    burnt = cpu_seconds(pid) - before
    # Cell threads still alive besides the one asking (CPU time alone depends on the machine's load).
    after, msgs = execute(kc, "Thread.getAllStackTraces().keySet().stream()"
                              ".filter(t -> t.getName().matches(\"cell-[0-9]+\") && t != Thread.currentThread())"
                              ".filter(Thread::isAlive).count()")
    c.check("interrupt stops a busy loop", reply["content"]["status"] == "error"
            and result_text(msgs) == "0",
            f"reply {reply['content']['status']} ({reply['content'].get('evalue')}); kernel CPU in the "
            f"3 s after: {burnt:.2f} s (load average {os.getloadavg()[0]:.1f}); cell threads still "
            f"running: {result_text(msgs)}")


def check_silent_and_history(kc, c):
    drain_iopub(kc)
    first, _ = execute(kc, "int counted = 1;")
    silent, msgs = execute(kc, 'System.out.println("hidden"); 41 + 1', silent=True)
    kinds = sorted({m["msg_type"] for m in msgs} - {"status"})
    unstored, _ = execute(kc, "int notStored = 2;", store_history=False)
    second, _ = execute(kc, "counted + notStored")
    c.check("silent runs without output or count", kinds == [] and silent["status"] == "ok"
            and second["execution_count"] == first["execution_count"] + 1,
            f"silent iopub types {kinds}; counts {first['execution_count']} -> "
            f"{silent['execution_count']} (silent), {unstored['execution_count']} (store_history=False), "
            f"{second['execution_count']}")
    msg_id = kc.history(hist_access_type="tail", n=2)
    reply = reply_to(kc.get_shell_msg, msg_id, "history_reply")
    inputs = [entry[2] for entry in reply["content"]["history"]]
    c.check("history holds stored cells only", inputs[-1] == "counted + notStored"
            and "int notStored = 2;" not in inputs, f"tail 2 -> {inputs}")


def check_stdin(kc, c):
    drain_iopub(kc)
    msg_id = kc.execute('new java.util.Scanner(System.in).nextLine().toUpperCase()', allow_stdin=True)
    request = kc.get_stdin_msg(timeout=30)
    kc.input("hello")
    reply = reply_to(kc.get_shell_msg, msg_id, "execute_reply")
    value = result_text(outputs_of(kc, msg_id))
    t0 = time.perf_counter()
    closed, msgs = execute(kc, "new java.util.Scanner(System.in).nextLine()", allow_stdin=False)
    c.check("a cell reads System.in", request["msg_type"] == "input_request" and value == "HELLO"
            and closed["status"] == "error", f"input_request -> {value!r}; without stdin: {closed['status']} "
            f"({closed.get('evalue')}) in {time.perf_counter() - t0:.1f} s")


def check_exit(kc, c):
    drain_iopub(kc)
    reply, msgs = execute(kc, "System.exit(0);")
    after, msgs2 = execute(kc, "1 + 1")
    c.check("System.exit fails the cell, kernel lives", reply["status"] == "error"
            and "not allowed in a notebook" in error_text(msgs) and result_text(msgs2) == "2",
            f"{reply['status']}: {reply.get('evalue')}; then '1 + 1' -> {result_text(msgs2)!r}")


def check_output(kc, c):
    drain_iopub(kc)
    lines = 20000
    reply, msgs = execute(kc, f'for (int i = 0; i < {lines}; i++) System.out.println("line " + i);',
                          timeout=120)
    text = stream_text(msgs)
    got = text.count("\n")
    streams = sum(1 for m in msgs if m["msg_type"] == "stream")
    c.check("20,000 printed lines all arrive", got == lines and text.endswith(f"line {lines - 1}\n"),
            f"{got} of {lines} lines in {streams} stream messages")
    reply, msgs = execute(kc, 'String row = "x".repeat(99);\n'
                              'for (int i = 0; i < 200_000; i++) System.out.println(row);', timeout=300)
    text = stream_text(msgs)
    c.check("20 MB of output is cut visibly", "more lines" in text and "not shown" in text,
            f"{len(text) >> 20} MB arrived; ends with {text.strip().splitlines()[-1][:90]!r}")


def check_code_too_large(kc, c):
    drain_iopub(kc)
    # 1,500 lines of ten statements: over javac's 64 KB per method, under the kernel's 2,000 lines.
    body = "".join("  " + "".join(f" x += {i * 10 + j} * x + 1;" for j in range(10)) + "\n"
                   for i in range(1500))
    reply, msgs = execute(kc, "int big() {\n  int x = 0;\n" + body + "  return x;\n}", timeout=300)
    c.check("a method javac rejects as too large fails with javac's words", reply["status"] == "error"
            and "code too large" in error_text(msgs), f"{reply['status']}: {reply.get('evalue')}")
    reply, msgs = execute(kc, "".join(f"int v{i} = {i};\n" for i in range(10000)), timeout=60)
    c.check("a cell of 10,000 lines is refused with what to do", reply["status"] == "error"
            and "split it into several cells" in error_text(msgs),
            f"{reply['status']}: {reply.get('evalue')}")


def check_to_string(kc, c):
    drain_iopub(kc)
    reply, msgs = execute(kc, 'class Bad { public String toString() { throw new IllegalStateException("boom"); } }\n'
                              "new Bad()")
    text = error_text(msgs)
    kernel_frames = [l for l in text.splitlines() if "dev.scalinglab.kernel" in l or "org.dflib" in l
                     or "jdk.internal" in l]
    c.check("toString() failure shows user frames only", reply["status"] == "error" and "boom" in text
            and not kernel_frames, f"{len(text.splitlines())} traceback lines, {len(kernel_frames)} kernel frames")


FAULTS = ["stop_on_error", "silent_and_history", "stdin", "to_string", "output",
          "code_too_large", "busy_interrupt", "exit"]


def faults(names=None):
    """Runs the named fault checks (default: all) in one kernel, in FAULTS order."""
    km, kc = start(KERNEL_NAME)
    c = Checks()
    try:
        run_cell(kc, "1 + 1", timeout=60)
        for name in FAULTS:
            if names and name not in names:
                continue
            check = globals()["check_" + name]
            try:
                check(km, kc, c) if name == "busy_interrupt" else check(kc, c)
            except Exception as e:
                c.check(name, False, f"{type(e).__name__}: {e}")
    finally:
        stop(km, kc)
    print(f"faults: {len(c.failed)} failed {c.failed}")
    return 1 if c.failed else 0


def oom():
    """Fills the heap from a cell (run with a kernelspec at -Xmx512m); the kernel must answer after."""
    km, kc = start(KERNEL_NAME)
    c = Checks()
    try:
        run_cell(kc, "1 + 1", timeout=60)
        t0 = time.perf_counter()
        steps = [("List<long[]> hog = new ArrayList<>();\n"
                  "while (true) { hog.add(new long[1_000_000]); }", 150),
                 ("1 + 1", 60), ("hog = null;", 60), ("2 + 2", 60)]
        done, took = [], 0.0
        for code, timeout in steps:
            try:
                done.append(execute(kc, code, timeout=timeout))
                answered = True
            except Empty:
                # The kernel stopped answering: say where instead of a traceback.
                done.append(({"status": f"no reply within {timeout} s"}, []))
                answered = False
            if len(done) == 1:
                took = time.perf_counter() - t0
            if not answered:
                break
        done += [({"status": "not sent"}, [])] * (len(steps) - len(done))
        (reply, _), (after, msgs2), _, (again, msgs3) = done
        c.check("an OOM cell fails and the kernel answers", reply["status"] == "error"
                and result_text(msgs2) == "2" and result_text(msgs3) == "4",
                f"{reply['status']} after {took:.1f} s: {reply.get('evalue')!r}; then '1 + 1' -> "
                f"{result_text(msgs2)!r}{reply_detail(after, msgs2)}, after hog = null '2 + 2' -> "
                f"{result_text(msgs3)!r}{reply_detail(again, msgs3)}")
    finally:
        stop(km, kc)
    return 1 if c.failed else 0


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "conformance":
        sys.exit(conformance())
    if command == "starts":
        sys.exit(starts(int(sys.argv[2])))
    if command == "interrupt":
        sys.exit(interrupt())
    if command == "training-interrupt":
        sys.exit(training_interrupt())
    if command == "faults":
        sys.exit(faults(sys.argv[2:]))
    if command == "oom":
        sys.exit(oom())
    sys.exit(f"unknown command {command}")
