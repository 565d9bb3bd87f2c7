"""One example: the prediction, the textbook loss and cost, and the one-example gradient."""

import math

import numpy as np
import pytest

from coursecode.activations import sigmoid, sigmoid_derivative
from coursecode.logistic_regression.one_example import one_example_gradients, predict_probability
from coursecode.logistic_regression.vectorized import gradients_vectorized
from coursecode.loss import (
    cost_from_logits,
    cost_from_predictions,
    loss_derivative_wrt_prediction,
    loss_from_logit,
    loss_from_prediction,
)


def test_prediction_is_sigmoid_of_the_weighted_sum():
    w = np.array([[0.5], [-1.0], [2.0]])
    x = np.array([[2.0], [3.0], [0.25]])
    z = 0.5 * 2 - 1 * 3 + 2 * 0.25 + 0.75  # = -0.75
    assert predict_probability(w, 0.75, x) == pytest.approx(1 / (1 + math.exp(-z)), rel=1e-15)


@pytest.mark.parametrize(("b", "expected"), [(800.0, 1.0), (-800.0, 0.0), (0.0, 0.5)])
def test_prediction_is_finite_at_the_extremes(b, expected):
    assert predict_probability([[0.0]], b, [[1.0]]) == expected


@pytest.mark.parametrize(
    ("y_hat", "y", "expected"),
    [
        (0.9, 1, -math.log(0.9)),
        (0.9, 0, -math.log(0.1)),
        (0.5, 1, math.log(2)),
        (0.5, 0, math.log(2)),
    ],
)
def test_textbook_loss_keeps_only_the_term_of_the_true_label(y_hat, y, expected):
    assert loss_from_prediction(y_hat, y) == pytest.approx(expected, rel=1e-15)


@pytest.mark.parametrize("z", [-12.0, -3.0, -0.5, 0.0, 0.5, 3.0, 12.0])
@pytest.mark.parametrize("y", [0, 1])
def test_textbook_loss_agrees_with_the_stable_loss_for_moderate_z(z, y):
    assert loss_from_prediction(sigmoid(z), y) == pytest.approx(loss_from_logit(z, y), rel=1e-8)


def test_textbook_loss_loses_digits_before_it_breaks():
    # At z = 30, 1 - sigma(z) keeps only about one significant digit of e^-30.
    textbook = loss_from_prediction(sigmoid(30.0), 0)
    exact = 30.0 + math.log1p(math.exp(-30.0))
    assert abs(textbook - exact) > 1e-4
    assert loss_from_logit(30.0, 0) == pytest.approx(exact, rel=1e-15)


@pytest.mark.parametrize("y_hat", [0.0, 1.0, -0.1, 1.5])
def test_textbook_loss_rejects_predictions_outside_the_open_interval(y_hat):
    with pytest.raises(
        ValueError, match=r"y_hat must be strictly between 0 and 1.*loss_from_logit"
    ):
        loss_from_prediction(y_hat, 1)


def test_textbook_loss_breaks_where_sigmoid_rounds_to_one():
    with pytest.raises(ValueError, match=r"got 1.0"):
        loss_from_prediction(sigmoid(40.0), 0)


@pytest.mark.parametrize(("y", "error"), [(0.5, ValueError), (2, ValueError), ("1", TypeError)])
def test_textbook_loss_rejects_bad_labels(y, error):
    with pytest.raises(error, match=r"^y must"):
        loss_from_prediction(0.5, y)


def test_textbook_cost_is_the_mean_of_the_losses():
    A = np.array([[0.9, 0.2, 0.6, 0.3]])
    Y = np.array([[1, 0, 0, 1]])
    expected = (-math.log(0.9) - math.log(0.8) - math.log(0.4) - math.log(0.3)) / 4
    assert cost_from_predictions(A, Y) == pytest.approx(expected, rel=1e-14)
    assert cost_from_predictions(A, Y) == pytest.approx(
        cost_from_logits(np.log(A / (1 - A)), Y), rel=1e-12
    )


@pytest.mark.parametrize(
    ("A", "Y", "error", "message"),
    [
        ([0.5, 0.5], [[1, 0]], ValueError, r"A must have shape \(1, m\).*got shape \(2,\)"),
        (
            [[0.5, 1.0]],
            [[1, 0]],
            ValueError,
            r"A must hold predictions strictly between 0 and 1.*1.0",
        ),
        ([[0.5, 0.5]], [[1, 0, 1]], ValueError, r"Y must have shape \(1, m\) = \(1, 2\)"),
        ([[0.5, np.nan]], [[1, 0]], ValueError, r"A must be finite"),
    ],
)
def test_textbook_cost_rejects_bad_input(A, Y, error, message):
    with pytest.raises(error, match=message):
        cost_from_predictions(A, Y)


def test_da_is_the_derivative_of_the_textbook_loss():
    for a in (0.1, 0.37, 0.5, 0.8, 0.99):
        for y in (0, 1):
            h = 1e-7
            numeric = (loss_from_prediction(a + h, y) - loss_from_prediction(a - h, y)) / (2 * h)
            assert loss_derivative_wrt_prediction(a, y) == pytest.approx(numeric, rel=1e-6)
    assert loss_derivative_wrt_prediction(0.25, 1) == -4.0
    assert loss_derivative_wrt_prediction(0.75, 0) == 4.0


