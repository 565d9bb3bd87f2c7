r"""A network with one hidden layer, written out as the Week 3 lectures write it.

Two layers: a hidden layer of n_h units with activation g (tanh unless told otherwise) and
an output layer of one sigmoid unit. With ``X`` of shape (n_x, m), the parameters are
``W1`` (n_h, n_x), ``b1`` (n_h, 1), ``W2`` (1, n_h) and ``b2`` (1, 1).

Forward, for all m examples at once:

.. math::
    Z^{[1]} = W^{[1]} X + b^{[1]}, \quad A^{[1]} = g(Z^{[1]}), \quad
    Z^{[2]} = W^{[2]} A^{[1]} + b^{[2]}, \quad A^{[2]} = \sigma(Z^{[2]}).

Backward, the six equations of the lecture:

.. math::
    dZ^{[2]} = A^{[2]} - Y, \quad dW^{[2]} = \tfrac{1}{m} dZ^{[2]} A^{[1]T}, \quad
    db^{[2]} = \tfrac{1}{m} \textstyle\sum_i dZ^{[2](i)},

    dZ^{[1]} = W^{[2]T} dZ^{[2]} * g'(Z^{[1]}), \quad dW^{[1]} = \tfrac{1}{m} dZ^{[1]} X^T,
    \quad db^{[1]} = \tfrac{1}{m} \textstyle\sum_i dZ^{[1](i)}.

The same network is the case L = 2 of ``coursecode.networks.deep`` (a test checks that
both give the same numbers).

Lessons: ``neural-networks-and-deep-learning/week-3/computing-a-neural-networks-output.md``,
``.../week-3/vectorizing-across-multiple-examples.md`` and
``.../week-3/gradient-descent-for-neural-networks.md``.
"""

from __future__ import annotations

import numpy as np

from coursecode.activations import ACTIVATIONS, DERIVATIVES, check_activation, sigmoid
from coursecode.core.validation import as_float_array, as_labels
from coursecode.networks.parameters import check_network

__all__ = ["backward_propagation", "forward_propagation", "forward_propagation_loop"]


def _check_two_layers(parameters, X, hidden_activation):
    """The checked parameters and X of a one-hidden-layer network with one output unit."""
    parameters, X, L = check_network(parameters, X)
    if L != 2:
        raise ValueError(
            "parameters must describe one hidden layer and one output layer "
            f'("W1", "b1", "W2", "b2"); got L = {L} layers'
        )
    if parameters["W2"].shape[0] != 1:
        raise ValueError(
            "the output layer must have one unit: parameters['W2'] must have shape "
            f"(1, n_h), got {parameters['W2'].shape}"
        )
    check_activation(hidden_activation, "hidden_activation")
    return parameters, X


# --8<-- [start:forward_propagation_loop]
def forward_propagation_loop(parameters, X, *, hidden_activation="tanh") -> np.ndarray:
    """The network's output for each example in turn, with a Python loop over the m columns.

    Slow on purpose: it is the per-example computation that the vectorized
    ``forward_propagation`` does for all examples at once.

    Parameters
    ----------
    parameters : dict of str to array_like
        ``"W1"`` (n_h, n_x), ``"b1"`` (n_h, 1), ``"W2"`` (1, n_h), ``"b2"`` (1, 1).
    X : array_like of shape (n_x, m)
        Inputs, one example per column.
    hidden_activation : {"tanh", "sigmoid", "relu", "leaky_relu"}, default "tanh"
        The activation g of the hidden layer.

    Returns
    -------
    ndarray of shape (1, m)
        ``A2[0, i]`` is the prediction for example i.

    Lesson: ``neural-networks-and-deep-learning/week-3/vectorizing-across-multiple-examples.md``.

    Examples
    --------
    >>> parameters = {"W1": [[1.0], [-1.0]], "b1": [[0.0], [0.0]],
    ...               "W2": [[1.0, 1.0]], "b2": [[0.0]]}
    >>> forward_propagation_loop(parameters, [[0.0, 2.0]])  # tanh(x) + tanh(-x) = 0
    array([[0.5, 0.5]])
    """
    parameters, X = _check_two_layers(parameters, X, hidden_activation)
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    g = ACTIVATIONS[hidden_activation]
    m = X.shape[1]

    A2 = np.zeros((1, m))
    # --8<-- [start:loop_over_examples]
    for i in range(m):
        x_i = X[:, [i]]  # (n_x, 1): example i as a column
        z1_i = W1 @ x_i + b1  # (n_h, 1)
        a1_i = g(z1_i)  # (n_h, 1)
        z2_i = W2 @ a1_i + b2  # (1, 1)
        a2_i = sigmoid(z2_i)  # (1, 1)
        A2[:, [i]] = a2_i
    # --8<-- [end:loop_over_examples]
    return A2


# --8<-- [end:forward_propagation_loop]


