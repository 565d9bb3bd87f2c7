"""L2 regularization and inverted dropout (Course 2, Week 1): the penalty and its gradient by
hand, weight decay, the expected value kept by the 1/keep_prob scaling, the masks (order,
reproducibility, the generator left alone without dropout), deterministic predictions, and
bad input."""

import numpy as np
import pytest

from coursecode import network_cost_and_gradients, predict_network, train_network
from coursecode.activations import ACTIVATIONS
from coursecode.networks.cost import network_cost
from coursecode.networks.deep import model_backward, model_forward
from coursecode.networks.parameters import initialize_parameters, update_parameters
from coursecode.networks.regularization import (
    apply_dropout,
    dropout_backward,
    dropout_masks,
    l2_cost,
    l2_gradient,
)

HIDDEN = sorted(ACTIVATIONS)


def random_network(layer_dims, m, seed):
    rng = np.random.default_rng(seed)
    parameters = initialize_parameters(layer_dims, rng, method="xavier")
    for l in range(1, len(layer_dims)):
        parameters[f"b{l}"] = 0.1 * rng.standard_normal((layer_dims[l], 1))
    X = rng.standard_normal((layer_dims[0], m))
    Y = rng.integers(0, 2, size=(1, m))
    return parameters, X, Y


def state(rng):
    return rng.bit_generator.state


# --- L2 --------------------------------------------------------------------------------------


def test_l2_cost_is_the_sum_of_squared_frobenius_norms_of_the_weights_only():
    parameters, _, _ = random_network([4, 3, 2, 1], m=5, seed=0)
    parameters["b2"] = np.full((2, 1), 100.0)  # biases are not penalized
    norms = sum(np.linalg.norm(parameters[f"W{l}"], "fro") ** 2 for l in (1, 2, 3))
    assert l2_cost(parameters, m=50, l2=0.3) == pytest.approx(0.3 / 100 * norms, rel=1e-14)
    assert l2_cost(parameters, m=50, l2=0.0) == 0.0


def test_l2_gradient_by_hand():
    np.testing.assert_allclose(
        l2_gradient([[2.0, -4.0], [0.0, 1.0]], m=8, l2=4.0), [[1.0, -2.0], [0.0, 0.5]]
    )


@pytest.mark.parametrize("hidden", HIDDEN)
def test_l2_adds_the_penalty_to_the_cost_and_lambda_over_m_w_to_every_dw(hidden):
    parameters, X, Y = random_network([3, 4, 2, 1], m=6, seed=1)
    l2, m = 0.9, 6
    cost, grads = network_cost_and_gradients(parameters, X, Y, hidden_activation=hidden)
    cost_l2, grads_l2 = network_cost_and_gradients(
        parameters, X, Y, hidden_activation=hidden, l2=l2
    )
    penalty = l2 / (2 * m) * sum(np.sum(parameters[f"W{l}"] ** 2) for l in (1, 2, 3))
    assert cost_l2 == pytest.approx(cost + penalty, rel=1e-14)
    for l in (1, 2, 3):
        np.testing.assert_allclose(
            grads_l2[f"dW{l}"], grads[f"dW{l}"] + l2 / m * parameters[f"W{l}"], rtol=1e-13
        )
        np.testing.assert_array_equal(grads_l2[f"db{l}"], grads[f"db{l}"])


def test_l2_zero_changes_nothing():
    parameters, X, Y = random_network([3, 4, 1], m=6, seed=2)
    cost, grads = network_cost_and_gradients(parameters, X, Y)
    cost_0, grads_0 = network_cost_and_gradients(parameters, X, Y, l2=0.0)
    assert cost_0 == cost
    for key in grads:
        np.testing.assert_array_equal(grads_0[key], grads[key])


def test_an_l2_step_is_weight_decay_then_the_usual_step():
    # W - alpha (dW + lambda/m W) = (1 - alpha lambda / m) W - alpha dW
    parameters, X, Y = random_network([3, 4, 1], m=10, seed=3)
    alpha, l2, m = 0.5, 2.0, 10
    _, grads = network_cost_and_gradients(parameters, X, Y)
    _, grads_l2 = network_cost_and_gradients(parameters, X, Y, l2=l2)
    stepped = update_parameters(parameters, grads_l2, alpha)
    for l in (1, 2):
        decayed = (1 - alpha * l2 / m) * parameters[f"W{l}"] - alpha * grads[f"dW{l}"]
        np.testing.assert_allclose(stepped[f"W{l}"], decayed, rtol=1e-12, atol=1e-15)


