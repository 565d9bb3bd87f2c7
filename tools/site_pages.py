"""The pages of the site as mkdocs.yml's nav lists them, and where the build puts each.

Shared by the browser tests (tests/browser/conftest.py) and the Lighthouse audit
(tools/audit.py), so both walk the nav the same way.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import load_config

ROOT = Path(__file__).resolve().parents[1]


def nav_sources(config_file: Path = ROOT / "mkdocs.yml") -> list[str]:
    """The docs/ file of every page in the nav, in nav order (external links left out)."""
    found: list[str] = []

    def walk(items) -> None:
        for item in items:
            value = next(iter(item.values())) if isinstance(item, dict) else item
            if isinstance(value, list):
                walk(value)
            elif "://" not in value:
                found.append(value)

    walk(load_config(str(config_file))["nav"])
    return found


def site_path(source: str) -> str:
    """Where MkDocs (use_directory_urls) puts the page built from docs/``source``:
    '' for the home page, else the path with a trailing slash."""
    stem = source.rsplit(".", 1)[0]
    return "" if stem == "index" else stem.removesuffix("/index") + "/"
