"""The notebooks under docs/: stored clean, run cleanly, and show the numbers they claim.

Each notebook is executed here with nbclient, outside the site build, in the same kernel
the build uses (``kernel_name`` in mkdocs.yml). A probe cell appended to the notebook
prints, as JSON, the values the assertions need, computed in the notebook's namespace.
The last tests build a tiny site with the project's mkdocs-jupyter settings and hook, to
pin down how the build treats notebooks.
"""

from __future__ import annotations

import itertools
import json
import math
import os
import re
import subprocess
import sys
from functools import cache
from pathlib import Path
from types import SimpleNamespace

import nbformat
import pytest
import yaml
from jupyter_client.kernelspec import KernelSpecManager
from nbclient import NotebookClient

from by_path import load

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
COURSE = DOCS / "neural-networks-and-deep-learning"
WEEK_2 = COURSE / "week-2"
WEEK_3 = COURSE / "week-3"
WEEK_4 = COURSE / "week-4"
COURSE_2_WEEK_1 = DOCS / "improving-deep-neural-networks" / "week-1"
NOTEBOOKS = sorted(DOCS.rglob("*.ipynb"))
PROBE_MARK = "PROBE:"


class _TolerantLoader(yaml.SafeLoader):
    """mkdocs.yml uses tags such as ``!relative``; their values do not matter here."""


_TolerantLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
MKDOCS = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=_TolerantLoader)
JUPYTER_SETTINGS = next(
    plugin["mkdocs-jupyter"]
    for plugin in MKDOCS["plugins"]
    if isinstance(plugin, dict) and "mkdocs-jupyter" in plugin
)


def code_cells(notebook):
    return [cell for cell in notebook.cells if cell.cell_type == "code"]


@cache
def execute(relative_path: str, probe: str = "") -> tuple:
    """Run the notebook (plus ``probe``, if any); return it and the probe's values."""
    path = DOCS / relative_path
    notebook = nbformat.read(path, as_version=4)
    if probe:
        notebook.cells.append(
            nbformat.v4.new_code_cell(f"import json\nprint({PROBE_MARK!r} + json.dumps({probe}))")
        )
    NotebookClient(
        notebook,
        kernel_name=JUPYTER_SETTINGS["kernel_name"],
        timeout=120,
        allow_errors=False,
        resources={"metadata": {"path": str(path.parent)}},
    ).execute()
    values = None
    if probe:
        printed = "".join(o.get("text", "") for o in notebook.cells[-1].outputs)
        values = json.loads(printed.split(PROBE_MARK, 1)[1])
        notebook.cells.pop()
    return notebook, values


