"""gradients_fast: the blocked pass, float32, and the checks fused into the pass.

Equivalence with the taught versions (property test, finite differences, |z| = 800) and
the table of bad inputs are in test_gradients.py and test_bad_input.py, which include
gradients_fast; here are the cases specific to how it is computed.
"""

import numpy as np
import pytest

from coursecode import gradients_fast, gradients_two_loops, gradients_vectorized
from coursecode.core.data import make_two_blobs
from coursecode.speed import fast, fused


@pytest.fixture
def tiny_blocks(monkeypatch):
    """Blocks of 3 examples, so that small problems cross many block edges."""
    monkeypatch.setattr(fast, "MAX_BLOCK_COLUMNS", 3)


def assert_close(actual, expected, rtol):
    np.testing.assert_allclose(actual.dw, expected.dw, rtol=rtol, atol=0)
    assert actual.db == pytest.approx(expected.db, rel=rtol)
    assert actual.cost == pytest.approx(expected.cost, rel=rtol)


@pytest.mark.parametrize("m", [1, 2, 3, 4, 10, 11, 24, 31, 100])
def test_blocks_of_every_length_give_the_two_loop_result(tiny_blocks, m):
    X, Y = make_two_blobs(m, n_x=4, seed=m)
    w = np.array([[0.5], [-1.0], [2.0], [0.25]])
    assert_close(gradients_fast(w, 0.1, X, Y), gradients_two_loops(w, 0.1, X, Y), rtol=1e-12)


def test_block_size_follows_the_byte_budget_for_narrow_columns():
    assert fast._block_columns(n_x=60, m=10**6, itemsize=8) == fast.BLOCK_BYTES // 480
    assert fast._block_columns(n_x=2, m=10**6, itemsize=8) == fast.MAX_BLOCK_COLUMNS
    assert fast._block_columns(n_x=2, m=7, itemsize=8) == 7


def test_wide_columns_are_taken_in_one_block():
    # 200 features: 1600 bytes a column in float64, 800 in float32, both over the limit.
    assert fast.ONE_BLOCK_COLUMN_BYTES <= 800
    assert fast._block_columns(n_x=200, m=10**6, itemsize=8) == 10**6
    assert fast._block_columns(n_x=200, m=10**6, itemsize=4) == 10**6
    assert fast._block_columns(n_x=63, m=10**6, itemsize=8) < 10**6  # 504 bytes: blocks


def test_a_wide_problem_gives_the_two_loop_result_in_one_block():
    X, Y = make_two_blobs(300, n_x=80, seed=5)  # 640-byte columns: one block
    w = np.random.default_rng(6).normal(size=(80, 1)) * 0.1
    assert_close(gradients_fast(w, 0.2, X, Y), gradients_two_loops(w, 0.2, X, Y), rtol=1e-10)


def test_float32_input_is_computed_in_float32_and_matches_float64():
    X, Y = make_two_blobs(20_000, n_x=20, seed=1)
    w = np.random.default_rng(2).normal(size=(20, 1)) * 0.3
    exact = gradients_vectorized(w, -0.2, X, Y)
    single = gradients_fast(w.astype(np.float32), -0.2, X.astype(np.float32), Y)
    assert single.dw.dtype == np.float32
    # X rounded to float32 moves each product by ~6e-8; the sums are accumulated in
    # float64, so the results stay far inside 1e-4 of the float64 ones.
    np.testing.assert_allclose(single.dw, exact.dw, rtol=1e-4, atol=1e-4 * np.abs(exact.dw).max())
    assert single.db == pytest.approx(exact.db, rel=1e-4)
    assert single.cost == pytest.approx(exact.cost, rel=1e-4)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_confident_and_right_keeps_a_tiny_cost_accurate(dtype):
    # Every example right with margin 30: L = log1p(e^-30) ~ 9.4e-14 and dz ~ -+9.4e-14.
    # Differences of large sums would lose all of it; the per-example form keeps it.
    X = np.array([[30.0, -30.0, 30.0]], dtype=dtype)
    Y = np.array([[1, 0, 1]])
    result = gradients_fast(np.array([[1.0]]), 0.0, X, Y)
    rel = 1e-5 if dtype == np.float32 else 1e-13
    assert result.cost == pytest.approx(np.log1p(np.exp(-30.0)), rel=rel)
    # Each example contributes x dz = -30 sigmoid(-30), so the mean is the same.
    sigmoid_minus_30 = np.exp(-30.0) / (1 + np.exp(-30.0))
    assert result.dw[0, 0] == pytest.approx(-30.0 * sigmoid_minus_30, rel=rel)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_z_of_800_is_finite_and_exact_in_both_dtypes(dtype):
    X = np.array([[1.0, -1.0]], dtype=dtype)
    result = gradients_fast(np.array([[800.0]]), 0.0, X, np.array([[1, 1]]))
    assert result.cost == pytest.approx(400.0, rel=1e-7)
    assert result.dw[0, 0] == pytest.approx(0.5, rel=1e-7)
    assert result.db == pytest.approx(-0.5, rel=1e-7)


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_a_bad_value_in_a_later_block_is_located(tiny_blocks, bad, dtype):
    X, Y = make_two_blobs(10, n_x=3)
    X = X.astype(dtype)
    X[2, 7] = bad
    with pytest.raises(ValueError, match=rf"X must be finite, got {bad} at index \(2, 7\)"):
        gradients_fast(np.ones((3, 1)), 0.0, X, Y)


