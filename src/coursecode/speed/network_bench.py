"""Benchmark of one training step of the deep network against scikit-learn's MLPClassifier.

Run ``python -m coursecode.speed.bench --network`` (add ``--quick`` for a run of seconds).
For every size m it times one full-batch step of gradient descent (forward pass, backward
pass, update of every W[l] and b[l]) on the layer sizes ``LAYER_DIMS``, ReLU hidden layers
and a sigmoid output unit, three ways:

* ``ours``: ``network_cost_and_gradients`` then ``update_parameters``, on X of shape
  (n_x, m): the step of a loop of one's own (``train_network`` runs the same computation
  with its checks made once, before its loop);
* ``train_network``: one iteration of ``train_network``'s loop, the same computation through
  the ``_from_checked`` halves of those functions, on inputs checked once beforehand, as
  ``train_network`` checks them before its loop (what the checks of the public functions
  cost is the difference from ``ours``);
* ``sklearn``: ``MLPClassifier.partial_fit`` on the whole batch, on X of shape (m, n_x),
  with the same layers and activation, plain gradient descent (``solver="sgd"``, no momentum,
  no penalty, ``batch_size=m``) and the same learning rate, so one call is one step.

Both start from the same weights, and one step of each is checked to give the same
weights. The variants of one size run interleaved, round after round; each time is the best
of the rounds, and the ratio ours / scikit-learn is taken between times of the same run. All
run with one BLAS thread unless ``--blas-threads`` says otherwise, and the times are CPU
time (``time.process_time``), which a busy machine disturbs far less than wall-clock time.
Results: ``network.json`` and ``network.md`` (the table) in the output folder. Page:
``performance/deep-network.md``.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import numpy as np

from coursecode.networks.parameters import (
    _update_from_checked,
    initialize_parameters,
    update_parameters,
)
from coursecode.networks.training import (
    _check_inputs,
    _cost_and_gradients_from_checked,
    network_cost_and_gradients,
)
from coursecode.speed.reports import write_texts

__all__ = [
    "LAYER_DIMS",
    "SIZES",
    "VARIANTS",
    "markdown_table",
    "our_step",
    "run",
    "write_reports",
]

LAYER_DIMS = [64, 32, 16, 1]
SIZES = [10**3, 10**4, 10**5]
QUICK_SIZES = [1000, 4000]
LEARNING_RATE = 0.01
# Many short rounds: the best of them comes close to a time undisturbed by other programs.
REPEATS = 25
MIN_TIME = 0.02  # seconds per variant and round, at least
# One BLAS thread for both: the products are small, and on a shared machine with two cores
# a second thread makes the times depend on the scheduler more than on the code.
BLAS_THREADS: int | None = 1
VARIANTS = ["ours", "train_network", "sklearn"]
LABELS = {
    "ours": "ours",
    "train_network": "train_network, one iteration",
    "sklearn": "scikit-learn",
}


def _make_data(m: int, n_x: int, seed: int = 0):
    """X (n_x, m), two Gaussian clouds centred at -1 and +1 on every feature, and Y (1, m)."""
    rng = np.random.default_rng(seed)
    Y = (rng.random((1, m)) < 0.5).astype(np.int64)
    X = rng.standard_normal((n_x, m))
    X += (Y - 0.5) * 2.0
    return X, Y


# --8<-- [start:our_step]
def our_step(parameters, X, Y, learning_rate):
    """One step of gradient descent from the public functions: cost and gradients, then the
    update."""
    _, grads = network_cost_and_gradients(parameters, X, Y, hidden_activation="relu")
    return update_parameters(parameters, grads, learning_rate)


# --8<-- [end:our_step]


def _train_network_iteration(parameters, X, Y, learning_rate):
    """One iteration of ``train_network``'s loop (without L2 and dropout), on parameters, X
    and Y that ``_check_inputs`` returned: the step of ``our_step`` without its checks."""
    _, grads = _cost_and_gradients_from_checked(parameters, X, Y, "relu", 0.0, 1.0, None)
    return _update_from_checked(parameters, grads, learning_rate)


def _sklearn_model(parameters, X, Y, learning_rate):
    """An MLPClassifier whose next partial_fit is one full-batch step from ``parameters``.

    Returns the model and the inputs in its layout, or None without scikit-learn.
    """
    try:
        from sklearn.neural_network import MLPClassifier
    except ImportError:  # pragma: no cover - scikit-learn is in the bench extra
        return None
    L = len(parameters) // 2
    samples = np.ascontiguousarray(X.T)  # (m, n_x): one example per row, its natural layout
    y = Y[0]
    # --8<-- [start:sklearn_settings]
    model = MLPClassifier(
        hidden_layer_sizes=[parameters[f"W{l}"].shape[0] for l in range(1, L)],  # (32, 16)
        activation="relu",
        solver="sgd",  # plain gradient descent...
        learning_rate="constant",
        learning_rate_init=learning_rate,  # ...with our alpha,
        momentum=0.0,  # no momentum,
        nesterovs_momentum=False,
        alpha=0.0,  # no L2 penalty,
        batch_size=samples.shape[0],  # and all m examples in one batch: one call, one step
        shuffle=False,
    )
    # --8<-- [end:sklearn_settings]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # one step is far from converged, and says so
        model.partial_fit(samples, y, classes=[0, 1])  # builds its arrays (one step, undone next)
    _set_sklearn_weights(model, parameters)
    return model, samples, y


def _set_sklearn_weights(model, parameters) -> None:
    """Copy W[l] (n^[l], n^[l-1]) and b[l] (n^[l], 1) into the model's coefs_ and intercepts_."""
    for l in range(1, len(model.coefs_) + 1):
        model.coefs_[l - 1][...] = parameters[f"W{l}"].T
        model.intercepts_[l - 1][...] = parameters[f"b{l}"][:, 0]