# What each notebook's test reads from its namespace after it has run.
LOGISTIC_PROBE = """{
    "train_accuracy": train_accuracy,
    "test_accuracy": test_accuracy,
    "sklearn_train_accuracy": sklearn_train_accuracy,
    "sklearn_test_accuracy": sklearn_test_accuracy,
    "our_cost_at_sklearn_weights": cost_from_logits(w_sklearn.T @ X_train + b_sklearn, Y_train),
    "sklearn_cost_at_sklearn_weights": log_loss(
        labels_train, model.predict_proba(X_train.T)[:, 1]
    ),
    "our_cost_at_our_weights": cost_from_logits(result.w.T @ X_train + result.b, Y_train),
    "sklearn_cost_at_our_weights": log_loss(
        labels_train, expit(result.w.T @ X_train + result.b).ravel()
    ),
    "gradient_norm_at_sklearn_weights": float(
        np.linalg.norm(gradients_vectorized(w_sklearn, b_sklearn, X_train, Y_train).dw)
    ),
    "shapes": [X_train.shape, Y_train.shape, X_test.shape, Y_test.shape],
}"""
TWO_FEATURES_PROBE = """{
    "rates": rates,
    "costs": {name: run[2].tolist() for name, run in runs.items()},
    "largest_curvature": largest_curvature,
    "accuracy": accuracy,
}"""
TIMING_PROBE = """[
    {"n_x": row.n_x, "m": row.m, "loops": row.loops, "vectorized": row.vectorized}
    for row in rows
]"""
PLANAR_PROBE = """{
    "logistic_accuracy": logistic_accuracy,
    "hidden_sizes": hidden_sizes,
    "accuracies": accuracies,
    "new_accuracies": new_accuracies,
    "sklearn_accuracies": sklearn_accuracies,
    "costs": {n_h: results[n_h].costs for n_h in hidden_sizes},
    "sklearn_iterations": {n_h: model.n_iter_ for n_h, model in sklearn_models.items()},
    "num_iterations": NUM_ITERATIONS,
    "weight_difference": weight_difference,
    "shapes": [X.shape, Y.shape],
}"""
REGULARIZATION_PROBE = """{
    "sizes": [X_train.shape[1], X_dev.shape[1], split.X_test.shape[1]],
    "settings": {name: kwargs for name, kwargs in SETTINGS.items()},
    "train_accuracy": train_accuracy,
    "dev_accuracy": dev_accuracy,
    "test_accuracy": test_accuracy,
    "best": [best_l2, best_dropout],
}"""
INITIALIZATION_PROBE = """{
    "zeros_weights_moved": float(max(np.abs(v).max() for v in trained["zeros"].values())),
    "constant_start_row_differences": [
        float(np.abs(symmetric[f"W{l}"] - symmetric[f"W{l}"][0]).max()) for l in (1, 2)
    ],
    "first_costs": first_costs,
    "train_accuracy": train_accuracy,
    "dev_accuracy": dev_accuracy,
}"""
GRADIENTS_PROBE = """{
    "layers": L,
    "measured_factor": measured_factor,
    "predicted_factor": {
        name: float(np.sqrt(WIDTH * WEIGHT_VARIANCE[name] / 2)) for name in STARTS
    },
    "spread_across_layers": spread_across_layers,
    "dW_norm_medians": {name: float(np.median(norms)) for name, norms in dW_norm.items()},
}"""
DEEP_PROBE = """{
    "shapes": [X_all.shape, X_train.shape, X_dev.shape, X_test.shape, Y_train.shape],
    "share_odd": float(Y_all.mean()),
    "digits_of_test_columns_match": bool(
        np.array_equal(Y_test[0], digit[test_images] % 2)
    ),
    "largest_default_epsilon": largest,
    "largest_epsilon_1": [float(np.abs(X).max()) for X in (X_train, X_dev, X_test)],
    "final_costs": {
        "logistic": logistic.costs[-1],
        **{name: result.costs[-1] for name, result in networks.items()},
    },
    "accuracies": results,
    "weight_difference": weight_difference,
    "cost_difference": cost_difference,
    "sklearn_iterations": {name: model.n_iter_ for name, model in sklearn_models.items()},
    "num_iterations": NUM_ITERATIONS,
    "seed_test_accuracies": {
        name: [dev_test[1] for dev_test in values] for name, values in seed_results.items()
    },
    "pair_dev_accuracies": [tasks["3 against 8"][2], tasks["4 against 9"][2]],
    "mistakes": [len(mistakes), len(both), int(wrong_2), int(wrong_4)],
}"""
PROBES = {
    "a-deep-network-on-real-images.ipynb": DEEP_PROBE,
    "regularization.ipynb": REGULARIZATION_PROBE,
    "initialization.ipynb": INITIALIZATION_PROBE,
    "vanishing-and-exploding-gradients.ipynb": GRADIENTS_PROBE,
    "logistic-regression-on-real-data.ipynb": LOGISTIC_PROBE,
    "planar-data-with-one-hidden-layer.ipynb": PLANAR_PROBE,
    "gradient-descent-in-two-features.ipynb": TWO_FEATURES_PROBE,
    "why-vectorize.ipynb": TIMING_PROBE,
}


def run(path: Path) -> tuple:
    return execute(str(path.relative_to(DOCS)), PROBES.get(path.name, ""))


