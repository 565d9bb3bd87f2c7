"""Slopes from nudges against the derivatives from calculus."""

import math

import pytest

from coursecode.calculus.derivatives import (
    DERIVATIVE_EXAMPLES,
    central_difference,
    forward_difference,
)


def square(a):
    return a**2


def cube(a):
    return a**3


def test_straight_line_has_the_same_slope_everywhere():
    for a in (-4.0, 2.0, 5.0):
        assert forward_difference(lambda a: 3 * a, a) == pytest.approx(3.0, rel=1e-9)


@pytest.mark.parametrize("a", [-1.5, 2.0, 5.0])
@pytest.mark.parametrize("h", [0.1, 0.001])
def test_forward_difference_of_a_square_overshoots_by_the_nudge(a, h):
    # ((a + h)^2 - a^2) / h = 2a + h exactly; at a = 2, h = 0.001 that is 4.001.
    assert forward_difference(square, a, h) == pytest.approx(2 * a + h, rel=1e-9)


def test_lecture_nudge_of_a_cube_at_two():
    # ((a + h)^3 - a^3) / h = 3a^2 + 3ah + h^2 = 12 + 0.006 + 0.000001.
    assert forward_difference(cube, 2.0, 0.001) == pytest.approx(12.006001, rel=1e-9)


@pytest.mark.parametrize("h", [0.1, 0.01])
def test_central_difference_of_a_square_is_exact_and_of_a_cube_off_by_h_squared(h):
    # (a+h)^2 - (a-h)^2 = 4ah, and (a+h)^3 - (a-h)^3 = 6a^2 h + 2h^3.
    assert central_difference(square, 2.0, h) == pytest.approx(4.0, rel=1e-12)
    assert central_difference(cube, 2.0, h) == pytest.approx(12.0 + h**2, rel=1e-12)


@pytest.mark.parametrize(
    ("name", "a", "slope"),
    [
        ("3a", 2.0, 3.0),
        ("3a", 5.0, 3.0),
        ("a^2", 2.0, 4.0),
        ("a^2", 5.0, 10.0),
        ("a^3", 2.0, 12.0),
        ("a^3", 5.0, 75.0),
        ("log(a)", 2.0, 0.5),
        ("log(a)", 5.0, 0.2),
        ("e^a", 0.0, 1.0),
        ("e^a", 2.0, math.e**2),
    ],
)
def test_each_example_derivative_has_the_known_value_and_matches_its_slope(name, a, slope):
    f, derivative = DERIVATIVE_EXAMPLES[name]
    assert derivative(a) == pytest.approx(slope, rel=1e-14)
    assert central_difference(f, a) == pytest.approx(slope, rel=1e-8)
    # The forward difference is first-order: with h = 1e-3 it is right to about 1e-3.
    assert forward_difference(f, a) == pytest.approx(slope, rel=2e-3)


def test_lecture_values_of_the_functions_at_two():
    values = {name: f(2.0) for name, (f, _) in DERIVATIVE_EXAMPLES.items()}
    assert values["3a"] == 6.0
    assert values["a^2"] == 4.0
    assert values["a^3"] == 8.0
    assert values["log(a)"] == pytest.approx(0.693147, abs=1e-6)
    assert values["e^a"] == pytest.approx(7.389056, abs=1e-6)


def test_central_difference_is_more_accurate_than_forward_difference():
    f, derivative = DERIVATIVE_EXAMPLES["e^a"]
    exact = derivative(1.0)
    forward_error = abs(forward_difference(f, 1.0, 1e-3) - exact)
    central_error = abs(central_difference(f, 1.0, 1e-3) - exact)
    assert central_error < forward_error / 100


@pytest.mark.parametrize("slope", [forward_difference, central_difference])
@pytest.mark.parametrize(
    ("f", "a", "nudge", "error", "message"),
    [
        (3, 1.0, 0.1, TypeError, r"f must be a function of one number, got int 3"),
        (square, "2", 0.1, TypeError, r"a must be a real number, got str"),
        (square, math.nan, 0.1, ValueError, r"a must be finite"),
        (square, 2.0, 0.0, ValueError, r"nudge must be greater than 0, got 0.0"),
        (square, 2.0, -0.1, ValueError, r"nudge must be greater than 0"),
    ],
)
def test_bad_input_is_rejected(slope, f, a, nudge, error, message):
    with pytest.raises(error, match=message):
        slope(f, a, nudge)
