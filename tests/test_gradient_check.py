"""coursecode.gradient_check (Course 2, Week 1): backpropagation with L2 regularization and
dropout agrees with two-sided differences, and planted bugs in a backward pass are caught and
located."""

import numpy as np
import pytest

from coursecode import GradientCheck, gradient_check, network_cost_and_gradients
from coursecode.activations import ACTIVATIONS
from coursecode.networks.deep import model_forward
from coursecode.networks.gradient_check import relative_difference, verdict_for
from coursecode.networks.regularization import dropout_masks

HIDDEN = sorted(ACTIVATIONS)
KINKED = {"relu", "leaky_relu"}  # no derivative at z = 0
MARGIN = 1e-3  # |z| of every hidden pre-activation at least this far from the kink
FINE = 1e-7  # the lesson's threshold for "fine"
# One parameter alone can have a tiny gradient (b1 of a deep sigmoid network), where the
# rounding error of J(theta + eps) - J(theta - eps), about 1e-16 J / eps, is a larger share:
# up to 2e-6 seen. The lesson's verdict is on the difference over all parameters.
PER_PARAMETER = 1e-5
WRONG = 1e-3  # the lesson's threshold for "almost certainly wrong"
MASK_SEED = 7


def hidden_pre_activations(parameters, X, hidden, keep_prob=1.0):
    """Z[1], ..., Z[L-1]; with dropout, under the masks a generator seeded MASK_SEED draws."""
    masks = None
    if keep_prob < 1:
        L = len(parameters) // 2
        shapes = [(parameters[f"W{l}"].shape[0], X.shape[1]) for l in range(1, L)]
        masks = dropout_masks(shapes, keep_prob, np.random.default_rng(MASK_SEED))
    _, caches = model_forward(
        parameters, X, hidden_activation=hidden, keep_prob=keep_prob, masks=masks
    )
    return [Z for _, Z in caches[:-1]]


def draw_network(depth, hidden, seed, keep_prob=1.0):
    """Random layer sizes (1 to 5 units), parameters, X and Y for an L = depth network.

    For ReLU-like activations, draws again until no hidden pre-activation is within MARGIN
    of 0 (under the dropout masks too); nudges of 1e-7 then cross no kink, which
    ``kink_guard`` verifies on every evaluation.
    """
    rng = np.random.default_rng(seed)
    while True:
        layer_dims = [int(n) for n in rng.integers(1, 6, size=depth)] + [1]
        m = int(rng.integers(2, 9))
        parameters = {}
        for l in range(1, depth + 1):
            n, n_prev = layer_dims[l], layer_dims[l - 1]
            parameters[f"W{l}"] = rng.standard_normal((n, n_prev)) / np.sqrt(n_prev)
            parameters[f"b{l}"] = 0.5 * rng.standard_normal((n, 1))
        X = rng.standard_normal((layer_dims[0], m))
        Y = rng.integers(0, 2, size=(1, m))
        Zs = hidden_pre_activations(parameters, X, hidden, keep_prob)
        if hidden not in KINKED or all(np.abs(Z).min() > MARGIN for Z in Zs):
            return parameters, X, Y


def kink_guard(cost_and_gradients, parameters, X, hidden, keep_prob=1.0):
    """cost_and_gradients, checking first that no hidden z changed sign (so the check is valid)."""
    if hidden not in KINKED:
        return cost_and_gradients
    signs = [np.sign(Z) for Z in hidden_pre_activations(parameters, X, hidden, keep_prob)]

    def guarded(p):
        for Z, sign in zip(hidden_pre_activations(p, X, hidden, keep_prob), signs, strict=True):
            np.testing.assert_array_equal(np.sign(Z), sign)
        return cost_and_gradients(p)

    return guarded


largest = {"l2": 0.0, "dropout": 0.0, "both": 0.0}  # for the report


@pytest.mark.parametrize("seed", [0, 1])
@pytest.mark.parametrize("hidden", HIDDEN)
@pytest.mark.parametrize("depth", [1, 2, 3, 4])
def test_backpropagation_with_l2_passes_the_check(depth, hidden, seed):
    parameters, X, Y = draw_network(depth, hidden, seed=10 * depth + seed)
    l2 = 0.7

    def cost_and_gradients(p):
        return network_cost_and_gradients(p, X, Y, hidden_activation=hidden, l2=l2)

    check = gradient_check(kink_guard(cost_and_gradients, parameters, X, hidden), parameters)
    largest["l2"] = max(largest["l2"], check.difference)
    assert check.difference < FINE
    assert max(check.per_parameter.values()) < PER_PARAMETER
    assert check.verdict == "fine"
    # The check saw the penalty: without it, the same gradient disagrees with the cost.
    _, unregularized = network_cost_and_gradients(parameters, X, Y, hidden_activation=hidden)
    _, regularized = cost_and_gradients(parameters)
    assert not np.allclose(unregularized["dW1"], regularized["dW1"])


