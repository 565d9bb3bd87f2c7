r"""Gradient checking: backpropagation's gradient against two-sided differences of the cost.

Every entry :math:`\theta_i` of every parameter is nudged both ways by :math:`\varepsilon`,

.. math::
    d\theta_{\text{approx}, i} =
    \frac{J(\theta + \varepsilon e_i) - J(\theta - \varepsilon e_i)}{2 \varepsilon},

whose error is of order :math:`\varepsilon^2` (a one-sided difference's is of order
:math:`\varepsilon`). The gradient :math:`d\theta` from backpropagation agrees when the
relative difference

.. math::
    \frac{\lVert d\theta_{\text{approx}} - d\theta \rVert_2}
         {\lVert d\theta_{\text{approx}} \rVert_2 + \lVert d\theta \rVert_2}

is small: below 1e-7 is fine, around 1e-5 deserves a closer look, above 1e-3 almost
certainly means a bug. The same difference for each parameter alone points at the layer
where the bug is.

Lessons: ``improving-deep-neural-networks/week-1/numerical-approximation-of-gradients.md``,
``.../week-1/gradient-checking.md`` and ``.../week-1/gradient-checking-implementation-notes.md``.
"""

from __future__ import annotations

import numbers
from typing import NamedTuple

import numpy as np

from coursecode.core.validation import as_float_array
from coursecode.networks.parameters import check_network

__all__ = [
    "THRESHOLDS",
    "GradientCheck",
    "gradient_check",
    "relative_difference",
    "two_sided_difference",
    "verdict_for",
]

# (upper bound, verdict): the lesson's rules of thumb, checked in this order.
THRESHOLDS = (
    (1e-7, "fine"),
    (1e-5, "look closer"),
    (1e-3, "look closer: probably a bug"),
    (np.inf, "almost certainly wrong"),
)


def verdict_for(difference: float) -> str:
    """The lesson's verdict on a relative difference: "fine", "look closer", ...."""
    for bound, words in THRESHOLDS:
        if difference < bound:
            return words
    return THRESHOLDS[-1][1]  # difference is inf or nan


class GradientCheck(NamedTuple):
    """What ``gradient_check`` returns; its repr states the verdict and the worst parameter.

    Attributes
    ----------
    difference : float
        The relative difference over all parameters flattened together.
    per_parameter : dict of str to float
        The same difference for each parameter alone, ``"W1"``, ``"b1"``, ....
    """

    difference: float
    per_parameter: dict[str, float]

    @property
    def worst(self) -> str:
        """The name of the parameter whose gradient disagrees most."""
        return max(self.per_parameter, key=lambda name: self.per_parameter[name])

    @property
    def verdict(self) -> str:
        """The lesson's verdict on ``difference``."""
        return verdict_for(self.difference)

    def __repr__(self) -> str:
        worst = self.worst
        return (
            f"GradientCheck(difference={self.difference:.3g}: {self.verdict}; "
            f"worst parameter {worst} with {self.per_parameter[worst]:.3g})"
        )


# --8<-- [start:relative_difference]
def relative_difference(grad, grad_approx) -> float:
    """The relative difference ||g - g_approx|| / (||g|| + ||g_approx||) of two arrays.

    Parameters
    ----------
    grad, grad_approx : array_like
        Two arrays of the same shape, flattened for the norms.

    Returns
    -------
    float
        Between 0 (equal) and 1 (for example opposite signs); 0 when both are all zeros.

    Examples
    --------
    >>> relative_difference([1.0, 2.0], [1.0, 2.0])
    0.0
    >>> relative_difference([1.0, 2.0], [-1.0, -2.0])  # a wrong sign
    1.0
    """
    g = np.ravel(as_float_array(grad, "grad"))
    g_approx = np.ravel(as_float_array(grad_approx, "grad_approx"))
    if g.shape != g_approx.shape:
        raise ValueError(
            f"grad and grad_approx must have the same number of entries; got {g.size} and "
            f"{g_approx.size}"
        )
    denominator = np.linalg.norm(g) + np.linalg.norm(g_approx)
    if denominator == 0:  # both all zeros: they agree exactly
        return 0.0
    return float(np.linalg.norm(g - g_approx) / denominator)


# --8<-- [end:relative_difference]


# --8<-- [start:two_sided_difference]
def two_sided_difference(cost, theta, epsilon=1e-7) -> np.ndarray:
    """The two-sided differences (J(theta + eps) - J(theta - eps)) / (2 eps), entry by entry.

    Parameters
    ----------
    cost : callable
        ``cost(theta) -> float``, the cost J as a function of an array of the shape of
        ``theta`` (one parameter, say W^[l] of shape (n^[l], n^[l-1])).
    theta : array_like
        Where the slopes are measured (not modified: a copy is nudged).
    epsilon : float, default 1e-7
        The nudge given to each entry, both ways.

    Returns
    -------
    ndarray of the shape of ``theta``
        Entry i is the two-sided difference with entry i of theta alone nudged: the
        approximation of dJ/dtheta_i, with an error of order epsilon**2.

    Lesson: ``improving-deep-neural-networks/week-1/numerical-approximation-of-gradients.md``.

    Examples
    --------
    >>> two_sided_difference(lambda theta: float(np.sum(theta**3)), [[1.0, 2.0]], 0.01)
    array([[ 3.0001, 12.0001]])
    """
    theta = as_float_array(theta, "theta").copy()  # nudged in place, one entry at a time
    epsilon = _check_epsilon(epsilon)

    approx = np.zeros_like(theta)
    for index in np.ndindex(theta.shape):
        original = theta[index]
        theta[index] = original + epsilon
        J_plus = cost(theta)
        theta[index] = original - epsilon
        J_minus = cost(theta)
        theta[index] = original  # put it back before nudging the next entry
        approx[index] = (J_plus - J_minus) / (2 * epsilon)
    return approx


