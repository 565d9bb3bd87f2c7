"""The build refuses to rot: each way an edit can break the docs turns ``make test`` red.

Every test takes a fresh copy of the project, breaks one thing, runs the check that
``make test`` runs for it (the same pytest module, or ``mkdocs build --strict``), and asserts
that the check fails with a message naming the file and the fault. A fault that only a
reader would notice is a fault this suite is missing.

Speed: the copies share the worktree's .venv and node_modules, and start with the
worktree's typeset formulas, drawn diagrams and the day's timings (``.cache/``: each entry
is keyed on what it was made from, so an edit a test makes misses the cache and is typeset,
drawn or measured anew).
The build-based cases build only the pages their faults are put on, and the home page
(``rot.yml`` below inherits mkdocs.yml and excludes every other page and the notebooks):
most of a build of all the pages was spent on pages no fault touches. Only the notebook
cases run a kernel, on a one-page site.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
NOT_COPIED = shutil.ignore_patterns(
    ".git",
    ".venv",
    ".lock-venv",
    "node_modules",
    "site",
    ".cache",
    ".pytest_cache",
    ".hypothesis",
    ".ruff_cache",
    "__pycache__",
    "*.egg-info",
    "screenshots",
    "reports",
)
# Typeset formulas (hooks/prerender_math.py) and drawn diagrams (hooks/figures.py); a cold
# rot.yml build spent 6 of its 11 s making them again. The timings of the day
# (hooks/timings.py), keyed on the package's code: 7.0 s against 5.8 s per rot.yml build
# without and with them, 3 interleaved builds each. The compiled templates
# (hooks/template_cache.py): this module took 74.3 s without them and 70.3 s with them.
REUSED_CACHES = (
    ".cache/prerender-math",
    ".cache/figures",
    ".cache/timings.json",
    ".cache/jinja",
)
MARKER = re.compile(r"^\s*# --8<-- \[(?P<kind>start|end):(?P<name>[\w-]+)\]\s*$")
INCLUDE = re.compile(r'^\s*--8<-- "(?P<path>src/[^":]+):(?P<section>[\w-]+)"\s*$')
DEFINITION = re.compile(r"^\s*(?:async\s+)?def\s+(?P<name>\w+)")
EXAMPLE_IMPORT = re.compile(r"^\s*>>> from coursecode(?:\.\w+)? import (?P<names>[\w, ]+)$")


# --- running the checks in a copy -------------------------------------------------------


class Project:
    """A throwaway copy of the project, with helpers to break it and to run its checks."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def file(self, relative: str) -> Path:
        return self.path / relative

    def edit(self, relative: str, old: str, new: str) -> None:
        path = self.file(relative)
        text = path.read_text()
        assert text.count(old) == 1, f"{relative}: expected {old!r} exactly once"
        path.write_text(text.replace(old, new))

    def append(self, relative: str, text: str) -> int:
        """Append ``text`` to a file; return the line number it starts on."""
        path = self.file(relative)
        before = path.read_text()
        if not before.endswith("\n"):
            before += "\n"
        path.write_text(before + text)
        return before.count("\n") + 1

    def run(self, *command: str, **env: str) -> subprocess.CompletedProcess:
        environment = {
            key: value
            for key, value in os.environ.items()
            if key not in {"SITE_DIR", "REQUIRE_BROWSER", "PYTEST_ADDOPTS", "PYTHONPATH"}
        }
        # The venv holds coursecode as an editable install of the worktree; the copy's own
        # src must win, also inside notebook kernels (they inherit the environment).
        environment.update(PYTHONPATH=str(self.path / "src"), NO_MKDOCS_2_WARNING="1", **env)
        result = subprocess.run(
            command,
            cwd=self.path,
            env=environment,
            capture_output=True,
            text=True,
            timeout=300,
        )
        result.output = result.stdout + result.stderr
        return result

    def pytest(self, *args: str, **env: str) -> subprocess.CompletedProcess:
        return self.run(sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *args, **env)

    def build(
        self, config: str = "rot.yml", site: str = "rot-site"
    ) -> subprocess.CompletedProcess:
        return self.run(
            sys.executable, "-m", "mkdocs", "build", "--strict", "-f", config, "-d", site
        )


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for its plugin list; the values of MkDocs' own tags do not matter."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def load_mkdocs_yml(path: Path) -> dict:
    with path.open() as stream:
        return yaml.load(stream, Loader=_ConfigLoader)


