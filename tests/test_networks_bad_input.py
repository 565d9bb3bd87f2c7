# ruff: noqa: E501
# One bad input per row reads best as a table.
"""Every bad input to the networks raises an error that names the argument, what it got and
what was expected."""

import re

import numpy as np
import pytest

from coursecode import network_cost_and_gradients, predict_network, train_network
from coursecode.core.data import make_petals
from coursecode.networks.deep import model_backward, model_forward
from coursecode.networks.parameters import (
    check_network,
    initialize_parameters,
    layer_shapes,
    update_parameters,
)
from coursecode.networks.shallow import (
    backward_propagation,
    forward_propagation,
    forward_propagation_loop,
)

X = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])  # n_x = 2, m = 3
Y = np.array([[0, 1, 1]])


def network(**changes):
    """A valid 2-3-1 network with some entries replaced (None removes the key)."""
    parameters = {
        "W1": np.ones((3, 2)),
        "b1": np.zeros((3, 1)),
        "W2": np.ones((1, 3)),
        "b2": np.zeros((1, 1)),
    }
    for key, value in changes.items():
        if value is None:
            del parameters[key]
        else:
            parameters[key] = value
    return parameters


# (parameters, X, error, message): one bad input per row.
# fmt: off
BAD_NETWORKS = [
    # keys
    (network(b2=None), X, ValueError, r"""exactly the keys "W1", "b1", ..., "WL", "bL"; missing 'b2'"""),
    (network(W1=None), X, ValueError, r"missing 'W1'"),
    (network(W3=np.ones((1, 1))), X, ValueError, r"missing 'b3'"),
    (network(c1=np.ones((3, 1))), X, ValueError, r"unexpected 'c1'"),
    (network(W0=np.ones((2, 2))), X, ValueError, r"unexpected 'W0'"),
    ({}, X, ValueError, r"""no layer keys such as "W1" \(keys found: none\)"""),
    ([np.ones((1, 2)), np.ones((1, 1))], X, TypeError, r"parameters must be a dict .* got list"),
    # shapes that do not chain
    (network(W2=np.ones((1, 4))), X, ValueError,
     r"layer 2: parameters\['W2'\] has shape \(1, 4\), so it expects 4 inputs, but layer 1 has 3 "
     r"units \(parameters\['W1'\] has shape \(3, 2\)\); W2 must have shape \(n\^\[2\], n\^\[1\]\) = \(1, 3\)"),
    (network(W1=np.ones((3, 5))), X, ValueError,
     r"layer 1: parameters\['W1'\] has shape \(3, 5\), so it expects 5 features, but X has shape "
     r"\(2, 3\) \(n_x = 2\); W1 must have shape \(n\^\[1\], n_x\) = \(3, 2\)"),
    (network(W1=np.ones(2)), X, ValueError, r"parameters\['W1'\] must be a 2-D array .* got shape \(2,\)"),
    (network(W1=np.ones((0, 2))), X, ValueError, r"parameters\['W1'\] must be a 2-D array .*no empty axis"),
    # biases
    (network(b1=np.zeros((1, 3))), X, ValueError,
     r"layer 1: parameters\['b1'\] must have shape \(n\^\[1\], 1\) = \(3, 1\) to match W1 of shape \(3, 2\); got shape \(1, 3\)"),
    (network(b1=np.zeros(3)), X, ValueError, r"parameters\['b1'\] must have shape .* got shape \(3,\) \(a rank-1 array"),
    (network(b2=0.0), X, ValueError, r"parameters\['b2'\] must have shape \(n\^\[2\], 1\) = \(1, 1\) .* got shape \(\)"),
    # values
    (network(W1=np.array([[1.0, 2], [np.nan, 0], [0, 0]])), X, ValueError, r"parameters\['W1'\] must be finite, got nan at index \(1, 0\)"),
    (network(b2=np.array([[np.inf]])), X, ValueError, r"parameters\['b2'\] must be finite, got inf"),
    (network(W2=np.array([["a", "b", "c"]])), X, TypeError, r"parameters\['W2'\] must hold real numbers"),
    (network(), np.array([[1.0, np.inf, 3], [4, 5, 6]]), ValueError, r"X must be finite, got inf at index \(0, 1\)"),
    (network(), X[0], ValueError, r"X must be 2-D with shape \(n_x, m\)"),
    (network(), np.zeros((2, 0)), ValueError, r"X must hold at least one example"),
]
# fmt: on


