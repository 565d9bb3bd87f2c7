r"""Gradient descent on a cost of one parameter, where every step can be followed by hand.

Lesson: ``neural-networks-and-deep-learning/week-2/gradient-descent.md``.

The update rule :math:`w := w - \alpha\, \frac{dJ}{dw}` moves w downhill: where the slope is
positive w decreases, where it is negative w increases, and the step shrinks as the slope
flattens near a minimum.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from coursecode.core.validation import as_bias, check_learning_rate, check_num_iterations

__all__ = ["gradient_descent_path"]


# --8<-- [start:gradient_descent_path]
def gradient_descent_path(
    derivative: Callable[[float], float],
    w: float,
    *,
    learning_rate: float,
    num_iterations: int,
) -> list[float]:
    r"""Apply w := w - alpha J'(w) num_iterations times and return every w.

    Parameters
    ----------
    derivative : callable
        :math:`J'(w)`, the slope of the cost at w.
    w : float
        The starting point.
    learning_rate : float
        The step size :math:`\alpha > 0`.
    num_iterations : int
        How many updates to make, 0 or more.

    Returns
    -------
    list of float
        ``num_iterations + 1`` values: the start, then w after each update.

    Raises
    ------
    ValueError
        If w or the slope stops being a finite number (the steps grew without bound: the
        learning rate is too large for this cost).

    Lesson: ``neural-networks-and-deep-learning/week-2/gradient-descent.md``.

    Examples
    --------
    >>> path = gradient_descent_path(lambda w: 2 * (w - 3), 0.0, learning_rate=0.25,
    ...                              num_iterations=3)  # J(w) = (w - 3)^2
    >>> path
    [0.0, 1.5, 2.25, 2.625]
    """
    if not callable(derivative):
        raise TypeError(f"derivative must be a function of one number, got {derivative!r}")
    w = as_bias(w, name="w")
    alpha = check_learning_rate(learning_rate)
    num_iterations = check_num_iterations(num_iterations)

    path = [w]
    for step in range(1, num_iterations + 1):
        slope = derivative(w)
        w = w - alpha * slope
        if not (math.isfinite(slope) and math.isfinite(w)):
            raise ValueError(
                f"gradient descent diverged at step {step} (w = {w}, slope = {slope}); "
                f"learning_rate = {alpha} is too large for this cost"
            )
        path.append(w)
    return path


# --8<-- [end:gradient_descent_path]
