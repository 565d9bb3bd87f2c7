r"""The cross-entropy loss of one example and the cost J over m examples.

For a prediction :math:`a = \sigma(z)` and a label :math:`y \in \{0, 1\}`,

.. math:: \mathcal{L}(a, y) = -\bigl(y \log a + (1 - y) \log(1 - a)\bigr),
          \qquad J = \frac{1}{m} \sum_{i=1}^{m} \mathcal{L}(a^{(i)}, y^{(i)}).

Computed from the logit z instead of from a, the same loss reads

.. math:: \mathcal{L} = \max(z, 0) - y z + \log\bigl(1 + e^{-|z|}\bigr),

which never takes the log of 0 and never overflows. Taught in the lesson
"Logistic Regression Cost Function", which also shows the textbook forms
:func:`loss_from_prediction` and :func:`cost_from_predictions` that start from
:math:`\hat{y} = a`, and where they break. The lesson "Logistic Regression Gradient
Descent" uses :func:`loss_derivative_wrt_prediction`, :math:`da = \partial \mathcal{L} /
\partial a`.
"""

from __future__ import annotations

import math

import numpy as np

from coursecode.core.validation import as_bias, as_float_array, as_labels, check_binary

__all__ = [
    "cost_from_logits",
    "cost_from_predictions",
    "loss_derivative_wrt_prediction",
    "loss_from_logit",
    "loss_from_prediction",
]


# --8<-- [start:loss_from_logit]
def loss_from_logit(z: float, y: float) -> float:
    """Cross-entropy loss of one example, from its logit ``z`` and label ``y``.

    Equal to ``-(y*log(a) + (1-y)*log(1-a))`` with ``a = sigmoid(z)``, but finite and
    accurate to rounding for every finite z (in float64 the textbook form takes log(0) once
    ``a`` rounds to 1.0, from about z = 37; ``a`` itself reaches 0.0 only near z = -745).

    >>> round(loss_from_logit(0.0, 1), 6)  # log(2)
    0.693147
    >>> loss_from_logit(-800.0, 1)  # confidently wrong: the loss is |z|
    800.0
    """
    z, y = _check_logit(z), _check_label(y)
    return max(z, 0.0) - y * z + math.log1p(math.exp(-abs(z)))


# --8<-- [end:loss_from_logit]


# --8<-- [start:cost_from_logits]
def cost_from_logits(Z: np.ndarray, Y: np.ndarray) -> float:
    """Average cross-entropy J over the m examples, from logits ``Z`` and labels ``Y``.

    Parameters
    ----------
    Z : ndarray of shape (1, m)
        The logits ``w.T @ X + b``.
    Y : ndarray of shape (1, m)
        The labels, 0 or 1.

    Returns
    -------
    float
        ``J = mean(max(Z, 0) - Y*Z + log1p(exp(-|Z|)))``.

    >>> cost_from_logits(np.array([[0.0, 800.0]]), np.array([[1, 0]]))
    400.34657359027996
    """
    Z, Y = as_float_array(Z, "Z", allow_infinite=True), as_float_array(Y, "Y")
    if Y.shape != Z.shape:
        raise ValueError(f"Y must have the shape of Z, {Z.shape}; got shape {Y.shape}")
    check_binary(Y, "Y")
    # A logit of +-inf (a training step that overflowed) makes the cost nan; gradient
    # descent reports that as divergence, so the warning NumPy would add says nothing new.
    with np.errstate(invalid="ignore"):
        L = np.maximum(Z, 0)  # the loss of every example, built up in place
        L -= Y * Z  # exactly 0 for a right label: the small log term is then kept whole
        L += np.log1p(np.exp(-np.abs(Z)))
        return float(np.mean(L))


# --8<-- [end:cost_from_logits]


def _check_prediction(y_hat, name: str = "y_hat") -> float:
    """A prediction strictly between 0 and 1, where both logarithms are finite."""
    y_hat = as_bias(y_hat, name=name)
    if not 0.0 < y_hat < 1.0:
        raise ValueError(
            f"{name} must be strictly between 0 and 1 for the textbook formula (it takes "
            f"log({name}) and log(1 - {name})), got {y_hat!r}; compute the loss from the "
            "logit z with loss_from_logit instead"
        )
    return y_hat


def _check_logit(z, name: str = "z") -> float:
    """One logit: a real number; +-inf allowed (the loss has a limit there), NaN not."""
    array = as_float_array(z, name, allow_infinite=True)
    if array.ndim != 0:
        raise TypeError(f"{name} must be a single number, got an array of shape {array.shape}")
    return float(array)


def _check_label(y, name: str = "y") -> float:
    """One label, 0 or 1."""
    y = as_bias(y, name=name)
    if y not in (0.0, 1.0):
        raise ValueError(f"{name} must be a label 0 or 1, got {y!r}")
    return y


