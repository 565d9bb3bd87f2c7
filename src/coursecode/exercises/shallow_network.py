r"""Week 3 exercises: a network with one hidden layer, written by the learner.

The learner writes ``layer_shapes``, ``initialize_parameters``, ``forward_propagation``
(tanh hidden layer, sigmoid output), ``network_cost``, ``backward_propagation`` and
``update_parameters``; the checks compare each with the package's own function of the same
name in ``coursecode.networks``.

Page: ``neural-networks-and-deep-learning/week-3/exercises/index.md``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from coursecode.activations import sigmoid, tanh
from coursecode.exercises.checking import (
    ExerciseFailure,
    Hint,
    call,
    compare,
    describe,
    finite_difference_gradient,
)
from coursecode.networks.cost import network_cost
from coursecode.networks.parameters import initialize_parameters, layer_shapes, update_parameters
from coursecode.networks.shallow import backward_propagation, forward_propagation

__all__ = [
    "check_backward_propagation",
    "check_forward_propagation",
    "check_initialize_parameters",
    "check_layer_shapes",
    "check_network_cost",
    "check_update_parameters",
]

SEED = 3


def _network(n_x: int, n_h: int, m: int, seed: int = SEED) -> dict:
    """Random parameters of a one-hidden-layer network, an input X and labels Y."""
    rng = np.random.default_rng(seed)
    parameters = {
        "W1": rng.normal(size=(n_h, n_x)),
        "b1": rng.normal(size=(n_h, 1)),
        "W2": rng.normal(size=(1, n_h)),
        "b2": rng.normal(size=(1, 1)),
    }
    X = rng.normal(size=(n_x, m))
    Y = (rng.random((1, m)) > 0.5).astype(float)
    return {"parameters": parameters, "X": X, "Y": Y}


def _require_dict(value, keys: list[str], what: str, inputs) -> dict:
    """Check that ``value`` is a dict with exactly ``keys``."""
    if not isinstance(value, dict):
        raise ExerciseFailure(
            f"{what} should be a dict with the keys {keys}; got {type(value).__name__} "
            f"{describe(value)}\n  input: {describe(inputs)}"
        )
    missing = [key for key in keys if key not in value]
    extra = [key for key in value if key not in keys]
    if missing or extra:
        raise ExerciseFailure(
            f"{what} should have exactly the keys {keys}; missing {missing}, "
            f"unexpected {extra}\n  input: {describe(inputs)}"
        )
    return value


def _plain(value: Any) -> Any:
    """A shape given as a list or an array, as a tuple of ints; anything else as it is."""
    try:
        return tuple(int(n) for n in value)
    except (TypeError, ValueError):
        return value


def check_layer_shapes(function: Callable) -> int:
    """Check a learner's layer_shapes; return the number of checks it passed."""
    fields = ("l", "W", "b", "Z", "A", "dW", "db", "dZ", "dA")
    checks = 0
    for layer_dims, m in (([2, 3, 1], 5), ([4, 5, 3, 1], 2)):
        inputs = {"layer_dims": layer_dims, "m": m}
        got = call(function, inputs)
        expected = layer_shapes(layer_dims, m)
        if not isinstance(got, (list, tuple)) or len(got) != len(expected):
            raise ExerciseFailure(
                f"layer_shapes should return one record per layer, {len(expected)} for "
                f"layer_dims = {layer_dims}; got {describe(got)}\n"
                "  hint: layer 0 is the input X; the records are for l = 1, ..., L."
            )
        for record, wanted in zip(got, expected, strict=True):
            record = tuple(record)
            for field, value, right in zip(fields, record, wanted, strict=False):
                value = _plain(value)
                if value != right:
                    hint = "compare with the statement's shapes."
                    if isinstance(right, tuple) and value == right[::-1]:
                        hint = "it is transposed: rows are the units of layer l."
                    elif field == "l":
                        hint = "number the layers 1, ..., L (the input is layer 0)."
                    raise ExerciseFailure(
                        f"layer {wanted.l}: {field} is wrong.\n  input: layer_dims = "
                        f"{layer_dims}, m = {m}\n  expected {field} = {right}\n"
                        f"  got      {field} = {value}\n  hint: {hint}"
                    )
            if len(record) != len(fields):
                raise ExerciseFailure(
                    f"each record should hold {len(fields)} values {fields}; got {record}"
                )
        checks += 1
    return checks


