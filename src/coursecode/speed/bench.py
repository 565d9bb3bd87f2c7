"""Benchmark of one gradient step: loops, the course's formula, the tuned step, scikit-learn.

Run ``make bench`` or ``python -m coursecode.speed.bench`` (``--help`` lists the options). In one
run it times, for every size m, number of features n_x and dtype,

* ``two_loops`` and ``one_loop``
  (:func:`coursecode.logistic_regression.one_loop.gradients_one_loop`, the loop over
  examples of the lesson "More Vectorization Examples"), in Python: measured on the first
  few thousand examples and extrapolated per example to larger m, marked as such;
* ``vectorized``: :func:`coursecode.gradients_vectorized`, the formula of the lessons;
* ``training``: one iteration of :func:`coursecode.gradient_descent` with its default
  (taught) step, timed as a run of ``TRAINING_ITERATIONS`` iterations divided by their
  number, so its one-time input check is shared by those iterations;
* ``fast``: :func:`coursecode.gradients_fast`, the tuned step;
* ``fused``: :func:`coursecode.speed.fused.gradients_fused`, one compiled pass over X
  (measured only when numba, the extra ``fast``, is installed);
* ``sklearn``: scikit-learn's ``LinearModelLoss(HalfBinomialLoss()).loss_gradient`` on the
  same data, the peer to beat;
* ``blas_two_products``: ``w.T @ X`` and ``X @ v`` alone, the two BLAS products of the
  course's formula without any element-wise work;
* ``floor``: ``X @ v``, the time BLAS takes to read X once. Every other time is also given
  as a multiple of it, measured in the same round.

All variants of one (m, n_x) run interleaved, round after round, for both dtypes, so the
ratios compare times taken under the same load. Before each timing of a variant that
runs its own worker threads (``SELF_THREADED``), the benchmark waits ``BLAS_IDLE_S``:
after a product, OpenBLAS's idle threads keep spinning for about a tenth of a second,
and on two cores they would take a core from those workers. Every timing of every
variant follows one untimed call of the same variant, so that it measures a call among
calls, as a training loop makes them, and not the first call after the pause (which
found the processor idle: 1.08 times as long for the fused step, median of 21 pairs at
m = 2e5 and 1e6, n_x = 200). Results: ``results.json``,
``results.md`` (the table), ``targets.md`` (the goals of the performance page),
``machine.md``, and two charts (each light and dark; ``--redraw`` draws them again from
``results.json`` without measuring), in the output folder (``docs/performance/results`` by
default). Pages: ``performance/index.md``, ``performance/goals.md``.

``--network`` times one training step of the deep network against scikit-learn's
``MLPClassifier`` instead (:mod:`coursecode.speed.network_bench`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import math
import os
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from coursecode.activations import sigmoid
from coursecode.core.results import Gradients
from coursecode.logistic_regression.one_loop import gradients_one_loop
from coursecode.logistic_regression.training import gradient_descent
from coursecode.logistic_regression.two_loops import gradients_two_loops
from coursecode.logistic_regression.vectorized import gradients_vectorized
from coursecode.loss import cost_from_logits
from coursecode.speed import network_bench
from coursecode.speed.fast import _gradients_in_blocks, gradients_fast
from coursecode.speed.fused import gradients_fused, numba_available
from coursecode.speed.reports import write_texts

__all__ = ["main", "run"]

ROOT = Path(__file__).resolve().parents[3]  # src/coursecode/speed/bench.py -> the repository
DEFAULT_OUT = ROOT / "docs" / "performance" / "results"
QUICK_OUT = ROOT / "build" / "bench-quick"

VARIANTS = [
    "two_loops",
    "one_loop",
    "vectorized",
    "vectorized_unchecked",
    "training",
    "fast_one_block",
    "fast",
    "fused",
    "sklearn",
    "blas_two_products",
    "floor",
]
# The "training" variant runs this many iterations of gradient_descent per call and
# reports the time of one; the learning rate is small enough never to diverge here.
TRAINING_ITERATIONS = 10
TRAINING_LEARNING_RATE = 0.1
# Sizes measured in the full run besides the grid sizes x features: those of issue 15.
EXTRA_SIZES = [(2 * 10**5, 200)]
# Loop versions are timed on at most this many examples, then extrapolated per example.
LOOP_EXAMPLES = {"two_loops": 1000, "one_loop": 5000}
# The goals of the performance page: (m, n_x, dtype, what, limit, label).
TARGETS = [
    (10**6, 200, "float64", "fast_over_floor", 2.0, "fast step, multiple of one read of X"),
    (10**6, 2, "float64", "fast_ns_per_example", 15.0, "fast step, ns per example"),
    (10**5, 20, "float64", "fast_over_sklearn", 0.75, "fast step / scikit-learn"),
    (10**6, 200, "float32", "float32_speedup", 1.8, "fast float64 / fast float32 (at least)"),
    (10**6, 200, "float32", "float32_rel_diff", 1e-4, "float32 vs float64 relative difference"),
]
# Issue 15, "Training as fast as the tuned step": (m, n_x) of its table, and its targets.
ISSUE_15_SIZES = [(10**5, 20), (2 * 10**5, 200), (10**6, 2), (10**6, 200)]
TARGETS += [
    *[
        (
            m,
            n_x,
            "float64",
            "training_over_sklearn",
            1.0,
            "#15.1: one gradient_descent iteration / scikit-learn",
        )
        for m, n_x in ISSUE_15_SIZES
    ],
    *[
        (
            m,
            n_x,
            "float64",
            "vectorized_over_sklearn",
            1.0,
            "#15.2: gradients_vectorized / scikit-learn",
        )
        for m, n_x in ISSUE_15_SIZES
    ],
    (
        10**6,
        200,
        "float32",
        "vectorized_float32_over_float64",
        0.6,
        "#15.3: gradients_vectorized, float32 / float64",
    ),
    (
        10**6,
        200,
        "float32",
        "vectorized_float32_rel_diff",
        1e-4,
        "#15.3: gradients_vectorized, float32 vs float64 relative difference",
    ),
    (
        10**6,
        200,
        "float64",
        "fastest_over_floor",
        1.7,
        "#15.4: fastest step, multiple of one read of X",
    ),
    (
        2 * 10**5,
        200,
        "float64",
        "fastest_over_floor",
        2.0,
        "#15.4: fastest step, multiple of one read of X",
    ),
]
# Variants that share the columns between worker threads of their own (not BLAS's), and
# how long to wait before timing them for BLAS's spinning threads to go to sleep. Measured
# here: the fused step at m = 2e5, n_x = 200 took 31 ms right after X @ v (median of 7),
# 35-37 ms after a pause of 10-50 ms, and 21 ms after a pause of 100 ms.
SELF_THREADED = {"fast", "fused"}
BLAS_IDLE_S = 0.15
# The tuned steps that target 15.4 takes the fastest of, when measured.
FASTEST_CANDIDATES = ["fast", "fused"]


def _vectorized_unchecked(w, b, X, Y) -> Gradients:
    """Benchmark-only: the course's equations without the checks of gradients_vectorized.

    Measures what the checks of :func:`coursecode.gradients_vectorized` itself cost: of
    shapes, dtypes, w, b and the labels Y (``sigmoid`` and ``cost_from_logits`` still check
    Z and Y, as in every step).
    """
    m = X.shape[1]
    Z = w.T @ X + b
    A = sigmoid(Z)
    J = cost_from_logits(Z, Y)
    dZ = A - Y
    return Gradients(dw=X @ dZ.T / m, db=float(np.sum(dZ) / m), cost=J)


def _training_step(w, b, X, Y, iterations: int):
    """``iterations`` of gradient_descent with the default step, from (w, b)."""
    return gradient_descent(
        w, b, X, Y, learning_rate=TRAINING_LEARNING_RATE, num_iterations=iterations
    )


def _training_as_gradients(w, b, X, Y) -> Gradients:
    """The gradients and cost of gradient_descent's first step, recovered from its update.

    ``dw = (w - w_1) / alpha``: what the benchmark checks against the course's formula
    before timing the "training" variant.
    """
    result = _training_step(w, b, X, Y, 1)
    alpha = TRAINING_LEARNING_RATE
    start = np.asarray(w, dtype=result.w.dtype)
    return Gradients(
        dw=(start - result.w) / alpha, db=(b - result.b) / alpha, cost=result.costs[0]
    )


def _make_data(m: int, n_x: int, seed: int = 0):
    """Two Gaussian clouds (as ``coursecode.core.data.make_two_blobs``), built in place."""
    rng = np.random.default_rng(seed)
    Y = (rng.random((1, m)) < 0.5).astype(np.int64)
    X = rng.standard_normal((n_x, m))
    X += (Y - 0.5) * 2.0  # centres at -1 and +1 on every feature
    w = rng.normal(scale=1.0 / math.sqrt(n_x), size=(n_x, 1))
    return w, -0.1, X, Y


def _sklearn_step(w, b, X, Y):
    """scikit-learn's loss and gradient for the same problem, or None if it is missing."""
    try:
        from sklearn._loss.loss import HalfBinomialLoss
        from sklearn.linear_model._linear_loss import LinearModelLoss
    except ImportError:  # pragma: no cover - scikit-learn is in the bench extra
        return None
    model = LinearModelLoss(base_loss=HalfBinomialLoss(), fit_intercept=True)
    coef = np.append(w[:, 0], b).astype(X.dtype)
    samples, y = X.T, Y[0].astype(X.dtype)  # (m, n_x): scikit-learn's layout, no copy

    def step():
        loss, grad = model.loss_gradient(coef, samples, y)
        return Gradients(dw=grad[:-1].reshape(-1, 1), db=float(grad[-1]), cost=float(loss))

    return step


