"""Kernel start-up benchmark: kernel start -> result of `1+1` (and optionally notebook-ready).

Usage: kernel_startup_bench.py [--rounds N] [--ready] NAME=KERNELSPEC_DIR [NAME=KERNELSPEC_DIR ...]
Each KERNELSPEC_DIR holds a kernel.json. Rounds are interleaved (a, b, a, b, ...) so that the
load of other processes on the machine hits every variant alike. Prints, per variant, the median
and the spread (min, max, 10th-90th percentile) in seconds and how many starts answered, and the
CPU time the kernel process had used at each point (user + system, all threads): on a machine
loaded by other work the wall times stretch, the CPU times much less.
Run with Debian's /usr/bin/python3 (jupyter_client).
"""
import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time

from jupyter_client.manager import KernelManager
from jupyter_client.kernelspec import KernelSpecManager

READY_CELL = ("import dev.scalinglab.data.*;\n"
              "var data = FashionMnistData.load();\n"
              "data.train().size()")


def result_of(kc, code, timeout):
    """Executes code and returns (status, text/plain of the result) once the kernel is idle."""
    msg_id = kc.execute(code)
    value, status = None, None
    deadline = time.monotonic() + timeout
    while True:
        msg = kc.get_iopub_msg(timeout=max(0.1, deadline - time.monotonic()))
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "execute_result":
            value = msg["content"]["data"].get("text/plain")
        if msg["msg_type"] == "error":
            status = "error: " + msg["content"]["evalue"]
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return status or "ok", value


def cpu_seconds(km):
    """CPU time (user + system) the kernel process has used, or None where /proc is missing."""
    try:
        with open(f"/proc/{km.provisioner.process.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, AttributeError, IndexError, ValueError):
        return None


def one_start(name, ready, timeout=60):
    """Returns (wall to 1+1, wall to ready, CPU at 1+1, CPU at ready); None where not reached."""
    t0 = time.perf_counter()
    km = KernelManager(kernel_name=name)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        status, value = result_of(kc, "1+1", timeout)
        t1 = time.perf_counter() - t0
        c1 = cpu_seconds(km)
        t2 = c2 = None
        if ready and value == "2":
            status2, _ = result_of(kc, READY_CELL, timeout)
            if status2 == "ok":
                t2 = time.perf_counter() - t0
                c2 = cpu_seconds(km)
        return (t1, t2, c1, c2) if value == "2" else (None, None, None, None)
    except Exception as e:  # a start that does not answer counts as failed
        print(f"  {name}: {type(e).__name__}: {e}", file=sys.stderr)
        return None, None, None, None
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def describe(times):
    times = sorted(t for t in times if t is not None)
    if not times:
        return "no start answered"
    q = statistics.quantiles(times, n=10) if len(times) >= 2 else [times[0]] * 9
    return (f"median {statistics.median(times):.3f} s  min {times[0]:.3f}  max {times[-1]:.3f}  "
            f"p10-p90 {q[0]:.3f}-{q[-1]:.3f}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--ready", action="store_true", help="also time loading Fashion-MNIST")
    parser.add_argument("variants", nargs="+")
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="kernel-bench-")
    os.environ["JUPYTER_PATH"] = home
    os.environ["JUPYTER_RUNTIME_DIR"] = os.path.join(home, "runtime")
    names = []
    for variant in args.variants:
        name, spec = variant.split("=", 1)
        shutil.copytree(spec, os.path.join(home, "kernels", name))
        names.append(name)
    KernelSpecManager()  # fail early if the specs are unreadable
    first, ready = {n: [] for n in names}, {n: [] for n in names}
    cpu_first, cpu_ready = {n: [] for n in names}, {n: [] for n in names}
    failed = {n: 0 for n in names}
    for r in range(args.rounds):
        for name in names:
            t1, t2, c1, c2 = one_start(name, args.ready)
            if t1 is None:
                failed[name] += 1
            else:
                first[name].append(t1)
                cpu_first[name].append(c1)
            if t2 is not None:
                ready[name].append(t2)
                cpu_ready[name].append(c2)
    load = os.getloadavg()
    print(f"kernel start -> '1+1' result, {args.rounds} interleaved rounds, "
          f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}, {os.cpu_count()} cores")
    for name in names:
        ok = args.rounds - failed[name]
        print(f"  {name:>12}: {describe(first[name])}  ({ok}/{args.rounds} answered)")
        print(f"  {name:>12}  kernel CPU at '1+1': {describe(cpu_first[name])}")
        if args.ready:
            print(f"  {name:>12}  notebook-ready (Fashion-MNIST loaded): {describe(ready[name])}")
            print(f"  {name:>12}  kernel CPU at notebook-ready: {describe(cpu_ready[name])}")
    shutil.rmtree(home, ignore_errors=True)
    return 0 if all(v == 0 for v in failed.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
