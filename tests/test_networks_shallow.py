"""Week 3's one-hidden-layer network: the loop and the vectorized forward pass agree, the six
backward equations are the gradient, the network is the deep code at L = 2, and zero weights
keep every hidden unit the same."""

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from coursecode import network_cost_and_gradients, train_network
from coursecode.activations import ACTIVATIONS
from coursecode.networks.deep import model_backward, model_forward
from coursecode.networks.parameters import initialize_parameters
from coursecode.networks.shallow import (
    backward_propagation,
    forward_propagation,
    forward_propagation_loop,
)

HIDDEN = sorted(ACTIVATIONS)

finite = st.floats(-10, 10, allow_nan=False, allow_infinity=False)


@st.composite
def shallow_problems(draw):
    """Parameters, X, Y and a hidden activation; n_x, n_h and m of 1 are drawn often."""
    n_x = draw(st.integers(1, 5))
    n_h = draw(st.integers(1, 5))
    m = draw(st.integers(1, 20))
    parameters = {
        "W1": draw(arrays(np.float64, (n_h, n_x), elements=finite)),
        "b1": draw(arrays(np.float64, (n_h, 1), elements=finite)),
        "W2": draw(arrays(np.float64, (1, n_h), elements=finite)),
        "b2": draw(arrays(np.float64, (1, 1), elements=finite)),
    }
    X = draw(arrays(np.float64, (n_x, m), elements=finite))
    Y = draw(arrays(np.int64, (1, m), elements=st.integers(0, 1)))
    return parameters, X, Y, draw(st.sampled_from(HIDDEN))


def smallest_problem(hidden_activation):
    """n_x = n_h = m = 1, the edge every shape-handling bug shows up at."""
    parameters = {
        "W1": np.array([[0.5]]),
        "b1": np.array([[-0.25]]),
        "W2": np.array([[2.0]]),
        "b2": np.array([[0.1]]),
    }
    return parameters, np.array([[1.5]]), np.array([[1]]), hidden_activation


@settings(max_examples=200, deadline=None)
@given(shallow_problems())
@example(smallest_problem("tanh"))
@example(smallest_problem("relu"))
def test_loop_over_examples_and_vectorized_forward_agree(problem):
    parameters, X, _, hidden = problem
    A2, cache = forward_propagation(parameters, X, hidden_activation=hidden)
    A2_loop = forward_propagation_loop(parameters, X, hidden_activation=hidden)
    m = X.shape[1]
    n_h = parameters["W1"].shape[0]
    assert A2.shape == A2_loop.shape == (1, m)
    assert cache["Z1"].shape == cache["A1"].shape == (n_h, m)
    assert cache["Z2"].shape == (1, m)
    assert cache["A2"] is A2
    # atol only matters for outputs in the subnormal range (below about 1e-308)
    np.testing.assert_allclose(A2_loop, A2, rtol=1e-10, atol=1e-300)


def test_forward_values_by_hand():
    # Two tanh units that see x and -x, and an output that adds them up with weights 1 and 2:
    # z2 = tanh(x) + 2 tanh(-x) + 0.5 = 0.5 - tanh(x).
    parameters = {
        "W1": [[1.0], [-1.0]],
        "b1": [[0.0], [0.0]],
        "W2": [[1.0, 2.0]],
        "b2": [[0.5]],
    }
    X = np.array([[-1.0, 0.0, 2.0]])
    expected = 1 / (1 + np.exp(-(0.5 - np.tanh(X))))
    A2, cache = forward_propagation(parameters, X)
    np.testing.assert_allclose(cache["Z1"], [[-1.0, 0.0, 2.0], [1.0, 0.0, -2.0]], rtol=0)
    np.testing.assert_allclose(A2, expected, rtol=1e-15)
    np.testing.assert_allclose(forward_propagation_loop(parameters, X), expected, rtol=1e-15)


def random_shallow(n_x, n_h, m, seed):
    rng = np.random.default_rng(seed)
    parameters = {
        "W1": rng.standard_normal((n_h, n_x)),
        "b1": rng.standard_normal((n_h, 1)),
        "W2": rng.standard_normal((1, n_h)),
        "b2": rng.standard_normal((1, 1)),
    }
    X = rng.standard_normal((n_x, m))
    Y = rng.integers(0, 2, size=(1, m))
    return parameters, X, Y


