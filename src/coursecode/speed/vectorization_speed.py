"""How long one gradient step takes with two loops and vectorized, on this machine.

The numbers behind the notebook
``neural-networks-and-deep-learning/week-2/notebooks/why-vectorize.ipynb``, which extends
the lesson ``neural-networks-and-deep-learning/week-2/gradient-descent-on-m-examples.md``.
A step is one call ``gradients(w, b, X, Y)``: the forward pass, the cost and the gradients
over all m examples.
"""

from __future__ import annotations

import datetime
import numbers
import os
import platform
import time
from collections.abc import Callable
from typing import NamedTuple

import numpy as np

from coursecode.core.data import make_two_blobs
from coursecode.core.results import Gradients

__all__ = ["StepTiming", "compare_step_times", "describe_machine", "time_gradient_step"]


def _check_count(value, name: str) -> int:
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be a whole number, got {type(value).__name__} {value!r}")
    if value < 1:
        raise ValueError(f"{name} must be 1 or more, got {value}")
    return int(value)


def _check_once_over(value, name: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not float(value) > 0:
        raise ValueError(f"{name} must be a positive number of seconds or None, got {value!r}")
    return float(value)


def time_gradient_step(
    gradients: Callable[..., Gradients],
    n_x: int,
    m: int,
    *,
    repeats: int = 3,
    min_seconds: float = 0.005,
    once_over: float | None = None,
    seed: int = 0,
) -> float:
    """Best time in seconds of one call ``gradients(w, b, X, Y)`` with X of shape (n_x, m).

    The data come from :func:`coursecode.core.data.make_two_blobs` and ``w`` is drawn at
    random, so that the sigmoid is not evaluated at zero only. Fast calls are repeated in
    a batch until the batch lasts at least ``min_seconds`` (a single call of a few
    microseconds is below the timer's noise); the batch is then timed ``repeats`` times
    and the fastest batch, divided by its number of calls, is returned. The minimum is the
    run least disturbed by other programs on the machine. A call that lasts ``once_over``
    seconds or more is timed once: a pause of a few milliseconds changes it by little, and
    two more runs of the loop versions' slowest calls would triple the time they take.

    Parameters
    ----------
    gradients : callable
        ``gradients(w, b, X, Y) -> Gradients``, for example
        :func:`coursecode.gradients_vectorized`.
    n_x, m : int
        Number of features and of examples, 1 or more.
    repeats : int, default 3
        How many batches to time, 1 or more.
    min_seconds : float, default 0.005
        Shortest duration of one batch.
    once_over : float or None, default None
        Duration in seconds from which the first batch is the only one; None: always
        ``repeats`` batches.
    seed : int, default 0
        Seed of the data and the weights.

    Returns
    -------
    float
        Seconds per call.

    >>> from coursecode import gradients_vectorized
    >>> 0 < time_gradient_step(gradients_vectorized, n_x=2, m=10) < 1
    True
    """
    if not callable(gradients):
        raise TypeError(f"gradients must be callable, got {type(gradients).__name__}")
    n_x = _check_count(n_x, "n_x")
    m = _check_count(m, "m")
    repeats = _check_count(repeats, "repeats")
    if not (isinstance(min_seconds, numbers.Real) and 0 <= min_seconds < 60):
        raise ValueError(f"min_seconds must be a number from 0 to 60, got {min_seconds!r}")
    once_over = _check_once_over(once_over, "once_over")

    X, Y = make_two_blobs(m, n_x, seed=seed)
    w = np.random.default_rng(seed).standard_normal((n_x, 1)) / np.sqrt(n_x)
    b = 0.1

    def run(calls: int) -> float:
        start = time.perf_counter()
        for _ in range(calls):
            gradients(w, b, X, Y)
        return time.perf_counter() - start

    calls, elapsed = 1, run(1)
    while elapsed < min_seconds:
        calls *= 10
        elapsed = run(calls)
    if once_over is not None and elapsed >= once_over:
        return elapsed / calls
    best = elapsed
    for _ in range(repeats - 1):
        best = min(best, run(calls))
    return best / calls


class StepTiming(NamedTuple):
    """One row of :func:`compare_step_times`.

    Attributes
    ----------
    n_x, m : int
        The size of X.
    loops : float or None
        Seconds per step of the two-loop version; None where it was not run.
    vectorized : float
        Seconds per step of the vectorized version.
    """

    n_x: int
    m: int
    loops: float | None
    vectorized: float

    @property
    def speedup(self) -> float | None:
        """How many times faster the vectorized step is (None without a loop timing)."""
        return None if self.loops is None else self.loops / self.vectorized


def compare_step_times(
    loops: Callable[..., Gradients],
    vectorized: Callable[..., Gradients],
    n_x_values,
    m_values,
    *,
    max_loop_work: int = 300_000,
    loop_repeats: int = 3,
    vectorized_repeats: int = 7,
    loop_once_over: float | None = 0.25,
) -> list[StepTiming]:
    """Time both versions on every (n_x, m); the loop version only where n_x*m is small.

    The loop version costs about ``n_x * m`` interpreted steps, so it is skipped (its
    time is None) where ``n_x * m > max_loop_work``; that keeps the whole sweep short.
    The vectorized version is cheap to repeat, and its best time is the more sensitive
    to other programs on a shared machine, so it is timed more often by default. A loop
    call of ``loop_once_over`` seconds or more is timed once (see
    :func:`time_gradient_step`).

    >>> from coursecode import gradients_two_loops, gradients_vectorized
    >>> rows = compare_step_times(
    ...     gradients_two_loops, gradients_vectorized, [2], [10, 1000], max_loop_work=100
    ... )
    >>> [(row.n_x, row.m, row.loops is None) for row in rows]
    [(2, 10, False), (2, 1000, True)]
    """
    max_loop_work = _check_count(max_loop_work, "max_loop_work")
    loop_once_over = _check_once_over(loop_once_over, "loop_once_over")
    rows = []
    for n_x in n_x_values:
        for m in m_values:
            loop_time = None
            if n_x * m <= max_loop_work:
                loop_time = time_gradient_step(
                    loops, n_x, m, repeats=loop_repeats, once_over=loop_once_over
                )
            vectorized_time = time_gradient_step(vectorized, n_x, m, repeats=vectorized_repeats)
            rows.append(StepTiming(n_x, m, loop_time, vectorized_time))
    return rows


def _cpu_name() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def describe_machine() -> dict[str, str]:
    """What a timing depends on: CPU, cores, Python, NumPy and BLAS versions, and the date.

    >>> sorted(describe_machine())
    ['BLAS', 'CPU', 'NumPy', 'Python', 'cores usable / logical', 'date (UTC)']
    """
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        usable = os.cpu_count() or 1
    blas = np.show_config(mode="dicts").get("Build Dependencies", {}).get("blas", {})
    return {
        "CPU": f"{_cpu_name()} ({platform.machine()})",
        "cores usable / logical": f"{usable} / {os.cpu_count()}",
        "Python": platform.python_version(),
        "NumPy": np.__version__,
        "BLAS": f"{blas.get('name', 'unknown')} {blas.get('version', '')}".strip(),
        "date (UTC)": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M"),
    }