def _steps(w, b, X, Y, m: int) -> dict[str, tuple[Callable, int]]:
    """Each variant as (a function of no arguments, the number of examples it handles)."""
    w_row = w.T.astype(X.dtype)
    steps: dict[str, tuple[Callable, int]] = {}
    for name, function in [("two_loops", gradients_two_loops), ("one_loop", gradients_one_loop)]:
        k = min(m, LOOP_EXAMPLES[name])
        X_k, Y_k = X[:, :k], Y[:, :k]
        steps[name] = (lambda f=function, X_k=X_k, Y_k=Y_k: f(w, b, X_k, Y_k), k)
    steps["vectorized"] = (lambda: gradients_vectorized(w, b, X, Y), m)
    steps["vectorized_unchecked"] = (lambda: _vectorized_unchecked(w, b, X, Y), m)
    steps["training"] = (lambda: _training_step(w, b, X, Y, TRAINING_ITERATIONS), m)
    steps["fast_one_block"] = (lambda: _gradients_in_blocks(w, b, X, Y, block_columns=m), m)
    steps["fast"] = (lambda: gradients_fast(w, b, X, Y), m)
    if numba_available():
        steps["fused"] = (lambda: gradients_fused(w, b, X, Y), m)
    sklearn_step = _sklearn_step(w, b, X, Y)
    if sklearn_step is not None:
        steps["sklearn"] = (sklearn_step, m)
    # --8<-- [start:floor]
    v = np.ones(m, dtype=X.dtype)
    steps["floor"] = (lambda: X @ v, m)  # BLAS reads each of the n_x m entries of X once
    steps["blas_two_products"] = (lambda: (w_row @ X, X @ v), m)  # the course's two reads
    # --8<-- [end:floor]
    return steps