@pytest.mark.parametrize(("parameters", "X_", "error", "message"), BAD_NETWORKS)
def test_bad_networks_are_rejected_by_every_entry_point(parameters, X_, error, message):
    with pytest.raises(error, match=message):
        network_cost_and_gradients(parameters, X_, Y)
    with pytest.raises(error, match=message):
        predict_network(parameters, X_)
    with pytest.raises(error, match=message):
        model_forward(parameters, X_)
    with pytest.raises(error, match=message):
        train_network(parameters, X_, Y, learning_rate=0.1, num_iterations=1)


def test_check_network_without_x_still_checks_the_chain():
    with pytest.raises(ValueError, match=r"layer 2: parameters\['W2'\] has shape \(1, 4\)"):
        check_network(network(W2=np.ones((1, 4))))
    checked, no_X, L = check_network(network(W1=np.ones((3, 7), dtype=int)))
    assert no_X is None
    assert L == 2
    assert checked["W1"].dtype == np.float64


@pytest.mark.parametrize(
    ("Y_", "error", "message"),
    [
        (np.array([[0, 2, 1]]), ValueError, r"Y must hold labels 0 or 1 only; got \[2.0\]"),
        (
            np.array([[0, 0.5, -1]]),
            ValueError,
            r"Y must hold labels 0 or 1 only; got \[-1.0, 0.5\]",
        ),
        (np.array([[0, 1]]), ValueError, r"Y must have shape \(1, m\) = \(1, 3\) .*\(1, 2\)"),
        (np.array([0, 1, 1]), ValueError, r"Y must have shape \(1, m\) = \(1, 3\) .*\(3,\)"),
        (np.array([[0], [1], [1]]), ValueError, r"Y must have shape .*got shape \(3, 1\)"),
        (np.array([[0, np.nan, 1]]), ValueError, r"Y must be finite"),
        (np.array([[False, True, True]]), TypeError, r"Y must hold real numbers.*bool"),
    ],
)
def test_bad_labels_are_rejected(Y_, error, message):
    with pytest.raises(error, match=message):
        network_cost_and_gradients(network(), X, Y_)
    with pytest.raises(error, match=message):
        train_network(network(), X, Y_, learning_rate=0.1, num_iterations=1)
    AL, caches = model_forward(network(), X)
    with pytest.raises(error, match=message):
        model_backward(AL, Y_, caches)
    _, cache = forward_propagation(network(), X)
    with pytest.raises(error, match=message):
        backward_propagation(network(), cache, X, Y_)


VALID_NAMES = r"'sigmoid', 'tanh', 'relu', 'leaky_relu'"


@pytest.mark.parametrize("bad", ["softmax", "ReLU", "", None])
def test_an_unknown_activation_lists_the_valid_ones(bad):
    message = rf"hidden_activation must be one of {VALID_NAMES}; got {bad!r}"
    calls = [
        lambda: network_cost_and_gradients(network(), X, Y, hidden_activation=bad),
        lambda: train_network(
            network(), X, Y, learning_rate=0.1, num_iterations=1, hidden_activation=bad
        ),
        lambda: predict_network(network(), X, hidden_activation=bad),
        lambda: model_forward(network(), X, hidden_activation=bad),
        lambda: forward_propagation(network(), X, hidden_activation=bad),
        lambda: forward_propagation_loop(network(), X, hidden_activation=bad),
    ]
    for call in calls:
        with pytest.raises(ValueError, match=message):
            call()


def test_the_output_layer_must_have_one_unit():
    two_outputs = network(W2=np.ones((2, 3)), b2=np.zeros((2, 1)))
    message = r"output layer must have one unit.*parameters\['W2'\] must have shape \(1, n\^\[1\]\), got \(2, 3\)"
    with pytest.raises(ValueError, match=message):
        network_cost_and_gradients(two_outputs, X, Y)
    with pytest.raises(ValueError, match=r"output layer must have one unit"):
        forward_propagation(two_outputs, X)


def test_the_shallow_network_needs_exactly_two_layers():
    three_layers = network(W3=np.ones((1, 1)), b3=np.zeros((1, 1)))
    with pytest.raises(ValueError, match=r"one hidden layer and one output layer .* got L = 3"):
        forward_propagation(three_layers, X)
    with pytest.raises(ValueError, match=r"got L = 1"):
        forward_propagation_loop({"W1": np.ones((1, 2)), "b1": np.zeros((1, 1))}, X)


