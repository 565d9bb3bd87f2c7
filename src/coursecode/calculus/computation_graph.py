r"""The computation graph of the lectures, :math:`J(a, b, c) = 3(a + bc)`, forward and backward.

Lessons: ``neural-networks-and-deep-learning/week-2/computation-graph.md`` (forward) and
``.../week-2/derivatives-with-a-computation-graph.md`` (backward).

The graph has three steps, :math:`u = bc`, :math:`v = a + u`, :math:`J = 3v`. The forward
pass evaluates them left to right; the backward pass applies the chain rule right to left,
reusing each derivative it has already found.
"""

from __future__ import annotations

from typing import NamedTuple

from coursecode.core.validation import as_bias

__all__ = ["BackwardPass", "ForwardPass", "backward", "forward"]


class ForwardPass(NamedTuple):
    """The value of every node: ``u = b*c``, ``v = a + u``, ``J = 3*v``."""

    u: float
    v: float
    J: float


class BackwardPass(NamedTuple):
    """The derivative of J with respect to every node, named as in code: ``dv`` is dJ/dv."""

    dv: float
    du: float
    da: float
    db: float
    dc: float


def _check_inputs(a, b, c) -> tuple[float, float, float]:
    return as_bias(a, name="a"), as_bias(b, name="b"), as_bias(c, name="c")


# --8<-- [start:forward]
def forward(a: float, b: float, c: float) -> ForwardPass:
    """Evaluate the graph left to right: ``u = b*c``, ``v = a + u``, ``J = 3*v``.

    Parameters
    ----------
    a, b, c : float
        The inputs.

    Returns
    -------
    ForwardPass
        ``u``, ``v`` and ``J``.

    Lesson: ``neural-networks-and-deep-learning/week-2/computation-graph.md``.

    Examples
    --------
    >>> forward(5, 3, 2)
    ForwardPass(u=6.0, v=11.0, J=33.0)
    """
    a, b, c = _check_inputs(a, b, c)
    u = b * c
    v = a + u
    J = 3 * v
    return ForwardPass(u=u, v=v, J=J)


# --8<-- [end:forward]


# --8<-- [start:backward]
def backward(a: float, b: float, c: float) -> BackwardPass:
    r"""Derivatives of J by the chain rule, right to left through the graph.

    .. math:: \frac{dJ}{dv} = 3, \quad \frac{dJ}{du} = \frac{dJ}{da} = 3, \quad
              \frac{dJ}{db} = 3c, \quad \frac{dJ}{dc} = 3b

    Parameters
    ----------
    a, b, c : float
        The inputs.

    Returns
    -------
    BackwardPass
        ``dv``, ``du``, ``da``, ``db``, ``dc``.

    Lesson: ``neural-networks-and-deep-learning/week-2/derivatives-with-a-computation-graph.md``.

    Examples
    --------
    >>> backward(5, 3, 2)
    BackwardPass(dv=3.0, du=3.0, da=3.0, db=6.0, dc=9.0)
    """
    a, b, c = _check_inputs(a, b, c)
    dv = 3.0  # J = 3v
    da = dv * 1.0  # v = a + u, so dv/da = 1
    du = dv * 1.0  # and dv/du = 1
    db = du * c  # u = b*c, so du/db = c
    dc = du * b  # and du/dc = b
    return BackwardPass(dv=dv, du=du, da=da, db=db, dc=dc)


# --8<-- [end:backward]
