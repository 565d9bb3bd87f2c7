"""hooks/plain_code_tokens.py: names and whitespace in listings are text, not spans."""

from __future__ import annotations

import re

from by_path import load

hook = load("hooks/plain_code_tokens.py")

# A rule of a stylesheet, and a selector that names the class n or w (not nf, nn, ...).
RULE = re.compile(r"([^{}]*)\{([^{}]*)\}")
NAMES_N_OR_W = re.compile(r"\.(?:n|w)(?![\w-])")
NAME_COLOUR = re.compile(r"--md-code-hl-name-color:\s*([^;}]+)")


def test_names_and_whitespace_lose_their_span_and_every_other_token_keeps_it():
    listing = (
        '<code><span class="n">cost</span><span class="w"> </span><span class="o">=</span>'
        '<span class="w"> </span><span class="n">np</span><span class="o">.</span>'
        '<span class="n">sum</span><span class="p">(</span><span class="nf">f</span>'
        '<span class="p">)</span></code>'
    )
    assert hook.unwrap(listing) == (
        '<code>cost <span class="o">=</span> np<span class="o">.</span>sum'
        '<span class="p">(</span><span class="nf">f</span><span class="p">)</span></code>'
    )
    # a span with anything more than the class is not Pygments' plain token
    other = '<span class="n" id="x">a</span><span class="n">b<i>c</i></span>'
    assert hook.unwrap(other) == other


def test_the_stylesheets_draw_names_in_the_listings_colour_and_whitespace_plainly(built_site):
    sheets = [
        *sorted((built_site / "assets" / "stylesheets").glob("*.css")),
        *sorted((built_site / "stylesheets").glob("*.css")),
    ]
    assert len(sheets) >= 4
    rules, colours = set(), set()
    for sheet in sheets:
        css = re.sub(r"/\*.*?\*/", "", sheet.read_text(encoding="utf-8"), flags=re.DOTALL)
        rules |= {
            " ".join(f"{selector.strip()}{{{body.strip()}}}".split())
            for selector, body in RULE.findall(css)
            if NAMES_N_OR_W.search(selector)
        }
        colours |= {value.strip() for value in NAME_COLOUR.findall(css)}
    # A colour for whitespace draws nothing (JupyterLab's stylesheet gives it one).
    ink = {rule for rule in rules if not re.search(r"\.w\s*\{\s*color:[^;{}]*;?\s*\}$", rule)}
    # Material's one rule for names, in the colour that both schemes make the listing's own
    assert ink == {".highlight .kc,.highlight .n{color:var(--md-code-hl-name-color)}"}
    assert colours == {"var(--md-code-fg-color)"}


def test_no_built_page_wraps_a_name_or_whitespace_token(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 50
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert '<span class="n">' not in html, page
        assert '<span class="w">' not in html, page
    listing = built_site / "neural-networks-and-deep-learning" / "week-2" / "vectorization"
    assert '<span class="o">' in (listing / "index.html").read_text(encoding="utf-8")