def _time_calls(step: Callable, calls: int) -> float:
    start = time.perf_counter()
    for _ in range(calls):
        step()
    return (time.perf_counter() - start) / calls


def _agreement(results: dict[str, Gradients], reference: Gradients) -> dict[str, float]:
    """Largest relative difference of dw, db and the cost from the reference, per variant."""
    scale = float(np.abs(reference.dw).max()) or 1.0
    return {
        name: max(
            float(np.abs(np.asarray(g.dw, dtype=np.float64) - reference.dw).max()) / scale,
            abs(g.db - reference.db) / (abs(reference.db) or 1.0),
            abs(g.cost - reference.cost) / reference.cost,
        )
        for name, g in results.items()
    }


def _measure_size(
    m, n_x, dtypes, repeats, min_time, blas_idle_s: float
) -> tuple[list[dict], dict]:
    """Time every variant at one (m, n_x), for all dtypes, interleaved round by round."""
    w, b, X64, Y = _make_data(m, n_x)
    data = {name: X64 if name == "float64" else X64.astype(name) for name in dtypes}
    steps = {name: _steps(w, b, X, Y, m) for name, X in data.items()}
    # Check that every variant computes the same numbers as the course's formula.
    reference = gradients_vectorized(w, b, X64, Y)
    checks = {}
    for dtype, variants in steps.items():
        for name, (step, k) in variants.items():
            if name in ("floor", "blas_two_products"):
                continue
            expected = reference if k == m else gradients_vectorized(w, b, X64[:, :k], Y[:, :k])
            computed = (
                _training_as_gradients(w, b, data[dtype], Y) if name == "training" else step()
            )
            checks[(dtype, name)] = _agreement({name: computed}, expected)[name]
    # Calls per timing: enough for about min_time seconds, from one warm-up call.
    calls = {}
    for dtype, variants in steps.items():
        for name, (step, _) in variants.items():
            calls[(dtype, name)] = max(1, math.ceil(min_time / max(_time_calls(step, 1), 1e-7)))
    times: dict[tuple[str, str], list[float]] = {key: [] for key in calls}
    ratios: dict[tuple[str, str], list[float]] = {key: [] for key in calls}
    for _ in range(repeats):
        for dtype, variants in steps.items():
            this_round = {}
            for name, (step, k) in variants.items():
                if name in SELF_THREADED:
                    time.sleep(blas_idle_s)
                step()  # untimed: the timing starts where a run of calls goes on from
                seconds = _time_calls(step, calls[(dtype, name)]) * m / k
                this_round[name] = seconds / (TRAINING_ITERATIONS if name == "training" else 1)
            for name, seconds in this_round.items():
                times[(dtype, name)].append(seconds)
                ratios[(dtype, name)].append(seconds / this_round["floor"])
    rows = []
    for (dtype, name), samples in times.items():
        k = steps[dtype][name][1]
        q1, median, q3 = np.percentile(samples, [25, 50, 75])
        r1, ratio, r3 = np.percentile(ratios[(dtype, name)], [25, 50, 75])
        rows.append(
            {
                "m": m,
                "n_x": n_x,
                "dtype": dtype,
                "variant": name,
                "median_s": float(median),
                "q1_s": float(q1),
                "q3_s": float(q3),
                "min_s": float(min(samples)),
                "max_s": float(max(samples)),
                "ns_per_example": float(median) / m * 1e9,
                "ratio_to_floor": float(ratio),
                "ratio_to_floor_q1": float(r1),
                "ratio_to_floor_q3": float(r3),
                "repeats": len(samples),
                "calls_per_repeat": calls[(dtype, name)],
                "measured_examples": k,
                "extrapolated": k < m,
                "max_rel_diff_vs_vectorized": checks.get((dtype, name)),
            }
        )
    float32_diff = None
    if "float32" in steps and "float64" in steps:
        single = steps["float32"]["fast"][0]()
        float32_diff = _agreement({"fast": single}, steps["float64"]["fast"][0]())["fast"]
    return rows, {"float32_fast_vs_float64_fast": float32_diff}


