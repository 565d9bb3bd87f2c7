"""The registry of diagrams, and the writer that turns one into SVG to inline in a page.

A diagram is a function that draws a matplotlib Figure, registered under a name with the
text that describes it to a reader who cannot see it::

    @diagram("computation-graph-forward", alt="...")
    def computation_graph_forward() -> Figure: ...

``hooks/figures.py`` replaces ``![caption](diagram:computation-graph-forward)`` in a page
with the SVG from :func:`render`, inside a numbered ``<figure>``.

The SVG is written for inline use: its text stays text (matplotlib's ``svg.fonttype``
``none``), each colour of :mod:`~coursecode.presentation.diagrams.drawing` becomes a CSS
colour of the page (the ink ``currentColor``, so the drawing follows light and dark mode),
any other colour is refused, and ids are prefixed so several figures can share a page.
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Callable
from dataclasses import dataclass

import matplotlib as mpl
from matplotlib.figure import Figure

from coursecode.presentation.diagrams.drawing import ACCENTS, INK, PAPER, STYLE
from coursecode.presentation.inline_svg import MIN_TEXT_PX, InlineSvg

__all__ = [
    "DIAGRAMS",
    "MIN_TEXT_PX",
    "PHONE_CONTENT_PX",
    "SVG_COLOURS",
    "Diagram",
    "InlineSvg",
    "diagram",
    "render",
    "to_inline_svg",
]

# Material's text column on a 390 px wide phone: 390 px less 0.8rem (16 px) on each side.
PHONE_CONTENT_PX = 358

SVG_COLOURS = {
    INK: "currentColor",
    PAPER: "var(--md-default-bg-color, #fff)",
    **{value: f"var(--figure-{name}, {value})" for name, value in ACCENTS.items()},
}

NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class Diagram:
    """A registered diagram: its name, its alt text, and the function that draws it.

    ``alt`` is a string, or a function that returns one when the text quotes numbers that
    the package computes (so that they cannot drift from the drawing).
    """

    name: str
    alt: str | Callable[[], str]
    draw: Callable[[], Figure]

    def alt_text(self) -> str:
        """The alt text, on one line."""
        alt = self.alt() if callable(self.alt) else self.alt
        if not isinstance(alt, str) or not alt.strip():
            raise ValueError(f"diagram {self.name!r}: its alt text must say what it shows")
        return " ".join(alt.split())


DIAGRAMS: dict[str, Diagram] = {}


def diagram(name: str, *, alt: str | Callable[[], str]):
    """Register the decorated function, which returns a Figure, as the diagram ``name``.

    Parameters
    ----------
    name : str
        Lower-case words joined by hyphens; the name pages use in ``(diagram:name)``.
    alt : str or callable
        What the figure shows, for a reader who cannot see it (screen readers announce it);
        a function returning that text if it quotes computed numbers.
    """
    if not isinstance(name, str) or not NAME.fullmatch(name):
        raise ValueError(
            f"diagram name must be lower-case words joined by hyphens, like "
            f"'computation-graph-forward', got {name!r}"
        )
    if not callable(alt) and (not isinstance(alt, str) or not alt.strip()):
        raise ValueError(f"diagram {name!r} needs alt text that says what it shows, got {alt!r}")

    def register(draw: Callable[[], Figure]) -> Callable[[], Figure]:
        if name in DIAGRAMS:
            other = DIAGRAMS[name].draw
            raise ValueError(
                f"diagram {name!r} is already registered by {other.__module__}.{other.__name__}"
            )
        DIAGRAMS[name] = Diagram(name=name, alt=alt, draw=draw)
        return draw

    return register


ROOT_TAG = re.compile(r"<svg\b[^>]*>")
VIEWBOX = re.compile(r'viewBox="0 0 (?P<width>[\d.]+) (?P<height>[\d.]+)"')
HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}\b")
FONT_FAMILY = re.compile(r"font-family: (?P<families>[^;\"]+)")
FONT_SIZE = re.compile(r"font-size: (?P<size>[\d.]+)px")
# Labels take the page's font. Mathtext places each glyph itself, measured in DejaVu (which
# matplotlib ships), so its glyphs keep that font where the reader has it, else a close one.
LABEL_FONT = "var(--md-text-font-family, sans-serif)"
MATH_SERIF = "'DejaVu Serif', 'Times New Roman', serif"
MATH_SANS = "'DejaVu Sans', sans-serif"


def _font_stack(families: str) -> str:
    """The CSS font stack for a font-family that matplotlib wrote."""
    if "Serif" in families:
        return MATH_SERIF
    if families.strip() == "'DejaVu Sans'":  # a mathtext glyph; labels list many families
        return MATH_SANS
    return LABEL_FONT


def _svg_of(fig: Figure) -> str:
    buffer = io.StringIO()
    with mpl.rc_context(STYLE):  # svg.fonttype and svg.hashsalt are read while saving
        fig.savefig(buffer, format="svg", metadata={"Date": None}, transparent=True)
    return buffer.getvalue()


def to_inline_svg(fig: Figure, alt: str) -> InlineSvg:
    """``fig`` as an ``<svg role="img">`` element labelled by ``alt``, ready for a page.

    Raises
    ------
    ValueError
        If the drawing uses a colour that is not one of the diagram colours.
    """
    svg = _svg_of(fig)
    svg = svg[svg.index("<svg") :]  # no XML declaration or DOCTYPE inside HTML
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.DOTALL)
    svg = re.sub(r"<!--.*?-->\s*", "", svg, flags=re.DOTALL)  # mathtext sources
    # matplotlib's "*{...}" stylesheet would apply to the whole page; these two properties
    # are inherited, so the root element carries them instead.
    svg = re.sub(r'<style type="text/css">.*?</style>\s*', "", svg, flags=re.DOTALL)
    svg = re.sub(r"<defs>\s*</defs>\s*", "", svg)

    unknown = sorted({c.lower() for c in HEX_COLOUR.findall(svg)} - set(SVG_COLOURS))
    if unknown:
        raise ValueError(
            f"the diagram uses colours {unknown} that do not follow the page's light and dark "
            f"schemes; draw with INK, PAPER or ACCENTS from "
            f"coursecode.presentation.diagrams.drawing"
        )
    svg = HEX_COLOUR.sub(lambda m: SVG_COLOURS[m.group(0).lower()], svg)
    svg = FONT_FAMILY.sub(lambda m: "font-family: " + _font_stack(m["families"]), svg)
    svg = svg.replace("font-style: oblique", "font-style: italic")

    box = VIEWBOX.search(svg)
    if box is None:
        raise ValueError("matplotlib wrote an SVG without a viewBox starting at 0 0")
    view_width, view_height = float(box["width"]), float(box["height"])
    scale = 4 / 3  # the viewBox is in points; the page measures CSS pixels
    width, height = view_width * scale, view_height * scale
    sizes = [float(size) for size in FONT_SIZE.findall(svg)]
    if not sizes:
        raise ValueError("the diagram has no text: label what it shows")
    smallest = min(sizes) * scale
    shown = InlineSvg("", width, height, smallest)
    root = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {box["width"]} '
        f'{box["height"]}" width="{width:.0f}" height="{height:.0f}" role="img" '
        f'aria-label="{html.escape(alt, quote=True)}" class="diagram__svg" '
        f'style="max-width: {width:.0f}px; min-width: {min(shown.min_width, width):.0f}px; '
        'stroke-linejoin: round; stroke-linecap: butt">'
    )
    svg = ROOT_TAG.sub(lambda _: root, svg, count=1).strip()
    return InlineSvg(svg, width, height, smallest)


def render(name: str) -> InlineSvg:
    """Draw the registered diagram ``name`` and write it as inline SVG.

    Raises
    ------
    KeyError
        If no diagram of that name is registered.
    TypeError
        If its function does not return a matplotlib Figure.
    """
    if name not in DIAGRAMS:
        raise KeyError(f"no diagram named {name!r}; registered: {', '.join(sorted(DIAGRAMS))}")
    entry = DIAGRAMS[name]
    with mpl.rc_context(STYLE):  # fonts and sizes are read as each artist is made
        fig = entry.draw()
    if not isinstance(fig, Figure):
        raise TypeError(
            f"diagram {name!r}: {entry.draw.__name__}() must return a matplotlib Figure, "
            f"got {type(fig).__name__}"
        )
    return to_inline_svg(fig, entry.alt_text())
