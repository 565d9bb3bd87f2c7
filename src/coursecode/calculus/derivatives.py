r"""Derivatives as slopes: nudge the input, watch the output, and compare with the formula.

Lessons: ``neural-networks-and-deep-learning/week-2/derivatives.md`` and
``.../week-2/more-derivative-examples.md``.

The derivative of f at a is the limit of the slope
:math:`\bigl(f(a + h) - f(a)\bigr) / h` as the nudge h shrinks. With a small but finite
h that ratio is the *forward difference*; the *central difference*
:math:`\bigl(f(a + h) - f(a - h)\bigr) / (2h)` is more accurate for the same h.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from coursecode.core.validation import as_bias

__all__ = ["DERIVATIVE_EXAMPLES", "central_difference", "forward_difference"]


def _check_slope_arguments(f, a, nudge) -> tuple[float, float]:
    if not callable(f):
        raise TypeError(f"f must be a function of one number, got {type(f).__name__} {f!r}")
    a = as_bias(a, name="a")
    nudge = as_bias(nudge, name="nudge")
    if nudge <= 0:
        raise ValueError(f"nudge must be greater than 0, got {nudge}")
    return a, nudge


# --8<-- [start:forward_difference]
def forward_difference(f: Callable[[float], float], a: float, nudge: float = 0.001) -> float:
    r"""The slope of f between a and a + nudge: (f(a + h) - f(a)) / h.

    Parameters
    ----------
    f : callable
        A function of one number.
    a : float
        Where to measure the slope.
    nudge : float, default 0.001
        The step h > 0 to the right of a.

    Returns
    -------
    float
        Close to :math:`f'(a)`; the error shrinks in proportion to h.

    Lesson: ``neural-networks-and-deep-learning/week-2/derivatives.md``.

    Examples
    --------
    >>> round(forward_difference(lambda a: 3 * a, 2.0), 9)  # a straight line: slope 3
    3.0
    """
    a, h = _check_slope_arguments(f, a, nudge)
    return (f(a + h) - f(a)) / h


# --8<-- [end:forward_difference]


# --8<-- [start:central_difference]
def central_difference(f: Callable[[float], float], a: float, nudge: float = 1e-5) -> float:
    r"""The slope of f across [a - h, a + h]: (f(a + h) - f(a - h)) / (2h).

    Parameters
    ----------
    f : callable
        A function of one number.
    a : float
        Where to measure the slope.
    nudge : float, default 1e-5
        The half-width h > 0 of the interval.

    Returns
    -------
    float
        Close to :math:`f'(a)`; the error shrinks in proportion to :math:`h^2`.

    Lesson: ``neural-networks-and-deep-learning/week-2/more-derivative-examples.md``.

    Examples
    --------
    >>> round(central_difference(lambda a: a**2, 2.0), 6)
    4.0
    """
    a, h = _check_slope_arguments(f, a, nudge)
    return (f(a + h) - f(a - h)) / (2 * h)


# --8<-- [end:central_difference]


# --8<-- [start:derivative_examples]
#: name -> (f, f'): the functions of the lessons with their derivatives from calculus.
DERIVATIVE_EXAMPLES = {
    "3a": (lambda a: 3 * a, lambda a: 3.0),
    "a^2": (lambda a: a**2, lambda a: 2 * a),
    "a^3": (lambda a: a**3, lambda a: 3 * a**2),
    "log(a)": (math.log, lambda a: 1 / a),  # natural logarithm, a > 0
    "e^a": (math.exp, math.exp),  # its own derivative
}
# --8<-- [end:derivative_examples]
