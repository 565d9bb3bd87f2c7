"""The formulas are typeset when the site is built (hooks/prerender_math.py).

The browser suite checks what a reader sees; these checks need no browser: which elements
the hook hands to MathJax, what MathJax in Node gives back for them, and that the built
pages carry no MathJax script, and every glyph they draw is defined on the page.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from types import SimpleNamespace
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from mkdocs.exceptions import PluginError

from by_path import load

ROOT = Path(__file__).resolve().parents[1]


hook = load("hooks/prerender_math.py", name="prerender_math_hook")


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


def test_comments_scripts_quoted_brackets_nesting_and_case_are_read_as_html_reads_them():
    nested = '<div class="arithmatex"><div>\\[a\\]</div><div/><!-- </div> --></div>'
    quoted = '<span title="a > b" class="x arithmatex">\\(c\\)</span>'
    upper = "<SPAN CLASS='arithmatex'>\\(d\\)</SPAN >"
    page = (
        '<!-- <span class="arithmatex">\\(no\\)</span> -->'
        "<script>let s = '<span class=\"arithmatex\">';</script>"
        f"<p>{nested} {quoted} {upper}</p>"
        '<span data-class="arithmatex">\\(no\\)</span>'
    )
    assert pieces(page) == [nested, quoted, upper]
    assert [f.classes for f in hook.find_fragments(page)] == [
        ("arithmatex",),
        ("x", "arithmatex"),
        ("arithmatex",),
    ]


def test_a_bracket_inside_a_quoted_attribute_before_the_class_is_not_a_tag():
    # the finder looks back from the class name for the "<" that starts its tag
    fragment = '<span title="x<y" data-note=\'<b>\' class="arithmatex">\\(x < y\\)</span>'
    assert pieces(f"<p>{fragment}</p><p>arithmatex in text</p>") == [fragment]
    # however long the tag is
    long_tag = f'<div style="{"x" * 10_000}" class="arithmatex">\\[y\\]</div>'
    assert pieces(f"<p>text</p>{long_tag}") == [long_tag]


def test_an_unclosed_fragment_is_an_error():
    with pytest.raises(hook.PluginError, match="unclosed <div>"):
        hook.find_fragments('<div class="arithmatex">\\[x\\]<div></div>')


def test_the_fragment_finder_agrees_with_beautifulsoup_on_every_built_page(
    built_site, parsed_page
):
    classes = re.compile(rf"^(?:{hook.MATHJAX['options']['processHtmlClass']})$")
    pages_with_fragments = 0
    for page in sorted(built_site.rglob("*.html")):
        text = page.read_text()
        soup = parsed_page(page)
        wanted = soup.find_all(class_=lambda name: bool(name and classes.match(name)))
        chosen = set(map(id, wanted))
        outermost = [e for e in wanted if not any(id(p) in chosen for p in e.parents)]
        found = pieces(text)
        parsed = [BeautifulSoup(piece, "html.parser") for piece in found]
        assert [(e.name, e.get_text()) for e in outermost] == [
            (piece.find().name, piece.get_text()) for piece in parsed
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
    assert inline.startswith('<span class="arithmatex"><mjx-container class="MathJax" jax="SVG"')
    assert 'fill="currentColor"' in inline  # drawn in the text colour, also in dark mode
    assert '<mjx-assistive-mml unselectable="on" display="inline"><math' in inline
    assert "<mo>&lt;</mo><mn>1</mn>" in inline  # the MathML says what the formula says
    assert cell.count("<mjx-container") == 2
    assert len(re.findall(r'<mjx-container[^>]*display="true"', cell)) == 1
    assert "a price <span>$</span>5, code <code>$y$</code>" in cell  # as MathJax does it
    assert "<mfrac><mn>1</mn>" in cell
    # The italic J is drawn from the page's glyph outlines, which hold each glyph once.
    assert 'xlink:href="#MJX-TEX-I-1D43D"' in cell
    assert page["glyphs"].count('id="MJX-TEX-I-1D43D"') == 1
    assert page["glyphs"].startswith('<svg style="display: none;"')
    assert "mjx-assistive-mml" in answer["stylesheet"]


def glyph_placements(fragment: str) -> tuple[list[tuple[str, tuple[str, ...]]], int]:
    """Each glyph a typeset fragment draws, with the transforms from its <svg> down to it;
    and how many <g> elements it has."""
    placements, groups = [], 0
    for svg in re.findall(r"<svg\b.*?</svg>", fragment, re.DOTALL):
        root = ElementTree.fromstring(svg.replace("xlink:href", "href"))
        groups += sum(1 for element in root.iter() if element.tag.endswith("}g"))

        def walk(element, transforms):
            transform = element.get("transform")
            chain = (*transforms, transform) if transform else transforms
            if element.tag.endswith("}use"):
                placements.append((element.get("href"), chain))
            for child in element:
                walk(child, chain)

        walk(root, ())
    return placements, groups


def test_the_formulas_lose_mathjaxs_naming_groups_but_draw_the_same_glyphs_in_the_same_places():
    formulas = (
        '<div class="arithmatex">\\[\\frac{\\partial J}{\\partial w_1} = \\sum_{i=1}^{m}'
        " x_1^{(i)} (a^{(i)} - y^{(i)}) \\quad \\sqrt{2}\\]</div>",
        '<div class="arithmatex">\\[W = \\begin{bmatrix} w_{11} & w_{12} \\\\ w_{21} & w_{22}'
        " \\end{bmatrix}\\]</div>",
    )
    page = hook._Page(source="docs/example.md", output=Path("unused"), fragments=list(formulas))
    request = {
        "config": hook.MATHJAX,
        "pages": [{"page": page.source, "fragments": list(formulas)}],
    }
    runs = [
        json.loads(
            subprocess.run(
                ["node", str(ROOT / hook.RENDERER)],
                input=json.dumps({**request, "keepGroups": keep}),
                capture_output=True,
                text=True,
                check=True,
                cwd=ROOT,
            ).stdout
        )["pages"][0]["fragments"]
        for keep in (True, False)
    ]
    for kept, flat in zip(*runs, strict=True):
        kept_placements, kept_groups = glyph_placements(kept)
        flat_placements, flat_groups = glyph_placements(flat)
        assert len(flat_placements) > 10
        assert flat_placements == kept_placements
        assert flat_groups < kept_groups
        # the hidden MathML that screen readers read is untouched
        mathml = re.compile(r"<mjx-assistive-mml.*?</mjx-assistive-mml>", re.DOTALL)
        assert mathml.findall(flat) == mathml.findall(kept)
    # a matrix keeps MathJax's groups inside it: its stylesheet places the cells by them
    assert 'data-mml-node="mtable"' in runs[1][1]


def test_each_page_gets_the_outlines_of_its_own_glyphs_only():
    first = hook._Page(
        source="a.md",
        output=Path("a"),
        originals=[],
        fragments=['<span class="arithmatex">\\(x\\)</span>'],
    )
    second = hook._Page(
        source="b.md",
        output=Path("b"),
        originals=[],
        fragments=['<span class="arithmatex">\\(y\\)</span>'],
    )
    first_page, second_page = hook.render(ROOT, [first, second])["pages"]
    assert "MJX-TEX-I-1D465" in first_page["glyphs"]  # x
    assert "MJX-TEX-I-1D466" in second_page["glyphs"]  # y
    assert "MJX-TEX-I-1D465" not in second_page["glyphs"]


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


# --- the built site ---------------------------------------------------------------------


def test_no_built_page_loads_mathjax_or_keeps_a_placeholder(built_site):
    for page in built_site.rglob("*.html"):
        text = page.read_text()
        scripts = re.findall(r"<script[^>]*\bsrc=\"[^\"]*mathjax[^\"]*\"", text, re.IGNORECASE)
        assert not scripts, f"{page}: {scripts}"
        assert "<!--prerender-math:" not in text, page


def test_every_glyph_a_built_page_draws_is_defined_on_that_page(built_site):
    with_math = 0
    for page in built_site.rglob("*.html"):
        text = page.read_text()
        if "<mjx-container" not in text:
            continue
        with_math += 1
        assert text.count('id="MJX-SVG-global-cache"') == 1, page
        assert text.count('<style>\nmjx-container[jax="SVG"]') == 1, page
        drawn = set(re.findall(r'<use [^>]*xlink:href="#([^"]+)"', text))
        defined = set(re.findall(r'<path id="([^"]+)"', text))
        assert drawn, page
        assert drawn <= defined, f"{page}: glyphs not defined: {sorted(drawn - defined)[:5]}"
    assert with_math >= 10


# --- the cache of typeset pages -----------------------------------------------------------


@pytest.fixture
def project(tmp_path):
    """A project folder with the renderer and MathJax, and a built page to typeset."""
    (tmp_path / "tools").mkdir()
    (tmp_path / hook.RENDERER).write_bytes((ROOT / hook.RENDERER).read_bytes())
    (tmp_path / "node_modules").symlink_to(ROOT / "node_modules")
    (tmp_path / "site").mkdir()
    config = SimpleNamespace(
        config_file_path=str(tmp_path / "mkdocs.yml"),
        docs_dir=str(tmp_path / "docs"),
        site_dir=str(tmp_path / "site"),
    )
    return tmp_path, config


def build(config, pages: dict[str, str]) -> dict[str, str]:
    """Run the hook's events over ``pages`` (name: formula) as MkDocs would; the HTML built."""
    hook.on_pre_build(config)
    for name, formula in pages.items():
        page = SimpleNamespace(file=SimpleNamespace(src_uri=f"{name}.md", dest_uri=f"{name}.html"))
        html = f'<html><head></head><body><p><span class="arithmatex">{formula}</span></p></body>'
        output = hook.on_post_page(html, page, config)
        (Path(config.site_dir) / f"{name}.html").write_text(output, encoding="utf-8")
    hook.on_post_build(config)
    return {name: (Path(config.site_dir) / f"{name}.html").read_text() for name in pages}