# --8<-- [end:two_sided_difference]


# --8<-- [start:gradient_check]
def gradient_check(cost_and_gradients, parameters, *, epsilon=1e-7) -> GradientCheck:
    """Compare the gradient of cost_and_gradients with two-sided differences of its cost.

    Parameters
    ----------
    cost_and_gradients : callable
        ``cost_and_gradients(parameters) -> (cost, grads)``, with ``grads`` holding
        ``"dW1"``, ``"db1"``, ... shaped like the parameters; for example
        ``lambda p: network_cost_and_gradients(p, X, Y)``. It must be deterministic: with
        dropout, give it a freshly seeded generator on every call.
    parameters : dict of str to array_like
        ``"W1"``, ``"b1"``, ..., ``"WL"``, ``"bL"``, where the gradient is checked (not
        modified).
    epsilon : float, default 1e-7
        The nudge given to each entry, both ways.

    Returns
    -------
    GradientCheck
        ``difference`` over all parameters flattened together, and ``per_parameter``.
        It takes 2 evaluations of the cost per parameter entry: a check for debugging,
        never a step of training.

    Lesson: ``improving-deep-neural-networks/week-1/gradient-checking.md``.

    Examples
    --------
    >>> from coursecode import network_cost_and_gradients
    >>> rng = np.random.default_rng(0)
    >>> X, Y = rng.standard_normal((2, 5)), np.array([[0, 1, 1, 0, 1]])
    >>> parameters = {"W1": rng.standard_normal((3, 2)), "b1": np.zeros((3, 1)),
    ...               "W2": rng.standard_normal((1, 3)), "b2": np.zeros((1, 1))}
    >>> check = gradient_check(
    ...     lambda p: network_cost_and_gradients(p, X, Y, hidden_activation="tanh"),
    ...     parameters)
    >>> check.verdict, check.difference < 1e-7
    ('fine', True)
    """
    parameters, _, _ = check_network(parameters)
    epsilon = _check_epsilon(epsilon)
    _, grads = _evaluate(cost_and_gradients, parameters)

    theta = {name: value.copy() for name, value in parameters.items()}  # what the cost sees
    approx = {}
    for name in parameters:

        def cost(value, name=name):  # J as a function of this parameter alone
            J, _ = cost_and_gradients({**theta, name: value})
            return J

        approx[name] = two_sided_difference(cost, parameters[name], epsilon)

    names = list(parameters)
    per_parameter = {name: relative_difference(grads["d" + name], approx[name]) for name in names}
    difference = relative_difference(
        np.concatenate([grads["d" + name].ravel() for name in names]),
        np.concatenate([approx[name].ravel() for name in names]),
    )
    return GradientCheck(difference=difference, per_parameter=per_parameter)


# --8<-- [end:gradient_check]


def _check_epsilon(epsilon) -> float:
    if isinstance(epsilon, (bool, np.bool_)) or not isinstance(epsilon, numbers.Real):
        raise TypeError(f"epsilon must be a real number, got {type(epsilon).__name__}")
    epsilon = float(epsilon)
    if not 0 < epsilon < np.inf:
        raise ValueError(f"epsilon must be a finite number greater than 0, got {epsilon}")
    return epsilon


def _evaluate(cost_and_gradients, parameters):
    """Call cost_and_gradients and check that it gave a finite cost and a full set of grads."""
    result = cost_and_gradients(parameters)
    if not isinstance(result, tuple) or len(result) != 2:
        raise TypeError(
            "cost_and_gradients(parameters) must return a pair (cost, grads); "
            f"got {type(result).__name__}"
        )
    cost, grads = result
    if isinstance(cost, (bool, np.bool_)) or not isinstance(cost, numbers.Real):
        raise TypeError(f"the cost must be a real number, got {type(cost).__name__} {cost!r}")
    cost = float(cost)
    if not np.isfinite(cost):
        raise ValueError(f"the cost must be finite, got {cost}")
    if not isinstance(grads, dict):
        raise TypeError(f'grads must be a dict with keys "dW1", "db1", ..., got {type(grads)}')
    checked = {}
    for name, value in parameters.items():
        key = "d" + name
        if key not in grads:
            raise ValueError(f"grads is missing {key!r}, the gradient of {name!r}")
        checked[key] = as_float_array(grads[key], f"grads[{key!r}]")
        if checked[key].shape != value.shape:
            raise ValueError(
                f"grads[{key!r}] must have the shape of parameters[{name!r}], {value.shape}; "
                f"got shape {checked[key].shape}"
            )
    return cost, checked