def numpy_simd() -> list[str]:
    """The SIMD instruction sets, beyond its baseline, that NumPy has loops for and this
    processor runs: what ``np.show_runtime()`` lists as found, for example ``["X86_V3"]``
    (AVX2) or ``["X86_V3", "X86_V4"]`` (AVX-512 too).

    NumPy picks its elementwise loops (``exp``, ``log``, ...) by them, so two machines
    with the same processor name can time the same step differently. Empty when this
    NumPy does not say (the attributes are NumPy's own, not a public interface).
    """
    try:
        umath = importlib.import_module("numpy._core._multiarray_umath")
        dispatched, features = umath.__cpu_dispatch__, umath.__cpu_features__
    except (ImportError, AttributeError):  # pragma: no cover - another NumPy layout
        return []
    return [name for name in dispatched if features.get(name)]


def machine_info() -> dict:
    """CPU model, cores, load, Python, NumPy (and the SIMD it found) and BLAS as
    threadpoolctl sees them."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:  # pragma: no cover - not Linux
        pass
    try:
        from threadpoolctl import threadpool_info

        blas = threadpool_info()
    except ImportError:  # pragma: no cover - threadpoolctl is in the bench extra
        blas = []
    try:
        import sklearn

        sklearn_version = sklearn.__version__
    except ImportError:  # pragma: no cover
        sklearn_version = None
    return {
        "cpu_model": cpu,
        "cores": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "numpy": np.__version__,
        "numpy_simd": numpy_simd(),
        "scikit_learn": sklearn_version,
        "blas": [
            {key: info.get(key) for key in ("internal_api", "version", "architecture")}
            | {"threads": info.get("num_threads"), "library": Path(info["filepath"]).name}
            for info in blas
        ],
        "openblas_env": {name: os.environ.get(name) for name in OPENBLAS_VARIABLES},
        "load_average": list(os.getloadavg()) if hasattr(os, "getloadavg") else None,
    }


OPENBLAS_VARIABLES = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OPENBLAS_NUM_THREADS")


def run(
    sizes,
    features,
    dtypes,
    *,
    repeats: int,
    min_time: float,
    budget_s: float,
    quick: bool = False,
    extra_sizes=(),
    log=print,
) -> dict:
    """Measure every (m, n_x) within the time budget; return the results as a dict.

    ``extra_sizes``: (m, n_x) pairs measured besides the grid ``sizes`` x ``features``.
    """
    started = time.perf_counter()
    machine = machine_info()
    rows, extra, skipped = [], [], []
    last = None  # (elements of X, seconds) of the last size measured
    # Small sizes first: if time runs out, what is missing is the largest, slowest ones.
    grid = {(m, n_x) for m in sizes for n_x in features}
    plan = sorted(grid | set(extra_sizes), key=lambda p: (p[0] * p[1], p))
    for m, n_x in plan:
        elapsed = time.perf_counter() - started
        rounds = repeats + 2  # with the checks and the warm-up
        expected = _estimate_seconds(last, m, n_x, rounds * len(VARIANTS) * len(dtypes) * min_time)
        if elapsed + expected > budget_s:
            skipped.append({"m": m, "n_x": n_x, "reason": f"time budget {budget_s:.0f} s"})
            log(f"skip m={_sci(m)} n_x={n_x}: would exceed the {budget_s:.0f} s budget")
            continue
        log(f"m={_sci(m)} n_x={n_x} ({elapsed:.0f} s so far)")
        # quick runs (the tests) check the plumbing, not the figures: no waiting
        idle = 0.0 if quick else BLAS_IDLE_S
        size_rows, size_extra = _measure_size(m, n_x, dtypes, repeats, min_time, idle)
        last = (m * n_x, time.perf_counter() - started - elapsed)
        rows += size_rows
        extra.append({"m": m, "n_x": n_x} | size_extra)
    machine["load_average_start"] = machine.pop("load_average")
    machine["load_average_end"] = list(os.getloadavg()) if hasattr(os, "getloadavg") else None
    results = {
        "schema": 1,
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": machine,
        "settings": {
            "quick": quick,
            "sizes": list(sizes),
            "features": list(features),
            "extra_sizes": [list(size) for size in extra_sizes],
            "dtypes": list(dtypes),
            "repeats": repeats,
            "min_time_per_repeat_s": min_time,
            "budget_s": budget_s,
            "loop_examples": LOOP_EXAMPLES,
        },
        "results": rows,
        "float32_agreement": extra,
        "skipped": skipped,
        "elapsed_s": round(time.perf_counter() - started, 1),
    }
    results["targets"] = evaluate_targets(results)
    return results


def _estimate_seconds(last, m, n_x, minimum) -> float:
    """Guess one size's seconds from the last one measured, scaled by the size of X."""
    if last is None:
        return minimum
    last_elements, last_seconds = last
    return max(minimum, last_seconds * (m * n_x) / last_elements)


