"""The exercise checks: each reference passes its own check, planted mistakes fail with a
message that names the mistake, and the site build's flag checks the reference instead."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from coursecode.activations import ACTIVATIONS, DERIVATIVES
from coursecode.activations import sigmoid as good_sigmoid
from coursecode.exercises import USE_REFERENCE_VARIABLE, check, list_exercises, solution
from coursecode.exercises.logistic_regression import initialize_with_zeros
from coursecode.logistic_regression.vectorized import gradients_vectorized
from coursecode.networks.cost import network_cost
from coursecode.networks.deep import activation_backward, linear_backward, model_backward
from coursecode.networks.gradient_check import relative_difference, two_sided_difference
from coursecode.networks.parameters import LayerShapes, layer_shapes, update_parameters
from coursecode.networks.regularization import apply_dropout, dropout_backward, l2_cost
from coursecode.networks.shallow import backward_propagation, forward_propagation


@pytest.fixture(autouse=True)
def _learner_mode(monkeypatch):
    monkeypatch.delenv(USE_REFERENCE_VARIABLE, raising=False)


# ---- Week 2: planted mistakes -------------------------------------------------------


def sigmoid_flipped(z):
    return 1 / (1 + np.exp(np.asarray(z, dtype=float)))


def sigmoid_rank_1(z):
    return np.ravel(good_sigmoid(z)) if np.ndim(z) else good_sigmoid(z)


def sigmoid_off_by_1_percent(z):
    return 1.01 * good_sigmoid(z)


def sigmoid_naive(z):
    return 1 / (1 + np.exp(-np.asarray(z, dtype=float)))


def sigmoid_with_math_exp(z):
    return 1 / (1 + math.exp(-z))


def sigmoid_wrong_tanh(z):
    return (1 + np.tanh(z)) / 2


def zeros_rank_1(dim):
    return np.zeros(dim), 0.0


def zeros_row(dim):
    return np.zeros((1, dim)), 0.0


def zeros_ones(dim):
    return np.ones((dim, 1)), 0.0


def zeros_b_array(dim):
    return np.zeros((dim, 1)), np.zeros((1, 1))


def zeros_only_w(dim):
    return np.zeros((dim, 1))


def _propagate_parts(w, b, X, Y):
    m = X.shape[1]
    A = good_sigmoid(w.T @ X + b)
    cost = network_cost(w.T @ X + b, Y)
    return A, A - Y, m, cost


def propagate_no_1_over_m(w, b, X, Y):
    _A, dZ, m, cost = _propagate_parts(w, b, X, Y)
    return X @ dZ.T, float(np.sum(dZ)) / m, cost


def propagate_sign_flipped(w, b, X, Y):
    _A, dZ, m, cost = _propagate_parts(w, b, X, Y)
    return -(X @ dZ.T) / m, -float(np.sum(dZ)) / m, cost


def propagate_dw_transposed(w, b, X, Y):
    _A, dZ, m, cost = _propagate_parts(w, b, X, Y)
    return dZ @ X.T / m, float(np.sum(dZ)) / m, cost


def propagate_cost_off_by_1_percent(w, b, X, Y):
    dw, db, cost = gradients_vectorized(w, b, X, Y)
    return dw, db, 1.01 * cost


def propagate_cost_sign(w, b, X, Y):
    dw, db, cost = gradients_vectorized(w, b, X, Y)
    return dw, db, -cost


def propagate_db_array(w, b, X, Y):
    dw, db, cost = gradients_vectorized(w, b, X, Y)
    return dw, np.array([[db]]), cost


def propagate_db_no_1_over_m(w, b, X, Y):
    dw, db, cost = gradients_vectorized(w, b, X, Y)
    return dw, db * X.shape[1], cost


def optimize_ascent(w, b, X, Y, *, learning_rate, num_iterations):
    costs = []
    for _ in range(num_iterations):
        dw, db, cost = gradients_vectorized(w, b, X, Y)
        w, b = w + learning_rate * dw, b + learning_rate * db
        costs.append(cost)
    return w, b, costs


def optimize_in_place(w, b, X, Y, *, learning_rate, num_iterations):
    costs = []
    for _ in range(num_iterations):
        dw, db, cost = gradients_vectorized(w, b, X, Y)
        w -= learning_rate * dw
        b = b - learning_rate * db
        costs.append(cost)
    return w, b, costs


def optimize_cost_after_update(w, b, X, Y, *, learning_rate, num_iterations):
    costs = []
    for _ in range(num_iterations):
        dw, db, _ = gradients_vectorized(w, b, X, Y)
        w, b = w - learning_rate * dw, b - learning_rate * db
        costs.append(gradients_vectorized(w, b, X, Y).cost)
    return w, b, costs


def optimize_one_step_short(w, b, X, Y, *, learning_rate, num_iterations):
    costs = []
    for _ in range(num_iterations - 1):
        dw, db, cost = gradients_vectorized(w, b, X, Y)
        w, b = w - learning_rate * dw, b - learning_rate * db
        costs.append(cost)
    return w, b, costs


def optimize_returns_two(w, b, X, Y, *, learning_rate, num_iterations):
    result = solution("optimize")(
        w, b, X, Y, learning_rate=learning_rate, num_iterations=num_iterations
    )
    return result.w, result.b


def predict_probabilities(w, b, X):
    return good_sigmoid(w.T @ X + b)


def predict_inverted(w, b, X):
    return (good_sigmoid(w.T @ X + b) < 0.5).astype(int)


def predict_at_half(w, b, X):
    return (good_sigmoid(w.T @ X + b) >= 0.5).astype(int)


def predict_rank_1(w, b, X):
    return (good_sigmoid(w.T @ X + b) > 0.5).astype(int).ravel()


def predict_no_transpose(w, b, X):
    return (good_sigmoid(w @ X + b) > 0.5).astype(int)


# ---- Week 3: planted mistakes -------------------------------------------------------


def shapes_transposed_W(layer_dims, m):
    return [s._replace(W=s.W[::-1]) for s in layer_shapes(layer_dims, m)]


def shapes_Z_examples_first(layer_dims, m):
    return [s._replace(Z=s.Z[::-1]) for s in layer_shapes(layer_dims, m)]


def shapes_from_layer_0(layer_dims, m):
    return [s._replace(l=s.l - 1) for s in layer_shapes(layer_dims, m)]


def shapes_with_input_layer(layer_dims, m):
    n = layer_dims[0]
    first = LayerShapes(0, (n, n), (n, 1), (n, m), (n, m), (n, n), (n, 1), (n, m), (n, m))
    return [first, *layer_shapes(layer_dims, m)]


def shapes_b_rank_1(layer_dims, m):
    return [s._replace(b=(s.b[0],)) for s in layer_shapes(layer_dims, m)]


def init_zeros(layer_dims, rng):
    return solution("initialize_parameters")(layer_dims, rng, method="zeros")


def init_unscaled(layer_dims, rng):
    return solution("initialize_parameters")(layer_dims, rng, scale=1.0)


def init_transposed(layer_dims, rng):
    parameters = solution("initialize_parameters")(layer_dims, rng)
    return {k: v.T if k.startswith("W") else v for k, v in parameters.items()}


def init_random_b(layer_dims, rng):
    parameters = solution("initialize_parameters")(layer_dims, rng)
    return {k: v + 0.01 if k.startswith("b") else v for k, v in parameters.items()}


def init_global_random(layer_dims, rng):
    global_rng = np.random.default_rng()
    return solution("initialize_parameters")(layer_dims, global_rng)


def init_missing_layer(layer_dims, rng):
    parameters = solution("initialize_parameters")(layer_dims, rng)
    return {"W1": parameters["W1"], "b1": parameters["b1"]}


def _forward_parts(parameters, X):
    return parameters["W1"], parameters["b1"], parameters["W2"], parameters["b2"]


def forward_sigmoid_hidden(parameters, X):
    W1, b1, W2, b2 = _forward_parts(parameters, X)
    Z1 = W1 @ X + b1
    A1 = good_sigmoid(Z1)
    Z2 = W2 @ A1 + b2
    A2 = good_sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def forward_no_b1(parameters, X):
    W1, _b1, W2, b2 = _forward_parts(parameters, X)
    Z1 = W1 @ X
    A1 = np.tanh(Z1)
    Z2 = W2 @ A1 + b2
    A2 = good_sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def forward_no_output_sigmoid(parameters, X):
    W1, b1, W2, b2 = _forward_parts(parameters, X)
    Z1 = W1 @ X + b1
    A1 = np.tanh(Z1)
    Z2 = W2 @ A1 + b2
    return Z2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": Z2}


def forward_off_by_1_percent(parameters, X):
    A2, cache = forward_propagation(parameters, X)
    return 1.01 * A2, cache


def forward_no_cache(parameters, X):
    return forward_propagation(parameters, X)[0]


def forward_X_transposed(parameters, X):
    _W1, _b1, _W2, _b2 = _forward_parts(parameters, X)
    return forward_propagation(parameters, X.T)


def cost_sum(ZL, Y):
    return network_cost(ZL, Y) * ZL.shape[1]


def cost_no_minus(ZL, Y):
    return -network_cost(ZL, Y)


def cost_naive(ZL, Y):
    A = 1 / (1 + np.exp(-ZL))
    return float(-np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A)))


def cost_off_by_1_percent(ZL, Y):
    return 1.01 * network_cost(ZL, Y)


def cost_array(ZL, Y):
    return np.array([[network_cost(ZL, Y)]])


def backward_no_1_over_m(parameters, cache, X, Y):
    m = X.shape[1]
    grads = backward_propagation(parameters, cache, X, Y)
    return {key: value * m for key, value in grads.items()}


def backward_sign(parameters, cache, X, Y):
    grads = backward_propagation(parameters, cache, X, Y)
    return {key: -value for key, value in grads.items()}


def backward_tanh_slip(parameters, cache, X, Y):
    m = X.shape[1]
    dZ2 = cache["A2"] - Y
    dZ1 = (parameters["W2"].T @ dZ2) * (1 - cache["A1"])
    grads = backward_propagation(parameters, cache, X, Y)
    return {**grads, "dW1": dZ1 @ X.T / m, "db1": np.sum(dZ1, axis=1, keepdims=True) / m}


def backward_dW1_transposed(parameters, cache, X, Y):
    grads = backward_propagation(parameters, cache, X, Y)
    return {**grads, "dW1": grads["dW1"].T}


def backward_db_rank_1(parameters, cache, X, Y):
    grads = backward_propagation(parameters, cache, X, Y)
    return {**grads, "db1": grads["db1"].ravel()}


def backward_off_by_1_percent(parameters, cache, X, Y):
    grads = backward_propagation(parameters, cache, X, Y)
    return {**grads, "dW2": 1.01 * grads["dW2"]}


def update_plus(parameters, grads, learning_rate):
    return {key: value + learning_rate * grads[f"d{key}"] for key, value in parameters.items()}


def update_forgets_b(parameters, grads, learning_rate):
    new = update_parameters(parameters, grads, learning_rate)
    return {**new, "b1": parameters["b1"], "b2": parameters["b2"]}


def update_in_place(parameters, grads, learning_rate):
    for key in parameters:
        parameters[key] -= learning_rate * grads[f"d{key}"]
    return parameters


def update_ignores_rate(parameters, grads, learning_rate):
    return update_parameters(parameters, grads, 1.0)


def update_off_by_1_percent(parameters, grads, learning_rate):
    new = update_parameters(parameters, grads, learning_rate)
    return {**new, "W1": 1.01 * new["W1"]}


# Each planted mistake, and words the printed message must contain.
PLANTED = {
    "sigmoid": [
        (sigmoid_flipped, "sigma(-z)"),
        (sigmoid_rank_1, "rank-1"),
        (sigmoid_off_by_1_percent, "1.01 times"),
        (sigmoid_naive, "overflow"),
        (sigmoid_with_math_exp, "raised TypeError"),
        (sigmoid_wrong_tanh, "largest difference"),
    ],
    "initialize_with_zeros": [
        (zeros_rank_1, "rank-1"),
        (zeros_row, "transposed"),
        (zeros_ones, "expected w"),
        (zeros_b_array, "b should be one number"),
        (zeros_only_w, "should return 2 values"),
    ],
    "propagate": [
        (propagate_no_1_over_m, "did you divide by m?"),
        (propagate_sign_flipped, "wrong sign"),
        (propagate_dw_transposed, "transposed"),
        (propagate_cost_off_by_1_percent, "1.01 times"),
        (propagate_cost_sign, "wrong sign"),
        (propagate_db_array, "db should be one number"),
        (propagate_db_no_1_over_m, "did you divide by m?"),
    ],
    "optimize": [
        (optimize_ascent, "moved up the slope"),
        (optimize_in_place, "changed the w it was given"),
        (optimize_cost_after_update, "record J before the update"),
        (optimize_one_step_short, "the final w is wrong"),
        (optimize_returns_two, "should return 3 values"),
    ],
    "predict": [
        (predict_probabilities, "these are the probabilities"),
        (predict_inverted, "opposite"),
        (predict_at_half, "a = 0.5 exactly"),
        (predict_rank_1, "rank-1"),
        (predict_no_transpose, "raised ValueError"),
    ],
    "layer_shapes": [
        (shapes_transposed_W, "transposed"),
        (shapes_Z_examples_first, "Z is wrong"),
        (shapes_from_layer_0, "number the layers 1"),
        (shapes_with_input_layer, "layer 0 is the input"),
        (shapes_b_rank_1, "b is wrong"),
    ],
    "initialize_parameters": [
        (init_zeros, "all zeros"),
        (init_unscaled, "multiply the standard normal numbers by 0.01"),
        (init_transposed, "transposed"),
        (init_random_b, "should start at zero"),
        (init_global_random, "do not come from the rng"),
        (init_missing_layer, "missing ['W2', 'b2']"),
    ],
    "forward_propagation": [
        (forward_sigmoid_hidden, "uses tanh"),
        (forward_no_b1, "b1 is missing"),
        (forward_no_output_sigmoid, "apply the sigmoid"),
        (forward_off_by_1_percent, "1.01 times"),
        (forward_no_cache, "should return (A2, cache)"),
        (forward_X_transposed, "raised ValueError"),
    ],
    "network_cost": [
        (cost_sum, "did you divide by m?"),
        (cost_no_minus, "wrong sign"),
        (cost_naive, "overflow"),
        (cost_off_by_1_percent, "1.01 times"),
        (cost_array, "should be one number"),
    ],
    "backward_propagation": [
        (backward_no_1_over_m, "did you divide by m?"),
        (backward_sign, "wrong sign"),
        (backward_tanh_slip, "1 - a**2"),
        (backward_dW1_transposed, "transposed"),
        (backward_db_rank_1, "rank-1"),
        (backward_off_by_1_percent, "1.01 times"),
    ],
    "update_parameters": [
        (update_plus, "moved up the slope"),
        (update_forgets_b, "b1 did not change"),
        (update_in_place, "changed the arrays it was given"),
        (update_ignores_rate, "the new W1 is wrong"),
        (update_off_by_1_percent, "1.01 times"),
    ],
}


# ---- Week 4: planted mistakes -------------------------------------------------------


def linear_forward_no_b(A_prev, W, b):
    return W @ A_prev, (A_prev, W, b)


def linear_forward_transposed(A_prev, W, b):
    return (W @ A_prev + b).T, (A_prev, W, b)


def linear_forward_off_by_1_percent(A_prev, W, b):
    return 1.01 * (W @ A_prev + b), (A_prev, W, b)


def linear_forward_cache_order(A_prev, W, b):
    return W @ A_prev + b, (W, A_prev, b)


def linear_forward_no_cache(A_prev, W, b):
    return W @ A_prev + b


def activation_forward_swapped(Z, activation):
    other = {"sigmoid": "tanh", "tanh": "sigmoid", "relu": "relu"}[activation]
    return ACTIVATIONS[other](Z), Z


def activation_forward_caches_A(Z, activation):
    A = ACTIVATIONS[activation](Z)
    return A, A


def activation_forward_relu_wrong(Z, activation):
    if activation == "relu":
        return np.abs(Z), Z
    return ACTIVATIONS[activation](Z), Z


def activation_forward_off_by_1_percent(Z, activation):
    return 1.01 * ACTIVATIONS[activation](Z), Z


def activation_forward_rank_1(Z, activation):
    return ACTIVATIONS[activation](Z).ravel(), Z


def _forward_layers(parameters, X, hidden, output):
    L = len(parameters) // 2
    caches, A = [], X
    for l in range(1, L + 1):
        W, b = parameters[f"W{l}"], parameters[f"b{l}"]
        Z = W @ A + b
        caches.append(((A, W, b), Z))
        A = ACTIVATIONS[hidden if l < L else output](Z)
    return A, caches


def model_forward_sigmoid_hidden(parameters, X):
    return _forward_layers(parameters, X, "sigmoid", "sigmoid")


def model_forward_relu_output(parameters, X):
    return _forward_layers(parameters, X, "relu", "relu")


def model_forward_off_by_1_percent(parameters, X):
    AL, caches = _forward_layers(parameters, X, "relu", "sigmoid")
    return 1.01 * AL, caches


def model_forward_drops_last_cache(parameters, X):
    AL, caches = _forward_layers(parameters, X, "relu", "sigmoid")
    return AL, caches[:-1]


def model_forward_flat_cache(parameters, X):
    AL, caches = _forward_layers(parameters, X, "relu", "sigmoid")
    return AL, [(A, W, b, Z) for (A, W, b), Z in caches]


def linear_backward_no_1_over_m(dZ, linear_cache):
    A_prev, W, _ = linear_cache
    return W.T @ dZ, dZ @ A_prev.T, np.sum(dZ, axis=1, keepdims=True)


def linear_backward_sign(dZ, linear_cache):
    dA_prev, dW, db = linear_backward(dZ, linear_cache)
    return dA_prev, -dW, -db


def linear_backward_dW_transposed(dZ, linear_cache):
    dA_prev, dW, db = linear_backward(dZ, linear_cache)
    return dA_prev, dW.T, db


def linear_backward_db_rank_1(dZ, linear_cache):
    dA_prev, dW, db = linear_backward(dZ, linear_cache)
    return dA_prev, dW, db.ravel()


def linear_backward_off_by_1_percent(dZ, linear_cache):
    dA_prev, dW, db = linear_backward(dZ, linear_cache)
    return 1.01 * dA_prev, dW, db


def activation_backward_uses_g(dA, activation_cache, activation):
    return dA * ACTIVATIONS[activation](activation_cache)


def activation_backward_no_dA(dA, activation_cache, activation):
    return DERIVATIVES[activation](activation_cache)


def activation_backward_sign(dA, activation_cache, activation):
    return -activation_backward(dA, activation_cache, activation)


def activation_backward_off_by_1_percent(dA, activation_cache, activation):
    return 1.01 * activation_backward(dA, activation_cache, activation)


def activation_backward_transposed(dA, activation_cache, activation):
    return activation_backward(dA, activation_cache, activation).T


def model_backward_no_1_over_m(AL, Y, caches):
    m = AL.shape[1]
    return {key: value * m for key, value in model_backward(AL, Y, caches).items()}


def model_backward_sign(AL, Y, caches):
    return {key: -value for key, value in model_backward(AL, Y, caches).items()}


def model_backward_off_by_1_percent(AL, Y, caches):
    grads = model_backward(AL, Y, caches)
    return {**grads, "dW1": 1.01 * grads["dW1"]}


def model_backward_missing_layer_1(AL, Y, caches):
    grads = model_backward(AL, Y, caches)
    return {key: value for key, value in grads.items() if not key.endswith("1")}


def model_backward_transposed(AL, Y, caches):
    grads = model_backward(AL, Y, caches)
    return {**grads, "dW2": grads["dW2"].T}


PLANTED.update(
    {
        "linear_forward": [
            (linear_forward_no_b, "b is missing"),
            (linear_forward_transposed, "transposed"),
            (linear_forward_off_by_1_percent, "1.01 times"),
            (linear_forward_cache_order, "linear_cache's A_prev"),
            (linear_forward_no_cache, "should return (Z, linear_cache)"),
        ],
        "activation_forward": [
            (activation_forward_swapped, "these are the values of tanh"),
            (activation_forward_caches_A, "the cache should hold Z"),
            (activation_forward_relu_wrong, "largest difference"),
            (activation_forward_off_by_1_percent, "1.01 times"),
            (activation_forward_rank_1, "did you flatten"),
        ],
        "model_forward": [
            (model_forward_sigmoid_hidden, "use ReLU"),
            (model_forward_relu_output, "not ReLU"),
            (model_forward_off_by_1_percent, "1.01 times"),
            (model_forward_drops_last_cache, "one cache per layer"),
            (model_forward_flat_cache, "((A_prev, W, b), Z)"),
        ],
        "linear_backward": [
            (linear_backward_no_1_over_m, "did you divide by m?"),
            (linear_backward_sign, "wrong sign"),
            (linear_backward_dW_transposed, "transposed"),
            (linear_backward_db_rank_1, "rank-1"),
            (linear_backward_off_by_1_percent, "1.01 times"),
        ],
        "activation_backward": [
            (activation_backward_uses_g, "derivative g'(Z)"),
            (activation_backward_no_dA, "multiply it, elementwise, by dA"),
            (activation_backward_sign, "wrong sign"),
            (activation_backward_off_by_1_percent, "1.01 times"),
            (activation_backward_transposed, "transposed"),
        ],
        "model_backward": [
            (model_backward_no_1_over_m, "did you divide by m?"),
            (model_backward_sign, "wrong sign"),
            (model_backward_off_by_1_percent, "1.01 times"),
            (model_backward_missing_layer_1, "keys"),
            (model_backward_transposed, "transposed"),
        ],
    }
)


# ---- Course 2, Week 1: planted mistakes ---------------------------------------------


def l2_cost_with_b(parameters, m, l2):
    return l2 / (2 * m) * sum(float(np.sum(value**2)) for value in parameters.values())


def l2_cost_no_half(parameters, m, l2):
    return 2 * l2_cost(parameters, m, l2)


def l2_cost_no_m(parameters, m, l2):
    return m * l2_cost(parameters, m, l2)


def l2_cost_sign(parameters, m, l2):
    return -l2_cost(parameters, m, l2)


def l2_cost_off_by_1_percent(parameters, m, l2):
    return 1.01 * l2_cost(parameters, m, l2)


def l2_gradient_half(W, m, l2):
    return l2 / (2 * m) * W


def l2_gradient_no_m(W, m, l2):
    return l2 * W


def l2_gradient_sign(W, m, l2):
    return -l2 / m * W


def l2_gradient_transposed(W, m, l2):
    return (l2 / m * W).T


def l2_gradient_off_by_1_percent(W, m, l2):
    return 1.01 * l2 / m * W


def dropout_no_rescale(A, keep_prob, rng):
    mask = rng.random(A.shape) < keep_prob
    return A * mask, mask


def dropout_multiplies(A, keep_prob, rng):
    mask = rng.random(A.shape) < keep_prob
    return A * mask * keep_prob, mask


def dropout_inverted_mask(A, keep_prob, rng):
    mask = rng.random(A.shape) >= keep_prob
    return A * mask / keep_prob, mask


def dropout_other_random_numbers(A, keep_prob, rng):
    mask = np.random.default_rng(12345).random(A.shape) < keep_prob
    return A * mask / keep_prob, mask


def dropout_returns_one(A, keep_prob, rng):
    return apply_dropout(A, keep_prob, rng)[0]


def dropout_off_by_1_percent(A, keep_prob, rng):
    A_dropped, mask = apply_dropout(A, keep_prob, rng)
    return 1.01 * A_dropped, mask


def dropout_backward_no_division(dA, mask, keep_prob):
    return dA * mask


def dropout_backward_multiplies(dA, mask, keep_prob):
    return dA * mask * keep_prob


def dropout_backward_fresh_mask(dA, mask, keep_prob):
    fresh = np.random.default_rng(0).random(dA.shape) < keep_prob
    return dA * fresh / keep_prob


def dropout_backward_no_mask(dA, mask, keep_prob):
    return dA / keep_prob


def dropout_backward_inverted_mask(dA, mask, keep_prob):
    return dA * ~mask / keep_prob


def dropout_backward_sign(dA, mask, keep_prob):
    return -dropout_backward(dA, mask, keep_prob)


def dropout_backward_off_by_1_percent(dA, mask, keep_prob):
    return 1.01 * dropout_backward(dA, mask, keep_prob)


def two_sided_one_sided(cost, theta, epsilon):
    approx = np.zeros_like(theta)
    for index in np.ndindex(theta.shape):
        nudged = theta.copy()
        nudged[index] += epsilon
        approx[index] = (cost(nudged) - cost(theta)) / epsilon
    return approx


def two_sided_no_2(cost, theta, epsilon):
    return 2 * two_sided_difference(cost, theta, epsilon)


def two_sided_not_restored_in_place(cost, theta, epsilon):
    approx = np.zeros_like(theta)
    for index in np.ndindex(theta.shape):
        theta[index] += epsilon
        J_plus = cost(theta)
        theta[index] -= 2 * epsilon
        approx[index] = (J_plus - cost(theta)) / (2 * epsilon)
    return approx


def two_sided_not_restored_on_a_copy(cost, theta, epsilon):
    return two_sided_not_restored_in_place(cost, theta.copy(), epsilon)


def two_sided_fixed_epsilon(cost, theta, epsilon):
    return two_sided_difference(cost, theta, 1e-7)


def two_sided_sign(cost, theta, epsilon):
    return -two_sided_difference(cost, theta, epsilon)


def two_sided_flattened(cost, theta, epsilon):
    return two_sided_difference(cost, theta, epsilon).ravel()


def two_sided_off_by_1_percent(cost, theta, epsilon):
    return 1.01 * two_sided_difference(cost, theta, epsilon)


def relative_squared_norms(grad, grad_approx):
    return float(np.sum((grad - grad_approx) ** 2) / (np.sum(grad**2) + np.sum(grad_approx**2)))


def relative_no_denominator(grad, grad_approx):
    return float(np.linalg.norm(grad - grad_approx))


def relative_norm_of_the_sum(grad, grad_approx):
    return float(np.linalg.norm(grad - grad_approx) / np.linalg.norm(grad + grad_approx))


def relative_one_norm_below(grad, grad_approx):
    return float(np.linalg.norm(grad - grad_approx) / np.linalg.norm(grad))


def relative_entry_by_entry(grad, grad_approx):
    return np.abs(grad - grad_approx) / (np.abs(grad) + np.abs(grad_approx))


def relative_off_by_1_percent(grad, grad_approx):
    return 1.01 * relative_difference(grad, grad_approx)


PLANTED.update(
    {
        "l2_cost": [
            (l2_cost_with_b, "not b"),
            (l2_cost_no_half, "lambda / (2 m)"),
            (l2_cost_no_m, "did you divide by m?"),
            (l2_cost_sign, "wrong sign"),
            (l2_cost_off_by_1_percent, "1.01 times"),
        ],
        "l2_gradient": [
            (l2_gradient_half, "the derivative of W**2 is 2 W"),
            (l2_gradient_no_m, "did you divide by m?"),
            (l2_gradient_sign, "wrong sign"),
            (l2_gradient_transposed, "transposed"),
            (l2_gradient_off_by_1_percent, "1.01 times"),
        ],
        "apply_dropout": [
            (dropout_no_rescale, "divided by keep_prob"),
            (dropout_multiplies, "do not multiply"),
            (dropout_inverted_mask, "you kept the units the reference drops"),
            (dropout_other_random_numbers, "draw the mask from the rng argument"),
            (dropout_returns_one, "should return (A_dropped, mask)"),
            (dropout_off_by_1_percent, "1.01 times"),
        ],
        "dropout_backward": [
            (dropout_backward_no_division, "you forgot to divide by keep_prob"),
            (dropout_backward_multiplies, "do not multiply"),
            (dropout_backward_fresh_mask, "not a fresh mask"),
            (dropout_backward_no_mask, "multiply by the mask"),
            (dropout_backward_inverted_mask, "True where the unit was kept"),
            (dropout_backward_sign, "wrong sign"),
            (dropout_backward_off_by_1_percent, "1.01 times"),
        ],
        "two_sided_difference": [
            (two_sided_one_sided, "that is a one-sided difference"),
            (two_sided_no_2, "divide by 2 eps"),
            (two_sided_not_restored_in_place, "your function left theta changed"),
            (two_sided_not_restored_on_a_copy, "put each entry back"),
            (two_sided_fixed_epsilon, "use the epsilon argument"),
            (two_sided_sign, "wrong sign"),
            (two_sided_flattened, "did you flatten"),
            (two_sided_off_by_1_percent, "1.01 times"),
        ],
        "relative_difference": [
            (relative_squared_norms, "you used squared norms"),
            (relative_no_denominator, "divide by ||grad|| + ||grad_approx||"),
            (relative_norm_of_the_sum, "not the norm of the sum"),
            (relative_one_norm_below, "the denominator holds both norms"),
            (relative_entry_by_entry, "should be one number"),
            (relative_off_by_1_percent, "1.01 times"),
        ],
    }
)
CASES = [(name, wrong, words) for name, cases in PLANTED.items() for wrong, words in cases]


def test_every_exercise_has_planted_mistakes():
    assert list(PLANTED) == list_exercises()
    assert all(len(cases) >= 5 for cases in PLANTED.values())


@pytest.mark.parametrize("name", list_exercises())
def test_the_reference_passes_its_own_check(name, capsys):
    assert check(name, solution(name)) is True
    printed = capsys.readouterr().out
    assert printed.startswith(f"✓ {name}: all ")
    assert "checks passed" in printed


@pytest.mark.parametrize(
    ("name", "wrong", "words"), CASES, ids=[f"{n}-{w.__name__}" for n, w, _ in CASES]
)
def test_a_planted_mistake_fails_with_a_message_that_names_it(name, wrong, words, capsys):
    assert check(name, wrong) is False
    printed = capsys.readouterr().out
    assert printed.startswith(f"✗ {name}: ")
    assert words in printed, printed


def test_the_message_shows_the_input_the_expected_and_the_returned_values(capsys):
    check("propagate", propagate_no_1_over_m)
    printed = capsys.readouterr().out
    assert "input:" in printed
    assert "X = [[" in printed
    assert "expected dw = " in printed
    assert "got      dw = " in printed
    assert "every value is m = 3 times too large" in printed


def test_a_stub_is_named_as_a_stub(capsys):
    def sigmoid(z):
        raise NotImplementedError

    assert check("sigmoid", sigmoid) is False
    assert "still the stub" in capsys.readouterr().out


def test_the_site_build_flag_checks_the_reference_and_says_so(monkeypatch, capsys):
    monkeypatch.setenv(USE_REFERENCE_VARIABLE, "1")
    assert check("propagate", propagate_no_1_over_m) is True
    *note, verdict = capsys.readouterr().out.splitlines()
    assert note == ["Site build: checked the package's", "own solution, not the cell above."]
    assert verdict.startswith("✓ propagate: all ")


def test_initialize_with_zeros_returns_a_zero_column_and_a_float():
    w, b = initialize_with_zeros(3)
    assert w.shape == (3, 1)
    assert not w.any()
    assert b == 0.0
    assert isinstance(b, float)
    with pytest.raises(ValueError, match="dim must be a whole number"):
        initialize_with_zeros(0)


def test_bad_arguments_name_the_argument():
    with pytest.raises(ValueError, match="name must be one of"):
        check("sigmod", good_sigmoid)
    with pytest.raises(TypeError, match="function must be your function"):
        check("sigmoid", good_sigmoid(0.0))
    with pytest.raises(ValueError, match="week must be one of"):
        list_exercises("Week 9")


def test_exercises_by_week():
    week_2 = list_exercises("Neural Networks and Deep Learning, Week 2")
    assert week_2 == ["sigmoid", "initialize_with_zeros", "propagate", "optimize", "predict"]
    assert solution("backward_propagation") is backward_propagation


def test_under_the_site_build_flag_a_failing_reference_fails_loudly(monkeypatch):
    from coursecode import exercises

    broken = exercises._EXERCISES["sigmoid"]._replace(reference=sigmoid_flipped)
    monkeypatch.setitem(exercises._EXERCISES, "sigmoid", broken)
    monkeypatch.setenv(USE_REFERENCE_VARIABLE, "1")
    with pytest.raises(RuntimeError, match="reference solution of 'sigmoid' fails"):
        check("sigmoid", good_sigmoid)


# ---- The exercise notebooks ----------------------------------------------------------

EXERCISE_NOTEBOOKS = {
    "neural-networks-and-deep-learning/week-2/exercises/logistic-regression-exercises.ipynb": (
        "Neural Networks and Deep Learning, Week 2"
    ),
    "neural-networks-and-deep-learning/week-3/exercises/one-hidden-layer-exercises.ipynb": (
        "Neural Networks and Deep Learning, Week 3"
    ),
    "neural-networks-and-deep-learning/week-4/exercises/deep-network-exercises.ipynb": (
        "Neural Networks and Deep Learning, Week 4"
    ),
    "improving-deep-neural-networks/week-1/exercises/regularization-exercises.ipynb": (
        "Improving Deep Neural Networks, Week 1"
    ),
}


def _run_notebook(relative_path: str) -> list[str]:
    """Execute a notebook in the build's kernel; return the text each check cell printed."""
    import nbformat
    from nbclient import NotebookClient

    path = Path(__file__).resolve().parents[1] / "docs" / relative_path
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, kernel_name="coursecode", timeout=120, allow_errors=False).execute()
    return [
        "".join(output.get("text", "") for output in cell.outputs)
        for cell in notebook.cells
        if cell.cell_type == "code" and cell.source.startswith("check(")
    ]


