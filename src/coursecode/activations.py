"""Activation functions g(z) and their derivatives g'(z).

The sigmoid sigma(z) = 1 / (1 + e^(-z)) is taught in the lesson "Logistic Regression" and
used by every gradient implementation; its derivative appears in "Logistic Regression
Gradient Descent". The ReLU, max(0, z), is the activation of Week 1's housing-price
neuron ("What is a Neural Network?"). Week 3 ("Activation Functions", "Derivatives of
Activation Functions") adds tanh and the leaky ReLU, and the networks of Weeks 3 and 4
look every activation and its derivative up by name in ``ACTIVATIONS`` and
``DERIVATIVES``.

Every function here takes the pre-activation z (any shape) and works elementwise; all are
finite and warning-free for every finite z.
"""

from __future__ import annotations

import math

import numpy as np

from coursecode.core.validation import as_float_array

__all__ = [
    "ACTIVATIONS",
    "DERIVATIVES",
    "check_activation",
    "leaky_relu",
    "leaky_relu_derivative",
    "relu",
    "relu_derivative",
    "sigmoid",
    "sigmoid_derivative",
    "sigmoid_of_number",
    "tanh",
    "tanh_derivative",
]

LEAKY_SLOPE = 0.01
"""The slope of the leaky ReLU for z < 0."""


# --8<-- [start:sigmoid]
def sigmoid(z):
    r"""Apply the sigmoid, 1 / (1 + e^(-z)), to every element of z.

    Parameters
    ----------
    z : float or array_like of any shape
        The logits, :math:`z = w^T x + b`.

    Returns
    -------
    float or ndarray of the same shape as ``z``
        Values in [0, 1]; a float when ``z`` is a scalar.

    Notes
    -----
    ``exp(-z)`` overflows for z below about -709. Multiplying the top and the bottom of
    :math:`1 / (1 + e^{-z})` by :math:`e^{z}` when z is negative gives one formula for
    both signs whose exponents are never positive, so no warning and no ``nan`` at any
    finite z:

    .. math:: \sigma(z) = \frac{e^{\min(z, 0)}}{1 + e^{-|z|}}.

    (It takes two ``exp`` and no branch: choosing between two branches element by
    element with ``np.where`` took longer than the second ``exp``.)

    Lesson: ``neural-networks-and-deep-learning/week-2/logistic-regression.md``.

    Examples
    --------
    >>> sigmoid(0.0)
    0.5
    >>> sigmoid(np.array([[-800.0, 0.0, 800.0]]))
    array([[0. , 0.5, 1. ]])
    """
    z = as_float_array(z, "z", allow_infinite=True)
    a = np.exp(np.minimum(z, 0)) / (1.0 + np.exp(-np.abs(z)))
    return a.astype(z.dtype, copy=False) if a.ndim else float(a)


# --8<-- [end:sigmoid]


# --8<-- [start:sigmoid_of_number]
def sigmoid_of_number(z: float) -> float:
    """Sigmoid of one Python number, for the loop implementation.

    The same stable two-branch formula as :func:`sigmoid`, in plain Python.

    >>> sigmoid_of_number(0.0), sigmoid_of_number(-800.0)
    (0.5, 0.0)
    """
    e = math.exp(-abs(z))  # in (0, 1]: never overflows
    return 1.0 / (1.0 + e) if z >= 0 else e / (1.0 + e)


# --8<-- [end:sigmoid_of_number]