def _find(results, m, n_x, dtype, variant):
    for row in results["results"]:
        if (row["m"], row["n_x"], row["dtype"], row["variant"]) == (m, n_x, dtype, variant):
            return row
    return None


def _median_ratio(ours, peer) -> float:
    """Our time over the peer's, from the ratios to the same round's floor (so that both
    times of a ratio come from the same rounds)."""
    return ours["ratio_to_floor"] / peer["ratio_to_floor"]


def evaluate_targets(results) -> list[dict]:
    """Each goal of the performance page with the value this run reached, if measured."""
    out = []
    for m, n_x, dtype, what, limit, label in TARGETS:
        value = None
        variant = None  # which variant reached the value, where there is a choice
        fast64 = _find(results, m, n_x, "float64", "fast")
        if what == "fast_over_floor" and fast64:
            value = fast64["ratio_to_floor"]
        elif what == "fast_ns_per_example" and fast64:
            value = fast64["ns_per_example"]
        elif what == "fast_over_sklearn" and fast64:
            peer = _find(results, m, n_x, "float64", "sklearn")
            value = fast64["median_s"] / peer["median_s"] if peer else None
        elif what == "float32_speedup" and fast64:
            fast32 = _find(results, m, n_x, "float32", "fast")
            value = fast64["median_s"] / fast32["median_s"] if fast32 else None
        elif what in ("training_over_sklearn", "vectorized_over_sklearn"):
            ours = _find(results, m, n_x, dtype, what.removesuffix("_over_sklearn"))
            peer = _find(results, m, n_x, dtype, "sklearn")
            value = _median_ratio(ours, peer) if ours and peer else None
        elif what == "vectorized_float32_over_float64":
            single = _find(results, m, n_x, "float32", "vectorized")
            double = _find(results, m, n_x, "float64", "vectorized")
            value = single["median_s"] / double["median_s"] if single and double else None
        elif what == "vectorized_float32_rel_diff":
            single = _find(results, m, n_x, "float32", "vectorized")
            value = single["max_rel_diff_vs_vectorized"] if single else None
        elif what == "fastest_over_floor":
            candidates = [_find(results, m, n_x, dtype, name) for name in FASTEST_CANDIDATES]
            found = [row for row in candidates if row]
            if found:
                best = min(found, key=lambda row: row["ratio_to_floor"])
                value, variant = best["ratio_to_floor"], best["variant"]
        elif what == "float32_rel_diff":
            for entry in results.get("float32_agreement", []):
                if (entry["m"], entry["n_x"]) == (m, n_x):
                    value = entry["float32_fast_vs_float64_fast"]
        at_least = what == "float32_speedup"
        met = None if value is None else (value >= limit if at_least else value <= limit)
        out.append(
            {
                "m": m,
                "n_x": n_x,
                "dtype": dtype,
                "what": what,
                "label": label,
                "target": limit,
                "direction": "at least" if at_least else "at most",
                "value": value,
                "met": met,
            }
            | ({"variant": variant} if variant else {})
        )
    return out


# ---------------------------------------------------------------------------- reports

LABELS = {
    "two_loops": "two loops",
    "one_loop": "one loop",
    "vectorized": "vectorized (course)",
    "vectorized_unchecked": "course formula, no input checks",
    "training": "gradient_descent, one iteration",
    "fast_one_block": "fast, one block",
    "fast": "fast (tuned)",
    "fused": "fused (numba)",
    "sklearn": "scikit-learn",
    "blas_two_products": "BLAS: two products",
    "floor": "floor: one read of X",
}


def _format_time(seconds: float) -> str:
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("µs", 1e-6)):
        if seconds >= scale:
            return f"{seconds / scale:.3g} {unit}"
    return f"{seconds * 1e9:.3g} ns"


def _sci(number: int) -> str:
    """1000000 -> '1e6'."""
    mantissa, exponent = f"{number:.0e}".split("e")
    return f"{mantissa}e{int(exponent)}"


MAIN_VARIANTS = ["two_loops", "one_loop", "vectorized", "training", "fast", "sklearn", "floor"]
TRICK_VARIANTS = [
    "vectorized",
    "vectorized_unchecked",
    "blas_two_products",
    "fast_one_block",
    "fast",
    "fused",
    "floor",
]


