"""Protocol-level checks of the Java kernel's magics through jupyter_client (Debian's /usr/bin/python3).

Usage: magic_checks.py online|offline   (kernel name in $KERNEL_NAME, scratch folder in $LAB_DIR)
online: %maven from Maven Central into the kernelspec's local repository, a missing coordinate,
%time, %%time, %load and %loadFromPOM. offline: a kernel whose settings.xml mirrors central to a
closed loopback port, on the same local repository: what is there serves, a missing coordinate fails.
Prints one line per check and "magics: N failed"; exits non-zero when a check fails.
"""
import os
import sys
import time

from kernel_checks import Checks, error_text, execute, result_text, start, stop, stream_text

LAB = os.environ["LAB_DIR"]
TEXT = "org.apache.commons:commons-text:1.12.0"
MISSING = "org.example.nothere:no-such-artifact:9.9.9"


def missing_coordinate(kc, c, label):
    t0 = time.perf_counter()
    reply, msgs = execute(kc, f"%maven {MISSING}", timeout=120)
    took = time.perf_counter() - t0
    c.check(f"{label}: a missing coordinate fails naming it, within a minute",
            reply["status"] == "error" and MISSING in reply.get("evalue", "")
            and "\n" not in reply.get("evalue", "") and took < 60,
            f"{reply['status']} after {took:.1f} s: {reply.get('evalue')!r}")


def online():
    c = Checks()
    km, kc = start(os.environ["KERNEL_NAME"])
    try:
        execute(kc, "1 + 1", timeout=300)
        reply, msgs = execute(
            kc, f"%maven {TEXT} org.apache.commons:commons-csv:1.11.0\n"
                "org.apache.commons.text.WordUtils.capitalizeFully(\"fashion MNIST\") + \" \" + "
                "org.apache.commons.csv.CSVFormat.DEFAULT.getDelimiterString()", timeout=300)
        c.check("%maven two coordinates, usable in the lines below, nothing on stderr",
                result_text(msgs) == "Fashion Mnist ," and stream_text(msgs, "stderr") == "",
                f"{reply['status']}: {result_text(msgs)!r} {error_text(msgs)!r} "
                f"stderr {stream_text(msgs, 'stderr')!r}")
        missing_coordinate(kc, c, "online")
        reply, msgs = execute(kc, "%time Math.sqrt(16)")
        c.check("%time prints times and keeps the value",
                result_text(msgs) == "4.0" and "Wall time: " in stream_text(msgs),
                f"{result_text(msgs)!r} {stream_text(msgs)!r}")
        reply, msgs = execute(kc, "%%time\nint t = 6;\nt * 7")
        c.check("%%time times the cell", result_text(msgs) == "42" and "Wall time: " in stream_text(msgs),
                f"{result_text(msgs)!r} {stream_text(msgs)!r}")
        script = os.path.join(LAB, "helpers.jshell")
        with open(script, "w") as f:
            f.write("String greet(String who) { return \"hello \" + who; }\n")
        reply, msgs = execute(kc, f"%load {script}\ngreet(\"lab\")")
        c.check("%load runs a .jshell file", result_text(msgs) == "hello lab",
                f"{result_text(msgs)!r} {error_text(msgs)!r}")
        pom = os.path.join(LAB, "pom.xml")
        with open(pom, "w") as f:
            f.write("<project><modelVersion>4.0.0</modelVersion><groupId>lab</groupId>"
                    "<artifactId>cell</artifactId><version>1</version><dependencies><dependency>"
                    "<groupId>org.apache.commons</groupId><artifactId>commons-collections4</artifactId>"
                    "<version>4.4</version></dependency></dependencies></project>")
        reply, msgs = execute(kc, f"%loadFromPOM {pom}\n"
                                  "new org.apache.commons.collections4.bag.HashBag<String>().size()",
                              timeout=300)
        c.check("%loadFromPOM resolves a POM's dependencies", result_text(msgs) == "0",
                f"{result_text(msgs)!r} {error_text(msgs)!r}")
    finally:
        stop(km, kc)
    print(f"magics: {len(c.failed)} failed")
    return 1 if c.failed else 0


def offline():
    c = Checks()
    km, kc = start(os.environ["KERNEL_NAME"])
    try:
        reply, msgs = execute(kc, f"%maven {TEXT}\n"
                                  "org.apache.commons.text.WordUtils.initials(\"Fashion MNIST\")",
                              timeout=300)
        c.check("offline: the local repository serves", result_text(msgs) == "FM",
                f"{reply['status']}: {result_text(msgs)!r} {error_text(msgs)!r}")
        missing_coordinate(kc, c, "offline")
    finally:
        stop(km, kc)
    print(f"magics: {len(c.failed)} failed")
    return 1 if c.failed else 0


if __name__ == "__main__":
    sys.exit({"online": online, "offline": offline}[sys.argv[1]]())