def test_the_notebooks_are_the_expected_ones():
    names = {path.relative_to(DOCS).as_posix() for path in NOTEBOOKS}
    course_1 = {
        "week-2/quick-tour-of-jupyter-ipython-notebooks.ipynb",
        "week-2/notebooks/logistic-regression-on-real-data.ipynb",
        "week-2/notebooks/gradient-descent-in-two-features.ipynb",
        "week-2/notebooks/why-vectorize.ipynb",
        "week-2/exercises/logistic-regression-exercises.ipynb",
        "week-3/notebooks/planar-data-with-one-hidden-layer.ipynb",
        "week-3/exercises/one-hidden-layer-exercises.ipynb",
        "week-4/notebooks/a-deep-network-on-real-images.ipynb",
        "week-4/exercises/deep-network-exercises.ipynb",
    }
    course_2_week_1 = {
        "regularization.ipynb",
        "initialization.ipynb",
        "vanishing-and-exploding-gradients.ipynb",
    }
    assert names == {f"{COURSE.name}/{name}" for name in course_1} | {
        f"improving-deep-neural-networks/week-1/notebooks/{name}" for name in course_2_week_1
    } | {"improving-deep-neural-networks/week-1/exercises/regularization-exercises.ipynb"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_stored_without_outputs_and_with_a_standard_kernel(path):
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    dirty = [
        number
        for number, cell in enumerate(notebook.cells)
        if cell.cell_type == "code" and (cell.outputs or cell.execution_count is not None)
    ]
    assert not dirty, f"{path.name}: cells {dirty} hold outputs; clear them before committing"
    # Colab and a plain Jupyter know "python3"; the site build picks its own kernel.
    assert notebook.metadata["kernelspec"]["name"] == "python3"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_installs_coursecode_from_repo_url_only_when_it_is_missing(path):
    notebook, _ = run(path)
    install_cells = [cell for cell in code_cells(notebook) if "pip" in cell.source]
    assert len(install_cells) == 1
    cell = install_cells[0]
    assert f'REPOSITORY = "{MKDOCS["repo_url"]}"' in cell.source
    assert 'find_spec("coursecode") is None' in cell.source
    assert cell.outputs == [], "coursecode is installed here, so the cell must do nothing"
    imports_coursecode = re.compile(r"^(from|import) coursecode\b", re.MULTILINE)
    first_import = next(
        i for i, c in enumerate(code_cells(notebook)) if imports_coursecode.search(c.source)
    )
    assert code_cells(notebook).index(cell) < first_import


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_without_warnings_and_every_figure_has_alt_text(path):
    notebook, _ = run(path)
    outputs = [output for cell in code_cells(notebook) for output in cell.outputs]
    stderr = [o.text for o in outputs if o.output_type == "stream" and o.name == "stderr"]
    assert not stderr, f"{path.name} wrote to stderr (a warning?): {stderr}"
    bare_images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert not bare_images, "show figures with show_figure, so that they carry alt text"
    figures = [
        o.data["text/html"] for o in outputs if "<img" in o.get("data", {}).get("text/html", "")
    ]
    for figure in figures:
        alt = re.search(r'alt="([^"]*)"', figure)
        assert alt, f"{path.name}: a figure without alt text"
        assert len(alt[1]) > 20, f"{path.name}: alt text too short to describe a figure"
    expected_figures = {
        "logistic-regression-on-real-data": 1,
        "gradient-descent-in-two-features": 3,
        "planar-data-with-one-hidden-layer": 4,
        "a-deep-network-on-real-images": 3,
        "initialization": 2,
        "vanishing-and-exploding-gradients": 2,
        "logistic-regression-exercises": 0,
        "one-hidden-layer-exercises": 0,
        "deep-network-exercises": 0,
        "regularization-exercises": 0,
    }
    assert len(figures) == expected_figures.get(path.stem, 1)


def test_logistic_regression_on_real_data():
    _, values = run(WEEK_2 / "notebooks" / "logistic-regression-on-real-data.ipynb")
    # 569 examples, 30 features, an 80/20 split, in the course's layout.
    assert values["shapes"] == [[30, 455], [1, 455], [30, 114], [1, 114]]
    # Linear models are known to reach about 95-98% on this data set.
    assert values["train_accuracy"] >= 0.97
    assert values["test_accuracy"] >= 0.95
    # Our cost agrees with scikit-learn's log_loss at the same weights, both theirs and ours.
    assert values["our_cost_at_sklearn_weights"] == pytest.approx(
        values["sklearn_cost_at_sklearn_weights"], rel=1e-9
    )
    assert values["our_cost_at_our_weights"] == pytest.approx(
        values["sklearn_cost_at_our_weights"], rel=1e-9
    )
    # scikit-learn minimised the same cost: our gradient nearly vanishes at its weights.
    assert values["gradient_norm_at_sklearn_weights"] < 1e-3
    # What the notebook's prose says: the training set is separated perfectly by
    # scikit-learn's fit, and the early-stopped gradient descent does better on the test set.
    assert values["sklearn_train_accuracy"] == 1.0
    assert values["test_accuracy"] > values["sklearn_test_accuracy"]


def test_gradient_descent_in_two_features():
    _, values = run(WEEK_2 / "notebooks" / "gradient-descent-in-two-features.ipynb")
    costs, rates = values["costs"], values["rates"]
    assert all(run_costs[0] == pytest.approx(math.log(2)) for run_costs in costs.values())
    # Two clouds 2*sqrt(2) apart with unit spread: the best possible accuracy is about 92%.
    assert 0.85 <= values["accuracy"] <= 0.97
    # The threshold 2 / curvature lies between the good and the too-large rates.
    threshold = 2 / values["largest_curvature"]
    assert rates["good"] < threshold < rates["too large"] < rates["far too large"]
    best = min(min(run_costs) for run_costs in costs.values())
    good, small = costs["good"], costs["too small"]
    assert good[-1] == pytest.approx(best, rel=1e-6)
    assert small[-1] > best * 1.2, "too small: still far from the minimum after 100 steps"
    assert all(later <= earlier for earlier, later in itertools.pairwise(small))
    for name in ("too large", "far too large"):
        assert costs[name][1] > math.log(2), f"{name}: the first step overshoots"
        assert max(costs[name][-20:]) > best * 1.1, f"{name}: still jumping at the end"


def test_planar_data_with_one_hidden_layer():
    _, values = run(WEEK_3 / "notebooks" / "planar-data-with-one-hidden-layer.ipynb")
    assert values["shapes"] == [[2, 400], [1, 400]]
    sizes = [str(n_h) for n_h in values["hidden_sizes"]]  # JSON keys are strings
    accuracies, costs = values["accuracies"], values["costs"]
    # No straight line separates the petals: logistic regression is close to guessing.
    assert values["logistic_accuracy"] <= 0.6
    # Four tanh units can draw the two islands; the largest networks do about as well.
    assert accuracies["4"] >= 0.9
    assert accuracies["1"] < accuracies["2"] < accuracies["4"]
    assert all(abs(accuracies[n_h] - accuracies["4"]) <= 0.01 for n_h in ("5", "20", "50"))
    # Small weights make every start predict about 1/2, and with this alpha batch gradient
    # descent never raises the cost.
    for n_h in sizes:
        assert len(costs[n_h]) == values["num_iterations"]
        assert costs[n_h][0] == pytest.approx(math.log(2), abs=1e-3)
        assert all(later <= earlier for earlier, later in itertools.pairwise(costs[n_h]))
        # What the prose says about overfitting: new points do about as well as training.
        assert abs(accuracies[n_h] - values["new_accuracies"][n_h]) <= 0.02
    # scikit-learn ran every iteration, and from our start it walked our path exactly.
    assert set(values["sklearn_iterations"].values()) == {values["num_iterations"]}
    assert set(values["sklearn_accuracies"]) == set(sizes)
    assert values["weight_difference"] < 1e-8


def test_regularization_in_practice():
    _, values = run(COURSE_2_WEEK_1 / "notebooks" / "regularization.ipynb")
    train, dev, test = values["train_accuracy"], values["dev_accuracy"], values["test_accuracy"]
    # A small training set, large dev and test sets; no regularization and five settings.
    assert values["sizes"] == [50, 1000, 950]
    assert len(values["settings"]) == 6
    # The unregularized network overfits: it fits every training point and does worst on dev.
    assert train["none"] == 1.0
    assert dev["none"] == min(dev.values())
    # The settings picked on dev beat no regularization on dev and on the untouched test set.
    for name in values["best"]:
        assert dev[name] > dev["none"] + 0.02
        assert test[name] > test["none"]


def test_initialization_in_practice():
    _, values = run(COURSE_2_WEEK_1 / "notebooks" / "initialization.ipynb")
    train, dev = values["train_accuracy"], values["dev_accuracy"]
    # Zeros: nothing moves; equal non-zero rows stay equal; one label for everything.
    assert values["zeros_weights_moved"] == 0
    assert values["constant_start_row_differences"] == [0, 0]
    assert train["zeros"] == 0.5
    # Large weights start with a cost far above log 2; He near it, and ends best.
    assert values["first_costs"]["large random"] > 1000
    assert values["first_costs"]["He"] == pytest.approx(math.log(2), abs=0.2)
    assert dev["He"] > dev["large random"] > dev["zeros"]


def test_vanishing_and_exploding_gradients():
    _, values = run(COURSE_2_WEEK_1 / "notebooks" / "vanishing-and-exploding-gradients.ipynb")
    assert values["layers"] == 50
    measured, predicted = values["measured_factor"], values["predicted_factor"]
    assert predicted["He"] == pytest.approx(1.0)
    assert predicted["Xavier"] == pytest.approx(math.sqrt(0.5))
    for name, factor in predicted.items():
        assert measured[name] == pytest.approx(factor, rel=0.05)
    # Every layer's dW about one size within a start; the starts dozens of decades apart.
    assert all(ratio < 20 for ratio in values["spread_across_layers"].values())
    medians = values["dW_norm_medians"]
    assert medians["scale 0.01"] < 1e-50 < 1e35 < medians["scale 1"]
    assert 0.1 < medians["He"] < 10


def test_a_deep_network_on_real_images():
    _, values = run(WEEK_4 / "notebooks" / "a-deep-network-on-real-images.ipynb")
    # 1797 images of 64 pixels, split 60/20/20 with every image in exactly one part.
    assert values["shapes"] == [[64, 1797], [64, 1078], [64, 360], [64, 359], [1, 1078]]
    # 182 ones, 183 threes, 182 fives, 179 sevens and 180 nines are odd.
    assert values["share_odd"] == pytest.approx(906 / 1797)
    assert values["digits_of_test_columns_match"]
    # A pixel blank in every training image but inked in a test image: with the default
    # epsilon its input is 16 / sqrt(1e-8) = 160000 times a grey level, with epsilon = 1
    # every input stays within a few standard deviations.
    largest = values["largest_default_epsilon"]
    assert largest["test"] > 1000 > 100 > largest["train"]
    assert max(values["largest_epsilon_1"]) < 20
    # Each model fits the training set better than the one before.
    costs = values["final_costs"]
    assert costs["4-layer"] < costs["2-layer"] < costs["logistic"] < math.log(2)
    accuracies = values["accuracies"]
    # Linear models reach about 90% on odd against even; the networks well above.
    assert 0.85 < accuracies["logistic regression"]["test"] < 0.96
    for name in ("2-layer", "4-layer"):
        assert accuracies[f"{name}, ours"]["test"] > 0.95
        # scikit-learn, from the same start with the same steps, predicts the same labels.
        assert accuracies[f"{name}, scikit-learn"] == accuracies[f"{name}, ours"]
        assert values["sklearn_iterations"][name] == values["num_iterations"]
        assert values["weight_difference"][name] < 1e-8
        assert values["cost_difference"][name] < 1e-10
    # What the prose says about depth: no better on the test set, and the random start
    # moves test accuracy by more than the depth does on average.
    assert accuracies["4-layer, ours"]["test"] <= accuracies["2-layer, ours"]["test"]
    seeds = values["seed_test_accuracies"]
    gap = abs(sum(seeds["4-layer"]) - sum(seeds["2-layer"])) / len(seeds["2-layer"])
    assert gap < min(max(s) - min(s) for s in seeds.values())
    # The look-alike pairs are nearly solved by logistic regression already.
    assert min(values["pair_dev_accuracies"]) >= 0.98
    mistakes, both, wrong_2, wrong_4 = values["mistakes"]
    assert mistakes == wrong_2 + wrong_4 - both


def test_why_vectorize():
    _, rows = run(WEEK_2 / "notebooks" / "why-vectorize.ipynb")
    assert {(row["n_x"], row["m"]) for row in rows} == {
        (n_x, m) for n_x in (1, 16, 256) for m in (10, 100, 1_000, 10_000, 100_000)
    }
    for row in rows:
        assert row["vectorized"] > 0
        assert (row["loops"] is not None) == (row["n_x"] * row["m"] <= 3_000_000)
    largest = max(
        (row for row in rows if row["loops"] is not None), key=lambda r: r["n_x"] * r["m"]
    )
    assert largest["loops"] / largest["vectorized"] > 1


def test_quick_tour_shows_outputs_and_one_gradient_step():
    notebook, _ = run(WEEK_2 / "quick-tour-of-jupyter-ipython-notebooks.ipynb")
    cells = code_cells(notebook)
    assert cells[0].outputs[0].data["text/plain"] == "2"  # 1 + 1
    printed = "".join(o.get("text", "") for cell in cells for o in cell.outputs)
    # One step from w = 0, b = 0 on x = (-2, -1, 1, 2), y = (0, 0, 1, 1): every a is 1/2,
    # so dw = mean(x * (a - y)) = -0.75 and db = 0; with alpha = 1, w = 0.75 and b = 0.
    assert "cost before the step: 0.6931; now w = 0.7500, b = 0.0000" in printed
    assert "printed: 6" in printed


def test_site_build_kernel_is_the_python_of_this_environment():
    spec = KernelSpecManager().get_kernel_spec(JUPYTER_SETTINGS["kernel_name"])
    assert Path(spec.argv[0]).absolute() == Path(sys.executable).absolute()


# --- The build's treatment of notebooks, on a tiny site with the project's settings ---


def notebook_with(*sources: str):
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_markdown_cell("# Probe")]
    notebook.cells += [nbformat.v4.new_code_cell(source) for source in sources]
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "language": "python",
        "display_name": "Python 3",
    }
    return notebook