def test_sigmoid_derivative_matches_central_differences():
    z = np.array([-6.0, -1.0, 0.0, 0.3, 2.0, 6.0])
    h = 1e-6
    numeric = (sigmoid(z + h) - sigmoid(z - h)) / (2 * h)
    # near sigma = 1 the difference of two close numbers loses ~1e-10 absolute
    np.testing.assert_allclose(sigmoid_derivative(z), numeric, rtol=1e-7, atol=1e-9)
    closed_form = np.exp(-z) / (1 + np.exp(-z)) ** 2
    np.testing.assert_allclose(sigmoid_derivative(z), closed_form, rtol=1e-12)
    assert sigmoid_derivative(0.0) == 0.25


@pytest.mark.parametrize("z", [-5.0, -0.7, 0.0, 1.3, 4.0])
@pytest.mark.parametrize("y", [0, 1])
def test_dz_is_da_times_sigmoid_derivative(z, y):
    # The chain rule: dL/dz = dL/da * da/dz, which the code shortens to a - y.
    grads = one_example_gradients([[1.0]], 0.0, [[z]], y)
    assert grads.z == z
    chain = loss_derivative_wrt_prediction(grads.a, y) * sigmoid_derivative(z)
    assert grads.dz == pytest.approx(chain, rel=1e-12, abs=1e-15)


def test_one_example_gradient_matches_finite_differences_of_the_loss():
    rng = np.random.default_rng(7)
    for y in (0, 1):
        w = rng.normal(size=(3, 1))
        x = rng.normal(size=(3, 1))
        b = float(rng.normal())
        grads = one_example_gradients(w, b, x, y)
        h = 1e-6

        def loss(w_, b_, y=y, x=x):
            return loss_from_logit((w_.T @ x).item() + b_, y)

        for j in range(3):
            step = np.zeros((3, 1))
            step[j, 0] = h
            numeric = (loss(w + step, b) - loss(w - step, b)) / (2 * h)
            assert grads.dw[j, 0] == pytest.approx(numeric, rel=1e-6, abs=1e-9)
        assert grads.db == pytest.approx((loss(w, b + h) - loss(w, b - h)) / (2 * h), rel=1e-6)
        assert grads.loss == pytest.approx(loss(w, b), rel=1e-15)


def test_one_example_is_the_m_equals_one_case_of_the_vectorized_gradient():
    w = np.array([[0.4], [-1.2]])
    x = np.array([[1.5], [0.5]])
    for y in (0, 1):
        single = one_example_gradients(w, 0.3, x, y)
        batch = gradients_vectorized(w, 0.3, x, [[y]])
        np.testing.assert_allclose(single.dw, batch.dw, rtol=1e-15)
        assert single.db == pytest.approx(batch.db, rel=1e-15)
        assert single.loss == pytest.approx(batch.cost, rel=1e-15)


def test_lecture_example_with_two_features_by_hand():
    # w = (1, -1), b = 0, x = (2, 2): z = 0, a = 1/2; with y = 1, dz = -1/2.
    grads = one_example_gradients([[1.0], [-1.0]], 0.0, [[2.0], [2.0]], 1)
    assert (grads.z, grads.a, grads.dz, grads.db) == (0.0, 0.5, -0.5, -0.5)
    np.testing.assert_array_equal(grads.dw, [[-1.0], [-1.0]])
    assert grads.loss == pytest.approx(math.log(2), rel=1e-15)


@pytest.mark.parametrize("z", [40.0, 800.0])
def test_one_example_gradient_is_finite_when_confidently_wrong(z):
    grads = one_example_gradients([[1.0]], 0.0, [[z]], 0)
    assert grads.dz == 1.0  # a rounds to 1, the label is 0
    assert grads.loss == pytest.approx(z + math.log1p(math.exp(-z)), rel=1e-15)


@pytest.mark.parametrize(
    ("w", "b", "x", "y", "error", "message"),
    [
        ([[1.0]], 0.0, [1.0], 1, ValueError, r"x must be one example as a column.*\(1,\).*rank-1"),
        ([[1.0]], 0.0, [[1.0, 2.0]], 1, ValueError, r"x must be one example.*got shape \(1, 2\)"),
        ([[1.0], [2.0]], 0.0, [[1.0]], 1, ValueError, r"w must have shape \(n_x, 1\) = \(1, 1\)"),
        ([[1.0]], "0", [[1.0]], 1, TypeError, r"b must be a real number"),
        ([[1.0]], 0.0, [[1.0]], 3, ValueError, r"y must hold labels 0 or 1"),
        ([[1.0]], 0.0, [[np.inf]], 1, ValueError, r"x must be finite"),
    ],
)
def test_one_example_rejects_bad_input(w, b, x, y, error, message):
    with pytest.raises(error, match=message):
        one_example_gradients(w, b, x, y)
    if "y must" not in message:
        with pytest.raises(error, match=message):
            predict_probability(w, b, x)