@pytest.mark.parametrize("seed", [0, 1])
@pytest.mark.parametrize("hidden", HIDDEN)
@pytest.mark.parametrize("depth", [2, 3, 4])
@pytest.mark.parametrize(("keep_prob", "l2", "kind"), [(0.8, 0.0, "dropout"), (0.6, 0.3, "both")])
def test_backpropagation_with_dropout_passes_the_check_with_the_masks_held_fixed(
    depth, hidden, seed, keep_prob, l2, kind
):
    parameters, X, Y = draw_network(depth, hidden, seed=20 * depth + seed, keep_prob=keep_prob)

    def cost_and_gradients(p):  # a fresh generator with the same seed: the same masks
        return network_cost_and_gradients(
            p,
            X,
            Y,
            hidden_activation=hidden,
            l2=l2,
            keep_prob=keep_prob,
            rng=np.random.default_rng(MASK_SEED),
        )

    guarded = kink_guard(cost_and_gradients, parameters, X, hidden, keep_prob)
    check = gradient_check(guarded, parameters)
    largest[kind] = max(largest[kind], check.difference)
    assert check.difference < FINE
    assert max(check.per_parameter.values()) < PER_PARAMETER


def test_dropout_with_fresh_masks_on_every_evaluation_fails_the_check():
    # Why the masks must be held fixed: one shared generator draws new masks for every
    # nudged cost, and the differences then measure the noise, not the gradient.
    parameters, X, Y = draw_network(3, "tanh", seed=3)
    rng = np.random.default_rng(MASK_SEED)
    check = gradient_check(
        lambda p: network_cost_and_gradients(
            p, X, Y, hidden_activation="tanh", keep_prob=0.5, rng=rng
        ),
        parameters,
    )
    assert check.difference > WRONG


# --- planted bugs ----------------------------------------------------------------------------


def planted(bug, X, Y):
    """network_cost_and_gradients of a tanh network with one gradient corrupted by ``bug``."""

    def cost_and_gradients(p):
        cost, grads = network_cost_and_gradients(p, X, Y, hidden_activation="tanh", l2=0.1)
        bug(grads)
        return cost, grads

    return cost_and_gradients


def flip_db2(grads):
    grads["db2"] = -grads["db2"]  # a wrong sign in one db


def planted_network():
    rng = np.random.default_rng(42)
    layer_dims, m = [4, 5, 3, 1], 12
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters[f"W{l}"] = rng.standard_normal((layer_dims[l], layer_dims[l - 1]))
        parameters[f"b{l}"] = rng.standard_normal((layer_dims[l], 1))
    X = rng.standard_normal((layer_dims[0], m))
    Y = rng.integers(0, 2, size=(1, m))
    return parameters, X, Y


def test_a_wrong_sign_in_db2_is_caught_and_located():
    parameters, X, Y = planted_network()
    check = gradient_check(planted(flip_db2, X, Y), parameters)
    assert check.difference > WRONG
    assert check.verdict == "almost certainly wrong"
    assert check.worst == "b2"
    # g_approx is close to the true db2 and g is its negative: ||-g - g|| / (2 ||g||) = 1.
    assert check.per_parameter["b2"] == pytest.approx(1.0, abs=1e-6)
    assert all(value < FINE for name, value in check.per_parameter.items() if name != "b2")
    text = repr(check)
    assert "almost certainly wrong" in text
    assert "worst parameter b2" in text


def test_a_missing_one_over_m_in_dw1_is_caught_and_located():
    parameters, X, Y = planted_network()
    m = X.shape[1]

    def forget_one_over_m(grads):
        # The data part of dW1 is dZ1 A0^T / m; the penalty part is l2 / m W1. Dropping the
        # first 1/m multiplies the data part by m.
        penalty = 0.1 / m * parameters["W1"]
        grads["dW1"] = (grads["dW1"] - penalty) * m + penalty

    check = gradient_check(planted(forget_one_over_m, X, Y), parameters)
    assert check.difference > WRONG
    assert check.worst == "W1"
    assert "worst parameter W1" in repr(check)
    assert "almost certainly wrong" in repr(check)
    assert all(value < FINE for name, value in check.per_parameter.items() if name != "W1")
    # Without the penalty the difference would be (m - 1) / (m + 1) exactly; with it, a bit
    # less, and still far above the threshold.
    assert 0.5 < check.per_parameter["W1"] < (m - 1) / (m + 1)


