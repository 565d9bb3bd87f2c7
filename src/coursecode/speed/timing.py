r"""How long the loop and the vectorized versions take, measured on the machine at hand.

Lessons: ``neural-networks-and-deep-learning/week-2/vectorization.md`` and
``neural-networks-and-deep-learning/week-2/more-vectorization-examples.md``. The site's
build hook (``hooks/timings.py``) calls :data:`COMPARISONS` and prints the results on those
pages, so the numbers a reader sees were measured when the site was built, never typed.

Each comparison runs every implementation on the same random inputs, checks that they
return the same numbers, and reports the best (shortest) time of each. The shortest time is
the one least disturbed by other programs on the machine.
"""

from __future__ import annotations

import os
import platform
import time
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import NamedTuple

import numpy as np

from coursecode.arrays.vectorization import (
    dot_loop,
    dot_vectorized,
    elementwise_loop,
    elementwise_vectorized,
    matrix_vector_loop,
    matrix_vector_vectorized,
)
from coursecode.core.results import Gradients
from coursecode.logistic_regression.one_loop import gradients_one_loop
from coursecode.logistic_regression.two_loops import gradients_two_loops
from coursecode.logistic_regression.vectorized import gradients_vectorized

__all__ = [
    "COMPARISONS",
    "Comparison",
    "Machine",
    "Timing",
    "best_time",
    "compare_dot_product",
    "compare_exp",
    "compare_gradients",
    "compare_matrix_vector",
    "describe_machine",
]


class Timing(NamedTuple):
    """The time of one implementation.

    Attributes
    ----------
    implementation : str
        The name of the function that was timed, e.g. ``"dot_loop"``.
    seconds : float
        The shortest time of one call, in seconds.
    runs : int
        How many calls were timed.
    """

    implementation: str
    seconds: float
    runs: int


class Comparison(NamedTuple):
    """Several implementations of one computation, timed on the same inputs.

    Attributes
    ----------
    task : str
        What was computed, with the sizes, e.g. ``"dot product of two vectors, n = 1000"``.
    timings : tuple of Timing
        One per implementation, the explicit loop first.
    largest_difference : float
        The largest relative difference between any implementation's output and the
        first one's (0.0 when they agree to the last bit).
    blas_threads : int or None
        How many threads NumPy's BLAS library (behind ``np.dot`` and ``@``) was allowed;
        None when it was left at its default.
    """

    task: str
    timings: tuple[Timing, ...]
    largest_difference: float
    blas_threads: int | None


class Machine(NamedTuple):
    """What the timings were measured on."""

    cpu: str
    cores: int
    python: str
    numpy: str


def describe_machine(cpuinfo: Path = Path("/proc/cpuinfo")) -> Machine:
    """The processor model, the number of cores this process may use, and the versions.

    The model name is read from ``cpuinfo`` (Linux); elsewhere it falls back to
    :func:`platform.processor`, and to ``"unknown CPU"``.

    >>> machine = describe_machine()
    >>> machine.cores >= 1, machine.numpy == np.__version__
    (True, True)
    """
    cpu = ""
    try:
        for line in cpuinfo.read_text().splitlines():
            key, _, value = line.partition(":")
            if key.strip() == "model name":
                cpu = value.strip()
                break
    except OSError:
        pass
    cpu = cpu or platform.processor() or "unknown CPU"
    if hasattr(os, "sched_getaffinity"):
        cores = len(os.sched_getaffinity(0))
    else:  # pragma: no cover (macOS, Windows)
        cores = os.cpu_count() or 1
    return Machine(cpu=cpu, cores=cores, python=platform.python_version(), numpy=np.__version__)


