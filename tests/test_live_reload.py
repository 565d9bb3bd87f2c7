"""``make serve`` rebuilds the pages an edit can change (hooks/live_reload.py).

Under ``mkdocs serve --dirty`` MkDocs rebuilds a page when that page's File says it is
modified; the hook says so for pages whose included code or notebook code changed, and for
every page when something all pages share changed. These tests run the hook's events on a
small project, as MkDocs would between two rebuilds, and check which pages it marks.
(``tools/measure_reload.py`` times the real thing.)
"""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.structure.files import File, Files

from by_path import load

ROOT = Path(__file__).resolve().parents[1]


PAGES = {
    "one.md": '# One\n\n```python\n--8<-- "src/pkg/a.py:first"\n```\n',
    "two.md": "# Two\n\n```python\n--8<-- 'src/pkg/b.py'\n```\n",
    "plain.md": "# Plain\n\nNo code.\n",
}


class NotebookFile(File):
    """A notebook, which mkdocs-jupyter makes a page (MkDocs alone copies it)."""

    def is_documentation_page(self) -> bool:
        return True


class Project:
    def __init__(self, path: Path) -> None:
        self.path = path
        (path / "src" / "pkg").mkdir(parents=True)
        (path / "docs").mkdir()
        (path / "mkdocs.yml").write_text("site_name: test\n")
        (path / "src" / "pkg" / "a.py").write_text(
            "# --8<-- [start:first]\nx = 1\n# --8<-- [end:first]\n"
        )
        (path / "src" / "pkg" / "b.py").write_text("y = 2\n")
        for name, text in PAGES.items():
            (path / "docs" / name).write_text(text)
        (path / "docs" / "nb.ipynb").write_text('{"cells": []}')
        self.config = SimpleNamespace(config_file_path=str(path / "mkdocs.yml"))

    def files(self) -> Files:
        return Files(
            [
                (NotebookFile if page.suffix == ".ipynb" else File)(
                    page.name,
                    str(self.path / "docs"),
                    str(self.path / "site"),
                    use_directory_urls=True,
                )
                for page in sorted((self.path / "docs").iterdir())
            ]
        )

    def rebuild(self, hook) -> set[str]:
        """Run the hook's on_files; the pages it marks, after which they are written."""
        files = hook.on_files(self.files(), self.config)
        marked = {file.src_uri for file in files if "is_modified" in vars(file)}
        for file in files:
            if file.src_uri in marked or not Path(file.abs_dest_path).exists():
                Path(file.abs_dest_path).parent.mkdir(parents=True, exist_ok=True)
                Path(file.abs_dest_path).write_text("built")
                # written after every edit so far, as a real rebuild is
                written = self.latest() + 1
                os.utime(file.abs_dest_path, (written, written))
        return marked

    def latest(self) -> float:
        return max(p.stat().st_mtime for p in self.path.rglob("*") if p.is_file())

    def touch_later(self, relative: str) -> None:
        """Give a file a modification time after every page was written."""
        later = self.latest() + 10
        os.utime(self.path / relative, (later, later))


@pytest.fixture
def hook(monkeypatch):
    module = load("hooks/live_reload.py", name="live_reload_hook")
    keys = {"nb.ipynb": "first"}
    monkeypatch.setattr(
        module._notebook_cache, "notebook_key", lambda path, root: keys[Path(path).name]
    )
    module.keys = keys  # the tests change a notebook's code key through this
    return module


ALL = {"one.md", "two.md", "plain.md", "nb.ipynb"}


def test_a_plain_build_marks_no_page(hook, tmp_path):
    project = Project(tmp_path)
    hook.on_startup(command="build", dirty=False)
    assert project.rebuild(hook) == set()
    hook.on_startup(command="serve", dirty=False)  # mkdocs serve without --dirty
    assert project.rebuild(hook) == set()


def test_under_serve_dirty_only_the_pages_that_include_edited_code_are_rebuilt(hook, tmp_path):
    project = Project(tmp_path)
    hook.on_startup(command="serve", dirty=True)
    assert project.rebuild(hook) == ALL  # the first build writes everything
    assert project.rebuild(hook) == set()  # nothing changed
    project.touch_later("src/pkg/a.py")
    assert project.rebuild(hook) == {"one.md"}
    project.touch_later("src/pkg/b.py")  # included whole, single-quoted
    assert project.rebuild(hook) == {"two.md"}
    assert project.rebuild(hook) == set()


def test_a_notebook_is_rebuilt_when_the_code_it_runs_changes(hook, tmp_path):
    project = Project(tmp_path)
    hook.on_startup(command="serve", dirty=True)
    project.rebuild(hook)
    hook.keys["nb.ipynb"] = "second"
    assert project.rebuild(hook) == {"nb.ipynb"}
    assert project.rebuild(hook) == set()


@pytest.mark.parametrize("edit", ["mkdocs.yml", "a new page"])
def test_a_change_every_page_shares_rebuilds_every_page(hook, tmp_path, edit):
    project = Project(tmp_path)
    hook.on_startup(command="serve", dirty=True)
    project.rebuild(hook)
    if edit == "mkdocs.yml":
        project.touch_later("mkdocs.yml")
        expected = ALL
    else:
        (tmp_path / "docs" / "three.md").write_text("# Three\n")
        expected = ALL | {"three.md"}
    assert project.rebuild(hook) == expected


def test_every_include_of_every_lesson_is_found(hook):
    includes = 0
    for page in (ROOT / "docs").rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        lines = [line for line in text.splitlines() if line.strip().startswith("--8<--")]
        found = hook.included_files(text, ROOT)
        assert len(found) == len(lines), page
        assert all(path.is_file() for path in found), page
        includes += len(found)
    assert includes > 100


def test_a_search_entry_rebuilt_under_dirty_replaces_its_older_copy(hook):
    docs = [
        {"location": "a/", "text": "old a"},
        {"location": "b/", "text": "old b"},
        {"location": "b/#part", "text": "old b part"},
        {"location": "c/", "text": "c"},
        {"location": "b/", "text": "new b"},
        {"location": "b/#part", "text": "new b part"},
    ]
    kept = hook.without_stale_entries(docs)
    assert [doc["text"] for doc in kept] == ["old a", "c", "new b", "new b part"]
