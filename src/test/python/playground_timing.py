"""Times notebook 05's playground through the real kernel, as the browser sees it: from the Train
click (a comm_msg) to the first chart update on iopub, and the interval between chart updates
while it trains. Run with Debian's /usr/bin/python3; kernel name in $KERNEL_NAME.

Usage: playground_timing.py [rounds] [train_size] [epochs]   (prints figures, asserts nothing)
"""
import os
import sys
import time
from queue import Empty

from jupyter_client.manager import KernelManager

KERNEL_NAME = os.environ.get("KERNEL_NAME", "java-scaling-lab")


def wait_idle(kc, msg_id):
    while True:
        msg = kc.get_iopub_msg(timeout=300)
        if (msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status"
                and msg["content"]["execution_state"] == "idle"):
            return


def value(kc, code):
    msg_id = kc.execute(code)
    result = None
    while True:
        msg = kc.get_iopub_msg(timeout=300)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "execute_result":
            result = msg["content"]["data"]["text/plain"]
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return result


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    size = int(sys.argv[2]) if len(sys.argv) > 2 else 3000
    epochs = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    km = KernelManager(kernel_name=KERNEL_NAME)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=120)
    try:
        # Idempotent: a kernel that installs widgets itself keeps its manager.
        value(kc, "dev.scalinglab.widgets.KernelWidgets.install("
                  "org.dflib.jjava.jupyter.kernel.BaseKernel.notebookKernel());")
        value(kc, "import dev.scalinglab.playground.*; import dev.scalinglab.train.*;"
                  " var data = dev.scalinglab.data.FashionMnistData.load();"
                  " var p = new Playground(data, new Settings(64, 0.01, Compensation.NONE,"
                  " OptimizerKind.SGD, %d, %d), 32, 42); display(p.view());" % (epochs, size))
        chart = value(kc, "p.chart().modelId()").strip('"')
        train = value(kc, "p.trainButton().modelId()").strip('"')
        status = value(kc, "p.status().modelId()").strip('"')
        for r in range(rounds):
            msg = kc.session.msg("comm_msg", {"comm_id": train, "data": {
                "method": "custom", "content": {"event": "click"}}})
            clicked = time.time()
            kc.shell_channel.send(msg)
            updates, done = [], None
            while done is None:
                try:
                    m = kc.get_iopub_msg(timeout=300)
                except Empty:
                    break
                if m["msg_type"] != "comm_msg":
                    continue
                cid = m["content"]["comm_id"]
                state = m["content"]["data"].get("state", {})
                if cid == chart and m.get("buffers"):
                    updates.append(time.time())
                if cid == status and str(state.get("value", "")).startswith(("done", "stopped", "error")):
                    done = state["value"]
            gaps = [b - a for a, b in zip(updates, updates[1:-1])]  # the last one is the final redraw
            print("round %d: first chart update %.2f s after the click, %d updates, every %.2f s;"
                  " kernel says: %s" % (r + 1, updates[0] - clicked, len(updates),
                                         sum(gaps) / len(gaps) if gaps else float("nan"), done),
                  flush=True)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


if __name__ == "__main__":
    main()
