r"""Course 2, Week 1 exercises: the L2 penalty, inverted dropout, and gradient checking.

The learner writes ``l2_cost``, ``l2_gradient``, ``apply_dropout`` and
``dropout_backward``, and the two halves of a gradient check, ``two_sided_difference`` and
``relative_difference``. The checks compare each with the package's own function of the
same name in ``coursecode.networks.regularization`` or
``coursecode.networks.gradient_check``; the L2 gradient is also compared with finite
differences of the L2 cost, dropout's backward pass with finite differences of its forward
pass, and the two-sided differences with the exact gradient of a known cost.

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
from coursecode.networks.gradient_check import relative_difference, two_sided_difference
from coursecode.networks.regularization import (
    apply_dropout,
    dropout_backward,
    l2_cost,
    l2_gradient,
)

__all__ = [
    "check_apply_dropout",
    "check_dropout_backward",
    "check_l2_cost",
    "check_l2_gradient",
    "check_relative_difference",
    "check_two_sided_difference",
]

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


def check_dropout_backward(function: Callable) -> int:
    """Check a learner's dropout_backward, against the reference and the forward pass."""
    rng = np.random.default_rng(SEED)
    cases: list[dict[str, Any]] = [
        {
            "dA": np.array(
                [[0.5, -1.0, 2.0, 0.25], [1.5, 3.0, -0.5, -2.0], [-1.0, 0.75, 1.0, 4.0]]
            ),
            "mask": np.array(
                [[True, False, True, True], [False, True, True, False], [True, True, False, True]]
            ),
            "keep_prob": 0.5,
        },
        {
            "dA": rng.normal(size=(4, 5)),
            "mask": apply_dropout(np.ones((4, 5)), 0.8, np.random.default_rng(SEED + 1))[1],
            "keep_prob": 0.8,
        },
    ]
    for inputs in cases:
        dA, mask, k = inputs["dA"], inputs["mask"], inputs["keep_prob"]
        hints: list[Hint] = [
            (
                lambda g, dA=dA, mask=mask: np.allclose(g, dA * mask),
                "you forgot to divide by keep_prob: the forward pass divided the kept units "
                "by keep_prob, so their gradient is divided by it too.",
            ),
            (
                lambda g, dA=dA, mask=mask, k=k: np.allclose(g, dA * mask * k),
                "divide by keep_prob, do not multiply.",
            ),
            (
                lambda g, dA=dA, k=k: np.allclose(g, dA / k),
                "multiply by the mask: the units dropped in the forward pass get no gradient.",
            ),
            (
                lambda g, dA=dA, mask=mask, k=k: np.allclose(g, dA * ~mask / k),
                "the mask is True where the unit was kept; the units it drops (False) get 0.",
            ),
            (
                lambda g, dA=dA, k=k: bool(np.all(np.isclose(g, 0) | np.isclose(g, dA / k))),
                "use the mask argument, the one the forward pass drew, not a fresh mask: the "
                "gradient flows back only through the units that were kept forward.",
            ),
        ]
        compare(
            "dA before dropout",
            call(function, inputs),
            dropout_backward(**inputs),
            inputs,
            hints=hints,
        )

    # Tie it to the forward pass: with the mask fixed (the same seed each time), the slope
    # of sum(G * apply_dropout(A)) with respect to A is dropout_backward(G, mask, keep_prob).
    A, G = rng.normal(size=(3, 4)), rng.normal(size=(3, 4))
    keep_prob, seed = 0.7, SEED + 2
    _, mask = apply_dropout(A, keep_prob, np.random.default_rng(seed))
    slope = finite_difference_gradient(
        lambda A: float(np.sum(G * apply_dropout(A, keep_prob, np.random.default_rng(seed))[0])),
        A,
    )
    inputs = {"dA": G, "mask": mask, "keep_prob": keep_prob}
    compare(
        "dA before dropout (against finite differences of sum(dA * apply_dropout(A)))",
        call(function, inputs),
        slope,
        inputs,
        rtol=1e-5,
        atol=1e-7,
    )
    return len(cases) + 1


class _QuarticCost:
    """A cost with curvature and every entry coupled, whose gradient is known exactly."""

    def __call__(self, theta) -> float:
        theta = np.asarray(theta, dtype=float)
        return float(np.sum(theta**4) / 4 + np.sum(theta) ** 2 / 2)

    def gradient(self, theta: np.ndarray) -> np.ndarray:
        return theta**3 + np.sum(theta)

    def __repr__(self) -> str:
        return "J, where J(theta) = sum(theta**4) / 4 + sum(theta)**2 / 2"


def _one_sided(cost: Callable, theta: np.ndarray, epsilon: float, side: int) -> np.ndarray:
    """The one-sided differences, forward (side = 1) or backward (side = -1)."""
    slope = np.zeros_like(theta)
    for index in np.ndindex(theta.shape):
        nudged = theta.copy()
        nudged[index] += side * epsilon
        slope[index] = side * (cost(nudged) - cost(theta)) / epsilon
    return slope


