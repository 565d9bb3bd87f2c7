"""Drawing primitives for the diagrams: a canvas measured in CSS pixels, text, boxes, arrows.

Sizes are in CSS pixels as the page shows the figure at its natural width (matplotlib's
points are converted here, 1 px = 0.75 pt), so a diagram is designed the way it will be
read. Colours are the few below and nothing else: the SVG writer
(:mod:`coursecode.presentation.diagrams.registry`) turns each into a CSS colour that follows
the page's light or dark scheme, and refuses any other colour.

The rules that keep a diagram legible on a phone: natural width at most ``MAX_WIDTH_PX``,
text at least ``SMALL_PX`` (``TEXT_PX`` for the main labels; a mathtext subscript is drawn
at 0.7 of its label's size, so subscripts belong in ``TEXT_PX`` labels only).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import matplotlib as mpl
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch, Patch

__all__ = [
    "ACCENTS",
    "INK",
    "MAX_WIDTH_PX",
    "PAPER",
    "SMALL_PX",
    "TEXT_PX",
    "Node",
    "arrow",
    "box",
    "canvas",
    "circle",
    "new_diagram",
    "plot_axes",
    "pt",
    "size_px",
    "text",
]

PX_PER_INCH = 96
PT_PER_PX = 0.75

# The colours a diagram may use. Each is replaced in the SVG by a colour of the page's scheme
# (see registry.SVG_COLOURS); the values here are what the light scheme shows, so a figure
# previewed in a notebook looks like the page.
INK = "#1b1c1d"  # lines and text: the page's text colour
PAPER = "#fefefd"  # fills that hide what is behind them: the page's background
ACCENTS = {
    # light-scheme colours, each at least 4.5:1 on white; figures.css holds the dark ones
    "blue": "#0a5fb4",
    "orange": "#b34700",
    "green": "#007a56",
    "purple": "#7447c2",
}

TEXT_PX = 16.0
SMALL_PX = 13.0
MAX_WIDTH_PX = 440
LINE_PX = 1.5

# dict[Any, Any]: matplotlib types rc_context's argument as a dict of its own literal keys
STYLE: dict[Any, Any] = {
    "svg.fonttype": "none",  # text stays text: selectable, coloured by CSS, sharp at any size
    "svg.hashsalt": "coursecode-diagrams",  # the same SVG from the same drawing, build after build
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],
    "mathtext.fontset": "dejavuserif",  # serif italic letters, like the formulas on the page
    "font.size": TEXT_PX * PT_PER_PX,
    "text.color": INK,
    "axes.edgecolor": INK,
    "axes.labelcolor": INK,
    "axes.linewidth": LINE_PX * PT_PER_PX,
    "xtick.color": INK,
    "ytick.color": INK,
    "xtick.labelsize": SMALL_PX * PT_PER_PX,
    "ytick.labelsize": SMALL_PX * PT_PER_PX,
    "axes.labelsize": TEXT_PX * PT_PER_PX,
    "lines.linewidth": 2 * PT_PER_PX,
    "lines.color": INK,
    "patch.edgecolor": INK,
    "axes.facecolor": "none",
    "figure.facecolor": "none",
}


def pt(px: float) -> float:
    """A length in CSS pixels, in matplotlib's points."""
    return px * PT_PER_PX


def new_diagram(width: float, height: float) -> Figure:
    """An empty, transparent figure ``width`` x ``height`` CSS pixels, in the diagram style.

    Draw on it with :func:`canvas` (pixel coordinates) and :func:`plot_axes` (a plot).
    """
    if not 0 < width <= MAX_WIDTH_PX or height <= 0:
        raise ValueError(
            f"a diagram is at most {MAX_WIDTH_PX} px wide (to stay legible on a phone) and "
            f"of positive height, got {width} x {height}"
        )
    with mpl.rc_context(STYLE):
        return Figure(figsize=(width / PX_PER_INCH, height / PX_PER_INCH))


def size_px(fig: Figure) -> tuple[float, float]:
    """Width and height of ``fig`` in CSS pixels."""
    width, height = fig.get_size_inches() * PX_PER_INCH
    return float(width), float(height)


def _rect(fig: Figure, left: float, bottom: float, width: float, height: float):
    """A rectangle given in pixels from the figure's lower-left corner, in figure fractions."""
    fig_width, fig_height = size_px(fig)
    return (left / fig_width, bottom / fig_height, width / fig_width, height / fig_height)


def canvas(fig: Figure, left=0.0, bottom=0.0, width=None, height=None) -> Axes:
    """Axes without decoration over part of ``fig``, whose data units are CSS pixels.

    ``(0, 0)`` is the lower-left corner of the area; by default the area is the whole
    figure.
    """
    fig_width, fig_height = size_px(fig)
    width = fig_width - left if width is None else width
    height = fig_height - bottom if height is None else height
    with mpl.rc_context(STYLE):
        ax = fig.add_axes(_rect(fig, left, bottom, width, height))
    ax.set_xlim(0, width)
    ax.set_ylim(0, height)
    ax.set_axis_off()
    return ax


def plot_axes(fig: Figure, left: float, bottom: float, width: float, height: float) -> Axes:
    """Axes for a plot over the given area of ``fig`` (in pixels): two spines, ink ticks.

    Leave room outside the area for tick labels and axis labels.
    """
    with mpl.rc_context(STYLE):
        ax = fig.add_axes(_rect(fig, left, bottom, width, height))
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(width=pt(LINE_PX), length=pt(5))
    return ax


