"""Every message the Java kernel sends, checked field by field as JupyterLab checks it, while
jupyter_client plays a frontend through what JupyterLab does with a kernel (run with Debian's
/usr/bin/python3; kernel name in $KERNEL_NAME).

JupyterLab (@jupyterlab/services, kernel/validate.ts) drops a message whose header lacks one of
username, version, session, msg_id, msg_type (a string each) and shows a page error; on iopub it
also checks the content fields of the known message types. Here every message on iopub, shell and
control is checked that way, plus a date and a parent header that names its request.

Usage: protocol_checks.py headers|debug|widget-values
Prints one line per check; exits non-zero when one fails.
"""
import os
import sys
import time
from queue import Empty

from jupyter_client.manager import KernelManager

KERNEL_NAME = os.environ.get("KERNEL_NAME", "java-scaling-lab")
HEADER_FIELDS = ["username", "version", "session", "msg_id", "msg_type"]
# Content fields JupyterLab requires on iopub, by msg_type (validate.ts): name -> (type, values).
IOPUB_CONTENT = {
    "stream": {"name": (str, ("stdout", "stderr")), "text": (str, None)},
    "display_data": {"data": (dict, None), "metadata": (dict, None)},
    "update_display_data": {"data": (dict, None), "metadata": (dict, None)},
    "execute_input": {"code": (str, None), "execution_count": (int, None)},
    "execute_result": {"execution_count": (int, None), "data": (dict, None),
                       "metadata": (dict, None)},
    "error": {"ename": (str, None), "evalue": (str, None), "traceback": (list, None)},
    "status": {"execution_state": (str, ("starting", "idle", "busy", "restarting", "dead"))},
    "clear_output": {"wait": (bool, None)},
    "comm_open": {"comm_id": (str, None), "target_name": (str, None), "data": (dict, None)},
    "comm_msg": {"comm_id": (str, None), "data": (dict, None)},
    "comm_close": {"comm_id": (str, None)},
}
failures = []


def check(name, ok, detail=""):
    print(("ok   " if ok else "FAIL ") + name + ("" if ok else ": " + str(detail)), flush=True)
    if not ok:
        failures.append(name)


def header_problems(header, where):
    problems = []
    for field in HEADER_FIELDS:
        if not isinstance(header.get(field), str):
            problems.append(f"{where} has no string {field} ({header.get(field)!r})")
        elif field in ("session", "msg_id", "msg_type", "version") and not header[field]:
            problems.append(f"{where} has an empty {field}")
    if "date" not in header:
        problems.append(f"{where} has no date")
    return problems


def problems_of(channel, msg, sent):
    """What JupyterLab would reject in msg, and a parent header that is not a request we sent."""
    kind = msg["header"].get("msg_type")
    where = f"{channel} {kind}"
    if kind == "status":
        where += f" ({msg['content'].get('execution_state')})"
    elif kind == "comm_msg":
        where += f" ({msg['content'].get('data', {}).get('method')})"
    problems = header_problems(msg["header"], where + " header")
    if not isinstance(msg.get("metadata"), dict) or not isinstance(msg.get("content"), dict):
        problems.append(f"{where}: metadata and content must be objects")
    if channel == "iopub":
        for name, (kind_of, values) in IOPUB_CONTENT.get(kind, {}).items():
            value = msg["content"].get(name)
            if not isinstance(value, kind_of) or (values and value not in values):
                problems.append(f"{where}: content.{name} is {value!r}")
    parent = msg.get("parent_header") or {}
    if channel != "iopub" and not parent:
        problems.append(f"{where}: a reply without parent header")
    if parent:
        problems += header_problems(parent, where + " parent_header")
        request = sent.get(parent.get("msg_id"))
        if request is None:
            problems.append(f"{where}: parent msg_id {parent.get('msg_id')} is no request sent")
        elif parent.get("msg_type") != request:
            problems.append(f"{where}: parent msg_type {parent.get('msg_type')!r}, sent {request!r}")
    return problems


