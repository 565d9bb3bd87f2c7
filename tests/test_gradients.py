"""The two implementations against each other, against finite differences, and at extremes."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from coursecode import Gradients, gradients_fast, gradients_two_loops, gradients_vectorized
from coursecode.core.data import make_two_blobs

IMPLEMENTATIONS = [gradients_two_loops, gradients_vectorized, gradients_fast]

finite = st.floats(-10, 10, allow_nan=False, allow_infinity=False)


@st.composite
def problems(draw):
    """A random problem (w, b, X, Y); m = 1 and n_x = 1 are drawn often."""
    n_x = draw(st.integers(1, 6))
    m = draw(st.integers(1, 30))
    X = draw(arrays(np.float64, (n_x, m), elements=finite))
    Y = draw(arrays(np.int64, (1, m), elements=st.integers(0, 1)))
    w = draw(arrays(np.float64, (n_x, 1), elements=finite))
    b = draw(finite)
    return w, b, X, Y


def assert_same_gradients(actual: Gradients, expected: Gradients, rtol=1e-10, atol=1e-12):
    np.testing.assert_allclose(actual.dw, expected.dw, rtol=rtol, atol=atol)
    assert actual.db == pytest.approx(expected.db, rel=rtol, abs=atol)
    assert actual.cost == pytest.approx(expected.cost, rel=rtol, abs=atol)


@settings(max_examples=300, deadline=None)
@given(problems())
def test_two_loops_and_vectorized_agree(problem):
    loops = gradients_two_loops(*problem)
    vectorized = gradients_vectorized(*problem)
    assert loops.dw.shape == vectorized.dw.shape == problem[0].shape
    assert isinstance(loops.db, float)
    assert isinstance(vectorized.cost, float)
    assert_same_gradients(loops, vectorized)


@settings(max_examples=300, deadline=None)
@given(problems())
def test_two_loops_and_fast_agree(problem):
    loops = gradients_two_loops(*problem)
    fast = gradients_fast(*problem)
    assert fast.dw.shape == problem[0].shape
    assert isinstance(fast.db, float)
    assert isinstance(fast.cost, float)
    assert_same_gradients(loops, fast)


def numerical_gradients(gradients, w, b, X, Y, eps=1e-6):
    """Central differences (J(theta + eps) - J(theta - eps)) / (2 eps) for every parameter."""

    def cost(w_, b_):
        return gradients(w_, b_, X, Y).cost

    dw = np.zeros_like(w)
    for j in range(w.shape[0]):
        step = np.zeros_like(w)
        step[j, 0] = eps
        dw[j, 0] = (cost(w + step, b) - cost(w - step, b)) / (2 * eps)
    db = (cost(w, b + eps) - cost(w, b - eps)) / (2 * eps)
    return dw, db


@pytest.mark.parametrize("gradients", IMPLEMENTATIONS)
@pytest.mark.parametrize(("n_x", "m", "seed"), [(1, 1, 0), (3, 7, 1), (5, 40, 2), (2, 200, 3)])
def test_gradient_matches_central_finite_differences(gradients, n_x, m, seed):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n_x, m))
    Y = rng.integers(0, 2, size=(1, m))
    w = rng.normal(size=(n_x, 1))
    b = float(rng.normal())
    dw_numeric, db_numeric = numerical_gradients(gradients, w, b, X, Y)
    analytic = gradients(w, b, X, Y)
    np.testing.assert_allclose(analytic.dw, dw_numeric, rtol=1e-6, atol=1e-8)
    assert analytic.db == pytest.approx(db_numeric, rel=1e-6, abs=1e-8)


def test_known_values_by_hand():
    # w = 0, b = 0: every a = 1/2, so J = log 2 and dz = 1/2 - y.
    X = np.array([[1.0, 2.0, -1.0], [0.5, -1.0, 2.0]])
    Y = np.array([[1, 0, 1]])
    dz = np.array([-0.5, 0.5, -0.5])
    expected_dw = (X @ dz / 3).reshape(2, 1)
    for gradients in IMPLEMENTATIONS:
        result = gradients(np.zeros((2, 1)), 0.0, X, Y)
        np.testing.assert_allclose(result.dw, expected_dw, rtol=1e-15)
        assert result.db == pytest.approx(-0.5 / 3, rel=1e-15)
        assert result.cost == pytest.approx(np.log(2), rel=1e-15)


@pytest.mark.parametrize("gradients", IMPLEMENTATIONS)
@pytest.mark.parametrize("z", [40.0, 800.0])
def test_cost_and_gradient_at_the_extremes(gradients, z):
    # Two examples with logits +z and -z (w = z, x = +-1); labels make one right and one
    # wrong, confidently. Loss: ~e^-z for the right one, z + log1p(e^-z) for the wrong one.
    X = np.array([[1.0, -1.0]])
    Y = np.array([[1, 1]])
    result = gradients(np.array([[z]]), 0.0, X, Y)
    wrong = z + np.log1p(np.exp(-z))
    right = np.log1p(np.exp(-z))
    assert result.cost == pytest.approx((wrong + right) / 2, rel=1e-14)
    # dz = a - y: about -e^-z for the right one, about -1 for the wrong one.
    a_right, a_wrong = 1 / (1 + np.exp(-z)), np.exp(-z) / (1 + np.exp(-z))
    dz = np.array([a_right - 1, a_wrong - 1])
    assert result.dw[0, 0] == pytest.approx((dz[0] * 1 + dz[1] * -1) / 2, rel=1e-14)
    assert result.db == pytest.approx(dz.sum() / 2, rel=1e-14)
    assert np.isfinite(result.dw).all()


def test_implementations_agree_on_a_larger_problem():
    X, Y = make_two_blobs(500, n_x=8, seed=4)
    w = np.random.default_rng(5).normal(size=(8, 1))
    assert_same_gradients(gradients_two_loops(w, -0.3, X, Y), gradients_vectorized(w, -0.3, X, Y))


@pytest.mark.parametrize("gradients", IMPLEMENTATIONS)
def test_integer_arrays_and_nested_lists_are_accepted(gradients):
    from_lists = gradients([[1], [-1]], 2, [[1, 2, 3], [0, 1, 0]], [[1, 0, 1]])
    from_floats = gradients(
        np.array([[1.0], [-1.0]]), 2.0, np.array([[1.0, 2, 3], [0, 1, 0]]), np.array([[1.0, 0, 1]])
    )
    assert_same_gradients(from_lists, from_floats, rtol=0, atol=0)
    assert from_lists.dw.dtype == np.float64


@pytest.mark.parametrize("gradients", IMPLEMENTATIONS)
def test_inputs_are_not_modified(gradients):
    X, Y = make_two_blobs(10, n_x=3)
    w = np.ones((3, 1))
    copies = [X.copy(), Y.copy(), w.copy()]
    gradients(w, 0.5, X, Y)
    for before, after in zip(copies, [X, Y, w], strict=True):
        np.testing.assert_array_equal(before, after)