def markdown_table(results, variants=MAIN_VARIANTS) -> str:
    """One row per (m, n_x, dtype); each cell: median time, and multiple of the floor."""
    variants = [v for v in variants if any(r["variant"] == v for r in results["results"])]
    header = "| m | n_x | dtype | " + " | ".join(LABELS[v] for v in variants) + " |"
    lines = [header, "|" + " --: |" * 3 + " --: |" * len(variants)]
    keys = sorted(
        {(r["m"], r["n_x"], r["dtype"]) for r in results["results"]},
        key=lambda k: (k[2] != "float64", k[0], k[1]),
    )
    for m, n_x, dtype in keys:
        cells = []
        for variant in variants:
            row = _find(results, m, n_x, dtype, variant)
            if row is None:
                cells.append("")
                continue
            mark = "*" if row["extrapolated"] else ""
            cells.append(f"{_format_time(row['median_s'])}{mark} ({row['ratio_to_floor']:.3g}x)")
        lines.append(f"| {_sci(m)} | {n_x} | {dtype} | " + " | ".join(cells) + " |")
    lines.append("")
    lines.append(
        "Median time of one gradient step over "
        f"{results['settings']['repeats']} rounds; in brackets, the median of the same "
        "round's ratio to the floor (one BLAS read of X). * extrapolated per example from "
        "the first "
        + ", ".join(f"{k} examples ({LABELS[v]})" for v, k in LOOP_EXAMPLES.items())
        + "."
    )
    return "\n".join(lines) + "\n"


def markdown_targets(results) -> str:
    """The goals next to what this run reached."""
    lines = [
        "| size | dtype | what | target | reached | met |",
        "| --- | --- | --- | --: | --: | :-: |",
    ]
    for t in results["targets"]:
        value = "not measured" if t["value"] is None else f"{t['value']:.3g}"
        met = {None: "n/a", True: "yes", False: "no"}[t["met"]]
        by = f" ({LABELS[t['variant']]})" if t.get("variant") else ""
        lines.append(
            f"| m = {_sci(t['m'])}, n_x = {t['n_x']} | {t['dtype']} | {t['label']}{by} "
            f"| {t['direction']} {t['target']:g} | {value} | {met} |"
        )
    return "\n".join(lines) + "\n"


def markdown_issue_15(results) -> str:
    """The table of issue 15 measured again: float64 steps as multiples of the floor and of
    scikit-learn's step, at the issue's four sizes."""
    columns = [
        ("sklearn", "floor", "scikit-learn / floor"),
        ("vectorized", "floor", "gradients_vectorized / floor"),
        ("training", "floor", "one gradient_descent iteration / floor"),
        ("fast", "floor", "gradients_fast / floor"),
        ("fused", "floor", "gradients_fused / floor"),
        ("vectorized", "sklearn", "gradients_vectorized / scikit-learn"),
        ("training", "sklearn", "iteration / scikit-learn"),
    ]
    lines = [
        "| n_x, m | " + " | ".join(label for _, _, label in columns) + " |",
        "| --- |" + " --: |" * len(columns),
    ]
    for m, n_x in ISSUE_15_SIZES:
        cells = []
        for ours, base, _ in columns:
            row = _find(results, m, n_x, "float64", ours)
            peer = _find(results, m, n_x, "float64", base)
            if row is None or peer is None:
                cells.append("not measured")
            else:
                cells.append(f"{_median_ratio(row, peer):.3g}")
        lines.append(f"| {n_x}, {_sci(m)} | " + " | ".join(cells) + " |")
    lines.append("")
    lines.append(
        "float64; each entry is the ratio of the two variants' median multiples of the "
        "floor (one BLAS read of X), measured in the same rounds."
    )
    return "\n".join(lines) + "\n"


def markdown_machine(results) -> str:
    """The stamp: machine, libraries, NumPy's SIMD, BLAS kernel, OpenBLAS variables, load,
    date."""
    machine = results["machine"]
    blas = "; ".join(
        f"{b['library']} {b['version']}, kernel {b['architecture']}, {b['threads']} threads"
        for b in machine["blas"]
    )
    env = ", ".join(
        f"`{k}={v}`" if v is not None else f"`{k}` unset"
        for k, v in machine["openblas_env"].items()
    )
    # results written before the SIMD was recorded have no such key
    found = machine.get("numpy_simd")
    simd = "" if found is None else f" (SIMD found: {', '.join(found) or 'none beyond baseline'})"
    load_text = " and ".join(
        " / ".join(f"{x:.2f}" for x in machine[key]) if machine.get(key) else "unknown"
        for key in ("load_average_start", "load_average_end")
    )
    return (
        f"Measured {results['date'][:10]} ({results['date']}) on {machine['cpu_model']}, "
        f"{machine['cores']} cores; Python {machine['python']}, NumPy {machine['numpy']}"
        f"{simd}, scikit-learn {machine['scikit_learn']}; BLAS: {blas}; {env}. "
        f"Load average (1/5/15 min) at the start and the end: {load_text}. "
        f"The run took {results['elapsed_s']:.0f} s"
        + (" (quick mode)" if results["settings"]["quick"] else "")
        + ".\n"
    )


COLOURS = {  # Okabe-Ito: distinguishable with colour-vision deficiencies
    "two_loops": "#D55E00",
    "one_loop": "#E69F00",
    "vectorized": "#0072B2",
    "vectorized_unchecked": "#7F7F7F",
    "training": "#7F7F7F",
    "fast_one_block": "#F0E442",
    "fast": "#009E73",
    "fused": "#E69F00",
    "sklearn": "#CC79A7",
    "blas_two_products": "#56B4E9",
    "floor": "#000000",
}
MARKERS = {
    "two_loops": "s",
    "one_loop": "D",
    "vectorized": "o",
    "vectorized_unchecked": "+",
    "training": "1",
    "fast_one_block": "*",
    "fast": "^",
    "fused": "P",
    "sklearn": "v",
    "blas_two_products": "x",
    "floor": ".",
}


