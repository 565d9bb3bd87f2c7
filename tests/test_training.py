"""gradient_descent and predict."""

import numpy as np
import pytest

from coursecode import gradient_descent, gradients_two_loops, gradients_vectorized, predict
from coursecode.core.data import make_two_blobs


def test_cost_falls_and_accuracy_is_high_on_separable_data():
    X, Y = make_two_blobs(400, n_x=2, separation=4.0, seed=1)
    result = gradient_descent(np.zeros((2, 1)), 0.0, X, Y, learning_rate=0.5, num_iterations=300)
    costs = np.array(result.costs)
    assert costs[0] == pytest.approx(np.log(2), rel=1e-12)  # w = 0, b = 0: a = 1/2 everywhere
    assert np.all(np.diff(costs) < 0), "batch gradient descent with a small step never goes up"
    assert costs[-1] < 0.15
    accuracy = np.mean(predict(result.w, result.b, X) == Y)
    assert accuracy >= 0.95


def test_costs_are_recorded_before_each_update():
    X, Y = make_two_blobs(30, n_x=3, seed=2)
    result = gradient_descent(np.zeros((3, 1)), 0.0, X, Y, learning_rate=0.1, num_iterations=3)
    assert len(result.costs) == 3
    w, b = np.zeros((3, 1)), 0.0
    for k in range(3):
        grads = gradients_vectorized(w, b, X, Y)
        assert result.costs[k] == grads.cost
        w, b = w - 0.1 * grads.dw, b - 0.1 * grads.db
    np.testing.assert_array_equal(result.w, w)
    assert result.b == b


def test_training_with_either_implementation_gives_the_same_parameters():
    X, Y = make_two_blobs(60, n_x=4, seed=3)
    kwargs = {"learning_rate": 0.3, "num_iterations": 25}
    loops = gradient_descent(np.zeros((4, 1)), 0.0, X, Y, gradients=gradients_two_loops, **kwargs)
    vectorized = gradient_descent(np.zeros((4, 1)), 0.0, X, Y, **kwargs)
    np.testing.assert_allclose(loops.w, vectorized.w, rtol=1e-10)
    assert loops.b == pytest.approx(vectorized.b, rel=1e-10)
    np.testing.assert_allclose(loops.costs, vectorized.costs, rtol=1e-10)


def test_zero_iterations_returns_the_start_and_the_caller_arrays_are_untouched():
    X, Y = make_two_blobs(10)
    w = np.array([[0.5], [-0.25]])
    result = gradient_descent(w, 1.5, X, Y, learning_rate=0.1, num_iterations=0)
    assert result.costs == []
    np.testing.assert_array_equal(result.w, w)
    assert result.w is not w
    result = gradient_descent(w, 1.5, X, Y, learning_rate=0.1, num_iterations=5)
    np.testing.assert_array_equal(w, [[0.5], [-0.25]])
    assert isinstance(result.b, float)


def test_predict_thresholds_at_one_half():
    # z = w.x + b = -1, -1e-9, 0, 1e-9, 1: sigma(z) > 0.5 only for z > 0
    X = np.array([[-1.0, -1e-9, 0.0, 1e-9, 1.0]])
    predictions = predict([[1.0]], 0.0, X)
    np.testing.assert_array_equal(predictions, [[0, 0, 0, 1, 1]])
    assert predictions.dtype.kind == "i"
    assert predictions.shape == (1, 5)