def test_training_with_l2_ends_with_smaller_weights():
    parameters, X, Y = random_network([2, 8, 8, 1], m=40, seed=4)
    settings = {"learning_rate": 0.5, "num_iterations": 300, "hidden_activation": "tanh"}
    free = train_network(parameters, X, Y, **settings).parameters
    shrunk = train_network(parameters, X, Y, l2=2.0, **settings).parameters

    def squared_norm(p):
        return sum(np.sum(p[f"W{l}"] ** 2) for l in (1, 2, 3))

    assert squared_norm(shrunk) < 0.5 * squared_norm(free)


# --- dropout on one layer ----------------------------------------------------------------------


@pytest.mark.parametrize("keep_prob", [0.5, 0.8, 0.95])
@pytest.mark.parametrize("seed", [0, 1])
def test_inverted_dropout_keeps_the_mean_activation_within_four_standard_errors(keep_prob, seed):
    rng = np.random.default_rng(seed)
    A = rng.uniform(0.0, 2.0, size=(500, 2000))  # N = 1e6 entries
    A_dropped, mask = apply_dropout(A, keep_prob, rng)
    N = A.size
    # Given A, each A_dropped entry is A / keep_prob with probability keep_prob, else 0:
    # mean A and variance A^2 (1 - keep_prob) / keep_prob, so the mean of all N has
    # standard error sqrt(sum A^2 (1 - keep_prob) / keep_prob) / N.
    standard_error = np.sqrt(np.sum(A**2) * (1 - keep_prob) / keep_prob) / N
    assert abs(A_dropped.mean() - A.mean()) < 4 * standard_error
    # Without the 1/keep_prob the mean would be keep_prob times smaller: far outside that.
    assert abs((A * mask).mean() - A.mean()) > 100 * standard_error
    # The share of units kept is keep_prob, with standard error sqrt(p (1 - p) / N).
    assert abs(mask.mean() - keep_prob) < 4 * np.sqrt(keep_prob * (1 - keep_prob) / N)
    np.testing.assert_array_equal(A_dropped[~mask], 0.0)
    np.testing.assert_allclose(A_dropped[mask], A[mask] / keep_prob, rtol=1e-15)


def test_apply_dropout_draws_its_mask_as_the_lesson_writes_it():
    A = np.arange(12.0).reshape(3, 4)
    _, mask = apply_dropout(A, 0.7, np.random.default_rng(5))
    np.testing.assert_array_equal(mask, np.random.default_rng(5).random((3, 4)) < 0.7)


def test_keep_prob_one_keeps_every_unit():
    A = np.arange(6.0).reshape(2, 3)
    A_dropped, mask = apply_dropout(A, 1.0, np.random.default_rng(0))
    assert mask.all()
    np.testing.assert_array_equal(A_dropped, A)


# --- dropout in the network ----------------------------------------------------------------------


LAYER_DIMS = [3, 5, 4, 2, 1]  # three hidden layers of different sizes


def test_masks_are_drawn_layer_1_first_and_used_forward_and_backward():
    parameters, X, Y = random_network(LAYER_DIMS, m=7, seed=6)
    keep_prob, m = 0.6, 7
    cost, grads = network_cost_and_gradients(
        parameters, X, Y, keep_prob=keep_prob, rng=np.random.default_rng(11)
    )

    rng = np.random.default_rng(11)  # drawn by hand: D1 first, then D2, then D3
    D = [rng.random((n, m)) < keep_prob for n in LAYER_DIMS[1:-1]]
    AL, caches = model_forward(parameters, X, keep_prob=keep_prob, masks=D)
    # The forward pass hands layer l + 1 the dropped, rescaled activations of layer l.
    for l in (1, 2, 3):
        Z_l = caches[l - 1][1]
        A_l_dropped = caches[l][0][0]
        np.testing.assert_array_equal(A_l_dropped, np.maximum(Z_l, 0) * D[l - 1] / keep_prob)
    assert cost == network_cost(caches[-1][1], Y)
    expected = model_backward(AL, Y, caches, keep_prob=keep_prob, masks=D)
    for key in grads:
        np.testing.assert_array_equal(grads[key], expected[key])

    # In the other order (D3 drawn first) the masks, and so the gradients, differ.
    rng = np.random.default_rng(11)
    reversed_D = [rng.random((n, m)) < keep_prob for n in LAYER_DIMS[-2:0:-1]][::-1]
    AL_r, caches_r = model_forward(parameters, X, keep_prob=keep_prob, masks=reversed_D)
    other = model_backward(AL_r, Y, caches_r, keep_prob=keep_prob, masks=reversed_D)
    assert not np.array_equal(other["dW1"], grads["dW1"])