# The charts are drawn twice: for Material's light scheme and for its dark one (the page
# shows each with #only-light / #only-dark). The background is transparent, so a chart sits
# on the page's own colour; text and axes take the scheme's ink, and the floor line, black
# in the light chart, the dark chart's ink.
SCHEMES = {
    "light": {"suffix": "", "ink": "#1f1f1f", "grid": "#b0b0b0"},
    "dark": {"suffix": "-dark", "ink": "#e3e3e3", "grid": "#6a6e78"},
}
CHART_WIDTH_IN = 5.0  # 480 CSS px: on a 390 px phone (358 px column) 10 pt text stays >= 9 px
CHART_STYLE = {
    "svg.fonttype": "none",
    "font.size": 10,
    "axes.titlesize": 10.5,
    "legend.fontsize": 10,
    "savefig.transparent": True,
}


def _chart_style(scheme: str) -> dict:
    ink, grid = SCHEMES[scheme]["ink"], SCHEMES[scheme]["grid"]
    return {
        **CHART_STYLE,
        "text.color": ink,
        "axes.labelcolor": ink,
        "axes.titlecolor": ink,
        "axes.edgecolor": ink,
        "xtick.color": ink,
        "ytick.color": ink,
        "grid.color": grid,
        "axes.facecolor": "none",
        "figure.facecolor": "none",
        "legend.frameon": False,
    }


def _colour(variant: str, scheme: str) -> str:
    return SCHEMES[scheme]["ink"] if variant == "floor" else COLOURS[variant]


