r"""Regularization of a network: the L2 penalty on the weights, and inverted dropout.

L2 regularization adds to the cost J the squared Frobenius norm of every weight matrix,

.. math:: J_{L2} = J + \frac{\lambda}{2m} \sum_{l=1}^{L} \lVert W^{[l]} \rVert_F^2,

so backpropagation adds :math:`\frac{\lambda}{m} W^{[l]}` to every :math:`dW^{[l]}` (the
biases are not penalized). Gradient descent then shrinks each W by the factor
:math:`1 - \alpha\lambda/m` before its usual step: "weight decay".

Inverted dropout keeps each unit of a hidden layer with probability ``keep_prob`` on each
pass: a mask :math:`D^{[l]}` of 0s and 1s, the same shape as :math:`A^{[l]}`, multiplies the
activations, which are then divided by ``keep_prob`` so that their expected value does not
change. The backward pass multiplies :math:`dA^{[l]}` by the same mask and divides by
``keep_prob`` again. Predictions never drop units.

Lessons: ``improving-deep-neural-networks/week-1/regularization.md`` and
``.../week-1/dropout-regularization.md``.
"""

from __future__ import annotations

import numbers

import numpy as np

from coursecode.core.validation import as_float_array, check_rng
from coursecode.networks.parameters import check_network

__all__ = [
    "apply_dropout",
    "check_keep_prob",
    "check_l2",
    "dropout_backward",
    "dropout_masks",
    "l2_cost",
    "l2_gradient",
]


def check_l2(l2) -> float:
    """Check the regularization strength lambda: a finite real number, 0 or more."""
    if isinstance(l2, (bool, np.bool_)) or not isinstance(l2, numbers.Real):
        raise TypeError(
            f"l2 (the regularization strength lambda) must be a real number, "
            f"got {type(l2).__name__} {l2!r}"
        )
    l2 = float(l2)
    if not np.isfinite(l2) or l2 < 0:
        raise ValueError(
            f"l2 (the regularization strength lambda) must be a finite number, 0 or more; got {l2}"
        )
    return l2


def check_keep_prob(keep_prob) -> float:
    """Check the probability of keeping a unit in dropout: a number in (0, 1]."""
    if isinstance(keep_prob, (bool, np.bool_)) or not isinstance(keep_prob, numbers.Real):
        raise TypeError(
            f"keep_prob must be a probability in (0, 1], "
            f"got {type(keep_prob).__name__} {keep_prob!r}"
        )
    keep_prob = float(keep_prob)
    if not 0 < keep_prob <= 1:  # also False for nan
        raise ValueError(
            f"keep_prob must be in (0, 1]: the probability of keeping each hidden unit "
            f"(1 turns dropout off); got {keep_prob}"
        )
    return keep_prob


def _check_m(m) -> int:
    if isinstance(m, (bool, np.bool_)) or not isinstance(m, numbers.Integral) or m < 1:
        raise ValueError(f"m must be a whole number of examples, 1 or more, got {m!r}")
    return int(m)


# --8<-- [start:l2_cost]
def l2_cost(parameters, m, l2) -> float:
    """The L2 penalty lambda / (2 m) times the sum over layers of the squared norms of W.

    Parameters
    ----------
    parameters : dict of str to array_like
        ``"W1"``, ``"b1"``, ..., ``"WL"``, ``"bL"``; only the weights ``W[l]`` of shape
        (n^[l], n^[l-1]) are penalized.
    m : int
        The number of training examples.
    l2 : float
        The regularization strength lambda, 0 or more.

    Returns
    -------
    float
        ``l2 / (2 m) * sum_l ||W[l]||_F^2``, the term added to the cost J.

    Lesson: ``improving-deep-neural-networks/week-1/regularization.md``.

    Examples
    --------
    >>> parameters = {"W1": [[1.0, 2.0]], "b1": [[5.0]], "W2": [[3.0]], "b2": [[0.0]]}
    >>> l2_cost(parameters, m=7, l2=0.5)  # 0.5 / 14 * (1 + 4 + 9); b is not penalized
    0.5
    """
    parameters, _, _ = check_network(parameters)
    m, l2 = _check_m(m), check_l2(l2)
    return _l2_cost_from_checked(parameters, m, l2)


def _l2_cost_from_checked(parameters, m, l2) -> float:
    """l2_cost's computation, on inputs it has checked (``train_network`` checks them once)."""
    L = len(parameters) // 2
    squared_norms = 0.0
    for l in range(1, L + 1):
        squared_norms += float(np.sum(np.square(parameters[f"W{l}"])))  # ||W[l]||_F^2
    return l2 / (2 * m) * squared_norms


# --8<-- [end:l2_cost]


# --8<-- [start:l2_gradient]
def l2_gradient(W, m, l2) -> np.ndarray:
    """The L2 penalty's share of dW for one layer: lambda / m times W.

    Parameters
    ----------
    W : array_like of shape (n^[l], n^[l-1])
        The layer's weights.
    m : int
        The number of training examples.
    l2 : float
        The regularization strength lambda, 0 or more.

    Returns
    -------
    ndarray of shape (n^[l], n^[l-1])
        The derivative of ``l2 / (2 m) * ||W||_F^2`` with respect to W, added to the dW
        that backpropagation computes.

    Lesson: ``improving-deep-neural-networks/week-1/regularization.md``.

    Examples
    --------
    >>> l2_gradient([[1.0, -2.0]], m=4, l2=2.0)
    array([[ 0.5, -1. ]])
    """
    W = as_float_array(W, "W")
    m, l2 = _check_m(m), check_l2(l2)
    return _l2_gradient_from_checked(W, m, l2)


