#!/usr/bin/python3
"""PyTorch's side of RnnGen's batch benchmarks: the same networks, the same batches, the same work per call.

Every configuration is the char-rnn shape RnnGen's BatchBenchmarks measure: one-hot tokens over `--vocab` symbols
into `torch.nn.RNN/LSTM/GRU(vocab, hidden, num_layers)`, then `torch.nn.Linear(hidden, vocab)`, softmax and
cross-entropy summed over the steps and averaged over the batch (what RnnGen's `BackwardBatch` returns), on
`--steps`-character sequences in batches of `--batch`. Three operations are timed, as RnnGen names them:

  TrainBatch    zero the gradients, forward, backward, one plain SGD update of every parameter
  ForwardBatch  forward only, under torch.no_grad(), softmax probabilities for every step
  (both from the zero state)

Tokens reach PyTorch as float one-hot vectors [steps, batch, vocab] (what RnnGen's `ForwardBatch(tokens, ...)`
means); PyTorch's CPU RNN projects the inputs of all steps in one matrix product before the recurrence, so the one-hot
product costs it about vocab/(vocab + hidden) of the layer-1 products, not a step-by-step penalty.

Thread settings: each setting in `--threads` runs in a fresh process. `N` sets ATen's threads (OMP_NUM_THREADS,
torch.set_num_threads) and OpenBLAS's (OPENBLAS_NUM_THREADS) both to N; `A:B` sets them apart, because OpenBLAS's
pthreads and ATen's OpenMP threads can oversubscribe the cores when both are 2. "Best thread setting" is the best of
all settings run.

Needs Debian's python3-torch and libopenblas0-pthread (apt-get install python3-torch libopenblas0-pthread; without
OpenBLAS, PyTorch falls back to a slow reference BLAS). Not part of CI: results.md holds the figures it printed.

    /usr/bin/python3 benchmarks/pytorch/bench_rnn.py                         every cell, 1 and 2 layers, four thread settings (about 10 minutes)
    /usr/bin/python3 benchmarks/pytorch/bench_rnn.py --cells lstm --layers 2 --threads 2
"""

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time


def parse_arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cells", default="lstm,gru,rnn", help="comma-separated: lstm, gru, rnn (tanh Elman)")
    parser.add_argument("--layers", default="1,2", help="comma-separated layer counts")
    parser.add_argument("--threads", default="1,2,1:2,2:1",
                        help="comma-separated thread settings, one process each: N (ATen and OpenBLAS both N) or A:B (ATen A, OpenBLAS B)")
    parser.add_argument("--vocab", type=int, default=65)
    parser.add_argument("--hidden", type=int, default=128)
    parser.add_argument("--steps", type=int, default=50)
    parser.add_argument("--batch", type=int, default=50)
    parser.add_argument("--dtype", default="float32", choices=["float32", "float64"])
    parser.add_argument("--seconds", type=float, default=3.0, help="time per measured operation (after warm-up)")
    parser.add_argument("--repeats", type=int, default=5, help="measured windows per operation; the table shows the median and the best")
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)  # child-process mode
    return parser.parse_args(argv)


def build(torch, cell, vocab, hidden, layers, dtype):
    module = {"lstm": torch.nn.LSTM, "gru": torch.nn.GRU, "rnn": torch.nn.RNN}[cell]
    torch.manual_seed(1)
    recurrent = module(vocab, hidden, num_layers=layers).to(dtype)
    linear = torch.nn.Linear(hidden, vocab).to(dtype)
    return recurrent, linear


def measure(function, seconds, repeats):
    """Median and best of `repeats` windows of about `seconds` each, in seconds per call, after a warm-up."""
    warm_until = time.perf_counter() + min(2.0, seconds)
    calls = 0
    while time.perf_counter() < warm_until or calls < 3:
        function()
        calls += 1
    start = time.perf_counter()
    function()
    one = max(time.perf_counter() - start, 1e-6)
    per_window = max(1, int(seconds / one))
    windows = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(per_window):
            function()
        windows.append((time.perf_counter() - start) / per_window)
    return statistics.median(windows), min(windows)


