"""The timing code and the build hook that prints its results: structure, not speed.

Nothing here asserts how fast anything is; the numbers are measured by the site build.
"""

import datetime
import itertools
import re
from types import SimpleNamespace

import numpy as np
import pytest
from mkdocs.exceptions import PluginError

from by_path import load
from coursecode.speed import timing
from coursecode.speed.timing import Comparison, Machine, Timing, best_time, describe_machine

TIMES = "\N{MULTIPLICATION SIGN}"


def fake_clock(step):
    """A clock that advances by ``step`` seconds every time it is read."""
    ticks = itertools.count()
    return lambda: next(ticks) * step


def test_best_time_runs_until_the_budget_is_spent():
    calls = []
    # every call "takes" 0.1 s: after 3 calls 0.3 s >= 0.25 s are spent
    seconds, runs, result = best_time(
        lambda: calls.append(1) or len(calls), budget_seconds=0.25, clock=fake_clock(0.1)
    )
    assert (runs, result, len(calls)) == (3, 3, 3)
    assert seconds == pytest.approx(0.1)


def test_best_time_runs_at_least_once_and_at_most_max_runs():
    assert best_time(lambda: None, budget_seconds=0.0, clock=fake_clock(1.0))[1] == 1
    assert best_time(lambda: None, budget_seconds=1e9, max_runs=7, clock=fake_clock(1.0))[1] == 7


def test_best_time_keeps_the_shortest_call():
    times = iter([0.0, 0.5, 1.0, 1.2, 2.0, 2.9])  # calls of 0.5, 0.2 and 0.9 s
    seconds, runs, _ = best_time(lambda: None, budget_seconds=1.5, clock=lambda: next(times))
    assert runs == 3
    assert seconds == pytest.approx(0.2)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"budget_seconds": -1.0}, "budget_seconds must be 0 or more"),
        ({"max_runs": 0}, "max_runs"),
    ],
)
def test_best_time_refuses_bad_settings(kwargs, message):
    with pytest.raises(ValueError, match=message):
        best_time(lambda: None, **kwargs)


@pytest.mark.parametrize(
    ("name", "kwargs", "implementations"),
    [
        ("dot_product", {"n": 500}, ["dot_loop", "dot_vectorized"]),
        ("matrix_vector", {"n": 15}, ["matrix_vector_loop", "matrix_vector_vectorized"]),
        ("exp", {"n": 300}, ["elementwise_loop", "elementwise_vectorized"]),
        (
            "gradients",
            {"n_x": 4, "m": 30},
            ["gradients_two_loops", "gradients_one_loop", "gradients_vectorized"],
        ),
    ],
)
def test_every_comparison_times_every_implementation_on_agreeing_outputs(
    name, kwargs, implementations
):
    comparison = timing.COMPARISONS[name](**kwargs, budget_seconds=0.0)
    assert isinstance(comparison, Comparison)
    assert [t.implementation for t in comparison.timings] == implementations
    for t in comparison.timings:
        assert t.runs == 1  # a budget of 0 means one call each
        assert 0 < t.seconds < 60
    assert 0 <= comparison.largest_difference < 1e-12
    assert comparison.blas_threads == 1
    assert re.search(r"\d", comparison.task)  # the size is part of the description


def test_comparisons_refuse_bad_sizes_and_disagreeing_implementations(monkeypatch):
    with pytest.raises(ValueError, match=r"n must be a whole number, 1 or more; got 0"):
        timing.compare_dot_product(0)
    with pytest.raises(ValueError, match=r"blas_threads must be None or a whole number"):
        timing.compare_dot_product(10, blas_threads=0)
    monkeypatch.setattr(timing, "dot_vectorized", lambda a, b, check_finite: 1.0 + np.dot(a, b))
    with pytest.raises(RuntimeError, match=r"dot product .* disagree"):
        timing.compare_dot_product(10, budget_seconds=0.0)


def test_blas_threads_none_leaves_blas_alone():
    comparison = timing.compare_dot_product(10, budget_seconds=0.0, blas_threads=None)
    assert comparison.blas_threads is None


def test_describe_machine_reads_the_model_name(tmp_path):
    cpuinfo = tmp_path / "cpuinfo"
    cpuinfo.write_text("processor\t: 0\nvendor_id\t: Acme\nmodel name\t: Acme Turbo 9000\n")
    machine = describe_machine(cpuinfo)
    assert machine.cpu == "Acme Turbo 9000"
    assert machine.numpy == np.__version__
    assert machine.cores >= 1
    assert re.fullmatch(r"\d+\.\d+\.\d+.*", machine.python)
    assert describe_machine(tmp_path / "missing").cpu  # falls back to something non-empty


# The hook: formatting and placeholders, with a fixed, fake measurement.

FAKE = Comparison(
    task="dot product of two vectors, n = 3",
    timings=(Timing("dot_loop", 0.25, 1), Timing("dot_vectorized", 0.0005, 200)),
    largest_difference=2.5e-16,
    blas_threads=1,
)
MACHINE = Machine(cpu="Acme Turbo 9000", cores=2, python="3.11.7", numpy="2.4.0")


