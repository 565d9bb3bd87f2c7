r"""The cross-entropy loss of one example and the cost J over m examples.

For a prediction :math:`a = \sigma(z)` and a label :math:`y \in \{0, 1\}`,

.. math:: \mathcal{L}(a, y) = -\bigl(y \log a + (1 - y) \log(1 - a)\bigr),
          \qquad J = \frac{1}{m} \sum_{i=1}^{m} \mathcal{L}(a^{(i)}, y^{(i)}).

Computed from the logit z instead of from a, the same loss reads

.. math:: \mathcal{L} = \max(z, 0) - y z + \log\bigl(1 + e^{-|z|}\bigr),

which never takes the log of 0 and never overflows. Taught in the lesson
"Logistic Regression Cost Function".
"""

from __future__ import annotations

import math

import numpy as np

__all__ = ["cost_from_logits", "loss_from_logit"]


# --8<-- [start:loss_from_logit]
def loss_from_logit(z: float, y: float) -> float:
    """Cross-entropy loss of one example, from its logit ``z`` and label ``y``.

    Equal to ``-(y*log(a) + (1-y)*log(1-a))`` with ``a = sigmoid(z)``, but finite and
    accurate for every finite z (the textbook form gives ``log(0)`` once ``a`` rounds to
    0 or 1, from about |z| = 37 in float64).

    >>> round(loss_from_logit(0.0, 1), 6)  # log(2)
    0.693147
    >>> loss_from_logit(-800.0, 1)  # confidently wrong: the loss is |z|
    800.0
    """
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
    return float(np.mean(np.maximum(Z, 0) - Y * Z + np.log1p(np.exp(-np.abs(Z)))))


# --8<-- [end:cost_from_logits]