def test_dropout_masks_matches_apply_dropout_layer_by_layer():
    shapes = [(5, 7), (4, 7)]
    masks = dropout_masks(shapes, 0.8, np.random.default_rng(3))
    rng = np.random.default_rng(3)
    for mask, shape in zip(masks, shapes, strict=True):
        _, expected = apply_dropout(np.ones(shape), 0.8, rng)
        np.testing.assert_array_equal(mask, expected)


def test_units_dropped_in_every_example_get_no_gradient():
    parameters, X, Y = random_network([3, 6, 1], m=4, seed=7)
    D1 = np.ones((6, 4), dtype=bool)
    D1[[1, 4], :] = False  # units 1 and 4 of layer 1 dropped for all 4 examples
    AL, caches = model_forward(parameters, X, hidden_activation="tanh", keep_prob=0.5, masks=[D1])
    grads = model_backward(AL, Y, caches, hidden_activation="tanh", keep_prob=0.5, masks=[D1])
    np.testing.assert_array_equal(grads["dW1"][[1, 4]], 0.0)
    np.testing.assert_array_equal(grads["db1"][[1, 4]], 0.0)
    np.testing.assert_array_equal(grads["dW2"][:, [1, 4]], 0.0)
    assert np.all(grads["dW1"][[0, 2, 3, 5]] != 0)


def test_identically_seeded_generators_give_identical_results():
    parameters, X, Y = random_network(LAYER_DIMS, m=9, seed=8)
    runs = [
        network_cost_and_gradients(
            parameters, X, Y, keep_prob=0.7, l2=0.1, rng=np.random.default_rng(21)
        )
        for _ in range(2)
    ]
    assert runs[0][0] == runs[1][0]
    for key in runs[0][1]:
        np.testing.assert_array_equal(runs[0][1][key], runs[1][1][key])
    other_seed, _ = network_cost_and_gradients(
        parameters, X, Y, keep_prob=0.7, l2=0.1, rng=np.random.default_rng(22)
    )
    assert other_seed != runs[0][0]


def test_keep_prob_one_never_touches_the_generator():
    parameters, X, Y = random_network(LAYER_DIMS, m=9, seed=9)
    rng = np.random.default_rng(5)
    before = state(rng)
    cost, grads = network_cost_and_gradients(parameters, X, Y, keep_prob=1.0, rng=rng)
    result = train_network(
        parameters, X, Y, learning_rate=0.1, num_iterations=3, keep_prob=1.0, rng=rng
    )
    assert state(rng) == before
    cost_plain, grads_plain = network_cost_and_gradients(parameters, X, Y)
    assert cost == cost_plain
    for key in grads:
        np.testing.assert_array_equal(grads[key], grads_plain[key])
    plain = train_network(parameters, X, Y, learning_rate=0.1, num_iterations=3)
    assert result.costs == plain.costs


def test_dropout_draws_from_the_generator_and_advances_it():
    parameters, X, Y = random_network(LAYER_DIMS, m=9, seed=9)
    rng = np.random.default_rng(5)
    before = state(rng)
    network_cost_and_gradients(parameters, X, Y, keep_prob=0.9, rng=rng)
    assert state(rng) != before


def test_train_network_draws_new_masks_every_iteration():
    parameters, X, Y = random_network(LAYER_DIMS, m=9, seed=10)
    result = train_network(
        parameters,
        X,
        Y,
        learning_rate=0.2,
        num_iterations=4,
        l2=0.05,
        keep_prob=0.75,
        rng=np.random.default_rng(13),
    )
    # The same loop by hand, one generator shared by the iterations.
    rng = np.random.default_rng(13)
    current, costs = parameters, []
    for _ in range(4):
        cost, grads = network_cost_and_gradients(current, X, Y, l2=0.05, keep_prob=0.75, rng=rng)
        current = update_parameters(current, grads, 0.2)
        costs.append(cost)
    assert result.costs == costs
    for key in current:
        np.testing.assert_array_equal(result.parameters[key], current[key])
    # Had each iteration reused the first masks, the run would differ.
    frozen, reused = parameters, []
    for _ in range(4):
        cost, grads = network_cost_and_gradients(
            frozen, X, Y, l2=0.05, keep_prob=0.75, rng=np.random.default_rng(13)
        )
        frozen = update_parameters(frozen, grads, 0.2)
        reused.append(cost)
    assert reused[1:] != costs[1:]


