#!/bin/sh
# Lanes against PyTorch on the same training, in one sitting: Fashion-MNIST 784-256-128-10 ReLU,
# Adam lr 1e-3, batch 128, E epochs, 2 threads, each evaluated on the 10,000 test images after
# every epoch. The two programs run in turn (Lanes first in odd rounds, PyTorch first in even
# ones), R rounds, and the script prints the median images/s of each and the median of the
# per-round ratios, which stays meaningful when the machine's speed drifts.
#
#   bench/peer/run.sh [-r ROUNDS] [-e EPOCHS] [-d DATA_DIR] [-o OUT_DIR]
#
# Defaults: 5 rounds, 5 epochs, /usr/share/datasets/fashion-mnist, a fresh temporary directory
# for the logs (kept and named at the end).
# Needs (Debian): apt-get install python3-torch libopenblas0-pthread dataset-fashion-mnist
# and a JDK 25 for ./lanes. PEER_PYTHON names the Python that has torch (default: the first of
# python3 and /usr/bin/python3 that imports it); PEER_BLAS_THREADS sets OpenBLAS's threads
# (default 1: PyTorch's two threads run its own loops, the BLAS one thread); LANES_OPTS passes
# JVM options to ./lanes as usual.
#
# What each figure includes (images/s = 60,000 training images / seconds):
#   lanes  : the epoch's wall time from the CSV log of `lanes train` (--log): batch gathering,
#            forward, backward, Adam step, running loss and accuracy, AND the evaluation of the
#            10,000 test images. Also shown: training alone (the log's images_per_second).
#   pytorch: the training loop alone (permutation, gathering, forward, backward, Adam step,
#            running loss and accuracy), as bench/peer/train_torch.py times it; its evaluation
#            is timed apart and shown in the "with eval" column.
# "steady" is the median over epochs 2..E of a run (epoch 1 carries the JIT's warm-up on the
# JVM and the allocator's on PyTorch); "epoch 1" is the first epoch alone. Neither side counts
# process start-up or data loading.
set -e
root=$(cd "$(dirname "$0")/../.." && pwd)
rounds=5
epochs=5
data=/usr/share/datasets/fashion-mnist
out=""
while getopts r:e:d:o: opt; do
  case $opt in
    r) rounds=$OPTARG ;;
    e) epochs=$OPTARG ;;
    d) data=$OPTARG ;;
    o) out=$OPTARG ;;
    *) sed -n '2,12p' "$0" >&2; exit 2 ;;
  esac
done
case "$rounds$epochs" in *[!0-9]*|'') echo "run.sh: -r and -e take positive integers" >&2; exit 2 ;; esac
if [ "$epochs" -lt 2 ]; then
  echo "run.sh: -e must be at least 2 (the steady state starts at epoch 2), was $epochs" >&2
  exit 2
fi
if [ ! -e "$data/train-images-idx3-ubyte.gz" ] && [ ! -e "$data/train-images-idx3-ubyte" ]; then
  echo "run.sh: no Fashion-MNIST in $data (Debian: apt-get install dataset-fashion-mnist, or -d DIR)" >&2
  exit 1
fi

python=${PEER_PYTHON:-}
if [ -z "$python" ]; then
  for p in python3 /usr/bin/python3; do
    if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import torch' 2>/dev/null; then
      python=$p
      break
    fi
  done
fi
if [ -z "$python" ]; then
  echo "run.sh: no Python with torch found (Debian: apt-get install python3-torch libopenblas0-pthread; or set PEER_PYTHON)" >&2
  exit 1
fi

if [ -z "$out" ]; then
  out=$(mktemp -d "${TMPDIR:-/tmp}/lanes-peer.XXXXXX")
fi
mkdir -p "$out"
blas=${PEER_BLAS_THREADS:-1}

# builds the program (and anything else ./lanes prepares) before anything is timed
"$root/lanes" info > "$out/lanes-info.txt" 2>&1 || { cat "$out/lanes-info.txt" >&2; exit 1; }

run_lanes() {
  "$root/lanes" train --data "$data" --epochs "$epochs" --threads 2 --batch-size 128 --seed 1 \
    --quiet --log "$out/lanes-$1.csv" > "$out/lanes-$1.out" 2>&1 || { cat "$out/lanes-$1.out" >&2; exit 1; }
}

run_torch() {
  OPENBLAS_NUM_THREADS=$blas OMP_NUM_THREADS=2 "$python" "$root/bench/peer/train_torch.py" --data "$data" \
    --epochs "$epochs" --threads 2 --batch-size 128 --seed 1 > "$out/torch-$1.out" 2>&1 \
    || { cat "$out/torch-$1.out" >&2; exit 1; }
}

i=1
while [ "$i" -le "$rounds" ]; do
  echo "round $i/$rounds ..." >&2
  if [ $((i % 2)) -eq 1 ]; then
    run_lanes "$i"
    run_torch "$i"
  else
    run_torch "$i"
    run_lanes "$i"
  fi
  i=$((i + 1))
done

"$python" "$root/bench/peer/summary.py" "$out" "$rounds"
echo "logs in $out"
