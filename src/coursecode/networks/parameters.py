r"""The parameters of an L-layer network: creating, checking, updating, and their shapes.

A network with layer sizes ``layer_dims = [n_x, n_1, ..., n_L]`` (``n^[0] = n_x``) has,
for each layer l = 1, ..., L, weights ``W[l]`` of shape (n^[l], n^[l-1]) and a bias
``b[l]`` of shape (n^[l], 1). They live in one dict with keys ``"W1"``, ``"b1"``, ...,
``"WL"``, ``"bL"``, and the gradients in a dict with keys ``"dW1"``, ``"db1"``, ....

Lessons: ``neural-networks-and-deep-learning/week-3/random-initialization.md``,
``.../week-4/getting-your-matrix-dimensions-right.md`` and
``improving-deep-neural-networks/week-1/weight-initialization-for-deep-networks.md``.
"""

from __future__ import annotations

import numbers
import re
from typing import NamedTuple

import numpy as np

from coursecode.core.validation import (
    as_bias,
    as_features,
    as_float_array,
    check_learning_rate,
    check_rng,
)

__all__ = [
    "INITIALIZATION_METHODS",
    "LayerShapes",
    "check_layer_dims",
    "check_network",
    "initialize_parameters",
    "layer_shapes",
    "update_parameters",
]

_LAYER_KEY = re.compile(r"[Wb]([1-9][0-9]*)")

INITIALIZATION_METHODS = ("zeros", "random", "xavier", "he")


def check_layer_dims(layer_dims) -> list[int]:
    """Check ``layer_dims = [n_x, n_1, ..., n_L]``: at least 2 entries, each a positive int."""
    if isinstance(layer_dims, (str, bytes)) or not hasattr(layer_dims, "__len__"):
        raise TypeError(
            "layer_dims must be a list of layer sizes [n_x, n_1, ..., n_L], "
            f"got {type(layer_dims).__name__} {layer_dims!r}"
        )
    if len(layer_dims) < 2:
        raise ValueError(
            "layer_dims must have at least 2 entries, the input size n_x and one layer, "
            f"got {list(layer_dims)!r}"
        )
    sizes = []
    for l, n in enumerate(layer_dims):
        if isinstance(n, (bool, np.bool_)) or not isinstance(n, numbers.Integral):
            raise TypeError(
                f"layer_dims[{l}] must be a whole number of units, got {type(n).__name__} {n!r}"
            )
        if n < 1:
            raise ValueError(f"layer_dims[{l}] must be 1 or more units, got {n}")
        sizes.append(int(n))
    return sizes


