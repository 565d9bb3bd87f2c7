r"""Week 4 exercises: the building blocks of an L-layer network, written by the learner.

The learner writes ``linear_forward``, ``activation_forward``, ``model_forward`` (ReLU
hidden layers, a sigmoid output), ``linear_backward``, ``activation_backward`` and
``model_backward``; the checks compare each with the package's own function of the same
name in ``coursecode.networks.deep``.

Page: ``neural-networks-and-deep-learning/week-4/exercises/index.md``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from coursecode.activations import ACTIVATIONS, relu, sigmoid
from coursecode.exercises.checking import (
    ExerciseFailure,
    Hint,
    call,
    compare,
    describe,
    finite_difference_gradient,
)
from coursecode.networks.cost import network_cost
from coursecode.networks.deep import (
    activation_backward,
    linear_backward,
    linear_forward,
    model_backward,
    model_forward,
)

__all__ = [
    "check_activation_backward",
    "check_activation_forward",
    "check_linear_backward",
    "check_linear_forward",
    "check_model_backward",
    "check_model_forward",
]

SEED = 4
ACTIVATION_NAMES = ("sigmoid", "tanh", "relu")


def _deep_network(layer_dims: list[int], m: int, seed: int = SEED) -> dict[str, Any]:
    """Random parameters for the sizes layer_dims, an input X and labels Y."""
    rng = np.random.default_rng(seed)
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters[f"W{l}"] = rng.normal(size=(layer_dims[l], layer_dims[l - 1]))
        parameters[f"b{l}"] = rng.normal(size=(layer_dims[l], 1))
    X = rng.normal(size=(layer_dims[0], m))
    Y = (rng.random((1, m)) > 0.5).astype(float)
    return {"parameters": parameters, "X": X, "Y": Y}


def _pair(result, names: str, inputs) -> tuple:
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        raise ExerciseFailure(
            f"your function should return ({names}); got {describe(result)}\n"
            f"  input: {describe(inputs)}"
        )
    return tuple(result)


def check_linear_forward(function: Callable) -> int:
    """Check a learner's linear_forward; return the number of checks it passed."""
    rng = np.random.default_rng(SEED)
    cases: list[dict[str, Any]] = [
        {
            "A_prev": np.array([[1.0, -1.0, 2.0], [0.5, 0.0, -2.0]]),
            "W": np.array([[1.0, 2.0], [-1.0, 0.5]]),
            "b": np.array([[0.5], [-1.0]]),
        },
        {
            "A_prev": rng.normal(size=(4, 6)),
            "W": rng.normal(size=(3, 4)),
            "b": rng.normal(size=(3, 1)),
        },
    ]
    for inputs in cases:
        Z, linear_cache = _pair(call(function, inputs), "Z, linear_cache", inputs)
        expected, _ = linear_forward(**inputs)
        hints: list[Hint] = [
            (
                lambda g, i=inputs: np.allclose(g, i["W"] @ i["A_prev"]),
                "b is missing: Z = W A + b.",
            ),
        ]
        compare("Z", Z, expected, inputs, hints=hints)
        if not isinstance(linear_cache, (tuple, list)) or len(linear_cache) != 3:
            raise ExerciseFailure(
                f"linear_cache should be the tuple (A_prev, W, b); got {describe(linear_cache)}"
            )
        for what, got, want in zip(
            ("A_prev", "W", "b"), linear_cache, inputs.values(), strict=True
        ):
            compare(f"linear_cache's {what}", got, want, inputs)
    return 2 * len(cases)


def check_activation_forward(function: Callable) -> int:
    """Check a learner's activation_forward for each activation; return the checks."""
    rng = np.random.default_rng(SEED)
    Z = rng.normal(0.0, 2.0, size=(3, 5))
    for name in ACTIVATION_NAMES:
        inputs = {"Z": Z, "activation": name}
        A, activation_cache = _pair(call(function, inputs), "A, activation_cache", inputs)
        others = [
            (
                lambda g, other=other: np.allclose(g, ACTIVATIONS[other](Z)),
                f"these are the values of {other}, not of {name}: check which name gives which g.",
            )
            for other in ACTIVATION_NAMES
            if other != name
        ]
        compare("A", A, ACTIVATIONS[name](Z), inputs, hints=others)
        compare(
            "activation_cache (Z itself)",
            activation_cache,
            Z,
            inputs,
            hints=[
                (
                    lambda g, name=name: np.allclose(g, ACTIVATIONS[name](Z)),
                    "the cache should hold Z, the input of g, not A: g'(Z) needs Z.",
                ),
            ],
        )
    return 2 * len(ACTIVATION_NAMES)