def build(site: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=site,
        env={**os.environ, "PYTHONPATH": str(site / "src"), "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


@pytest.fixture
def tiny_site(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "src").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n")
    config = {
        "site_name": "probe",
        "repo_url": "https://github.com/someone/some-notes",
        "edit_uri": "edit/trunk/docs/",
        "plugins": [{"mkdocs-jupyter": JUPYTER_SETTINGS}],
        "hooks": [
            str(ROOT / "hooks" / name) for name in ("notebook_pages.py", "notebook_cache.py")
        ],
        "nav": ["index.md", {"Probe": "probe.ipynb"}],
    }
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config))
    return tmp_path


def test_build_reruns_notebooks_after_a_package_change_and_adds_the_links(tiny_site):
    nbformat.write(
        notebook_with("import probe_module\nprint(probe_module.VALUE)"),
        tiny_site / "docs" / "probe.ipynb",
    )
    page = tiny_site / "site" / "probe" / "index.html"
    for value in ("first-value", "second-value"):
        (tiny_site / "src" / "probe_module.py").write_text(f"VALUE = {value!r}\n")
        result = build(tiny_site)
        assert result.returncode == 0, result.stderr
        assert value in page.read_text(), "the page shows an output of older code"
    html = page.read_text()
    assert '<a class="md-button" href="probe.ipynb" download>' in html
    assert (tiny_site / "site" / "probe" / "probe.ipynb").is_file()
    colab = (
        "https://colab.research.google.com/github/someone/some-notes/blob/trunk/docs/probe.ipynb"
    )
    assert f'href="{colab}"' in html