# --8<-- [start:initialize_parameters]
def initialize_parameters(
    layer_dims, rng, *, method="random", scale=0.01
) -> dict[str, np.ndarray]:
    """Random weights (small by default) and zero biases for a network with sizes layer_dims.

    Parameters
    ----------
    layer_dims : sequence of int
        ``[n_x, n_1, ..., n_L]``: the input size, then the units of each layer.
    rng : numpy.random.Generator
        Where the random numbers come from, for example ``np.random.default_rng(0)``.
    method : {"random", "zeros", "xavier", "he"}, default "random"
        How the weights W[l] are drawn: standard normal numbers times ``scale``
        ("random"), all zeros ("zeros", the symmetric start the lesson warns against),
        or standard normal numbers times sqrt(1 / n^[l-1]) ("xavier", for tanh) or
        sqrt(2 / n^[l-1]) ("he", for ReLU), which keep the variance of Z^[l] from
        growing or shrinking from layer to layer.
    scale : float, default 0.01
        The factor of the "random" method (ignored by the others); 0 gives all-zero
        weights.

    Returns
    -------
    dict of str to ndarray
        ``"W1"``, ``"b1"``, ..., ``"WL"``, ``"bL"``; ``W[l]`` has shape (n^[l], n^[l-1])
        and ``b[l]`` shape (n^[l], 1).

    Lessons: ``neural-networks-and-deep-learning/week-3/random-initialization.md`` and
    ``improving-deep-neural-networks/week-1/weight-initialization-for-deep-networks.md``.

    Examples
    --------
    >>> parameters = initialize_parameters([3, 4, 1], np.random.default_rng(0))
    >>> {name: value.shape for name, value in parameters.items()}
    {'W1': (4, 3), 'b1': (4, 1), 'W2': (1, 4), 'b2': (1, 1)}
    >>> W1 = initialize_parameters([500, 400, 1], np.random.default_rng(0), method="he")["W1"]
    >>> round(float(W1.var() * 500), 2)  # Var(W) = 2 / n^[0]
    2.0
    """
    layer_dims = check_layer_dims(layer_dims)
    rng = check_rng(rng)
    if not isinstance(method, str) or method not in INITIALIZATION_METHODS:
        valid = ", ".join(repr(name) for name in INITIALIZATION_METHODS)
        raise ValueError(f"method must be one of {valid}; got {method!r}")
    scale = as_bias(scale, name="scale")
    if scale < 0:
        raise ValueError(f"scale must be 0 or more, got {scale}")

    parameters = {}
    for l in range(1, len(layer_dims)):
        shape = (layer_dims[l], layer_dims[l - 1])  # (n^[l], n^[l-1])
        n_prev = layer_dims[l - 1]
        # Random weights break the symmetry between the units of a layer ("zeros" is here
        # to show what goes wrong without it); zero biases are fine once the weights differ.
        # --8<-- [start:initialization_methods]
        if method == "zeros":
            W = np.zeros(shape)
        elif method == "random":
            W = rng.standard_normal(shape) * scale
        elif method == "xavier":
            W = rng.standard_normal(shape) * np.sqrt(1 / n_prev)  # Var(W) = 1 / n^[l-1]
        else:  # "he"
            W = rng.standard_normal(shape) * np.sqrt(2 / n_prev)  # Var(W) = 2 / n^[l-1]
        # --8<-- [end:initialization_methods]
        parameters[f"W{l}"] = W
        parameters[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return parameters


# --8<-- [end:initialize_parameters]


def check_network(parameters, X=None):
    """Check a network's parameters (and its input X) and return them as float arrays.

    Parameters
    ----------
    parameters : dict of str to array_like
        Exactly the keys ``"W1"``, ``"b1"``, ..., ``"WL"``, ``"bL"`` for some L >= 1;
        ``W[l]`` of shape (n^[l], n^[l-1]) and ``b[l]`` of shape (n^[l], 1), all finite.
    X : array_like of shape (n_x, m), optional
        The input; its n_x must equal the number of columns of ``W1``.

    Returns
    -------
    parameters : dict of str to ndarray
        A new dict with the same keys, each value a finite float array.
    X : ndarray of shape (n_x, m) or None
        The checked input, or None when no X was given.
    L : int
        The number of layers.

    Raises
    ------
    TypeError
        If ``parameters`` is not a dict or a value is not an array of numbers.
    ValueError
        Naming the missing or extra key, the layer whose shape does not chain with the
        one before (or with X) and both shapes, or the entry that is not finite.

    Examples
    --------
    >>> parameters = {"W1": np.ones((2, 3)), "b1": np.zeros((2, 1))}
    >>> checked, X, L = check_network(parameters, np.ones((3, 5)))
    >>> L, X.shape
    (1, (3, 5))
    """
    if not isinstance(parameters, dict):
        raise TypeError(
            'parameters must be a dict with keys "W1", "b1", ..., "WL", "bL", '
            f"got {type(parameters).__name__}"
        )
    # L is the largest layer number among the keys; every layer up to it must be there.
    numbered = [_LAYER_KEY.fullmatch(key) for key in parameters if isinstance(key, str)]
    L = max((int(match[1]) for match in numbered if match), default=0)
    expected = [f"{kind}{l}" for l in range(1, L + 1) for kind in ("W", "b")]
    missing = [key for key in expected if key not in parameters]
    extra = [key for key in parameters if key not in expected]
    if L == 0 or missing or extra:
        found = ", ".join(repr(key) for key in parameters) or "none"
        problems = []
        if L == 0:
            problems.append('no layer keys such as "W1"')
        if missing:
            problems.append("missing " + ", ".join(repr(key) for key in missing))
        if extra:
            problems.append("unexpected " + ", ".join(repr(key) for key in extra))
        raise ValueError(
            'parameters must have exactly the keys "W1", "b1", ..., "WL", "bL"; '
            f"{'; '.join(problems)} (keys found: {found})"
        )

    checked = {key: as_float_array(parameters[key], f"parameters[{key!r}]") for key in expected}
    if X is not None:
        X = as_features(X)
    for l in range(1, L + 1):
        W, b = checked[f"W{l}"], checked[f"b{l}"]
        if W.ndim != 2 or 0 in W.shape:
            raise ValueError(
                f"parameters['W{l}'] must be a 2-D array of shape (n^[{l}], n^[{l - 1}]) "
                f"with no empty axis; got shape {W.shape}"
            )
        # n^[l] as b^[l] gives it when b is a column; W's own rows otherwise.
        n_here = b.shape[0] if b.ndim == 2 and b.shape[1] == 1 else W.shape[0]
        if l > 1:
            W_prev = checked[f"W{l - 1}"]
            if W.shape[1] != W_prev.shape[0]:
                wanted = (n_here, W_prev.shape[0])
                raise ValueError(
                    f"layer {l}: parameters['W{l}'] has shape {W.shape}, so it expects "
                    f"{W.shape[1]} inputs, but layer {l - 1} has {W_prev.shape[0]} units "
                    f"(parameters['W{l - 1}'] has shape {W_prev.shape}); W{l} must have "
                    f"shape (n^[{l}], n^[{l - 1}]) = {wanted}{_transposed_hint(W, wanted, l)}"
                )
        elif X is not None and W.shape[1] != X.shape[0]:
            wanted = (n_here, X.shape[0])
            raise ValueError(
                f"layer 1: parameters['W1'] has shape {W.shape}, so it expects {W.shape[1]} "
                f"features, but X has shape {X.shape} (n_x = {X.shape[0]}); W1 must have "
                f"shape (n^[1], n_x) = {wanted}{_transposed_hint(W, wanted, 1)}"
            )
        if b.shape != (W.shape[0], 1):
            hint = " (a rank-1 array; use b.reshape(-1, 1))" if b.ndim == 1 else ""
            raise ValueError(
                f"layer {l}: parameters['b{l}'] must have shape (n^[{l}], 1) = "
                f"({W.shape[0]}, 1) to match W{l} of shape {W.shape}; got shape {b.shape}{hint}"
            )
    return checked, X, L


def _transposed_hint(W: np.ndarray, wanted: tuple[int, int], l: int) -> str:
    """A hint when W holds the right numbers the wrong way round."""
    return f" (it looks transposed: W{l}.T has that shape)" if W.shape[::-1] == wanted else ""


class LayerShapes(NamedTuple):
    """The shapes of everything that belongs to one layer l, for m examples.

    Attributes
    ----------
    l : int
        The layer, 1 to L.
    W, b, Z, A, dW, db, dZ, dA : tuple of int
        The shapes: W and dW (n^[l], n^[l-1]); b and db (n^[l], 1); Z, A, dZ and dA
        (n^[l], m).
    """

    l: int
    W: tuple[int, int]
    b: tuple[int, int]
    Z: tuple[int, int]
    A: tuple[int, int]
    dW: tuple[int, int]
    db: tuple[int, int]
    dZ: tuple[int, int]
    dA: tuple[int, int]


# --8<-- [start:layer_shapes]
def layer_shapes(layer_dims, m: int) -> list[LayerShapes]:
    """The shape of every array of every layer, from layer_dims and m alone.

    Parameters
    ----------
    layer_dims : sequence of int
        ``[n_x, n_1, ..., n_L]``.
    m : int
        The number of examples, 1 or more.

    Returns
    -------
    list of LayerShapes
        One record per layer, l = 1, ..., L.

    Lesson: ``neural-networks-and-deep-learning/week-4/getting-your-matrix-dimensions-right.md``.

    Examples
    --------
    >>> for shapes in layer_shapes([2, 3, 1], m=5):
    ...     print(shapes.l, shapes.W, shapes.b, shapes.Z)
    1 (3, 2) (3, 1) (3, 5)
    2 (1, 3) (1, 1) (1, 5)
    """
    n = check_layer_dims(layer_dims)
    if isinstance(m, (bool, np.bool_)) or not isinstance(m, numbers.Integral) or m < 1:
        raise ValueError(f"m must be a whole number of examples, 1 or more, got {m!r}")

    shapes = []
    for l in range(1, len(n)):
        weights = (n[l], n[l - 1])  # one row per unit, one column per input
        bias = (n[l], 1)  # one per unit, broadcast over the m columns
        values = (n[l], m)  # one column per example
        shapes.append(
            LayerShapes(
                l=l,
                W=weights,
                b=bias,
                Z=values,
                A=values,
                dW=weights,  # a gradient has the shape of what it differentiates
                db=bias,
                dZ=values,
                dA=values,
            )
        )
    return shapes


# --8<-- [end:layer_shapes]


# --8<-- [start:update_parameters]
def update_parameters(parameters, grads, learning_rate) -> dict[str, np.ndarray]:
    """One step of gradient descent on every layer: W[l] - alpha dW[l], b[l] - alpha db[l].

    Parameters
    ----------
    parameters : dict of str to ndarray
        ``"W1"``, ``"b1"``, ..., ``"WL"``, ``"bL"`` (not modified).
    grads : dict of str to ndarray
        ``"dW1"``, ``"db1"``, ..., ``"dWL"``, ``"dbL"``, each shaped like its parameter.
    learning_rate : float
        The step size alpha > 0.

    Returns
    -------
    dict of str to ndarray
        The new parameters.

    Lesson: ``.../week-4/building-blocks-of-deep-neural-networks.md``.

    Examples
    --------
    >>> parameters = {"W1": np.array([[1.0, 2.0]]), "b1": np.array([[0.5]])}
    >>> grads = {"dW1": np.array([[10.0, -10.0]]), "db1": np.array([[1.0]])}
    >>> update_parameters(parameters, grads, learning_rate=0.1)
    {'W1': array([[0., 3.]]), 'b1': array([[0.4]])}
    """
    parameters, _, L = check_network(parameters)
    alpha = check_learning_rate(learning_rate)
    _check_gradients(grads, parameters, L)
    return _update_from_checked(parameters, grads, alpha)


def _update_from_checked(parameters, grads, alpha) -> dict[str, np.ndarray]:
    """update_parameters' computation, on inputs it has checked (``train_network`` checks
    them once and calls this in every iteration)."""
    L = len(parameters) // 2
    new_parameters = {}
    for l in range(1, L + 1):
        new_parameters[f"W{l}"] = parameters[f"W{l}"] - alpha * grads[f"dW{l}"]
        new_parameters[f"b{l}"] = parameters[f"b{l}"] - alpha * grads[f"db{l}"]
    return new_parameters


# --8<-- [end:update_parameters]


def _check_gradients(grads, parameters, L: int) -> None:
    """Check that ``grads`` has a finite dW[l], db[l] shaped like each W[l], b[l]."""
    if not isinstance(grads, dict):
        raise TypeError(f'grads must be a dict with keys "dW1", "db1", ..., got {type(grads)}')
    expected = [f"d{kind}{l}" for l in range(1, L + 1) for kind in ("W", "b")]
    missing = [key for key in expected if key not in grads]
    extra = [key for key in grads if key not in expected]
    if missing or extra:
        raise ValueError(
            f"grads must have exactly the keys dW1, db1, ..., dW{L}, db{L} of a {L}-layer "
            f"network; missing {missing}, unexpected {extra}"
        )
    for key in expected:
        gradient = as_float_array(grads[key], f"grads[{key!r}]")
        if gradient.shape != parameters[key[1:]].shape:
            raise ValueError(
                f"grads[{key!r}] must have the shape of parameters[{key[1:]!r}], "
                f"{parameters[key[1:]].shape}; got shape {gradient.shape}"
            )