def _sklearn_weights(model) -> dict[str, np.ndarray]:
    """The model's weights in the course's layout, keys W1, b1, ..."""
    weights = {}
    for l, (coef, intercept) in enumerate(zip(model.coefs_, model.intercepts_, strict=True), 1):
        weights[f"W{l}"] = coef.T
        weights[f"b{l}"] = intercept.reshape(-1, 1)
    return weights


def _largest_difference(parameters, reference) -> float:
    """Largest |difference| of any weight or bias, relative to the largest |reference| one."""
    scale = max(float(np.abs(value).max()) for value in reference.values()) or 1.0
    return max(float(np.abs(parameters[k] - reference[k]).max()) for k in reference) / scale


def _steps(m: int, layer_dims, learning_rate) -> tuple[dict[str, Callable], dict[str, float]]:
    """Each variant as a function of no arguments that takes one step (and keeps the result).

    Also checks, from one start, that one step of each variant gives the same weights.
    """
    X, Y = _make_data(m, layer_dims[0])
    start = initialize_parameters(layer_dims, np.random.default_rng(1), method="he")
    after_one = our_step(start, X, Y, learning_rate)
    # train_network checks (and converts) its arguments once, before its loop.
    checked_start, checked_X, checked_Y = _check_inputs(start, X, "relu", Y)
    agreement = {
        "train_network": _largest_difference(
            _train_network_iteration(checked_start, checked_X, checked_Y, learning_rate),
            after_one,
        )
    }
    state = {"ours": start, "train_network": checked_start}

    def ours():
        state["ours"] = our_step(state["ours"], X, Y, learning_rate)

    def iteration():
        state["train_network"] = _train_network_iteration(
            state["train_network"], checked_X, checked_Y, learning_rate
        )

    steps: dict[str, Callable] = {"ours": ours, "train_network": iteration}
    peer = _sklearn_model(start, X, Y, learning_rate)
    if peer is not None:
        model, samples, y = peer
        model.partial_fit(samples, y)
        agreement["sklearn"] = _largest_difference(_sklearn_weights(model), after_one)
        _set_sklearn_weights(model, start)
        steps["sklearn"] = lambda: model.partial_fit(samples, y)
    return steps, agreement


def _time_calls(step: Callable, calls: int) -> float:
    """Seconds of CPU time per call. With one BLAS thread this is the work of the step,
    without the time spent waiting for a core while other programs run (wall-clock time
    on a busy machine counts both)."""
    start = time.process_time()
    for _ in range(calls):
        step()
    return (time.process_time() - start) / calls


def _measure_size(m: int, layer_dims, learning_rate, repeats: int, min_time: float) -> dict:
    """Time every variant at one m, interleaved round by round; the best round of each."""
    steps, agreement = _steps(m, layer_dims, learning_rate)
    calls = {
        name: max(1, math.ceil(min_time / max(_time_calls(step, 1), 1e-7)))
        for name, step in steps.items()
    }
    times: dict[str, list[float]] = {name: [] for name in steps}
    for _ in range(repeats):
        for name, step in steps.items():
            times[name].append(_time_calls(step, calls[name]))
    best = {name: min(samples) for name, samples in times.items()}
    row: dict = {"m": m, "best_s": best, "median_s": {}, "calls_per_round": calls}
    for name, samples in times.items():
        row["median_s"][name] = float(np.median(samples))
    if "sklearn" in best:
        row["ours_over_sklearn"] = best["ours"] / best["sklearn"]
        row["train_network_over_sklearn"] = best["train_network"] / best["sklearn"]
        rounds = [o / s for o, s in zip(times["ours"], times["sklearn"], strict=True)]
        row["ours_over_sklearn_per_round"] = rounds
        row["ours_over_sklearn_median_round"] = float(np.median(rounds))
    row["checks_share"] = 1 - best["train_network"] / best["ours"]
    row["max_rel_diff_after_one_step"] = agreement
    return row


