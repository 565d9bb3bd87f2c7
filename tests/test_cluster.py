"""gradients_dask and gradient_descent on a Dask cluster of two worker processes.

The cluster runs on this machine, on the loopback interface only, with the dashboard off.
Every test that needs it shares one cluster (starting one takes a few seconds).
"""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest

da = pytest.importorskip("dask.array")
distributed = pytest.importorskip("distributed")

from coursecode import gradient_descent, gradients_vectorized  # noqa: E402
from coursecode.cluster import gradients_dask  # noqa: E402
from coursecode.core.data import make_two_blobs  # noqa: E402

# Each worker may use this much memory; the large data set below is bigger than that.
WORKER_MEMORY_LIMIT = 200 * 2**20


@pytest.fixture(scope="module")
def client():
    """A client of a LocalCluster with two worker processes, one thread each, on 127.0.0.1."""
    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address="127.0.0.1:0",  # loopback, any free port: never 8787 taken
            memory_limit=WORKER_MEMORY_LIMIT,
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client


def as_dask(X, Y, column_chunks):
    """X and Y as dask arrays split into the same blocks of columns."""
    n_x = X.shape[0]
    return (
        da.from_array(X, chunks=(n_x, column_chunks)),
        da.from_array(Y, chunks=(1, column_chunks)),
    )


@pytest.mark.parametrize(
    ("m", "column_chunks"),
    [
        (7, 1),  # one example per block
        (7, 7),  # one block
        (10, (3, 1, 6)),  # uneven blocks
        (200, 64),  # 64, 64, 64, 8
    ],
)
def test_gradients_dask_equal_the_vectorized_gradients(client, m, column_chunks):
    X, Y = make_two_blobs(m, n_x=3, seed=m)
    w, b = np.array([[0.4], [-1.3], [0.8]]), 0.25
    expected = gradients_vectorized(w, b, X, Y)
    got = gradients_dask(w, b, *as_dask(X, Y, column_chunks))
    assert got.dw.shape == (3, 1)
    np.testing.assert_allclose(got.dw, expected.dw, rtol=1e-12)
    assert got.db == pytest.approx(expected.db, rel=1e-12)
    assert got.cost == pytest.approx(expected.cost, rel=1e-12)


def test_blocks_are_computed_on_both_workers(client):
    X, Y = make_two_blobs(40, n_x=2, seed=4)
    X_dask, Y_dask = client.persist(as_dask(X, Y, 10))
    distributed.wait([X_dask, Y_dask])
    holders = {worker for workers in client.who_has(X_dask).values() for worker in workers}
    assert len(holders) == 2, "the four blocks of X are spread over the two workers"
    expected = gradients_vectorized(np.ones((2, 1)), -0.5, X, Y)
    got = gradients_dask(np.ones((2, 1)), -0.5, X_dask, Y_dask)
    np.testing.assert_allclose(got.dw, expected.dw, rtol=1e-12)
    assert got.cost == pytest.approx(expected.cost, rel=1e-12)


def test_the_cost_stays_accurate_for_logits_of_800(client):
    # z = +-800: the loss of a wrong label is |z|, with no overflow on the workers.
    X = np.array([[800.0, -800.0, 800.0, -800.0]])
    Y = np.array([[0.0, 1.0, 1.0, 0.0]])
    got = gradients_dask([[1.0]], 0.0, *as_dask(X, Y, 2))
    assert got.cost == pytest.approx(400.0, rel=1e-15)  # (800 + 800 + 0 + 0) / 4
    assert got.db == pytest.approx(0.0, abs=1e-15)
    np.testing.assert_allclose(got.dw, [[400.0]], rtol=1e-15)  # (800 + 800) / 4


def test_float32_data_is_computed_in_float32(client):
    X, Y = make_two_blobs(12, n_x=2, seed=5)
    X32, Y32 = X.astype(np.float32), Y.astype(np.float32)
    got = gradients_dask(np.ones((2, 1)), 0.5, *as_dask(X32, Y32, 5))
    expected = gradients_vectorized(np.ones((2, 1)), 0.5, X32, Y32)
    assert got.dw.dtype == np.float32
    np.testing.assert_allclose(got.dw, expected.dw, rtol=1e-5)


