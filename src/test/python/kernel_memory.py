"""Peak resident memory of a kernel running a notebook: VmRSS after each cell, VmHWM at the end.

Usage: kernel_memory.py KERNEL_NAME NOTEBOOK [--env K=V ...]
With JCMD="GC.class_histogram;VM.native_memory summary" it also prints those jcmd reports at the
end (the second needs -XX:NativeMemoryTracking=summary in the kernelspec). Run with Debian's
/usr/bin/python3 (nbclient).
"""
import argparse, os, sys, time
import nbformat
from nbclient import NotebookClient

def status(pid):
    out = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            k, _, v = line.partition(":")
            if k in ("VmRSS", "VmHWM", "RssAnon", "RssFile"):
                out[k] = int(v.split()[0]) // 1024
    return out

p = argparse.ArgumentParser()
p.add_argument("kernel"); p.add_argument("notebook"); p.add_argument("--env", action="append", default=[])
a = p.parse_args()
for kv in a.env:
    k, _, v = kv.partition("="); os.environ[k] = v
nb = nbformat.read(a.notebook, as_version=4)
client = NotebookClient(nb, kernel_name=a.kernel, timeout=900, allow_errors=True)
with client.setup_kernel():
    pid = client.km.provisioner.process.pid
    t0 = time.time()
    peak = 0
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        client.execute_cell(cell, i)
        s = status(pid); peak = max(peak, s["VmRSS"])
        print(f"cell {i:2d}: rss {s['VmRSS']:5d} MB (anon {s['RssAnon']}, file {s['RssFile']}) hwm {s['VmHWM']} MB", flush=True)
    s = status(pid)
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.output_type == "error"]
    print(f"peak (VmHWM) {s['VmHWM']} MB, after {s['VmRSS']} MB, {time.time()-t0:.0f} s, errors {len(errors)}")
    if os.environ.get("JCMD"):
        import subprocess
        for cmd in os.environ["JCMD"].split(";"):
            out = subprocess.run(["jcmd", str(pid)] + cmd.split(), capture_output=True, text=True).stdout
            print(out[:3000])