def check_initialize_parameters(function: Callable) -> int:
    """Check a learner's initialize_parameters; return the number of checks it passed."""
    layer_dims = [400, 300, 1]
    inputs = {"layer_dims": layer_dims, "rng": np.random.default_rng(SEED)}
    got = _require_dict(call(function, inputs), ["W1", "b1", "W2", "b2"], "parameters", inputs)
    expected = initialize_parameters(layer_dims, np.random.default_rng(SEED))
    shown = {"layer_dims": layer_dims, "rng": inputs["rng"]}
    for key, value in expected.items():
        array = np.asarray(got[key], dtype=float)
        if array.shape != value.shape:
            compare(key, array, value, shown)  # fails, naming the shapes
    for l in (1, 2):
        b, W = np.asarray(got[f"b{l}"], dtype=float), np.asarray(got[f"W{l}"], dtype=float)
        if np.any(b != 0):
            raise ExerciseFailure(
                f"b{l} should start at zero; got {describe(b)}\n"
                "  hint: the random weights already break the symmetry: b = np.zeros(...)."
            )
        if np.all(W == 0):
            raise ExerciseFailure(
                f"W{l} is all zeros.\n  hint: then every hidden unit computes the same "
                "function and gets the same update, forever: draw random weights."
            )
    W1 = np.asarray(got["W1"], dtype=float)
    spread = float(W1.std())
    if not 0.008 < spread < 0.012 or abs(float(W1.mean())) > 0.001:
        hint = (
            "multiply the standard normal numbers by 0.01."
            if 0.8 < spread < 1.2
            else "draw standard normal numbers (rng.standard_normal) and scale them by 0.01."
        )
        raise ExerciseFailure(
            f"the weights should be small random numbers with mean 0 and standard deviation "
            f"0.01; W1 (shape {W1.shape}) has mean {float(W1.mean()):.4g} and standard "
            f"deviation {spread:.4g}\n  hint: {hint}"
        )
    again = call(function, {"layer_dims": layer_dims, "rng": np.random.default_rng(SEED)})
    other = call(function, {"layer_dims": layer_dims, "rng": np.random.default_rng(SEED + 1)})
    same_seed = np.array_equal(np.asarray(again["W1"]), W1)
    other_seed = not np.array_equal(np.asarray(other["W1"]), W1)
    if not (same_seed and other_seed):
        raise ExerciseFailure(
            "the weights do not come from the rng argument: the same seed should give the "
            "same weights and another seed other weights.\n  hint: draw with "
            "rng.standard_normal(shape), not np.random."
        )
    return 5


def check_forward_propagation(function: Callable) -> int:
    """Check a learner's forward_propagation (tanh, then sigmoid); return the checks."""
    fixed: dict[str, Any] = {
        "parameters": {
            "W1": np.array([[1.0, -0.5], [0.25, 2.0], [-1.0, 0.0]]),
            "b1": np.array([[0.1], [-0.2], [0.3]]),
            "W2": np.array([[0.5, -1.0, 2.0]]),
            "b2": np.array([[-0.25]]),
        },
        "X": np.array([[1.0, 0.0, -2.0, 0.5], [0.5, -1.0, 1.0, 2.0]]),
    }
    random: dict[str, Any] = {key: value for key, value in _network(4, 5, 6).items() if key != "Y"}
    for inputs in (fixed, random):
        got = call(function, inputs)
        if not isinstance(got, (tuple, list)) or len(got) != 2:
            raise ExerciseFailure(
                f"forward_propagation should return (A2, cache); got {describe(got)}"
            )
        A2, cache = got
        expected_A2, expected = forward_propagation(**inputs)
        W1, _b1 = inputs["parameters"]["W1"], inputs["parameters"]["b1"]
        cache = _require_dict(cache, ["Z1", "A1", "Z2", "A2"], "cache", inputs)
        hidden_hints: list[Hint] = [
            (
                lambda g, x=inputs["X"], W1=W1: np.allclose(g, tanh(W1 @ x)),
                "b1 is missing: Z1 = W1 X + b1.",
            ),
            (
                lambda g, e=expected: np.allclose(g, sigmoid(e["Z1"])),
                "the hidden layer uses tanh, not the sigmoid.",
            ),
        ]
        compare(
            "cache['Z1']",
            cache["Z1"],
            expected["Z1"],
            inputs,
            hints=[
                (
                    lambda g, x=inputs["X"], W1=W1: np.allclose(g, W1 @ x),
                    "b1 is missing: Z1 = W1 X + b1.",
                ),
            ],
        )
        compare("cache['A1']", cache["A1"], expected["A1"], inputs, hints=hidden_hints)
        compare("cache['Z2']", cache["Z2"], expected["Z2"], inputs)
        output_hints: list[Hint] = [
            (
                lambda g, e=expected: np.allclose(g, e["Z2"]),
                "A2 equals Z2: apply the sigmoid to the output layer.",
            ),
            (
                lambda g, e=expected: np.allclose(g, np.tanh(e["Z2"])),
                "A2 is tanh(Z2): the output unit is a sigmoid.",
            ),
        ]
        compare("cache['A2']", cache["A2"], expected["A2"], inputs, hints=output_hints)
        compare("A2", A2, expected_A2, inputs, hints=output_hints)
    return 10