def test_backward_propagation_checks_the_cache():
    _, cache = forward_propagation(network(), X)
    with pytest.raises(ValueError, match=r"cache is missing 'A1'"):
        backward_propagation(network(), {k: v for k, v in cache.items() if k != "A1"}, X, Y)
    with pytest.raises(ValueError, match=r"cache\['Z1'\] must have shape \(3, 3\) .* \(3, 2\)"):
        backward_propagation(network(), {**cache, "Z1": np.zeros((3, 2))}, X, Y)
    with pytest.raises(TypeError, match=r"cache must be the dict that forward_propagation"):
        backward_propagation(network(), [cache], X, Y)


def test_model_backward_checks_its_output_and_caches():
    AL, caches = model_forward(network(), X)
    with pytest.raises(ValueError, match=r"AL must have shape \(1, m\).*got shape \(3,\)"):
        model_backward(AL[0], Y, caches)
    with pytest.raises(ValueError, match=r"caches must be the non-empty list"):
        model_backward(AL, Y, [])
    with pytest.raises(
        ValueError, match=r"caches\[1\] \(layer 2\) must be \(\(A_prev, W, b\), Z\)"
    ):
        model_backward(AL, Y, [caches[0], caches[1][1]])


# (layer_dims, error, message)
BAD_LAYER_DIMS = [
    (
        [3],
        ValueError,
        r"layer_dims must have at least 2 entries, the input size n_x and one layer, got \[3\]",
    ),
    ([], ValueError, r"layer_dims must have at least 2 entries"),
    ([3, 0, 1], ValueError, r"layer_dims\[1\] must be 1 or more units, got 0"),
    ([3, 4, -1], ValueError, r"layer_dims\[2\] must be 1 or more units, got -1"),
    ([3, 2.5, 1], TypeError, r"layer_dims\[1\] must be a whole number of units, got float 2.5"),
    ([3, 4.0, 1], TypeError, r"layer_dims\[1\] must be a whole number of units, got float 4.0"),
    ([True, 4, 1], TypeError, r"layer_dims\[0\] must be a whole number of units, got bool"),
    ("231", TypeError, r"layer_dims must be a list of layer sizes .* got str '231'"),
    (5, TypeError, r"layer_dims must be a list of layer sizes .* got int 5"),
]


@pytest.mark.parametrize(("layer_dims", "error", "message"), BAD_LAYER_DIMS)
def test_bad_layer_dims_are_rejected(layer_dims, error, message):
    with pytest.raises(error, match=message):
        initialize_parameters(layer_dims, np.random.default_rng(0))
    with pytest.raises(error, match=message):
        layer_shapes(layer_dims, m=4)


def test_numpy_integers_are_fine_layer_sizes():
    parameters = initialize_parameters(np.array([2, 3, 1]), np.random.default_rng(0))
    assert parameters["W1"].shape == (3, 2)


@pytest.mark.parametrize("m", [0, -2, 2.0, True, "4"])
def test_layer_shapes_needs_a_whole_positive_m(m):
    with pytest.raises(ValueError, match=r"m must be a whole number of examples, 1 or more"):
        layer_shapes([2, 3, 1], m)


@pytest.mark.parametrize(
    "rng", [0, None, np.random.RandomState(0), np.random, np.random.default_rng]
)
def test_rng_must_be_a_numpy_generator(rng):
    message = r"rng must be a numpy random Generator, for example np.random.default_rng\(0\); got"
    with pytest.raises(TypeError, match=message):
        initialize_parameters([2, 3, 1], rng)
    with pytest.raises(TypeError, match=message):
        make_petals(10, rng=rng)


@pytest.mark.parametrize(
    ("scale", "error", "message"),
    [
        (-0.01, ValueError, r"scale must be 0 or more, got -0.01"),
        (float("nan"), ValueError, r"scale must be finite"),
        ("small", TypeError, r"scale must be a real number, got str"),
    ],
)
def test_bad_scale_is_rejected(scale, error, message):
    with pytest.raises(error, match=message):
        initialize_parameters([2, 3, 1], np.random.default_rng(0), scale=scale)


