"""The cost as a negative log-likelihood: each identity of the lesson, by value."""

import math

import numpy as np
import pytest

from coursecode import cost_from_logits, gradient_descent, loss_from_logit, sigmoid
from coursecode.core.data import make_two_blobs
from coursecode.logistic_regression.likelihood import (
    label_probability,
    likelihood,
    log_label_probability,
    log_likelihood,
    log_likelihood_from_logits,
)


@pytest.mark.parametrize("y_hat", [0.0, 0.1, 0.5, 0.73, 1.0])
def test_one_formula_gives_both_cases(y_hat):
    assert label_probability(y_hat, 1) == y_hat  # y = 1: y_hat^1 (1 - y_hat)^0
    assert label_probability(y_hat, 0) == pytest.approx(1 - y_hat, rel=1e-15)  # y = 0


def test_the_two_probabilities_add_up_to_one_elementwise():
    y_hat = np.linspace(0.01, 0.99, 7).reshape(1, 7)
    total = label_probability(y_hat, np.ones((1, 7))) + label_probability(y_hat, np.zeros((1, 7)))
    np.testing.assert_allclose(total, 1.0, rtol=1e-15)


# beyond |z| ~ 10, 1 - y_hat loses digits: that is why the code computes the loss from z
@pytest.mark.parametrize("z", [-10.0, -4.0, -0.5, 0.0, 0.5, 4.0, 10.0])
@pytest.mark.parametrize("y", [0, 1])
def test_minus_log_probability_is_the_loss(z, y):
    y_hat = sigmoid(z)
    assert -log_label_probability(y_hat, y) == pytest.approx(loss_from_logit(z, y), rel=1e-9)
    assert log_label_probability(y_hat, y) == pytest.approx(
        math.log(label_probability(y_hat, y)), rel=1e-15
    )


def test_log_of_the_product_is_the_sum_of_the_logs():
    rng = np.random.default_rng(0)
    Y_hat = rng.uniform(0.05, 0.95, size=(1, 12))
    Y = rng.integers(0, 2, size=(1, 12))
    assert math.log(likelihood(Y_hat, Y)) == pytest.approx(log_likelihood(Y_hat, Y), rel=1e-13)
    p = [y_hat if y == 1 else 1 - y_hat for y_hat, y in zip(Y_hat[0], Y[0], strict=True)]
    assert likelihood(Y_hat, Y) == pytest.approx(math.prod(p), rel=1e-13)


def test_the_product_underflows_and_the_sum_of_logs_does_not():
    Y_hat, Y = np.full((1, 2000), 0.5), np.ones((1, 2000))
    assert likelihood(Y_hat, Y) == 0.0  # 0.5 ** 2000 is below the smallest float
    assert log_likelihood(Y_hat, Y) == pytest.approx(2000 * math.log(0.5), rel=1e-13)


@pytest.mark.parametrize("scale", [1.0, 10.0, 300.0, 800.0])
def test_log_likelihood_is_minus_m_times_the_cost(scale):
    rng = np.random.default_rng(1)
    Z = rng.uniform(-scale, scale, size=(1, 50))
    Z[0, :2] = [scale, -scale]  # the extremes themselves
    Y = rng.integers(0, 2, size=(1, 50))
    m = Z.shape[1]
    assert log_likelihood_from_logits(Z, Y) == pytest.approx(
        -m * cost_from_logits(Z, Y), rel=1e-12
    )
    if scale <= 10:  # where sigmoid(z) is not rounded to 0 or 1
        assert log_likelihood_from_logits(Z, Y) == pytest.approx(
            log_likelihood(sigmoid(Z), Y), rel=1e-12
        )


def test_confident_mistakes_at_800():
    assert log_likelihood_from_logits([[800.0, -800.0]], [[0, 1]]) == -1600.0
    assert log_likelihood_from_logits([[800.0, -800.0]], [[1, 0]]) == 0.0


def test_minimizing_the_cost_maximizes_the_likelihood():
    X, Y = make_two_blobs(200, n_x=2, seed=7)
    w, b = np.zeros((2, 1)), 0.0
    likelihoods = []
    for _ in range(30):
        likelihoods.append(log_likelihood_from_logits(w.T @ X + b, Y))
        step = gradient_descent(w, b, X, Y, learning_rate=0.5, num_iterations=1)
        w, b = step.w, step.b
    assert likelihoods[0] == pytest.approx(200 * math.log(0.5), rel=1e-12)  # w = 0: y_hat = 1/2
    assert np.all(np.diff(likelihoods) > 0)  # every step of descent on J raises the likelihood
    # and J after the run is exactly -log L / m
    assert cost_from_logits(w.T @ X + b, Y) == pytest.approx(
        -log_likelihood_from_logits(w.T @ X + b, Y) / 200, rel=1e-13
    )


def test_the_1_over_m_scaling_does_not_move_the_minimum():
    # J(w) = -log L(w) / m for a 1-feature problem, on a grid of w: same argmin.
    X = np.array([[-2.0, -1.0, 0.5, 1.0, 2.0, -0.3]])
    Y = np.array([[0, 0, 1, 1, 1, 1]])
    grid = np.linspace(-3, 6, 901)
    costs = [cost_from_logits(w * X, Y) for w in grid]
    log_likelihoods = [log_likelihood_from_logits(w * X, Y) for w in grid]
    assert np.argmin(costs) == np.argmax(log_likelihoods)
    assert 0 < np.argmin(costs) < len(grid) - 1  # an interior minimum, not the grid's edge


@pytest.mark.parametrize(
    ("function", "args", "error", "message"),
    [
        (
            label_probability,
            (1.2, 1),
            ValueError,
            r"y_hat must hold probabilities between 0 and 1; got 1.2",
        ),
        (label_probability, (0.5, 2), ValueError, r"y must hold labels 0 or 1 only; got \[2.0\]"),
        (
            label_probability,
            ([0.5, 0.5], [1]),
            ValueError,
            r"y must have the shape of y_hat, \(2,\); got shape \(1,\)",
        ),
        (
            log_label_probability,
            (0.0, 0),
            ValueError,
            r"y_hat must hold probabilities strictly between 0 and 1; got 0.0 \(log_lik",
        ),
        (log_label_probability, ("a", 0), TypeError, r"y_hat must hold real numbers"),
        (
            likelihood,
            ([0.5, 0.5], [[1, 0]]),
            ValueError,
            r"Y_hat must have shape \(1, m\) with m >= 1; got shape \(2,\)",
        ),
        (
            likelihood,
            ([[0.5, 0.5]], [[1, 0, 1]]),
            ValueError,
            r"Y must have shape \(1, m\) = \(1, 2\)",
        ),
        (
            likelihood,
            ([[0.5, -0.5]], [[1, 0]]),
            ValueError,
            r"Y_hat must hold probabilities between 0 and 1; got -0.5",
        ),
        (
            log_likelihood,
            ([[0.5, 1.0]], [[1, 0]]),
            ValueError,
            r"Y_hat must hold probabilities strictly between 0 and 1; got 1.0",
        ),
        (
            log_likelihood_from_logits,
            ([1.0, 2.0], [[1, 0]]),
            ValueError,
            r"Z must have shape \(1, m\) with m >= 1; got shape \(2,\)",
        ),
        (log_likelihood_from_logits, ([[1.0, np.inf]], [[1, 0]]), ValueError, r"Z must be finite"),
        (
            log_likelihood_from_logits,
            ([[1.0, 2.0]], [[1, 0.5]]),
            ValueError,
            r"Y must hold labels 0 or 1 only",
        ),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(function, args, error, message):
    with pytest.raises(error, match=message):
        function(*args)
