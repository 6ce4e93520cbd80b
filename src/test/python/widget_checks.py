"""The widget protocol against the real Java kernel, with jupyter_client playing the frontend
(run with Debian's /usr/bin/python3; kernel name in $KERNEL_NAME).

Checks comm_open (target, metadata version, full state, buffers), the display bundle, comm_info,
update both ways with echo_update, out-of-range values corrected or refused, request_state, a click reaching Java, the kernel's interrupt
reaching a widget callback, and comm_close. Prints one line per check; exits non-zero on failure.
"""
import os
import sys
import time
from queue import Empty

from jupyter_client.manager import KernelManager

KERNEL_NAME = os.environ.get("KERNEL_NAME", "java-scaling-lab")
failures = []


def check(name, ok, detail=""):
    print(("ok   " if ok else "FAIL ") + name + ("" if ok else ": " + str(detail)), flush=True)
    if not ok:
        failures.append(name)


def iopub_until_idle(kc, parent_id, timeout=60):
    """Returns the iopub messages of request parent_id up to its idle status."""
    out = []
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            msg = kc.get_iopub_msg(timeout=1)
        except Empty:
            continue
        out.append(msg)
        if (msg["parent_header"].get("msg_id") == parent_id
                and msg["msg_type"] == "status"
                and msg["content"]["execution_state"] == "idle"):
            return out
    raise TimeoutError("no idle for " + parent_id)


def shell_reply(kc, msg_id, timeout=120):
    """Returns the shell reply to msg_id, skipping stale replies (e.g. wait_for_ready's)."""
    deadline = time.time() + timeout
    while True:
        reply = kc.get_shell_msg(timeout=max(1, deadline - time.time()))
        if reply["parent_header"].get("msg_id") == msg_id:
            return reply


def execute(kc, code):
    msg_id = kc.execute(code)
    reply = shell_reply(kc, msg_id)
    msgs = iopub_until_idle(kc, msg_id)
    result = [m for m in msgs if m["msg_type"] == "execute_result"]
    value = result[0]["content"]["data"]["text/plain"] if result else None
    return reply["content"]["status"], value, msgs


def send_comm(kc, msg_type, content):
    msg = kc.session.msg(msg_type, content)
    kc.shell_channel.send(msg)
    return iopub_until_idle(kc, msg["header"]["msg_id"])


def wait_value(kc, code, expected, seconds=10):
    value = None
    deadline = time.time() + seconds
    while time.time() < deadline:
        _, value, _ = execute(kc, code)
        if value == expected:
            return value
        time.sleep(0.2)
    return value


def main():
    km = KernelManager(kernel_name=KERNEL_NAME)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=120)
    try:
        run(km, kc)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    print("widget checks: %d failed" % len(failures))
    sys.exit(1 if failures else 0)