# --8<-- [start:sigmoid_derivative]
def sigmoid_derivative(z):
    r"""Slope of the sigmoid, sigma'(z) = sigma(z) (1 - sigma(z)).

    Parameters
    ----------
    z : float or array_like of any shape
        Where to take the slope.

    Returns
    -------
    float or ndarray of the same shape as ``z``
        Values in [0, 1/4]; the largest, 1/4, at z = 0.

    Notes
    -----
    The product of two numbers in [0, 1] never overflows, so this is finite for every
    finite z. For large positive z it is not accurate: from about z = 37, a rounds to
    exactly 1 and 1 - a cancels to 0, although the true value, about :math:`e^{-z}`, is
    still a normal float64 number up to z of about 708. For negative z, a itself is small
    and accurate, 1 - a is close to 1, and the product only underflows to 0 near
    z = -745.

    Lesson: ``neural-networks-and-deep-learning/week-2/logistic-regression-gradient-descent.md``.

    Examples
    --------
    >>> sigmoid_derivative(0.0)
    0.25
    >>> sigmoid_derivative(np.array([-800.0, 800.0]))
    array([0., 0.])
    >>> sigmoid_derivative(37.0), sigmoid_derivative(-37.0) > 0.0  # 1 - a cancels for z > 0
    (0.0, True)
    """
    z = as_float_array(z, "z")
    a = sigmoid(z)
    return a * (1.0 - a)


# --8<-- [end:sigmoid_derivative]


# --8<-- [start:relu]
def relu(z):
    """The rectified linear unit, ``max(0, z)``, elementwise.

    Parameters
    ----------
    z : float or array_like of any shape
        The neuron's linear part, for example ``w * size + b``.

    Returns
    -------
    float or ndarray of float, same shape as ``z``
        ``z`` where it is positive, 0 elsewhere; a float when ``z`` is a scalar.

    Lesson: ``neural-networks-and-deep-learning/week-1/what-is-a-neural-network.md``.

    Examples
    --------
    >>> relu(-2.5), relu(3.0)
    (0.0, 3.0)
    >>> relu([[-1, 0, 2]])
    array([[0., 0., 2.]])
    """
    z = as_float_array(z, "z")
    out = np.maximum(z, 0.0)
    return out if out.ndim else float(out)


# --8<-- [end:relu]


# --8<-- [start:relu_derivative]
def relu_derivative(z):
    """Slope of the ReLU: 0 where z < 0 and 1 where z >= 0.

    The ReLU has no derivative at exactly z = 0; like the lecture, this takes the slope
    there to be 1 (the value at a single point never matters in practice).

    Parameters
    ----------
    z : float or array_like of any shape
        The pre-activation.

    Returns
    -------
    float or ndarray of float, same shape as ``z``
        0.0 or 1.0 per entry; a float when ``z`` is a scalar.

    Lesson: ``neural-networks-and-deep-learning/week-3/derivatives-of-activation-functions.md``.

    Examples
    --------
    >>> relu_derivative([[-800.0, -0.5, 0.0, 3.0, 800.0]])
    array([[0., 0., 1., 1., 1.]])
    """
    z = as_float_array(z, "z")
    slope = (z >= 0).astype(z.dtype)  # True -> 1.0, False -> 0.0
    return slope if slope.ndim else float(slope)


# --8<-- [end:relu_derivative]


# --8<-- [start:tanh]
def tanh(z):
    """The hyperbolic tangent, (e^z - e^-z) / (e^z + e^-z), elementwise.

    A shifted and stretched sigmoid, tanh(z) = 2 sigma(2z) - 1, with values in [-1, 1]
    and mean 0 at z = 0, which is why the lecture prefers it to the sigmoid for hidden
    units.

    Parameters
    ----------
    z : float or array_like of any shape
        The pre-activation.

    Returns
    -------
    float or ndarray of float, same shape as ``z``
        Values in [-1, 1]; a float when ``z`` is a scalar.

    Notes
    -----
    The textbook quotient overflows (inf / inf = nan) once e^|z| passes the float range,
    near |z| = 710. ``np.tanh`` never forms e^|z| and returns exactly -1 or 1 there.

    Lesson: ``neural-networks-and-deep-learning/week-3/activation-functions.md``.

    Examples
    --------
    >>> tanh(0.0)
    0.0
    >>> tanh([[-800.0, 800.0]])
    array([[-1.,  1.]])
    """
    z = as_float_array(z, "z")
    a = np.tanh(z)
    return a if a.ndim else float(a)


# --8<-- [end:tanh]