def check_network_cost(function: Callable) -> int:
    """Check a learner's network_cost (the cost from the logits ZL); return the checks."""
    rng = np.random.default_rng(SEED)
    cases: list[Any] = [
        {"ZL": np.array([[0.5, -1.0, 2.0, 0.0]]), "Y": np.array([[1.0, 0.0, 0.0, 1.0]])},
        {"ZL": rng.normal(0.0, 3.0, size=(1, 8)), "Y": (rng.random((1, 8)) > 0.5) * 1.0},
        {"ZL": np.array([[-800.0, 800.0, 40.0]]), "Y": np.array([[1.0, 0.0, 1.0]])},
    ]
    for inputs in cases:
        got = call(function, inputs)
        compare("the cost", got, network_cost(**inputs), inputs, m=inputs["ZL"].shape[1])
    return len(cases)


def check_backward_propagation(function: Callable) -> int:
    """Check a learner's backward_propagation, against the reference and by finite differences."""
    keys = ["dW1", "db1", "dW2", "db2"]
    checks = 0
    for n_x, n_h, m in ((2, 3, 4), (3, 4, 5)):
        network = _network(n_x, n_h, m, seed=SEED + n_x)
        parameters, X, Y = network["parameters"], network["X"], network["Y"]
        _, cache = forward_propagation(parameters, X)
        inputs = {"parameters": parameters, "cache": cache, "X": X, "Y": Y}
        got = _require_dict(call(function, inputs), keys, "grads", inputs)
        expected = backward_propagation(**inputs)
        # The derivative of tanh written with a instead of a squared: a common slip.
        dZ1_slip = (parameters["W2"].T @ (cache["A2"] - Y)) * (1 - cache["A1"])
        slip = (
            lambda g, d=dZ1_slip, x=X, m=m: np.allclose(g, d @ x.T / m),
            "tanh'(z) = 1 - a**2 (a = tanh z), not 1 - a.",
        )
        for key in keys:
            compare(key, got[key], expected[key], inputs, m=m, hints=[slip] * (key == "dW1"))
        checks += len(keys)
    # The gradient check: each entry against the two-sided slope of the cost J.
    for key in keys:
        parameter = key[1:]

        def cost(value: np.ndarray, parameter: str = parameter) -> float:
            moved = {**parameters, parameter: value}
            _, moved_cache = forward_propagation(moved, X)
            return network_cost(moved_cache["Z2"], Y)

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
        checks += 1
    return checks


def check_update_parameters(function: Callable) -> int:
    """Check a learner's update_parameters; return the number of checks it passed."""
    network = _network(3, 4, 5)
    parameters = network["parameters"]
    _, cache = forward_propagation(parameters, network["X"])
    grads = backward_propagation(parameters, cache, network["X"], network["Y"])
    inputs = {"parameters": parameters, "grads": grads, "learning_rate": 1.2}
    got = _require_dict(call(function, inputs), list(parameters), "the new parameters", inputs)
    expected = update_parameters(**inputs)
    for key in parameters:
        uphill = parameters[key] + 1.2 * grads[f"d{key}"]
        unchanged = parameters[key]
        hints: list[Hint] = [
            (
                lambda g, u=uphill: np.allclose(g, u),
                "you moved up the slope: subtract learning_rate * the gradient.",
            ),
            (lambda g, u=unchanged: np.allclose(g, u), f"{key} did not change at all."),
        ]
        compare(f"the new {key}", got[key], expected[key], inputs, hints=hints)
    own = {key: value.copy() for key, value in parameters.items()}
    call(function, {**inputs, "parameters": own}, copy=False)
    changed = [key for key in parameters if not np.array_equal(own[key], parameters[key])]
    if changed:
        raise ExerciseFailure(
            f"your update_parameters changed the arrays it was given ({', '.join(changed)}).\n"
            "  hint: build a new dict, W - learning_rate * dW, rather than W -= ...."
        )
    return len(parameters) + 1