def test_predictions_never_drop_units():
    parameters, X, Y = random_network(LAYER_DIMS, m=50, seed=12)
    trained = train_network(
        parameters,
        X,
        Y,
        learning_rate=0.3,
        num_iterations=20,
        keep_prob=0.5,
        rng=np.random.default_rng(0),
    ).parameters
    first = predict_network(trained, X)
    np.testing.assert_array_equal(predict_network(trained, X), first)
    AL, _ = model_forward(trained, X)  # the full network, every unit kept
    np.testing.assert_array_equal(first, (AL > 0.5).astype(int))


# --- bad input -----------------------------------------------------------------------------------

X_BAD = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
Y_BAD = np.array([[0, 1, 1]])
NETWORK = {
    "W1": np.ones((3, 2)),
    "b1": np.zeros((3, 1)),
    "W2": np.ones((1, 3)),
    "b2": np.zeros((1, 1)),
}
RNG = np.random.default_rng(0)

# (keyword arguments, error, message)
BAD_REGULARIZATION = [
    ({"keep_prob": 0.0, "rng": RNG}, ValueError, r"keep_prob must be in \(0, 1\].*got 0.0"),
    ({"keep_prob": 1.5, "rng": RNG}, ValueError, r"keep_prob must be in \(0, 1\].*got 1.5"),
    ({"keep_prob": -0.2, "rng": RNG}, ValueError, r"keep_prob must be in \(0, 1\].*got -0.2"),
    ({"keep_prob": np.nan, "rng": RNG}, ValueError, r"keep_prob must be in \(0, 1\].*got nan"),
    ({"keep_prob": "0.5", "rng": RNG}, TypeError, r"keep_prob must be a probability .*got str"),
    ({"keep_prob": True, "rng": RNG}, TypeError, r"keep_prob must be a probability .*got bool"),
    ({"l2": -0.1}, ValueError, r"l2 \(the regularization strength lambda\) must be .*got -0.1"),
    ({"l2": np.inf}, ValueError, r"l2 .* must be a finite number, 0 or more; got inf"),
    ({"l2": [0.1]}, TypeError, r"l2 .* must be a real number, got list"),
    (
        {"keep_prob": 0.8},
        ValueError,
        r"rng is needed for dropout \(keep_prob = 0.8 < 1 draws random masks\); got rng=None",
    ),
    ({"keep_prob": 0.8, "rng": 0}, TypeError, r"rng must be a numpy random Generator"),
]


@pytest.mark.parametrize(("kwargs", "error", "message"), BAD_REGULARIZATION)
def test_bad_regularization_settings_are_rejected(kwargs, error, message):
    with pytest.raises(error, match=message):
        network_cost_and_gradients(NETWORK, X_BAD, Y_BAD, **kwargs)
    with pytest.raises(error, match=message):  # even before the first iteration
        train_network(NETWORK, X_BAD, Y_BAD, learning_rate=0.1, num_iterations=0, **kwargs)


def test_bad_masks_are_rejected():
    good = [np.ones((3, 3), dtype=bool)]
    with pytest.raises(ValueError, match=r"masks are needed when keep_prob < 1 \(got keep_prob"):
        model_forward(NETWORK, X_BAD, keep_prob=0.5)
    with pytest.raises(ValueError, match=r"masks must be None when keep_prob = 1"):
        model_forward(NETWORK, X_BAD, masks=good)
    with pytest.raises(ValueError, match=r"masks must be a list of L - 1 = 1 masks.*got 2 masks"):
        model_forward(NETWORK, X_BAD, keep_prob=0.5, masks=good * 2)
    with pytest.raises(
        ValueError,
        match=r"masks\[0\] \(D\[1\]\) must be a boolean array of shape \(n\^\[1\], m\) = "
        r"\(3, 3\); got dtype float64 and shape \(3, 3\)",
    ):
        model_forward(NETWORK, X_BAD, keep_prob=0.5, masks=[np.ones((3, 3))])
    AL, caches = model_forward(NETWORK, X_BAD, keep_prob=0.5, masks=good)
    with pytest.raises(ValueError, match=r"masks\[0\] \(D\[1\]\) .* got dtype bool and shape"):
        model_backward(AL, Y_BAD, caches, keep_prob=0.5, masks=[np.ones((3, 2), dtype=bool)])


def test_bad_arguments_to_the_building_blocks_are_rejected():
    with pytest.raises(ValueError, match=r"m must be a whole number of examples, 1 or more"):
        l2_cost(NETWORK, m=0, l2=0.1)
    with pytest.raises(ValueError, match=r"l2 .* got -1.0"):
        l2_gradient(np.ones((2, 2)), m=3, l2=-1.0)
    with pytest.raises(ValueError, match=r"missing 'b2'"):
        l2_cost({"W1": np.ones((1, 2)), "b1": np.zeros((1, 1)), "W2": np.ones((1, 1))}, 3, 0.1)
    with pytest.raises(ValueError, match=r"keep_prob must be in \(0, 1\]"):
        apply_dropout(np.ones((2, 2)), 0.0, RNG)
    with pytest.raises(TypeError, match=r"rng must be a numpy random Generator"):
        dropout_masks([(2, 2)], 0.5, None)


