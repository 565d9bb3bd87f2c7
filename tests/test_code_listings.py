"""Code blocks on the pages show the code that teaches: no raw reST, no "Lesson:" lines.

The package's docstrings are written in numpydoc with reST roles for its users; the pages
include the functions with ``hooks/code_listings.py`` folding each docstring to its summary
line. These tests read the built site, so they catch a summary line that still holds reST
as well as a hook that stopped working.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from by_path import load

REST_ROLE = re.compile(r":(?:math|func|class|meth|mod|attr|data|obj|ref|doc|py:\w+):`")
REST_DIRECTIVE = re.compile(r"^\s*\.\. [\w:-]+::", re.MULTILINE)
LESSON_LINE = re.compile(r"^\s*Lessons?:", re.MULTILINE)
# The longest listing a lesson page may show, in lines. Before the docstrings were folded
# the longest was 59 lines (gradient_descent_path), most of them docstring.
MAX_LISTING_LINES = 40


@pytest.fixture(scope="module")
def code_blocks(built_site, parsed_page) -> tuple[tuple[Path, str], ...]:
    """(page, text) for every highlighted code block of every built page."""
    return tuple(
        (page.relative_to(built_site), block.get_text())
        for page in sorted(built_site.rglob("*.html"))
        for block in parsed_page(page).select("div.highlight pre, pre > code")
    )


def test_fold_keeps_the_signature_the_summary_and_the_body():
    code = [
        "def f(a,",
        "      b):",
        '    r"""Add two numbers.',
        "",
        "    :math:`a + b`, see the lesson.",
        '    """',
        "    return a + b  # the body",
    ]
    assert load("hooks/code_listings.py").fold_docstrings(code) == [
        "def f(a,",
        "      b):",
        '    """Add two numbers."""',
        "    return a + b  # the body",
    ]


def test_fold_leaves_code_without_a_docstring_and_other_strings_alone():
    code = ["def g(x):", '    s = """not a docstring"""', "    return s", 'text = """x"""']
    assert load("hooks/code_listings.py").fold_docstrings(code) == code


def test_no_code_block_on_the_site_shows_rest_or_a_lesson_line(code_blocks):
    problems = []
    for page, text in code_blocks:
        for pattern, what in [
            (REST_ROLE, "a reST role"),
            (REST_DIRECTIVE, "a reST directive"),
            (LESSON_LINE, "a 'Lesson:' line"),
        ]:
            found = pattern.search(text)
            if found:
                problems.append(f"{page}: {what} in a code block: {found.group(0).strip()!r}")
    assert not problems, "\n".join(problems)


def test_included_functions_show_their_summary_not_their_parameters(code_blocks):
    page = Path("neural-networks-and-deep-learning/week-2/logistic-regression/index.html")
    listings = [text for name, text in code_blocks if name == page]
    sigmoid = next((text for text in listings if "def sigmoid(" in text), None)
    assert sigmoid is not None, "the Logistic Regression page no longer shows sigmoid"
    assert "Parameters" not in sigmoid
    assert "----------" not in sigmoid
    assert '"""' in sigmoid, "the summary line of the docstring should stay"


@pytest.mark.parametrize("limit", [MAX_LISTING_LINES])
def test_no_lesson_listing_is_longer_than_a_screen(built_site, code_blocks, limit):
    """Lesson pages only: a notebook's code cells are the notebook, not included listings."""
    notebooks = {
        page.relative_to(built_site)
        for page in built_site.rglob("*.html")
        if 'class="jp-Notebook' in page.read_text()
    }
    lengths = [
        (len(text.rstrip("\n").splitlines()), str(page))
        for page, text in code_blocks
        if "performance" not in str(page) and page not in notebooks
    ]
    longest = max(lengths)
    assert longest[0] <= limit, f"{longest[1]} shows a {longest[0]}-line code block"


def test_the_search_index_holds_prose_not_code_listings_or_notebook_prompts(built_site):
    """hooks/search_exclude_code.py keeps listings, prompts and copy-button text out."""
    import json

    docs = json.loads((built_site / "search" / "search_index.json").read_text())["docs"]
    problems = [
        f"{doc['location']}: {what}"
        for doc in docs
        for what, found in [
            ("a code listing (<pre>)", "<pre" in doc["text"]),
            ("a notebook prompt", re.search(r"\b(?:In|Out)\s?\[\d*\]:", doc["text"])),
            ("the copy button's 'Copied!'", "Copied!" in doc["text"]),
        ]
        if found
    ]
    assert not problems, "\n".join(problems[:20])
    assert any("sigmoid" in doc["text"] for doc in docs), "the prose itself went missing"


def test_search_reads_each_page_without_its_code_and_the_page_comes_back_whole():
    """hooks/search_exclude_code.py: cut before the search plugin reads, restored after."""
    from types import SimpleNamespace

    hook = load("hooks/search_exclude_code.py", "search_exclude_code_hook")
    page_html = (
        "<p>The <code>sigmoid</code> squashes.</p>"
        '<div class="language-python highlight"><pre><span></span><code>'
        '<span class="k">def</span> sigmoid(z): ...</code></pre></div>'
        '<div class="jp-InputPrompt jp-InputArea-prompt">In&nbsp;[3]:</div>'
        '<button><span class="notice">Copied!</span></button>'
        '<figure class="diagram"><div class="diagram__drawing"><svg><text>x1</text></svg></div>'
        "<figcaption>Figure 1: a unit.</figcaption></figure>"
        "<p>After the listing.</p>"
    )
    page = SimpleNamespace(content=page_html, file=SimpleNamespace(src_uri="a/page.md"))
    first, last = sorted(hook.on_page_context.methods, key=lambda m: -m.mkdocs_priority)
    assert first.mkdocs_priority > 0 > last.mkdocs_priority  # around the plugin, priority 0

    first({}, page=page, config=None, nav=None)
    assert page.content == (
        "<p>The <code>sigmoid</code> squashes.</p><button></button>"
        '<figure class="diagram"><figcaption>Figure 1: a unit.</figcaption></figure>'
        "<p>After the listing.</p>"
    )
    last({}, page=page, config=None, nav=None)
    assert page.content == page_html
