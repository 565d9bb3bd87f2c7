r"""Batch gradient descent for logistic regression, and predictions from the result.

Lesson: ``neural-networks-and-deep-learning/week-2/gradient-descent-on-m-examples.md``.
Each iteration computes J and its gradients over all m examples, then updates

.. math:: w := w - \alpha\, dw, \qquad b := b - \alpha\, db.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import numpy as np

from coursecode.activations import sigmoid
from coursecode.core.results import Gradients
from coursecode.core.validation import (
    as_bias,
    as_features,
    as_weights,
    check_learning_rate,
    check_num_iterations,
    check_parameters_and_data,
)
from coursecode.logistic_regression.vectorized import gradients_vectorized

__all__ = ["TrainingResult", "gradient_descent", "predict"]


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
    w, b, X, Y = check_parameters_and_data(w, b, X, Y)
    alpha = check_learning_rate(learning_rate)
    num_iterations = check_num_iterations(num_iterations)

    # --8<-- [start:gradient_descent]
    w = w.copy()  # never change the caller's array
    costs = []
    for _ in range(num_iterations):
        dw, db, cost = gradients(w, b, X, Y)
        w = w - alpha * dw
        b = b - alpha * db
        costs.append(cost)
    # --8<-- [end:gradient_descent]
    return TrainingResult(w=w, b=b, costs=costs)


def predict(w, b, X) -> np.ndarray:
    r"""Predict labels: 1 where :math:`\sigma(w^T x + b) > 0.5`, else 0.

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
    w, b = as_weights(w, X.shape[0]), as_bias(b)
    return (sigmoid(w.T @ X + b) > 0.5).astype(int)