@pytest.fixture
def hook(monkeypatch):
    module = load("hooks/timings.py", name="timings_hook")
    monkeypatch.setattr(module, "COMPARISONS", {"dot_product": lambda: FAKE})
    monkeypatch.setattr(module, "describe_machine", lambda: MACHINE)
    return module


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (1.5, "1.50 s"),
        (0.25, "250 ms"),
        (0.0005, "500 µs"),
        (2.5e-8, "25.0 ns"),
        (0.99996, "1.00 s"),
    ],
)
def test_format_seconds(hook, seconds, text):
    assert hook.format_seconds(seconds) == text


def test_placeholder_becomes_a_stamped_table(hook):
    page = "Before.\n\n<!-- timings: dot_product -->\n\nAfter.\n"
    html = hook.render(page, "week-2/vectorization.md")
    assert "<!--" not in html
    assert html.startswith("Before.\n\n")
    assert html.endswith("\n\nAfter.\n")
    assert f"| `dot_loop` | 250 ms | 1 | 1{TIMES} |" in html
    assert f"| `dot_vectorized` | 500 µs | 200 | 500{TIMES} faster |" in html
    today = datetime.datetime.now(datetime.UTC).date().isoformat()
    for part in (
        today,
        "Acme Turbo 9000",
        "2 cores",
        "NumPy 2.4.0",
        "n = 3",
        "2.5e-16",
        "1 thread",
    ):
        assert part in html


def in_project(hook, tmp_path):
    """Start a build of a project in ``tmp_path``, with a disk cache of its own."""
    package = tmp_path / "src" / "coursecode"
    if not package.exists():
        package.mkdir(parents=True)
        (package / "__init__.py").write_text("SIZE = 3\n")
    hook._measured.clear()  # as in a new process
    hook.on_pre_build(SimpleNamespace(config_file_path=str(tmp_path / "mkdocs.yml")))


def test_a_later_build_on_the_same_day_machine_and_code_reuses_the_kept_table(
    hook, monkeypatch, tmp_path
):
    calls = []
    monkeypatch.setattr(hook, "COMPARISONS", {"dot_product": lambda: calls.append(1) or FAKE})
    page = "<!-- timings: dot_product -->"
    in_project(hook, tmp_path)
    first = hook.render(page, "a.md")
    in_project(hook, tmp_path)
    assert hook.render(page, "a.md") == first
    assert len(calls) == 1

    tomorrow = hook.today() + datetime.timedelta(days=1)
    monkeypatch.setattr(hook, "today", lambda: tomorrow)
    in_project(hook, tmp_path)
    assert tomorrow.isoformat() in hook.render(page, "a.md")
    assert len(calls) == 2

    monkeypatch.setattr(hook, "describe_machine", lambda: MACHINE._replace(cores=1))
    in_project(hook, tmp_path)
    assert "1 core available" in hook.render(page, "a.md")
    assert len(calls) == 3

    # the package's code: a comment changes nothing, code does
    code = tmp_path / "src" / "coursecode" / "__init__.py"
    code.write_text("# the size\nSIZE = 3\n")
    in_project(hook, tmp_path)
    hook.render(page, "a.md")
    assert len(calls) == 3
    code.write_text("SIZE = 4\n")
    in_project(hook, tmp_path)
    hook.render(page, "a.md")
    assert len(calls) == 4

    for broken in ("{not json", "[1, 2]", '{"dot_product": 3}'):
        (tmp_path / ".cache" / "timings.json").write_text(broken)
        in_project(hook, tmp_path)
        assert hook.render(page, "a.md")
    assert len(calls) == 7


def test_each_comparison_is_measured_once_per_process(hook, monkeypatch):
    calls = []
    monkeypatch.setattr(hook, "COMPARISONS", {"dot_product": lambda: calls.append(1) or FAKE})
    page = "<!-- timings: dot_product -->"
    assert hook.render(page, "a.md") == hook.render(page, "b.md")
    assert len(calls) == 1


@pytest.mark.parametrize(
    ("page", "message"),
    [
        (
            "<!-- timings: dot_prodcut -->",
            r"a.md: unknown timings placeholder '<!-- timings: dot_prodcut -->'; "
            r"NAME must be one of \['dot_product'\]",
        ),
        (
            "<!-- timings dot_product -->",
            r"a.md: malformed timings placeholder '<!-- timings dot_product -->'",
        ),
        ("<!--timings: dot_product-->", r"a.md: malformed timings placeholder"),
        ("<!-- timing: dot_product -->", r"a.md: malformed timings placeholder"),
        ("<!-- timings: 0.12 s -->", r"a.md: malformed timings placeholder"),
    ],
)
def test_unknown_or_malformed_placeholders_stop_the_build(hook, page, message):
    with pytest.raises(PluginError, match=message):
        hook.render(f"text\n\n{page}\n", "a.md")


def test_other_comments_are_left_alone(hook):
    page = "<!-- a note for editors -->\n"
    assert hook.render(page, "a.md") == page