# --8<-- [start:tanh_derivative]
def tanh_derivative(z):
    """Slope of tanh, written with its output a = tanh(z): 1 - a^2.

    Parameters
    ----------
    z : float or array_like of any shape
        The pre-activation.

    Returns
    -------
    float or ndarray of float, same shape as ``z``
        Values in [0, 1]; the largest, 1, at z = 0.

    Notes
    -----
    Far from 0, a rounds to exactly -1 or 1 and the slope to 0 (the true value there is
    about 4 e^(-2|z|)): finite, and small enough not to matter.

    Lesson: ``neural-networks-and-deep-learning/week-3/derivatives-of-activation-functions.md``.

    Examples
    --------
    >>> tanh_derivative(0.0)
    1.0
    >>> tanh_derivative([[-800.0, 800.0]])
    array([[0., 0.]])
    """
    a = tanh(z)
    return 1.0 - a**2


# --8<-- [end:tanh_derivative]


# --8<-- [start:leaky_relu]
def leaky_relu(z):
    """The leaky ReLU, max(0.01 z, z), elementwise.

    Like the ReLU for z >= 0, but with a small slope of 0.01 instead of 0 for z < 0, so a
    unit whose pre-activation is negative still passes on some gradient.

    Parameters
    ----------
    z : float or array_like of any shape
        The pre-activation.

    Returns
    -------
    float or ndarray of float, same shape as ``z``
        ``z`` where z >= 0, ``0.01 * z`` elsewhere; a float when ``z`` is a scalar.

    Lesson: ``neural-networks-and-deep-learning/week-3/activation-functions.md``.

    Examples
    --------
    >>> leaky_relu([[-800.0, -2.0, 0.0, 3.0]])
    array([[-8.  , -0.02,  0.  ,  3.  ]])
    """
    z = as_float_array(z, "z")
    a = np.maximum(LEAKY_SLOPE * z, z)
    return a if a.ndim else float(a)


# --8<-- [end:leaky_relu]


# --8<-- [start:leaky_relu_derivative]
def leaky_relu_derivative(z):
    """Slope of the leaky ReLU: 0.01 where z < 0 and 1 where z >= 0.

    Parameters
    ----------
    z : float or array_like of any shape
        The pre-activation.

    Returns
    -------
    float or ndarray of float, same shape as ``z``
        0.01 or 1.0 per entry; a float when ``z`` is a scalar.

    Lesson: ``neural-networks-and-deep-learning/week-3/derivatives-of-activation-functions.md``.

    Examples
    --------
    >>> leaky_relu_derivative([[-800.0, -0.5, 0.0, 800.0]])
    array([[0.01, 0.01, 1.  , 1.  ]])
    """
    z = as_float_array(z, "z")
    slope = np.where(z >= 0, 1.0, LEAKY_SLOPE).astype(z.dtype)
    return slope if slope.ndim else float(slope)


# --8<-- [end:leaky_relu_derivative]


# --8<-- [start:activation_tables]
ACTIVATIONS = {"sigmoid": sigmoid, "tanh": tanh, "relu": relu, "leaky_relu": leaky_relu}
DERIVATIVES = {
    "sigmoid": sigmoid_derivative,
    "tanh": tanh_derivative,
    "relu": relu_derivative,
    "leaky_relu": leaky_relu_derivative,
}
# --8<-- [end:activation_tables]


def check_activation(name, argument: str = "activation") -> str:
    """Return ``name`` if it is a key of ``ACTIVATIONS``, else raise an error listing them.

    Parameters
    ----------
    name : str
        The activation asked for, for example ``"tanh"``.
    argument : str, default "activation"
        The argument's name, used in the error message.

    Returns
    -------
    str

    >>> check_activation("tanh")
    'tanh'
    """
    if not isinstance(name, str) or name not in ACTIVATIONS:
        valid = ", ".join(repr(key) for key in ACTIVATIONS)
        raise ValueError(f"{argument} must be one of {valid}; got {name!r}")
    return name
