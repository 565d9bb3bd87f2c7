"""The benchmark harness: quick runs of both benchmarks (gradient step, network step), and
the benchmark-only variants checked against the code they stand for."""

import json
import math
import platform
from pathlib import Path

import numpy as np
import pytest

from coursecode import gradients_two_loops, train_network
from coursecode.core.data import make_two_blobs
from coursecode.logistic_regression.one_loop import gradients_one_loop
from coursecode.networks.parameters import initialize_parameters
from coursecode.speed import bench, fused, network_bench


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("bench")
    # A budget the run never reaches: on a busy machine the default one can skip the last
    # size, and this test is about what a run measures, not about the budget.
    assert bench.main(["--quick", "--budget", "10000", "--out", str(out)]) == 0
    return out, json.loads((out / "results.json").read_text())


def test_quick_run_writes_every_report(quick_run):
    out, _ = quick_run
    for name in [
        "results.json",
        "results.md",
        "tricks.md",
        "targets.md",
        "issue-15.md",
        "machine.md",
    ]:
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
        if variant != "fused" or fused.numba_available()  # fused: only with numba
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
    assert machine["numpy_simd"] == bench.numpy_simd()
    assert machine["blas"], "threadpoolctl found no BLAS"
    assert set(machine["openblas_env"]) >= {"OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"}
    assert [t["what"] for t in results["targets"]] == [t[3] for t in bench.TARGETS]


def test_the_stamp_names_the_simd_numpy_found(quick_run):
    _, results = quick_run
    found = {**results, "machine": {**results["machine"], "numpy_simd": ["X86_V3", "X86_V4"]}}
    assert f"NumPy {np.__version__} (SIMD found: X86_V3, X86_V4)," in bench.markdown_machine(found)
    none = {**results, "machine": {**results["machine"], "numpy_simd": []}}
    assert "(SIMD found: none beyond baseline)," in bench.markdown_machine(none)
    older = {
        **results,
        "machine": {k: v for k, v in results["machine"].items() if k != "numpy_simd"},
    }
    assert f"NumPy {np.__version__}, scikit-learn" in bench.markdown_machine(older)


def test_the_simd_numpy_found_agrees_with_the_processor():
    """NumPy's own detection against the flags the kernel lists (on x86-64 Linux, where CI
    runs): X86_V3 is AVX2 with its companions, X86_V4 adds AVX-512's five base sets."""
    found = bench.numpy_simd()
    cpuinfo = Path("/proc/cpuinfo")
    flags = set()
    if cpuinfo.is_file():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("flags"):
                flags = set(line.split(":", 1)[1].split())
                break
    if platform.machine() == "x86_64" and flags:
        # x86-64-v3 and -v4 as the kernel spells them (abm: LZCNT)
        v3 = {"avx", "avx2", "bmi1", "bmi2", "f16c", "fma", "abm", "movbe"}
        v4 = v3 | {"avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"}
        assert ("X86_V3" in found) == (v3 <= flags)
        assert ("X86_V4" in found) == (v4 <= flags)
    else:  # another processor: names of NumPy's dispatch targets, no x86 ones
        assert all(isinstance(name, str) and not name.startswith("X86") for name in found)


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


def test_the_training_variant_takes_the_course_step():
    X, Y = make_two_blobs(80, n_x=3, seed=6)
    w = np.random.default_rng(6).normal(size=(3, 1))
    expected = bench.gradients_vectorized(w, 0.2, X, Y)
    recovered = bench._training_as_gradients(w, 0.2, X, Y)
    np.testing.assert_allclose(recovered.dw, expected.dw, rtol=1e-12, atol=1e-15)
    assert recovered.db == pytest.approx(expected.db, rel=1e-12, abs=1e-15)
    assert recovered.cost == expected.cost


def _row(m, n_x, dtype, variant, ratio, median_s=1.0, diff=None):
    return {
        "m": m,
        "n_x": n_x,
        "dtype": dtype,
        "variant": variant,
        "ratio_to_floor": ratio,
        "median_s": median_s,
        "max_rel_diff_vs_vectorized": diff,
    }


