#!/usr/bin/env python3
"""Records optimizer trajectories from PyTorch in the golden format of
core/src/test/resources/golden/README.md (single-tensor implementation, float32).

Needs Debian's python3-torch (1.13): run it with the system interpreter,
    /usr/bin/python3 scripts/record-golden.py OUT_DIR
It writes one JSON file per case of CASES below; the Java test GoldenOptimizerTest replays them.
"""
import json
import os
import sys

import torch

N = 37
STEPS = 20

# name, PyTorch class, keyword arguments
CASES = [
    ("sgd_maximize", "SGD", {"lr": 0.01, "momentum": 0.9, "weight_decay": 0.01, "maximize": True}),
    ("adam_maximize", "Adam", {"lr": 0.001, "weight_decay": 0.01, "amsgrad": True, "maximize": True}),
    ("adamw_maximize", "AdamW", {"lr": 0.001, "maximize": True}),
    ("adagrad_maximize", "Adagrad", {"lr": 0.01, "weight_decay": 0.01, "maximize": True}),
    ("rmsprop_maximize", "RMSprop", {"lr": 0.01, "momentum": 0.5, "centered": True, "maximize": True}),
    ("adadelta_maximize", "Adadelta", {"lr": 1.0, "weight_decay": 0.01, "maximize": True}),
    ("adamax_maximize", "Adamax", {"lr": 0.002, "weight_decay": 0.01, "maximize": True}),
    ("rprop_maximize", "Rprop", {"lr": 0.01, "maximize": True}),
    ("asgd_maximize", "ASGD", {"lr": 0.01, "weight_decay": 0.01, "t0": 5, "maximize": True}),
]


def number(x):
    """A float32 as the JSON number of the same value; non-finite values as the README says."""
    x = float(x)
    if x != x:
        return "nan"
    if x in (float("inf"), float("-inf")):
        return "inf" if x > 0 else "-inf"
    return x


def values(t):
    return [number(v) for v in t.detach().reshape(-1).tolist()]


def gradients(gen):
    """The README's special columns over gaussian gradients."""
    out = []
    for k in range(STEPS):
        g = torch.randn(N, generator=gen, dtype=torch.float32) * 2
        g[0] = 0.0
        g[1] = 1e-30 if k % 2 == 0 else -1e-30
        g[2] = 1e3 if k % 3 else -1e3
        g[3] = 0.5
        g[4] = -2.0 if k < 10 else 2.0
        if k == 7:
            g.zero_()
        if k == 3:
            g[5] = 1e-40
            g[6] = -0.0
        out.append(g)
    return out


def record(name, cls, hyper):
    gen = torch.Generator().manual_seed(sum(map(ord, name)))
    param = torch.nn.Parameter(torch.randn(N, generator=gen, dtype=torch.float32))
    param0 = values(param)
    grads = gradients(gen)
    opt = getattr(torch.optim, cls)([param], foreach=False, **hyper)
    trajectory = []
    for k, g in enumerate(grads):
        param.grad = g.clone()
        opt.step()
        state = {}
        for key, v in opt.state[param].items():
            if not torch.is_tensor(v):
                state[key] = number(v)
            else:
                state[key] = values(v) if v.dim() > 0 else number(v.item())
        trajectory.append({"step": k + 1, "param": values(param), "state": state})
    return {
        "name": name, "optimizer": cls, "torch_version": torch.__version__, "dtype": "float32",
        "hyperparams": hyper, "implementation": "foreach=False (single-tensor)", "n": N, "steps": STEPS,
        "param0": param0, "grads": [values(g) for g in grads], "trajectory": trajectory,
    }


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "."
    os.makedirs(out, exist_ok=True)
    for name, cls, hyper in CASES:
        data = record(name, cls, hyper)
        with open(os.path.join(out, name + "__float32.json"), "w") as f:
            json.dump(data, f)
        print(name, cls, hyper)


if __name__ == "__main__":
    torch.set_num_threads(1)
    main()