def _l2_gradient_from_checked(W, m, l2) -> np.ndarray:
    """l2_gradient's computation, on inputs it has checked."""
    return l2 / m * W


# --8<-- [end:l2_gradient]


# --8<-- [start:apply_dropout]
def apply_dropout(A, keep_prob, rng):
    """Inverted dropout on one layer: keep each unit with probability keep_prob, rescale.

    Parameters
    ----------
    A : array_like of shape (n^[l], m)
        The layer's activations.
    keep_prob : float
        The probability of keeping each unit, in (0, 1].
    rng : numpy.random.Generator
        Where the mask comes from; one ``rng.random(A.shape)`` is drawn.

    Returns
    -------
    A_dropped : ndarray of shape (n^[l], m)
        ``A * mask / keep_prob``: dropped units are 0, kept ones are scaled up so that
        the expected value of every entry stays ``A``.
    mask : ndarray of bool, shape (n^[l], m)
        ``D[l]``, True where the unit is kept.

    Lesson: ``improving-deep-neural-networks/week-1/dropout-regularization.md``.

    Examples
    --------
    >>> A_dropped, mask = apply_dropout(np.ones((2, 3)), 0.5, np.random.default_rng(0))
    >>> mask
    array([[False,  True,  True],
           [ True, False, False]])
    >>> A_dropped  # kept units are doubled, so each entry is 1 on average
    array([[0., 2., 2.],
           [2., 0., 0.]])
    """
    A = as_float_array(A, "A")
    keep_prob = check_keep_prob(keep_prob)
    rng = check_rng(rng)

    mask = rng.random(A.shape) < keep_prob  # D[l]: True with probability keep_prob
    A_dropped = A * mask / keep_prob  # "inverted": the expected value of A is unchanged
    return A_dropped, mask


# --8<-- [end:apply_dropout]


# --8<-- [start:dropout_backward]
def dropout_backward(dA, mask, keep_prob) -> np.ndarray:
    """The backward pass of inverted dropout on one layer: dA times the same mask, over keep_prob.

    The forward pass computed ``A * mask / keep_prob`` from A; each entry of A was
    multiplied by ``mask / keep_prob``, a constant once the mask is drawn, so the chain
    rule multiplies each entry of dA by the same constant.

    Parameters
    ----------
    dA : array_like of shape (n^[l], m)
        The gradient of the cost with respect to the layer's activations after dropout.
    mask : array_like of bool, shape (n^[l], m)
        ``D[l]``, the mask the forward pass drew (``apply_dropout`` returns it), True
        where the unit was kept.
    keep_prob : float
        The ``keep_prob`` of the forward pass, in (0, 1].

    Returns
    -------
    ndarray of shape (n^[l], m)
        The gradient with respect to the activations before dropout: 0 for the units
        the forward pass dropped.

    Lesson: ``improving-deep-neural-networks/week-1/dropout-regularization.md``.

    Examples
    --------
    >>> mask = np.array([[True, False, True]])
    >>> dropout_backward([[1.0, 1.0, -3.0]], mask, keep_prob=0.5)
    array([[ 2.,  0., -6.]])
    """
    dA = as_float_array(dA, "dA")
    mask = _check_mask(mask, dA.shape)
    keep_prob = check_keep_prob(keep_prob)

    return dA * mask / keep_prob  # the same mask and scale as forward: dropped units get 0


# --8<-- [end:dropout_backward]


def _check_mask(mask, shape) -> np.ndarray:
    """Check a dropout mask: booleans (or 0s and 1s) of the shape of the layer."""
    mask = np.asarray(mask)
    if mask.shape != shape:
        raise ValueError(
            f"mask must have the shape of dA, {shape} (the mask D[l] of the forward pass); "
            f"got shape {mask.shape}"
        )
    if mask.dtype != np.bool_ and not (
        np.issubdtype(mask.dtype, np.number) and np.all((mask == 0) | (mask == 1))
    ):
        raise TypeError(
            f"mask must hold booleans (True where the unit is kept) or 0s and 1s; got an array "
            f"of dtype {mask.dtype}"
        )
    return mask


# --8<-- [start:dropout_masks]
def dropout_masks(shapes, keep_prob, rng) -> list[np.ndarray]:
    """The dropout masks D[1], ..., D[L-1] of one pass, drawn layer 1 first.

    Each mask is drawn exactly as ``apply_dropout`` draws it, so a pass that draws its
    masks here up front drops the same units as one that calls ``apply_dropout`` layer by
    layer with the same generator.

    Parameters
    ----------
    shapes : sequence of tuple of int
        The shape (n^[l], m) of each hidden layer's activations, l = 1, ..., L - 1.
    keep_prob : float
        The probability of keeping each unit, in (0, 1].
    rng : numpy.random.Generator
        Where the masks come from.

    Returns
    -------
    list of ndarray of bool
        ``masks[l - 1]`` is D[l], of shape ``shapes[l - 1]``.

    Lesson: ``improving-deep-neural-networks/week-1/dropout-regularization.md``.

    Examples
    --------
    >>> masks = dropout_masks([(3, 2), (1, 2)], 0.5, np.random.default_rng(0))
    >>> [mask.shape for mask in masks]
    [(3, 2), (1, 2)]
    """
    keep_prob = check_keep_prob(keep_prob)
    rng = check_rng(rng)
    masks = []
    for shape in shapes:  # layer 1 first: the order fixes which numbers each layer gets
        masks.append(rng.random(tuple(shape)) < keep_prob)
    return masks


# --8<-- [end:dropout_masks]
