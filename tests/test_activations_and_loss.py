"""The sigmoid and the loss: values, the textbook formula they replace, and the extremes."""

import math

import numpy as np
import pytest

from coursecode import cost_from_logits, loss_from_logit, sigmoid
from coursecode.activations import sigmoid_of_number


def textbook_loss(z, y):
    a = 1.0 / (1.0 + math.exp(-z))
    return -(y * math.log(a) + (1 - y) * math.log(1 - a))


@pytest.mark.parametrize("z", [-30.0, -5.0, -0.3, 0.0, 0.7, 4.0, 30.0])
def test_sigmoid_matches_its_definition_in_the_safe_range(z):
    expected = 1.0 / (1.0 + math.exp(-z))
    assert sigmoid(z) == pytest.approx(expected, rel=1e-14)
    assert sigmoid_of_number(z) == pytest.approx(expected, rel=1e-14)


def test_sigmoid_is_symmetric_about_one_half():
    z = np.linspace(-50, 50, 1001)
    np.testing.assert_allclose(sigmoid(z) + sigmoid(-z), 1.0, rtol=0, atol=1e-15)


def test_sigmoid_keeps_shape_and_float32():
    z = np.zeros((3, 4), dtype=np.float32)
    a = sigmoid(z)
    assert a.shape == (3, 4)
    assert a.dtype == np.float32
    assert isinstance(sigmoid(1), float)


@pytest.mark.parametrize("z", [-1e308, -800.0, -40.0, 40.0, 800.0, 1e308])
def test_sigmoid_is_finite_and_warning_free_at_the_extremes(z):
    # filterwarnings=error in pyproject turns any overflow warning into a failure
    a = sigmoid(np.array([z]))[0]
    assert 0.0 <= a <= 1.0
    assert sigmoid_of_number(z) == a
    if z < 0:
        # sigma(z) ~ e^z for very negative z: check the tiny value, not only "close to 0"
        assert a == pytest.approx(math.exp(z), rel=1e-12) if z > -745 else a == 0.0


@pytest.mark.parametrize("z", [-10.0, -2.5, -0.1, 0.0, 0.1, 2.5, 10.0])
@pytest.mark.parametrize("y", [0, 1])
def test_stable_loss_equals_the_textbook_loss_where_that_is_accurate(z, y):
    # beyond |z| ~ 10 the textbook form loses digits to 1 - a; see the test below
    assert loss_from_logit(z, y) == pytest.approx(textbook_loss(z, y), rel=1e-9)


@pytest.mark.parametrize(
    ("z", "y", "expected"),
    [
        # confidently wrong: the loss grows like |z|, plus log(1 + e^-|z|)
        (40.0, 0, 40.0 + math.log1p(math.exp(-40.0))),
        (-40.0, 1, 40.0 + math.log1p(math.exp(-40.0))),
        (800.0, 0, 800.0),
        (-800.0, 1, 800.0),
        # confidently right: the loss is about e^-|z|
        (40.0, 1, math.exp(-40.0)),
        (-40.0, 0, math.exp(-40.0)),
        (800.0, 1, 0.0),
    ],
)
def test_loss_is_accurate_where_the_textbook_formula_breaks(z, y, expected):
    assert loss_from_logit(z, y) == pytest.approx(expected, rel=1e-12, abs=0)
    assert cost_from_logits(np.array([[z]]), np.array([[y]])) == pytest.approx(
        expected, rel=1e-12, abs=0
    )


def test_cost_is_the_average_of_the_losses():
    rng = np.random.default_rng(3)
    Z = rng.normal(scale=5, size=(1, 50))
    Y = rng.integers(0, 2, size=(1, 50))
    losses = [loss_from_logit(z, y) for z, y in zip(Z[0], Y[0], strict=True)]
    assert cost_from_logits(Z, Y) == pytest.approx(sum(losses) / 50, rel=1e-13)