def run(
    sizes=SIZES,
    *,
    layer_dims=LAYER_DIMS,
    learning_rate: float = LEARNING_RATE,
    repeats: int = REPEATS,
    min_time: float = MIN_TIME,
    blas_threads: int | None = BLAS_THREADS,
    quick: bool = False,
    log=print,
) -> dict:
    """Measure every size; return the results as a dict (see ``write_reports``).

    ``blas_threads`` caps the threads of the BLAS library for both implementations (None:
    the library's default).
    """
    from threadpoolctl import threadpool_limits

    from coursecode.speed.bench import machine_info  # bench calls this module from its main

    started = time.perf_counter()
    machine = machine_info()
    machine["load_average_start"] = machine.pop("load_average")
    rows = []
    with threadpool_limits(limits=blas_threads, user_api="blas"):
        for m in sizes:
            log(f"network step, m = {m:,} ({time.perf_counter() - started:.0f} s so far)")
            rows.append(_measure_size(m, layer_dims, learning_rate, repeats, min_time))
    machine["load_average_end"] = list(os.getloadavg()) if hasattr(os, "getloadavg") else None
    return {
        "schema": 1,
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": machine,
        "settings": {
            "quick": quick,
            "sizes": list(sizes),
            "layer_dims": list(layer_dims),
            "hidden_activation": "relu",
            "dtype": "float64",
            "learning_rate": learning_rate,
            "repeats": repeats,
            "min_time_per_round_s": min_time,
            "blas_threads": blas_threads,
            "clock": "time.process_time (CPU time of the process)",
        },
        "results": rows,
        "elapsed_s": round(time.perf_counter() - started, 1),
    }


def _format_time(seconds: float) -> str:
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("µs", 1e-6)):
        if seconds >= scale:
            return f"{seconds / scale:.3g} {unit}"
    return f"{seconds * 1e9:.3g} ns"


def markdown_table(results) -> str:
    """One row per m: the best time of each variant, the ratio ours / scikit-learn, the load."""
    variants = [v for v in VARIANTS if all(v in row["best_s"] for row in results["results"])]
    header = ["m", *(LABELS[v] for v in variants)]
    has_peer = "sklearn" in variants
    if has_peer:
        header += ["ours / scikit-learn", "same, median of the rounds' ratios"]
    header.append("checks' share of ours")
    lines = ["| " + " | ".join(header) + " |", "|" + " --: |" * len(header)]
    for row in results["results"]:
        cells = [f"{row['m']:,}"] + [_format_time(row["best_s"][v]) for v in variants]
        if has_peer:
            cells += [
                f"{row['ours_over_sklearn']:.2f}",
                f"{row['ours_over_sklearn_median_round']:.2f}",
            ]
        cells.append(f"{row['checks_share']:.0%}")
        lines.append("| " + " | ".join(cells) + " |")
    settings, machine = results["settings"], results["machine"]
    loads = " and ".join(
        " / ".join(f"{x:.2f}" for x in machine[key]) if machine.get(key) else "unknown"
        for key in ("load_average_start", "load_average_end")
    )
    threads = settings.get("blas_threads")
    blas = "; ".join(
        f"{b['library']} with {threads or b['threads']} thread"
        + ("s" if (threads or b["threads"]) != 1 else "")
        + ("" if threads else " (its default)")
        for b in machine["blas"]
    )
    lines += [
        "",
        f"One full-batch step of gradient descent on layers {settings['layer_dims']} "
        f"(ReLU hidden layers, a sigmoid output), {settings['dtype']}, learning rate "
        f"{settings['learning_rate']}: CPU time, best of {settings['repeats']} interleaved "
        "rounds; the ratios divide the best times, or the two times of each round. "
        f"Measured {results['date'][:10]}, BLAS: {blas or 'unknown'}; load average "
        f"(1/5/15 min) at the start and the end: {loads}; the run took "
        f"{results['elapsed_s']:.0f} s" + (" (quick mode)" if settings["quick"] else "") + ".",
    ]
    return "\n".join(lines) + "\n"


def write_reports(results, out: Path) -> list[Path]:
    """Write ``network.json`` and ``network.md`` into ``out``."""
    return write_texts(
        out,
        {
            "network.json": json.dumps(results, indent=1) + "\n",
            "network.md": markdown_table(results),
        },
    )
