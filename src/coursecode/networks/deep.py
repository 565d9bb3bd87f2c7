r"""The building blocks of a deep network (Week 4), for any number of layers L >= 1.

Forward, layer by layer, starting from :math:`A^{[0]} = X`:

.. math:: Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]}, \qquad A^{[l]} = g^{[l]}(Z^{[l]}),

with the hidden activation for l < L and the sigmoid for the output layer l = L. Each
layer keeps a cache of what its backward step will need: the linear cache
``(A_prev, W, b)`` and the activation cache ``Z``.

Backward, from the output layer down, starting from :math:`dZ^{[L]} = A^{[L]} - Y`:

.. math::
    dW^{[l]} = \tfrac{1}{m} dZ^{[l]} A^{[l-1]T}, \quad
    db^{[l]} = \tfrac{1}{m} \textstyle\sum_i dZ^{[l](i)}, \quad
    dA^{[l-1]} = W^{[l]T} dZ^{[l]}, \quad
    dZ^{[l-1]} = dA^{[l-1]} * g'(Z^{[l-1]}).

With dropout (Course 2, Week 1) the forward pass multiplies each hidden layer's
activations by its mask :math:`D^{[l]}` and divides by ``keep_prob``; the backward pass does
the same to :math:`dA^{[l]}`, with the same masks.

Lessons: ``neural-networks-and-deep-learning/week-4/forward-propagation-in-a-deep-network.md``,
``.../week-4/building-blocks-of-deep-neural-networks.md``,
``.../week-4/forward-and-backward-propagation.md`` and
``improving-deep-neural-networks/week-1/dropout-regularization.md``.
"""

from __future__ import annotations

import numpy as np

from coursecode.activations import ACTIVATIONS, DERIVATIVES, check_activation
from coursecode.core.validation import as_float_array, as_labels
from coursecode.networks.parameters import check_network
from coursecode.networks.regularization import check_keep_prob, dropout_backward

__all__ = [
    "activation_backward",
    "activation_forward",
    "linear_backward",
    "linear_forward",
    "model_backward",
    "model_forward",
]


# --8<-- [start:linear_forward]
def linear_forward(A_prev, W, b):
    """The linear part of one layer, Z = W A_prev + b, and the cache its backward step needs.

    Parameters
    ----------
    A_prev : ndarray of shape (n^[l-1], m)
        The previous layer's activations (X for the first layer).
    W : ndarray of shape (n^[l], n^[l-1])
    b : ndarray of shape (n^[l], 1)

    Returns
    -------
    Z : ndarray of shape (n^[l], m)
    linear_cache : tuple
        ``(A_prev, W, b)``.

    Lesson: ``.../week-4/building-blocks-of-deep-neural-networks.md``.

    Examples
    --------
    >>> Z, linear_cache = linear_forward(np.array([[1.0, 2.0]]), np.array([[3.0]]),
    ...                                  np.array([[0.5]]))
    >>> Z
    array([[3.5, 6.5]])
    """
    Z = W @ A_prev + b  # (n^[l], m)
    linear_cache = (A_prev, W, b)
    return Z, linear_cache


# --8<-- [end:linear_forward]


# --8<-- [start:activation_forward]
def activation_forward(Z, activation):
    """The activation of one layer, A = g(Z), and the cache its backward step needs.

    Parameters
    ----------
    Z : ndarray of shape (n^[l], m)
    activation : {"sigmoid", "tanh", "relu", "leaky_relu"}
        The name of g.

    Returns
    -------
    A : ndarray of shape (n^[l], m)
    activation_cache : ndarray of shape (n^[l], m)
        ``Z`` itself: g'(Z) is all the backward step needs.

    Lesson: ``.../week-4/building-blocks-of-deep-neural-networks.md``.

    Examples
    --------
    >>> A, activation_cache = activation_forward(np.array([[-1.0, 2.0]]), "relu")
    >>> A
    array([[0., 2.]])
    """
    g = ACTIVATIONS[check_activation(activation)]
    A = g(Z)
    activation_cache = Z
    return A, activation_cache


# --8<-- [end:activation_forward]