# (keyword arguments of train_network, error, message)
BAD_SETTINGS = [
    (
        {"learning_rate": 0.0, "num_iterations": 1},
        ValueError,
        r"learning_rate must be greater than 0, got 0.0",
    ),
    (
        {"learning_rate": -1.0, "num_iterations": 1},
        ValueError,
        r"learning_rate must be greater than 0, got -1.0",
    ),
    (
        {"learning_rate": float("inf"), "num_iterations": 1},
        ValueError,
        r"learning_rate must be finite",
    ),
    (
        {"learning_rate": "fast", "num_iterations": 1},
        TypeError,
        r"learning_rate must be a real number, got str",
    ),
    (
        {"learning_rate": 0.1, "num_iterations": -1},
        ValueError,
        r"num_iterations must be 0 or more, got -1",
    ),
    (
        {"learning_rate": 0.1, "num_iterations": 10.0},
        TypeError,
        r"num_iterations must be a whole number, got float 10.0",
    ),
    (
        {"learning_rate": 0.1, "num_iterations": None},
        TypeError,
        r"num_iterations must be a whole number, got NoneType",
    ),
]


@pytest.mark.parametrize(("kwargs", "error", "message"), BAD_SETTINGS)
def test_bad_training_settings_are_rejected(kwargs, error, message):
    with pytest.raises(error, match=message):
        train_network(network(), X, Y, **kwargs)


def test_update_parameters_checks_the_gradients_and_the_step():
    _, grads = network_cost_and_gradients(network(), X, Y)
    with pytest.raises(ValueError, match=r"learning_rate must be greater than 0, got -0.5"):
        update_parameters(network(), grads, -0.5)
    with pytest.raises(ValueError, match=r"grads must have exactly the keys .* missing \['db2'\]"):
        update_parameters(network(), {k: v for k, v in grads.items() if k != "db2"}, 0.1)
    with pytest.raises(
        ValueError, match=r"grads\['dW1'\] must have the shape of .*\(3, 2\); got shape \(2, 3\)"
    ):
        update_parameters(network(), {**grads, "dW1": np.zeros((2, 3))}, 0.1)
    with pytest.raises(ValueError, match=r"grads\['db1'\] must be finite"):
        update_parameters(network(), {**grads, "db1": np.full((3, 1), np.nan)}, 0.1)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"m": 0}, ValueError, r"m must be a whole number of examples, 1 or more, got 0"),
        (
            {"m": 10, "petals": 3},
            ValueError,
            r"petals must be an even whole number, 2 or more, got 3",
        ),
        ({"m": 10, "petals": 0}, ValueError, r"petals must be an even whole number"),
        ({"m": 10, "noise": -0.1}, ValueError, r"noise must be 0 or more, got -0.1"),
    ],
)
def test_make_petals_rejects_bad_settings(kwargs, error, message):
    with pytest.raises(error, match=message):
        make_petals(**kwargs, rng=np.random.default_rng(0))


def test_a_transposed_weight_matrix_is_named_as_such():
    rng = np.random.default_rng(0)
    parameters = initialize_parameters([3, 4, 5, 1], rng)
    parameters["W2"] = parameters["W2"].T  # (4, 5) instead of (5, 4)
    with pytest.raises(
        ValueError, match=r"W2 must have shape .* = \(5, 4\) \(it looks transposed"
    ):
        network_cost_and_gradients(parameters, rng.normal(size=(3, 6)), np.ones((1, 6)))


# --- a diverging run stops with one clear error, not NumPy warnings -----------------------


@pytest.mark.parametrize(
    ("layer_dims", "hidden_activation", "num_iterations", "iteration"),
    [
        ([2, 4, 1], "relu", 10, 2),  # the second forward pass meets an infinite z
        ([2, 5, 3, 1], "leaky_relu", 10, 2),
        ([2, 1], "relu", 10, 2),  # logistic regression: the second cost is NaN
        ([2, 1], "relu", 1, 1),  # the only update overflows: caught after the loop
    ],
)
def test_a_diverging_run_stops_naming_the_iteration_and_the_likely_cause(
    layer_dims, hidden_activation, num_iterations, iteration
):
    X, Y = make_petals(40, noise=0.1, rng=np.random.default_rng(0))
    unscaled = X * 1e150
    start = initialize_parameters(layer_dims, np.random.default_rng(1))
    largest = re.escape(f"{np.abs(unscaled).max():.3g}")
    message = (
        rf"training diverged in iteration {iteration}: .*learning rate \(1e\+300\) is likely "
        rf"too large, or the features are not scaled \(the largest \|x\| is {largest}\)"
    )
    with pytest.raises(FloatingPointError, match=message):  # and no warning: they are errors
        train_network(
            start,
            unscaled,
            Y,
            learning_rate=1e300,
            num_iterations=num_iterations,
            hidden_activation=hidden_activation,
        )