def plugin_name(entry) -> str:
    return next(iter(entry)) if isinstance(entry, dict) else entry


def notebook_patterns(config: dict) -> list[str]:
    """The file patterns that mkdocs-jupyter turns into pages ([] without the plugin)."""
    for entry in config.get("plugins") or []:
        if plugin_name(entry) == "mkdocs-jupyter":
            options = (entry["mkdocs-jupyter"] if isinstance(entry, dict) else None) or {}
            return options.get("include", ["*.py", "*.ipynb", "*.md"])
    return []


def write_config_of_pages(project: Path, pages: list[Path]) -> None:
    """rot.yml: the site as configured, with only the home page and ``pages`` built.

    Every other page and the notebook sources are excluded from the build (links to them
    are then only reported at INFO level) and the nav is left to MkDocs, which lists the
    remaining pages; plugins and hooks stay as they are, and links and anchors are checked
    as usual. A build of every page but the notebooks took 6 to 7 s, one of two pages 2.5
    to 3.3 s.
    """
    config = load_mkdocs_yml(project / "mkdocs.yml")
    notebooks = [pattern for pattern in notebook_patterns(config) if pattern != "*.md"]
    docs = project / "docs"
    kept = [f"!/{page.relative_to(docs).as_posix()}" for page in [docs / "index.md", *pages]]
    excluded = [config.get("exclude_docs") or "", *notebooks, "*.md", *kept]
    child = {
        "INHERIT": "mkdocs.yml",
        "nav": None,
        "exclude_docs": "\n".join(filter(None, excluded)) + "\n",
    }
    (project / "rot.yml").write_text(yaml.safe_dump(child, sort_keys=False))


