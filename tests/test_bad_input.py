"""Every bad input raises an error that names the argument, what it got and what was expected."""

import math
import warnings

import numpy as np
import pytest
import scipy.sparse

from coursecode import (
    cost_from_logits,
    gradient_descent,
    gradients_fast,
    gradients_two_loops,
    gradients_vectorized,
    loss_from_logit,
    predict,
    sigmoid,
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
    (W, 0.0, None, Y, TypeError, r"X must be an array of numbers, got None"),
    (W, 0.0, scipy.sparse.csr_matrix(X), Y, TypeError, r"X must be a dense array.*scipy.sparse csr_matrix; pass X.toarray\(\)"),
    # a weight float32 cannot hold, with float32 X: the computation is in float32
    (np.array([[1e39], [0.0]]), 0.0, X.astype(np.float32), Y, ValueError, r"w holds 1e\+39, beyond the largest float32 number .*pass X as float64"),
    (W, 1e39, X.astype(np.float32), Y, ValueError, r"b holds 1e\+39, beyond the largest float32"),
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


# --- every exported function checks its input ------------------------------------------


@pytest.mark.parametrize(
    ("z", "error", "message"),
    [
        (None, TypeError, r"z must be an array of numbers, got None"),
        ("3", TypeError, r"z must hold real numbers, got an array of dtype <U1"),
        (1j, TypeError, r"z must hold real numbers, got an array of dtype complex128"),
        (
            [0.0, float("nan")],
            ValueError,
            r"z must be a number \(not NaN\), got nan at index \(1,\)",
        ),
    ],
    ids=["None", "string", "complex", "nan"],
)
def test_sigmoid_rejects_what_is_not_a_real_number(z, error, message):
    with pytest.raises(error, match=message):
        sigmoid(z)


def test_sigmoid_has_its_limits_at_infinity_and_an_overflowed_cost_is_nan():
    assert sigmoid(np.array([-np.inf, np.inf])).tolist() == [0.0, 1.0]
    # A logit that overflowed makes the cost nan (0 * inf), which training reports.
    assert math.isnan(cost_from_logits(np.array([[np.inf]]), np.array([[0]])))
    assert math.isnan(loss_from_logit(np.inf, 1))


@pytest.mark.parametrize("label", [2, 5, -1, 0.5])
def test_the_losses_from_logits_accept_only_labels_0_and_1(label):
    with pytest.raises(ValueError, match=r"y must be a label 0 or 1"):
        loss_from_logit(0.3, label)
    with pytest.raises(ValueError, match=r"Y must hold labels 0 or 1 only"):
        cost_from_logits(np.array([[0.3, -0.2]]), np.array([[1, label]]))


def test_cost_from_logits_needs_labels_shaped_like_the_logits():
    with pytest.raises(
        ValueError, match=r"Y must have the shape of Z, \(1, 3\); got shape \(1, 2\)"
    ):
        cost_from_logits(np.zeros((1, 3)), np.zeros((1, 2)))


def test_loss_from_logit_takes_one_logit():
    with pytest.raises(
        TypeError, match=r"z must be a single number, got an array of shape \(2,\)"
    ):
        loss_from_logit([1.0, 2.0], 1)


# --- the three gradient functions agree on every accepted input ------------------------


def matrix(values):
    with warnings.catch_warnings():  # np.matrix warns that it is not recommended
        warnings.simplefilter("ignore", PendingDeprecationWarning)
        return np.matrix(values)


@pytest.mark.parametrize(
    ("w", "b", "X_", "Y_"),
    [
        (W, 0.3, X, matrix(Y)),
        (W, 0.3, matrix(X), Y),
        (np.array([[0.5], [-0.25]]), 1e308, X, Y),  # a logit of 1e308: huge but finite
        (np.array([[3e38], [0.0]]), 0.0, X.astype(np.float32) / 1e3, Y),
    ],
    ids=["matrix Y", "matrix X", "b = 1e308", "w near float32's limit"],
)
def test_the_three_gradient_functions_agree_in_dtype_and_value(w, b, X_, Y_):
    results = [gradients(w, b, X_, Y_) for gradients in GRADIENTS]
    reference = results[1]  # the vectorized course formula
    for name, result in zip(["two_loops", "vectorized", "fast"], results, strict=True):
        assert type(result.dw) is np.ndarray, name
        assert result.dw.dtype == np.asarray(X_).dtype, name
        assert math.isfinite(result.cost), name
        np.testing.assert_allclose(result.dw, reference.dw, rtol=1e-6, err_msg=name)
        assert result.db == pytest.approx(reference.db, rel=1e-6), name
        assert result.cost == pytest.approx(reference.cost, rel=1e-6), name


def test_float32_data_is_computed_in_float32_and_agrees_with_float64():
    rng = np.random.default_rng(3)
    X64 = rng.normal(size=(5, 400))
    Y01 = (rng.random((1, 400)) < 0.5).astype(int)
    w = rng.normal(size=(5, 1))  # float64 weights with float32 X: still float32
    exact = gradients_vectorized(w, 0.1, X64, Y01)
    for gradients in GRADIENTS:
        single = gradients(w, 0.1, X64.astype(np.float32), Y01)
        assert single.dw.dtype == np.float32
        np.testing.assert_allclose(single.dw, exact.dw, atol=1e-4)
        assert abs(single.cost - exact.cost) < 1e-4


# --- training stops with a clear error instead of warnings -------------------------------


@pytest.mark.parametrize("gradients", GRADIENTS)
def test_a_diverging_run_stops_naming_the_iteration_and_the_likely_cause(gradients):
    unscaled = np.array([[-2e300, -1e300, 1e300, 2e300]])
    with pytest.raises(
        FloatingPointError, match=r"diverged in iteration 2: .*learning rate .*not scaled"
    ):
        gradient_descent(
            [[0.0]],
            0.0,
            unscaled,
            [[0, 1, 0, 1]],
            learning_rate=1.0,
            num_iterations=5,
            gradients=gradients,
        )


def test_gradients_must_be_a_function():
    with pytest.raises(TypeError, match=r"gradients must be a function gradients\(w, b, X, Y\)"):
        gradient_descent(W, 0.0, X, Y, learning_rate=0.1, num_iterations=1, gradients="fast")


# --- gradients_vectorized scans X for NaN/inf only when a result is not finite ----------


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
@pytest.mark.parametrize("w", [[[0.0], [0.0]], [[0.0], [1.0]], [[1.0], [-2.0]]])
def test_a_non_finite_x_is_named_whatever_the_weights(bad, w):
    # w = 0 (the usual start) multiplies the bad value by 0; [0, 1] puts it on a feature
    # with weight 0 while the other feature sets a logit of 800, where dz = a - y is
    # exactly 0 (y = 1): the bad value must still reach a result and be named.
    X_bad = np.array([[1.0, 2.0, bad], [4.0, 5.0, 800.0]])
    with pytest.raises(ValueError, match=rf"X must be finite, got {bad} at index \(0, 2\)"):
        gradients_vectorized(w, 0.0, X_bad, [[0, 1, 1]])


def test_a_finite_x_with_an_overflowing_logit_is_not_blamed_on_x():
    # Finite inputs whose logit w^T x overflows to inf: the result is returned as it is
    # (gradient descent reports such a step as divergence), not an error about X.
    result = gradients_vectorized([[1e308]], 0.0, [[10.0, -10.0]], [[1, 1]])
    assert not math.isfinite(result.cost)  # inf - inf in the stable formula: nan
    assert result.db == pytest.approx(-0.5)  # dz = a - y = 0 and -1
    assert result.dw[0, 0] == pytest.approx(5.0)  # (10 * 0 + (-10) * (-1)) / 2


@pytest.mark.parametrize("num_iterations", [0, 1, 3])
@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
@pytest.mark.parametrize("w", [[[0.0], [0.0]], [[0.0], [1.0]], [[1.0], [-2.0]]])
def test_gradient_descent_names_a_non_finite_x_whatever_the_weights(w, bad, num_iterations):
    # The default step scans X only when a result is not finite; the bad value must
    # still be named, not reported as divergence, also when no step is taken.
    X_bad = np.array([[1.0, 2.0, bad], [4.0, 5.0, 800.0]])
    with pytest.raises(ValueError, match=rf"X must be finite, got {bad} at index \(0, 2\)"):
        gradient_descent(
            w, 0.0, X_bad, [[0, 1, 1]], learning_rate=0.1, num_iterations=num_iterations
        )


def test_gradient_descent_with_another_step_checks_x_before_the_first_step():
    X_bad = X.copy()
    X_bad[1, 0] = np.nan
    with pytest.raises(ValueError, match=r"X must be finite, got nan at index \(1, 0\)"):
        gradient_descent(
            W, 0.0, X_bad, Y, learning_rate=0.1, num_iterations=3, gradients=_never_called
        )


def _never_called(w, b, X, Y):
    raise AssertionError("gradient_descent stepped before checking X")
