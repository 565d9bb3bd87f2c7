"""Rank-1 arrays versus column and row vectors, and the helpers that keep shapes explicit."""

import numpy as np
import pytest

from coursecode.arrays.vectors import as_column, check_shape, times_own_transpose

VALUES = [1.0, 2.0, 3.0]


def test_rank_1_times_its_transpose_is_the_inner_product():
    result = times_own_transpose(VALUES)
    assert result.shape == ()
    assert float(result) == 1.0 + 4.0 + 9.0


def test_column_times_its_transpose_is_the_outer_product():
    result = times_own_transpose(np.array(VALUES).reshape(3, 1))
    expected = [[VALUES[i] * VALUES[j] for j in range(3)] for i in range(3)]
    np.testing.assert_array_equal(result, expected)
    np.testing.assert_array_equal(result, np.outer(VALUES, VALUES))


def test_row_times_its_transpose_is_a_1_by_1_matrix():
    np.testing.assert_array_equal(times_own_transpose([VALUES]), [[14.0]])


@pytest.mark.parametrize("bad", [3.0, np.ones((2, 2)), np.ones((1, 1, 3))])
def test_times_own_transpose_needs_a_vector(bad):
    with pytest.raises(
        ValueError, match=r"a must be a vector of shape \(n,\), \(n, 1\) or \(1, n\)"
    ):
        times_own_transpose(bad)


def test_as_column_turns_a_rank_1_array_into_a_column_without_copying():
    v = np.array(VALUES)
    column = as_column(v)
    assert column.shape == (3, 1)
    np.testing.assert_array_equal(column[:, 0], VALUES)
    assert np.shares_memory(column, v)
    already = np.ones((4, 1))
    assert as_column(already) is already
    assert as_column([[2.0]]).shape == (1, 1)


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (np.ones((1, 3)), r"w must be a column vector .*got a row of shape \(1, 3\): use w.T"),
        (np.ones((2, 3)), r"w must be a column vector .*got shape \(2, 3\)"),
        (np.ones(0), r"w must be a column vector .*got shape \(0,\)"),
        (np.float64(2.0), r"w must be a column vector .*got shape \(\)"),
        (np.ones((3, 1, 1)), r"got shape \(3, 1, 1\)"),
        (["a", "b"], r"w must hold real numbers"),
    ],
)
def test_as_column_refuses_everything_else(bad, message):
    with pytest.raises((ValueError, TypeError), match=message):
        as_column(bad, name="w")


def test_check_shape_passes_the_array_through():
    w = np.zeros((5, 1))
    assert check_shape(w, (5, 1), name="w") is w
    assert check_shape(w, (None, 1), name="w") is w
    assert check_shape(np.zeros(5), (5,)).shape == (5,)


@pytest.mark.parametrize(
    ("array", "shape", "message"),
    [
        (np.zeros(5), (5, 1), r"w must have shape \(5, 1\); got shape \(5,\), a rank-1 array"),
        (np.zeros((1, 5)), (5, 1), r"w must have shape \(5, 1\); got shape \(1, 5\)$"),
        (np.zeros((5, 2)), (None, 1), r"w must have shape \(any, 1\); got shape \(5, 2\)"),
        (np.zeros((5, 1)), (5,), r"w must have shape \(5,\); got shape \(5, 1\)"),
    ],
)
def test_check_shape_names_the_array_and_both_shapes(array, shape, message):
    with pytest.raises(ValueError, match=message):
        check_shape(array, shape, name="w")


def test_check_shape_refuses_what_is_not_a_shape_or_an_array():
    with pytest.raises(TypeError, match=r"shape must be a tuple of whole numbers or None"):
        check_shape(np.zeros(2), [2])
    with pytest.raises(TypeError, match=r"shape must be a tuple"):
        check_shape(np.zeros(2), (True,))
    with pytest.raises(TypeError, match=r"w must be a NumPy array; got list"):
        check_shape([0.0, 0.0], (2,), name="w")
