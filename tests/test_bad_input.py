"""Every bad input raises an error that names the argument, what it got and what was expected."""

import numpy as np
import pytest

from coursecode import (
    gradient_descent,
    gradients_fast,
    gradients_two_loops,
    gradients_vectorized,
    predict,
)

GRADIENTS = [gradients_two_loops, gradients_vectorized, gradients_fast]

X = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])  # n_x = 2, m = 3
Y = np.array([[0, 1, 1]])
W = np.zeros((2, 1))

# (w, b, X, Y, error, message): one bad input per row.
# fmt: off
BAD_DATA = [
    # shapes
    (W, 0.0, X, np.array([[0, 1]]), ValueError, r"Y must have shape \(1, m\) = \(1, 3\).*\(1, 2\)"),
    (W, 0.0, X, np.array([0, 1, 1]), ValueError, r"Y must have shape .*got shape \(3,\)"),
    (np.zeros((3, 1)), 0.0, X, Y, ValueError, r"w must have shape \(n_x, 1\) = \(2, 1\).*\(3, 1\)"),
    (np.zeros(2), 0.0, X, Y, ValueError, r"w must have shape .*\(2,\).*rank-1"),
    (np.zeros((1, 2)), 0.0, X, Y, ValueError, r"w must have shape .*got shape \(1, 2\)"),
    (W, 0.0, X[0], Y, ValueError, r"X must be 2-D with shape \(n_x, m\).*1-D with shape \(3,\)"),
    (W, 0.0, X[None], Y, ValueError, r"X must be 2-D .*3-D"),
    (W, 0.0, np.zeros((2, 0)), np.zeros((1, 0)), ValueError, r"X must hold at least one example \(m >= 1\)"),
    (np.zeros((0, 1)), 0.0, np.zeros((0, 3)), Y, ValueError, r"X must have at least one feature"),
    # values
    (W, 0.0, X, np.array([[0, 2, 1]]), ValueError, r"Y must hold labels 0 or 1 only; got \[2.0\]"),
    (W, 0.0, X, np.array([[0, 0.5, -1]]), ValueError, r"Y must hold labels 0 or 1.*\[-1.0, 0.5\]"),
    (W, 0.0, np.array([[1.0, np.nan, 3], [4, 5, 6]]), Y, ValueError, r"X must be finite, got nan at index \(0, 1\)"),
    (W, 0.0, np.array([[1.0, 2, 3], [4, 5, np.inf]]), Y, ValueError, r"X must be finite, got inf at index \(1, 2\)"),
    (np.array([[np.nan], [0]]), 0.0, X, Y, ValueError, r"w must be finite"),
    (W, float("inf"), X, Y, ValueError, r"b must be finite, got inf"),
    (W, float("nan"), X, Y, ValueError, r"b must be finite, got nan"),
    (W, 0.0, X, np.array([[0, np.nan, 1]]), ValueError, r"Y must be finite"),
    # types
    (W, "0", X, Y, TypeError, r"b must be a real number, got str '0'"),
    (W, None, X, Y, TypeError, r"b must be a real number, got NoneType"),
    (W, True, X, Y, TypeError, r"b must be a real number, got bool"),
    (W, np.zeros((2, 1)), X, Y, TypeError, r"b must be a single number, got an array of shape \(2, 1\)"),
    (W, 0.0, np.array([["a", "b", "c"]] * 2), Y, TypeError, r"X must hold real numbers, got an array of dtype <U1"),
    (W, 0.0, X, np.array([[False, True, True]]), TypeError, r"Y must hold real numbers.*bool"),
    (W, 0.0, [[1, 2, 3], [4, 5]], Y, ValueError, r"X must be a rectangular array of numbers"),
]

# (keyword arguments of gradient_descent, error, message)
BAD_SETTINGS = [
    ({"learning_rate": 0.0, "num_iterations": 1}, ValueError, r"learning_rate must be greater than 0, got 0.0"),
    ({"learning_rate": -0.1, "num_iterations": 1}, ValueError, r"learning_rate must be greater than 0, got -0.1"),
    ({"learning_rate": float("nan"), "num_iterations": 1}, ValueError, r"learning_rate must be finite"),
    ({"learning_rate": "fast", "num_iterations": 1}, TypeError, r"learning_rate must be a real number, got str"),
    ({"learning_rate": 0.1, "num_iterations": -1}, ValueError, r"num_iterations must be 0 or more, got -1"),
    ({"learning_rate": 0.1, "num_iterations": 2.5}, TypeError, r"num_iterations must be a whole number, got float 2.5"),
    ({"learning_rate": 0.1, "num_iterations": True}, TypeError, r"num_iterations must be a whole number, got bool"),
]
# fmt: on


@pytest.mark.parametrize("gradients", GRADIENTS)
@pytest.mark.parametrize(("w", "b", "X_", "Y_", "error", "message"), BAD_DATA)
def test_bad_data_is_rejected_with_a_clear_message(gradients, w, b, X_, Y_, error, message):
    with pytest.raises(error, match=message):
        gradients(w, b, X_, Y_)


@pytest.mark.parametrize(("kwargs", "error", "message"), BAD_SETTINGS)
def test_bad_training_settings_are_rejected(kwargs, error, message):
    with pytest.raises(error, match=message):
        gradient_descent(W, 0.0, X, Y, **kwargs)


def test_gradient_descent_checks_the_data_too():
    with pytest.raises(ValueError, match=r"Y must hold labels 0 or 1"):
        gradient_descent(W, 0.0, X, Y * 3, learning_rate=0.1, num_iterations=1)


def test_predict_checks_its_inputs():
    with pytest.raises(ValueError, match=r"w must have shape \(n_x, 1\) = \(2, 1\)"):
        predict(np.zeros((3, 1)), 0.0, X)
    with pytest.raises(ValueError, match=r"X must be finite"):
        predict(W, 0.0, np.full((2, 3), np.nan))
