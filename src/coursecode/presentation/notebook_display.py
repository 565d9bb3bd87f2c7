"""Figures and tables for the notebooks: legible in light and dark mode, with alt text.

A figure is drawn as a light card (dark ink on an off-white background), so the same
image reads well on Material's white page and on its dark slate page; a transparent
background would leave black text on slate. Colours come from the Okabe-Ito palette,
which stays distinguishable with the common kinds of colour blindness.

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

from cycler import cycler
from matplotlib.figure import Figure

__all__ = [
    "CARD",
    "INK",
    "PALETTE",
    "FigureWithAlt",
    "Table",
    "markdown_table",
    "new_figure",
    "show_figure",
]

CARD = "#f7f7f5"  # figure background
INK = "#1f1f1f"  # text, ticks, spines
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]

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
    "font.size": 10,
}


def new_figure(nrows: int = 1, ncols: int = 1, *, width: float = 6.4, height: float = 4.0):
    """A figure with a grid of axes, styled as a light card.

    Parameters
    ----------
    nrows, ncols : int, default 1
        Shape of the grid of axes.
    width, height : float
        Size of the whole figure in inches (shown at 96 pixels per inch).

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


class FigureWithAlt:
    """A rendered figure that Jupyter shows as an ``<img>`` with alt text and a caption.

    Jupyter, nbconvert and Colab call :meth:`_repr_html_`. The PNG is rendered at 1.5x
    the displayed size, so it stays sharp on high-density screens.
    """

    def __init__(self, png: bytes, width_px: int, height_px: int, alt: str, caption: str):
        self.png, self.alt, self.caption = png, alt, caption
        self.width_px, self.height_px = width_px, height_px

    def __repr__(self) -> str:
        return f"FigureWithAlt(alt={self.alt!r})"

    def _repr_html_(self) -> str:
        data = base64.b64encode(self.png).decode("ascii")
        caption = f"<figcaption>{html.escape(self.caption)}</figcaption>" if self.caption else ""
        return (
            '<figure class="coursecode-figure" style="margin: 0.5em 0">'
            f'<img src="data:image/png;base64,{data}" alt="{html.escape(self.alt)}" '
            f'width="{self.width_px}" height="{self.height_px}" '
            'style="max-width: 100%; height: auto; border-radius: 4px">'
            f"{caption}</figure>"
        )


def show_figure(fig: Figure, alt: str, caption: str = "") -> FigureWithAlt:
    """Render ``fig`` to PNG and return it with its alt text, ready to be a cell's output.

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
    >>> shown.png[:4], (shown.width_px, shown.height_px)
    (b'\\x89PNG', (192, 96))
    >>> 'alt="An empty plot"' in shown._repr_html_()
    True
    """
    if not isinstance(fig, Figure):
        raise TypeError(f"fig must be a matplotlib Figure, got {type(fig).__name__}")
    if not isinstance(alt, str) or not alt.strip():
        raise ValueError(f"alt must be a non-empty description of the figure, got {alt!r}")
    if not isinstance(caption, str):
        raise TypeError(f"caption must be a string, got {type(caption).__name__}")
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=144, facecolor=fig.get_facecolor())
    width_in, height_in = fig.get_size_inches()
    return FigureWithAlt(
        buffer.getvalue(), round(width_in * 96), round(height_in * 96), alt.strip(), caption
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
        The column titles.
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