def test_extreme_activations_stay_finite_under_dropout():
    parameters = {
        "W1": np.array([[800.0], [-800.0]]),
        "b1": np.zeros((2, 1)),
        "W2": np.array([[1.0, -1.0]]),
        "b2": np.zeros((1, 1)),
    }
    X, Y = np.array([[1.0, -1.0, 0.5]]), np.array([[0, 1, 1]])
    for hidden in HIDDEN:
        cost, grads = network_cost_and_gradients(
            parameters,
            X,
            Y,
            hidden_activation=hidden,
            keep_prob=0.5,
            l2=1.0,
            rng=np.random.default_rng(1),
        )
        assert np.isfinite(cost)
        assert all(np.isfinite(value).all() for value in grads.values())


# --- dropout_backward ------------------------------------------------------------------------


def test_dropout_backward_by_hand():
    mask = np.array([[True, False], [False, True]])
    dA = np.array([[0.4, 7.0], [-1.0, -0.2]])
    expected = np.array([[0.5, 0.0], [0.0, -0.25]])  # kept entries / 0.8, dropped ones 0
    np.testing.assert_allclose(dropout_backward(dA, mask, 0.8), expected, rtol=1e-15)
    np.testing.assert_allclose(dropout_backward(dA, mask.astype(int), 0.8), expected, rtol=1e-15)


@pytest.mark.parametrize("keep_prob", [0.3, 0.8, 1.0])
def test_dropout_backward_is_the_gradient_of_apply_dropout_for_its_mask(keep_prob):
    """sum(G * apply_dropout(A)) with the mask fixed (a freshly seeded generator each time):
    its two-sided differences in A are dropout_backward(G, mask, keep_prob)."""
    rng = np.random.default_rng(3)
    A, G = rng.standard_normal((3, 4)), rng.standard_normal((3, 4))

    def J(A):
        return float(np.sum(G * apply_dropout(A, keep_prob, np.random.default_rng(9))[0]))

    _, mask = apply_dropout(A, keep_prob, np.random.default_rng(9))
    eps = 1e-6
    slopes = np.zeros_like(A)
    for index in np.ndindex(A.shape):
        nudge = np.zeros_like(A)
        nudge[index] = eps
        slopes[index] = (J(A + nudge) - J(A - nudge)) / (2 * eps)
    np.testing.assert_allclose(dropout_backward(G, mask, keep_prob), slopes, atol=1e-8)


def test_model_backward_with_dropout_equals_the_blocks_by_hand():
    """One hidden ReLU layer: dW1 from dropout_backward on dA1, then the ReLU and linear steps."""
    parameters, X, Y = random_network([3, 4, 1], m=6, seed=4)
    masks = dropout_masks([(4, 6)], 0.6, np.random.default_rng(2))
    AL, caches = model_forward(parameters, X, keep_prob=0.6, masks=masks)
    grads = model_backward(AL, Y, caches, keep_prob=0.6, masks=masks)
    Z1 = parameters["W1"] @ X + parameters["b1"]
    dA1 = parameters["W2"].T @ (AL - Y) / 6
    dZ1 = dA1 * masks[0] / 0.6 * (Z1 > 0)
    np.testing.assert_allclose(grads["dW1"], dZ1 @ X.T, rtol=1e-12, atol=1e-15)


def test_bad_arguments_to_dropout_backward_are_rejected():
    dA = np.ones((2, 3))
    with pytest.raises(ValueError, match=r"mask must have the shape of dA, \(2, 3\).*\(3, 2\)"):
        dropout_backward(dA, np.ones((3, 2), dtype=bool), 0.5)
    with pytest.raises(TypeError, match=r"mask must hold booleans .* dtype float64"):
        dropout_backward(dA, np.full((2, 3), 0.5), 0.5)
    with pytest.raises(ValueError, match=r"keep_prob must be in \(0, 1\]"):
        dropout_backward(dA, np.ones((2, 3), dtype=bool), 1.5)
    with pytest.raises(TypeError, match=r"dA must hold real numbers"):
        dropout_backward(np.array([["a"] * 3] * 2), np.ones((2, 3), dtype=bool), 0.5)