def check_model_forward(function: Callable) -> int:
    """Check a learner's model_forward (ReLU hidden layers, sigmoid output)."""
    network = _deep_network([3, 4, 3, 1], 5)
    inputs = {"parameters": network["parameters"], "X": network["X"]}
    AL, caches = _pair(call(function, inputs), "AL, caches", inputs)
    expected_AL, expected_caches = model_forward(**inputs)
    if not isinstance(caches, (list, tuple)) or len(caches) != len(expected_caches):
        raise ExerciseFailure(
            f"caches should be a list with one cache per layer, {len(expected_caches)} here; "
            f"got {describe(caches)}"
        )
    for l, (cache, wanted) in enumerate(zip(caches, expected_caches, strict=True), start=1):
        try:
            (A_prev, W, b), Z = cache
        except (TypeError, ValueError):
            raise ExerciseFailure(
                f"caches[{l - 1}] should be ((A_prev, W, b), Z) for layer {l}; got "
                f"{describe(cache)}"
            ) from None
        (want_A_prev, _, _), want_Z = wanted
        hints: list[Hint] = (
            [
                (
                    lambda g, Z_prev=expected_caches[l - 2][1]: np.allclose(g, sigmoid(Z_prev)),
                    "the hidden layers use ReLU, not the sigmoid.",
                ),
            ]
            if l > 1
            else []
        )
        compare(
            f"A_prev of layer {l} (in caches[{l - 1}])", A_prev, want_A_prev, inputs, hints=hints
        )
        compare(f"W of layer {l} (in caches[{l - 1}])", W, wanted[0][1], inputs)
        compare(f"b of layer {l} (in caches[{l - 1}])", b, wanted[0][2], inputs)
        compare(f"Z of layer {l} (in caches[{l - 1}])", Z, want_Z, inputs)
    ZL = expected_caches[-1][1]
    compare(
        "AL",
        AL,
        expected_AL,
        inputs,
        hints=[
            (lambda g: np.allclose(g, relu(ZL)), "the output layer is a sigmoid unit, not ReLU."),
            (lambda g: np.allclose(g, ZL), "AL equals ZL: apply the sigmoid to the last layer."),
        ],
    )
    return 4 * len(expected_caches) + 1


def check_linear_backward(function: Callable) -> int:
    """Check a learner's linear_backward; return the number of checks it passed."""
    rng = np.random.default_rng(SEED)
    checks = 0
    for n, n_prev, m in ((2, 3, 4), (3, 5, 6)):
        linear_cache = (
            rng.normal(size=(n_prev, m)),
            rng.normal(size=(n, n_prev)),
            rng.normal(size=(n, 1)),
        )
        inputs = {"dZ": rng.normal(size=(n, m)), "linear_cache": linear_cache}
        got = call(function, inputs)
        if not isinstance(got, (tuple, list)) or len(got) != 3:
            raise ExerciseFailure(
                f"linear_backward should return (dA_prev, dW, db); got {describe(got)}"
            )
        expected = linear_backward(**inputs)
        for what, value, want in zip(("dA_prev", "dW", "db"), got, expected, strict=True):
            compare(what, value, want, inputs, m=None if what == "dA_prev" else m)
            checks += 1
    return checks


def check_activation_backward(function: Callable) -> int:
    """Check a learner's activation_backward for each activation; return the checks."""
    rng = np.random.default_rng(SEED)
    Z = rng.normal(0.0, 2.0, size=(3, 5))
    dA = rng.normal(size=(3, 5))
    for name in ACTIVATION_NAMES:
        inputs = {"dA": dA, "activation_cache": Z, "activation": name}
        got = call(function, inputs)
        expected = activation_backward(**inputs)
        hints: list[Hint] = [
            (
                lambda g, name=name: np.allclose(g, dA * ACTIVATIONS[name](Z)),
                "you multiplied by g(Z); the chain rule needs the derivative g'(Z).",
            ),
            (
                lambda g, e=expected: np.allclose(g, e / dA),
                "that is g'(Z) alone: multiply it, elementwise, by dA.",
            ),
        ]
        compare(f"dZ ({name})", got, expected, inputs, hints=hints)
    return len(ACTIVATION_NAMES)


def check_model_backward(function: Callable) -> int:
    """Check a learner's model_backward, against the reference and by finite differences."""
    network = _deep_network([3, 4, 3, 1], 5, seed=SEED + 1)
    parameters, X, Y = network["parameters"], network["X"], network["Y"]
    m = X.shape[1]
    AL, caches = model_forward(parameters, X)
    inputs = {"AL": AL, "Y": Y, "caches": caches}
    got = call(function, inputs)
    expected = model_backward(**inputs)
    if not isinstance(got, dict) or sorted(got) != sorted(expected):
        raise ExerciseFailure(
            f"model_backward should return a dict with the keys {sorted(expected)}; got "
            f"{describe(got)}"
        )
    for key in expected:
        compare(key, got[key], expected[key], inputs, m=m)
    # The gradient check: every entry against the two-sided slope of the cost J.
    for key in expected:
        parameter = key[1:]

        def cost(value: np.ndarray, parameter: str = parameter) -> float:
            _, moved_caches = model_forward({**parameters, parameter: value}, X)
            return network_cost(moved_caches[-1][1], Y)

        slope = finite_difference_gradient(cost, parameters[parameter])
        compare(
            f"{key} (against finite differences of the cost J)",
            got[key],
            slope,
            inputs,
            m=m,
            rtol=1e-5,
            atol=1e-7,
        )
    return 2 * len(expected)