def _never_restored(cost: Callable, theta: np.ndarray, epsilon: float) -> np.ndarray:
    """The two-sided differences when no entry is put back after its nudges."""
    theta = theta.copy()
    slope = np.zeros_like(theta)
    for index in np.ndindex(theta.shape):
        original = theta[index]
        theta[index] = original + epsilon
        J_plus = cost(theta)
        theta[index] = original - epsilon
        slope[index] = (J_plus - cost(theta)) / (2 * epsilon)
    return slope


_RESTORE = (
    "put each entry back (theta[i] = original) before nudging the next one: only one "
    "entry may differ from theta at a time."
)


def check_two_sided_difference(function: Callable) -> int:
    """Check a learner's two_sided_difference, against the reference and the exact gradient."""
    cost = _QuarticCost()
    rng = np.random.default_rng(SEED)
    cases = [
        (np.array([[1.0, -0.5], [2.0, 0.25]]), 1e-2),
        (rng.normal(size=(3, 2)), 1e-3),
    ]
    for theta, epsilon in cases:
        given = theta.copy()  # passed itself, to see whether the function puts it back
        inputs: dict[str, Any] = {"cost": cost, "theta": given, "epsilon": epsilon}
        got = call(function, inputs, copy=False)
        if not np.allclose(given, theta, rtol=0, atol=1e-12):
            raise ExerciseFailure(
                f"your function left theta changed: it was {describe(theta)}, and after the "
                f"call it is {describe(given)}.\n  hint: {_RESTORE}"
            )
        inputs["theta"] = theta
        expected = two_sided_difference(cost, theta, epsilon)
        hints: list[Hint] = [
            (
                lambda g, t=theta, e=epsilon: (
                    np.allclose(g, _one_sided(cost, t, e, 1))
                    or np.allclose(g, _one_sided(cost, t, e, -1))
                ),
                "that is a one-sided difference, (J(theta + eps) - J(theta)) / eps, whose "
                "error is of order eps; nudge both ways, (J(theta + eps) - J(theta - eps)) "
                "/ (2 eps), whose error is of order eps**2.",
            ),
            (
                lambda g, x=expected: np.allclose(g, 2 * x),
                "every value is twice too large: divide by 2 eps, the distance between "
                "theta + eps and theta - eps, not by eps.",
            ),
            (lambda g, t=theta, e=epsilon: np.allclose(g, _never_restored(cost, t, e)), _RESTORE),
            (
                lambda g, t=theta: np.allclose(g, cost.gradient(t), rtol=1e-5, atol=1e-6),
                "these are the exact slopes, not the differences with this epsilon: use the "
                "epsilon argument for the nudge.",
            ),
        ]
        compare("grad_approx", got, expected, inputs, hints=hints)

    # Against the exact gradient: with a small epsilon the differences are the slopes.
    theta = rng.normal(size=(2, 3))
    inputs = {"cost": cost, "theta": theta, "epsilon": 1e-6}
    compare(
        "grad_approx (against the exact gradient theta**3 + sum(theta))",
        call(function, inputs),
        cost.gradient(theta),
        inputs,
        rtol=1e-6,
        atol=1e-8,
    )
    return len(cases) + 1


def check_relative_difference(function: Callable) -> int:
    """Check a learner's relative_difference; return the number of checks it passed."""
    rng = np.random.default_rng(SEED)
    grad = rng.normal(size=(3, 4))
    cases: list[dict[str, Any]] = [
        {
            "grad": np.array([[1.0, -2.0], [0.5, 3.0]]),
            "grad_approx": np.array([[1.1, -2.0], [0.5, 2.8]]),
        },
        {"grad": grad, "grad_approx": grad + 1e-4 * rng.normal(size=(3, 4))},
        {"grad": rng.normal(size=(5, 1)), "grad_approx": rng.normal(size=(5, 1))},
    ]
    norm = np.linalg.norm
    for inputs in cases:
        g, g_approx = inputs["grad"], inputs["grad_approx"]
        hints: list[Hint] = [
            (
                lambda d, g=g, a=g_approx: bool(
                    np.isclose(d, norm(g - a) ** 2 / (norm(g) ** 2 + norm(a) ** 2))
                ),
                "you used squared norms; use the norms themselves, np.linalg.norm(...), "
                "in the numerator and the denominator.",
            ),
            (
                lambda d, g=g, a=g_approx: bool(np.isclose(d, norm(g - a))),
                "divide by ||grad|| + ||grad_approx||: without the denominator the "
                "difference depends on the scale of the cost.",
            ),
            (
                lambda d, g=g, a=g_approx: bool(np.isclose(d, norm(g - a) / norm(g + a))),
                "the denominator is the sum of the two norms, ||grad|| + ||grad_approx||, "
                "not the norm of the sum.",
            ),
            (
                lambda d, g=g, a=g_approx: bool(
                    np.isclose(d, norm(g - a) / norm(g)) or np.isclose(d, norm(g - a) / norm(a))
                ),
                "the denominator holds both norms: ||grad|| + ||grad_approx||.",
            ),
        ]
        compare(
            "the relative difference",
            call(function, inputs),
            relative_difference(**inputs),
            inputs,
            hints=hints,
        )
    return len(cases)