def test_build_reuses_outputs_until_the_package_changes(tiny_site):
    # The cell prints a fresh random token each time it really runs.
    nbformat.write(
        notebook_with("import uuid, probe_module\nprint('token', uuid.uuid4().hex)"),
        tiny_site / "docs" / "probe.ipynb",
    )
    page = tiny_site / "site" / "probe" / "index.html"
    token = re.compile(r"token ([0-9a-f]{32})")

    def build_and_read_token():
        result = build(tiny_site)
        assert result.returncode == 0, result.stderr
        return token.search(page.read_text()).group(1)

    (tiny_site / "src" / "probe_module.py").write_text("VALUE = 1\n")
    first = build_and_read_token()
    assert build_and_read_token() == first, "an unchanged notebook and package ran again"
    (tiny_site / "src" / "probe_module.py").write_text("VALUE = 2\n")
    after_change = build_and_read_token()
    assert after_change != first, "the package changed but the cached output was served"
    assert build_and_read_token() == after_change
    cache_dirs = list((tiny_site / ".cache" / "mkdocs-jupyter").iterdir())
    assert len(cache_dirs) == 1, "the cache of the older package should have been dropped"


# A one-pixel PNG, shown the way plain IPython or matplotlib would show it: without alt.
PIXEL = (
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a5a40000000049454e44ae426082"
)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (
            "raise ValueError('broken on purpose')",
            ["Error reading page 'probe.ipynb'", "ValueError", "broken on purpose"],
        ),
        (
            f"from IPython.display import Image\nImage(data=bytes.fromhex({PIXEL!r}))",
            ["probe.ipynb: 1 image(s) without alt text"],
        ),
    ],
    ids=["cell-raises", "image-without-alt"],
)
def test_build_fails_naming_the_notebook(tiny_site, cell, expected):
    nbformat.write(notebook_with("x = 1", cell), tiny_site / "docs" / "probe.ipynb")
    result = build(tiny_site)
    assert result.returncode != 0
    for text in expected:
        assert text in result.stderr


