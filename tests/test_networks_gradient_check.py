"""Gradient checking (Week 4): backpropagation against central differences of the cost, for
every parameter entry, depths 1 to 5, random layer sizes and every hidden activation."""

import numpy as np
import pytest

from coursecode import network_cost_and_gradients
from coursecode.activations import ACTIVATIONS
from coursecode.networks.deep import model_forward

HIDDEN = sorted(ACTIVATIONS)
KINKED = {"relu", "leaky_relu"}  # no derivative at z = 0
EPSILON = 1e-6
MARGIN = 1e-3  # |z| of every hidden pre-activation at least this far from the kink
TOLERANCE = 1e-7

largest_difference_seen = {}  # (depth, hidden, seed) -> relative difference, for the report


def hidden_pre_activations(parameters, X, hidden):
    _, caches = model_forward(parameters, X, hidden_activation=hidden)
    return [Z for _, Z in caches[:-1]]  # the output layer is a sigmoid: no kink


def draw_network(depth, hidden, seed):
    """Random layer sizes (1 to 5 units), parameters, X and Y for an L = depth network.

    For ReLU-like activations, draws again until no hidden pre-activation is within MARGIN
    of 0; the steps of size EPSILON below then move none of them across the kink.
    """
    rng = np.random.default_rng(seed)
    while True:
        layer_dims = [int(n) for n in rng.integers(1, 6, size=depth)] + [1]
        m = int(rng.integers(1, 9))
        parameters = {}
        for l in range(1, depth + 1):
            n, n_prev = layer_dims[l], layer_dims[l - 1]
            parameters[f"W{l}"] = rng.standard_normal((n, n_prev)) / np.sqrt(n_prev)
            parameters[f"b{l}"] = 0.5 * rng.standard_normal((n, 1))
        X = rng.standard_normal((layer_dims[0], m))
        Y = rng.integers(0, 2, size=(1, m))
        Zs = hidden_pre_activations(parameters, X, hidden)
        if hidden not in KINKED or all(np.abs(Z).min() > MARGIN for Z in Zs):
            return parameters, X, Y


def numerical_gradients(parameters, X, Y, hidden):
    """(J(theta + eps) - J(theta - eps)) / (2 eps) for every entry of every parameter."""
    signs = [np.sign(Z) for Z in hidden_pre_activations(parameters, X, hidden)]
    grads = {}
    for name, value in parameters.items():
        grads["d" + name] = np.zeros_like(value)
        for index in np.ndindex(value.shape):
            costs = []
            for step in (EPSILON, -EPSILON):
                moved = {key: array.copy() for key, array in parameters.items()}
                moved[name][index] += step
                if hidden in KINKED:  # the step must not cross a kink, or the check is void
                    moved_Zs = hidden_pre_activations(moved, X, hidden)
                    for Z, sign in zip(moved_Zs, signs, strict=True):
                        np.testing.assert_array_equal(np.sign(Z), sign)
                cost, _ = network_cost_and_gradients(moved, X, Y, hidden_activation=hidden)
                costs.append(cost)
            grads["d" + name][index] = (costs[0] - costs[1]) / (2 * EPSILON)
    return grads


def relative_difference(grads, approx):
    """||g - g_approx|| / (||g|| + ||g_approx||) over all parameters, flattened together."""
    g = np.concatenate([grads[key].ravel() for key in sorted(grads)])
    g_approx = np.concatenate([approx[key].ravel() for key in sorted(grads)])
    return np.linalg.norm(g - g_approx) / (np.linalg.norm(g) + np.linalg.norm(g_approx))


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("hidden", HIDDEN)
@pytest.mark.parametrize("depth", [1, 2, 3, 4, 5])
def test_backpropagation_matches_central_differences(depth, hidden, seed):
    parameters, X, Y = draw_network(depth, hidden, seed=100 * depth + seed)
    _, grads = network_cost_and_gradients(parameters, X, Y, hidden_activation=hidden)
    approx = numerical_gradients(parameters, X, Y, hidden)
    assert set(grads) == set(approx)
    difference = relative_difference(grads, approx)
    largest_difference_seen[(depth, hidden, seed)] = difference
    assert difference < TOLERANCE


def test_the_check_catches_a_wrong_gradient():
    # The same check on a deliberately broken gradient (one entry of dW1 off by 1%) fails:
    # the tolerance is tight enough to see a real bug.
    parameters, X, Y = draw_network(3, "tanh", seed=5)
    _, grads = network_cost_and_gradients(parameters, X, Y, hidden_activation="tanh")
    approx = numerical_gradients(parameters, X, Y, "tanh")
    broken = {key: value.copy() for key, value in grads.items()}
    index = np.unravel_index(np.abs(broken["dW1"]).argmax(), broken["dW1"].shape)
    broken["dW1"][index] *= 1.01
    assert relative_difference(grads, approx) < TOLERANCE
    assert relative_difference(broken, approx) > 100 * TOLERANCE