def test_importing_coursecode_does_not_import_dask():
    code = "import sys, coursecode; print('dask' in sys.modules, 'distributed' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_gradient_descent_with_gradients_dask_takes_the_in_memory_steps(client):
    X, Y = make_two_blobs(90, n_x=3, seed=6)
    X_dask, Y_dask = as_dask(X, Y, (40, 25, 25))
    kwargs = {"learning_rate": 0.5, "num_iterations": 4}
    in_memory = gradient_descent(np.zeros((3, 1)), 0.0, X, Y, **kwargs)
    on_cluster = gradient_descent(
        np.zeros((3, 1)), 0.0, X_dask, Y_dask, gradients=gradients_dask, **kwargs
    )
    assert isinstance(on_cluster.w, np.ndarray)
    np.testing.assert_allclose(on_cluster.w, in_memory.w, rtol=1e-12)
    assert on_cluster.b == pytest.approx(in_memory.b, rel=1e-12)
    np.testing.assert_allclose(on_cluster.costs, in_memory.costs, rtol=1e-12)
    assert on_cluster.costs[0] == pytest.approx(np.log(2), rel=1e-12)  # w = 0, b = 0


def test_gradient_descent_never_turns_the_dask_arrays_into_numpy(client, monkeypatch):
    X, Y = make_two_blobs(20, n_x=2, seed=7)
    X_dask, Y_dask = as_dask(X, Y, 5)
    seen = []

    def recording_step(w, b, X, Y):
        seen.append((type(X), type(Y)))
        return gradients_dask(w, b, X, Y)

    def refuse(*args, **kwargs):
        raise AssertionError("the dask array was converted to a NumPy array in this process")

    monkeypatch.setattr(type(X_dask), "__array__", refuse)
    gradient_descent(
        np.zeros((2, 1)),
        0.0,
        X_dask,
        Y_dask,
        learning_rate=0.1,
        num_iterations=2,
        gradients=recording_step,
    )
    assert seen == [(da.Array, da.Array)] * 2


def worker_pids(client) -> dict[str, int]:
    """The process id of each worker, by address: a restarted worker gets a new one."""
    return client.run(os.getpid)


def test_training_on_more_data_than_a_worker_may_hold(client):
    n_x, m, columns = 20, 1_400_000, 50_000
    rng = da.random.default_rng(17)
    # X is generated block by block on the workers (and regenerated when a step needs it
    # again, from the seeds in the graph): no process ever holds all of it.
    X = rng.standard_normal((n_x, m), chunks=(n_x, columns))
    Y = (X[:1] + 0.5 * rng.standard_normal((1, m), chunks=(1, columns)) > 0).astype(np.float64)
    limits = {w["memory_limit"] for w in client.scheduler_info()["workers"].values()}
    assert limits == {WORKER_MEMORY_LIMIT}
    assert X.nbytes > WORKER_MEMORY_LIMIT, "X must not fit in one worker's memory"
    before = worker_pids(client)

    result = gradient_descent(
        np.zeros((n_x, 1)),
        0.0,
        X,
        Y,
        learning_rate=1.0,
        num_iterations=2,
        gradients=gradients_dask,
    )

    assert worker_pids(client) == before, "no worker was restarted (same addresses, same pids)"
    assert result.costs[0] == pytest.approx(np.log(2), rel=1e-12)
    assert result.costs[1] < result.costs[0]
    # Y follows the sign of the first feature: training gives it the largest weight.
    assert int(np.argmax(np.abs(result.w))) == 0
    assert result.w[0, 0] > 0


# Bad input: metadata errors are raised before anything is computed; value errors are
# raised by the block that holds the bad value, on a worker, and reach the caller as is.


def test_x_in_memory_is_refused_with_a_hint():
    X, Y = make_two_blobs(6)
    with pytest.raises(TypeError, match=r"X must be a dask array.*got ndarray.*from_array"):
        gradients_dask(np.zeros((2, 1)), 0.0, X, da.from_array(Y))