def test_the_targets_of_issue_15_are_computed_from_the_rows():
    big, mid = (10**6, 200), (2 * 10**5, 200)
    rows = [
        _row(*big, "float64", "sklearn", 2.5),
        _row(*big, "float64", "training", 2.0),  # 0.8 of scikit-learn: met
        _row(*big, "float64", "vectorized", 3.0, median_s=2.0),  # 1.2: not met
        _row(*big, "float32", "vectorized", 3.0, median_s=1.0, diff=3e-5),  # half: met
        _row(*big, "float64", "fast", 1.6),  # <= 1.7: met
        _row(*mid, "float64", "fast", 2.2),  # > 2.0: not met
    ]
    targets = bench.evaluate_targets({"results": rows, "float32_agreement": []})
    found = {(t["what"], t["m"], t["n_x"]): t for t in targets}
    assert found["training_over_sklearn", *big]["value"] == pytest.approx(0.8)
    assert found["training_over_sklearn", *big]["met"] is True
    assert found["vectorized_over_sklearn", *big]["value"] == pytest.approx(1.2)
    assert found["vectorized_over_sklearn", *big]["met"] is False
    assert found["vectorized_float32_over_float64", *big]["value"] == pytest.approx(0.5)
    assert found["vectorized_float32_over_float64", *big]["met"] is True
    assert found["vectorized_float32_rel_diff", *big]["value"] == 3e-5
    assert found["fastest_over_floor", *big]["value"] == 1.6
    assert found["fastest_over_floor", *big]["met"] is True
    assert found["fastest_over_floor", *mid]["met"] is False
    assert found["training_over_sklearn", *mid]["met"] is None  # not measured
    assert "#15.4" in bench.markdown_targets({"targets": targets})
    table = bench.markdown_issue_15({"results": rows}).splitlines()
    big_row = next(line for line in table if line.startswith("| 200, 1e6 |"))
    cells = [cell.strip() for cell in big_row.split("|")[2:-1]]
    # floor is absent from the rows: only the ratios to scikit-learn can be given
    assert cells == ["not measured"] * 5 + ["1.2", "0.8"]


def test_a_full_run_adds_the_sizes_of_issue_15_and_a_quick_one_does_not():
    assert bench.parse_args([]).extra_sizes == bench.EXTRA_SIZES == [(2 * 10**5, 200)]
    assert bench.parse_args(["--quick"]).extra_sizes == []
    assert bench.parse_args(["--sizes", "1e3"]).extra_sizes == []


# --- The deep network's training step against scikit-learn's MLPClassifier (--network) ---


@pytest.fixture(scope="module")
def quick_network_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("network-bench")
    assert bench.main(["--network", "--quick", "--out", str(out)]) == 0
    return out, json.loads((out / "network.json").read_text())


def test_quick_network_run_times_every_variant_at_every_size(quick_network_run):
    out, results = quick_network_run
    assert results["settings"]["sizes"] == network_bench.QUICK_SIZES
    assert results["settings"]["layer_dims"] == network_bench.LAYER_DIMS == [64, 32, 16, 1]
    assert results["settings"]["blas_threads"] == 1
    assert [row["m"] for row in results["results"]] == network_bench.QUICK_SIZES
    for row in results["results"]:
        assert set(row["best_s"]) == set(network_bench.VARIANTS)
        for variant in network_bench.VARIANTS:
            best, median = row["best_s"][variant], row["median_s"][variant]
            assert 0 < best <= median < math.inf, (variant, row)
        ratios = [row["ours_over_sklearn"], *row["ours_over_sklearn_per_round"]]
        assert all(0 < ratio < math.inf for ratio in ratios), row
        assert len(row["ours_over_sklearn_per_round"]) == results["settings"]["repeats"]
        assert row["ours_over_sklearn"] == row["best_s"]["ours"] / row["best_s"]["sklearn"]
        rounds = sorted(row["ours_over_sklearn_per_round"])
        assert rounds[0] <= row["ours_over_sklearn_median_round"] <= rounds[-1]
    table = (out / "network.md").read_text().splitlines()
    assert table[0].startswith("| m | ours |")
    assert "ours / scikit-learn" in table[0]
    assert [line.split("|")[1].strip() for line in table[2:4]] == ["1,000", "4,000"]


def test_every_network_variant_takes_the_same_step(quick_network_run):
    # From one start, one step of each variant gives the weights of our train_network step.
    _, results = quick_network_run
    for row in results["results"]:
        differences = row["max_rel_diff_after_one_step"]
        assert set(differences) == {"train_network", "sklearn"}
        assert all(difference < 1e-12 for difference in differences.values()), row


def test_the_benchmarks_train_network_iteration_is_an_iteration_of_train_network():
    X, Y = network_bench._make_data(50, 4, seed=3)
    start = initialize_parameters([4, 5, 3, 1], np.random.default_rng(0), method="he")
    expected = train_network(start, X, Y, learning_rate=0.2, num_iterations=3).parameters
    parameters, X, Y = network_bench._check_inputs(start, X, "relu", Y)
    for _ in range(3):
        parameters = network_bench._train_network_iteration(parameters, X, Y, 0.2)
    assert parameters.keys() == expected.keys()
    for key, value in expected.items():  # the same operations: the same bits
        np.testing.assert_array_equal(parameters[key], value)