# --8<-- [start:best_time]
def best_time(
    function: Callable[[], object],
    *,
    budget_seconds: float = 0.05,
    max_runs: int = 200,
    clock: Callable[[], float] = time.perf_counter,
) -> tuple[float, int, object]:
    """Call ``function()`` until ``budget_seconds`` are spent; return the shortest call.

    It is called at least once, so a slow loop runs once and a fast NumPy call runs many
    times, and at most ``max_runs`` times.

    Returns
    -------
    seconds : float
        The shortest time of one call.
    runs : int
        How many calls were made.
    result : object
        What the last call returned.

    >>> seconds, runs, result = best_time(lambda: sum(range(100)), budget_seconds=0.001)
    >>> result, runs >= 1, seconds > 0
    (4950, True, True)
    """
    if not budget_seconds >= 0:
        raise ValueError(f"budget_seconds must be 0 or more, got {budget_seconds!r}")
    if max_runs < 1:
        raise ValueError(f"max_runs must be 1 or more, got {max_runs!r}")
    shortest, spent, runs = float("inf"), 0.0, 0
    while runs == 0 or (spent < budget_seconds and runs < max_runs):
        start = clock()
        result = function()
        elapsed = clock() - start
        shortest, spent, runs = min(shortest, elapsed), spent + elapsed, runs + 1
    return shortest, runs, result


# --8<-- [end:best_time]


def _relative_difference(actual, expected) -> float:
    """Largest |actual - expected| relative to the size of ``expected`` (at least 1e-300)."""
    actual = np.asarray(actual, dtype=np.float64)
    expected = np.asarray(expected, dtype=np.float64)
    scale = max(float(np.max(np.abs(expected), initial=0.0)), 1e-300)
    return float(np.max(np.abs(actual - expected), initial=0.0)) / scale


def _blas_threads_limited_to(threads: int | None) -> AbstractContextManager:
    """Limit the BLAS library's threads inside a ``with`` block (None: leave it alone).

    The loops use one core, so one BLAS thread compares like with like. It also keeps the
    numbers steady on a busy machine: a multithreaded BLAS call waits for its slowest
    thread, and a thread that shares its core with another program is slow.
    """
    if threads is None:
        return nullcontext()
    if isinstance(threads, bool) or not isinstance(threads, int) or threads < 1:
        raise ValueError(f"blas_threads must be None or a whole number >= 1; got {threads!r}")
    from threadpoolctl import threadpool_limits  # in the "bench" extra

    return threadpool_limits(limits=threads, user_api="blas")


def _compare(
    task: str,
    implementations: Mapping[str, Callable[[], object]],
    budget_seconds: float,
    blas_threads: int | None,
) -> Comparison:
    timings, outputs = [], []
    for name, function in implementations.items():
        with _blas_threads_limited_to(blas_threads):
            seconds, runs, output = best_time(function, budget_seconds=budget_seconds)
        timings.append(Timing(implementation=name, seconds=seconds, runs=runs))
        if isinstance(output, Gradients):  # compare all three numbers of a gradient
            output = np.concatenate([output.dw.ravel(), [output.db, output.cost]])
        outputs.append(np.asarray(output))
    difference = max(_relative_difference(out, outputs[0]) for out in outputs)
    if difference > 1e-9:
        raise RuntimeError(
            f"{task}: the implementations disagree (relative difference {difference})"
        )
    return Comparison(
        task=task, timings=tuple(timings), largest_difference=difference, blas_threads=blas_threads
    )


