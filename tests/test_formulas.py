"""Every formula on the built site is valid TeX for MathJax.

``mkdocs build --strict`` passes a page with a TeX error: arithmatex only wraps the text, and
MathJax then shows a red error box in the reader's browser. This check runs MathJax itself
(in Node, with the site's own configuration, tools/check-formulas.cjs) over every built page
and names each bad formula and its page.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def source_of(built: Path, site: Path) -> str:
    """The docs/ file a built page comes from (a Markdown page or a notebook), if found."""
    route = built.relative_to(site).parent.as_posix()
    stems = [f"{route}/index", route] if route != "." else ["index"]
    for stem in stems:
        for suffix in (".md", ".ipynb", ".py"):
            candidate = ROOT / "docs" / f"{stem}{suffix}"
            if candidate.is_file():
                return candidate.relative_to(ROOT).as_posix()
    return built.relative_to(site).as_posix()


def test_every_formula_on_the_site_typesets_without_a_tex_error(built_site, site_formulas):
    assert len(site_formulas) == len(list(built_site.rglob("*.html")))
    problems = [
        f"{source_of(page, built_site)}: {tex!r}: {message}"
        for page, report in sorted(site_formulas.items())
        for tex, message in report.errors
    ]
    assert not problems, "formulas MathJax cannot typeset:\n" + "\n".join(problems)


def test_the_formula_check_finds_the_formulas_of_the_lesson_pages(built_site, site_formulas):
    """Guards the check itself: a MathJax configuration that found nothing would pass above."""
    pages_with_math = {
        page.relative_to(built_site).as_posix()
        for page in built_site.rglob("*.html")
        if 'class="arithmatex"' in page.read_text()
    }
    found = {
        page.relative_to(built_site).as_posix()
        for page, report in site_formulas.items()
        if report.arithmatex > 0
    }
    assert pages_with_math, "no built page has an arithmatex formula"
    assert found == pages_with_math
