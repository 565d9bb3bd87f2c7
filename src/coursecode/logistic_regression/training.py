r"""Batch gradient descent for logistic regression, and predictions from the result.

Lesson: ``neural-networks-and-deep-learning/week-2/gradient-descent-on-m-examples.md``.
Each iteration computes J and its gradients over all m examples, then updates

.. math:: w := w - \alpha\, dw, \qquad b := b - \alpha\, db.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from contextlib import nullcontext
from typing import NamedTuple

import numpy as np

from coursecode.activations import sigmoid
from coursecode.core.results import Gradients
from coursecode.core.validation import (
    as_bias,
    as_features,
    as_weights,
    blaming_a_bad_X,
    check_learning_rate,
    check_num_iterations,
    check_parameters_and_data,
    diverged,
    in_dtype_of,
)
from coursecode.logistic_regression.vectorized import (
    _gradients_from_checked,
    gradients_vectorized,
)

__all__ = ["TrainingResult", "check_training_inputs", "gradient_descent", "predict"]


class TrainingResult(NamedTuple):
    """What :func:`gradient_descent` returns.

    Attributes
    ----------
    w : ndarray of shape (n_x, 1)
        The final weights.
    b : float
        The final bias.
    costs : list of float
        ``costs[k]`` is J computed in iteration k, before that iteration's update.
    """

    w: np.ndarray
    b: float
    costs: list[float]


def gradient_descent(
    w,
    b,
    X,
    Y,
    *,
    learning_rate: float,
    num_iterations: int,
    gradients: Callable[..., Gradients] = gradients_vectorized,
) -> TrainingResult:
    r"""Run ``num_iterations`` steps of batch gradient descent from ``(w, b)``.

    Parameters
    ----------
    w : array_like of shape (n_x, 1)
        Initial weights (not modified).
    b : float
        Initial bias.
    X : array_like of shape (n_x, m)
        Inputs, one example per column.
    Y : array_like of shape (1, m)
        Labels, 0 or 1.
    learning_rate : float
        The step size :math:`\alpha > 0`.
    num_iterations : int
        How many updates to make, 0 or more.
    gradients : callable, default :func:`coursecode.gradients_vectorized`
        ``gradients(w, b, X, Y) -> Gradients``; pass
        :func:`coursecode.gradients_two_loops` to train with the loop version.

    Returns
    -------
    TrainingResult
        The final ``w`` and ``b`` and the cost of every iteration.

    Examples
    --------
    >>> X = [[-2.0, -1.0, 1.0, 2.0]]
    >>> Y = [[0, 0, 1, 1]]
    >>> result = gradient_descent([[0.0]], 0.0, X, Y, learning_rate=1.0, num_iterations=100)
    >>> round(result.costs[0], 4), result.costs[-1] < 0.1
    (0.6931, True)
    >>> predict(result.w, result.b, X)
    array([[0, 0, 1, 1]])
    """
    # X and Y never change during training, so they are checked here, once, and not again
    # by the taught step in every iteration. With that step, X is not even scanned for NaN
    # and inf up front (a pass over all of X, as long as a few steps): a NaN or inf in X
    # makes its example's logit, and so the first cost, NaN or inf, and only then is X
    # scanned, to name the bad value.
    scan_X_on_failure = gradients is gradients_vectorized and not _is_blocked(X)
    w, b, X, Y, alpha, num_iterations = check_training_inputs(
        w, b, X, Y, learning_rate, num_iterations, gradients, check_finite_X=not scan_X_on_failure
    )
    if scan_X_on_failure:
        gradients = _gradients_from_checked  # the same equations, without the checks
        if num_iterations == 0:  # no step to reveal a bad X
            as_features(X)
    w = w.copy()  # never change the caller's array
    # A run that diverges overflows to inf or nan: stop_if_diverged reports it as an error
    # that names the iteration, instead of NumPy printing a warning per operation.
    # A NaN or inf in X shows as a NaN logit (ValueError) or as a non-finite first cost,
    # which stop_if_diverged reports (FloatingPointError): then X is named instead.
    bad_X_check = (
        blaming_a_bad_X(X, (ValueError, FloatingPointError))
        if scan_X_on_failure
        else nullcontext()
    )
    with np.errstate(over="ignore", invalid="ignore"), bad_X_check:
        # --8<-- [start:gradient_descent]
        costs = []
        for iteration in range(num_iterations):
            dw, db, cost = gradients(w, b, X, Y)
            w = w - alpha * dw
            b = b - alpha * db
            costs.append(cost)
            stop_if_diverged(iteration, cost, w, b, alpha, X)
        # --8<-- [end:gradient_descent]
    return TrainingResult(w=w, b=b, costs=costs)


def check_training_inputs(
    w, b, X, Y, learning_rate, num_iterations, gradients, *, check_finite_X: bool = True
):
    """Check the data, the start and the settings of gradient descent; return them converted.

    ``check_finite_X=False`` leaves out the scan of X for NaN and inf (see
    :func:`coursecode.core.validation.check_parameters_and_data`).

    Parameters
    ----------
    w : array_like of shape (n_x, 1)
    b : float
    X : array_like of shape (n_x, m)
    Y : array_like of shape (1, m)
    learning_rate : float
    num_iterations : int
    gradients : callable

    Returns
    -------
    w : ndarray of shape (n_x, 1)
        In the dtype of X.
    b : float
    X : ndarray of shape (n_x, m)
        float32 or float64; finite, unless ``check_finite_X`` is False.
    Y : ndarray of shape (1, m)
        0s and 1s in the dtype of X.
    alpha : float
        The learning rate, greater than 0.
    num_iterations : int
        0 or more.

    Raises
    ------
    ValueError, TypeError
        Naming the argument, what it got and what was expected.
    """
    if _is_blocked(X):  # a dask array, for example: checked where its blocks are
        w, b, X, Y = _check_blocked_data(w, b, X, Y)
    else:
        w, b, X, Y = check_parameters_and_data(w, b, X, Y, check_finite_X=check_finite_X)
    alpha = check_learning_rate(learning_rate)
    num_iterations = check_num_iterations(num_iterations)
    if not callable(gradients):
        raise TypeError(
            "gradients must be a function gradients(w, b, X, Y) -> Gradients, such as "
            f"coursecode.gradients_vectorized; got {type(gradients).__name__} {gradients!r}"
        )
    return w, b, X, Y, alpha, num_iterations


def _is_blocked(X) -> bool:
    """True for an array split into blocks that computes on demand (a dask array)."""
    return hasattr(X, "chunks") and hasattr(X, "compute")


def _check_blocked_data(w, b, X, Y):
    """check_parameters_and_data for X held in blocks, never gathered into this process.

    The shapes and dtypes are read from the arrays' metadata; the values (X finite, Y 0 or
    1) are checked by reductions the arrays run block by block, where the blocks live.
    """
    if X.ndim != 2 or 0 in X.shape:
        raise ValueError(
            f"X must be 2-D with shape (n_x, m), n_x >= 1 and m >= 1; got shape {X.shape}"
        )
    if X.dtype not in (np.float32, np.float64):
        if X.dtype == np.bool_ or not np.issubdtype(X.dtype, np.integer):
            raise TypeError(f"X must hold real numbers, got an array of dtype {X.dtype}")
        X = X.astype(np.float64)
    n_x, m = X.shape
    if getattr(Y, "shape", None) != (1, m):
        raise ValueError(
            f"Y must have shape (1, m) = (1, {m}) to match X; got shape {getattr(Y, 'shape', Y)}"
        )
    w = in_dtype_of(X, as_weights(w, n_x), "w")
    b = as_bias(b)
    is_label = (Y == 0) | (Y == 1)
    if not bool(np.isfinite(X).all() & is_label.all()):  # both in one pass over the blocks
        if not bool(np.isfinite(X).all()):
            raise ValueError("X must be finite; one of its blocks holds NaN or inf")
        lowest = float(np.where(is_label, np.inf, Y).min())
        highest = float(np.where(is_label, -np.inf, Y).max())
        raise ValueError(f"Y must hold labels 0 or 1 only; got {sorted({lowest, highest})}")
    return w, b, X, Y.astype(X.dtype)


def stop_if_diverged(iteration: int, cost: float, w: np.ndarray, b: float, alpha, X) -> None:
    """Raise a FloatingPointError if the cost or the parameters are no longer finite; the
    message names the iteration and both likely causes (see ``diverged``)."""
    if math.isfinite(cost) and math.isfinite(b) and np.isfinite(w).all():
        return
    raise diverged(
        iteration,
        alpha,
        X,
        run="gradient descent",
        overflowed=f"the cost or the parameters overflowed (cost {cost})",
    )


# --8<-- [start:predict]
def predict(w, b, X) -> np.ndarray:
    r"""Predict labels: 1 where sigma(w^T x + b) > 0.5, else 0.

    Parameters
    ----------
    w : array_like of shape (n_x, 1)
    b : float
    X : array_like of shape (n_x, m)

    Returns
    -------
    ndarray of int, shape (1, m)

    >>> predict([[1.0], [-1.0]], 0.0, [[3.0, 0.0], [1.0, 2.0]])
    array([[1, 0]])
    """
    X = as_features(X)
    w, b = in_dtype_of(X, as_weights(w, X.shape[0]), "w"), as_bias(b)  # float32 stays float32
    return (sigmoid(w.T @ X + b) > 0.5).astype(int)


# --8<-- [end:predict]
