"""The formulas are typeset when the site is built (hooks/prerender_math.py).

The browser suite checks what a reader sees; these checks need no browser: which elements
the hook hands to MathJax, what MathJax in Node gives back for them, and that the built
pages carry no MathJax script and a stylesheet whose fonts exist.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]


def load_hook():
    spec = importlib.util.spec_from_file_location(
        "prerender_math_hook", ROOT / "hooks" / "prerender_math.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # as MkDocs does; dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


hook = load_hook()


def pieces(page_html: str) -> list[str]:
    return [page_html[f.start : f.end] for f in hook.find_fragments(page_html)]


# --- which elements are typeset ---------------------------------------------------------


def test_the_fragments_are_the_outermost_typeset_elements_and_nothing_else():
    cell = (
        '<div class="jp-RenderedMarkdown jp-MarkdownOutput"><div class="inner">'
        '<p>$x$ <span class="arithmatex">\\(y\\)</span></p></div><p>$z$</p></div>'
    )
    inline = '<span class="arithmatex">\\(a &lt; b\\)</span>'
    display = '<div class="arithmatex">\\[\nJ = 1\n\\]</div>'
    page = (
        "<html><head><script>var price = '$5';</script></head><body>"
        f"<p>It costs $5, or $6.</p>{cell}<p>Then {inline}.</p>\n{display}"
        '<div class="md-typeset"><p>$w$</p></div></body></html>'
    )
    assert pieces(page) == [cell, inline, display]
    assert [f.classes for f in hook.find_fragments(page)] == [
        ("jp-RenderedMarkdown", "jp-MarkdownOutput"),
        ("arithmatex",),
        ("arithmatex",),
    ]


def test_a_class_that_only_contains_a_typeset_class_name_is_not_typeset():
    page = '<p class="not-arithmatex">\\(x\\)</p><p class="arithmatex-like">$y$</p>'
    assert pieces(page) == []


def test_the_fragment_finder_agrees_with_beautifulsoup_on_every_built_page(built_site):
    classes = re.compile(rf"^(?:{hook.MATHJAX['options']['processHtmlClass']})$")
    pages_with_fragments = 0
    for page in sorted(built_site.rglob("*.html")):
        text = page.read_text()
        soup = BeautifulSoup(text, "html.parser")
        wanted = soup.find_all(class_=lambda name: bool(name and classes.match(name)))
        chosen = set(map(id, wanted))
        outermost = [e for e in wanted if not any(id(p) in chosen for p in e.parents)]
        found = pieces(text)
        assert [(e.name, e.get_text()) for e in outermost] == [
            (
                BeautifulSoup(piece, "html.parser").find().name,
                BeautifulSoup(piece, "html.parser").get_text(),
            )
            for piece in found
        ], page
        pages_with_fragments += bool(found)
    assert pages_with_fragments >= 10


def test_named_entities_become_numeric_except_the_four_mathjax_knows():
    fragment = "<p>x&nbsp;&lt; y &amp;&gt;&quot; &para; &notanentity; &#182;</p>"
    assert hook.numeric_entities(fragment) == (
        "<p>x&#xa0;&lt; y &amp;&gt;&quot; &#xb6; &notanentity; &#182;</p>"
    )


# --- MathJax in Node --------------------------------------------------------------------


def render(*fragments: str) -> dict:
    page = hook._Page(
        source="docs/example.md",
        output=Path("unused"),
        originals=list(fragments),
        fragments=list(fragments),
    )
    return hook.render(ROOT, [page])


def test_mathjax_in_node_typesets_each_formula_with_hidden_mathml():
    answer = render(
        '<span class="arithmatex">\\(\\hat{y} &lt; 1\\)</span>',
        '<div class="jp-MarkdownOutput"><p>A cost $J(w)$, a price \\$5, code <code>$y$</code>'
        " and</p>\n<p>$$\\sigma(z) = \\frac{1}{1 + e^{-z}}$$</p></div>",
        '<div class="jp-MarkdownOutput"><p>No math, &#xb6; &amp; 5 &lt; 6.</p></div>',
    )
    (page,) = answer["pages"]
    assert page["errors"] == []
    assert page["formulas"] == [1, 2, 0]
    inline, cell, no_math = page["fragments"]
    assert no_math is None  # the page keeps its original
    assert inline.startswith('<span class="arithmatex"><mjx-container class="MathJax" jax="CHTML"')
    assert '<mjx-assistive-mml unselectable="on" display="inline"><math' in inline
    assert "<mo>&lt;</mo><mn>1</mn>" in inline  # the MathML says what the formula says
    assert cell.count("<mjx-container") == 2
    assert len(re.findall(r'<mjx-container[^>]*display="true"', cell)) == 1
    assert "a price <span>$</span>5, code <code>$y$</code>" in cell  # as MathJax does it
    assert "<mfrac><mn>1</mn>" in cell
    assert "mjx-c1D43D.TEX-I::before" in answer["stylesheet"]  # italic J: its CSS rule


@pytest.mark.parametrize(
    ("formula", "message"),
    [
        ("\\(\\frca{1}{2}\\)", "Undefined control sequence \\frca"),
        ("\\(\\left( x\\)", "missing \\right"),
        ("\\(a_{1\\)", "0 formulas found in one arithmatex element"),
    ],
    ids=["misspelt-macro", "unbalanced-left", "unbalanced-brace"],
)
def test_a_tex_error_is_reported_with_its_formula(formula, message):
    (page,) = render(f'<span class="arithmatex">{formula}</span>')["pages"]
    assert len(page["errors"]) == 1
    assert message in page["errors"][0]["message"]
    assert page["errors"][0]["tex"].strip("\\()") in formula


def test_every_font_face_swaps_in_and_merging_keeps_earlier_rules(tmp_path):
    css = '@font-face /* 0 */ {\n  font-family: A;\n}\n\n@font-face /* 1 */ {\n  src: url("b");\n}'
    swapped = hook.swap_fonts(css)
    assert swapped.count("font-display: swap;") == 2
    earlier = tmp_path / "mathjax.css"
    earlier.write_text("mjx-a {\n  x: 1;\n}\n\nmjx-b {\n  y: 2;\n}\n")
    merged = hook.merged_stylesheet("mjx-b {\n  y: 2;\n}\n\nmjx-c {\n  z: 3;\n}", earlier)
    assert merged == "mjx-b {\n  y: 2;\n}\n\nmjx-c {\n  z: 3;\n}\n\nmjx-a {\n  x: 1;\n}\n"


# --- the built site ---------------------------------------------------------------------


def test_no_built_page_loads_mathjax_or_keeps_a_placeholder(built_site):
    for page in built_site.rglob("*.html"):
        text = page.read_text()
        scripts = re.findall(r"<script[^>]*\bsrc=\"[^\"]*mathjax[^\"]*\"", text, re.IGNORECASE)
        assert not scripts, f"{page}: {scripts}"
        assert "<!--prerender-math:" not in text, page


def test_every_page_with_a_formula_links_the_stylesheet_whose_fonts_are_in_the_site(
    built_site,
):
    stylesheet = built_site / hook.STYLESHEET
    with_math = [p for p in built_site.rglob("*.html") if "<mjx-container" in p.read_text()]
    assert len(with_math) >= 10
    for page in with_math:
        link = re.search(r'<link rel="stylesheet" href="([^"]*mathjax\.css)">', page.read_text())
        assert link, f"{page} has formulas but no link to MathJax's stylesheet"
        assert (page.parent / link[1]).resolve() == stylesheet.resolve()
    css = stylesheet.read_text()
    fonts = re.findall(r'url\("([^"]+)"\)', css)
    assert fonts, "the stylesheet names no font"
    assert css.count("@font-face") == len(fonts) == css.count("font-display: swap")
    missing = [url for url in fonts if not (stylesheet.parent / url).is_file()]
    assert not missing, f"fonts named by {hook.STYLESHEET} but not in the site: {missing}"