# --8<-- [start:model_forward]
def model_forward(parameters, X, *, hidden_activation="relu", keep_prob=1.0, masks=None):
    """The forward pass of an L-layer network: hidden layers first, then a sigmoid output.

    Parameters
    ----------
    parameters : dict of str to array_like
        ``"W1"``, ``"b1"``, ..., ``"WL"``, ``"bL"``.
    X : array_like of shape (n_x, m)
        Inputs, one example per column.
    hidden_activation : {"relu", "tanh", "sigmoid", "leaky_relu"}, default "relu"
        The activation of layers 1 to L - 1.
    keep_prob : float, default 1.0
        Dropout: the probability of keeping each hidden unit, in (0, 1]; 1 means no dropout.
    masks : list of ndarray of bool, optional
        Needed when ``keep_prob < 1`` (and only then): ``masks[l - 1]`` is D[l], of shape
        (n^[l], m), for the hidden layers l = 1, ..., L - 1 (see ``dropout_masks``).

    Returns
    -------
    AL : ndarray of shape (n^[L], m)
        The output layer's activations, the predictions.
    caches : list of tuple
        ``caches[l - 1] = (linear_cache, activation_cache)`` of layer l, that is
        ``((A^[l-1], W^[l], b^[l]), Z^[l])``; with dropout, A^[l-1] is the activations
        after the mask and the rescaling.

    Lesson: ``.../week-4/forward-propagation-in-a-deep-network.md``.

    Examples
    --------
    >>> parameters = {"W1": [[1.0], [-1.0]], "b1": [[0.0], [0.0]],
    ...               "W2": [[2.0, 2.0]], "b2": [[-1.0]]}
    >>> AL, caches = model_forward(parameters, [[-0.5, 0.5]])
    >>> len(caches), caches[-1][1]  # Z2 = 2 relu(x) + 2 relu(-x) - 1 = 2|x| - 1
    (2, array([[0., 0.]]))
    """
    parameters, X, L = check_network(parameters, X)
    check_activation(hidden_activation, "hidden_activation")
    keep_prob, masks = _check_dropout(keep_prob, masks, parameters, L, X.shape[1])
    return _forward_from_checked(parameters, X, hidden_activation, keep_prob, masks)


def _forward_from_checked(parameters, X, hidden_activation, keep_prob, masks):
    """model_forward's computation, on inputs it has checked (``train_network`` checks
    them once and calls this in every iteration)."""
    L = len(parameters) // 2
    caches = []
    A = X
    for l in range(1, L):
        A_prev = A
        Z, linear_cache = linear_forward(A_prev, parameters[f"W{l}"], parameters[f"b{l}"])
        A, activation_cache = activation_forward(Z, hidden_activation)
        if masks is not None:
            # --8<-- [start:dropout_forward]
            A = A * masks[l - 1] / keep_prob  # drop units, keep the expected value of A
            # --8<-- [end:dropout_forward]
        caches.append((linear_cache, activation_cache))

    # Output layer: one sigmoid unit gives a probability for each example.
    ZL, linear_cache = linear_forward(A, parameters[f"W{L}"], parameters[f"b{L}"])
    AL, activation_cache = activation_forward(ZL, "sigmoid")
    caches.append((linear_cache, activation_cache))
    return AL, caches


# --8<-- [end:model_forward]


