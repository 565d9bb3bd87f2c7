r"""Course 2, Week 1 exercises: the L2 penalty, its gradient, and inverted dropout.

The learner writes ``l2_cost``, ``l2_gradient`` and ``apply_dropout``; the checks compare
each with the package's own function of the same name in
``coursecode.networks.regularization``, and the L2 gradient also with finite differences
of the L2 cost.

Page: ``improving-deep-neural-networks/week-1/exercises/index.md``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from coursecode.exercises.checking import (
    ExerciseFailure,
    Hint,
    call,
    compare,
    describe,
    finite_difference_gradient,
)
from coursecode.networks.regularization import apply_dropout, l2_cost, l2_gradient

__all__ = ["check_apply_dropout", "check_l2_cost", "check_l2_gradient"]

SEED = 5


def _parameters(rng: np.random.Generator) -> dict[str, np.ndarray]:
    return {
        "W1": rng.normal(size=(3, 2)),
        "b1": rng.normal(size=(3, 1)),
        "W2": rng.normal(size=(1, 3)),
        "b2": rng.normal(size=(1, 1)),
    }


def check_l2_cost(function: Callable) -> int:
    """Check a learner's l2_cost; return the number of checks it passed."""
    rng = np.random.default_rng(SEED)
    cases: list[dict[str, Any]] = [
        {
            "parameters": {
                "W1": np.array([[1.0, -2.0]]),
                "b1": np.array([[3.0]]),
                "W2": np.array([[0.5]]),
                "b2": np.array([[-1.0]]),
            },
            "m": 4,
            "l2": 0.8,
        },
        {"parameters": _parameters(rng), "m": 10, "l2": 0.3},
    ]
    for inputs in cases:
        expected = l2_cost(**inputs)
        parameters, m, l2 = inputs["parameters"], inputs["m"], inputs["l2"]
        with_b = expected + l2 / (2 * m) * sum(
            float(np.sum(value**2)) for key, value in parameters.items() if key[0] == "b"
        )
        hints: list[Hint] = [
            (
                lambda g, w=with_b: bool(np.isclose(g, w)),
                "only the weights W[l] are penalized, not b.",
            ),
            (
                lambda g, e=expected: bool(np.isclose(g, 2 * e)),
                "the factor is lambda / (2 m), not lambda / m.",
            ),
        ]
        compare("the L2 cost", call(function, inputs), expected, inputs, m=m, hints=hints)
    return len(cases)


def check_l2_gradient(function: Callable) -> int:
    """Check a learner's l2_gradient, against the reference and by finite differences."""
    rng = np.random.default_rng(SEED)
    W = rng.normal(size=(3, 4))
    inputs = {"W": W, "m": 6, "l2": 0.7}
    got = call(function, inputs)
    compare(
        "the L2 share of dW",
        got,
        l2_gradient(**inputs),
        inputs,
        m=6,
        hints=[
            (
                lambda g: np.allclose(g, 0.7 / 12 * W),
                "the derivative of W**2 is 2 W: lambda / m times W.",
            ),
        ],
    )
    slope = finite_difference_gradient(
        lambda value: l2_cost({"W1": value, "b1": np.zeros((3, 1))}, m=6, l2=0.7), W
    )
    compare(
        "the L2 share of dW (against finite differences of the L2 cost)",
        got,
        slope,
        inputs,
        m=6,
        rtol=1e-5,
        atol=1e-7,
    )
    return 2


def check_apply_dropout(function: Callable) -> int:
    """Check a learner's apply_dropout; return the number of checks it passed."""
    checks = 0
    for shape, keep_prob in (((3, 4), 0.8), ((5, 6), 0.5)):
        A = np.random.default_rng(SEED).normal(size=shape)
        inputs = {"A": A, "keep_prob": keep_prob, "rng": np.random.default_rng(SEED + 1)}
        got = call(function, inputs)
        if not isinstance(got, (tuple, list)) or len(got) != 2:
            raise ExerciseFailure(
                f"apply_dropout should return (A_dropped, mask); got {describe(got)}"
            )
        A_dropped, mask = got
        expected, expected_mask = apply_dropout(A, keep_prob, np.random.default_rng(SEED + 1))
        compare(
            "mask",
            np.asarray(mask, dtype=float),
            expected_mask.astype(float),
            inputs,
            hints=[
                (
                    lambda g, e=expected_mask: np.array_equal(g, ~e),
                    "you kept the units the reference drops: keep where "
                    "rng.random(A.shape) < keep_prob.",
                ),
                (
                    lambda g: True,
                    "draw the mask from the rng argument, with one call "
                    "rng.random(A.shape) < keep_prob, so that a seed gives the same mask.",
                ),
            ],
        )
        hints: list[Hint] = [
            (
                lambda g, A=A, e=expected_mask: np.allclose(g, A * e),
                "the kept units must be divided by keep_prob (inverted dropout), so that the "
                "expected value of A does not change.",
            ),
            (
                lambda g, A=A, e=expected_mask, k=keep_prob: np.allclose(g, A * e * k),
                "divide by keep_prob, do not multiply.",
            ),
        ]
        compare("A_dropped", A_dropped, expected, inputs, hints=hints)
        checks += 2
    return checks