def text(ax: Axes, x: float, y: float, label: str, *, size: float = TEXT_PX, gid=None, **kw):
    """Write ``label`` centred on ``(x, y)`` (pass ``ha``/``va`` to anchor it otherwise).

    ``gid`` becomes the id of the SVG group around the text (prefixed per page), so a test
    can find it.
    """
    kw.setdefault("ha", "center")
    kw.setdefault("va", "center")
    kw.setdefault("color", INK)
    written = ax.text(x, y, label, fontsize=pt(size), **kw)
    if gid is not None:
        written.set_gid(gid)
    return written


@dataclass(frozen=True)
class Node:
    """A shape on a canvas (a box or a circle) that arrows can start and end at."""

    x: float
    y: float
    width: float
    height: float
    patch: Patch

    @property
    def left(self) -> tuple[float, float]:
        return (self.x - self.width / 2, self.y)

    @property
    def right(self) -> tuple[float, float]:
        return (self.x + self.width / 2, self.y)

    @property
    def top(self) -> tuple[float, float]:
        return (self.x, self.y + self.height / 2)

    @property
    def bottom(self) -> tuple[float, float]:
        return (self.x, self.y - self.height / 2)


def box(
    ax: Axes,
    x: float,
    y: float,
    width: float,
    height: float,
    *,
    color: str = INK,
    fill: str = PAPER,
    label: str | None = None,
    size: float = TEXT_PX,
    gid=None,
) -> Node:
    """A rounded box centred on ``(x, y)``, with an optional label in its middle."""
    patch = FancyBboxPatch(
        (x - width / 2, y - height / 2),
        width,
        height,
        boxstyle="round,pad=0,rounding_size=6",
        facecolor=fill,
        edgecolor=color,
        linewidth=pt(LINE_PX),
        zorder=2,
    )
    ax.add_patch(patch)
    if label is not None:
        text(ax, x, y, label, size=size, gid=gid, zorder=3)
    return Node(x, y, width, height, patch)


def circle(
    ax: Axes,
    x: float,
    y: float,
    radius: float,
    *,
    color: str = INK,
    fill: str = PAPER,
    label: str | None = None,
    size: float = TEXT_PX,
    gid=None,
) -> Node:
    """A circle centred on ``(x, y)``, with an optional label in its middle."""
    patch = Circle(
        (x, y), radius, facecolor=fill, edgecolor=color, linewidth=pt(LINE_PX), zorder=2
    )
    ax.add_patch(patch)
    if label is not None:
        text(ax, x, y, label, size=size, gid=gid, zorder=3)
    return Node(x, y, 2 * radius, 2 * radius, patch)


def arrow(
    ax: Axes,
    start,
    end,
    *,
    color: str = INK,
    bend: float = 0.0,
    dashed: bool = False,
    gap: float = 2.0,
    head: float = 14.0,
):
    """An arrow from ``start`` to ``end``: each a point ``(x, y)`` or a :class:`Node`.

    An arrow between nodes runs between their outlines, ``gap`` pixels clear of them.
    ``bend`` curves it (0 is straight; 0.3 is a gentle arc to the left of its direction);
    ``head`` sets the size of the arrowhead, in pixels (0: a plain line).
    """

    def point_and_patch(end_point):
        if isinstance(end_point, Node):
            return (end_point.x, end_point.y), end_point.patch
        return tuple(end_point), None

    (a, patch_a), (b, patch_b) = point_and_patch(start), point_and_patch(end)
    shrink = pt(gap)
    if bend == 0:
        # A straight arrow's ends are computed here: where the line between the centres
        # crosses each node's outline, then ``gap`` further along. Left to matplotlib, the
        # clipping and shrinking are bisections on the path, which made a densely
        # connected network take seconds to draw.
        if isinstance(start, Node):
            a = _on_outline(start, b)
        if isinstance(end, Node):
            b = _on_outline(end, a)
        a, b = _moved_toward(a, b, gap), _moved_toward(b, a, gap)
        patch_a = patch_b = None
        shrink = 0.0
    drawn = FancyArrowPatch(
        a,
        b,
        patchA=patch_a,
        patchB=patch_b,
        shrinkA=shrink,
        shrinkB=shrink,
        arrowstyle="-|>" if head > 0 else "-",
        mutation_scale=pt(head if head > 0 else 1.0),
        connectionstyle=f"arc3,rad={bend}",
        color=color,
        linewidth=pt(LINE_PX),
        linestyle="--" if dashed else "-",
        zorder=1,
    )
    # add_artist, not add_patch: a canvas has fixed limits, and add_patch would work out
    # the arrow's whole path only to update them
    ax.add_artist(drawn)
    return drawn


def _on_outline(node: Node, toward) -> tuple[float, float]:
    """Where the ray from the centre of ``node`` toward the point ``toward`` leaves it.

    A circle is exact; a box is taken as its rectangle (its rounded corners are 6 px).
    """
    dx, dy = toward[0] - node.x, toward[1] - node.y
    length = math.hypot(dx, dy)
    if length == 0:
        return (node.x, node.y)
    if isinstance(node.patch, Circle):
        reach = node.width / 2
    else:
        reach = min(
            node.width / 2 / abs(dx) * length if dx else math.inf,
            node.height / 2 / abs(dy) * length if dy else math.inf,
        )
    return (node.x + dx / length * reach, node.y + dy / length * reach)


def _moved_toward(point, other, distance: float) -> tuple[float, float]:
    """``point`` moved ``distance`` pixels along the line toward ``other``."""
    dx, dy = other[0] - point[0], other[1] - point[1]
    length = math.hypot(dx, dy)
    if length == 0:
        return (point[0], point[1])
    return (point[0] + dx / length * distance, point[1] + dy / length * distance)