@pytest.mark.parametrize("hidden", HIDDEN)
@pytest.mark.parametrize(("n_x", "n_h", "m", "seed"), [(1, 1, 1, 0), (3, 4, 9, 1), (2, 6, 30, 2)])
def test_shallow_is_the_deep_network_at_two_layers(hidden, n_x, n_h, m, seed):
    parameters, X, Y = random_shallow(n_x, n_h, m, seed)
    A2, cache = forward_propagation(parameters, X, hidden_activation=hidden)
    AL, caches = model_forward(parameters, X, hidden_activation=hidden)
    np.testing.assert_allclose(A2, AL, rtol=1e-14)
    np.testing.assert_allclose(cache["Z1"], caches[0][1], rtol=1e-14)
    np.testing.assert_allclose(cache["A1"], caches[1][0][0], rtol=1e-14)
    np.testing.assert_allclose(cache["Z2"], caches[1][1], rtol=1e-14)

    grads = backward_propagation(parameters, cache, X, Y, hidden_activation=hidden)
    deep_grads = model_backward(AL, Y, caches, hidden_activation=hidden)
    assert set(grads) == set(deep_grads) == {"dW1", "db1", "dW2", "db2"}
    for name, gradient in grads.items():
        assert gradient.shape == parameters[name[1:]].shape
        np.testing.assert_allclose(gradient, deep_grads[name], rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("hidden", ["tanh", "sigmoid"])
def test_the_six_backward_equations_are_the_gradient_of_the_cost(hidden):
    # Smooth activations, so central differences apply everywhere.
    parameters, X, Y = random_shallow(3, 4, 11, seed=7)
    _, cache = forward_propagation(parameters, X, hidden_activation=hidden)
    grads = backward_propagation(parameters, cache, X, Y, hidden_activation=hidden)
    eps = 1e-6
    for name, value in parameters.items():
        for index in np.ndindex(value.shape):
            plus = {key: array.copy() for key, array in parameters.items()}
            minus = {key: array.copy() for key, array in parameters.items()}
            plus[name][index] += eps
            minus[name][index] -= eps
            J_plus, _ = network_cost_and_gradients(plus, X, Y, hidden_activation=hidden)
            J_minus, _ = network_cost_and_gradients(minus, X, Y, hidden_activation=hidden)
            numerical = (J_plus - J_minus) / (2 * eps)
            assert grads["d" + name][index] == pytest.approx(numerical, rel=1e-6, abs=1e-9)


def test_backward_by_hand_for_one_example():
    # n_x = n_h = m = 1 with tanh: every equation is a product of numbers.
    W1, b1, W2, b2, x, y = 0.5, -0.25, 2.0, 0.1, 1.5, 1
    z1 = W1 * x + b1
    a1 = np.tanh(z1)
    a2 = 1 / (1 + np.exp(-(W2 * a1 + b2)))
    dz2 = a2 - y
    dz1 = W2 * dz2 * (1 - a1**2)
    parameters = {"W1": [[W1]], "b1": [[b1]], "W2": [[W2]], "b2": [[b2]]}
    _, cache = forward_propagation(parameters, [[x]])
    grads = backward_propagation(parameters, cache, [[x]], [[y]])
    assert grads["dW2"][0, 0] == pytest.approx(dz2 * a1, rel=1e-14)
    assert grads["db2"][0, 0] == pytest.approx(dz2, rel=1e-14)
    assert grads["dW1"][0, 0] == pytest.approx(dz1 * x, rel=1e-14)
    assert grads["db1"][0, 0] == pytest.approx(dz1, rel=1e-14)


# --- Lesson 11, random initialization: zero weights make every hidden unit the same ---------


def rows_are_identical(matrix):
    return np.allclose(matrix, matrix[:1], rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("hidden", HIDDEN)
def test_zero_weights_keep_every_hidden_unit_the_same(hidden):
    rng = np.random.default_rng(11)
    X = rng.standard_normal((3, 40))
    Y = (X[0:1] * X[1:2] > 0).astype(int)
    parameters = initialize_parameters([3, 5, 1], rng, scale=0.0)  # W = 0, b = 0
    result = train_network(
        parameters, X, Y, learning_rate=0.5, num_iterations=100, hidden_activation=hidden
    )
    W1 = result.parameters["W1"]
    assert rows_are_identical(W1)
    assert rows_are_identical(result.parameters["b1"])
    _, cache = forward_propagation(result.parameters, X, hidden_activation=hidden)
    assert rows_are_identical(cache["A1"])  # every hidden unit computes the same function
    if hidden == "sigmoid":
        # sigma(0) = 1/2 is not 0, so W2 and then W1 do move, but all rows alike
        assert np.abs(W1).max() > 1e-3


@pytest.mark.parametrize("hidden", HIDDEN)
def test_identical_units_stay_identical_even_when_they_move(hidden):
    # Symmetric but not zero: every hidden unit starts with the same weights and the same
    # weight out to the output. The gradient treats them alike, so they move alike.
    rng = np.random.default_rng(12)
    X = rng.standard_normal((2, 30))
    Y = (X[0:1] > X[1:2]).astype(int)
    parameters = {
        "W1": np.tile([[0.3, -0.7]], (4, 1)),
        "b1": np.full((4, 1), 0.1),
        "W2": np.full((1, 4), 0.5),
        "b2": np.zeros((1, 1)),
    }
    result = train_network(
        parameters, X, Y, learning_rate=0.5, num_iterations=100, hidden_activation=hidden
    )
    W1 = result.parameters["W1"]
    assert rows_are_identical(W1)
    assert np.abs(W1 - parameters["W1"]).max() > 1e-3  # they did move
    _, cache = forward_propagation(result.parameters, X, hidden_activation=hidden)
    assert rows_are_identical(cache["A1"])


@pytest.mark.parametrize("hidden", HIDDEN)
def test_random_initialization_makes_the_hidden_units_differ(hidden):
    rng = np.random.default_rng(13)
    X = rng.standard_normal((3, 40))
    Y = (X[0:1] * X[1:2] > 0).astype(int)
    parameters = initialize_parameters([3, 5, 1], rng)
    result = train_network(
        parameters, X, Y, learning_rate=0.5, num_iterations=100, hidden_activation=hidden
    )
    W1 = result.parameters["W1"]
    _, cache = forward_propagation(result.parameters, X, hidden_activation=hidden)
    for unit in range(1, 5):
        assert np.abs(W1[unit] - W1[0]).max() > 1e-4
        assert np.abs(cache["A1"][unit] - cache["A1"][0]).max() > 1e-6
