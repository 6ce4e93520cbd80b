#!/usr/bin/python3
"""The bench command's PyTorch column: the same SGD loop as our trainer, in eager PyTorch.

Run by `scaling-lab bench` (library class TorchWorker) as a long-lived worker, so that its epochs
can be interleaved with ours: it reads the same IDX .gz files, loads the initial weights and batch
orders the Java side wrote (raw little-endian files in --init), prints one JSON line when ready,
then answers one JSON command per stdin line with one JSON line on stdout:

  {"cmd": "epoch", "batch": 32, "threads": 1}  -> {"seconds": 1.41, "loss": 0.52}
  {"cmd": "eval", "batch": 32, "threads": 1}   -> {"val_loss": 0.43, "val_accuracy": 0.84}
  {"cmd": "quit"}                               -> exits

Each (batch, threads) pair has its own model, started from the same weights, that trains epoch
after epoch through the same batch orders as ours (epoch k uses order k).
"""

import argparse
import ctypes
import gzip
import json
import os
import re
import struct
import sys
import time

T0 = time.time()  # close to process start: nothing but the standard library is imported yet


def read_idx(path):
    """Returns (dims, raw bytes) of an IDX .gz file, checking its magic number."""
    with gzip.open(path, "rb") as f:
        data = f.read()
    zero, dtype, ndim = struct.unpack(">HBB", data[:4])
    if zero != 0 or dtype != 0x08:
        raise ValueError("%s is not an unsigned-byte IDX file" % path)
    dims = struct.unpack(">" + "I" * ndim, data[4 : 4 + 4 * ndim])
    return dims, data[4 + 4 * ndim :]


def blas_path(torch):
    """Returns which BLAS this torch's matrix products run on, e.g. "OpenBLAS 0.3.21 core Zen"."""
    config = torch.__config__.show()
    info = re.search(r"BLAS_INFO=(\w+)", config)
    parts = ["BLAS_INFO=" + (info.group(1) if info else "?")]
    mkl = re.search(r"Math Kernel Library Version ([\w.]+)", config)
    if mkl:
        parts.append("MKL " + mkl.group(1))
        with open("/proc/cpuinfo") as cpuinfo:
            if "AuthenticAMD" in cpuinfo.read():
                parts.append("on this AMD CPU MKL runs its non-Intel AVX2 kernels")
    try:
        capability = torch.backends.cpu.get_cpu_capability()
    except AttributeError:  # torch 1.x: only in the config text
        found = re.search(r"CPU capability usage: (\w+)", config)
        capability = found.group(1) if found else "?"
    parts.append("ATen kernels " + capability)
    lib = openblas()
    if lib is not None:
        config_words = lib.openblas_get_config().decode().split()
        parts.append(
            "%s core %s (%s), its threads set with torch's"
            % (" ".join(config_words[:2]), lib.openblas_get_corename().decode(), lib._name)
        )
    return ", ".join(parts)


def openblas():
    """Returns the OpenBLAS this process has loaded (ctypes), or None.

    Debian's python3-torch (BLAS_INFO=generic) calls the system BLAS, OpenBLAS's pthread build,
    whose own thread pool torch.set_num_threads does not reach: at "1 thread" its GEMMs ran on
    2 threads of a 2-core machine. The bench sets OpenBLAS's count with torch's.
    """
    with open("/proc/self/maps") as maps:
        paths = {line.split()[-1] for line in maps if "openblas" in line and "/" in line}
    # numpy's wheels bring their own OpenBLAS (libscipy_openblas64_...), which torch does not call.
    for path in sorted(p for p in paths if "scipy_openblas" not in p and "numpy" not in p):
        try:
            lib = ctypes.CDLL(path)
            lib.openblas_get_corename.restype = ctypes.c_char_p
            lib.openblas_get_config.restype = ctypes.c_char_p
            lib.openblas_set_num_threads.argtypes = [ctypes.c_int]
            return lib
        except (OSError, AttributeError):
            continue
    return None


