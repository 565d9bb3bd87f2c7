"""The settings that make the build strict cannot be switched off without a red test.

Each setting here turns a quiet fault into a loud one; removing it would not break a single
page, so nothing else would notice: without ``check_paths`` an include of a missing section
renders as an empty code block, without ``allow_errors: false`` a failing notebook cell
ships its traceback, without ``watch`` the author's ``make serve`` shows stale code, and a
``doctest: +SKIP`` turns a failing page example into one that is never run.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml; MkDocs' own tags (!relative) are kept as their tag name."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: f"!{suffix}")


def mkdocs_config() -> dict:
    return yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=_ConfigLoader)


def extension_options(config: dict, name: str) -> dict | None:
    for entry in config["markdown_extensions"]:
        if entry == name:
            return {}
        if isinstance(entry, dict) and name in entry:
            return entry[name] or {}
    return None


def plugin_options(config: dict, name: str) -> dict | None:
    for entry in config["plugins"]:
        if entry == name:
            return {}
        if isinstance(entry, dict) and name in entry:
            return entry[name] or {}
    return None


def test_snippets_fail_the_build_on_a_missing_file_or_section():
    options = extension_options(mkdocs_config(), "pymdownx.snippets")
    assert options is not None, "mkdocs.yml: pymdownx.snippets is not configured"
    assert options.get("check_paths") is True, (
        "mkdocs.yml: pymdownx.snippets needs check_paths: true, or an include of a missing "
        "file or section renders as an empty code block and the build passes"
    )
    assert options.get("base_path") == "!relative", (
        "mkdocs.yml: snippets' base_path must be !relative $config_dir, so includes resolve "
        "from any working directory"
    )


def test_serve_rebuilds_when_the_package_changes():
    watched = [str(path).rstrip("/") for path in mkdocs_config().get("watch") or []]
    assert "src/coursecode" in watched or "src" in watched, (
        "mkdocs.yml: watch must list src/coursecode, or make serve keeps showing the old "
        f"code after an edit in the package (watch is {watched})"
    )


def test_notebooks_are_executed_and_a_failing_cell_fails_the_build():
    options = plugin_options(mkdocs_config(), "mkdocs-jupyter")
    assert options is not None, "mkdocs.yml: the mkdocs-jupyter plugin is not configured"
    assert options.get("execute") is True, "mkdocs.yml: mkdocs-jupyter must execute notebooks"
    assert options.get("allow_errors") is False, (
        "mkdocs.yml: mkdocs-jupyter needs allow_errors: false (its default is true: a cell "
        "that raises would ship its traceback)"
    )


def test_broken_links_and_anchors_are_errors():
    validation = mkdocs_config().get("validation") or {}
    for key in ("omitted_files", "not_found", "absolute_links", "unrecognized_links", "anchors"):
        assert validation.get(key) == "warn", (
            f"mkdocs.yml: validation.{key} must be 'warn' (an error under --strict)"
        )
    hooks = mkdocs_config().get("hooks") or []
    assert "hooks/check_links.py" in hooks, (
        "mkdocs.yml: hooks/check_links.py checks the links MkDocs does not see (notebooks)"
    )


SKIPPING = re.compile(r"doctest:.*\+SKIP|<!--\s*skip\s*:|#\s*pragma:\s*no\s*doctest", re.I)


def test_no_example_is_switched_off():
    """A page or docstring example that fails must be fixed, not told to skip."""
    sources = sorted((ROOT / "docs").rglob("*.md")) + sorted((ROOT / "src").rglob("*.py"))
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()[:80]!r}"
        for path in sources
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if SKIPPING.search(line)
    ]
    assert not found, "examples switched off instead of fixed:\n" + "\n".join(found)
