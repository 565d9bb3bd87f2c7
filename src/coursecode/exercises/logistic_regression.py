r"""Week 2 exercises: logistic regression as a neural network, written by the learner.

The learner writes ``sigmoid``, ``initialize_with_zeros``, ``propagate`` (the cost and its
gradients), ``optimize`` (gradient descent) and ``predict``; the checks compare each with
the package's own function (``coursecode.sigmoid``, ``initialize_with_zeros`` below,
``coursecode.gradients_vectorized``, ``coursecode.gradient_descent``,
``coursecode.predict``).

Page: ``neural-networks-and-deep-learning/week-2/exercises/index.md``.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable
from typing import Any

import numpy as np

from coursecode.activations import sigmoid
from coursecode.exercises.checking import (
    ExerciseFailure,
    Hint,
    call,
    compare,
    describe,
    finite_difference_gradient,
    require_number,
)
from coursecode.logistic_regression.training import gradient_descent, predict
from coursecode.logistic_regression.vectorized import gradients_vectorized

__all__ = [
    "check_initialize_with_zeros",
    "check_optimize",
    "check_predict",
    "check_propagate",
    "check_sigmoid",
    "initialize_with_zeros",
]

SEED = 2


# --8<-- [start:initialize_with_zeros]
def initialize_with_zeros(dim):
    """The starting point of gradient descent: w all zeros of shape (dim, 1), and b = 0.

    Parameters
    ----------
    dim : int
        The number of features n_x, 1 or more.

    Returns
    -------
    w : ndarray of shape (dim, 1)
    b : float

    Examples
    --------
    >>> w, b = initialize_with_zeros(3)
    >>> w.shape, b
    ((3, 1), 0.0)
    """
    if isinstance(dim, (bool, np.bool_)) or not isinstance(dim, numbers.Integral) or dim < 1:
        raise ValueError(f"dim must be a whole number of features, 1 or more; got {dim!r}")
    w = np.zeros((int(dim), 1))  # a column: one weight per feature
    b = 0.0
    return w, b


# --8<-- [end:initialize_with_zeros]


def _unpack(result, names: tuple[str, ...], inputs) -> tuple:
    """Split a returned tuple into its parts, or fail naming what was expected."""
    if not isinstance(result, (tuple, list)) or len(result) != len(names):
        raise ExerciseFailure(
            f"your function should return {len(names)} values, ({', '.join(names)}); "
            f"it returned {describe(result)}"
        )
    return tuple(result)


def check_sigmoid(function: Callable) -> int:
    """Check a learner's sigmoid; return the number of checks it passed."""
    fixed = {"z": np.array([[-2.0, 0.0, 3.0]])}
    flipped: tuple = (
        lambda got: np.allclose(got, sigmoid(-fixed["z"])),
        "your values are sigma(-z): the exponent should be -z, so that sigma(3) > 1/2.",
    )
    compare("sigmoid(z)", call(function, fixed), sigmoid(fixed["z"]), fixed, hints=[flipped])
    compare("sigmoid(0.0)", call(function, {"z": 0.0}), 0.5, {"z": 0.0})
    extreme = {"z": np.array([[-800.0, -40.0, 40.0, 800.0]])}
    compare("sigmoid(z)", call(function, extreme), sigmoid(extreme["z"]), extreme)
    rng = np.random.default_rng(SEED)
    random: dict[str, Any] = {"z": rng.normal(0.0, 5.0, size=(3, 4))}
    compare("sigmoid(z)", call(function, random), sigmoid(random["z"]), random)
    return 4


def check_initialize_with_zeros(function: Callable) -> int:
    """Check a learner's initialize_with_zeros; return the number of checks it passed."""
    for dim in (1, 4):
        inputs = {"dim": dim}
        w, b = _unpack(call(function, inputs), ("w", "b"), inputs)
        expected_w, expected_b = initialize_with_zeros(dim)
        compare("w", w, expected_w, inputs)
        compare("b", b, expected_b, inputs)
    return 4


def check_propagate(function: Callable) -> int:
    """Check a learner's propagate (cost and gradients); return the number of checks."""
    rng = np.random.default_rng(SEED)
    cases: list[Any] = [
        {
            "w": np.array([[0.5], [-1.0]]),
            "b": 0.25,
            "X": np.array([[1.0, -2.0, 3.0], [0.5, 1.0, -1.0]]),
            "Y": np.array([[1.0, 0.0, 1.0]]),
        },
        {
            "w": rng.normal(size=(4, 1)),
            "b": float(rng.normal()),
            "X": rng.normal(size=(4, 7)),
            "Y": (rng.random((1, 7)) > 0.5).astype(float),
        },
    ]
    checks = 0
    for inputs in cases:
        m = inputs["X"].shape[1]
        dw, db, cost = _unpack(call(function, inputs), ("dw", "db", "cost"), inputs)
        expected = gradients_vectorized(**inputs)
        compare("the cost", cost, expected.cost, inputs, m=m)
        compare("dw", dw, expected.dw, inputs, m=m)
        compare("db", db, expected.db, inputs, m=m)
        checks += 3
    # The gradient check: dw and db are the slopes of the learner's own cost.
    inputs = cases[1]

    def own_cost(theta: np.ndarray) -> float:
        w, b = theta[:-1].reshape(-1, 1), float(theta[-1])
        moved = {**inputs, "w": w, "b": b}
        _, _, cost = _unpack(call(function, moved), ("dw", "db", "cost"), moved)
        return require_number(cost, "the cost", moved)

    theta = np.append(inputs["w"].ravel(), inputs["b"])
    slope = finite_difference_gradient(own_cost, theta)
    dw, db, _ = _unpack(call(function, inputs), ("dw", "db", "cost"), inputs)
    m = inputs["X"].shape[1]
    compare(
        "dw (against finite differences of your cost)",
        dw,
        slope[:-1].reshape(-1, 1),
        inputs,
        m=m,
        rtol=1e-5,
        atol=1e-7,
    )
    compare(
        "db (against finite differences of your cost)",
        db,
        slope[-1],
        inputs,
        m=m,
        rtol=1e-5,
        atol=1e-7,
    )
    return checks + 2