def plot(results, out: Path, scheme: str = "light") -> list[Path]:
    """The two SVG charts of the Performance page, for the ``"light"`` or ``"dark"`` scheme.

    Both are 5 inches wide with 10 pt text, so that on a phone no text is smaller than
    9 CSS pixels: the time per example in one panel per n_x, stacked, and the ratio to the
    floor at the largest m as horizontal bars. Legends sit below the data.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    if scheme not in SCHEMES:
        raise ValueError(f"scheme must be one of {sorted(SCHEMES)}, got {scheme!r}")
    suffix = SCHEMES[scheme]["suffix"]
    rows = results["results"]
    features = sorted({r["n_x"] for r in rows})
    written = []

    with plt.rc_context(_chart_style(scheme)):
        fig, axes = plt.subplots(
            len(features),
            1,
            figsize=(CHART_WIDTH_IN, 1.0 + 2.1 * len(features)),
            sharex=True,
            squeeze=False,
            layout="constrained",
        )
        for ax, n_x in zip(axes[:, 0], features, strict=True):
            for variant in [*MAIN_VARIANTS, "blas_two_products"]:
                points = sorted(
                    (r["m"], r["ns_per_example"])
                    for r in rows
                    if r["n_x"] == n_x and r["variant"] == variant and r["dtype"] == "float64"
                )
                if not points:
                    continue
                ms, ns = zip(*points, strict=True)
                ax.plot(
                    ms,
                    ns,
                    marker=MARKERS[variant],
                    color=_colour(variant, scheme),
                    label=LABELS[variant],
                )
            ax.set(xscale="log", yscale="log")
            ax.set_title(f"n_x = {n_x}, float64", loc="left")
            ax.grid(True, which="major", alpha=0.5)
        axes[-1][0].set_xlabel("m (examples)")
        fig.supylabel("time per example per step (ns)", fontsize=10)
        handles, labels = axes[0][0].get_legend_handles_labels()
        fig.legend(handles, labels, loc="outside lower center", ncols=2)
        path = out / f"time-per-example{suffix}.svg"
        fig.savefig(path, metadata={"Date": None})  # the same data, the same bytes
        plt.close(fig)
        written.append(path)

        largest = max(r["m"] for r in rows)
        shown = [
            "vectorized",
            "vectorized_unchecked",
            "blas_two_products",
            "fast",
            "fused",
            "sklearn",
        ]
        groups = [
            (n_x, dtype)
            for dtype in ("float64", "float32")
            for n_x in features
            if any(r["n_x"] == n_x and r["dtype"] == dtype and r["m"] == largest for r in rows)
        ]
        fig, ax = plt.subplots(
            figsize=(CHART_WIDTH_IN, 1.6 + 0.62 * len(groups)), layout="constrained"
        )
        height = 0.8 / len(shown)
        for i, variant in enumerate(shown):
            values = []
            for n_x, dtype in groups:
                row = _find(results, largest, n_x, dtype, variant)
                values.append(row["ratio_to_floor"] if row else np.nan)
            positions = np.arange(len(groups)) + (i - (len(shown) - 1) / 2) * height
            ax.barh(
                positions, values, height, color=_colour(variant, scheme), label=LABELS[variant]
            )
        ax.axvline(1.0, color=SCHEMES[scheme]["ink"], linewidth=1)
        ax.set_yticks(range(len(groups)), [f"n_x = {n}\n{d}" for n, d in groups])
        ax.invert_yaxis()
        ax.set_xscale("log")
        ax.set_xlabel("time / one read of X (log scale; line at 1)")
        ax.set_title(f"m = {_sci(largest)}: each step as a multiple of the floor", loc="left")
        ax.grid(True, axis="x", alpha=0.5)
        fig.legend(loc="outside lower center", ncols=2)
        path = out / f"ratio-to-floor{suffix}.svg"
        fig.savefig(path, metadata={"Date": None})  # the same data, the same bytes
        plt.close(fig)
        written.append(path)
    return written


def redraw(out: Path = DEFAULT_OUT) -> list[Path]:
    """Draw the charts again, light and dark, from ``out/results.json``, without measuring."""
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    return [path for scheme in SCHEMES for path in plot(results, out, scheme)]


def write_reports(results, out: Path, *, plots: bool = True) -> list[Path]:
    files = {
        "results.json": json.dumps(results, indent=1) + "\n",
        "results.md": markdown_table(results),
        "tricks.md": markdown_table(results, TRICK_VARIANTS),
        "targets.md": markdown_targets(results),
        "issue-15.md": markdown_issue_15(results),
        "machine.md": markdown_machine(results),
    }
    written = write_texts(out, files)
    if plots:
        written += [path for scheme in SCHEMES for path in plot(results, out, scheme)]
    return written


def _numbers(text: str, kind):
    return [kind(float(x)) for x in text.split(",")]


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="python -m coursecode.speed.bench",
        description="Time one gradient step of logistic regression, every variant, in one run.",
    )
    parser.add_argument("--sizes", type=lambda s: _numbers(s, int), help="m values, e.g. 1e3,1e6")
    parser.add_argument(
        "--features", type=lambda s: _numbers(s, int), help="n_x values, e.g. 2,200"
    )
    parser.add_argument("--dtypes", type=lambda s: s.split(","), help="float64,float32")
    parser.add_argument("--repeats", type=int, help="rounds per size (median over them)")
    parser.add_argument("--budget", type=float, help="stop starting new sizes after this many s")
    parser.add_argument("--out", type=Path, help="folder for the JSON, tables and plots")
    parser.add_argument("--quick", action="store_true", help="small sizes, for tests")
    parser.add_argument("--no-plots", action="store_true", help="skip matplotlib")
    parser.add_argument(
        "--redraw",
        action="store_true",
        help="measure nothing: draw the charts again from the results.json in --out",
    )
    parser.add_argument(
        "--network",
        action="store_true",
        help="time one training step of the deep network against scikit-learn's "
        "MLPClassifier instead (writes network.json and network.md)",
    )
    parser.add_argument(
        "--blas-threads",
        type=int,
        default=network_bench.BLAS_THREADS,
        help="with --network: BLAS threads for both libraries (0: the library's default)",
    )
    args = parser.parse_args(argv)
    if args.network and args.sizes is None:
        args.sizes = network_bench.QUICK_SIZES if args.quick else network_bench.SIZES
    if args.network and args.repeats is None:
        args.repeats = 3 if args.quick else network_bench.REPEATS
    defaults = {
        "sizes": [1000, 10_000] if args.quick else [10**3, 10**4, 10**5, 10**6],
        "features": [2, 20] if args.quick else [2, 20, 200],
        "dtypes": ["float64", "float32"],
        "repeats": 3 if args.quick else 11,
        "budget": 180.0 if args.quick else 540.0,  # quick: room for a busy machine
        "out": QUICK_OUT if args.quick else DEFAULT_OUT,
    }
    # The sizes of issue 15 come with the default grid of a full run only.
    args.extra_sizes = [] if args.quick or args.sizes or args.features else EXTRA_SIZES
    for key, value in defaults.items():
        if getattr(args, key) is None:
            setattr(args, key, value)
    for name in args.dtypes:
        if name not in ("float64", "float32"):
            parser.error(f"--dtypes must be float64 and/or float32, got {name!r}")
    if "float64" not in args.dtypes:
        parser.error("--dtypes must include float64 (the reference of every check)")
    return args


def main(argv=None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.redraw:
        for path in redraw(args.out):
            print(f"wrote {path}")
        return 0
    if args.network:
        network_results = network_bench.run(
            args.sizes,
            repeats=args.repeats,
            min_time=0.002 if args.quick else network_bench.MIN_TIME,
            blas_threads=args.blas_threads or None,
            quick=args.quick,
        )
        for path in network_bench.write_reports(network_results, args.out):
            print(f"wrote {path}")
        print(network_bench.markdown_table(network_results))
        return 0
    results = run(
        args.sizes,
        args.features,
        args.dtypes,
        repeats=args.repeats,
        min_time=0.002 if args.quick else 0.02,
        budget_s=args.budget,
        quick=args.quick,
        extra_sizes=args.extra_sizes,
    )
    for path in write_reports(results, args.out, plots=not args.no_plots):
        print(f"wrote {path}")
    print(markdown_targets(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