def notebooks_site(site: Path, **sources: str) -> dict[str, Path]:
    """``tiny_site`` with one notebook per keyword, running its code; their built pages."""
    config = yaml.safe_load((site / "mkdocs.yml").read_text())
    config["nav"] = ["index.md", *({name.title(): f"{name}.ipynb"} for name in sources)]
    (site / "mkdocs.yml").write_text(yaml.safe_dump(config))
    for name, source in sources.items():
        nbformat.write(notebook_with(source), site / "docs" / f"{name}.ipynb")
    return {name: site / "site" / name / "index.html" for name in sources}


def cache_files(site: Path) -> dict[str, str]:
    """The plugin's cache files (one per notebook), by name, with their text."""
    return {
        path.name: path.read_text()
        for path in (site / ".cache" / "mkdocs-jupyter").glob("*/*.json")
    }


# A cell's output that the kernel sends in two messages, as it may a print()'s text and its
# newline: unmerged, a page shows two output boxes.
TWO_FLUSHES = "import sys\nsys.stdout.write('half'); sys.stdout.flush()\nprint(' and half')"

needs_two_cores = pytest.mark.skipif(
    (os.cpu_count() or 1) < 2, reason="one core: the hook runs no two notebooks side by side"
)


@needs_two_cores
def test_notebooks_without_outputs_run_side_by_side_into_the_plugins_own_cache(tiny_site):
    pages = notebooks_site(
        tiny_site,
        first="print('first' * 2)\n" + TWO_FLUSHES,
        second="print('second' * 2)",
        timed="import time\nstart = time.perf_counter()\nprint('timed' * 2)\n" + TWO_FLUSHES,
    )
    result = build(tiny_site)
    assert result.returncode == 0, result.stderr
    assert "notebook cache: ran 2 notebooks 2 at a time" in result.stderr
    assert "firstfirst" in pages["first"].read_text()
    assert "secondsecond" in pages["second"].read_text()
    # The notebook that times code ran alone, as its page was rendered.
    assert "Cache miss, writing: " + str(tiny_site / "docs" / "timed.ipynb") in result.stderr
    assert "timedtimed" in pages["timed"].read_text()
    # Both ways of running merged what the kernel sent in pieces into one output.
    assert "firstfirst\nhalf and half\n" in pages["first"].read_text()
    assert "timedtimed\nhalf and half\n" in pages["timed"].read_text()
    side_by_side = cache_files(tiny_site)
    assert len(side_by_side) == 3
    # With one notebook missing, the hook leaves it to mkdocs-jupyter, which writes its
    # cache file itself: the same bytes as the hook's (the timed one was the plugin's).
    for path in list((tiny_site / ".cache" / "mkdocs-jupyter").glob("*/*.json")):
        path.unlink()
        result = build(tiny_site)
        assert result.returncode == 0, result.stderr
        assert "notebook cache: ran" not in result.stderr
        assert cache_files(tiny_site) == side_by_side


