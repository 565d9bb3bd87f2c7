r"""The cost J of a network whose output layer is one sigmoid unit.

The output layer computes :math:`A^{[L]} = \sigma(Z^{[L]})`, and the cost is the mean
cross-entropy over the m examples, exactly as for logistic regression. It is computed
from the logits :math:`Z^{[L]}`, never from :math:`A^{[L]}`, so it stays finite and
accurate when the network is confidently wrong (see ``coursecode.loss``).

Lesson: ``neural-networks-and-deep-learning/week-3/gradient-descent-for-neural-networks.md``.
"""

from __future__ import annotations

from coursecode.core.validation import as_float_array, as_labels
from coursecode.loss import cost_from_logits

__all__ = ["network_cost"]


# --8<-- [start:network_cost]
def network_cost(ZL, Y) -> float:
    """The mean cross-entropy J of the network's outputs, from the output logits ZL.

    Parameters
    ----------
    ZL : array_like of shape (1, m)
        The output layer's pre-activation :math:`Z^{[L]}`, before the sigmoid.
    Y : array_like of shape (1, m)
        The labels, 0 or 1.

    Returns
    -------
    float
        ``J = -mean(Y log A + (1 - Y) log(1 - A))`` with ``A = sigmoid(ZL)``, computed
        as ``mean(max(ZL, 0) - Y ZL + log(1 + exp(-|ZL|)))``.

    Examples
    --------
    >>> round(network_cost([[0.0, 0.0]], [[1, 0]]), 6)  # a = 1/2 for both: log 2
    0.693147
    >>> network_cost([[-800.0]], [[1]])  # confidently wrong: J = |z|, not inf
    800.0
    """
    ZL = as_float_array(ZL, "ZL")
    if ZL.ndim != 2 or ZL.shape[0] != 1 or ZL.shape[1] == 0:
        raise ValueError(f"ZL must have shape (1, m) with m >= 1; got shape {ZL.shape}")
    Y = as_labels(Y, ZL.shape[1])
    return cost_from_logits(ZL, Y)


# --8<-- [end:network_cost]