class Frontend:
    """A jupyter_client connection that keeps every message the kernel sends, and checks it."""

    def __init__(self, kc):
        self.kc = kc
        self.sent = {}
        self.seen = []
        self.problems = []

    def record(self, channel, msg):
        self.seen.append((channel, msg))
        self.problems += problems_of(channel, msg, self.sent)
        return msg

    def send(self, channel, msg_type, content):
        msg = self.kc.session.msg(msg_type, content)
        self.sent[msg["header"]["msg_id"]] = msg_type
        getattr(self.kc, channel + "_channel").send(msg)
        return msg["header"]["msg_id"]

    def reply(self, channel, msg_id, timeout=60):
        get = getattr(self.kc, "get_" + channel + "_msg")
        deadline = time.time() + timeout
        while True:
            msg = self.record(channel, get(timeout=max(0.5, deadline - time.time())))
            if msg["parent_header"].get("msg_id") == msg_id:
                return msg

    def iopub_until_idle(self, msg_id, timeout=60):
        out = []
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                msg = self.record("iopub", self.kc.get_iopub_msg(timeout=0.5))
            except Empty:
                continue
            out.append(msg)
            if (msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status"
                    and msg["content"]["execution_state"] == "idle"):
                return out
        raise TimeoutError(f"no idle status for {self.sent.get(msg_id)} {msg_id}")

    def iopub_for(self, seconds):
        """Every iopub message within the next seconds (a background thread's output)."""
        out = []
        deadline = time.time() + seconds
        while time.time() < deadline:
            try:
                out.append(self.record("iopub", self.kc.get_iopub_msg(timeout=0.2)))
            except Empty:
                pass
        return out

    def request(self, channel, msg_type, content, timeout=60):
        msg_id = self.send(channel, msg_type, content)
        reply = self.reply(channel, msg_id, timeout)
        return reply, self.iopub_until_idle(msg_id, timeout)

    def execute(self, code, timeout=120):
        reply, msgs = self.request("shell", "execute_request", {
            "code": code, "silent": False, "store_history": True, "user_expressions": {},
            "allow_stdin": False, "stop_on_error": True}, timeout)
        result = [m for m in msgs if m["msg_type"] == "execute_result"]
        return reply["content"]["status"], (
            result[0]["content"]["data"]["text/plain"] if result else None), msgs

    def comm(self, msg_type, content):
        return self.iopub_until_idle(self.send("shell", msg_type, content))


def start():
    km = KernelManager(kernel_name=KERNEL_NAME)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    return km, kc, Frontend(kc)


def ready(front):
    """kernel_info until answered, as JupyterLab does on connecting (the JVM takes a while)."""
    deadline = time.time() + 120
    while time.time() < deadline:
        msg_id = front.send("shell", "kernel_info_request", {})
        try:
            return front.reply("shell", msg_id, timeout=5)
        except Empty:
            continue
    raise TimeoutError("the kernel never answered kernel_info")


