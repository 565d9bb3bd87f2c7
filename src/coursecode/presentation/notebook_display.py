"""Figures and tables for the notebooks: legible on a phone, in light and dark mode, with alt text.

A figure is rendered twice, as a light card (dark ink on an off-white background) and as
a dark card (light ink on a dark background), and the site shows the one that matches its
colour scheme (Jupyter and Colab show the light one). Colours come from the Okabe-Ito
palette, which stays distinguishable with the common kinds of colour blindness and reads
on both cards. Figures are 5 inches wide with text of at least 10 points, so that on a
390 px wide phone, where the figure shrinks to the 358 px text column, no text is drawn
smaller than 9 CSS pixels.

Needs matplotlib (the ``notebooks`` extra). Uses ``matplotlib.figure.Figure`` directly,
not pyplot: nothing depends on a GUI backend, and a figure is shown only when a cell
returns :func:`show_figure`'s result, so every image on a page has alt text.
"""

from __future__ import annotations

import base64
import html
import io
import numbers
from typing import Any

import numpy as np
from cycler import cycler
from matplotlib.cm import ScalarMappable
from matplotlib.colors import ListedColormap, to_rgba
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Text
from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

__all__ = [
    "CARD",
    "DARK_CARD",
    "INK",
    "PALETTE",
    "FigureWithAlt",
    "Table",
    "dark_colour",
    "legend_below",
    "markdown_table",
    "new_figure",
    "readable_log_axis",
    "show_figure",
    "smallest_text_px",
]

CARD = "#f7f7f5"  # figure background
INK = "#1f1f1f"  # text, ticks, spines
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]
# The dark rendering: greys are mirrored between these two (white becomes the dark card's
# background, black its ink); the palette's colours stay, they read on both cards.
DARK_CARD = "#23262f"
DARK_INK = "#e8e8e8"
# Figures are drawn in inches and shown at 96 CSS pixels per inch.
CSS_PX_PER_INCH = 96
WIDTH_IN = 5.0

# dict[Any, Any]: matplotlib types rc_context's argument as a dict of its own literal keys
_STYLE: dict[Any, Any] = {
    "axes.prop_cycle": cycler(color=PALETTE),
    "axes.edgecolor": INK,
    "axes.labelcolor": INK,
    "axes.titlecolor": INK,
    "axes.facecolor": "white",
    "axes.grid": True,
    "grid.color": "#d0d0d0",
    "grid.linewidth": 0.6,
    "xtick.color": INK,
    "ytick.color": INK,
    "text.color": INK,
    "legend.facecolor": "white",
    "legend.edgecolor": "#b0b0b0",
    "legend.labelcolor": INK,
    "font.size": 10.5,
    "axes.titlesize": 11,
    "axes.labelsize": 10.5,
    "xtick.labelsize": 10,
    "ytick.labelsize": 10,
    "legend.fontsize": 10,
}


def new_figure(nrows: int = 1, ncols: int = 1, *, width: float = WIDTH_IN, height: float = 3.4):
    """A figure with a grid of axes, styled as a light card.

    Parameters
    ----------
    nrows, ncols : int, default 1
        Shape of the grid of axes.
    width, height : float
        Size of the whole figure in inches (shown at 96 pixels per inch). Wider than
        5 inches, the text gets too small on a phone.

    Returns
    -------
    fig : matplotlib.figure.Figure
    axes : Axes, or ndarray of Axes when ``nrows * ncols > 1``

    >>> fig, ax = new_figure()
    >>> from matplotlib.colors import to_hex
    >>> to_hex(fig.get_facecolor()) == CARD, to_hex(ax.get_facecolor())
    (True, '#ffffff')
    """
    import matplotlib as mpl

    with mpl.rc_context(_STYLE):
        fig = Figure(figsize=(width, height), facecolor=CARD, layout="constrained")
        axes = fig.subplots(nrows, ncols)
    return fig, axes


def readable_log_axis(axis) -> None:
    """Label a logarithmic axis at 1, 2 and 5 times each power of ten, in plain numbers.

    Matplotlib labels a log axis that spans less than a decade at every minor tick
    (0.1, 0.09, 0.08, ...), and the labels run into each other. Here only 1, 2 and 5
    times a power of ten get a label, written like ``0.05`` or ``20``.

    Parameters
    ----------
    axis : matplotlib.axis.Axis
        ``ax.xaxis`` or ``ax.yaxis`` of axes whose scale is already ``"log"``.

    >>> fig, ax = new_figure()
    >>> _ = ax.plot([1, 2], [0.04, 0.7]); ax.set_yscale("log"); readable_log_axis(ax.yaxis)
    >>> [label.get_text() for label in ax.yaxis.get_ticklabels()
    ...  if 0.04 <= label.get_position()[1] <= 0.7]
    ['0.05', '0.1', '0.2', '0.5']
    """
    axis.set_major_locator(LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
    axis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:g}"))
    axis.set_minor_formatter(NullFormatter())