@pytest.mark.parametrize("relative_path", list(EXERCISE_NOTEBOOKS))
def test_an_exercise_notebook_checks_every_exercise_of_its_week_once(relative_path):
    import nbformat

    path = Path(__file__).resolve().parents[1] / "docs" / relative_path
    notebook = nbformat.read(path, as_version=4)
    checked = [
        cell.source.split('"')[1]
        for cell in notebook.cells
        if cell.cell_type == "code" and cell.source.startswith("check(")
    ]
    assert checked == list_exercises(EXERCISE_NOTEBOOKS[relative_path])
    stubs = [
        cell.source
        for cell in notebook.cells
        if cell.cell_type == "code" and "raise NotImplementedError" in cell.source
    ]
    assert len(stubs) == len(checked), "every exercise starts from a stub"


@pytest.mark.parametrize("relative_path", list(EXERCISE_NOTEBOOKS))
def test_with_the_build_flag_the_notebook_checks_the_references_and_says_so(
    relative_path, monkeypatch
):
    monkeypatch.setenv(USE_REFERENCE_VARIABLE, "1")
    for printed in _run_notebook(relative_path):
        *note, verdict = printed.splitlines()
        assert note == ["Site build: checked the package's", "own solution, not the cell above."]
        assert verdict.startswith("✓ "), printed


@pytest.mark.parametrize("relative_path", list(EXERCISE_NOTEBOOKS))
def test_without_the_flag_the_notebook_reports_the_stubs_as_unfinished(relative_path):
    for printed in _run_notebook(relative_path):
        assert printed.startswith("✗ "), printed
        assert "still the stub" in printed
