#!/usr/bin/env python3
"""The peer of `lanes train --data fashion-mnist` in PyTorch: the same network, optimizer, batch
size, epochs and per-epoch evaluation, timed the same way.

Fashion-MNIST from the four IDX files (.gz or not) in --data; images scaled by 1/255;
784-256-128-10 with ReLU (PyTorch's default initialisation); softmax cross-entropy; Adam, lr 1e-3,
betas (0.9, 0.999), eps 1e-8; batch 128 drawn from a seeded permutation each epoch, the last batch
short. Per epoch it prints one line:

    epoch N train_seconds T eval_seconds V loss L acc A test_acc B

train_seconds: the training loop alone (permutation, batch gathering, forward, loss, backward,
Adam step, and the running loss and accuracy that `lanes train` also keeps); eval_seconds: the
forward pass over the 10,000 test images and their loss and accuracy. Data loading and the start
of Python and PyTorch are not timed.

The thread counts are set by the caller (bench/peer/run.sh): --threads for PyTorch's own
parallel loops, OPENBLAS_NUM_THREADS in the environment for the matrix products. It refuses to
run unless the matrix products go through OpenBLAS: Debian's reference BLAS, PyTorch's fallback
without libopenblas0-pthread, is about twenty times slower and would make the comparison
meaningless.
"""
import argparse
import gzip
import os
import sys
import time

import numpy as np
import torch
from torch import nn


def read_idx(directory, stem):
    for name in (stem + ".gz", stem):
        path = os.path.join(directory, name)
        if os.path.exists(path):
            opener = gzip.open if name.endswith(".gz") else open
            with opener(path, "rb") as f:
                data = f.read()
            dims = data[3]
            shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
            return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)
    sys.exit(f"train_torch.py: {stem}[.gz] not found in {directory}")


def load(directory):
    x = read_idx(directory, "train-images-idx3-ubyte").reshape(-1, 784).astype(np.float32) / 255
    y = read_idx(directory, "train-labels-idx1-ubyte").astype(np.int64)
    tx = read_idx(directory, "t10k-images-idx3-ubyte").reshape(-1, 784).astype(np.float32) / 255
    ty = read_idx(directory, "t10k-labels-idx1-ubyte").astype(np.int64)
    return torch.from_numpy(x), torch.from_numpy(y), torch.from_numpy(tx), torch.from_numpy(ty)


def blas_libraries():
    """The BLAS libraries mapped into this process (after a matrix product has run)."""
    with open("/proc/self/maps") as maps:
        return sorted({line.split()[-1] for line in maps if "blas" in line.lower() and "/" in line})


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--data", required=True, help="directory of the Fashion-MNIST IDX files")
    p.add_argument("--epochs", type=int, default=5)
    p.add_argument("--batch-size", type=int, default=128)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()

    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    x, y, tx, ty = load(a.data)
    n = x.shape[0]

    model = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-8)
    loss_fn = nn.CrossEntropyLoss()

    with torch.no_grad():
        model(x[:2])
    libs = blas_libraries()
    if not any("openblas" in lib for lib in libs):
        sys.exit("train_torch.py: PyTorch's matrix products do not go through OpenBLAS (mapped: "
                 + (", ".join(libs) or "no BLAS library") + "); on Debian: apt-get install libopenblas0-pthread")
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, "
          f"OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS', 'unset')}, BLAS {libs[0]}", flush=True)

    for epoch in range(1, a.epochs + 1):
        model.train()
        start = time.perf_counter()
        order = torch.randperm(n)
        loss_sum = 0.0
        correct = 0
        for i in range(0, n, a.batch_size):
            idx = order[i:i + a.batch_size]
            xb, yb = x[idx], y[idx]
            optimizer.zero_grad(set_to_none=True)
            out = model(xb)
            loss = loss_fn(out, yb)
            loss.backward()
            optimizer.step()
            loss_sum += loss.item() * len(idx)
            correct += (out.argmax(1) == yb).sum().item()
        train_seconds = time.perf_counter() - start

        model.eval()
        start = time.perf_counter()
        with torch.no_grad():
            out = model(tx)
            test_loss = loss_fn(out, ty).item()
            test_acc = (out.argmax(1) == ty).float().mean().item()
        eval_seconds = time.perf_counter() - start
        print(f"epoch {epoch} train_seconds {train_seconds:.4f} eval_seconds {eval_seconds:.4f} "
              f"loss {loss_sum / n:.4f} acc {correct / n:.4f} test_loss {test_loss:.4f} test_acc {test_acc:.4f}",
              flush=True)


if __name__ == "__main__":
    main()
