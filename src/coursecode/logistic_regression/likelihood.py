r"""Where the logistic regression cost comes from: the likelihood of the labels.

Lesson: ``explanation-of-logistic-regression-cost-function.md`` in
``neural-networks-and-deep-learning/week-2/``.

Read :math:`\hat{y} = \sigma(w^T x + b)` as the probability that y = 1 given x. Then one
formula gives the probability of either label,

.. math:: p(y \mid x) = \hat{y}^{\,y} (1 - \hat{y})^{1 - y},

and its logarithm is minus the loss: :math:`\log p(y \mid x) = -\mathcal{L}(\hat{y}, y)`.
For m independent examples the probability of all the labels is the product of the
:math:`p(y^{(i)} \mid x^{(i)})`, its log the sum of their logs, and so

.. math:: \log \prod_{i=1}^{m} p(y^{(i)} \mid x^{(i)}) = -m\, J(w, b):

the parameters that make the labels most probable are the ones that make J smallest.
"""

from __future__ import annotations

import numpy as np

from coursecode.core.validation import as_float_array, as_labels, check_binary

__all__ = [
    "label_probability",
    "likelihood",
    "log_label_probability",
    "log_likelihood",
    "log_likelihood_from_logits",
]


def _check_predictions_and_labels(y_hat, y, *, open_interval: bool, names=("y_hat", "y")):
    y_hat_name, y_name = names
    y_hat = as_float_array(y_hat, y_hat_name)
    y = as_float_array(y, y_name)
    if y.shape != y_hat.shape:
        raise ValueError(
            f"{y_name} must have the shape of {y_hat_name}, {y_hat.shape}; got shape {y.shape}"
        )
    check_binary(y, y_name)
    if open_interval:
        outside, expected = (y_hat <= 0) | (y_hat >= 1), "strictly between 0 and 1"
        hint = " (log_likelihood_from_logits works from z and never needs that)"
    else:
        outside, expected = (y_hat < 0) | (y_hat > 1), "between 0 and 1"
        hint = ""
    if outside.any():
        raise ValueError(
            f"{y_hat_name} must hold probabilities {expected}; got {y_hat[outside].flat[0]}{hint}"
        )
    return y_hat, y


def _check_row_of_predictions(Y_hat, Y, *, open_interval: bool):
    Y_hat = as_float_array(Y_hat, "Y_hat")
    if Y_hat.ndim != 2 or Y_hat.shape[0] != 1 or Y_hat.shape[1] == 0:
        raise ValueError(f"Y_hat must have shape (1, m) with m >= 1; got shape {Y_hat.shape}")
    Y = as_labels(Y, Y_hat.shape[1])
    return _check_predictions_and_labels(
        Y_hat, Y, open_interval=open_interval, names=("Y_hat", "Y")
    )


def _scalar_or_array(value: np.ndarray):
    return value if value.ndim else float(value)


# --8<-- [start:label_probability]
def label_probability(y_hat, y):
    r"""Probability of the label y when the model predicts y_hat = P(y = 1 | x).

    .. math:: p(y \mid x) = \hat{y}^{\,y} (1 - \hat{y})^{1 - y},

    which is :math:`\hat{y}` when y = 1 and :math:`1 - \hat{y}` when y = 0.

    Parameters
    ----------
    y_hat : float or array_like
        Predicted probabilities, in [0, 1].
    y : float or array_like of the same shape
        Labels, 0 or 1.

    Returns
    -------
    float or ndarray of the same shape

    Lesson: ``.../week-2/explanation-of-logistic-regression-cost-function.md``.

    >>> label_probability(0.8, 1), round(label_probability(0.8, 0), 12)
    (0.8, 0.2)
    """
    y_hat, y = _check_predictions_and_labels(y_hat, y, open_interval=False)
    p = y_hat**y * (1 - y_hat) ** (1 - y)
    return _scalar_or_array(p)


# --8<-- [end:label_probability]


# --8<-- [start:log_label_probability]
def log_label_probability(y_hat, y):
    r"""The log of label_probability: minus the loss of one example.

    .. math:: \log p(y \mid x) = y \log \hat{y} + (1 - y) \log(1 - \hat{y})
              = -\mathcal{L}(\hat{y}, y).

    Parameters
    ----------
    y_hat : float or array_like
        Predicted probabilities, strictly between 0 and 1 (the log of 0 is not a number).
    y : float or array_like of the same shape
        Labels, 0 or 1.

    Returns
    -------
    float or ndarray of the same shape
        Values of 0 or less.

    Lesson: ``.../week-2/explanation-of-logistic-regression-cost-function.md``.

    >>> round(log_label_probability(0.5, 1), 6)  # -log 2
    -0.693147
    """
    y_hat, y = _check_predictions_and_labels(y_hat, y, open_interval=True)
    log_p = y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat)
    return _scalar_or_array(log_p)