# --8<-- [start:loss_from_prediction]
def loss_from_prediction(y_hat: float, y: float) -> float:
    r"""Cross-entropy loss of one example in the textbook form, from y_hat and y.

    .. math:: \mathcal{L}(\hat{y}, y) = -\bigl(y \log \hat{y} + (1 - y) \log(1 - \hat{y})\bigr)

    Parameters
    ----------
    y_hat : float
        The prediction :math:`\hat{y} = \sigma(z)`, strictly between 0 and 1.
    y : {0, 1}
        The label.

    Returns
    -------
    float
        :math:`-\log \hat{y}` if y = 1, :math:`-\log(1 - \hat{y})` if y = 0.

    Notes
    -----
    Fine for teaching, fragile in practice: in float64 :math:`\hat{y} = \sigma(z)` rounds
    to exactly 1 from about z = 37, and then the label 0 needs log(0); before that,
    :math:`1 - \hat{y}` has already lost digits. (:math:`\hat{y}` reaches exactly 0 only
    near z = -745.) :func:`loss_from_logit` computes the same loss from z and is accurate
    to rounding everywhere.

    Lesson: ``neural-networks-and-deep-learning/week-2/logistic-regression-cost-function.md``.

    Examples
    --------
    >>> round(loss_from_prediction(0.9, 1), 4)  # confident and right: small loss
    0.1054
    >>> round(loss_from_prediction(0.9, 0), 4)  # confident and wrong: large loss
    2.3026
    """
    y_hat = _check_prediction(y_hat)
    y = _check_label(y)
    return -(y * math.log(y_hat) + (1 - y) * math.log(1 - y_hat))


# --8<-- [end:loss_from_prediction]


# --8<-- [start:cost_from_predictions]
def cost_from_predictions(A, Y) -> float:
    r"""The cost J, the mean textbook loss over m examples, from predictions ``A``.

    .. math:: J = -\frac{1}{m} \sum_{i=1}^{m} \Bigl(y^{(i)} \log a^{(i)}
              + \bigl(1 - y^{(i)}\bigr) \log\bigl(1 - a^{(i)}\bigr)\Bigr)

    Parameters
    ----------
    A : array_like of shape (1, m)
        The predictions :math:`a^{(i)} = \hat{y}^{(i)}`, each strictly between 0 and 1.
    Y : array_like of shape (1, m)
        The labels, 0 or 1.

    Returns
    -------
    float

    Notes
    -----
    The same limits as :func:`loss_from_prediction`; :func:`cost_from_logits` is the
    accurate version the training code uses.

    Lesson: ``neural-networks-and-deep-learning/week-2/logistic-regression-cost-function.md``.

    Examples
    --------
    >>> round(cost_from_predictions([[0.5, 0.5]], [[1, 0]]), 6)  # log 2
    0.693147
    """
    A = as_float_array(A, "A")
    if A.ndim != 2 or A.shape[0] != 1 or A.shape[1] == 0:
        raise ValueError(f"A must have shape (1, m) with m >= 1; got shape {A.shape}")
    Y = as_labels(Y, A.shape[1])
    outside = (A <= 0) | (A >= 1)
    if outside.any():
        bad = A[outside][0]
        raise ValueError(
            f"A must hold predictions strictly between 0 and 1 for the textbook formula, "
            f"got {bad!r}; compute the cost from the logits with cost_from_logits instead"
        )
    return float(-np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A)))


# --8<-- [end:cost_from_predictions]


# --8<-- [start:loss_derivative_wrt_prediction]
def loss_derivative_wrt_prediction(a: float, y: float) -> float:
    r"""The derivative of the loss with respect to the prediction a, dL/da.

    .. math:: da = \frac{\partial \mathcal{L}}{\partial a} = -\frac{y}{a} + \frac{1 - y}{1 - a}

    Parameters
    ----------
    a : float
        The prediction :math:`a = \sigma(z)`, strictly between 0 and 1.
    y : {0, 1}
        The label.

    Returns
    -------
    float
        :math:`-1/a` if y = 1, :math:`1/(1 - a)` if y = 0.

    Notes
    -----
    It blows up as a approaches the wrong label (for y = 1 and a below about 1e-308 the
    true value is beyond the float range and the result is ``-inf``). The backward pass
    never needs it on its own: multiplied by :math:`\sigma'(z) = a(1 - a)` it becomes
    :math:`dz = a - y`, which is always finite.

    Lesson: ``neural-networks-and-deep-learning/week-2/logistic-regression-gradient-descent.md``.

    Examples
    --------
    >>> loss_derivative_wrt_prediction(0.8, 1), round(loss_derivative_wrt_prediction(0.8, 0), 12)
    (-1.25, 5.0)
    """
    a = _check_prediction(a, name="a")
    y = _check_label(y)
    return -y / a + (1 - y) / (1 - a)


# --8<-- [end:loss_derivative_wrt_prediction]
