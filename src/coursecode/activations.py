"""Activation functions: the sigmoid, its derivative, and the ReLU.

The sigmoid sigma(z) = 1 / (1 + e^(-z)) is taught in the lesson "Logistic Regression" and
used by every gradient implementation; its derivative appears in "Logistic Regression
Gradient Descent". The ReLU, max(0, z), is the activation of Week 1's housing-price
neuron ("What is a Neural Network?").
"""

from __future__ import annotations

import math

import numpy as np

from coursecode.core.validation import as_float_array

__all__ = ["relu", "sigmoid", "sigmoid_derivative", "sigmoid_of_number"]


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


# --8<-- [start:sigmoid_derivative]
def sigmoid_derivative(z):
    r"""Slope of the sigmoid, :math:`\sigma'(z) = \sigma(z)\,\bigl(1 - \sigma(z)\bigr)`.

    Parameters
    ----------
    z : float or array_like of any shape
        Where to take the slope.

    Returns
    -------
    float or ndarray of the same shape as ``z``
        Values in [0, 1/4]; the largest, 1/4, at z = 0.

    Notes
    -----
    The product of two numbers in [0, 1] never overflows, so this is finite for every
    finite z; far from 0 it underflows to 0 (the true value there is about
    :math:`e^{-|z|}`).

    Lesson: ``neural-networks-and-deep-learning/week-2/logistic-regression-gradient-descent.md``.

    Examples
    --------
    >>> sigmoid_derivative(0.0)
    0.25
    >>> sigmoid_derivative(np.array([-800.0, 800.0]))
    array([0., 0.])
    """
    z = as_float_array(z, "z")
    a = sigmoid(z)
    return a * (1.0 - a)


# --8<-- [end:sigmoid_derivative]


# --8<-- [start:relu]
def relu(z):
    """The rectified linear unit, ``max(0, z)``, elementwise.

    Parameters
    ----------
    z : float or array_like of any shape
        The neuron's linear part, for example ``w * size + b``.

    Returns
    -------
    float or ndarray of float, same shape as ``z``
        ``z`` where it is positive, 0 elsewhere; a float when ``z`` is a scalar.

    Lesson: ``neural-networks-and-deep-learning/week-1/what-is-a-neural-network.md``.

    Examples
    --------
    >>> relu(-2.5), relu(3.0)
    (0.0, 3.0)
    >>> relu([[-1, 0, 2]])
    array([[0., 0., 2.]])
    """
    z = as_float_array(z, "z")
    out = np.maximum(z, 0.0)
    return out if out.ndim else float(out)


# --8<-- [end:relu]