def check_optimize(function: Callable) -> int:
    """Check a learner's optimize (gradient descent); return the number of checks."""
    rng = np.random.default_rng(SEED)
    cases: list[Any] = [
        (
            {
                "w": np.zeros((2, 1)),
                "b": 0.0,
                "X": np.array([[1.0, -2.0, 3.0, 0.5], [0.5, 1.0, -1.0, -2.0]]),
                "Y": np.array([[1.0, 0.0, 1.0, 0.0]]),
            },
            {"learning_rate": 0.1, "num_iterations": 5},
        ),
        (
            {
                "w": rng.normal(size=(3, 1)),
                "b": float(rng.normal()),
                "X": rng.normal(size=(3, 10)),
                "Y": (rng.random((1, 10)) > 0.5).astype(float),
            },
            {"learning_rate": 0.5, "num_iterations": 20},
        ),
    ]
    for inputs, settings in cases:
        shown = {**inputs, **settings}
        w, b, costs = _unpack(call(function, inputs, **settings), ("w", "b", "costs"), shown)
        expected = gradient_descent(**inputs, **settings)
        uphill = _gradient_ascent(**inputs, **settings)
        ascent = (
            lambda got, uphill=uphill: np.allclose(got, uphill),
            "you moved up the slope: gradient descent subtracts learning_rate * dw.",
        )
        compare("the final w", w, expected.w, shown, hints=[ascent])
        compare("the final b", b, expected.b, shown)
        late = (
            lambda got, e=expected.costs: np.allclose(got[:-1], e[1:]),
            "each cost is the next iteration's: record J before the update.",
        )
        compare("costs", costs, np.asarray(expected.costs), shown, hints=[late])
    # The caller's starting point must survive: w -= ... would overwrite it.
    inputs, settings = cases[0]
    w_start = inputs["w"].copy()
    call(function, {**inputs, "w": w_start}, copy=False, **settings)
    if not np.array_equal(w_start, inputs["w"]):
        raise ExerciseFailure(
            "your optimize changed the w it was given: the caller's starting point is now "
            f"{describe(w_start)}\n  hint: write w = w - learning_rate * dw rather than "
            "w -= ..., or start from w = w.copy()."
        )
    return 3 * len(cases) + 1


def _gradient_ascent(w, b, X, Y, *, learning_rate, num_iterations) -> np.ndarray:
    """The final w of the mistaken update w := w + alpha dw (to recognise it)."""
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(num_iterations):
            dw, db, _ = gradients_vectorized(w, b, X, Y)
            w, b = w + learning_rate * dw, b + learning_rate * db
    return w


def check_predict(function: Callable) -> int:
    """Check a learner's predict; return the number of checks it passed."""
    rng = np.random.default_rng(SEED)
    cases: list[Any] = [
        {
            "w": np.array([[1.0], [-1.0]]),
            "b": 0.5,
            "X": np.array([[2.0, 0.0, -1.0, 0.5], [1.0, 2.0, 0.0, 1.0]]),
        },
        {"w": rng.normal(size=(5, 1)), "b": float(rng.normal()), "X": rng.normal(size=(5, 9))},
    ]
    for inputs in cases:
        got = call(function, inputs)
        expected = predict(**inputs)
        probabilities = sigmoid(inputs["w"].T @ inputs["X"] + inputs["b"])
        hints: list[Hint] = [
            (
                lambda g, p=probabilities: np.allclose(g, p),
                "these are the probabilities a; predict the label, 1 where a > 0.5, else 0.",
            ),
            (
                lambda g, e=expected, p=probabilities: np.array_equal(
                    g[p != 0.5], 1 - e[p != 0.5]
                ),
                "every label is the opposite: predict 1 where a > 0.5.",
            ),
            (
                lambda g, p=probabilities: np.array_equal(g, (p >= 0.5).astype(int)),
                "at a = 0.5 exactly the rule predicts 0 (1 only where a > 0.5).",
            ),
        ]
        compare("Y_prediction", got, expected, inputs, hints=hints)
    return len(cases)