def run(km, kc):
    status, _, msgs = execute(kc, """
import dev.scalinglab.widgets.*;
var s = new IntSlider().min(1).max(10).value(3).description("epochs");
var clicks = new java.util.concurrent.atomic.AtomicInteger();
var b = new Button().description("Train");
b.onClick(() -> clicks.incrementAndGet());
var box = new VBox(s, b);
display(box);
""")
    check("display cell runs", status == "ok", status)
    opens = [m for m in msgs if m["msg_type"] == "comm_open"]
    by_model = {m["content"]["data"]["state"]["_model_name"]: m for m in opens}
    check("comm_open for every model, on jupyter.widget",
          sorted(by_model) == ["ButtonModel", "ButtonStyleModel", "IntSliderModel", "LayoutModel",
                               "SliderStyleModel", "VBoxModel"]
          and all(m["content"]["target_name"] == "jupyter.widget" for m in opens),
          sorted(by_model))
    check("comm_open metadata version 2.1.0",
          all(m["metadata"].get("version") == "2.1.0" for m in opens),
          [m["metadata"] for m in opens])
    slider = by_model["IntSliderModel"]
    slider_id = slider["content"]["comm_id"]
    state = slider["content"]["data"]["state"]
    check("slider state in comm_open",
          (state["value"], state["min"], state["max"], state["description"],
           state["_model_module_version"]) == (3, 1, 10, "epochs", "2.0.0"), state)
    order = [m["content"]["data"]["state"]["_model_name"] for m in opens]
    check("children open before the box", order[-1] == "VBoxModel", order)
    shown = [m for m in msgs if m["msg_type"] == "display_data"]
    data = shown[0]["content"]["data"] if shown else {}
    view = data.get("application/vnd.jupyter.widget-view+json", {})
    check("display bundle: widget view 2.1 + text/plain",
          view.get("model_id") == by_model["VBoxModel"]["content"]["comm_id"]
          and view.get("version_major") == 2 and view.get("version_minor") == 1
          and "text/plain" in data, data)

    msg_id = kc.comm_info(target_name="jupyter.widget")
    reply = shell_reply(kc, msg_id)
    comms = reply["content"].get("comms", {})
    check("comm_info lists the open widget comms",
          reply["content"]["status"] == "ok"
          and {m["content"]["comm_id"] for m in opens} <= set(comms), comms)
    iopub_until_idle(kc, msg_id)

    msgs = send_comm(kc, "comm_msg", {"comm_id": slider_id, "data": {
        "method": "update", "state": {"value": 7}, "buffer_paths": []}})
    echoes = [m for m in msgs if m["msg_type"] == "comm_msg"
              and m["content"]["data"].get("method") == "echo_update"]
    check("frontend update is echoed (echo_update)",
          len(echoes) == 1 and echoes[0]["content"]["data"]["state"] == {"value": 7}, msgs)
    check("frontend update reaches Java", execute(kc, "s.value()")[1] == "7")

    msgs = send_comm(kc, "comm_msg", {"comm_id": slider_id, "data": {"method": "request_state"}})
    updates = [m["content"]["data"] for m in msgs if m["msg_type"] == "comm_msg"]
    check("request_state answered with the full state",
          len(updates) == 1 and updates[0]["method"] == "update"
          and updates[0]["state"]["value"] == 7 and len(updates[0]["state"]) == len(state),
          updates)

    _, _, msgs = execute(kc, "s.value(9);")
    updates = [m["content"]["data"] for m in msgs if m["msg_type"] == "comm_msg"]
    check("kernel change sent as update",
          updates == [{"method": "update", "state": {"value": 9}, "buffer_paths": []}], updates)

    button_id = by_model["ButtonModel"]["content"]["comm_id"]
    send_comm(kc, "comm_msg", {"comm_id": button_id, "data": {
        "method": "custom", "content": {"event": "click"}}})
    check("click reaches Java", wait_value(kc, "clicks.get()", "1") == "1")

    _, _, msgs = execute(kc, "var img = new Image().value(new byte[] {1, 2, 3}); display(img);")
    image_open = [m for m in msgs if m["msg_type"] == "comm_open"
                  and m["content"]["data"]["state"]["_model_name"] == "ImageModel"]
    check("image bytes travel as a buffer",
          len(image_open) == 1
          and image_open[0]["content"]["data"]["buffer_paths"] == [["value"]]
          and [bytes(b) for b in image_open[0]["buffers"]] == [b"\x01\x02\x03"],
          image_open)

    execute(kc, """
var stopped = new java.util.concurrent.atomic.AtomicBoolean();
var slow = new Button();
slow.onClick(() -> {
  try { Thread.sleep(60_000); } catch (InterruptedException e) { stopped.set(true); }
});
display(slow);
""")
    _, slow_id, _ = execute(kc, "slow.modelId()")
    send_comm(kc, "comm_msg", {"comm_id": slow_id.strip('"'), "data": {
        "method": "custom", "content": {"event": "click"}}})
    time.sleep(0.5)
    started = time.time()
    _, quick, _ = execute(kc, "1 + 1")
    check("kernel answers while a widget callback runs", quick == "2", quick)
    print("     a cell while a callback sleeps: %.2f s" % (time.time() - started))
    km.interrupt_kernel()
    check("the kernel's interrupt reaches the widget callback",
          wait_value(kc, "stopped.get()", "true") == "true")

    # Issue 21's case: a client sets the playground's log slider (range 1..1000) to 0.0. As in
    # ipywidgets 8, the value is echoed, then corrected to base^min = 1.0 by an update.
    _, _, msgs = execute(kc, """
var log = new FloatLogSlider().range(1, 1000).value(64).description("input scale s");
display(log);
""")
    log_open = [m for m in msgs if m["msg_type"] == "comm_open"
                and m["content"]["data"]["state"]["_model_name"] == "FloatLogSliderModel"]
    log_id = log_open[0]["content"]["comm_id"] if log_open else "missing"
    msgs = send_comm(kc, "comm_msg", {"comm_id": log_id, "data": {
        "method": "update", "state": {"value": 0.0}, "buffer_paths": []}})
    answers = [(m["content"]["data"].get("method"), m["content"]["data"].get("state"))
               for m in msgs if m["msg_type"] == "comm_msg"]
    check("log slider at 0.0 (range 1..1000) is echoed, then corrected to 1.0",
          answers == [("echo_update", {"value": 0.0}), ("update", {"value": 1.0})], answers)
    check("the kernel keeps 1.0, not 0.0", execute(kc, "log.value()")[1] == "1.0")
    execute(kc, 'var d = new Dropdown().options(java.util.List.of("sgd", "adam")); display(d);')
    _, d_id, _ = execute(kc, "d.modelId()")
    msgs = send_comm(kc, "comm_msg", {"comm_id": d_id.strip('"'), "data": {
        "method": "update", "state": {"index": 5}, "buffer_paths": []}})
    answers = [(m["content"]["data"].get("method"), m["content"]["data"].get("state"))
               for m in msgs if m["msg_type"] == "comm_msg"]
    check("a dropdown index outside its options is refused: the frontend gets index 0 back",
          answers == [("update", {"index": 0})], answers)
    check("the dropdown keeps its option", execute(kc, "d.value()")[1] == "sgd")

    send_comm(kc, "comm_close", {"comm_id": slider_id, "data": {}})
    check("comm_close from the frontend", execute(kc, "s.isOpen()")[1] == "false")


if __name__ == "__main__":
    main()
