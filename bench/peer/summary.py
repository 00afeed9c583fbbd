#!/usr/bin/env python3
"""Summarises the logs of bench/peer/run.sh: per round and as medians, the images/s of Lanes and
PyTorch and their ratios (see run.sh for what each figure includes).

    summary.py OUT_DIR ROUNDS
"""
import csv
import re
import statistics
import sys


def lanes_round(out, i):
    with open(f"{out}/lanes-{i}.out") as f:
        m = re.search(r"; ([\d,]+) training", f.read())
    n = int(m.group(1).replace(",", ""))
    with open(f"{out}/lanes-{i}.csv") as f:
        rows = list(csv.DictReader(f))
    with_eval = [n / float(r["seconds"]) for r in rows]
    train = [float(r["images_per_second"]) for r in rows]
    return n, with_eval, train


def torch_round(out, i, n):
    train, with_eval = [], []
    with open(f"{out}/torch-{i}.out") as f:
        for line in f:
            m = re.match(r"epoch \d+ train_seconds (\S+) eval_seconds (\S+)", line)
            if m:
                t, e = float(m.group(1)), float(m.group(2))
                train.append(n / t)
                with_eval.append(n / (t + e))
    return with_eval, train


def main():
    out, rounds = sys.argv[1], int(sys.argv[2])
    cols = ["lanes", "lanes train", "pytorch", "pytorch+eval", "ratio", "ratio train", "ratio eval",
            "lanes ep1", "pytorch ep1"]
    table = []
    for i in range(1, rounds + 1):
        n, l_eval, l_train = lanes_round(out, i)
        t_eval, t_train = torch_round(out, i, n)
        if len(t_train) != len(l_eval):
            sys.exit(f"summary.py: round {i}: {len(l_eval)} Lanes epochs but {len(t_train)} PyTorch epochs")
        steady = lambda xs: statistics.median(xs[1:])
        row = {
            "lanes": steady(l_eval), "lanes train": steady(l_train),
            "pytorch": steady(t_train), "pytorch+eval": steady(t_eval),
            "lanes ep1": l_eval[0], "pytorch ep1": t_train[0],
        }
        row["ratio"] = row["lanes"] / row["pytorch"]
        row["ratio train"] = row["lanes train"] / row["pytorch"]
        row["ratio eval"] = row["lanes"] / row["pytorch+eval"]
        table.append(row)

    print("images/s, steady state (median of epochs 2..E of each run), one row per round:")
    print("  lanes        = Lanes, training + evaluation of the test set (epoch wall time)")
    print("  lanes train  = Lanes, training alone")
    print("  pytorch      = PyTorch, training loop alone;  pytorch+eval = with its evaluation")
    print("  ratio = lanes / pytorch;  ratio train = lanes train / pytorch;  ratio eval = lanes / pytorch+eval")
    print("  ep1 = epoch 1 alone (lanes with evaluation, pytorch training alone)")
    print("round " + "".join(f"{c:>13}" for c in cols))
    for i, row in enumerate(table, 1):
        print(f"{i:5d} " + "".join(f"{row[c]:13.2f}" if c.startswith("ratio") else f"{row[c]:13,.0f}" for c in cols))
    med = {c: statistics.median(r[c] for r in table) for c in cols}
    print("  med " + " " + "".join(f"{med[c]:13.2f}" if c.startswith("ratio") else f"{med[c]:13,.0f}" for c in cols))
    print(f"median ratio Lanes (with evaluation) / PyTorch (training alone): {med['ratio']:.2f}x "
          f"over {rounds} rounds (per-round ratios {min(r['ratio'] for r in table):.2f}..{max(r['ratio'] for r in table):.2f})")


if __name__ == "__main__":
    main()
