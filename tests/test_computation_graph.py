"""J = 3(a + bc): the forward pass, and the backward pass checked by finite differences."""

import pytest

from coursecode.calculus.computation_graph import backward, forward


def test_lecture_numbers():
    assert forward(5, 3, 2) == (6.0, 11.0, 33.0)  # u = bc = 6, v = a + u = 11, J = 3v = 33


@pytest.mark.parametrize(("a", "b", "c"), [(5.0, 3.0, 2.0), (-1.5, 0.25, 4.0), (0.0, -2.0, -7.5)])
def test_forward_pass_equals_the_formula(a, b, c):
    cost = forward(a, b, c).J
    assert cost == pytest.approx(3 * (a + b * c), rel=1e-15)


def test_lecture_derivatives():
    grads = backward(5, 3, 2)
    assert (grads.dv, grads.du, grads.da) == (3.0, 3.0, 3.0)
    assert grads.db == 6.0  # 3c
    assert grads.dc == 9.0  # 3b


@pytest.mark.parametrize(("a", "b", "c"), [(5.0, 3.0, 2.0), (-1.5, 0.25, 4.0), (0.0, -2.0, -7.5)])
def test_backward_pass_matches_central_differences(a, b, c):
    h = 1e-6

    def J(a, b, c):
        return forward(a, b, c).J

    grads = backward(a, b, c)
    assert grads.da == pytest.approx((J(a + h, b, c) - J(a - h, b, c)) / (2 * h), rel=1e-7)
    assert grads.db == pytest.approx((J(a, b + h, c) - J(a, b - h, c)) / (2 * h), rel=1e-7)
    assert grads.dc == pytest.approx((J(a, b, c + h) - J(a, b, c - h)) / (2 * h), rel=1e-7)


def test_intermediate_derivatives_match_nudges_of_the_inner_nodes():
    # Nudge v directly: J = 3v. Nudge u directly: J = 3(a + u).
    h = 1e-6
    grads = backward(5.0, 3.0, 2.0)
    assert grads.dv == pytest.approx((3 * (11 + h) - 3 * (11 - h)) / (2 * h), rel=1e-7)
    assert grads.du == pytest.approx((3 * (5 + 6 + h) - 3 * (5 + 6 - h)) / (2 * h), rel=1e-7)


def test_lecture_nudge_of_a_changes_J_three_times_as_much():
    change = forward(5.001, 3, 2).J - forward(5, 3, 2).J
    assert change == pytest.approx(0.003, rel=1e-9)


@pytest.mark.parametrize("step", [forward, backward])
@pytest.mark.parametrize(
    ("args", "error", "message"),
    [
        (("5", 3, 2), TypeError, r"a must be a real number, got str"),
        ((5, None, 2), TypeError, r"b must be a real number, got NoneType"),
        ((5, 3, float("inf")), ValueError, r"c must be finite"),
    ],
)
def test_bad_input_is_rejected(step, args, error, message):
    with pytest.raises(error, match=message):
        step(*args)
