"""The activations and the loss: values, the textbook formulas they replace, and the extremes."""

import math

import numpy as np
import pytest

from coursecode import activations, cost_from_logits, loss_from_logit, sigmoid
from coursecode.activations import ACTIVATIONS, DERIVATIVES, sigmoid_of_number


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


# --- Week 3: every activation and its derivative --------------------------------------------

ACTIVATION_NAMES = sorted(ACTIVATIONS)


def test_the_two_tables_name_the_same_activations():
    assert set(ACTIVATIONS) == set(DERIVATIVES) == {"sigmoid", "tanh", "relu", "leaky_relu"}


@pytest.mark.parametrize("name", ACTIVATION_NAMES)
def test_each_derivative_matches_a_central_difference_of_its_activation(name):
    g, g_prime = ACTIVATIONS[name], DERIVATIVES[name]
    z = np.linspace(-6.0, 6.0, 241).reshape(1, -1)  # 2-D, as the networks pass them
    if name in ("relu", "leaky_relu"):
        z = z[:, np.abs(z[0]) > 1e-3]  # no slope at the kink z = 0; stay clear of it
    h = 1e-6
    numerical = (g(z + h) - g(z - h)) / (2 * h)
    np.testing.assert_allclose(g_prime(z), numerical, rtol=1e-7, atol=1e-9)


@pytest.mark.parametrize(
    ("name", "z", "expected"),
    [
        ("tanh", 0.5, math.tanh(0.5)),
        ("tanh", -3.0, math.tanh(-3.0)),
        ("tanh_derivative", 0.5, 1 - math.tanh(0.5) ** 2),
        ("relu_derivative", -2.0, 0.0),
        ("relu_derivative", 0.0, 1.0),
        ("relu_derivative", 2.0, 1.0),
        ("leaky_relu", -2.0, -0.02),
        ("leaky_relu", 0.0, 0.0),
        ("leaky_relu", 3.0, 3.0),
        ("leaky_relu_derivative", -2.0, 0.01),
        ("leaky_relu_derivative", 0.0, 1.0),
        ("leaky_relu_derivative", 3.0, 1.0),
    ],
)
def test_activation_values_by_hand(name, z, expected):
    function = getattr(activations, name)
    assert function(z) == pytest.approx(expected, rel=1e-15, abs=0)
    assert isinstance(function(z), float)


@pytest.mark.parametrize("name", ACTIVATION_NAMES)
def test_activations_and_derivatives_are_exact_at_plus_and_minus_800(name):
    # filterwarnings=error turns an overflow warning (tanh from exponentials) into a failure
    z = np.array([[-800.0, 800.0]])
    expected_value = {
        "sigmoid": [0.0, 1.0],
        "tanh": [-1.0, 1.0],
        "relu": [0.0, 800.0],
        "leaky_relu": [-8.0, 800.0],
    }[name]
    expected_slope = {
        "sigmoid": [0.0, 0.0],
        "tanh": [0.0, 0.0],
        "relu": [0.0, 1.0],
        "leaky_relu": [0.01, 1.0],
    }[name]
    np.testing.assert_array_equal(ACTIVATIONS[name](z), [expected_value])
    np.testing.assert_array_equal(DERIVATIVES[name](z), [expected_slope])


@pytest.mark.parametrize("name", ACTIVATION_NAMES)
def test_activations_keep_the_shape(name):
    z = np.arange(-6.0, 6.0).reshape(3, 4)
    assert ACTIVATIONS[name](z).shape == (3, 4)
    assert DERIVATIVES[name](z).shape == (3, 4)


def test_tanh_is_a_stretched_and_shifted_sigmoid():
    z = np.linspace(-20, 20, 81)
    np.testing.assert_allclose(activations.tanh(z), 2 * sigmoid(2 * z) - 1, rtol=0, atol=1e-15)


@pytest.mark.parametrize("name", ["tanh", "leaky_relu", "relu_derivative", "tanh_derivative"])
def test_activations_reject_bad_input(name):
    function = getattr(activations, name)
    with pytest.raises(ValueError, match=r"z must be finite, got nan"):
        function(np.array([0.0, np.nan]))
    with pytest.raises(TypeError, match=r"z must hold real numbers"):
        function("big")


@pytest.mark.parametrize("bad", ["softmax", "Tanh", None, 3])
def test_an_unknown_activation_is_named_with_the_valid_ones(bad):
    with pytest.raises(
        ValueError,
        match=r"hidden_activation must be one of 'sigmoid', 'tanh', 'relu', 'leaky_relu'; got",
    ):
        activations.check_activation(bad, "hidden_activation")
