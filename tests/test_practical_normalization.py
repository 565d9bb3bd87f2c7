"""Normalizing inputs (Course 2, Week 1): the statistics come from the training set alone and
are applied unchanged to dev and test; the training set ends with mean 0 and variance 1 per
feature; constant and huge features; bad input."""

import numpy as np
import pytest

from coursecode import Normalization, fit_normalization, normalize


def three_sets(seed=0):
    """Features on very different scales; dev and test drawn from a shifted distribution."""
    rng = np.random.default_rng(seed)
    scales = np.array([[1.0], [1e3], [1e-3]])
    offsets = np.array([[5.0], [-2e4], [0.0]])
    X_train = offsets + scales * rng.standard_normal((3, 500))
    X_dev = offsets + 2 * scales + scales * rng.standard_normal((3, 100))
    X_test = offsets + scales * rng.standard_normal((3, 100))
    return X_train, X_dev, X_test


def test_fit_normalization_is_the_mean_and_the_1_over_m_variance_per_feature():
    X_train, _, _ = three_sets()
    normalization = fit_normalization(X_train)
    assert isinstance(normalization, Normalization)
    assert normalization.mean.shape == (3, 1)
    assert normalization.variance.shape == (3, 1)
    np.testing.assert_allclose(normalization.mean[:, 0], np.mean(X_train, axis=1), rtol=1e-12)
    np.testing.assert_allclose(
        normalization.variance[:, 0], np.var(X_train, axis=1, ddof=0), rtol=1e-12
    )


def test_the_training_set_ends_with_mean_0_and_variance_1():
    X_train, _, _ = three_sets()
    X_norm = normalize(X_train, fit_normalization(X_train))
    np.testing.assert_allclose(X_norm.mean(axis=1), 0.0, atol=1e-12)
    # Var is sigma^2 / (sigma^2 + 1e-8): 1 to within 1e-8 / sigma^2 = 1e-2 for the
    # feature with sigma = 1e-3; the others to within 1e-8.
    np.testing.assert_allclose(X_norm.var(axis=1), [1.0, 1.0, 1.0 - 1e-2], rtol=1e-3)
    exact = normalize(X_train, fit_normalization(X_train), epsilon=0.0)
    np.testing.assert_allclose(exact.var(axis=1), 1.0, rtol=1e-12)


def test_dev_and_test_are_mapped_with_the_training_statistics():
    X_train, X_dev, X_test = three_sets()
    normalization = fit_normalization(X_train)
    mu, sigma = X_train.mean(axis=1, keepdims=True), X_train.std(axis=1, keepdims=True)
    for X in (X_dev, X_test):
        np.testing.assert_allclose(
            normalize(X, normalization, epsilon=0.0), (X - mu) / sigma, rtol=1e-9, atol=1e-12
        )
    # Dev was drawn 2 standard deviations off: normalized with train's statistics it stays
    # there (its own statistics would have centred it at 0).
    dev_means = normalize(X_dev, normalization).mean(axis=1)
    np.testing.assert_allclose(dev_means[:2], 2.0, atol=0.3)


def test_changing_the_dev_data_does_not_change_the_statistics():
    X_train, X_dev, _ = three_sets()
    normalization = fit_normalization(X_train)
    before = normalize(X_dev, normalization)
    changed = X_dev.copy()
    changed[:, 0] = [1e6, -1e6, 3.0]  # one outlying dev example
    after = normalize(changed, normalization)
    # Every other dev column is mapped exactly as before: nothing was fitted on dev.
    np.testing.assert_array_equal(after[:, 1:], before[:, 1:])
    # And normalizing one column alone gives the same as normalizing it with the rest.
    np.testing.assert_array_equal(normalize(X_dev[:, [5]], normalization), before[:, [5]])
    # The statistics object itself is not touched by normalize.
    np.testing.assert_array_equal(normalization.mean, fit_normalization(X_train).mean)


def test_a_constant_feature_becomes_zero_without_warnings():
    X_train = np.array([[0.1, 0.1, 0.1, 0.1], [1.0, 2.0, 3.0, 4.0]])
    normalization = fit_normalization(X_train)
    X_norm = normalize(X_train, normalization)
    assert np.isfinite(X_norm).all()
    np.testing.assert_allclose(X_norm[0], 0.0, atol=1e-6)
    with pytest.raises(ValueError, match=r"feature 0 is constant in the training set"):
        normalize(X_train, normalization, epsilon=0.0)


def test_large_offsets_and_scales_are_handled():
    rng = np.random.default_rng(3)
    X_train = 1e8 + 1e6 * rng.standard_normal((2, 1000))
    X_norm = normalize(X_train, fit_normalization(X_train))
    np.testing.assert_allclose(X_norm.mean(axis=1), 0.0, atol=1e-9)
    np.testing.assert_allclose(X_norm.var(axis=1), 1.0, rtol=1e-9)


def test_values_too_large_for_a_float_variance_get_a_clear_error():
    with pytest.raises(ValueError, match=r"X_train is too large for its mean or variance"):
        fit_normalization(np.array([[1e200, -1e200, 0.0]]))


# --- bad input -----------------------------------------------------------------------------------


def test_bad_input_is_rejected():
    normalization = fit_normalization(np.array([[1.0, 2.0], [3.0, 5.0]]))
    with pytest.raises(
        ValueError,
        match=r"normalization.mean must have shape \(n_x, 1\) = \(3, 1\) to match X; "
        r"got shape \(2, 1\)",
    ):
        normalize(np.ones((3, 4)), normalization)
    with pytest.raises(TypeError, match=r"normalization must be the Normalization"):
        normalize(np.ones((2, 4)), {"mean": normalization.mean})
    with pytest.raises(ValueError, match=r"normalization.variance must be 0 or more"):
        normalize(np.ones((2, 4)), Normalization(normalization.mean, -normalization.variance))
    with pytest.raises(ValueError, match=r"epsilon must be a finite number, 0 or more, got -1"):
        normalize(np.ones((2, 4)), normalization, epsilon=-1.0)
    with pytest.raises(ValueError, match=r"X_train must be 2-D with shape \(n_x, m\)"):
        fit_normalization(np.ones(4))
    with pytest.raises(ValueError, match=r"X_train must be finite, got nan"):
        fit_normalization(np.array([[1.0, np.nan]]))
    with pytest.raises(ValueError, match=r"X must hold at least one example"):
        normalize(np.ones((2, 0)), normalization)
