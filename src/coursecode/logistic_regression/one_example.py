r"""Logistic regression on a single example: the prediction, and the gradient of its loss.

For one example x of shape (n_x, 1) with label y,

.. math::
    z = w^T x + b, \quad a = \hat{y} = \sigma(z), \quad
    dz = a - y, \quad dw = x\, dz, \quad db = dz.

Lessons: ``neural-networks-and-deep-learning/week-2/logistic-regression.md`` (the
prediction) and ``.../week-2/logistic-regression-gradient-descent.md`` (the gradient).
The lesson "Gradient Descent on m Examples" averages this gradient over a training set.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from coursecode.activations import sigmoid
from coursecode.core.validation import as_bias, as_float_array, as_labels, as_weights
from coursecode.loss import loss_from_logit

__all__ = ["OneExampleGradients", "one_example_gradients", "predict_probability"]


def _check_example(w, b, x):
    """Check ``x`` of shape (n_x, 1), then ``w`` of shape (n_x, 1) and ``b``."""
    x = as_float_array(x, "x")
    if x.ndim != 2 or x.shape[1] != 1 or x.shape[0] == 0:
        hint = " (a rank-1 array; use x.reshape(-1, 1))" if x.ndim == 1 else ""
        raise ValueError(
            f"x must be one example as a column, shape (n_x, 1) with n_x >= 1; "
            f"got shape {x.shape}{hint}"
        )
    return as_weights(w, x.shape[0]), as_bias(b), x


# --8<-- [start:predict_probability]
def predict_probability(w, b, x) -> float:
    r"""The prediction y_hat = sigma(w^T x + b) for one example.

    Parameters
    ----------
    w : array_like of shape (n_x, 1)
        Weights, one per feature.
    b : float
        Bias.
    x : array_like of shape (n_x, 1)
        One example, as a column.

    Returns
    -------
    float
        :math:`\hat{y}`, read as the probability that y = 1 given x.

    Lesson: ``neural-networks-and-deep-learning/week-2/logistic-regression.md``.

    Examples
    --------
    >>> predict_probability([[1.0], [2.0]], -3.0, [[1.0], [1.0]])  # z = 1 + 2 - 3 = 0
    0.5
    """
    w, b, x = _check_example(w, b, x)
    z = (w.T @ x).item() + b  # w^T x is a (1, 1) array; .item() makes it a number
    return sigmoid(z)


# --8<-- [end:predict_probability]


class OneExampleGradients(NamedTuple):
    """The forward and backward pass of one example.

    Attributes
    ----------
    z : float
        The logit :math:`w^T x + b`.
    a : float
        The prediction :math:`\\sigma(z)`.
    loss : float
        :math:`\\mathcal{L}(a, y)`, computed stably from z.
    dz : float
        :math:`\\partial \\mathcal{L} / \\partial z = a - y`.
    dw : ndarray of shape (n_x, 1)
        :math:`\\partial \\mathcal{L} / \\partial w`, shaped like ``w``.
    db : float
        :math:`\\partial \\mathcal{L} / \\partial b`.
    """

    z: float
    a: float
    loss: float
    dz: float
    dw: np.ndarray
    db: float


# --8<-- [start:one_example_gradients]
def one_example_gradients(w, b, x, y) -> OneExampleGradients:
    r"""Forward and backward pass of logistic regression on one example.

    .. math:: dz = a - y, \qquad dw_j = x_j\, dz \ (j = 1, \dots, n_x), \qquad db = dz

    Parameters
    ----------
    w : array_like of shape (n_x, 1)
    b : float
    x : array_like of shape (n_x, 1)
        One example, as a column.
    y : {0, 1}
        Its label.

    Returns
    -------
    OneExampleGradients
        ``z``, ``a``, ``loss``, ``dz``, ``db`` as floats and ``dw`` of shape (n_x, 1).

    Lesson: ``neural-networks-and-deep-learning/week-2/logistic-regression-gradient-descent.md``.

    Examples
    --------
    >>> grads = one_example_gradients([[0.0], [0.0]], 0.0, [[1.0], [2.0]], 1)
    >>> grads.a, grads.dz, grads.db
    (0.5, -0.5, -0.5)
    >>> grads.dw
    array([[-0.5],
           [-1. ]])
    """
    w, b, x = _check_example(w, b, x)
    y = as_labels([[y]], 1, name="y").item()
    # forward pass
    z = (w.T @ x).item() + b
    a = sigmoid(z)
    loss = loss_from_logit(z, y)
    # backward pass: dL/da * da/dz simplifies to a - y (see the lesson)
    dz = a - y
    dw = x * dz  # (n_x, 1): dw_j = x_j dz
    db = dz
    return OneExampleGradients(z=z, a=a, loss=loss, dz=dz, dw=dw, db=db)


# --8<-- [end:one_example_gradients]