def test_the_check_leaves_the_parameters_unchanged_and_uses_two_sided_differences():
    # J(theta) = sum(theta^3) / 3 per entry has gradient theta^2. A one-sided difference is
    # off by about epsilon * theta; the two-sided one by epsilon^2 / 3.
    parameters = {"W1": np.array([[1.0, -2.0, 3.0]]), "b1": np.array([[0.5]])}
    before = {key: value.copy() for key, value in parameters.items()}

    def cubic(p):
        cost = sum(float(np.sum(value**3)) / 3 for value in p.values())
        return cost, {"dW1": p["W1"] ** 2, "db1": p["b1"] ** 2}

    check = gradient_check(cubic, parameters, epsilon=1e-3)
    for key in parameters:
        np.testing.assert_array_equal(parameters[key], before[key])
    # Each approximate entry is theta^2 + epsilon^2 / 3; the relative difference follows.
    g = np.array([1.0, 4.0, 9.0, 0.25])
    g_approx = g + 1e-6 / 3
    expected = np.linalg.norm(g_approx - g) / (np.linalg.norm(g) + np.linalg.norm(g_approx))
    assert check.difference == pytest.approx(expected, rel=1e-3)


# --- the report --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("difference", "words"),
    [
        (1e-12, "fine"),
        (9.9e-8, "fine"),
        (1e-7, "look closer"),
        (1e-6, "look closer"),
        (1e-4, "look closer: probably a bug"),
        (1.1e-3, "almost certainly wrong"),
        (1.0, "almost certainly wrong"),
    ],
)
def test_the_verdict_follows_the_lessons_thresholds(difference, words):
    assert verdict_for(difference) == words
    check = GradientCheck(
        difference=difference, per_parameter={"W1": difference / 10, "b1": difference}
    )
    assert check.verdict == words
    assert repr(check).startswith(f"GradientCheck(difference={difference:.3g}: {words}; ")
    assert repr(check).endswith(f"worst parameter b1 with {difference:.3g})")


def test_relative_difference_by_hand():
    assert relative_difference([3.0, 4.0], [3.0, 4.0]) == 0.0
    # ||(0, 1)|| / (||(3, 4)|| + ||(3, 3)||) = 1 / (5 + 3 sqrt 2)
    assert relative_difference([3.0, 4.0], [3.0, 3.0]) == pytest.approx(1 / (5 + 3 * np.sqrt(2)))
    assert relative_difference(np.zeros(3), np.zeros(3)) == 0.0  # no 0 / 0 warning
    with pytest.raises(ValueError, match=r"same number of entries; got 2 and 3"):
        relative_difference([1.0, 2.0], [1.0, 2.0, 3.0])


# --- bad input ---------------------------------------------------------------------------------


def small_network():
    return {"W1": np.array([[1.0, -1.0]]), "b1": np.array([[0.0]])}


X_SMALL, Y_SMALL = np.array([[1.0, 2.0], [0.5, -1.0]]), np.array([[1, 0]])


def good(p):
    return network_cost_and_gradients(p, X_SMALL, Y_SMALL)


@pytest.mark.parametrize(
    ("cost_and_gradients", "epsilon", "error", "message"),
    [
        (good, 0.0, ValueError, r"epsilon must be a finite number greater than 0, got 0.0"),
        (good, -1e-7, ValueError, r"epsilon must be a finite number greater than 0, got -1e-07"),
        (good, "1e-7", TypeError, r"epsilon must be a real number, got str"),
        (lambda p: good(p)[0], 1e-7, TypeError, r"must return a pair \(cost, grads\); got float"),
        (lambda p: (np.nan, good(p)[1]), 1e-7, ValueError, r"the cost must be finite, got nan"),
        (lambda p: ("1", good(p)[1]), 1e-7, TypeError, r"the cost must be a real number, got str"),
        (
            lambda p: (good(p)[0], {"dW1": good(p)[1]["dW1"]}),
            1e-7,
            ValueError,
            r"grads is missing 'db1', the gradient of 'b1'",
        ),
        (
            lambda p: (good(p)[0], {**good(p)[1], "dW1": np.zeros((2, 1))}),
            1e-7,
            ValueError,
            r"grads\['dW1'\] must have the shape of parameters\['W1'\], \(1, 2\); "
            r"got shape \(2, 1\)",
        ),
    ],
)
def test_bad_input_is_rejected(cost_and_gradients, epsilon, error, message):
    with pytest.raises(error, match=message):
        gradient_check(cost_and_gradients, small_network(), epsilon=epsilon)


def test_bad_parameters_are_rejected():
    with pytest.raises(ValueError, match=r"missing 'b1'"):
        gradient_check(good, {"W1": np.ones((1, 2))})