# --8<-- [start:linear_backward]
def linear_backward(dZ, linear_cache, *, need_dA_prev=True):
    """The gradients of one layer's linear part, from dZ and the cache (A_prev, W, b).

    Parameters
    ----------
    dZ : ndarray of shape (n^[l], m)
        The gradient of the cost with respect to Z of this layer.
    linear_cache : tuple
        ``(A_prev, W, b)`` from ``linear_forward``.
    need_dA_prev : bool, default True
        False skips dA_prev and returns None in its place: for layer 1 it would be
        dA^[0], the gradient with respect to the inputs X, which training never uses.

    Returns
    -------
    dA_prev : ndarray of shape (n^[l-1], m), or None
    dW : ndarray of shape (n^[l], n^[l-1])
    db : ndarray of shape (n^[l], 1)

    Lesson: ``.../week-4/forward-and-backward-propagation.md``.

    Examples
    --------
    >>> linear_cache = (np.array([[1.0, 3.0]]), np.array([[2.0]]), np.array([[0.0]]))
    >>> dA_prev, dW, db = linear_backward(np.array([[0.5, -0.5]]), linear_cache)
    >>> dA_prev, dW, db
    (array([[ 1., -1.]]), array([[-0.5]]), array([[0.]]))
    """
    A_prev, W, _ = linear_cache  # b itself is not needed: db comes from dZ alone
    m = A_prev.shape[1]
    dW = dZ @ A_prev.T / m  # (n^[l], n^[l-1])
    db = np.sum(dZ, axis=1, keepdims=True) / m  # (n^[l], 1)
    dA_prev = W.T @ dZ if need_dA_prev else None  # (n^[l-1], m)
    return dA_prev, dW, db


# --8<-- [end:linear_backward]


# --8<-- [start:activation_backward]
def activation_backward(dA, activation_cache, activation):
    """The gradient with respect to Z of one layer, dZ = dA * g'(Z), elementwise.

    Parameters
    ----------
    dA : ndarray of shape (n^[l], m)
        The gradient of the cost with respect to this layer's activations.
    activation_cache : ndarray of shape (n^[l], m)
        ``Z`` from ``activation_forward``.
    activation : {"sigmoid", "tanh", "relu", "leaky_relu"}
        The g that ``activation_forward`` applied.

    Returns
    -------
    dZ : ndarray of shape (n^[l], m)

    Lesson: ``.../week-4/forward-and-backward-propagation.md``.

    Examples
    --------
    >>> activation_backward(np.array([[3.0, 3.0]]), np.array([[-1.0, 2.0]]), "relu")
    array([[0., 3.]])
    """
    g_prime = DERIVATIVES[check_activation(activation)]
    Z = activation_cache
    dZ = dA * g_prime(Z)
    return dZ


# --8<-- [end:activation_backward]


# --8<-- [start:model_backward]
def model_backward(AL, Y, caches, *, hidden_activation="relu", keep_prob=1.0, masks=None):
    """The backward pass of an L-layer network: the gradients of the cost for every layer.

    Parameters
    ----------
    AL : ndarray of shape (1, m)
        The output of ``model_forward``.
    Y : array_like of shape (1, m)
        The labels, 0 or 1.
    caches : list of tuple
        The caches of ``model_forward``, one per layer.
    hidden_activation : {"relu", "tanh", "sigmoid", "leaky_relu"}, default "relu"
        The activation ``model_forward`` used for layers 1 to L - 1.
    keep_prob : float, default 1.0
        The ``keep_prob`` that ``model_forward`` used.
    masks : list of ndarray of bool, optional
        The masks that ``model_forward`` used; needed when ``keep_prob < 1``.

    Returns
    -------
    dict of str to ndarray
        ``"dW1"``, ``"db1"``, ..., ``"dWL"``, ``"dbL"``, each shaped like its parameter.

    Lesson: ``.../week-4/forward-and-backward-propagation.md``.

    Examples
    --------
    >>> parameters = {"W1": [[1.0], [-1.0]], "b1": [[0.0], [0.0]],
    ...               "W2": [[2.0, 2.0]], "b2": [[-1.0]]}
    >>> X, Y = [[-0.5, 0.5]], [[1, 1]]
    >>> AL, caches = model_forward(parameters, X)
    >>> grads = model_backward(AL, Y, caches)
    >>> sorted(grads), grads["db2"]  # mean(AL - Y) = 0.5 - 1
    (['dW1', 'dW2', 'db1', 'db2'], array([[-0.5]]))
    """
    check_activation(hidden_activation, "hidden_activation")
    AL, Y = _check_output_and_caches(AL, Y, caches)
    L = len(caches)
    hidden_weights = {f"W{l}": caches[l - 1][0][1] for l in range(1, L)}
    keep_prob, masks = _check_dropout(keep_prob, masks, hidden_weights, L, AL.shape[1])
    return _backward_from_checked(AL, Y, caches, hidden_activation, keep_prob, masks)


