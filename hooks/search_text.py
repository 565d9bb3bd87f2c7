"""MkDocs hook: search previews show formulas as text, not as TeX source.

The formulas are typeset when the site is built (hooks/prerender_math.py), after the
search plugin has read the pages, so the search index holds their TeX: a search for
"sigmoid" listed previews such as ``\\(\\sigma(z)\\)``. After the build this hook rewrites
every formula in ``search/search_index.json`` as plain text, ``σ(z)``, with Unicode
letters, operators, superscripts and subscripts where they exist (``x⁽ⁱ⁾``, ``nₓ``,
``wᵀ``) and ``^``, ``_`` or a slash where they do not (``W^[l]``, ``(1)/(m)``).

The conversion is deliberately small: it knows the macros the pages use and drops the
ones that only space or size things. An unknown macro keeps its name without the
backslash, so a preview never shows a backslash or a dollar sign of TeX.
"""

# ruff: noqa: RUF001, RUF002 (this file maps TeX to Greek letters and math symbols)

from __future__ import annotations

import html
import json
import logging
import re
from pathlib import Path

log = logging.getLogger("mkdocs.hooks.search_text")

# A formula as the index holds it: arithmatex's \( \) and \[ \] on Markdown pages, $ and $$
# in notebook Markdown cells.
FORMULA = re.compile(
    r"\\\((?P<inline>.+?)\\\)|\\\[(?P<display>.+?)\\\]|\$\$(?P<block>.+?)\$\$|\$(?P<cell>[^$\n]+?)\$",
    re.DOTALL,
)

