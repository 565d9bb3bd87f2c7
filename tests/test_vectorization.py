"""Loops and their vectorized versions give the same numbers; bad input is refused."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from coursecode import gradients_two_loops, gradients_vectorized
from coursecode.arrays.vectorization import (
    LOOP_FUNCTIONS,
    NUMPY_FUNCTIONS,
    dot_loop,
    dot_vectorized,
    elementwise_loop,
    elementwise_vectorized,
    matrix_vector_loop,
    matrix_vector_vectorized,
)
from coursecode.core.data import make_two_blobs
from coursecode.logistic_regression.one_loop import gradients_one_loop

finite = st.floats(-1e3, 1e3, allow_nan=False, allow_infinity=False)


def test_dot_product_by_hand():
    a, b = [1.0, -2.0, 3.0, 0.5], [4.0, 5.0, -6.0, 8.0]
    expected = 4.0 - 10.0 - 18.0 + 4.0  # -20, every product and sum exact in binary
    assert dot_loop(a, b) == expected
    assert dot_vectorized(a, b) == expected
    assert dot_loop([], []) == 0.0


@settings(max_examples=200, deadline=None)
@given(
    st.integers(1, 300).flatmap(lambda n: st.tuples(*[arrays(np.float64, n, elements=finite)] * 2))
)
def test_dot_loop_and_vectorized_agree(vectors):
    a, b = vectors
    # The two add the same products in a different order; the rounding error of a sum is
    # bounded by a small multiple of n * eps * sum(|a_i b_i|).
    bound = 4 * len(a) * np.finfo(float).eps * float(np.sum(np.abs(a * b)))
    assert abs(dot_loop(a, b) - dot_vectorized(a, b)) <= bound


def test_dot_product_of_a_million_numbers_agrees_to_1e_12():
    rng = np.random.default_rng(0)
    a, b = rng.random(1_000_000), rng.random(1_000_000)  # positive: no cancellation
    assert dot_loop(a, b) == pytest.approx(dot_vectorized(a, b), rel=1e-12)


def test_matrix_vector_product_by_hand_and_at_random():
    A = np.array([[1.0, 2.0, 3.0], [-1.0, 0.0, 4.0]])
    v = np.array([[2.0], [1.0], [-1.0]])
    expected = np.array([[2.0 + 2.0 - 3.0], [-2.0 + 0.0 - 4.0]])
    np.testing.assert_array_equal(matrix_vector_loop(A, v), expected)
    np.testing.assert_array_equal(matrix_vector_vectorized(A, v), expected)
    rng = np.random.default_rng(1)
    A, v = rng.random((40, 70)), rng.random((70, 1))
    loop = matrix_vector_loop(A, v)
    assert loop.shape == (40, 1)
    np.testing.assert_allclose(loop, matrix_vector_vectorized(A, v), rtol=1e-12)


@pytest.mark.parametrize("function", sorted(LOOP_FUNCTIONS))
def test_elementwise_loop_and_vectorized_agree(function):
    v = np.random.default_rng(2).normal(scale=20, size=(50, 3))
    if function == "log":
        v = np.abs(v) + 1e-3
    loop, vectorized = elementwise_loop(v, function), elementwise_vectorized(v, function)
    assert loop.shape == vectorized.shape == v.shape
    if function in ("abs", "relu"):  # no rounding at all
        np.testing.assert_array_equal(loop, vectorized)
    else:  # math and NumPy may differ in the last bit
        np.testing.assert_allclose(loop, vectorized, rtol=1e-14)


@pytest.mark.parametrize(
    ("function", "value", "expected"),
    [
        ("exp", 0.0, 1.0),
        ("exp", 1.0, math.e),
        ("exp", 709.0, math.exp(709.0)),
        ("log", math.e, 1.0),
        ("log", 1.0, 0.0),
        ("abs", -3.5, 3.5),
        ("relu", -3.5, 0.0),
        ("relu", 2.0, 2.0),
    ],
)
def test_elementwise_values(function, value, expected):
    for implementation in (elementwise_loop, elementwise_vectorized):
        result = implementation([[value]], function)
        assert result[0, 0] == pytest.approx(expected, rel=1e-15)


def test_the_function_tables_have_the_same_keys():
    assert set(LOOP_FUNCTIONS) == set(NUMPY_FUNCTIONS) == {"exp", "log", "abs", "relu"}


def test_float32_is_kept_by_both_elementwise_versions():
    v = np.ones((2, 2), dtype=np.float32)
    assert elementwise_loop(v, "exp").dtype == elementwise_vectorized(v, "exp").dtype == np.float32


def test_check_finite_false_skips_only_the_scan_for_nan():
    a = np.array([1.0, np.nan])
    with pytest.raises(ValueError, match=r"a must be finite, got nan at index \(1,\)"):
        dot_vectorized(a, a)
    assert math.isnan(dot_vectorized(a, a, check_finite=False))
    with pytest.raises(ValueError, match=r"a and b must have the same length"):
        dot_loop(np.ones(2), np.ones(3), check_finite=False)


BAD = [
    (
        dot_loop,
        ([1.0, 2.0], [1.0]),
        ValueError,
        r"a and b must have the same length; got a of length 2 and b of length 1",
    ),
    (
        dot_vectorized,
        ([[1.0]], [[1.0]]),
        ValueError,
        r"a and b must be 1-D .*got shapes a \(1, 1\) and b \(1, 1\)",
    ),
    (dot_loop, (["x"], [1.0]), TypeError, r"a must hold real numbers"),
    (
        matrix_vector_loop,
        ([[1.0, 2.0]], [1.0, 2.0]),
        ValueError,
        r"v must be a column vector of shape \(k, 1\) = \(2, 1\).*\(2,\).*rank-1",
    ),
    (
        matrix_vector_vectorized,
        ([[1.0, 2.0]], [[1.0]]),
        ValueError,
        r"v must be a column vector .*\(2, 1\).*got shape \(1, 1\)",
    ),
    (
        matrix_vector_vectorized,
        ([1.0, 2.0], [[1.0]]),
        ValueError,
        r"A must be 2-D with shape \(n, k\); got 1-D",
    ),
    (
        elementwise_loop,
        ([[1.0]], "sqrt"),
        ValueError,
        r"function must be one of \['abs', 'exp', 'log', 'relu'\]; got 'sqrt'",
    ),
    (
        elementwise_vectorized,
        ([[0.0]], "log"),
        ValueError,
        r"v must hold numbers greater than 0 for 'log'; got 0.0",
    ),
    (
        elementwise_loop,
        ([[710.0]], "exp"),
        ValueError,
        r"v must hold numbers of at most 709.78 for 'exp'.*710.0",
    ),
    (elementwise_vectorized, ([[np.inf]], "abs"), ValueError, r"v must be finite, got inf"),
]


@pytest.mark.parametrize(("function", "args", "error", "message"), BAD)
def test_bad_input_is_refused_with_a_clear_message(function, args, error, message):
    with pytest.raises(error, match=message):
        function(*args)


# The one-loop gradient: the halfway step between two loops and none.


@st.composite
def problems(draw):
    n_x, m = draw(st.integers(1, 6)), draw(st.integers(1, 30))
    small = st.floats(-10, 10, allow_nan=False)
    X = draw(arrays(np.float64, (n_x, m), elements=small))
    Y = draw(arrays(np.int64, (1, m), elements=st.integers(0, 1)))
    w = draw(arrays(np.float64, (n_x, 1), elements=small))
    return w, draw(small), X, Y


@settings(max_examples=200, deadline=None)
@given(problems())
def test_one_loop_agrees_with_two_loops_and_vectorized(problem):
    one = gradients_one_loop(*problem)
    assert one.dw.shape == problem[0].shape
    assert isinstance(one.db, float)
    assert isinstance(one.cost, float)
    for other in (gradients_two_loops(*problem), gradients_vectorized(*problem)):
        np.testing.assert_allclose(one.dw, other.dw, rtol=1e-10, atol=1e-12)
        assert one.db == pytest.approx(other.db, rel=1e-10, abs=1e-12)
        assert one.cost == pytest.approx(other.cost, rel=1e-10, abs=1e-12)


def test_one_loop_known_values_by_hand():
    # w = 0, b = 0: every a = 1/2, so J = log 2 and dz = 1/2 - y.
    X = np.array([[1.0, 2.0, -1.0], [0.5, -1.0, 2.0]])
    result = gradients_one_loop(np.zeros((2, 1)), 0.0, X, [[1, 0, 1]])
    dz = np.array([-0.5, 0.5, -0.5])
    np.testing.assert_allclose(result.dw, (X @ dz / 3).reshape(2, 1), rtol=1e-15)
    assert result.db == pytest.approx(-0.5 / 3, rel=1e-15)
    assert result.cost == pytest.approx(math.log(2), rel=1e-15)


def test_one_loop_is_finite_at_the_extremes_and_leaves_inputs_alone():
    X = np.array([[1.0, -1.0]])
    result = gradients_one_loop(np.array([[800.0]]), 0.0, X, [[1, 1]])
    assert result.cost == pytest.approx((800.0 + 0.0) / 2, rel=1e-14)
    assert result.dw[0, 0] == pytest.approx((0.0 + 1.0) / 2, rel=1e-14)  # dz = (0, -1)
    X, Y = make_two_blobs(20, n_x=3)
    w = np.ones((3, 1))
    copies = (X.copy(), w.copy())
    gradients_one_loop(w, 0.0, X, Y)
    np.testing.assert_array_equal(X, copies[0])
    np.testing.assert_array_equal(w, copies[1])


def test_one_loop_refuses_bad_input_like_the_others():
    with pytest.raises(ValueError, match=r"w must have shape \(n_x, 1\) = \(2, 1\).*rank-1"):
        gradients_one_loop(np.zeros(2), 0.0, np.ones((2, 3)), [[0, 1, 1]])
    with pytest.raises(ValueError, match=r"Y must hold labels 0 or 1 only"):
        gradients_one_loop(np.zeros((2, 1)), 0.0, np.ones((2, 3)), [[0, 2, 1]])