def _check_size(value, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        raise ValueError(f"{name} must be a whole number, 1 or more; got {value!r}")
    return int(value)


# --8<-- [start:compare_dot_product]
def compare_dot_product(
    n: int = 1_000_000,
    *,
    seed: int = 0,
    budget_seconds: float = 0.05,
    blas_threads: int | None = 1,
) -> Comparison:
    """Time dot_loop against dot_vectorized on two random vectors of length n.

    Both are called with ``check_finite=False``, so that the arithmetic is timed and not
    the scan of the inputs for nan.

    Parameters
    ----------
    n : int, default 1_000_000
        Length of the vectors (the lecture's size).
    seed : int, default 0
        Seed of the random inputs.
    budget_seconds : float, default 0.05
        Time to spend on each implementation; a slow one still runs once.
    blas_threads : int or None, default 1
        Threads allowed to NumPy's BLAS library while timing; None leaves its default.

    Returns
    -------
    Comparison
        The loop first. Raises RuntimeError if the outputs differ by more than 1e-9
        (relative): a fast wrong answer is not worth a timing.

    Lesson: ``neural-networks-and-deep-learning/week-2/vectorization.md``.

    >>> comparison = compare_dot_product(1000)
    >>> [timing.implementation for timing in comparison.timings]
    ['dot_loop', 'dot_vectorized']
    """
    n = _check_size(n, "n")
    rng = np.random.default_rng(seed)
    a, b = rng.random(n), rng.random(n)
    return _compare(
        f"dot product of two vectors, n = {n:,}",
        {
            "dot_loop": lambda: dot_loop(a, b, check_finite=False),
            "dot_vectorized": lambda: dot_vectorized(a, b, check_finite=False),
        },
        budget_seconds,
        blas_threads,
    )


# --8<-- [end:compare_dot_product]


def compare_matrix_vector(
    n: int = 500, *, seed: int = 0, budget_seconds: float = 0.05, blas_threads: int | None = 1
) -> Comparison:
    """Time :func:`matrix_vector_loop` against :func:`matrix_vector_vectorized`, A (n, n).

    The arguments and the result are those of :func:`compare_dot_product`.
    Lesson: ``neural-networks-and-deep-learning/week-2/more-vectorization-examples.md``.

    >>> [t.implementation for t in compare_matrix_vector(20).timings]
    ['matrix_vector_loop', 'matrix_vector_vectorized']
    """
    n = _check_size(n, "n")
    rng = np.random.default_rng(seed)
    A, v = rng.random((n, n)), rng.random((n, 1))
    return _compare(
        f"matrix-vector product u = Av, A of shape ({n:,}, {n:,})",
        {
            "matrix_vector_loop": lambda: matrix_vector_loop(A, v, check_finite=False),
            "matrix_vector_vectorized": lambda: matrix_vector_vectorized(A, v, check_finite=False),
        },
        budget_seconds,
        blas_threads,
    )


def compare_exp(
    n: int = 100_000, *, seed: int = 0, budget_seconds: float = 0.05, blas_threads: int | None = 1
) -> Comparison:
    """Time ``elementwise_loop(v, "exp")`` against ``elementwise_vectorized(v, "exp")``.

    v has shape (n, 1); the other arguments and the result are those of
    :func:`compare_dot_product`.
    Lesson: ``neural-networks-and-deep-learning/week-2/more-vectorization-examples.md``.

    >>> [t.implementation for t in compare_exp(50).timings]
    ['elementwise_loop', 'elementwise_vectorized']
    """
    n = _check_size(n, "n")
    v = np.random.default_rng(seed).normal(size=(n, 1))
    return _compare(
        f"e^v for every element of v, v of shape ({n:,}, 1)",
        {
            "elementwise_loop": lambda: elementwise_loop(v, "exp", check_finite=False),
            "elementwise_vectorized": lambda: elementwise_vectorized(v, "exp", check_finite=False),
        },
        budget_seconds,
        blas_threads,
    )


def compare_gradients(
    n_x: int = 100,
    m: int = 2_000,
    *,
    seed: int = 0,
    budget_seconds: float = 0.05,
    blas_threads: int | None = 1,
) -> Comparison:
    """Time the two-loop, one-loop and vectorized gradients of logistic regression.

    On random X of shape (n_x, m) and labels Y. The gradient functions have no
    ``check_finite`` switch, so each timing includes its input checks (a scan of X, the
    same work for all three). The other arguments and the result are those of
    :func:`compare_dot_product`.
    Lesson: ``neural-networks-and-deep-learning/week-2/more-vectorization-examples.md``.

    >>> [t.implementation for t in compare_gradients(3, 10).timings]
    ['gradients_two_loops', 'gradients_one_loop', 'gradients_vectorized']
    """
    n_x, m = _check_size(n_x, "n_x"), _check_size(m, "m")
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n_x, m))
    Y = rng.integers(0, 2, size=(1, m))
    w = rng.normal(scale=0.1, size=(n_x, 1))
    implementations = {
        function.__name__: (lambda function=function: function(w, 0.1, X, Y))
        for function in (gradients_two_loops, gradients_one_loop, gradients_vectorized)
    }
    return _compare(
        f"one gradient of logistic regression, n_x = {n_x:,} features, m = {m:,} examples",
        implementations,
        budget_seconds,
        blas_threads,
    )


COMPARISONS: dict[str, Callable[[], Comparison]] = {
    "dot_product": compare_dot_product,
    "matrix_vector": compare_matrix_vector,
    "exp": compare_exp,
    "gradients": compare_gradients,
}
"""The comparisons a page can ask for, by the name used in its placeholder."""
