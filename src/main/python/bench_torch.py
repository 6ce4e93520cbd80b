#!/usr/bin/python3
"""The bench command's PyTorch column: the same SGD loop as ModelTrainer, in eager PyTorch.

Run by `scaling-lab bench` with Debian's /usr/bin/python3 and python3-torch. It reads the same
IDX .gz files, trains the same 784-300-100-10 MLP from the initial weights and batch order the
Java side wrote (raw little-endian files in --init), on one thread, and prints one JSON object on
its last line: epoch times per batch size, startup milestones and the final validation metrics.
"""

import argparse
import gzip
import json
import os
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


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--data", required=True, help="directory of the four Fashion-MNIST .gz files")
    p.add_argument("--init", required=True, help="directory with weights.bin and order.bin")
    p.add_argument("--batches", default="32,256,1024")
    p.add_argument("--epochs", type=int, default=3, help="timed epochs per batch size")
    p.add_argument("--warmup", type=int, default=1, help="untimed epochs per batch size")
    p.add_argument("--train-size", type=int, default=55000)
    p.add_argument("--lr", type=float, default=0.01)
    p.add_argument("--threads", type=int, default=1)
    a = p.parse_args()

    import numpy as np
    import torch

    torch.set_num_threads(a.threads)
    torch.set_num_interop_threads(a.threads)
    engine_ready = time.time()

    dims, raw = read_idx(os.path.join(a.data, "train-images-idx3-ubyte.gz"))
    _, raw_labels = read_idx(os.path.join(a.data, "train-labels-idx1-ubyte.gz"))
    pixels = torch.from_numpy(np.frombuffer(raw, dtype=np.uint8).reshape(dims[0], 784).copy())
    labels = torch.from_numpy(np.frombuffer(raw_labels, dtype=np.uint8).astype(np.int64))
    features = pixels.float() / 255.0  # scenario A: x / 255, as Split.features(1)
    train_x, train_y = features[: a.train_size], labels[: a.train_size]
    val_x, val_y = features[55000:60000], labels[55000:60000]
    # One batch order per epoch (warm-up included), as the Java loop draws them.
    orders = torch.from_numpy(
        np.fromfile(os.path.join(a.init, "order.bin"), dtype="<i4").astype(np.int64)
    ).reshape(-1, a.train_size)
    weights = np.fromfile(os.path.join(a.init, "weights.bin"), dtype="<f4")
    data_ready = time.time()

    sizes = [784, 300, 100, 10]

    def build():
        """Returns the MLP with the Java side's initial weights (Glorot normal, Glorot uniform, 0)."""
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

    loss_fn = torch.nn.CrossEntropyLoss()
    first_step = None
    results = []
    for batch in [int(b) for b in a.batches.split(",") if b.strip()]:
        torch.manual_seed(0)
        model = build()
        opt = torch.optim.SGD(model.parameters(), lr=a.lr)
        steps = a.train_size // batch
        times = []
        for epoch in range(a.warmup + a.epochs):
            start = time.perf_counter()
            order = orders[epoch % len(orders)]
            xs, ys = train_x[order], train_y[order]  # one gather per epoch, like EpochData
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
                    correct += (logits.argmax(1) == y).sum()
                if first_step is None:
                    first_step = time.time()
            loss_sum.item()
            if epoch >= a.warmup:
                times.append(time.perf_counter() - start)
        with torch.no_grad():
            logits = model(val_x)
            val_loss = loss_fn(logits, val_y).item()
            val_acc = (logits.argmax(1) == val_y).float().mean().item()
        results.append({"batch": batch, "epoch_seconds": times, "val_loss": val_loss, "val_accuracy": val_acc})

    print(
        json.dumps(
            {
                "torch": torch.__version__,
                "threads": torch.get_num_threads(),
                "start": T0,
                "engine_ready": engine_ready,
                "data_ready": data_ready,
                "first_step": first_step,
                "results": results,
            }
        )
    )


if __name__ == "__main__":
    try:
        main()
    except ImportError as e:
        print(json.dumps({"error": "python3-torch missing: %s" % e}))
        sys.exit(3)