# --8<-- [end:log_label_probability]


# --8<-- [start:likelihood]
def likelihood(Y_hat, Y) -> float:
    r"""Probability of all m labels at once, the examples being independent.

    .. math:: \prod_{i=1}^{m} p\bigl(y^{(i)} \mid x^{(i)}\bigr)

    Parameters
    ----------
    Y_hat : array_like of shape (1, m)
        Predicted probabilities, in [0, 1].
    Y : array_like of shape (1, m)
        Labels, 0 or 1.

    Returns
    -------
    float
        A product of m numbers below 1: it underflows to 0.0 for large m (about
        :math:`0.5^{1075}`), which is one reason to work with its log.

    Lesson: ``.../week-2/explanation-of-logistic-regression-cost-function.md``.

    >>> round(likelihood([[0.9, 0.2]], [[1, 0]]), 12)  # 0.9 * 0.8
    0.72
    """
    Y_hat, Y = _check_row_of_predictions(Y_hat, Y, open_interval=False)
    return float(np.prod(label_probability(Y_hat, Y)))


# --8<-- [end:likelihood]


# --8<-- [start:log_likelihood]
def log_likelihood(Y_hat, Y) -> float:
    r"""Log of likelihood, as a sum of logs: -m J.

    .. math:: \log \prod_{i=1}^{m} p\bigl(y^{(i)} \mid x^{(i)}\bigr)
              = \sum_{i=1}^{m} \log p\bigl(y^{(i)} \mid x^{(i)}\bigr)
              = -\sum_{i=1}^{m} \mathcal{L}\bigl(\hat{y}^{(i)}, y^{(i)}\bigr)

    Parameters
    ----------
    Y_hat : array_like of shape (1, m)
        Predicted probabilities, strictly between 0 and 1.
    Y : array_like of shape (1, m)
        Labels, 0 or 1.

    Returns
    -------
    float

    Lesson: ``.../week-2/explanation-of-logistic-regression-cost-function.md``.

    >>> round(log_likelihood([[0.5] * 2000], [[1] * 2000]), 3)  # 2000 * log(0.5)
    -1386.294
    """
    Y_hat, Y = _check_row_of_predictions(Y_hat, Y, open_interval=True)
    return float(np.sum(log_label_probability(Y_hat, Y)))


# --8<-- [end:log_likelihood]


# --8<-- [start:log_likelihood_from_logits]
def log_likelihood_from_logits(Z, Y) -> float:
    r"""Log-likelihood of the labels from the logits z^(i), accurate to rounding at any finite z.

    With :math:`\log \sigma(z) = -\log(1 + e^{-z})` and
    :math:`\log(1 - \sigma(z)) = \log \sigma(-z) = -\log(1 + e^{z})`,

    .. math:: \log L = -\sum_{i=1}^{m} \Bigl( y^{(i)} \log\bigl(1 + e^{-z^{(i)}}\bigr)
              + \bigl(1 - y^{(i)}\bigr) \log\bigl(1 + e^{z^{(i)}}\bigr) \Bigr),

    where ``np.logaddexp(0, t)`` computes :math:`\log(1 + e^t)` without overflow.

    Parameters
    ----------
    Z : array_like of shape (1, m)
        Logits :math:`w^T X + b`.
    Y : array_like of shape (1, m)
        Labels, 0 or 1.

    Returns
    -------
    float
        Equal to ``-m * cost_from_logits(Z, Y)``.

    Lesson: ``.../week-2/explanation-of-logistic-regression-cost-function.md``.

    >>> log_likelihood_from_logits([[800.0, -800.0]], [[0, 1]])  # two confident mistakes
    -1600.0
    """
    Z = as_float_array(Z, "Z")
    if Z.ndim != 2 or Z.shape[0] != 1 or Z.shape[1] == 0:
        raise ValueError(f"Z must have shape (1, m) with m >= 1; got shape {Z.shape}")
    Y = as_labels(Y, Z.shape[1])
    log_p = -(Y * np.logaddexp(0.0, -Z) + (1 - Y) * np.logaddexp(0.0, Z))
    return float(np.sum(log_p))


# --8<-- [end:log_likelihood_from_logits]