@needs_two_cores
def test_a_notebook_that_fails_side_by_side_fails_the_build_with_the_plugins_message(
    tiny_site,
):
    notebooks_site(
        tiny_site, first="print('fine')", second="raise ValueError('broken on purpose')"
    )
    result = build(tiny_site)
    assert result.returncode != 0
    assert "(second.ipynb failed: the plugin runs them again)" in result.stderr
    for text in ("Error reading page 'second.ipynb'", "ValueError", "broken on purpose"):
        assert text in result.stderr


# --- The built notebook pages (hooks/notebook_pages.py) ---


def built_notebook_pages(site: Path) -> list[Path]:
    return [
        site / notebook.relative_to(DOCS).with_suffix("") / "index.html"
        for notebook in NOTEBOOKS
        if (site / notebook.relative_to(DOCS).with_suffix("") / "index.html").is_file()
    ]


def test_notebook_pages_link_their_stylesheet_instead_of_inlining_it(built_site):
    """Each page links the part of the plugin's stylesheet it can use (hooks/_unused_css.py;
    tests/browser/test_notebook_stylesheet.py shows it styles the page as the whole does)."""
    pages = built_notebook_pages(built_site)
    assert pages, "no built notebook page found"
    for page in pages:
        html = page.read_text()
        inline = sum(len(block) for block in re.findall(r"<style\b.*?</style>", html, re.DOTALL))
        # Only MathJax's small stylesheet stays inline (hooks/prerender_math.py).
        assert inline < 20_000, f"{page}: {inline} bytes of inline CSS"
        found = re.findall(r'href="([^"]*assets/stylesheets/notebook\.[0-9a-f]+\.css)"', html)
        assert len(found) == 1, f"{page}: links {found}"
        head = html[: html.index("</head>")]
        assert found[0] in head, f"{page}: links {found[0]} from its body, not its <head>"
        stylesheet = (page.parent / found[0]).resolve()
        assert stylesheet.is_file(), f"{page}: links {found[0]}, which was not written"
        css = stylesheet.read_text()
        for rule in (".jupyter-wrapper .jp-Cell", ".jupyter-wrapper .jp-OutputArea"):
            assert rule in css, f"{stylesheet.name}, linked from {page}, has no {rule!r} rule"