def legend_below(fig: Figure, ax, *, ncols: int = 2):
    """The legend of ``ax`` under the plot, where it covers no data.

    >>> fig, ax = new_figure()
    >>> _ = ax.plot([0, 1], label="a"); _ = ax.plot([1, 0], label="b")
    >>> [text.get_text() for text in legend_below(fig, ax).get_texts()]
    ['a', 'b']
    """
    handles, labels = ax.get_legend_handles_labels()
    return fig.legend(handles, labels, loc="outside lower center", ncols=ncols)


def smallest_text_px(fig: Figure) -> float:
    """The size of the smallest text drawn in ``fig``, in CSS pixels at its full size.

    >>> fig, ax = new_figure()
    >>> _ = ax.set_title("t", fontsize=9)
    >>> smallest_text_px(fig)
    12.0
    """
    sizes = [
        float(text.get_fontsize())  # points; typed float | str
        for text in fig.findobj(Text)
        if text.get_visible() and text.get_text().strip() and _drawn(text)
    ]
    return min(sizes, default=0.0) * CSS_PX_PER_INCH / 72


def _drawn(text: Text) -> bool:
    """False for a tick label outside its axis's view (matplotlib keeps but does not draw it)."""
    axes = text.axes
    if axes is None or text not in axes.xaxis.get_ticklabels(which="both") + list(
        axes.yaxis.get_ticklabels(which="both")
    ):
        return True
    x, y = text.get_position()
    on_x = text in axes.xaxis.get_ticklabels(which="both")
    low, high = sorted(axes.get_xlim() if on_x else axes.get_ylim())
    value = x if on_x else y
    return low - 1e-12 * abs(high) <= value <= high + 1e-12 * abs(high)


def dark_colour(colour):
    """The dark rendering's colour for a colour of the light one.

    Greys are mirrored: white becomes the dark card, black its ink, and a light grey a
    dark one; other colours (the palette) stay as they are. Transparency is kept. (A grey
    colour map, as for an image of pixel intensities, is mirrored the same way.)

    >>> from matplotlib.colors import to_hex
    >>> [to_hex(dark_colour(c)) for c in ("white", "black", "#0072B2")]
    ['#23262f', '#e8e8e8', '#0072b2']
    """
    r, g, b, a = to_rgba(colour)
    if max(r, g, b) - min(r, g, b) > 0.02:
        return (r, g, b, a)
    grey = (r + g + b) / 3
    card, ink = np.array(to_rgba(DARK_CARD)[:3]), np.array(to_rgba(DARK_INK)[:3])
    return (*(card + (1 - grey) * (ink - card)), a)


def _recolour(fig: Figure) -> None:
    """Turn a light figure into its dark rendering, in place."""
    fig.set_facecolor(dark_colour(fig.get_facecolor()))
    for artist in fig.findobj():
        # An image or a filled contour drawn with a grey colour map (pixel intensities, say)
        # gets the map's greys mirrored too; a coloured map stays as it is.
        if isinstance(artist, ScalarMappable):
            greys = artist.get_cmap()(np.linspace(0, 1, 256))
            if np.all(np.ptp(greys[:, :3], axis=1) <= 0.02):
                artist.set_cmap(ListedColormap([dark_colour(tuple(c)) for c in greys]))
        # set_color of a patch or a collection sets its face too: it would fill contours.
        names = ["facecolor", "edgecolor", "markerfacecolor", "markeredgecolor"]
        if isinstance(artist, (Line2D, Text)):
            names.append("color")
        for name in names:
            getter = getattr(artist, f"get_{name}", None)
            setter = getattr(artist, f"set_{name}", None)
            if getter is None or setter is None or artist is fig:
                continue
            try:
                value = getter()
            except (AttributeError, TypeError):
                continue
            if isinstance(value, str) and value in ("none", "auto", "face"):
                continue
            array = np.asarray(value, dtype=object)
            try:
                if array.ndim == 2:
                    setter([dark_colour(tuple(row)) for row in np.asarray(value, float)])
                elif (array.ndim == 1 and len(array) in (3, 4)) or isinstance(value, str):
                    setter(dark_colour(value))
            except (ValueError, TypeError):
                continue


def _png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=1.5 * CSS_PX_PER_INCH, facecolor=fig.get_facecolor())
    return buffer.getvalue()


