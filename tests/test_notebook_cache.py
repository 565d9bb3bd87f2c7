"""Each notebook's cached outputs are keyed on the code it runs, and on nothing else.

The build-level behaviour (outputs reused until the code changes, old folders dropped) is
tested in tests/test_notebooks.py; these tests pin down what changes a notebook's key.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from by_path import load

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def hook():
    return load("hooks/notebook_cache.py")


@pytest.fixture
def project(tmp_path):
    """A package ``pkg`` with two modules, and a notebook that imports one of them."""
    package = tmp_path / "src" / "pkg"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text('"""The package."""\n')
    (package / "used.py").write_text(
        '"""Imported by the notebook."""\n\nfrom pkg import helper\n\n'
        "def value():\n    return helper.BASE + 1  # one more\n"
    )
    (package / "helper.py").write_text("BASE = 41\n")
    (package / "unused.py").write_text("def other():\n    return 0\n")
    notebook = {
        "cells": [
            {"cell_type": "markdown", "source": ["import pkg.unused is only prose here"]},
            {
                "cell_type": "code",
                "source": ["%matplotlib inline\n", "from pkg.used import value"],
            },
        ]
    }
    (tmp_path / "probe.ipynb").write_text(json.dumps(notebook))
    (tmp_path / "requirements.lock").write_text("numpy==2.4.0\n")
    return tmp_path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def test_the_modules_followed_are_those_the_notebook_imports_and_theirs(hook, project):
    modules = hook.notebook_modules(project / "probe.ipynb", project / "src")
    assert sorted(modules) == ["pkg", "pkg.helper", "pkg.used"]


@pytest.mark.parametrize(
    ("file", "old", "new"),
    [
        ("src/pkg/used.py", "# one more", "# add one to the base"),
        ("src/pkg/used.py", "Imported by the notebook.", "Used by the notebook."),
        ("src/pkg/__init__.py", "The package.", "The whole package."),
        ("src/pkg/unused.py", "return 0", "return 1"),
    ],
    ids=["comment", "module docstring", "package docstring", "code no notebook imports"],
)
def test_edits_that_cannot_change_the_outputs_keep_the_key(hook, project, file, old, new):
    before = hook.notebook_key(project / "probe.ipynb", project)
    edit(project / file, old, new)
    assert hook.notebook_key(project / "probe.ipynb", project) == before


@pytest.mark.parametrize(
    ("file", "old", "new"),
    [
        ("src/pkg/used.py", "+ 1", "+ 2"),
        ("src/pkg/helper.py", "41", "40"),
        ("requirements.lock", "2.4.0", "2.4.1"),
    ],
    ids=["imported module", "module imported by an imported module", "pinned dependency"],
)
def test_edits_to_the_code_a_notebook_runs_change_its_key(hook, project, file, old, new):
    before = hook.notebook_key(project / "probe.ipynb", project)
    edit(project / file, old, new)
    assert hook.notebook_key(project / "probe.ipynb", project) != before


def test_only_the_notebooks_that_time_code_are_kept_from_running_side_by_side(hook):
    notebooks = sorted((ROOT / "docs").rglob("*.ipynb"))
    timing = {path.name for path in notebooks if hook.times_code(path)}
    assert timing == {"quick-tour-of-jupyter-ipython-notebooks.ipynb", "why-vectorize.ipynb"}
    assert len(notebooks) - len(timing) >= 2


def test_a_notebook_left_out_of_the_site_is_not_run_ahead(hook, project):
    """exclude_docs keeps a file in MkDocs' list, marked excluded, and no page is built for
    it, so running it ahead of the build only costs time: 29 s of each notebook-free build
    in tests/test_rot.py did, before this was checked. mkdocs-jupyter's own on_files runs
    first, as in a build, and hands on its wrapped files."""
    import pathspec
    from mkdocs.structure.files import File, Files
    from mkdocs_jupyter.plugin import Plugin

    plugin = Plugin()
    errors, _ = plugin.load_config({"execute": True})
    assert errors == []
    (project / "left-out.ipynb").write_bytes((project / "probe.ipynb").read_bytes())
    site = str(project / "site")
    config = {
        "use_directory_urls": True,
        "site_dir": site,
        "exclude_docs": pathspec.gitignore.GitIgnoreSpec.from_lines(["left-*.ipynb"]),
    }
    names = ("probe.ipynb", "left-out.ipynb")
    files = Files([File(name, str(project), site, use_directory_urls=True) for name in names])
    files = plugin.on_files(files, config)
    missing = hook.missing_outputs(plugin, files, config, project)
    assert sorted(path.name for path in missing) == ["probe.ipynb"]


def test_the_conversion_runs_nbconverts_own_preprocessors_merging_streams_after_the_run(hook):
    from nbconvert.exporters.exporter import Exporter

    own = list(Exporter().default_preprocessors)
    coalesce = "nbconvert.preprocessors.CoalesceStreamsPreprocessor"
    run = "nbconvert.preprocessors.ExecutePreprocessor"
    # nbconvert's order, but for the one moved
    assert sorted(hook.RUN_THEN_MERGE) == sorted(own)
    assert [name for name in hook.RUN_THEN_MERGE if name != coalesce] == [
        name for name in own if name != coalesce
    ]
    assert hook.RUN_THEN_MERGE.index(coalesce) == hook.RUN_THEN_MERGE.index(run) + 1
    # where the merge already follows the run, or one of the two is gone
    assert hook.run_then_merge(["a", run, coalesce, "b"]) == ["a", run, coalesce, "b"]
    assert hook.run_then_merge([coalesce, "a", run, "b"]) == ["a", run, coalesce, "b"]
    with pytest.raises(PluginError, match="CoalesceStreamsPreprocessor"):
        hook.run_then_merge(["a", run])

    from mkdocs_jupyter import nbconvert2

    app = hook.configure_conversion(nbconvert2.get_nbconvert_app(execute=True))
    exporter = nbconvert2.HTMLExporter(config=app.config)
    enabled = [type(p).__name__ for p in exporter._preprocessors if getattr(p, "enabled", True)]
    assert enabled.index("CoalesceStreamsPreprocessor") > enabled.index("ExecutePreprocessor")
    # The kernel's sockets: files at an absolute path of this process's own, not TCP ports
    # two kernels starting side by side could both be handed (nor files in the notebook's
    # folder, where a relative path put them when the kernel ran there).
    assert app.config.KernelManager.transport == "ipc"
    assert Path(app.config.KernelManager.ip).is_absolute()
    assert str(os.getpid()) in Path(app.config.KernelManager.ip).name
