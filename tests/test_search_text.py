"""Search previews show formulas as plain text (hooks/search_text.py), never TeX source."""

from __future__ import annotations

import json
import re

import pytest

from by_path import load

search_text = load("hooks/search_text.py")

TEX_LEFT = re.compile(r"\\[A-Za-z()\[\]]|\$")


@pytest.mark.parametrize(
    ("tex", "text"),
    [
        (r"\sigma(z) = \frac{1}{1 + e^{-z}}", "σ(z) = 1/(1 + e⁻ᶻ)"),  # noqa: RUF001
        (r"x^{(i)}", "x⁽ⁱ⁾"),
        (r"W^{[l]}", "W^[l]"),
        (r"(n_x, m)", "(nₓ, m)"),
        (r"\hat{y} = \sigma(w^T x + b)", "y\u0302 = σ(wᵀ x + b)"),  # noqa: RUF001
        (
            r"\frac{1}{m} \sum_{i=1}^{m} \mathcal{L}\bigl(a^{(i)}, y^{(i)}\bigr)",
            "1/m Σᵢ₌₁ᵐ ℒ(a⁽ⁱ⁾, y⁽ⁱ⁾)",  # noqa: RUF001
        ),
        (r"\mathbb{R}^{n_x \times m}", "ℝ^(nₓ × m)"),  # noqa: RUF001
        (r"\lVert dw \rVert", "‖ dw ‖"),
        (r"\text{if } z > 0", "if z > 0"),
        (r"\frac{\partial J}{\partial w}", "(∂ J)/(∂ w)"),
        (r"\begin{bmatrix} a & b \end{bmatrix}", "a b"),
    ],
)
def test_a_formula_reads_as_plain_text(tex, text):
    assert search_text.tex_to_text(tex) == text


def test_every_kind_of_delimiter_is_rewritten_and_prose_is_kept():
    text = r"<p>The sigmoid \(\sigma(z)\) and \[J = 0\] and $m$ and $$n_x$$, price 5 USD.</p>"
    assert search_text.plain_formulas(text) == (
        "<p>The sigmoid σ(z) and J = 0 and m and nₓ, price 5 USD.</p>"  # noqa: RUF001
    )


def test_a_formula_escaped_as_html_reads_as_text_escaped_as_html():
    # the index holds "&" and "<" of TeX as "&amp;" and "&lt;"
    text = r"<p>\(\begin{bmatrix} a &amp; b \end{bmatrix}\) and \(0 &lt; \sigma(z)\)</p>"
    assert search_text.plain_formulas(text) == "<p>a b and 0 &lt; σ(z)</p>"  # noqa: RUF001


def test_an_unknown_macro_leaves_no_backslash():
    assert search_text.tex_to_text(r"\foo{x}") == "foox"


def test_the_built_search_index_holds_no_tex(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text())
    leftovers = [
        (doc["location"], match.group(0))
        for doc in index["docs"]
        for match in TEX_LEFT.finditer(re.sub(r"<[^>]+>", "", doc["text"]))
    ]
    assert not leftovers, f"TeX left in the search index: {leftovers[:10]}"


def test_the_built_search_index_holds_no_broken_html_entity(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text())
    broken = re.compile(r"(?<!&)\b(?:amp|lt|gt|quot);")
    found = [
        (doc["location"], doc["text"][max(0, match.start() - 30) : match.end()])
        for doc in index["docs"]
        for match in broken.finditer(doc["text"])
    ]
    assert not found, f"entities that lost their '&': {found[:5]}"
