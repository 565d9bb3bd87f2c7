"""coursecode.speed.vectorization_speed: how often a gradient step is timed."""

from __future__ import annotations

import time

import pytest

from coursecode import gradients_vectorized
from coursecode.speed.vectorization_speed import compare_step_times, time_gradient_step


def counting(seconds: float):
    """A stand-in for a gradient function that lasts ``seconds`` and counts its calls."""
    calls = []

    def gradients(w, b, X, Y):
        calls.append(X.shape)
        time.sleep(seconds)
        return gradients_vectorized(w, b, X, Y)

    return gradients, calls


@pytest.mark.parametrize(("once_over", "expected_calls"), [(None, 3), (0.01, 1), (10.0, 3)])
def test_a_call_that_lasts_once_over_or_more_is_timed_once(once_over, expected_calls):
    gradients, calls = counting(0.02)
    seconds = time_gradient_step(gradients, 2, 5, repeats=3, once_over=once_over)
    assert len(calls) == expected_calls
    assert seconds >= 0.02


def test_compare_step_times_passes_the_threshold_to_the_loop_version_only():
    loops, loop_calls = counting(0.02)
    vectorized, vectorized_calls = counting(0.02)
    rows = compare_step_times(
        loops, vectorized, [2], [5], loop_repeats=3, vectorized_repeats=3, loop_once_over=0.01
    )
    assert [(row.n_x, row.m) for row in rows] == [(2, 5)]
    assert (len(loop_calls), len(vectorized_calls)) == (1, 3)


@pytest.mark.parametrize("bad", [0, -1.0, "0.5", float("nan")])
def test_once_over_must_be_a_positive_number_or_none(bad):
    with pytest.raises(ValueError, match=rf"once_over must be .* got {bad!r}"):
        time_gradient_step(gradients_vectorized, 2, 5, once_over=bad)


def test_compare_step_times_checks_loop_once_over_even_when_no_loop_runs():
    with pytest.raises(ValueError, match=r"loop_once_over must be .* got -1"):
        compare_step_times(
            gradients_vectorized,
            gradients_vectorized,
            [2],
            [5],
            max_loop_work=1,
            loop_once_over=-1,
        )
