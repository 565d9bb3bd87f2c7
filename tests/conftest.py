"""Fixtures shared by the checks that look at the built site."""

from __future__ import annotations

import functools
import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]


@pytest.hookimpl(tryfirst=True)  # before -m deselects by marker
def pytest_collection_modifyitems(items):
    """Mark ``site`` every test that needs the built site, and ``browser`` every test that
    drives Chromium (``pytest -m site``, ``-m "not browser"``).

    ``make test`` runs the browser tests and all the others as two processes side by side:
    the browser suite alone takes about as long as everything else.
    """
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if "built_site" in fixtures:
            item.add_marker(pytest.mark.site)
        if "browser" in fixtures:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The built site: ``$SITE_DIR`` if set (``make test`` builds it first), else a fresh build."""
    given = os.environ.get("SITE_DIR")
    if given:
        site = Path(given).resolve()
        if not (site / "index.html").is_file():
            pytest.fail(f"SITE_DIR={given} holds no built site (no index.html): run make build")
        return site
    site = tmp_path_factory.mktemp("site")
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    if build.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{build.stderr}")
    return site


@pytest.fixture(scope="session")
def parsed_page(built_site):
    """``parsed_page(path)``: the built page at ``path`` parsed by BeautifulSoup, once.

    Several modules read every built page (the navigation, the code listings, the formula
    fragments); parsing the site took about 12 s each time. The trees are shared: read
    them, never change them.
    """

    @functools.cache
    def parse(path: Path) -> BeautifulSoup:
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")

    return parse
