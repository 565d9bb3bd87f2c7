r"""Gradient of the cost with two explicit for-loops, as first written in the lecture.

Lesson: ``neural-networks-and-deep-learning/week-2/gradient-descent-on-m-examples.md``.

The loop over examples accumulates :math:`J`, :math:`dw_1, \dots, dw_{n_x}` and
:math:`db`; the loop over features touches one weight at a time. Everything is a plain
Python float, so the cost of each loop is visible. It is slow on purpose: the lesson
"Vectorization" removes both loops.
"""

from __future__ import annotations

import numpy as np

from coursecode.activations import sigmoid_of_number
from coursecode.core.results import Gradients
from coursecode.core.validation import check_parameters_and_data
from coursecode.loss import loss_from_logit

__all__ = ["gradients_two_loops"]


def gradients_two_loops(w, b, X, Y) -> Gradients:
    r"""Cost and gradients over m examples, with a loop over examples and one over features.

    .. math::
        J = \frac{1}{m}\sum_{i=1}^{m} \mathcal{L}(a^{(i)}, y^{(i)}), \quad
        \frac{\partial J}{\partial w_j} = \frac{1}{m}\sum_{i=1}^{m} x_j^{(i)} dz^{(i)}, \quad
        \frac{\partial J}{\partial b} = \frac{1}{m}\sum_{i=1}^{m} dz^{(i)},

    with :math:`z^{(i)} = w^T x^{(i)} + b`, :math:`a^{(i)} = \sigma(z^{(i)})` and
    :math:`dz^{(i)} = a^{(i)} - y^{(i)}`.

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
    >>> grads = gradients_two_loops([[0.0], [0.0]], 0.0, X, [[1, 0, 1]])
    >>> grads.dw
    array([[ 0.33333333],
           [-0.58333333]])
    >>> round(grads.db, 6), round(grads.cost, 6)
    (-0.166667, 0.693147)
    """
    w, b, X, Y = check_parameters_and_data(w, b, X, Y)
    n_x, m = X.shape
    # --8<-- [start:two_loops]
    # Plain Python numbers: one list per example, as the lecture indexes x^(i).
    weights = w[:, 0].tolist()
    examples = X.T.tolist()
    labels = Y[0].tolist()

    J = 0.0
    dw = [0.0] * n_x  # dw_1, ..., dw_n: one accumulator per feature
    db = 0.0
    for i in range(m):  # first loop: over the m examples
        x_i, y_i = examples[i], labels[i]
        z_i = b
        for j in range(n_x):
            z_i += weights[j] * x_i[j]  # z = w^T x + b
        a_i = sigmoid_of_number(z_i)
        J += loss_from_logit(z_i, y_i)  # -(y log a + (1-y) log(1-a)), computed stably
        dz_i = a_i - y_i
        for j in range(n_x):  # second loop: over the n_x features
            dw[j] += x_i[j] * dz_i
        db += dz_i
    J /= m
    dw = [dw_j / m for dw_j in dw]
    db /= m
    # --8<-- [end:two_loops]

    return Gradients(dw=np.array(dw, dtype=X.dtype).reshape(n_x, 1), db=db, cost=J)