class FigureWithAlt:
    """A rendered figure that Jupyter shows as an ``<img>`` with alt text and a caption.

    Jupyter, nbconvert and Colab call :meth:`_repr_html_`. The PNGs are rendered at 1.5x
    the displayed size, so they stay sharp on high-density screens. The dark rendering
    is ``hidden``: the site's stylesheet shows it in dark mode instead of the light one.
    Each image carries the size of its smallest text (``data-text-px``, CSS pixels at
    the image's full width), which the site's browser tests check on a phone.
    """

    def __init__(
        self,
        png: bytes,
        width_px: int,
        height_px: int,
        alt: str,
        caption: str,
        *,
        dark_png: bytes | None = None,
        text_px: float = 0.0,
    ):
        self.png, self.dark_png, self.alt, self.caption = png, dark_png, alt, caption
        self.width_px, self.height_px, self.text_px = width_px, height_px, text_px

    def __repr__(self) -> str:
        return f"FigureWithAlt(alt={self.alt!r})"

    def _img(self, png: bytes, scheme: str) -> str:
        data = base64.b64encode(png).decode("ascii")
        hidden = " hidden" if scheme == "dark" else ""
        return (
            f'<img class="figure-{scheme}" src="data:image/png;base64,{data}" '
            f'alt="{html.escape(self.alt)}" width="{self.width_px}" height="{self.height_px}" '
            f'data-text-px="{self.text_px:.1f}"{hidden} '
            'style="max-width: 100%; height: auto; border-radius: 4px">'
        )

    def _repr_html_(self) -> str:
        caption = f"<figcaption>{html.escape(self.caption)}</figcaption>" if self.caption else ""
        images = self._img(self.png, "light")
        if self.dark_png is not None:
            images += self._img(self.dark_png, "dark")
        figure = '<figure class="coursecode-figure" style="margin: 0.5em 0">'
        return f"{figure}{images}{caption}</figure>"


def show_figure(fig: Figure, alt: str, caption: str = "") -> FigureWithAlt:
    """Render ``fig`` to PNG, light and dark, and return it with its alt text as a cell's output.

    The dark rendering is made by re-colouring ``fig`` in place (:func:`dark_colour`),
    so draw nothing more on it afterwards.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        Usually made by :func:`new_figure`.
    alt : str
        What the figure shows, for readers who cannot see it: not empty.
    caption : str, optional
        A visible caption under the figure.

    Returns
    -------
    FigureWithAlt

    >>> fig, ax = new_figure(width=2, height=1)
    >>> shown = show_figure(fig, alt="An empty plot")
    >>> shown.png[:4], shown.dark_png[:4], (shown.width_px, shown.height_px)
    (b'\\x89PNG', b'\\x89PNG', (192, 96))
    >>> 'alt="An empty plot"' in shown._repr_html_()
    True
    """
    if not isinstance(fig, Figure):
        raise TypeError(f"fig must be a matplotlib Figure, got {type(fig).__name__}")
    if not isinstance(alt, str) or not alt.strip():
        raise ValueError(f"alt must be a non-empty description of the figure, got {alt!r}")
    if not isinstance(caption, str):
        raise TypeError(f"caption must be a string, got {type(caption).__name__}")
    width_in, height_in = fig.get_size_inches()
    light = _png(fig)
    text_px = smallest_text_px(fig)
    _recolour(fig)
    dark = _png(fig)
    return FigureWithAlt(
        light,
        round(width_in * CSS_PX_PER_INCH),
        round(height_in * CSS_PX_PER_INCH),
        alt.strip(),
        caption,
        dark_png=dark,
        text_px=text_px,
    )


class Table:
    """A table that Jupyter shows as Markdown (and a plain-text console as text)."""

    def __init__(self, markdown: str):
        self.markdown = markdown

    def __repr__(self) -> str:
        return self.markdown

    def _repr_markdown_(self) -> str:
        return self.markdown


def markdown_table(header, rows, *, formats=None) -> Table:
    """A Markdown table from a header and rows of values, numbers right-aligned.

    Parameters
    ----------
    header : sequence of str
        The column titles, none of them blank.
    rows : iterable of sequences
        One sequence of values per row, as long as ``header``.
    formats : sequence of str or None, optional
        A format spec per column for numbers, such as ``".3f"`` or ``".1%"``; ``None``
        or ``""`` for ``str()``. Values that are ``None`` are shown as a dash.

    Returns
    -------
    Table

    >>> markdown_table(["step", "m", "time"], [["a", 10, 0.5], ["b", 100, None]],
    ...                formats=["", "", ".2f"])
    | step | m | time |
    | --- | ---: | ---: |
    | a | 10 | 0.50 |
    | b | 100 | - |
    """
    header = [str(title) for title in header]
    for column, title in enumerate(header):
        if not title.strip():
            # a screen reader reads a column's title with each of its cells
            raise ValueError(f"header[{column}] must be a column title, got {title!r}")
    formats = list(formats) if formats is not None else [""] * len(header)
    if len(formats) != len(header):
        raise ValueError(
            f"formats must have one entry per column ({len(header)}), got {len(formats)}"
        )
    lines, right_aligned = [], [True] * len(header)
    for number, row in enumerate(rows):
        row = list(row)
        if len(row) != len(header):
            raise ValueError(
                f"rows[{number}] must have {len(header)} values like header, got {len(row)}"
            )
        cells = []
        for k, (value, spec) in enumerate(zip(row, formats, strict=True)):
            is_number = isinstance(value, numbers.Real) and not isinstance(value, bool)
            right_aligned[k] = right_aligned[k] and (value is None or is_number)
            if value is None:
                cells.append("-")
            else:
                cells.append(format(value, spec) if spec and is_number else str(value))
        lines.append(cells)
    out = ["| " + " | ".join(header) + " |"]
    out.append("| " + " | ".join("---:" if right else "---" for right in right_aligned) + " |")
    out += ["| " + " | ".join(cells) + " |" for cells in lines]
    return Table("\n".join(out))