@pytest.fixture(scope="session")
def template(tmp_path_factory) -> Path:
    """One clean copy of the project; each test copies it again before breaking it."""
    copy = tmp_path_factory.mktemp("rot") / "template"
    shutil.copytree(ROOT, copy, ignore=NOT_COPIED, symlinks=True)
    (copy / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    for cache in REUSED_CACHES:
        if (ROOT / cache).is_dir():
            shutil.copytree(ROOT / cache, copy / cache)
        elif (ROOT / cache).is_file():
            shutil.copy2(ROOT / cache, copy / cache)
    write_config_of_pages(copy, [fault_page(Project(copy)), linking_page(Project(copy))])
    return copy


@pytest.fixture
def project(template, tmp_path) -> Project:
    copy = tmp_path / "project"
    shutil.copytree(template, copy, symlinks=True)
    return Project(copy)


def rel(project: Project, path: Path) -> str:
    return path.relative_to(project.path).as_posix()


# --- finding something to break (from the project itself, not a fixed list) ------------


def pages(project: Project) -> list[Path]:
    return sorted((project.path / "docs").rglob("*.md"))


def includes(project: Project) -> list[tuple[Path, int, str, str]]:
    """(page, line number, source path, section) for every section include on every page."""
    found = []
    for page in pages(project):
        for number, line in enumerate(page.read_text().splitlines(), start=1):
            match = INCLUDE.match(line)
            if match:
                found.append((page, number, match["path"], match["section"]))
    assert found, "no page includes a section of src: nothing to break"
    return found


def fault_page(project: Project) -> Path:
    """The page most faults are put on: the first that includes a section of src."""
    return includes(project)[0][0]


def linking_page(project: Project) -> Path:
    """The page that links into ``fault_page``: the first of the others."""
    target = fault_page(project)
    return next(page for page in pages(project) if page != target)


def example_imports(project: Project) -> list[tuple[Path, str]]:
    """(page, name) for every name a page's examples import from coursecode."""
    found = [
        (page, name)
        for page in pages(project)
        for line in page.read_text().splitlines()
        if (match := EXAMPLE_IMPORT.match(line))
        for name in (part.strip() for part in match["names"].split(","))
    ]
    assert found, "no page example imports from coursecode"
    return found


def function_sections(project: Project) -> list[tuple[str, str, int]]:
    """(source path, name, line of its start marker) of included sections that define name."""
    found = []
    for _, _, source, section in includes(project):
        lines = project.file(source).read_text().splitlines()
        for number, line in enumerate(lines, start=1):
            if line.strip() == f"# --8<-- [start:{section}]":
                definition = DEFINITION.match(lines[number]) if number < len(lines) else None
                if definition and definition["name"] == section:
                    found.append((source, section, number))
    assert found, "no included section defines a function named like it"
    return sorted(set(found))


def rename_in_src(project: Project, old: str, new: str, *, markers: bool) -> None:
    """Rename a Python name across src/ the way an editor's refactoring would."""
    word = re.compile(rf"\b{re.escape(old)}\b")
    for path in (project.path / "src").rglob("*.py"):
        lines = path.read_text().splitlines(keepends=True)
        renamed = [
            line if (MARKER.match(line) and not markers) else word.sub(new, line) for line in lines
        ]
        path.write_text("".join(renamed))


def assert_fails_naming(result: subprocess.CompletedProcess, *expected: str) -> None:
    assert result.returncode != 0, f"the check passed on a broken project:\n{result.output}"
    missing = [text for text in expected if text not in result.output]
    assert not missing, f"the failure does not mention {missing}:\n{result.output}"


# --- baselines: the untouched copy passes every check used below ------------------------


def test_an_untouched_copy_passes_the_checks_the_faults_must_fail(project):
    # The page whose examples the renaming fault breaks; every other page's examples run
    # in the suite itself, on the same files (all of docs/ took most of this test's time).
    page, _ = example_imports(project)[0]
    snippets = project.pytest("tests/test_snippets.py", "tests/test_guards.py", rel(project, page))
    assert snippets.returncode == 0, snippets.output
    build = project.build()
    assert build.returncode == 0, build.output


# --- snippets ---------------------------------------------------------------------------


def test_an_include_of_a_section_that_does_not_exist_fails(project):
    page, number, source, section = includes(project)[0]
    line = f'--8<-- "{source}:{section}"'
    text = page.read_text().replace(line, f'--8<-- "{source}:{section}_gone"', 1)
    page.write_text(text)
    result = project.pytest("tests/test_snippets.py")
    assert_fails_naming(
        result, f"{rel(project, page)}:{number}", f"has no section '{section}_gone'"
    )


def test_a_section_whose_end_marker_was_deleted_fails(project):
    _, _, source, section = includes(project)[0]
    end = f"# --8<-- [end:{section}]"
    path = project.file(source)
    lines = path.read_text().splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines, 1) if f"[start:{section}]" in line)
    path.write_text("".join(line for line in lines if line.strip() != end))
    result = project.pytest("tests/test_snippets.py")
    assert_fails_naming(result, f"{source}:{start}", f"[start:{section}] has no [end:{section}]")


def test_a_code_block_typed_by_hand_on_a_page_fails(project):
    page = fault_page(project)
    number = project.append(
        rel(project, page), "\n```python\ndef sigmoid(z):\n    return 1 / (1 + exp(-z))\n```\n"
    )
    result = project.pytest("tests/test_snippets.py")
    assert_fails_naming(
        result, f"{rel(project, page)}:{number + 1}", "a python code block typed by hand"
    )


# --- links ------------------------------------------------------------------------------


def test_a_broken_link_between_lessons_fails_the_build(project):
    page = fault_page(project)
    project.append(rel(project, page), "\nRead on in [the next lesson](no-such-lesson.md).\n")
    result = project.build()
    docs_path = page.relative_to(project.path / "docs").as_posix()
    assert_fails_naming(result, f"'{docs_path}'", "'no-such-lesson.md'", "not found")


def test_a_link_to_a_missing_anchor_fails_the_build(project):
    target, page = fault_page(project), linking_page(project)
    link = os.path.relpath(target, page.parent).replace(os.sep, "/")
    project.append(rel(project, page), f"\nSee [the cost]({link}#no-such-section).\n")
    result = project.build()
    docs_path = page.relative_to(project.path / "docs").as_posix()
    assert_fails_naming(
        result, f"'{docs_path}'", f"'{link}#no-such-section'", "does not contain an anchor"
    )


