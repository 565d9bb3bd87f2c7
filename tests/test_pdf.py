"""The course as one PDF (``make pdf``, tools/build_pdf.py): complete, typeset, and of a
sensible length.

The PDF is ``$COURSE_PDF`` when that names one (a PDF just built from this tree, say by
``make pdf``); otherwise, as in ``make test``, this module builds it into a temporary folder
with tools/build_pdf.py, the command ``make pdf`` runs, so the check never depends on a PDF
left over from another version of the pages.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pypdfium2
import pytest
import yaml

from by_path import load

ROOT = Path(__file__).resolve().parents[1]


build_pdf = load("tools/build_pdf.py")


def nav():
    """mkdocs.yml's nav, MkDocs' own YAML tags read as None (the nav has none)."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=build_pdf._ListsLoader)["nav"]


def nav_counts(items=None) -> tuple[list[str], int, int]:
    """The titled pages of the nav (lessons, notebooks, the home page), in order; the number
    of pages in the nav, titled or not (a section's index page has none); the number of
    sections."""
    titles, pages, sections = [], 0, 0
    for item in nav() if items is None else items:
        title, value = next(iter(item.items())) if isinstance(item, dict) else (None, item)
        if isinstance(value, list):
            sub_titles, sub_pages, sub_sections = nav_counts(value)
            titles += sub_titles
            pages += sub_pages
            sections += 1 + sub_sections
        else:
            pages += 1
            if title is not None:
                titles.append(title)
    return titles, pages, sections


def squeeze(text: str) -> str:
    """``text`` without whitespace: PDF text comes back with line breaks where lines wrapped."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def course_pdf(tmp_path_factory) -> Path:
    given = os.environ.get("COURSE_PDF")
    if given:
        pdf = Path(given)
        if not pdf.is_file():
            pytest.fail(f"COURSE_PDF={given} is no file: run make pdf")
        return pdf
    site = tmp_path_factory.mktemp("pdf-site")
    build = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "build_pdf.py"), "--site-dir", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    if build.returncode != 0:
        pytest.fail(f"tools/build_pdf.py failed:\n{build.stderr[-4000:]}")
    return site / "course.pdf"


@pytest.fixture(scope="module")
def document(course_pdf):
    """The PDF, opened with PDFium (it reads the text of every page in about 1 s; pypdf took
    38 s, most of it in the outlines of the typeset formulas)."""
    opened = pypdfium2.PdfDocument(course_pdf)
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def pages(document) -> list[str]:
    """The text of each page of the PDF."""
    return [page.get_textpage().get_text_range() for page in document]


def test_the_print_build_adds_to_mkdocs_yml_without_copying_it():
    options = build_pdf.print_options()
    raw = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=build_pdf._ListsLoader)
    assert options["hooks"] == ["hooks/course_pdf.py", *raw["hooks"]]
    assert options["plugins"][:-1] == raw["plugins"]
    assert next(iter(options["plugins"][-1])) == "print-site"
    assert options["extra_css"] == [*raw["extra_css"], "stylesheets/print.css"]


def test_tidy_points_links_to_the_home_page_at_its_section():
    page = (
        '<html><head></head><body><section class="print-page" id="index"></section>'
        '<a href="#.">home</a><a href="#week-1">Week 1</a></body></html>'
    )
    tidied = load("hooks/course_pdf.py").tidy(page)
    assert '<a href="#index">home</a>' in tidied
    assert '<a href="#week-1">Week 1</a>' in tidied
    assert 'href="#."' not in tidied


def test_every_titled_page_of_the_nav_is_in_the_pdf(pages):
    text = squeeze("\n".join(pages))
    titles, _, _ = nav_counts()
    assert len(titles) > 50  # the walk found the lessons, not just the home page
    missing = [title for title in titles if squeeze(title) not in text]
    assert missing == []


def test_the_pdf_has_a_table_of_contents_in_nav_order(pages):
    """The contents come first and list the lessons in the order of the nav: each title is
    looked for after the one before it (a title can be part of an earlier one, "Logistic
    Regression" of "Logistic Regression as a Neural Network")."""
    titles, _, _ = nav_counts()
    contents = squeeze("\n".join(pages[:6]))
    assert contents.find("Contents") != -1
    position, missing = contents.find("Contents"), []
    for title in titles[1:]:  # the home page's nav title is "Home", listed first
        found = contents.find(squeeze(title), position)
        if found == -1:
            missing.append(title)
        else:
            position = found + len(squeeze(title))
    assert missing == []


def test_no_formula_is_left_as_tex(pages):
    for number, text in enumerate(pages, start=1):
        for tex in ("$$", "\\frac", "\\(", "\\[", "\\mathbf", "\\sum"):
            assert tex not in text, f"page {number} shows raw TeX {tex!r}"


def test_the_page_count_is_sensible(pages):
    """Bounds from the nav, not from a previous PDF.

    At least: every page of the nav starts on a sheet of its own (mkdocs-print-site-plugin
    breaks before each), after the table of contents.
    At most: five sheets per page of the nav on average. A lesson prints to one to four
    sheets and a notebook with its figures to a few more (about three and a half on
    average when this was written); five would mean half-empty sheets everywhere (a
    formula or figure pushed to the next sheet again and again) or a page printed twice.
    """
    _, nav_pages, _ = nav_counts()
    assert nav_pages + 1 <= len(pages) <= 5 * nav_pages


def test_no_sheet_holds_only_a_title(pages):
    """A section's title shares its sheet with the section's first page (print.css).

    The plugin alone breaks the page after every section title too, which left 26 sheets
    with a title and nothing else. A sheet of at most three lines of text (the page number
    among them) is allowed rarely: a figure that does not fit under the text before it
    moves to the next sheet whole.
    """
    sparse = [
        number
        for number, text in enumerate(pages, start=1)
        if len([line for line in text.splitlines() if line.strip()]) <= 3
    ]
    assert len(sparse) <= len(pages) // 50, f"sheets with almost no text: {sparse}"


def test_the_home_page_links_the_pdf(course_pdf):
    home = (course_pdf.parent / "index.html").read_text(encoding="utf-8")
    assert 'href="course.pdf"' in home


def test_every_figure_of_the_print_page_is_in_the_pdf(course_pdf, document):
    """Notebook figures load lazily on the site (hooks/notebook_pages.py): the printer must
    fetch each one before it prints, or its place on paper stays blank."""
    print_page = (course_pdf.parent / "print_page" / "index.html").read_text(encoding="utf-8")
    figures = len(re.findall(r'<img\b[^>]*\bclass="figure-light"', print_page))
    kind = (pypdfium2.raw.FPDF_PAGEOBJ_IMAGE,)
    images = sum(len(list(page.get_objects(filter=kind))) for page in document)
    assert figures > 10  # the notebooks' figures reached the print page
    assert images >= figures