def _backward_from_checked(AL, Y, caches, hidden_activation, keep_prob, masks):
    """model_backward's computation, on inputs it has checked (``train_network`` checks
    them once and calls this in every iteration)."""
    L = len(caches)
    grads = {}

    # Output layer. Sigmoid and cross-entropy together give dZ = AL - Y directly;
    # going through dA = -(Y/AL - (1-Y)/(1-AL)) would divide by 0 once AL rounds to 0 or 1.
    dZ = AL - Y
    linear_cache, _ = caches[L - 1]
    dA_prev, grads[f"dW{L}"], grads[f"db{L}"] = linear_backward(
        dZ, linear_cache, need_dA_prev=L > 1
    )

    # Hidden layers, from L - 1 down to 1.
    for l in reversed(range(1, L)):
        linear_cache, activation_cache = caches[l - 1]
        if masks is not None:
            # --8<-- [start:dropout_backward]
            dA_prev = dropout_backward(dA_prev, masks[l - 1], keep_prob)  # dA * D[l] / keep_prob
            # --8<-- [end:dropout_backward]
        dZ = activation_backward(dA_prev, activation_cache, hidden_activation)
        # Layer 1 stops at dW1 and db1: dA^[0] would be a gradient for X, never used.
        dA_prev, grads[f"dW{l}"], grads[f"db{l}"] = linear_backward(
            dZ, linear_cache, need_dA_prev=l > 1
        )
    return grads


# --8<-- [end:model_backward]


def _check_output_and_caches(AL, Y, caches):
    """Check AL (1, m), the labels Y (1, m) and that caches is a list of layer caches."""
    AL = as_float_array(AL, "AL")
    if AL.ndim != 2 or AL.shape[0] != 1 or AL.shape[1] == 0:
        raise ValueError(
            f"AL must have shape (1, m) with m >= 1, one output unit; got shape {AL.shape}"
        )
    Y = as_labels(Y, AL.shape[1])
    if not isinstance(caches, (list, tuple)) or len(caches) == 0:
        raise ValueError(
            "caches must be the non-empty list of per-layer caches that model_forward "
            f"returns; got {caches!r:.60}"
        )
    for l, cache in enumerate(caches, start=1):
        if not (
            isinstance(cache, tuple)
            and len(cache) == 2
            and isinstance(cache[0], tuple)
            and len(cache[0]) == 3
        ):
            raise ValueError(
                f"caches[{l - 1}] (layer {l}) must be ((A_prev, W, b), Z) as model_forward "
                "returns it"
            )
    return AL, Y


def _check_dropout(keep_prob, masks, parameters, L, m):
    """Check keep_prob and that masks holds D[l] of shape (n^[l], m) for l < L when needed."""
    keep_prob = check_keep_prob(keep_prob)
    if keep_prob == 1:
        if masks is not None:
            raise ValueError(
                "masks must be None when keep_prob = 1 (no dropout); pass keep_prob < 1 "
                "with the masks, or no masks"
            )
        return keep_prob, None
    if masks is None:
        raise ValueError(
            f"masks are needed when keep_prob < 1 (got keep_prob = {keep_prob}): one mask "
            "D[l] per hidden layer, for example from dropout_masks"
        )
    if not isinstance(masks, (list, tuple)) or len(masks) != L - 1:
        got = f"{len(masks)} masks" if isinstance(masks, (list, tuple)) else type(masks).__name__
        raise ValueError(
            f"masks must be a list of L - 1 = {L - 1} masks, one per hidden layer; got {got}"
        )
    checked = []
    for l, mask in enumerate(masks, start=1):
        mask = np.asarray(mask)
        shape = (parameters[f"W{l}"].shape[0], m)
        if mask.dtype != np.bool_ or mask.shape != shape:
            raise ValueError(
                f"masks[{l - 1}] (D[{l}]) must be a boolean array of shape (n^[{l}], m) = "
                f"{shape}; got dtype {mask.dtype} and shape {mask.shape}"
            )
        checked.append(mask)
    return keep_prob, checked