SYMBOLS = {
    "alpha": "α",
    "beta": "β",
    "gamma": "γ",
    "delta": "δ",
    "epsilon": "ε",
    "varepsilon": "ε",
    "eta": "η",
    "theta": "θ",
    "lambda": "λ",
    "mu": "μ",
    "pi": "π",
    "rho": "ρ",
    "sigma": "σ",
    "tau": "τ",
    "phi": "φ",
    "omega": "ω",
    "Delta": "Δ",
    "Sigma": "Σ",
    "Theta": "Θ",
    "partial": "∂",
    "nabla": "∇",
    "infty": "∞",
    "sum": "Σ",
    "prod": "∏",
    "cdot": "·",
    "times": "×",
    "pm": "±",
    "le": "≤",
    "leq": "≤",
    "ge": "≥",
    "geq": "≥",
    "ne": "≠",
    "neq": "≠",
    "approx": "≈",
    "to": "→",
    "rightarrow": "→",
    "Rightarrow": "⇒",
    "Longrightarrow": "⟹",
    "implies": "⟹",
    "iff": "⟺",
    "leftarrow": "←",
    "mapsto": "↦",
    "in": "∈",
    "mid": "|",
    "neg": "¬",
    "wedge": "∧",
    "oplus": "⊕",
    "dots": "…",
    "ldots": "…",
    "cdots": "⋯",
    "vdots": "⋮",
    "prime": "′",
    "lVert": "‖",
    "rVert": "‖",
    "|": "‖",
    "lceil": "⌈",
    "rceil": "⌉",
    "{": "{",
    "}": "}",
    "%": "%",
    "\\": " ",
    ",": " ",
    ";": " ",
    ":": " ",
    " ": " ",
    "!": "",
    "quad": " ",
    "qquad": " ",
}
# Macros that only size, space or style what follows: dropped, their argument kept.
DROPPED = {
    "left",
    "right",
    "bigl",
    "bigr",
    "Bigl",
    "Bigr",
    "big",
    "Big",
    "textstyle",
    "displaystyle",
    "mathrel",
    "mathrm",
    "mathbf",
    "boldsymbol",
    "text",
    "texttt",
    "operatorname",
    "underbrace",
    "begin",
    "end",
}
ACCENTS = {"hat": "\u0302", "tilde": "\u0303", "bar": "\u0304", "vec": "\u20d7"}
FONTS = {"mathbb": {"R": "ℝ", "N": "ℕ", "Z": "ℤ"}, "mathcal": {"L": "ℒ", "N": "𝒩"}}
FRACTIONS = {"frac", "dfrac", "tfrac"}
SUPERSCRIPT = str.maketrans(
    "0123456789+-=()abcdefghijklmnoprstuvwxyzT", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᵀ"
)
SUBSCRIPT = str.maketrans("0123456789+-=()aehijklmnoprstuvx", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ")
MACRO = re.compile(r"\\([A-Za-z]+|.)")


def _group(tex: str, start: int) -> tuple[str, int]:
    """The argument of a macro at ``tex[start:]``: a {...} group or one token; and its end."""
    while start < len(tex) and tex[start] == " ":
        start += 1
    if start >= len(tex):
        return "", start
    if tex[start] == "{":
        depth = 0
        for end in range(start, len(tex)):
            depth += {"{": 1, "}": -1}.get(tex[end], 0)
            if depth == 0:
                return tex[start + 1 : end], end + 1
        return tex[start + 1 :], len(tex)
    macro = MACRO.match(tex, start)
    if macro:
        return macro.group(0), macro.end()
    return tex[start], start + 1


def _script(text: str, table: dict, mark: str) -> str:
    """``text`` in Unicode super- or subscripts when every character has one, else ``^x``."""
    converted = text.translate(table)
    if all(ord(char) > 127 for char in converted):
        return converted
    return f"{mark}{text}" if len(text) == 1 or text.startswith(("(", "[")) else f"{mark}({text})"


def _bracket(text: str) -> str:
    return text if len(text) <= 1 or re.fullmatch(r"[\w.′]+", text) else f"({text})"


def tex_to_text(tex: str) -> str:
    """Plain text for a TeX formula, as a search preview shows it.

    >>> tex_to_text(r"\\sigma(z) = \\frac{1}{1 + e^{-z}}")
    'σ(z) = 1/(1 + e⁻ᶻ)'
    """
    out, index = [], 0
    while index < len(tex):
        char = tex[index]
        if char == "\\":
            macro = MACRO.match(tex, index)
            name, index = macro.group(1), macro.end()
            if name in FRACTIONS:
                top, index = _group(tex, index)
                bottom, index = _group(tex, index)
                out.append(f"{_bracket(tex_to_text(top))}/{_bracket(tex_to_text(bottom))}")
            elif name == "sqrt":
                inside, index = _group(tex, index)
                out.append(f"√{_bracket(tex_to_text(inside))}")
            elif name in ACCENTS:
                inside, index = _group(tex, index)
                out.append(tex_to_text(inside) + ACCENTS[name])
            elif name in FONTS:
                inside, index = _group(tex, index)
                out.append("".join(FONTS[name].get(c, c) for c in tex_to_text(inside)))
            elif name in ("begin", "end"):
                _, index = _group(tex, index)  # the environment's name
            elif name in SYMBOLS:
                out.append(SYMBOLS[name])
            elif name not in DROPPED:
                out.append(name)  # log, max, tanh, and any macro not known here
        elif char in "^_":
            inside, index = _group(tex, index + 1)
            table, mark = (SUPERSCRIPT, "^") if char == "^" else (SUBSCRIPT, "_")
            out.append(_script(tex_to_text(inside), table, mark))
        elif char in "{}":
            index += 1
        elif char == "&":
            out.append(" ")
            index += 1
        else:
            out.append(char)
            index += 1
    return re.sub(r" {2,}", " ", "".join(out)).strip()


def plain_formulas(text: str) -> str:
    """``text`` (HTML, as the index holds it) with every formula written as plain text.

    The index holds a formula's TeX escaped as HTML: a column separator ``&`` as ``&amp;``
    and ``<`` as ``&lt;``. Each formula is unescaped before it is converted and its text
    escaped again; converted as it was, a preview showed "a amp; b" and "0 lt; σ(z)".
    """

    def plain(match: re.Match) -> str:
        tex = next(group for group in match.groups() if group is not None)
        return html.escape(tex_to_text(html.unescape(tex)), quote=False)

    return FORMULA.sub(plain, text)


def on_post_build(config):
    index_file = Path(config.site_dir) / "search" / "search_index.json"
    if not index_file.is_file():
        return
    index = json.loads(index_file.read_text(encoding="utf-8"))
    for doc in index["docs"]:
        for key in ("title", "text"):
            if key in doc:
                doc[key] = plain_formulas(doc[key])
    index_file.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), "utf-8")
