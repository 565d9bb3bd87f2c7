r"""Cost, gradients, training and predictions for a network of any depth L >= 1.

One iteration of batch gradient descent is the Week 4 picture: the forward pass
(``model_forward``), the cost J from the output logits, the backward pass
(``model_backward``), then for every layer

.. math:: W^{[l]} := W^{[l]} - \alpha\, dW^{[l]}, \qquad b^{[l]} := b^{[l]} - \alpha\, db^{[l]}.

With L = 1 the network is logistic regression: ``W1`` is :math:`w^T` and ``b1`` is b.

Course 2 adds regularization (``coursecode.networks.regularization``): an L2 penalty
``l2`` on the weights, and dropout on the hidden layers with ``keep_prob < 1``, whose masks
come from the caller's random generator ``rng``.

Lessons: ``neural-networks-and-deep-learning/week-3/gradient-descent-for-neural-networks.md``,
``.../week-4/building-blocks-of-deep-neural-networks.md``,
``improving-deep-neural-networks/week-1/regularization.md`` and
``.../week-1/dropout-regularization.md``.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from coursecode.activations import check_activation
from coursecode.core.validation import (
    as_labels,
    check_learning_rate,
    check_num_iterations,
    check_rng,
    diverged,
)
from coursecode.loss import cost_from_logits
from coursecode.networks.deep import _backward_from_checked, _forward_from_checked, model_forward
from coursecode.networks.parameters import _update_from_checked, check_network
from coursecode.networks.regularization import (
    _l2_cost_from_checked,
    _l2_gradient_from_checked,
    check_keep_prob,
    check_l2,
    dropout_masks,
)

__all__ = [
    "NetworkTrainingResult",
    "network_cost_and_gradients",
    "predict_network",
    "train_network",
]


class NetworkTrainingResult(NamedTuple):
    """What ``train_network`` returns.

    Attributes
    ----------
    parameters : dict of str to ndarray
        The final ``"W1"``, ``"b1"``, ..., ``"WL"``, ``"bL"``.
    costs : list of float
        ``costs[k]`` is J at the parameters before iteration k's update.
    """

    parameters: dict[str, np.ndarray]
    costs: list[float]


def _check_inputs(parameters, X, hidden_activation, Y=None):
    """Checked parameters, X and Y (None if not given) of a network with one output unit."""
    parameters, X, L = check_network(parameters, X)
    output_units = parameters[f"W{L}"].shape[0]
    if output_units != 1:
        raise ValueError(
            f"the output layer must have one unit (a sigmoid for labels 0 or 1): "
            f"parameters['W{L}'] must have shape (1, n^[{L - 1}]), got "
            f"{parameters[f'W{L}'].shape}"
        )
    check_activation(hidden_activation, "hidden_activation")
    if Y is not None:
        Y = as_labels(Y, X.shape[1])
    return parameters, X, Y


def _check_regularization(l2, keep_prob, rng):
    """Checked l2 >= 0, keep_prob in (0, 1] and rng, which keep_prob < 1 needs."""
    l2, keep_prob = check_l2(l2), check_keep_prob(keep_prob)
    if rng is not None:
        rng = check_rng(rng)
    elif keep_prob < 1:
        raise ValueError(
            f"rng is needed for dropout (keep_prob = {keep_prob} < 1 draws random masks); "
            "got rng=None; pass a generator such as rng=np.random.default_rng(0)"
        )
    return l2, keep_prob, rng


# --8<-- [start:network_cost_and_gradients]
def network_cost_and_gradients(
    parameters, X, Y, *, hidden_activation="relu", l2=0.0, keep_prob=1.0, rng=None
):
    """The cost J and its gradient with respect to every parameter, for any depth L >= 1.

    Parameters
    ----------
    parameters : dict of str to array_like
        ``"W1"``, ``"b1"``, ..., ``"WL"``, ``"bL"``; ``W[l]`` (n^[l], n^[l-1]),
        ``b[l]`` (n^[l], 1), and one output unit, n^[L] = 1.
    X : array_like of shape (n_x, m)
        Inputs, one example per column.
    Y : array_like of shape (1, m)
        Labels, 0 or 1.
    hidden_activation : {"relu", "tanh", "sigmoid", "leaky_relu"}, default "relu"
        The activation of layers 1 to L - 1 (the output layer is a sigmoid).
    l2 : float, default 0.0
        The L2 regularization strength lambda, 0 or more.
    keep_prob : float, default 1.0
        Dropout: the probability of keeping each hidden unit, in (0, 1]; 1 means no dropout.
    rng : numpy.random.Generator, optional
        Where the dropout masks come from (layer 1 first); needed when ``keep_prob < 1``,
        and never used when ``keep_prob = 1``.

    Returns
    -------
    cost : float
        J, the mean cross-entropy over the m examples, plus ``l2_cost`` when ``l2 > 0``.
    grads : dict of str to ndarray
        ``"dW1"``, ``"db1"``, ..., ``"dWL"``, ``"dbL"``, each shaped like its parameter.

    Lessons: ``improving-deep-neural-networks/week-1/regularization.md`` and
    ``.../week-1/dropout-regularization.md`` for ``l2`` and ``keep_prob``.

    Examples
    --------
    >>> parameters = {"W1": np.zeros((3, 2)), "b1": np.zeros((3, 1)),
    ...               "W2": np.zeros((1, 3)), "b2": np.zeros((1, 1))}
    >>> cost, grads = network_cost_and_gradients(parameters, np.ones((2, 4)), [[0, 1, 1, 1]])
    >>> round(cost, 6), grads["db2"]  # every a = 1/2: J = log 2, db2 = mean(1/2 - y)
    (0.693147, array([[-0.25]]))
    >>> parameters["W2"] = np.ones((1, 3))
    >>> cost_l2, grads_l2 = network_cost_and_gradients(parameters, np.ones((2, 4)),
    ...                                                [[0, 1, 1, 1]], l2=0.8)
    >>> grads_l2["dW2"] - grads["dW2"]  # lambda / m * W2 = 0.8 / 4 * 1
    array([[0.2, 0.2, 0.2]])
    """
    parameters, X, Y = _check_inputs(parameters, X, hidden_activation, Y)
    l2, keep_prob, rng = _check_regularization(l2, keep_prob, rng)
    return _cost_and_gradients_from_checked(
        parameters, X, Y, hidden_activation, l2, keep_prob, rng
    )


def _cost_and_gradients_from_checked(parameters, X, Y, hidden_activation, l2, keep_prob, rng):
    """network_cost_and_gradients' computation, on inputs it has checked (``train_network``
    checks them once and calls this in every iteration)."""
    L, m = len(parameters) // 2, X.shape[1]
    masks = None
    if keep_prob < 1:  # one mask D[l] per hidden layer, drawn layer 1 first
        shapes = [(parameters[f"W{l}"].shape[0], m) for l in range(1, L)]
        masks = dropout_masks(shapes, keep_prob, rng)
    AL, caches = _forward_from_checked(parameters, X, hidden_activation, keep_prob, masks)
    _, ZL = caches[-1]  # the output layer's activation cache is Z^[L]
    cost = cost_from_logits(ZL, Y)
    grads = _backward_from_checked(AL, Y, caches, hidden_activation, keep_prob, masks)

    if l2 > 0:
        # --8<-- [start:l2_in_cost_and_gradients]
        cost += _l2_cost_from_checked(parameters, m, l2)
        for l in range(1, L + 1):
            grads[f"dW{l}"] += _l2_gradient_from_checked(parameters[f"W{l}"], m, l2)
        # --8<-- [end:l2_in_cost_and_gradients]
    return cost, grads


# --8<-- [end:network_cost_and_gradients]


# --8<-- [start:train_network]
def train_network(
    parameters,
    X,
    Y,
    *,
    learning_rate,
    num_iterations,
    hidden_activation="relu",
    l2=0.0,
    keep_prob=1.0,
    rng=None,
) -> NetworkTrainingResult:
    """Run num_iterations steps of batch gradient descent on a network of any depth.

    Parameters
    ----------
    parameters : dict of str to array_like
        The initial ``"W1"``, ``"b1"``, ..., ``"WL"``, ``"bL"`` (not modified).
    X : array_like of shape (n_x, m)
        Inputs, one example per column.
    Y : array_like of shape (1, m)
        Labels, 0 or 1.
    learning_rate : float
        The step size alpha > 0.
    num_iterations : int
        How many updates to make, 0 or more.
    hidden_activation : {"relu", "tanh", "sigmoid", "leaky_relu"}, default "relu"
        The activation of layers 1 to L - 1.
    l2 : float, default 0.0
        The L2 regularization strength lambda, 0 or more.
    keep_prob : float, default 1.0
        Dropout: the probability of keeping each hidden unit, in (0, 1].
    rng : numpy.random.Generator, optional
        Where the dropout masks come from; needed when ``keep_prob < 1``. Each iteration
        draws new masks from it, so it advances.

    Returns
    -------
    NetworkTrainingResult
        The final parameters and the cost of every iteration (with dropout, the cost of
        that iteration's thinned network).

    Examples
    --------
    >>> from coursecode.networks.parameters import initialize_parameters
    >>> X = np.array([[0.0, 0.0, 1.0, 1.0], [0.0, 1.0, 0.0, 1.0]])
    >>> Y = np.array([[0, 1, 1, 0]])  # XOR: no straight line separates it
    >>> parameters = initialize_parameters([2, 4, 1], np.random.default_rng(1), scale=1.0)
    >>> result = train_network(parameters, X, Y, learning_rate=1.0, num_iterations=2000,
    ...                        hidden_activation="tanh")
    >>> predict_network(result.parameters, X, hidden_activation="tanh")
    array([[0, 1, 1, 0]])
    """
    parameters, X, Y = _check_inputs(parameters, X, hidden_activation, Y)
    alpha = check_learning_rate(learning_rate)
    num_iterations = check_num_iterations(num_iterations)
    l2, keep_prob, rng = _check_regularization(l2, keep_prob, rng)

    # Checked once, here: each iteration runs network_cost_and_gradients and
    # update_parameters without checking the same parameters, data and settings again.
    # Everything that goes in is finite, so a value that overflows to inf or NaN on the way
    # means the run diverged: that is reported once, as an error naming the iteration,
    # instead of a NumPy warning per operation (the activations refuse a non-finite z).
    costs = []
    with np.errstate(over="ignore", invalid="ignore"):
        for iteration in range(num_iterations):
            try:
                cost, grads = _cost_and_gradients_from_checked(
                    parameters, X, Y, hidden_activation, l2, keep_prob, rng
                )
            except ValueError as error:
                raise _diverged(iteration, alpha, X) from error
            if not math.isfinite(cost):
                raise _diverged(iteration, alpha, X)
            parameters = _update_from_checked(parameters, grads, alpha)
            costs.append(cost)
    # The next iteration would catch an overflow in the last update; there is none.
    if costs and not all(np.isfinite(value).all() for value in parameters.values()):
        raise _diverged(len(costs) - 1, alpha, X)
    return NetworkTrainingResult(parameters=parameters, costs=costs)


# --8<-- [end:train_network]


def _diverged(iteration: int, alpha: float, X: np.ndarray) -> FloatingPointError:
    return diverged(
        iteration,
        alpha,
        X,
        run="training",
        overflowed="the cost, the gradients or the parameters overflowed",
    )


# --8<-- [start:predict_network]
def predict_network(parameters, X, *, hidden_activation="relu") -> np.ndarray:
    """Predict labels: 1 where the network's output a^[L] is above 0.5, else 0.

    Prediction never drops units: dropout is for training only, and inverted dropout's
    rescaling already made the trained weights right for the full network.

    Parameters
    ----------
    parameters : dict of str to array_like
        ``"W1"``, ``"b1"``, ..., ``"WL"``, ``"bL"``, with one output unit.
    X : array_like of shape (n_x, m)
        Inputs, one example per column.
    hidden_activation : {"relu", "tanh", "sigmoid", "leaky_relu"}, default "relu"
        The activation the network was trained with.

    Returns
    -------
    ndarray of int, shape (1, m)

    Examples
    --------
    >>> predict_network({"W1": [[2.0, -1.0]], "b1": [[0.0]]}, [[1.0, 0.0], [1.0, 1.0]])
    array([[1, 0]])
    """
    parameters, X, _ = _check_inputs(parameters, X, hidden_activation)
    AL, _ = model_forward(parameters, X, hidden_activation=hidden_activation)
    return (AL > 0.5).astype(int)


# --8<-- [end:predict_network]
