"""Week 4's deep network: the building blocks and their caches, the shapes of every array, the
one-layer network as logistic regression, training, and a data set a line cannot separate."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from coursecode import (
    NetworkTrainingResult,
    gradient_descent,
    gradients_vectorized,
    network_cost_and_gradients,
    predict,
    predict_network,
    train_network,
)
from coursecode.activations import ACTIVATIONS, sigmoid
from coursecode.core.data import make_petals, make_two_blobs
from coursecode.networks import deep
from coursecode.networks.cost import network_cost
from coursecode.networks.deep import (
    activation_backward,
    activation_forward,
    linear_backward,
    linear_forward,
    model_backward,
    model_forward,
)
from coursecode.networks.parameters import (
    initialize_parameters,
    layer_shapes,
    update_parameters,
)

HIDDEN = sorted(ACTIVATIONS)


def random_network(layer_dims, m, seed):
    rng = np.random.default_rng(seed)
    parameters = initialize_parameters(layer_dims, rng, scale=1.0)
    for l in range(1, len(layer_dims)):
        parameters[f"b{l}"] = rng.standard_normal((layer_dims[l], 1))
    X = rng.standard_normal((layer_dims[0], m))
    Y = rng.integers(0, 2, size=(1, m))
    return parameters, X, Y


# --- the building blocks -------------------------------------------------------------------


def test_linear_forward_and_backward_by_hand():
    A_prev = np.array([[1.0, 2.0, 3.0], [0.0, -1.0, 1.0]])  # n^[l-1] = 2, m = 3
    W = np.array([[2.0, 1.0]])
    b = np.array([[0.5]])
    Z, linear_cache = linear_forward(A_prev, W, b)
    np.testing.assert_array_equal(Z, [[2.5, 3.5, 7.5]])
    assert linear_cache[0] is A_prev
    assert linear_cache[1] is W
    assert linear_cache[2] is b

    dZ = np.array([[0.3, -0.6, 0.9]])
    dA_prev, dW, db = linear_backward(dZ, linear_cache)
    np.testing.assert_allclose(dA_prev, [[0.6, -1.2, 1.8], [0.3, -0.6, 0.9]], rtol=1e-15)
    np.testing.assert_allclose(dW, [[(0.3 - 1.2 + 2.7) / 3, (0.6 + 0.9) / 3]], rtol=1e-15)
    np.testing.assert_allclose(db, [[0.2]], rtol=1e-14)

    # Layer 1 skips dA^[0]; its dW and db are the same numbers.
    skipped, dW_1, db_1 = linear_backward(dZ, linear_cache, need_dA_prev=False)
    assert skipped is None
    np.testing.assert_array_equal(dW_1, dW)
    np.testing.assert_array_equal(db_1, db)


@pytest.mark.parametrize("name", HIDDEN)
def test_activation_forward_caches_z_and_backward_multiplies_by_the_slope(name):
    Z = np.array([[-2.0, -0.5], [0.5, 2.0]])
    A, activation_cache = activation_forward(Z, name)
    assert activation_cache is Z
    np.testing.assert_array_equal(A, ACTIVATIONS[name](Z))
    dA = np.array([[1.0, -2.0], [3.0, 0.5]])
    h = 1e-6
    slope = (ACTIVATIONS[name](Z + h) - ACTIVATIONS[name](Z - h)) / (2 * h)
    np.testing.assert_allclose(activation_backward(dA, activation_cache, name), dA * slope, 1e-7)


@pytest.mark.parametrize("hidden", HIDDEN)
@pytest.mark.parametrize("layer_dims", [[3, 1], [2, 4, 1], [4, 3, 5, 2, 1]])
def test_each_cache_holds_exactly_what_backward_needs(hidden, layer_dims):
    parameters, X, _ = random_network(layer_dims, m=6, seed=len(layer_dims))
    AL, caches = model_forward(parameters, X, hidden_activation=hidden)
    L = len(layer_dims) - 1
    assert len(caches) == L
    A_prev = X
    for l, cache in enumerate(caches, start=1):
        linear_cache, activation_cache = cache  # exactly two parts
        cached_A_prev, cached_W, cached_b = linear_cache  # exactly three
        np.testing.assert_array_equal(cached_A_prev, A_prev)
        np.testing.assert_array_equal(cached_W, parameters[f"W{l}"])
        np.testing.assert_array_equal(cached_b, parameters[f"b{l}"])
        Z = activation_cache
        np.testing.assert_allclose(Z, parameters[f"W{l}"] @ A_prev + parameters[f"b{l}"])
        A_prev = sigmoid(Z) if l == L else ACTIVATIONS[hidden](Z)
    np.testing.assert_array_equal(AL, A_prev)


# --- Getting your matrix dimensions right ------------------------------------------------


@st.composite
def dims_and_m(draw):
    layer_dims = draw(st.lists(st.integers(1, 6), min_size=1, max_size=5))
    return [*layer_dims, 1], draw(st.integers(1, 10)), draw(st.sampled_from(HIDDEN))


@settings(max_examples=60, deadline=None)
@given(dims_and_m())
def test_layer_shapes_are_the_shapes_the_network_produces(problem):
    layer_dims, m, hidden = problem
    parameters, X, Y = random_network(layer_dims, m, seed=m)
    L = len(layer_dims) - 1

    # Record the dZ and dA that model_backward passes through its building blocks.
    dZ_seen, dA_seen = [], []

    def recording_linear_backward(dZ, linear_cache, **options):
        dZ_seen.append(dZ)
        return linear_backward(dZ, linear_cache, **options)

    def recording_activation_backward(dA, activation_cache, activation):
        dA_seen.append(dA)
        return activation_backward(dA, activation_cache, activation)

    AL, caches = model_forward(parameters, X, hidden_activation=hidden)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(deep, "linear_backward", recording_linear_backward)
        patch.setattr(deep, "activation_backward", recording_activation_backward)
        grads = model_backward(AL, Y, caches, hidden_activation=hidden)
    dZ_by_layer = dict(zip(range(L, 0, -1), dZ_seen, strict=True))  # backward: L first
    dA_by_layer = dict(zip(range(L - 1, 0, -1), dA_seen, strict=True))
    dA_by_layer[L] = AL  # dA^[L] is never formed (dZ^[L] = AL - Y); it has A^[L]'s shape

    shapes = layer_shapes(layer_dims, m)
    assert [record.l for record in shapes] == list(range(1, L + 1))
    for record in shapes:
        l = record.l
        A = AL if l == L else caches[l][0][0]  # A^[l] is the next layer's A_prev
        assert parameters[f"W{l}"].shape == record.W
        assert parameters[f"b{l}"].shape == record.b
        assert caches[l - 1][1].shape == record.Z
        assert A.shape == record.A
        assert grads[f"dW{l}"].shape == record.dW
        assert grads[f"db{l}"].shape == record.db
        assert dZ_by_layer[l].shape == record.dZ
        assert dA_by_layer[l].shape == record.dA


def test_layer_shapes_by_hand():
    first, second = layer_shapes([5, 3, 1], m=7)
    assert first.W == first.dW == (3, 5)
    assert first.b == first.db == (3, 1)
    assert first.Z == first.A == first.dZ == first.dA == (3, 7)
    assert second.W == (1, 3)
    assert second.A == (1, 7)


# --- L = 1 is logistic regression ----------------------------------------------------------

finite = st.floats(-10, 10, allow_nan=False, allow_infinity=False)


@st.composite
def logistic_problems(draw):
    n_x = draw(st.integers(1, 6))
    m = draw(st.integers(1, 30))
    X = draw(arrays(np.float64, (n_x, m), elements=finite))
    Y = draw(arrays(np.int64, (1, m), elements=st.integers(0, 1)))
    w = draw(arrays(np.float64, (n_x, 1), elements=finite))
    return w, draw(finite), X, Y


@settings(max_examples=200, deadline=None)
@given(logistic_problems())
def test_a_one_layer_network_is_logistic_regression(problem):
    w, b, X, Y = problem
    cost, grads = network_cost_and_gradients({"W1": w.T, "b1": np.array([[b]])}, X, Y)
    expected = gradients_vectorized(w, b, X, Y)
    assert cost == pytest.approx(expected.cost, rel=1e-10, abs=1e-12)
    np.testing.assert_allclose(grads["dW1"].T, expected.dw, rtol=1e-10, atol=1e-12)
    assert grads["db1"].shape == (1, 1)
    assert grads["db1"][0, 0] == pytest.approx(expected.db, rel=1e-10, abs=1e-12)


# --- cost, training, predictions -----------------------------------------------------------


@pytest.mark.parametrize("z", [40.0, 800.0])
def test_the_network_cost_is_finite_when_confidently_wrong(z):
    # Output logits +z and -z, both labelled wrong: the loss of each is z + log(1 + e^-z).
    cost = network_cost(np.array([[z, -z]]), np.array([[0, 1]]))
    assert cost == pytest.approx(z + np.log1p(np.exp(-z)), rel=1e-14)
    parameters = {"W1": np.array([[z]]), "b1": np.zeros((1, 1))}
    cost, grads = network_cost_and_gradients(parameters, [[1.0, -1.0]], [[0, 1]])
    assert cost == pytest.approx(z + np.log1p(np.exp(-z)), rel=1e-14)
    assert np.isfinite(grads["dW1"]).all()


def test_the_cost_is_log_2_when_every_output_is_one_half():
    parameters = initialize_parameters([3, 4, 2, 1], np.random.default_rng(0), scale=0.0)
    X, Y = make_two_blobs(10, n_x=3)
    cost, _ = network_cost_and_gradients(parameters, X, Y)
    assert cost == pytest.approx(np.log(2), rel=1e-15)


def test_update_parameters_takes_one_step_against_the_gradient():
    parameters, X, Y = random_network([3, 4, 1], m=5, seed=1)
    _, grads = network_cost_and_gradients(parameters, X, Y)
    before = {key: value.copy() for key, value in parameters.items()}
    new = update_parameters(parameters, grads, learning_rate=0.1)
    for key in parameters:
        np.testing.assert_array_equal(new[key], before[key] - 0.1 * grads["d" + key])
        np.testing.assert_array_equal(parameters[key], before[key])  # the input is untouched


def test_train_network_records_the_cost_before_each_update():
    parameters, X, Y = random_network([2, 3, 1], m=8, seed=2)
    result = train_network(parameters, X, Y, learning_rate=0.3, num_iterations=2)
    assert isinstance(result, NetworkTrainingResult)
    assert len(result.costs) == 2
    first_cost, grads = network_cost_and_gradients(parameters, X, Y)
    after_one = update_parameters(parameters, grads, 0.3)
    second_cost, grads = network_cost_and_gradients(after_one, X, Y)
    after_two = update_parameters(after_one, grads, 0.3)
    assert result.costs == [first_cost, second_cost]
    for key, value in after_two.items():
        np.testing.assert_allclose(result.parameters[key], value, rtol=1e-15)


def test_zero_iterations_return_the_parameters_unchanged():
    parameters, X, Y = random_network([2, 3, 1], m=4, seed=3)
    result = train_network(parameters, X, Y, learning_rate=0.1, num_iterations=0)
    assert result.costs == []
    for key, value in parameters.items():
        np.testing.assert_array_equal(result.parameters[key], value)


@pytest.mark.parametrize("hidden", HIDDEN)
def test_training_a_four_layer_network_lowers_the_cost(hidden):
    X, Y = make_two_blobs(200, n_x=3, separation=2.0, seed=6)
    rng = np.random.default_rng(7)
    parameters = initialize_parameters([3, 5, 4, 3, 1], rng, scale=1.0)
    result = train_network(
        parameters, X, Y, learning_rate=0.1, num_iterations=400, hidden_activation=hidden
    )
    costs = np.array(result.costs)
    assert costs[-1] < 0.7 * costs[0]  # sigmoid hidden layers learn slowest: about 0.6 here
    assert (np.diff(costs) <= 1e-12).all()  # a small enough step never goes uphill here
    accuracy = (predict_network(result.parameters, X, hidden_activation=hidden) == Y).mean()
    assert accuracy > 0.9


def test_predict_network_thresholds_the_output_at_one_half():
    parameters, X, _ = random_network([3, 4, 1], m=50, seed=8)
    AL, _ = model_forward(parameters, X)
    predictions = predict_network(parameters, X)
    assert predictions.shape == (1, 50)
    assert predictions.dtype.kind == "i"
    np.testing.assert_array_equal(predictions, (AL > 0.5).astype(int))
    assert 0 < predictions.sum() < 50  # both labels occur, so the threshold was tested


# --- a data set no straight line separates ------------------------------------------------


def test_make_petals_shape_labels_and_reproducibility():
    X, Y = make_petals(401, rng=np.random.default_rng(0))
    assert X.shape == (2, 401)
    assert Y.shape == (1, 401)
    assert Y.dtype.kind == "i"
    assert set(np.unique(Y)) == {0, 1}
    assert int(Y.sum()) == 201  # half (rounded down) labelled 0
    X_again, Y_again = make_petals(401, rng=np.random.default_rng(0))
    np.testing.assert_array_equal(X, X_again)
    np.testing.assert_array_equal(Y, Y_again)


def test_make_petals_labels_neighbouring_petals_differently():
    # Without noise, a point's label is its petal's: with 4 petals on the axes, label 1
    # (the petals at 90 and 270 degrees) exactly where |x2| > |x1|.
    X, Y = make_petals(500, petals=4, noise=0.0, rng=np.random.default_rng(1))
    np.testing.assert_array_equal(Y, (np.abs(X[1:2]) > np.abs(X[0:1])).astype(int))
    assert np.hypot(*X).max() <= 2.0 + 1e-12  # inside the rose r = 2|cos 2 theta|


def test_petals_defeat_logistic_regression_and_a_four_unit_network_learns_them():
    X, Y = make_petals(400, rng=np.random.default_rng(2))

    line = gradient_descent(np.zeros((2, 1)), 0.0, X, Y, learning_rate=1.0, num_iterations=500)
    line_accuracy = (predict(line.w, line.b, X) == Y).mean()
    assert line_accuracy <= 0.70

    parameters = initialize_parameters([2, 4, 1], np.random.default_rng(3))
    result = train_network(
        parameters, X, Y, learning_rate=1.2, num_iterations=2000, hidden_activation="tanh"
    )
    network_accuracy = (
        predict_network(result.parameters, X, hidden_activation="tanh") == Y
    ).mean()
    assert network_accuracy >= 0.90
