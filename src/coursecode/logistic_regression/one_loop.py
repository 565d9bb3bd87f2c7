r"""Gradient of the cost with one loop, over examples only: the halfway step.

Lesson: ``neural-networks-and-deep-learning/week-2/more-vectorization-examples.md``.

The two-loop version (:func:`coursecode.gradients_two_loops`) keeps one accumulator per
feature, :math:`dw_1, \dots, dw_{n_x}`. Here they become one vector
:math:`dw \in \mathbb{R}^{n_x \times 1}`, so the loop over features turns into a vector
operation,

.. math:: dw \mathrel{+}= x^{(i)}\, dz^{(i)},

and only the loop over the m examples is left. The lesson "Vectorizing Logistic
Regression" removes that one too.
"""

from __future__ import annotations

import numpy as np

from coursecode.activations import sigmoid_of_number
from coursecode.core.results import Gradients
from coursecode.core.validation import check_parameters_and_data
from coursecode.loss import loss_from_logit

__all__ = ["gradients_one_loop"]


def gradients_one_loop(w, b, X, Y) -> Gradients:
    r"""Cost and gradients over m examples, looping over examples but not over features.

    .. math::
        J = \frac{1}{m}\sum_{i=1}^{m} \mathcal{L}(a^{(i)}, y^{(i)}), \qquad
        dw = \frac{1}{m}\sum_{i=1}^{m} x^{(i)} dz^{(i)}, \qquad
        db = \frac{1}{m}\sum_{i=1}^{m} dz^{(i)},

    with :math:`z^{(i)} = w^T x^{(i)} + b`, :math:`a^{(i)} = \sigma(z^{(i)})`,
    :math:`dz^{(i)} = a^{(i)} - y^{(i)}`, and :math:`x^{(i)}` the i-th column of X.

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
        ``dw`` of shape (n_x, 1), ``db`` and ``cost`` as floats; the same numbers as
        :func:`coursecode.gradients_two_loops` and :func:`coursecode.gradients_vectorized`
        up to rounding.

    Examples
    --------
    >>> X = [[1.0, 2.0, -1.0], [0.5, -1.0, 2.0]]
    >>> grads = gradients_one_loop([[0.0], [0.0]], 0.0, X, [[1, 0, 1]])
    >>> grads.dw
    array([[ 0.33333333],
           [-0.58333333]])
    >>> round(grads.db, 6), round(grads.cost, 6)
    (-0.166667, 0.693147)
    """
    w, b, X, Y = check_parameters_and_data(w, b, X, Y)
    n_x, m = X.shape

    # --8<-- [start:one_loop]
    J = 0.0
    dw = np.zeros((n_x, 1))  # one vector instead of dw_1, ..., dw_n
    db = 0.0
    for i in range(m):  # the only loop left: over the m examples
        x_i = X[:, i : i + 1]  # the i-th example as a column, (n_x, 1)
        y_i = float(Y[0, i])
        z_i = (w.T @ x_i).item() + b  # (1, n_x) @ (n_x, 1) is (1, 1): take the number
        a_i = sigmoid_of_number(z_i)
        J += loss_from_logit(z_i, y_i)
        dz_i = a_i - y_i
        dw += x_i * dz_i  # every feature at once: no loop over j
        db += dz_i
    J /= m
    dw /= m
    db /= m
    # --8<-- [end:one_loop]

    return Gradients(dw=dw.astype(X.dtype, copy=False), db=db, cost=J)
