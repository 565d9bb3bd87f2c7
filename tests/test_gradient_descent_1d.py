"""Gradient descent on J(w) = (w - 3)^2, where every step has a closed form."""

import itertools
import math

import pytest

from coursecode.calculus.gradient_descent_1d import gradient_descent_path


def slope(w):
    return 2 * (w - 3)  # J(w) = (w - 3)^2, minimum at w = 3


def test_first_steps_follow_the_update_rule():
    # alpha = 0.1: w1 = 0 - 0.1 * (-6) = 0.6, w2 = 0.6 - 0.1 * (-4.8) = 1.08
    path = gradient_descent_path(slope, 0.0, learning_rate=0.1, num_iterations=2)
    assert path == pytest.approx([0.0, 0.6, 1.08], rel=1e-15)


@pytest.mark.parametrize("start", [-10.0, 0.0, 8.0])
def test_every_step_shrinks_the_distance_to_the_minimum_by_a_fixed_factor(start):
    # w - 3 is multiplied by (1 - 2 alpha) each step.
    alpha = 0.1
    path = gradient_descent_path(slope, start, learning_rate=alpha, num_iterations=20)
    for k, w in enumerate(path):
        assert w == pytest.approx(3 + (start - 3) * (1 - 2 * alpha) ** k, rel=1e-12)


def test_converges_to_the_minimum():
    path = gradient_descent_path(slope, -5.0, learning_rate=0.1, num_iterations=200)
    assert path[-1] == pytest.approx(3.0, abs=1e-12)
    assert len(path) == 201


def test_starting_right_of_the_minimum_moves_left():
    path = gradient_descent_path(slope, 7.0, learning_rate=0.1, num_iterations=5)
    assert all(later < earlier for earlier, later in itertools.pairwise(path))
    assert all(w > 3 for w in path)


def test_a_step_of_one_half_lands_on_the_minimum_at_once():
    assert gradient_descent_path(slope, -4.0, learning_rate=0.5, num_iterations=1) == [-4.0, 3.0]


def test_a_large_step_overshoots_and_oscillates_but_still_converges():
    path = gradient_descent_path(slope, 0.0, learning_rate=0.9, num_iterations=60)
    signs = [math.copysign(1, w - 3) for w in path[:6]]
    assert signs == [-1, 1, -1, 1, -1, 1]
    assert path[-1] == pytest.approx(3.0, abs=1e-4)


def test_too_large_a_step_diverges_with_a_clear_error():
    with pytest.raises(
        ValueError, match=r"diverged at step \d+.*learning_rate = 1.5 is too large"
    ):
        gradient_descent_path(slope, 0.0, learning_rate=1.5, num_iterations=2000)


def test_zero_iterations_returns_only_the_start():
    assert gradient_descent_path(slope, 1.25, learning_rate=0.1, num_iterations=0) == [1.25]


@pytest.mark.parametrize(
    ("derivative", "w", "kwargs", "error", "message"),
    [
        (
            None,
            0.0,
            {"learning_rate": 0.1, "num_iterations": 1},
            TypeError,
            r"derivative must be a function",
        ),
        (
            slope,
            "0",
            {"learning_rate": 0.1, "num_iterations": 1},
            TypeError,
            r"w must be a real number",
        ),
        (
            slope,
            0.0,
            {"learning_rate": 0.0, "num_iterations": 1},
            ValueError,
            r"learning_rate must be greater than 0",
        ),
        (
            slope,
            0.0,
            {"learning_rate": 0.1, "num_iterations": -2},
            ValueError,
            r"num_iterations must be 0 or more",
        ),
    ],
)
def test_bad_input_is_rejected(derivative, w, kwargs, error, message):
    with pytest.raises(error, match=message):
        gradient_descent_path(derivative, w, **kwargs)
