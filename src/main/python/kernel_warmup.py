"""One real kernel session, for environment/install-kernel's class-data sharing archive.

Usage: kernel_warmup.py KERNELSPEC_DIR
The kernelspec's argv carries -XX:ArchiveClassesAtExit (JDK 17-23) or -XX:AOTCacheOutput (JDK 25):
this starts that kernel through jupyter_client, as Jupyter does, runs what the first minute of a
notebook runs (kernel_info, cells with values, output, display, an error, a completion) and shuts
it down cleanly, so that the JVM writes every class the session loaded (sockets, messages, JShell's
compiler, renderers) into the archive. Exits 1 if the kernel did not answer.
Run with Debian's /usr/bin/python3 (python3-jupyter-client).
"""
import os
import shutil
import sys
import tempfile

from jupyter_client.manager import KernelManager

CELLS = [
    "1 + 1",
    "import dev.scalinglab.train.*;\nimport dev.scalinglab.notebook.*;\nnew History()",
    'System.out.println("warm-up"); int x = 2; x * 21',
    'display("text")',
    "Object o = null; o.toString()",
]


def run(kc, code, timeout=120):
    reply = kc.execute_interactive(code, timeout=timeout, output_hook=lambda msg: None)
    return reply["content"]["status"]


def main():
    spec = sys.argv[1]
    home = tempfile.mkdtemp(prefix="kernel-warmup-")
    os.environ["JUPYTER_PATH"] = home
    os.environ["JUPYTER_RUNTIME_DIR"] = os.path.join(home, "runtime")
    shutil.copytree(spec, os.path.join(home, "kernels", "warmup"))
    km = KernelManager(kernel_name="warmup")
    # Writing the archive at exit takes seconds: do not kill the JVM while it does.
    km.shutdown_wait_time = 120
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=120)
        statuses = [run(kc, cell) for cell in CELLS]
        kc.complete("Str", 3, reply=True, timeout=60)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)
        shutil.rmtree(home, ignore_errors=True)
    expected = ["ok", "ok", "ok", "ok", "error"]
    if statuses != expected:
        print(f"kernel warm-up: cells answered {statuses}, expected {expected}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