# --8<-- [start:forward_propagation]
def forward_propagation(parameters, X, *, hidden_activation="tanh"):
    """The network's output for all m examples at once, and the values backward needs.

    Parameters
    ----------
    parameters : dict of str to array_like
        ``"W1"`` (n_h, n_x), ``"b1"`` (n_h, 1), ``"W2"`` (1, n_h), ``"b2"`` (1, 1).
    X : array_like of shape (n_x, m)
        Inputs, one example per column.
    hidden_activation : {"tanh", "sigmoid", "relu", "leaky_relu"}, default "tanh"
        The activation g of the hidden layer.

    Returns
    -------
    A2 : ndarray of shape (1, m)
        The predictions.
    cache : dict of str to ndarray
        ``"Z1"`` and ``"A1"`` of shape (n_h, m), ``"Z2"`` and ``"A2"`` of shape (1, m).

    Lesson: ``neural-networks-and-deep-learning/week-3/vectorizing-across-multiple-examples.md``.

    Examples
    --------
    >>> parameters = {"W1": [[1.0], [-1.0]], "b1": [[0.0], [0.0]],
    ...               "W2": [[1.0, 1.0]], "b2": [[0.0]]}
    >>> A2, cache = forward_propagation(parameters, [[0.0, 2.0]], hidden_activation="relu")
    >>> cache["A1"]  # unit 1 passes x > 0, unit 2 passes x < 0
    array([[0., 2.],
           [0., 0.]])
    >>> cache["Z2"]
    array([[0., 2.]])
    """
    parameters, X = _check_two_layers(parameters, X, hidden_activation)
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    g = ACTIVATIONS[hidden_activation]

    # --8<-- [start:forward_equations]
    Z1 = W1 @ X + b1  # (n_h, m)
    A1 = g(Z1)  # (n_h, m)
    Z2 = W2 @ A1 + b2  # (1, m)
    A2 = sigmoid(Z2)  # (1, m)
    # --8<-- [end:forward_equations]
    cache = {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
    return A2, cache


# --8<-- [end:forward_propagation]


# --8<-- [start:backward_propagation]
def backward_propagation(parameters, cache, X, Y, *, hidden_activation="tanh"):
    """The gradients of the cost J with respect to W1, b1, W2 and b2 (the six equations).

    Parameters
    ----------
    parameters : dict of str to array_like
        The parameters the forward pass used.
    cache : dict of str to ndarray
        What ``forward_propagation`` returned with them: ``"Z1"``, ``"A1"``, ``"Z2"``,
        ``"A2"``.
    X : array_like of shape (n_x, m)
        The inputs of that forward pass.
    Y : array_like of shape (1, m)
        The labels, 0 or 1.
    hidden_activation : {"tanh", "sigmoid", "relu", "leaky_relu"}, default "tanh"
        The activation g the forward pass used.

    Returns
    -------
    dict of str to ndarray
        ``"dW1"`` (n_h, n_x), ``"db1"`` (n_h, 1), ``"dW2"`` (1, n_h), ``"db2"`` (1, 1),
        each shaped like its parameter.

    Lesson: ``neural-networks-and-deep-learning/week-3/gradient-descent-for-neural-networks.md``.

    Examples
    --------
    >>> parameters = {"W1": [[1.0], [-1.0]], "b1": [[0.0], [0.0]],
    ...               "W2": [[1.0, 1.0]], "b2": [[0.0]]}
    >>> X, Y = [[0.0, 2.0]], [[1, 0]]
    >>> A2, cache = forward_propagation(parameters, X)
    >>> grads = backward_propagation(parameters, cache, X, Y)
    >>> grads["db2"]  # mean of A2 - Y = mean(0.5 - 1, 0.5 - 0)
    array([[0.]])
    """
    parameters, X = _check_two_layers(parameters, X, hidden_activation)
    Y = as_labels(Y, X.shape[1])
    cache = _check_cache(cache, parameters, X)
    W2 = parameters["W2"]
    A1, Z1, A2 = cache["A1"], cache["Z1"], cache["A2"]
    g_prime = DERIVATIVES[hidden_activation]
    m = X.shape[1]

    # --8<-- [start:backward_equations]
    dZ2 = A2 - Y  # (1, m)
    dW2 = dZ2 @ A1.T / m  # (1, n_h)
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m  # (1, 1)
    dZ1 = (W2.T @ dZ2) * g_prime(Z1)  # (n_h, m): elementwise product
    dW1 = dZ1 @ X.T / m  # (n_h, n_x)
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m  # (n_h, 1)
    # --8<-- [end:backward_equations]
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


# --8<-- [end:backward_propagation]


def _check_cache(cache, parameters, X) -> dict[str, np.ndarray]:
    """Check that ``cache`` holds Z1, A1 (n_h, m) and Z2, A2 (1, m) from a forward pass."""
    if not isinstance(cache, dict):
        raise TypeError(
            f"cache must be the dict that forward_propagation returns, got {type(cache).__name__}"
        )
    n_h, m = parameters["W1"].shape[0], X.shape[1]
    expected = {"Z1": (n_h, m), "A1": (n_h, m), "Z2": (1, m), "A2": (1, m)}
    checked = {}
    for key, shape in expected.items():
        if key not in cache:
            raise ValueError(f"cache is missing {key!r}; pass the cache of forward_propagation")
        checked[key] = as_float_array(cache[key], f"cache[{key!r}]")
        if checked[key].shape != shape:
            raise ValueError(
                f"cache[{key!r}] must have shape {shape} for these parameters and X; "
                f"got shape {checked[key].shape}"
            )
    return checked
