"""The sigmoid activation, sigma(z) = 1 / (1 + e^(-z)).

Taught in the lesson "Logistic Regression"; used by every gradient implementation.
"""

from __future__ import annotations

import math

import numpy as np

__all__ = ["sigmoid", "sigmoid_of_number"]


# --8<-- [start:sigmoid]
def sigmoid(z):
    r"""Apply the sigmoid :math:`\sigma(z) = 1 / (1 + e^{-z})` elementwise.

    Parameters
    ----------
    z : float or array_like of any shape
        The logits, :math:`z = w^T x + b`.

    Returns
    -------
    float or ndarray of the same shape as ``z``
        Values in [0, 1]; a float when ``z`` is a scalar.

    Notes
    -----
    ``exp(-z)`` overflows for z below about -709. Both branches below only ever
    exponentiate ``-|z|``, which lies in (0, 1], so no warning and no ``nan`` at any
    finite z:

    .. math:: \sigma(z) = \frac{1}{1 + e^{-|z|}} \ (z \ge 0), \qquad
              \sigma(z) = \frac{e^{-|z|}}{1 + e^{-|z|}} \ (z < 0).

    Lesson: ``neural-networks-and-deep-learning/week-2/logistic-regression.md``.

    Examples
    --------
    >>> sigmoid(0.0)
    0.5
    >>> sigmoid(np.array([[-800.0, 0.0, 800.0]]))
    array([[0. , 0.5, 1. ]])
    """
    z = np.asarray(z)
    if z.dtype not in (np.float32, np.float64):
        z = z.astype(np.float64)
    e = np.exp(-np.abs(z))
    a = np.where(z >= 0, 1.0, e) / (1.0 + e)
    return a.astype(z.dtype, copy=False) if a.ndim else float(a)


# --8<-- [end:sigmoid]


# --8<-- [start:sigmoid_of_number]
def sigmoid_of_number(z: float) -> float:
    """Sigmoid of one Python number, for the loop implementation.

    The same stable two-branch formula as :func:`sigmoid`, in plain Python.

    >>> sigmoid_of_number(0.0), sigmoid_of_number(-800.0)
    (0.5, 0.0)
    """
    e = math.exp(-abs(z))  # in (0, 1]: never overflows
    return 1.0 / (1.0 + e) if z >= 0 else e / (1.0 + e)


# --8<-- [end:sigmoid_of_number]
