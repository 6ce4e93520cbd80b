"""A class on one server: N kernels at once, each running a notebook (Run All), as N students would.

Usage: class_run.py [--students N] [--kernel NAME] [--env K=V ...] NOTEBOOK
Prints per kernel its wall time, peak resident memory (VmHWM), CPU seconds and errors, then the
wall time of the whole class. Run with Debian's /usr/bin/python3 (nbclient, jupyter_client).
"""
import argparse
import os
import threading
import time

import nbformat
from nbclient import NotebookClient


def proc_stats(pid):
    hwm = 0
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM"):
                hwm = int(line.split()[1]) // 1024
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    cpu = (int(fields[11]) + int(fields[12])) / ticks  # utime + stime
    return hwm, cpu


def student(i, path, kernel, results):
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, kernel_name=kernel, timeout=1800, allow_errors=True)
    t0 = time.monotonic()
    try:
        with client.setup_kernel():
            pid = client.km.provisioner.process.pid
            for index, cell in enumerate(nb.cells):
                if cell.cell_type == "code":
                    client.execute_cell(cell, index)
            hwm, cpu = proc_stats(pid)
        errors = sum(o.output_type == "error" for c in nb.cells if c.cell_type == "code"
                     for o in c.get("outputs", []))
        results[i] = (time.monotonic() - t0, hwm, cpu, errors, None)
    except Exception as e:  # a kernel that dies is a result, not a crash of the run
        results[i] = (time.monotonic() - t0, 0, 0, 0, f"{type(e).__name__}: {e}")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("notebook")
    p.add_argument("--students", type=int, default=8)
    p.add_argument("--kernel", default="java-scaling-lab")
    p.add_argument("--env", action="append", default=[])
    a = p.parse_args()
    for kv in a.env:
        k, _, v = kv.partition("=")
        os.environ[k] = v
    results = [None] * a.students
    t0 = time.monotonic()
    threads = [threading.Thread(target=student, args=(i, a.notebook, a.kernel, results))
               for i in range(a.students)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.monotonic() - t0
    for i, (seconds, hwm, cpu, errors, failure) in enumerate(results):
        print(f"student {i + 1}: {seconds:6.1f} s wall, peak {hwm} MB, cpu {cpu:.1f} s, "
              f"errors {errors}" + (f", FAILED {failure}" if failure else ""))
    ok = sum(r[4] is None and r[3] == 0 for r in results)
    peaks = sorted(r[1] for r in results)
    print(f"class of {a.students}: {ok}/{a.students} clean, wall {wall:.1f} s, "
          f"peak per kernel median {peaks[len(peaks) // 2]} MB (max {peaks[-1]}), "
          f"cpu per kernel median {sorted(r[2] for r in results)[len(results) // 2]:.1f} s")


if __name__ == "__main__":
    main()
