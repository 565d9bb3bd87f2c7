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


def test_the_inputs_are_checked_once_per_call_not_once_per_iteration(monkeypatch):
    from coursecode.logistic_regression import training, vectorized

    calls = {"training": 0, "vectorized": 0}

    def counting(where, check):
        def wrapped(*args, **kwargs):
            calls[where] += 1
            return check(*args, **kwargs)

        return wrapped

    monkeypatch.setattr(
        training,
        "check_parameters_and_data",
        counting("training", training.check_parameters_and_data),
    )
    monkeypatch.setattr(
        vectorized,
        "check_parameters_and_data",
        counting("vectorized", vectorized.check_parameters_and_data),
    )
    X, Y = make_two_blobs(50, n_x=3, seed=4)
    gradient_descent(np.zeros((3, 1)), 0.0, X, Y, learning_rate=0.1, num_iterations=7)
    assert calls == {"training": 1, "vectorized": 0}


def test_a_gradients_function_of_ones_own_is_called_every_iteration_with_checked_arrays():
    seen = []

    def recording(w, b, X, Y):
        seen.append((type(X), X.dtype, Y.dtype, w.shape))
        return gradients_two_loops(w, b, X, Y)

    X = [[-2, -1, 1, 2]]  # a list of ints: converted once, to float64
    result = gradient_descent(
        [[0.0]], 0.0, X, [[0, 0, 1, 1]], learning_rate=1.0, num_iterations=4, gradients=recording
    )
    assert seen == [(np.ndarray, np.float64, np.float64, (1, 1))] * 4
    assert len(result.costs) == 4


def test_float32_data_trains_in_float32_close_to_float64():
    X, Y = make_two_blobs(300, n_x=4, seed=5)
    kwargs = {"learning_rate": 0.5, "num_iterations": 20}
    double = gradient_descent(np.zeros((4, 1)), 0.0, X, Y, **kwargs)
    single = gradient_descent(np.zeros((4, 1)), 0.0, X.astype(np.float32), Y, **kwargs)
    assert single.w.dtype == np.float32
    np.testing.assert_allclose(single.w, double.w, atol=1e-4)
    np.testing.assert_allclose(single.costs, double.costs, atol=1e-4)
    assert (
        predict(single.w, single.b, X.astype(np.float32)).tolist()
        == predict(double.w, double.b, X).tolist()
    )