def test_a_page_whose_formulas_did_not_change_is_not_typeset_again(project, monkeypatch):
    root, config = project
    first = build(config, {"a": r"\(\sigma(z)\)", "b": r"\(e^{-z}\)"})
    assert "<mjx-container" in first["a"]
    assert "<mjx-container" in first["b"]
    sent: list[list[str]] = []
    real_render = hook.render

    def counting_render(root, pages):
        sent.append([page.source for page in pages])
        return real_render(root, pages)

    monkeypatch.setattr(hook, "render", counting_render)
    again = build(config, {"a": r"\(\sigma(z)\)", "b": r"\(e^{-z}\)"})
    assert sent == []  # no Node at all
    assert again == first
    changed = build(config, {"a": r"\(\sigma(z)\)", "b": r"\(e^{-2z}\)"})
    assert sent == [["docs/b.md"]]
    assert changed["a"] == first["a"]
    assert changed["b"] != first["b"]
    assert "<mjx-container" in changed["b"]
    # A full build drops the entries it did not use: the old b, not the new one.
    entries = {path.name for path in (root / hook.CACHE).glob("*.json")}
    assert len(entries) == 2


def test_a_page_with_a_tex_error_is_never_served_from_the_cache(project):
    _, config = project
    for _ in range(2):
        with pytest.raises(PluginError, match=r"docs/bad.md: \\frca\{1\}\{2\}"):
            build(config, {"bad": r"\(\frca{1}{2}\)"})


def test_the_cache_key_changes_with_the_renderer(project):
    root, _ = project
    before = hook.renderer_key(root)
    (root / hook.RENDERER).write_text((root / hook.RENDERER).read_text() + "\n// edited\n")
    assert hook.renderer_key(root) != before
    assert hook.page_key(before, ["<span>x</span>"]) != hook.page_key(before, ["<span>y</span>"])