def reply(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--data", required=True, help="directory of the four Fashion-MNIST .gz files")
    p.add_argument("--init", required=True, help="directory with weights.bin and order.bin")
    p.add_argument("--train-size", type=int, default=55000)
    p.add_argument("--lr", type=float, required=True)
    a = p.parse_args()

    import numpy as np
    import torch

    torch.set_num_interop_threads(1)
    torch.ones(2, 2).mm(torch.ones(2, 2))  # loads the BLAS, so that it is mapped
    engine_ready = time.time()

    dims, raw = read_idx(os.path.join(a.data, "train-images-idx3-ubyte.gz"))
    _, raw_labels = read_idx(os.path.join(a.data, "train-labels-idx1-ubyte.gz"))
    pixels = torch.from_numpy(np.frombuffer(raw, dtype=np.uint8).reshape(dims[0], 784).copy())
    labels = torch.from_numpy(np.frombuffer(raw_labels, dtype=np.uint8).astype(np.int64))
    features = pixels.float() / 255.0  # scenario A: x / 255, as the Java side's features(1)
    train_x, train_y = features[: a.train_size], labels[: a.train_size]
    val_x, val_y = features[55000:60000], labels[55000:60000]
    orders = torch.from_numpy(
        np.fromfile(os.path.join(a.init, "order.bin"), dtype="<i4").astype(np.int64)
    ).reshape(-1, a.train_size)
    weights = np.fromfile(os.path.join(a.init, "weights.bin"), dtype="<f4")
    sizes = [int(s) for s in open(os.path.join(a.init, "sizes.txt")).read().split(",")]
    data_ready = time.time()

    def build():
        """Returns the MLP with the Java side's initial weights, in Mlp.parameters() order."""
        layers, offset = [], 0
        for i in range(1, len(sizes)):
            lin = torch.nn.Linear(sizes[i - 1], sizes[i])
            with torch.no_grad():
                n = sizes[i] * sizes[i - 1]
                lin.weight.copy_(torch.from_numpy(weights[offset : offset + n].reshape(sizes[i], sizes[i - 1])))
                offset += n
                lin.bias.copy_(torch.from_numpy(weights[offset : offset + sizes[i]]))
                offset += sizes[i]
            layers.append(lin)
            if i < len(sizes) - 1:
                layers.append(torch.nn.ReLU())
        return torch.nn.Sequential(*layers)

    blas_threads = openblas()
    loss_fn = torch.nn.CrossEntropyLoss()
    runs = {}  # (batch, threads) -> [model, optimizer, epochs done]

    def epoch(batch, threads):
        key = (batch, threads)
        if key not in runs:
            model = build()
            runs[key] = [model, torch.optim.SGD(model.parameters(), lr=a.lr), 0]
        model, opt, done = runs[key]
        torch.set_num_threads(threads)
        if blas_threads is not None:
            blas_threads.openblas_set_num_threads(threads)
        steps = a.train_size // batch
        start = time.perf_counter()
        order = orders[done % len(orders)]
        xs, ys = train_x[order], train_y[order]  # one gather per epoch
        loss_sum = torch.zeros(())
        correct = torch.zeros((), dtype=torch.int64)
        for step in range(steps):
            lo = step * batch
            x, y = xs[lo : lo + batch], ys[lo : lo + batch]
            logits = model(x)
            loss = loss_fn(logits, y)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            with torch.no_grad():
                loss_sum += loss
                correct += (logits.argmax(1) == y).sum()  # as our loop: accuracy on the engine
        mean_loss = loss_sum.item() / steps
        seconds = time.perf_counter() - start
        runs[key][2] = done + 1
        return {"seconds": seconds, "loss": mean_loss}

    def evaluate(batch, threads):
        model = runs[(batch, threads)][0]
        with torch.no_grad():
            logits = model(val_x)
            return {
                "val_loss": loss_fn(logits, val_y).item(),
                "val_accuracy": (logits.argmax(1) == val_y).float().mean().item(),
            }

    reply(
        {
            "torch": torch.__version__,
            "blas": blas_path(torch),
            "start": T0,
            "engine_ready": engine_ready,
            "data_ready": data_ready,
        }
    )
    for line in sys.stdin:
        cmd = json.loads(line)
        if cmd["cmd"] == "quit":
            return
        if cmd["cmd"] == "epoch":
            reply(epoch(int(cmd["batch"]), int(cmd["threads"])))
        elif cmd["cmd"] == "eval":
            reply(evaluate(int(cmd["batch"]), int(cmd["threads"])))
        else:
            reply({"error": "unknown command %r" % cmd["cmd"]})


if __name__ == "__main__":
    try:
        main()
    except ImportError as e:
        reply({"error": "torch or numpy missing: %s" % e})
        sys.exit(3)