# --- formulas ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("formula", "message"),
    [
        (
            "$$\n" r"J = \left( \frac{1}{m} \sum_{i=1}^{m} \mathcal{L}^{(i)}" "\n$$",
            r"missing \right",
        ),
        (r"$\sigmoid(z)$", r"Undefined control sequence \sigmoid"),
    ],
    ids=["unbalanced-left", "undefined-macro"],
)
def test_a_formula_with_a_tex_error_fails_the_build(project, formula, message):
    page = fault_page(project)
    number = project.append(rel(project, page), f"\nA formula:\n\n{formula}\n")
    result = project.build()
    # Appended: a blank line, "A formula:", a blank line, then the formula, whose TeX starts
    # on the line after "$$" (display) or on the same line as "$" (inline).
    line = number + 4 if formula.startswith("$$") else number + 3
    assert_fails_naming(result, f"{rel(project, page)}:{line}", message)


# --- diagrams ---------------------------------------------------------------------------


def test_a_page_asking_for_a_diagram_that_does_not_exist_fails_the_build(project):
    page = fault_page(project)
    number = project.append(rel(project, page), "\n![A figure.](diagram:no-such-diagram)\n")
    result = project.build()
    assert_fails_naming(
        result, f"{rel(project, page)}:{number + 1}", "unknown diagram 'no-such-diagram'"
    )


# --- src renamed while a page still shows it --------------------------------------------


def test_a_function_renamed_in_src_but_not_its_section_fails(project):
    source, name, start = function_sections(project)[0]
    rename_in_src(project, name, f"{name}_renamed", markers=False)
    result = project.pytest("tests/test_snippets.py")
    assert_fails_naming(
        result,
        f"{source}:{start}",
        f"section '{name}' starts with the definition of '{name}_renamed'",
    )


def test_a_function_renamed_in_src_with_its_section_fails_on_the_including_page(project):
    source, name, _ = function_sections(project)[0]
    page, number, _, _ = next(
        include for include in includes(project) if include[2:] == (source, name)
    )
    rename_in_src(project, name, f"{name}_renamed", markers=True)
    result = project.pytest("tests/test_snippets.py")
    assert_fails_naming(result, f"{rel(project, page)}:{number}", f"has no section '{name}'")


def test_a_function_renamed_in_src_fails_the_page_examples_that_import_it(project):
    page, name = example_imports(project)[0]
    rename_in_src(project, name, f"{name}_renamed", markers=True)
    result = project.pytest(rel(project, page))
    assert_fails_naming(result, rel(project, page), f"cannot import name '{name}'")


# --- notebooks --------------------------------------------------------------------------


def notebook_cells(*sources: str, markdown: str = "") -> str:
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": f"# Rot check\n\n{markdown}"},
        *(
            {
                "cell_type": "code",
                "execution_count": None,
                "metadata": {},
                "outputs": [],
                "source": source,
            }
            for source in sources
        ),
    ]
    return json.dumps(
        {
            "cells": cells,
            "metadata": {
                "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}
            },
            "nbformat": 4,
            "nbformat_minor": 5,
        }
    )


def one_notebook_site(
    project: Project, cells: tuple[str, ...], *, markdown: str = "", home: str = ""
) -> str:
    """A site of one notebook page, built with the project's own mkdocs-jupyter settings."""
    config = load_mkdocs_yml(project.file("mkdocs.yml"))
    jupyter = [
        entry for entry in config.get("plugins", []) if plugin_name(entry) == "mkdocs-jupyter"
    ]
    if not jupyter:
        pytest.fail(
            "mkdocs.yml does not configure the mkdocs-jupyter plugin, so no notebook is "
            "executed by the build and a notebook cell that raises would go unnoticed"
        )
    docs = project.file("rot-docs")
    (docs / "notebooks").mkdir(parents=True)
    for assets in ("javascripts", "stylesheets"):  # what every page links to
        shutil.copytree(project.file(f"docs/{assets}"), docs / assets)
    (docs / "index.md").write_text(f"# Rot check\n\n{home}\n")
    (docs / "notebooks" / "rot-check.ipynb").write_text(notebook_cells(*cells, markdown=markdown))
    child = {
        "INHERIT": "mkdocs.yml",
        "docs_dir": "rot-docs",
        "nav": ["index.md", {"Rot check": "notebooks/rot-check.ipynb"}],
    }
    project.file("rot-notebook.yml").write_text(yaml.safe_dump(child, sort_keys=False))
    return "rot-notebook.yml"