def test_x_chunked_along_the_features_is_refused():
    X, Y = make_two_blobs(6, n_x=4)
    X_dask = da.from_array(X, chunks=(2, 3))
    with pytest.raises(ValueError, match=r"X must be chunked along the m axis only.*\(2, 2\)"):
        gradients_dask(np.zeros((4, 1)), 0.0, X_dask, da.from_array(Y, chunks=(1, 3)))


def test_y_in_other_blocks_than_x_is_refused():
    X, Y = make_two_blobs(6)
    X_dask, Y_dask = da.from_array(X, chunks=(2, 3)), da.from_array(Y, chunks=(1, 2))
    with pytest.raises(
        ValueError,
        match=r"Y must be split.*got Y column chunks \(2, 2, 2\), "
        r"expected X's \(3, 3\)",
    ):
        gradients_dask(np.zeros((2, 1)), 0.0, X_dask, Y_dask)


@pytest.mark.parametrize(
    ("X_shape", "Y_shape", "message"),
    [
        ((6,), (1, 6), r"X must be 2-D with shape \(n_x, m\).*got 1-D"),
        ((2, 6), (6,), r"Y must have shape \(1, m\) = \(1, 6\).*got shape \(6,\)"),
        ((2, 6), (1, 5), r"Y must have shape \(1, m\) = \(1, 6\).*got shape \(1, 5\)"),
    ],
)
def test_shapes_that_do_not_fit_are_named(X_shape, Y_shape, message):
    X_dask, Y_dask = da.zeros(X_shape), da.zeros(Y_shape)
    with pytest.raises(ValueError, match=message):
        gradients_dask(np.zeros((2, 1)), 0.0, X_dask, Y_dask)


def test_weights_of_the_wrong_shape_are_named():
    X_dask, Y_dask = da.zeros((3, 6), chunks=(3, 2)), da.zeros((1, 6), chunks=(1, 2))
    with pytest.raises(ValueError, match=r"w must have shape \(n_x, 1\) = \(3, 1\).*\(2, 1\)"):
        gradients_dask(np.zeros((2, 1)), 0.0, X_dask, Y_dask)


def test_labels_other_than_0_and_1_are_named_by_the_worker(client):
    X, Y = make_two_blobs(6)
    Y[0, 4] = 2.0
    with pytest.raises(ValueError, match=r"Y must hold labels 0 or 1 only; got \[2.0\]"):
        gradients_dask(np.zeros((2, 1)), 0.0, *as_dask(X, Y, 3))


def test_a_missing_value_in_x_is_named_by_the_worker(client):
    X, Y = make_two_blobs(6)
    X[1, 4] = np.nan
    with pytest.raises(
        ValueError,
        match=r"X must be finite; a block of 3 columns holds nan "
        r"at row 1, column 1 of the block",
    ):
        gradients_dask(np.zeros((2, 1)), 0.0, *as_dask(X, Y, 3))


def test_text_data_is_refused():
    X_dask = da.from_array(np.array([["a", "b"]]))
    with pytest.raises(TypeError, match=r"X must hold real numbers, got a dask array of dtype"):
        gradients_dask(np.zeros((1, 1)), 0.0, X_dask, da.zeros((1, 2)))


def test_gradient_descent_names_a_missing_value_in_dask_data(client):
    X, Y = make_two_blobs(6)
    X[0, 5] = np.inf
    with pytest.raises(ValueError, match=r"X must be finite; one of its blocks holds NaN or inf"):
        gradient_descent(
            np.zeros((2, 1)),
            0.0,
            *as_dask(X, Y, 3),
            learning_rate=0.1,
            num_iterations=1,
            gradients=gradients_dask,
        )


def test_gradient_descent_names_labels_other_than_0_and_1_in_dask_data(client):
    X, Y = make_two_blobs(6)
    Y[0, 1], Y[0, 4] = -1.0, 3.0
    with pytest.raises(ValueError, match=r"Y must hold labels 0 or 1 only; got \[-1.0, 3.0\]"):
        gradient_descent(
            np.zeros((2, 1)),
            0.0,
            *as_dask(X, Y, 3),
            learning_rate=0.1,
            num_iterations=1,
            gradients=gradients_dask,
        )