def headers(front):
    """What JupyterLab does with a notebook on our kernel, with every message's header checked."""
    info = ready(front)
    check("kernel_info_reply status ok", info["content"].get("status") == "ok", info["content"])
    # JupyterLab's widget manager, on connecting, asks for every widget's state over the
    # control comm before any cell has run.
    control = "control-" + front.kc.session.session
    msgs = front.comm("comm_open", {"comm_id": control, "target_name": "jupyter.widget.control",
                                    "data": {}})
    msgs += front.comm("comm_msg", {"comm_id": control, "data": {"method": "request_states"}})
    msgs += front.iopub_for(1.0)
    states = [m for m in msgs if m["msg_type"] == "comm_msg"
              and m["content"]["data"].get("method") == "update_states"]
    check("request_states before any cell is answered with update_states", len(states) == 1,
          [m["msg_type"] for m in msgs])
    status, value, _ = front.execute("""
System.out.println("printed");
System.err.println("warned");
display("shown");
var later = new Thread(() -> {
  try { Thread.sleep(300); } catch (InterruptedException e) { }
  System.out.println("from a thread");
});
later.start();
6 * 7
""")
    check("a cell with output runs", status == "ok" and value == "42", (status, value))
    front.iopub_for(1.0)
    status, _, msgs = front.execute("""
import dev.scalinglab.widgets.*;
var s = new IntSlider().min(1).max(10).value(3);
display(s);
""")
    check("a widget cell runs", status == "ok", status)
    opened = [m for m in msgs if m["msg_type"] == "comm_open"
              and m["content"]["data"]["state"]["_model_name"] == "IntSliderModel"]
    slider = opened[0]["content"]["comm_id"] if opened else "missing"
    front.comm("comm_msg", {"comm_id": slider, "data": {"method": "update", "state": {"value": 7},
                                                       "buffer_paths": []}})
    front.comm("comm_msg", {"comm_id": slider, "data": {"method": "request_state"}})
    front.execute("s.close();")
    front.execute("int broken = ;")
    for msg_type, content in [("complete_request", {"code": "Math.ab", "cursor_pos": 7}),
                              ("inspect_request", {"code": "Math.abs", "cursor_pos": 8,
                                                   "detail_level": 0}),
                              ("is_complete_request", {"code": "int x = 1;"}),
                              ("history_request", {"hist_access_type": "tail", "n": 2,
                                                   "output": False, "raw": True}),
                              ("comm_info_request", {})]:
        front.request("shell", msg_type, content)
    front.request("control", "interrupt_request", {})
    front.iopub_for(0.5)
    kinds = sorted({f"{c} {m['msg_type']}" for c, m in front.seen})
    print("     checked %d messages: %s" % (len(front.seen), ", ".join(kinds)))
    check("every header carries username, version, session, msg_id and msg_type",
          not front.problems, "\n       ".join([""] + front.problems))


def debug(front):
    """JupyterLab's debugger panel sends debug_request on control: a kernel without a debugger
    says so in kernel_info and answers each request with a failed DAP response (ipykernel without
    debugpy answers {}), between busy and idle."""
    info = ready(front)["content"]
    check("kernel_info says there is no debugger",
          info.get("debugger") is False and "debugger" not in info.get("supported_features", []),
          {k: info.get(k) for k in ("debugger", "supported_features")})
    for seq, command in [(1, "initialize"), (2, "debugInfo")]:
        request = {"type": "request", "seq": seq, "command": command, "arguments": {}}
        try:
            reply, msgs = front.request("control", "debug_request", request, timeout=15)
        except (Empty, TimeoutError) as e:
            check(f"debug_request {command} is answered", False, f"no reply or idle: {e!r}")
            continue
        content = reply["content"]
        check(f"debug_request {command} is answered with debug_reply",
              reply["msg_type"] == "debug_reply", reply["msg_type"])
        check(f"debug_reply to {command} is a failed DAP response",
              content.get("type") == "response" and content.get("request_seq") == seq
              and content.get("command") == command and content.get("success") is False
              and isinstance(content.get("message"), str), content)
        states = [m["content"]["execution_state"] for m in msgs if m["msg_type"] == "status"
                  and m["parent_header"].get("msg_id") == reply["parent_header"]["msg_id"]]
        check(f"debug_request {command}: busy then idle on iopub", states == ["busy", "idle"],
              states)
    status, value, _ = front.execute("1 + 1")
    check("the kernel still runs cells", (status, value) == ("ok", "2"), (status, value))
    check("every debug message has a complete header", not front.problems,
          "\n       ".join([""] + front.problems))


def main():
    command = sys.argv[1] if len(sys.argv) > 1 else "headers"
    km, kc, front = start()
    try:
        {"headers": headers, "debug": debug}[command](front)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    print("protocol checks: %d failed" % len(failures))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