def test_the_first_bad_value_in_row_major_order_is_reported(tiny_blocks):
    X, Y = make_two_blobs(10, n_x=3)
    X[2, 1] = np.inf
    X[1, 8] = np.nan
    with pytest.raises(ValueError, match=r"got nan at index \(1, 8\)"):
        gradients_fast(np.ones((3, 1)), 0.0, X, Y)


def test_nan_with_a_zero_weight_and_a_saturated_example_is_still_found(tiny_blocks):
    # Example 4 has z = 900 and label 1, so dz rounds to 0: its NaN (under a zero weight)
    # might reach neither z nor dw. The pass checks such blocks explicitly.
    X = np.ones((2, 6))
    X[1, 4] = 900.0
    X[0, 4] = np.nan
    Y = np.ones((1, 6))
    with pytest.raises(ValueError, match=r"X must be finite, got nan at index \(0, 4\)"):
        gradients_fast(np.array([[0.0], [1.0]]), 0.0, X, Y)


@pytest.mark.parametrize("label", [2, -1, 0.5, 1e-300, 1 + 1e-15, np.nan])
def test_a_bad_label_in_a_later_block_is_reported(tiny_blocks, label):
    X, _ = make_two_blobs(10, n_x=2)
    Y = np.array([[0.0, 1, 1, 0, 1, 0, 1, 0, 1, 0]])
    Y[0, 8] = label
    message = r"Y must be finite" if np.isnan(label) else r"Y must hold labels 0 or 1 only"
    with pytest.raises(ValueError, match=message):
        gradients_fast(np.zeros((2, 1)), 0.0, X, Y)


def test_bad_integer_label_is_reported(tiny_blocks):
    X, Y = make_two_blobs(10, n_x=2)
    Y[0, 9] = 3
    with pytest.raises(ValueError, match=r"Y must hold labels 0 or 1 only; got \[3.0\]"):
        gradients_fast(np.zeros((2, 1)), 0.0, X, Y)


def test_float64_labels_with_float32_inputs_are_checked_before_rounding():
    # 1 + 1e-10 rounds to 1.0 in float32: checking after the cast would miss it.
    X = np.ones((1, 2), dtype=np.float32)
    with pytest.raises(ValueError, match=r"Y must hold labels 0 or 1 only"):
        gradients_fast([[0.0]], 0.0, X, np.array([[0.0, 1 + 1e-10]]))


def test_views_and_fortran_order_give_the_same_result():
    X, Y = make_two_blobs(40, n_x=5, seed=3)
    w = np.linspace(-1, 1, 5).reshape(5, 1)
    expected = gradients_two_loops(w, 0.5, X, Y)
    assert_close(gradients_fast(w, 0.5, np.asfortranarray(X), Y), expected, rtol=1e-12)
    wide = np.repeat(X, 2, axis=1)[:, ::2]  # a strided view with the same values
    assert_close(gradients_fast(w, 0.5, wide, Y), expected, rtol=1e-12)


def test_finite_inputs_whose_logits_overflow_behave_like_the_course_version():
    # No bad input, so no error: the overflow gives a non-finite result, as it does
    # with the lesson's formula.
    X = np.array([[1e308, 1e308]])
    result = gradients_fast([[10.0]], 0.0, X, [[0, 0]])
    assert not np.isfinite(result.cost)


def test_large_inputs_are_shared_between_worker_threads(tiny_blocks, monkeypatch):
    monkeypatch.setattr(fast, "WORKERS", 2)
    X, Y = make_two_blobs(60, n_x=3, seed=8)  # 20 blocks: 10 per worker
    w = np.array([[0.3], [-0.7], [1.1]])
    calls = []
    original = fast._fused_pass
    monkeypatch.setattr(
        fast, "_fused_pass", lambda *args: calls.append(args[-2:]) or original(*args)
    )
    assert_close(gradients_fast(w, 0.2, X, Y), gradients_two_loops(w, 0.2, X, Y), rtol=1e-12)
    assert sorted(calls) == [(0, 30), (30, 60)]


