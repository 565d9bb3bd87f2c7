r"""Normalizing the inputs: zero mean and unit variance for every feature.

From the training set alone, for each feature (each row of X),

.. math::
    \mu = \frac{1}{m} \sum_{i=1}^{m} x^{(i)}, \qquad
    \sigma^2 = \frac{1}{m} \sum_{i=1}^{m} \left(x^{(i)} - \mu\right)^2,

and every set (train, dev and test) is mapped with the same :math:`\mu` and
:math:`\sigma^2`: :math:`x := (x - \mu) / \sqrt{\sigma^2 + \varepsilon}`. Features on
similar scales give a cost whose contours are round rather than long and thin, so
gradient descent can take larger steps.

Lesson: ``improving-deep-neural-networks/week-1/normalizing-inputs.md``.
"""

from __future__ import annotations

import numbers
from typing import NamedTuple

import numpy as np

from coursecode.core.validation import as_features, as_float_array

__all__ = ["Normalization", "fit_normalization", "normalize"]


class Normalization(NamedTuple):
    """The per-feature statistics of the training set.

    Attributes
    ----------
    mean : ndarray of shape (n_x, 1)
        mu, the mean of each feature.
    variance : ndarray of shape (n_x, 1)
        sigma^2, the variance of each feature (1/m, not 1/(m - 1)).
    """

    mean: np.ndarray
    variance: np.ndarray


# --8<-- [start:fit_normalization]
def fit_normalization(X_train) -> Normalization:
    """The mean and variance of each feature, from the training set only.

    Parameters
    ----------
    X_train : array_like of shape (n_x, m)
        The training inputs, one example per column.

    Returns
    -------
    Normalization
        ``mean`` and ``variance``, each of shape (n_x, 1).

    Lesson: ``improving-deep-neural-networks/week-1/normalizing-inputs.md``.

    Examples
    --------
    >>> fit_normalization([[1.0, 3.0], [10.0, 10.0]])
    Normalization(mean=array([[ 2.], [10.]]), variance=array([[1.], [0.]]))
    """
    X_train = as_features(X_train, "X_train")
    m = X_train.shape[1]

    with np.errstate(over="ignore"):  # checked below, with a clearer message
        mu = np.sum(X_train, axis=1, keepdims=True) / m  # (n_x, 1)
        centred = X_train - mu  # (n_x, m)
        sigma_squared = np.sum(centred**2, axis=1, keepdims=True) / m  # (n_x, 1)
    if not (np.isfinite(mu).all() and np.isfinite(sigma_squared).all()):
        raise ValueError(
            "X_train is too large for its mean or variance to be a float64 "
            f"(largest |x| is {np.abs(X_train).max():g}); rescale it first"
        )
    return Normalization(mean=mu, variance=sigma_squared)


# --8<-- [end:fit_normalization]


# --8<-- [start:normalize]
def normalize(X, normalization, *, epsilon=1e-8) -> np.ndarray:
    """Centre and scale X with the training set's statistics: (X - mean) / sqrt(variance + eps).

    Parameters
    ----------
    X : array_like of shape (n_x, m)
        Any set's inputs: train, dev or test.
    normalization : Normalization
        What ``fit_normalization`` returned for the training set.
    epsilon : float, default 1e-8
        Added to the variance, so that a feature that is constant in the training set
        gives 0 instead of a division by zero.

    Returns
    -------
    ndarray of shape (n_x, m)
        The normalized inputs. On the training set each feature has mean 0 and variance
        close to 1; on dev and test, only close to that if they come from the same
        distribution.

    Lesson: ``improving-deep-neural-networks/week-1/normalizing-inputs.md``.

    Examples
    --------
    >>> normalization = fit_normalization([[1.0, 3.0]])  # mean 2, variance 1
    >>> normalize([[1.0, 3.0, 5.0]], normalization).round(6)  # 5 is 3 standard deviations out
    array([[-1.,  1.,  3.]])
    """
    X = as_features(X)
    mu, sigma_squared = _check_normalization(normalization, X.shape[0])
    epsilon = _check_epsilon(epsilon)
    if (sigma_squared + epsilon == 0).any():
        feature = int(np.flatnonzero(sigma_squared + epsilon == 0)[0])
        raise ValueError(
            f"feature {feature} is constant in the training set (variance 0), so epsilon "
            "must be greater than 0 to scale it"
        )

    with np.errstate(over="ignore"):  # checked below, with a clearer message
        X_normalized = (X - mu) / np.sqrt(sigma_squared + epsilon)  # (n_x, m)
    if not np.isfinite(X_normalized).all():
        raise ValueError("X is too far from the training mean to normalize in float64")
    return X_normalized


# --8<-- [end:normalize]


def _check_normalization(normalization, n_x: int) -> tuple[np.ndarray, np.ndarray]:
    """Check that normalization is (mean, variance), each (n_x, 1), variance >= 0."""
    if not isinstance(normalization, tuple) or len(normalization) != 2:
        raise TypeError(
            "normalization must be the Normalization(mean, variance) that fit_normalization "
            f"returns, got {type(normalization).__name__}"
        )
    mu = as_float_array(normalization[0], "normalization.mean")
    sigma_squared = as_float_array(normalization[1], "normalization.variance")
    for name, value in (("mean", mu), ("variance", sigma_squared)):
        if value.shape != (n_x, 1):
            raise ValueError(
                f"normalization.{name} must have shape (n_x, 1) = ({n_x}, 1) to match X; "
                f"got shape {value.shape}"
            )
    if (sigma_squared < 0).any():
        raise ValueError("normalization.variance must be 0 or more in every feature")
    return mu, sigma_squared


def _check_epsilon(epsilon) -> float:
    if isinstance(epsilon, (bool, np.bool_)) or not isinstance(epsilon, numbers.Real):
        raise TypeError(f"epsilon must be a real number, got {type(epsilon).__name__}")
    epsilon = float(epsilon)
    if not 0 <= epsilon < np.inf:
        raise ValueError(f"epsilon must be a finite number, 0 or more, got {epsilon}")
    return epsilon
