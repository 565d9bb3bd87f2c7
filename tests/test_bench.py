"""The benchmark harness: a --quick run's output, and its benchmark-only loop variant."""

import json

import numpy as np
import pytest

from coursecode import gradients_two_loops
from coursecode.core.data import make_two_blobs
from coursecode.logistic_regression.one_loop import gradients_one_loop
from coursecode.speed import bench


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("bench")
    assert bench.main(["--quick", "--out", str(out)]) == 0
    return out, json.loads((out / "results.json").read_text())


def test_quick_run_writes_every_report(quick_run):
    out, _ = quick_run
    for name in ["results.json", "results.md", "tricks.md", "targets.md", "machine.md"]:
        assert (out / name).read_text().strip()
    for name in ["time-per-example.svg", "ratio-to-floor.svg"]:
        assert (out / name).read_text().lstrip().startswith("<?xml")


def test_quick_run_measures_every_variant_at_every_size(quick_run):
    _, results = quick_run
    measured = {(r["m"], r["n_x"], r["dtype"], r["variant"]) for r in results["results"]}
    expected = {
        (m, n_x, dtype, variant)
        for m in results["settings"]["sizes"]
        for n_x in results["settings"]["features"]
        for dtype in ("float64", "float32")
        for variant in bench.VARIANTS
    }
    assert measured == expected
    assert not results["skipped"]
    for row in results["results"]:
        assert 0 < row["min_s"] <= row["median_s"] <= row["max_s"]
        assert row["repeats"] == results["settings"]["repeats"]
        assert row["extrapolated"] == (row["measured_examples"] < row["m"])
    floors = [r for r in results["results"] if r["variant"] == "floor"]
    assert all(r["ratio_to_floor"] == 1.0 for r in floors)


def test_quick_run_records_the_machine_and_the_targets(quick_run):
    _, results = quick_run
    machine = results["machine"]
    assert machine["cores"] >= 1
    assert machine["numpy"] == np.__version__
    assert machine["blas"], "threadpoolctl found no BLAS"
    assert set(machine["openblas_env"]) >= {"OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"}
    assert [t["what"] for t in results["targets"]] == [t[3] for t in bench.TARGETS]


def test_every_variant_computed_the_same_numbers(quick_run):
    _, results = quick_run
    for row in results["results"]:
        if row["variant"] in ("floor", "blas_two_products"):
            continue
        # float32 variants are compared with the float64 reference: rounding of X to float32.
        limit = 1e-12 if row["dtype"] == "float64" else 1e-4
        assert row["max_rel_diff_vs_vectorized"] < limit, row


def test_vectorized_step_beats_the_two_loops_in_the_same_run(quick_run):
    _, results = quick_run
    for row in results["results"]:
        if row["variant"] == "vectorized":
            loops = bench._find(results, row["m"], row["n_x"], row["dtype"], "two_loops")
            assert row["median_s"] < loops["median_s"], (row, loops)


def test_a_tiny_budget_skips_sizes_instead_of_running_over(tmp_path):
    results = bench.run([1000, 10**6], [200], ["float64"], repeats=1, min_time=0.0, budget_s=0.0)
    assert results["results"] == []
    assert {(s["m"], s["n_x"]) for s in results["skipped"]} == {(1000, 200), (10**6, 200)}
    assert all(t["value"] is None for t in results["targets"])


@pytest.mark.parametrize(("n_x", "m", "seed"), [(1, 1, 0), (3, 17, 1), (6, 40, 2)])
def test_the_benchmarked_one_loop_version_matches_the_two_loops(n_x, m, seed):
    X, Y = make_two_blobs(m, n_x=n_x, seed=seed)
    w = np.random.default_rng(seed).normal(size=(n_x, 1))
    loops = gradients_two_loops(w, 0.3, X, Y)
    one = gradients_one_loop(w, 0.3, X, Y)
    np.testing.assert_allclose(one.dw, loops.dw, rtol=1e-12, atol=1e-15)
    assert one.db == pytest.approx(loops.db, rel=1e-12, abs=1e-15)
    assert one.cost == pytest.approx(loops.cost, rel=1e-12)


def test_the_benchmarked_one_loop_version_is_stable_at_z_800():
    result = gradients_one_loop([[800.0]], 0.0, [[1.0, -1.0]], [[1, 1]])
    assert result.cost == pytest.approx(400.0, rel=1e-14)
    assert result.dw[0, 0] == pytest.approx(0.5, rel=1e-14)