def test_a_notebook_that_runs_cleanly_builds(project):
    config = one_notebook_site(project, ("from coursecode import sigmoid\nsigmoid(0.0)",))
    result = project.build(config)
    assert result.returncode == 0, result.output


def test_a_notebook_cell_that_raises_fails_the_build(project):
    config = one_notebook_site(
        project, ("from coursecode import sigmoid\nsigmoid(0.0)", "1 / 0  # rot: this raises")
    )
    result = project.build(config)
    assert_fails_naming(result, "notebooks/rot-check.ipynb", "ZeroDivisionError")


# --- notebooks: links, anchors and images that MkDocs does not check -----------------------


@pytest.mark.parametrize(
    ("markdown", "home", "expected"),
    [
        (
            "Read [the next lesson](../no-such-lesson/).",
            "",
            ["notebooks/rot-check/index.html", "'../no-such-lesson/' points at nothing"],
        ),
        (
            "Back to [the start](../../#no-such-section).",
            "",
            ["notebooks/rot-check/index.html", "has no anchor #no-such-section"],
        ),
        (
            "![The cost falling](cost-curve.png)",
            "",
            ["notebooks/rot-check/index.html", "'cost-curve.png' points at nothing"],
        ),
        (
            "",
            "See [the notebook's table](notebooks/rot-check.ipynb#no-such-table).",
            ["index.html", "has no anchor #no-such-table"],
        ),
    ],
    ids=["notebook-link", "notebook-anchor", "notebook-image", "anchor-into-notebook"],
)
def test_a_broken_link_or_image_in_or_into_a_notebook_fails_the_build(
    project, markdown, home, expected
):
    config = one_notebook_site(
        project, ("from coursecode import sigmoid",), markdown=markdown, home=home
    )
    result = project.build(config)
    assert_fails_naming(result, "broken link", *expected)


# --- hand-typed code where the fence scan cannot see it ---------------------------------


def test_code_typed_in_an_indented_block_fails(project):
    page = fault_page(project)
    number = project.append(
        rel(project, page), "\nThe sigmoid, typed out:\n\n    def sigmoid(z):\n        return z\n"
    )
    result = project.pytest("tests/test_snippets.py")
    assert_fails_naming(result, f"{rel(project, page)}:{number + 3}", "code typed by hand")


def test_a_code_fence_in_a_notebook_markdown_cell_fails(project):
    notebook = sorted((project.path / "docs").rglob("*.ipynb"))[0]
    content = json.loads(notebook.read_text())
    content["cells"].append(
        {"cell_type": "markdown", "metadata": {}, "source": "```python\nw = w - 0.1 * dw\n```"}
    )
    notebook.write_text(json.dumps(content))
    result = project.pytest("tests/test_snippets.py")
    assert_fails_naming(
        result, rel(project, notebook), f"Markdown cell {len(content['cells'])} shows code"
    )


# --- the settings that keep the build strict ----------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("check_paths: true", "check_paths: false", "needs check_paths: true"),
        ("watch:\n  - src/coursecode\n", "", "watch must list src/coursecode"),
        ("allow_errors: false", "allow_errors: true", "needs allow_errors: false"),
    ],
    ids=["check_paths", "watch", "allow_errors"],
)
def test_switching_off_a_strictness_setting_fails(project, old, new, message):
    project.edit("mkdocs.yml", old, new)
    result = project.pytest("tests/test_guards.py")
    assert_fails_naming(result, "mkdocs.yml", message)


def test_a_failing_page_example_switched_off_with_skip_fails(project):
    page = next(page for page in pages(project) if "```pycon" in page.read_text())
    number = project.append(
        rel(project, page), "\n```pycon\n>>> 1 + 1  # doctest: +SKIP\n3\n```\n"
    )
    result = project.pytest("tests/test_guards.py")
    assert_fails_naming(result, f"{rel(project, page)}:{number + 2}", "switched off")
