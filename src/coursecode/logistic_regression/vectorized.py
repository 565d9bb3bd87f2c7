r"""Gradient of the cost for all m examples at once, with no explicit loop.

Lessons: ``neural-networks-and-deep-learning/week-2/vectorizing-logistic-regression.md``
and ``.../week-2/gradient-descent-on-m-examples.md``.

The equations of the lecture,

.. math::
    Z = w^T X + b, \quad A = \sigma(Z), \quad dZ = A - Y, \quad
    dw = \frac{1}{m} X\, dZ^T, \quad db = \frac{1}{m} \sum_{i=1}^{m} dZ^{(i)}.
"""

from __future__ import annotations

import math

import numpy as np

from coursecode.activations import sigmoid
from coursecode.core.results import Gradients
from coursecode.core.validation import as_features, blaming_a_bad_X, check_parameters_and_data
from coursecode.loss import cost_from_logits

__all__ = ["gradients_vectorized"]


def gradients_vectorized(w, b, X, Y) -> Gradients:
    r"""Cost and gradients over m examples, computed with matrix operations.

    Returns the same numbers as :func:`coursecode.gradients_two_loops` (to rounding),
    without a Python loop over examples or features.

    Parameters
    ----------
    w : array_like of shape (n_x, 1)
        Weights.
    b : float
        Bias.
    X : array_like of shape (n_x, m)
        Inputs, one example per column.
    Y : array_like of shape (1, m)
        Labels, 0 or 1.

    Returns
    -------
    Gradients
        ``dw`` of shape (n_x, 1), ``db`` and ``cost`` as floats.

    Examples
    --------
    >>> X = [[1.0, 2.0, -1.0], [0.5, -1.0, 2.0]]
    >>> grads = gradients_vectorized([[0.0], [0.0]], 0.0, X, [[1, 0, 1]])
    >>> grads.dw
    array([[ 0.33333333],
           [-0.58333333]])
    >>> round(grads.db, 6), round(grads.cost, 6)
    (-0.166667, 0.693147)
    """
    # Every check but one costs O(n_x + m). The one that reads all of X, its scan for NaN
    # and inf, is left out: a NaN or inf in X makes a logit z, and so the cost, NaN or
    # inf (or, failing that, dw), so X is scanned only when a result is not finite.
    w, b, X, Y = check_parameters_and_data(w, b, X, Y, check_finite_X=False)
    # sigmoid refuses a NaN logit: blaming_a_bad_X names the NaN in X that made it
    with np.errstate(over="ignore", invalid="ignore"), blaming_a_bad_X(X):
        grads = _gradients_from_checked(w, b, X, Y)
    if not (math.isfinite(grads.cost) and math.isfinite(grads.db) and np.isfinite(grads.dw).all()):
        as_features(X)  # raises "X must be finite, got ... at index ..." if X is to blame
    return grads


def _gradients_from_checked(w, b, X, Y) -> Gradients:
    """The lecture's equations, on inputs already checked and converted.

    ``w`` (n_x, 1), ``X`` (n_x, m) and ``Y`` (1, m) are arrays of one float dtype, ``b`` a
    float. :func:`gradients_vectorized` and :func:`coursecode.gradient_descent` (which
    checks once per call, not per iteration) both compute with it.
    """
    m = X.shape[1]

    # --8<-- [start:forward]
    # --8<-- [start:logits]
    Z = w.T @ X + b  # (1, m): every z^(i) in one product
    # --8<-- [end:logits]
    # --8<-- [start:activations]
    A = sigmoid(Z)  # (1, m)
    # --8<-- [end:activations]
    # --8<-- [start:cost]
    J = cost_from_logits(Z, Y)
    # --8<-- [end:cost]
    # --8<-- [end:forward]

    # --8<-- [start:backward]
    # --8<-- [start:dz]
    dZ = A - Y  # (1, m)
    # --8<-- [end:dz]
    # --8<-- [start:dw]
    dw = X @ dZ.T / m  # (n_x, 1)
    # --8<-- [end:dw]
    # --8<-- [start:db]
    db = float(np.sum(dZ) / m)
    # --8<-- [end:db]
    # --8<-- [end:backward]

    return Gradients(dw=dw, db=db, cost=J)