def test_a_bad_value_in_the_second_worker_share_is_located(tiny_blocks, monkeypatch):
    monkeypatch.setattr(fast, "WORKERS", 2)
    X, Y = make_two_blobs(60, n_x=3, seed=8)
    X[1, 47] = np.nan
    with pytest.raises(ValueError, match=r"X must be finite, got nan at index \(1, 47\)"):
        gradients_fast(np.zeros((3, 1)), 0.0, X, Y)
    Y[0, 50] = 7
    X[1, 47] = 0.0
    with pytest.raises(ValueError, match=r"Y must hold labels 0 or 1 only; got \[7.0\]"):
        gradients_fast(np.zeros((3, 1)), 0.0, X, Y)


# --- gradients_fused: one compiled pass over X (numba), with gradients_fast as reference ---

fused_kernel = pytest.mark.skipif(
    not fused.numba_available(), reason="numba (the extra 'fast') is not installed"
)


@pytest.fixture
def small_fused_blocks(monkeypatch):
    """Blocks of 8 examples (the smallest) and a second worker from 10 examples on."""
    monkeypatch.setattr(fused, "BLOCK_BYTES", 1)
    monkeypatch.setattr(fused, "MIN_COLUMNS_PER_WORKER", 10)
    monkeypatch.setattr(fast, "WORKERS", 2)


@fused_kernel
@pytest.mark.parametrize("n_x", [1, 4, 5, 11])  # rows go four at a time, then one by one
@pytest.mark.parametrize("m", [1, 7, 8, 9, 16, 23, 100])
def test_the_fused_pass_gives_the_numpy_result_across_blocks_and_workers(
    small_fused_blocks, m, n_x
):
    X, Y = make_two_blobs(m, n_x=n_x, seed=m)
    w = np.linspace(-1.0, 2.0, n_x).reshape(n_x, 1)
    expected = gradients_fast(w, 0.1, X, Y)
    assert_close(fused.gradients_fused(w, 0.1, X, Y), expected, rtol=1e-12)


@fused_kernel
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_the_fused_pass_is_stable_at_z_800(dtype):
    X = np.array([[1.0, -1.0, 1.0, -1.0]], dtype=dtype)
    result = fused.gradients_fused([[800.0]], 0.0, X, [[1, 1, 0, 0]])
    assert result.cost == pytest.approx(400.0, rel=1e-6)  # two examples right, two off by 800
    assert result.db == pytest.approx(0.0, abs=1e-12)  # dz = 0, -1, +1, 0
    assert result.dw[0, 0] == pytest.approx(0.5, rel=1e-6)  # (1 * 1 + (-1) * (-1)) / 4
    assert result.dw.dtype == dtype


@fused_kernel
def test_the_fused_pass_keeps_float32_and_agrees_with_float64():
    X, Y = make_two_blobs(500, n_x=6, seed=8)
    w = np.random.default_rng(8).normal(size=(6, 1))
    double = fused.gradients_fused(w, -0.2, X, Y)
    single = fused.gradients_fused(w, -0.2, X.astype(np.float32), Y)
    assert single.dw.dtype == np.float32
    np.testing.assert_allclose(single.dw, double.dw, atol=1e-5)
    assert single.cost == pytest.approx(double.cost, abs=1e-5)


@fused_kernel
@pytest.mark.parametrize("bad", [np.nan, np.inf])
def test_the_fused_pass_names_a_bad_value_in_x_and_a_bad_label(small_fused_blocks, bad):
    X, Y = make_two_blobs(40, n_x=2, seed=9)
    X_bad = X.copy()
    X_bad[1, 33] = bad  # in the second worker's share
    with pytest.raises(ValueError, match=rf"X must be finite, got {bad} at index \(1, 33\)"):
        fused.gradients_fused(np.zeros((2, 1)), 0.0, X_bad, Y)
    Y_bad = Y.copy()
    Y_bad[0, 35] = 3
    with pytest.raises(ValueError, match=r"Y must hold labels 0 or 1 only; got \[3.0\]"):
        fused.gradients_fused(np.zeros((2, 1)), 0.0, X, Y_bad)


@fused_kernel
def test_the_fused_pass_reads_fortran_order_and_views_like_c_order():
    X, Y = make_two_blobs(30, n_x=4, seed=10)
    w = np.linspace(-1, 1, 4).reshape(4, 1)
    expected = gradients_fast(w, 0.3, X, Y)
    assert_close(fused.gradients_fused(w, 0.3, np.asfortranarray(X), Y), expected, rtol=1e-12)
    wide = np.zeros((4, 60))
    wide[:, ::2] = X
    assert_close(fused.gradients_fused(w, 0.3, wide[:, ::2], Y), expected, rtol=1e-12)


def test_without_numba_the_fused_step_is_the_numpy_step(monkeypatch):
    monkeypatch.setattr(fused, "_KERNEL", False)  # as if numba could not be imported
    assert not fused.numba_available()
    X, Y = make_two_blobs(20, n_x=3, seed=11)
    w = np.array([[1.0], [0.5], [-0.5]])
    result = fused.gradients_fused(w, 0.2, X, Y)
    assert_close(result, gradients_vectorized(w, 0.2, X, Y), rtol=1e-12)
