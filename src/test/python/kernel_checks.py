"""Process-level checks of the Java kernel through jupyter_client (run with Debian's /usr/bin/python3).

Usage: kernel_checks.py conformance|starts N|interrupt   (kernel name in $KERNEL_NAME)
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
        msg_id = kc.execute(
            "Experiment.builder().setData(data).optScenarios(Scenarios.a(), Scenarios.b())"
            ".optHyperparameters(Hyperparameters.QUESTION.withEpochs(500).withTrainSize(2000))"
            ".build().run();")
        time.sleep(4)
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
    sys.exit(f"unknown command {command}")