def run_child(arguments):
    """Measures every configuration in this process (whose thread settings the parent chose) and prints JSON."""
    import torch

    threads = os.environ["RNNGEN_BENCH_THREADS"]
    torch.set_num_threads(int(threads.split(":")[0]))
    dtype = {"float32": torch.float32, "float64": torch.float64}[arguments.dtype]
    rows = []
    for cell in arguments.cells.split(","):
        for layers in (int(value) for value in arguments.layers.split(",")):
            recurrent, linear = build(torch, cell, arguments.vocab, arguments.hidden, layers, dtype)
            parameters = list(recurrent.parameters()) + list(linear.parameters())
            generator = torch.Generator().manual_seed(5)
            tokens = torch.randint(arguments.vocab, (arguments.steps, arguments.batch), generator=generator)
            targets = torch.randint(arguments.vocab, (arguments.steps, arguments.batch), generator=generator)
            onehot = torch.nn.functional.one_hot(tokens, arguments.vocab).to(dtype)
            loss_function = torch.nn.CrossEntropyLoss(reduction="sum")

            def hidden_sequence():
                sequence, _ = recurrent(onehot)
                return sequence

            def train():
                for parameter in parameters:
                    parameter.grad = None
                logits = linear(hidden_sequence())
                loss = loss_function(logits.reshape(-1, arguments.vocab), targets.reshape(-1)) / arguments.batch
                loss.backward()
                with torch.no_grad():
                    for parameter in parameters:
                        parameter.add_(parameter.grad, alpha=-0.001)
                return loss

            def forward():
                with torch.no_grad():
                    return torch.softmax(linear(hidden_sequence()), dim=-1)

            characters = arguments.steps * arguments.batch
            for operation, function in (("TrainBatch", train), ("ForwardBatch", forward)):
                median, best = measure(function, arguments.seconds, arguments.repeats)
                rows.append({
                    "cell": cell, "layers": layers, "threads": threads, "operation": operation,
                    "ms_median": median * 1e3, "ms_best": best * 1e3,
                    "chars_per_s_median": characters / median, "chars_per_s_best": characters / best,
                })
    print(json.dumps({"torch": torch.__version__, "rows": rows}))


def main(argv):
    arguments = parse_arguments(argv)
    if arguments.json:
        run_child(arguments)
        return 0

    all_rows = []
    version = "?"
    for threads in arguments.threads.split(","):
        aten, blas = (threads.split(":") + [threads])[:2]
        environment = dict(os.environ, OMP_NUM_THREADS=aten, MKL_NUM_THREADS=aten, OPENBLAS_NUM_THREADS=blas,
                           RNNGEN_BENCH_THREADS=threads)
        child = subprocess.run([sys.executable, os.path.abspath(__file__), "--json"] + argv,
                               env=environment, capture_output=True, text=True, check=True)
        result = json.loads(child.stdout.strip().splitlines()[-1])
        version = result["torch"]
        all_rows.extend(result["rows"])

    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            cpu = next(line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    print(f"PyTorch {version}, {cpu}, {os.cpu_count()} logical cores, {arguments.dtype}, "
          f"vocab {arguments.vocab}, hidden {arguments.hidden}, {arguments.steps} steps, batch {arguments.batch}; "
          f"median and best of {arguments.repeats} windows of ~{arguments.seconds:g} s")
    print()
    print("| cell | layers | threads | operation | ms per batch (median, best) | characters/s (median, best) |")
    print("|---|---:|---:|---|---:|---:|")
    for row in all_rows:
        print(f"| {row['cell']} | {row['layers']} | {row['threads']} | {row['operation']} | "
              f"{row['ms_median']:.2f}, {row['ms_best']:.2f} | {row['chars_per_s_median']:,.0f}, {row['chars_per_s_best']:,.0f} |")
    print()
    print("Best PyTorch thread setting per configuration (highest median characters/s):")
    print()
    print("| cell | layers | operation | characters/s | threads |")
    print("|---|---:|---|---:|---:|")
    best = {}
    for row in all_rows:
        key = (row["cell"], row["layers"], row["operation"])
        if key not in best or row["chars_per_s_median"] > best[key]["chars_per_s_median"]:
            best[key] = row
    for (cell, layers, operation), row in best.items():
        print(f"| {cell} | {layers} | {operation} | {row['chars_per_s_median']:,.0f} | {row['threads']} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
