"""How long one gradient step takes in memory and on a Dask cluster, on this machine.

Page: ``neural-networks-and-deep-learning/week-2/gradient-descent-on-a-cluster.md``.
Run ``python -m coursecode.speed.cluster_bench`` (``--quick`` for a small trial run); it
writes ``docs/performance/results/cluster.json`` and ``cluster.md``.

For each m, with n_x = 20 features in float64, it times one call of

* ``gradients_vectorized`` on NumPy arrays in this process (the in-memory reference);
* ``gradients_dask`` on a ``LocalCluster`` of 1 and of 2 worker processes (one thread
  each), with X and Y generated on the workers by ``dask.array.random`` and kept there
  (``persist``), so a step reads them where they are and only n_x + 2 sums per block
  travel;
* the same step on a tiny X with as many blocks (one column each): the work is nothing,
  so its time is the scheduler's cost per step (building the graph, sending the tasks,
  collecting the sums).

Wall-clock time (the work runs in other processes), the best and the median of a few
calls. The machine is shared: the load average is recorded at the start and the end.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import numpy as np

from coursecode.logistic_regression.vectorized import gradients_vectorized
from coursecode.speed.reports import write_texts

__all__ = ["main", "markdown_table", "run", "write_reports"]

SIZES = (1_000_000, 10_000_000)
N_X = 20
COLUMNS_PER_BLOCK = 250_000  # 40 MB blocks of X at n_x = 20 in float64
WORKER_COUNTS = (1, 2)
REPEATS = 5
SEED = 0
OUT = Path("docs/performance/results")


def _times(step: Callable[[], object], repeats: int) -> list[float]:
    """Wall-clock seconds of ``repeats`` calls of ``step``, after one call not timed."""
    step()
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        step()
        times.append(time.perf_counter() - started)
    return times


def _summary(times: list[float]) -> dict:
    return {"best_s": min(times), "median_s": statistics.median(times), "all_s": times}


def _time_numpy(m: int, repeats: int) -> dict:
    rng = np.random.default_rng(SEED)
    X = rng.standard_normal((N_X, m))
    Y = (rng.random((1, m)) < 0.5).astype(np.float64)
    w = np.zeros((N_X, 1))
    return _summary(_times(lambda: gradients_vectorized(w, 0.0, X, Y), repeats))


def _time_cluster(workers: int, sizes, repeats: int, log) -> dict[int, dict]:
    """For each m: the step on data kept on ``workers`` processes, and the empty step."""
    import dask.array as da
    import distributed

    from coursecode.cluster import gradients_dask

    rows: dict[int, dict] = {}
    with (
        distributed.LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address="127.0.0.1:0",  # loopback, any free port: never 8787 taken
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        w = np.zeros((N_X, 1))
        for m in sizes:
            log(f"  {workers} worker(s), m = {m:,}")
            rng = da.random.default_rng(SEED)
            chunks = min(COLUMNS_PER_BLOCK, m)
            X = rng.standard_normal((N_X, m), chunks=(N_X, chunks))
            Y = (rng.random((1, m), chunks=(1, chunks)) < 0.5).astype(np.float64)
            X, Y = client.persist([X, Y])
            distributed.wait([X, Y])
            step = _summary(_times(partial(gradients_dask, w, 0.0, X, Y), repeats))
            blocks = X.numblocks[1]
            del X, Y  # frees the workers' memory before the next size
            tiny_X = da.zeros((N_X, blocks), chunks=(N_X, 1))
            tiny_Y = da.zeros((1, blocks), chunks=(1, 1))
            tiny_X, tiny_Y = client.persist([tiny_X, tiny_Y])
            distributed.wait([tiny_X, tiny_Y])
            empty = _summary(_times(partial(gradients_dask, w, 0.0, tiny_X, tiny_Y), repeats))
            rows[m] = {"blocks": blocks, "step": step, "empty_step": empty}
    return rows


def run(sizes=SIZES, *, repeats: int = REPEATS, quick: bool = False, log=print) -> dict:
    """Measure every size and worker count; return the results as a dict."""
    from coursecode.speed.bench import machine_info

    started = time.perf_counter()
    machine = machine_info()
    machine["load_average_start"] = machine.pop("load_average", None) or list(os.getloadavg())
    results = {m: {"m": m, "variants": {}} for m in sizes}
    for m in sizes:
        log(f"NumPy in memory, m = {m:,}")
        results[m]["variants"]["numpy"] = _time_numpy(m, repeats)
    for workers in WORKER_COUNTS:
        for m, row in _time_cluster(workers, sizes, repeats, log).items():
            results[m]["blocks"] = row["blocks"]
            results[m]["variants"][f"dask_{workers}"] = row["step"]
            results[m]["variants"][f"dask_{workers}_empty"] = row["empty_step"]
    machine["load_average_end"] = list(os.getloadavg())
    return {
        "schema": 1,
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": machine,
        "settings": {
            "quick": quick,
            "sizes": list(sizes),
            "n_x": N_X,
            "dtype": "float64",
            "columns_per_block": COLUMNS_PER_BLOCK,
            "worker_counts": list(WORKER_COUNTS),
            "threads_per_worker": 1,
            "repeats": repeats,
            "clock": "time.perf_counter (wall clock)",
        },
        "results": [results[m] for m in sizes],
        "elapsed_s": round(time.perf_counter() - started, 1),
    }


LABELS = {
    "numpy": "NumPy, in memory",
    "dask_1": "Dask, 1 worker",
    "dask_2": "Dask, 2 workers",
    "dask_2_empty": "scheduler alone, 2 workers",
}


def _format_time(seconds: float) -> str:
    for unit, scale in (("s", 1.0), ("ms", 1e-3)):
        if seconds >= scale:
            return f"{seconds / scale:.3g} {unit}"
    return f"{seconds * 1e6:.3g} µs"


def markdown_table(results: dict) -> str:
    """One row per m: the median time of each variant and the ratios to NumPy."""
    header = ["m", "blocks", *LABELS.values(), "1 worker / NumPy", "2 workers / NumPy"]
    lines = ["| " + " | ".join(header) + " |", "|" + " --: |" * len(header)]
    for row in results["results"]:
        median = {name: v["median_s"] for name, v in row["variants"].items()}
        cells = [f"{row['m']:,}", str(row["blocks"])]
        cells += [_format_time(median[name]) for name in LABELS]
        cells += [f"{median['dask_1'] / median['numpy']:.2f}"]
        cells += [f"{median['dask_2'] / median['numpy']:.2f}"]
        lines.append("| " + " | ".join(cells) + " |")
    settings, machine = results["settings"], results["machine"]
    loads = " and ".join(
        " / ".join(f"{x:.2f}" for x in machine[key])
        for key in ("load_average_start", "load_average_end")
    )
    lines += [
        "",
        f"One gradient step of logistic regression, n_x = {settings['n_x']} features, "
        f"{settings['dtype']}, blocks of {settings['columns_per_block']:,} columns: wall-clock "
        f"time, median of {settings['repeats']} calls. The scheduler alone is the same step "
        "on a tiny X with as many blocks, one column each. One machine with "
        f"{machine['cores']} cores, shared; measured {results['date'][:10]}; load average "
        f"(1/5/15 min) at the start and the end: {loads}; the run took "
        f"{results['elapsed_s']:.0f} s" + (" (quick mode)" if settings["quick"] else "") + ".",
    ]
    return "\n".join(lines) + "\n"


def write_reports(results: dict, out: Path = OUT) -> list[Path]:
    """Write ``cluster.json`` and ``cluster.md`` into ``out``."""
    return write_texts(
        out,
        {
            "cluster.json": json.dumps(results, indent=1) + "\n",
            "cluster.md": markdown_table(results),
        },
    )


def main(argv=None) -> None:
    """Command line: ``python -m coursecode.speed.cluster_bench [--quick] [--out DIR]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, 2 repeats")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    quick = {"sizes": (20_000, 200_000), "repeats": 2, "quick": True}
    results = run(**quick) if args.quick else run()  # type: ignore[arg-type]
    for path in write_reports(results, args.out):
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