def test_notebook_pages_carry_no_script_that_names_another_host(built_site):
    """nbconvert writes a loader of Mermaid diagrams into every page, which would fetch
    Mermaid from a CDN; hooks/notebook_pages.py cuts it with the plugin's other dead
    scripts. The browser suite sees what a page fetches, but not a script that only fetches
    for a notebook unlike any of today's."""
    pages = built_notebook_pages(built_site)
    assert pages, "no built notebook page found"
    for page in pages:
        scripts = re.findall(r"<script\b[^>]*>(.*?)</script>", page.read_text(), re.DOTALL)
        assert scripts, f"{page}: no script at all (Material's bundle is one)"
        naming = [script[:80] for script in scripts if re.search(r"https?://", script)]
        assert not naming, f"{page}: scripts that name another host: {naming}"


def test_the_style_elements_are_cut_out_into_one_linked_stylesheet(tmp_path):
    hook = load("hooks/notebook_pages.py")
    page_html = (
        "<head><style>.a { color: red }</style>\n  <title>T</title></head><body>"
        '<STYLE type="text/css">\n.b > .c { margin: 0 }\n</style >\n<p>text</p></body>'
    )
    page = SimpleNamespace(url="week-9/notebook/")
    config = SimpleNamespace(site_dir=str(tmp_path))
    cut = hook.shared_stylesheet(page_html, page, config)
    (written,) = (tmp_path / "assets" / "stylesheets").iterdir()
    assert written.read_text() == ".a { color: red }\n.b > .c { margin: 0 }\n"
    link = f'<link rel="stylesheet" href="../../assets/stylesheets/{written.name}">'
    assert cut == f"<head>{link}<title>T</title></head><body><p>text</p></body>"
    with pytest.raises(hook.PluginError, match="not closed"):
        hook.shared_stylesheet("<style>.a { color: red }", page, config)


def test_the_stylesheet_goes_after_the_last_one_of_the_head():
    hook = load("hooks/notebook_pages.py")
    link = '<link rel="stylesheet" href="notebook.css">'
    page_html = (
        '<head><link rel="icon" href="i.png"><link rel="stylesheet" href="a.css">'
        '<link rel="stylesheet" href="b.css"><script>x()</script></head>'
        '<body><link rel="stylesheet" href="c.css"></body>'
    )
    assert hook.in_head(page_html, link) == page_html.replace('b.css">', f'b.css">\n{link}')
    assert hook.in_head("<head><title>T</title></head>", link) == (
        f"<head><title>T</title>\n{link}</head>"
    )
    with pytest.raises(hook.PluginError, match="no </head>"):
        hook.in_head("<body></body>", link)


def test_notebook_figures_are_files_next_to_the_page(built_site):
    for page in built_notebook_pages(built_site):
        html = page.read_text()
        assert "data:image/png;base64" not in html, f"{page}: a figure is still inline"
        for tag, name in re.findall(r'(<img[^>]*\bsrc="(figure-[0-9a-f]+\.png)"[^>]*>)', html):
            assert (page.parent / name).is_file(), f"{page}: {name} missing"
            assert 'loading="lazy"' in tag, f"{page}: {name} is fetched before it is needed"


def test_the_tab_key_stops_at_no_cell_or_output_of_a_notebook_page(built_site):
    """nbconvert made each cell's input and each output a stop of the Tab key, with no name
    (hooks/notebook_pages.py takes them out; what scrolls sideways still takes the focus,
    tests/browser/test_pages.py)."""
    pages = built_notebook_pages(built_site)
    assert pages, "no built notebook page found"
    for page in pages:
        html = page.read_text()
        cells = html.count('class="jp-Cell-inputWrapper"')
        assert cells >= 3, f"{page}: {cells} cells"
        stops = re.findall(r'<div class="[^"]*\bjp-[^"]*"[^>]*tabindex="0"', html)
        assert not stops, f"{page}: {stops[:3]}"


def test_a_cell_and_an_output_lose_their_tab_stop_and_nothing_else():
    hook = load("hooks/notebook_pages.py")
    cell = '<div class="jp-Cell-inputWrapper" tabindex="0">'
    output = (
        '<div class="jp-RenderedText jp-OutputArea-output" data-mime-type="text/plain"'
        ' tabindex="0">'
    )
    search = '<div class="md-search__scrollwrap" tabindex="0" data-md-scrollfix>'
    assert hook.without_tab_stops(cell + output + search) == (
        '<div class="jp-Cell-inputWrapper">'
        '<div class="jp-RenderedText jp-OutputArea-output" data-mime-type="text/plain">' + search
    )
