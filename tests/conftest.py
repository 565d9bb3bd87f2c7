"""Fixtures shared by the checks that look at the built site."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]


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


@dataclass(frozen=True)
class PageFormulas:
    """What MathJax finds on one built page."""

    arithmatex: int  # formulas in arithmatex elements (the Markdown pages' $...$)
    other: int  # formulas elsewhere (notebook Markdown cells and outputs)
    errors: tuple[tuple[str, str], ...]  # (TeX, MathJax's message)


def typeset_classes() -> re.Pattern:
    """The classes of the elements MathJax typesets, as docs/javascripts/mathjax.js says."""
    config = (ROOT / "docs" / "javascripts" / "mathjax.js").read_text()
    classes = re.search(r'processHtmlClass:\s*"([^"]+)"', config)[1]
    return re.compile(rf"^(?:{classes})$")  # MathJax matches it against each class name


def formula_fragments(page: Path, classes: re.Pattern) -> list[str]:
    """The outermost elements of ``page`` that MathJax typesets, as HTML."""
    soup = BeautifulSoup(page.read_text(), "html.parser")
    wanted = soup.find_all(class_=lambda name: bool(name and classes.match(name)))
    chosen = set(map(id, wanted))
    return [
        str(element)
        for element in wanted
        if not any(id(parent) in chosen for parent in element.parents)
    ]


def check_formulas(pages: list[Path]) -> dict[Path, PageFormulas]:
    """Typeset ``pages`` with MathJax in Node (tools/check-formulas.cjs), as a browser would."""
    classes = typeset_classes()
    request = [
        {"page": str(page), "fragments": formula_fragments(page, classes)} for page in pages
    ]
    run = subprocess.run(
        ["node", str(ROOT / "tools" / "check-formulas.cjs")],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    if run.returncode not in (0, 1):
        raise RuntimeError(f"tools/check-formulas.cjs failed to run:\n{run.stderr}")
    reports = {}
    for line in run.stdout.splitlines():
        data = json.loads(line)
        reports[Path(data["page"])] = PageFormulas(
            arithmatex=data["arithmatex"],
            other=data["other"],
            errors=tuple((e["tex"], e["message"]) for e in data["errors"]),
        )
    return reports


@pytest.fixture(scope="session")
def site_formulas(built_site) -> dict[Path, PageFormulas]:
    """MathJax's findings for every HTML page of the built site, keyed by absolute path."""
    return check_formulas(sorted(built_site.rglob("*.html")))
