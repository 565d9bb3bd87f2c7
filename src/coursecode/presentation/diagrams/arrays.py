"""Diagrams of array shapes: how NumPy broadcasts a row across a matrix.

The stretched row comes from ``coursecode.arrays.broadcasting.stretch`` and the sum from
NumPy itself, so the picture shows what the code does.
"""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from coursecode.arrays.broadcasting import stretch
from coursecode.presentation.diagrams.drawing import (
    ACCENTS,
    INK,
    PAPER,
    SMALL_PX,
    canvas,
    new_diagram,
    pt,
    text,
)
from coursecode.presentation.diagrams.registry import diagram

__all__ = ["BROADCAST_EXAMPLE"]

# The lesson's example: a (2, 3) array plus a (1, 3) row.
BROADCAST_EXAMPLE = (
    np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]),
    np.array([[100.0, 200.0, 300.0]]),
)

CELL_WIDTH, CELL_HEIGHT = 38, 30


def _grid(ax: Axes, left: float, top: float, values, copied_rows=(), name: str = "") -> None:
    """Draw ``values`` as a grid of cells; the rows in ``copied_rows`` dashed, as copies."""
    rows, columns = values.shape
    for i in range(rows):
        copied = i in copied_rows
        for j in range(columns):
            x, y = left + j * CELL_WIDTH, top - (i + 1) * CELL_HEIGHT
            ax.add_patch(_cell(x, y, edge=ACCENTS["blue"] if copied else INK, dashed=copied))
            text(
                ax,
                x + CELL_WIDTH / 2,
                y + CELL_HEIGHT / 2,
                f"{values[i, j]:g}",
                size=14,
                color=ACCENTS["blue"] if copied else INK,
                gid=f"{name}-{i}-{j}" if name else None,
            )


def _cell(x: float, y: float, *, edge: str, dashed: bool) -> Rectangle:
    return Rectangle(
        (x, y),
        CELL_WIDTH,
        CELL_HEIGHT,
        facecolor=PAPER,
        edgecolor=edge,
        linewidth=pt(1.5),
        linestyle="--" if dashed else "-",
    )


def _rows(array) -> str:
    return " and ".join(" ".join(f"{value:g}" for value in row) for row in array)


def _broadcasting_alt() -> str:
    big, row = BROADCAST_EXAMPLE
    (m, n), (_, k) = big.shape, row.shape
    return (
        f"Three grids side by side. A {m} by {n} array holding {_rows(big)}, plus a 1 by {k} "
        f"row holding {_rows(row)}, shown copied down, dashed, until it fills {m} by {n}; "
        f"equals the {m} by {n} result {_rows(big + row)}."
    )


@diagram("broadcasting-a-row", alt=_broadcasting_alt)
def broadcasting_a_row() -> Figure:
    big, row = BROADCAST_EXAMPLE
    stretched = stretch(row, big.shape)
    result = big + row
    fig = new_diagram(440, 150)
    ax = canvas(fig)
    top = 112
    width = 3 * CELL_WIDTH
    lefts = (6, 163, 320)
    _grid(ax, lefts[0], top, big, name="big")
    _grid(ax, lefts[1], top, stretched, copied_rows=range(1, big.shape[0]), name="row")
    _grid(ax, lefts[2], top, result, name="sum")
    for symbol, x in (
        ("+", (lefts[0] + width + lefts[1]) / 2),
        ("=", (lefts[1] + width + lefts[2]) / 2),
    ):
        text(ax, x, top - CELL_HEIGHT, symbol, size=20)
    captions = (
        ("big", f"shape {big.shape}"),
        ("row", f"{row.shape}, copied down"),
        ("big + row", f"shape {result.shape}"),
    )
    for left, (title, shape) in zip(lefts, captions, strict=True):
        text(ax, left + width / 2, top + 16, title, size=SMALL_PX)
        text(ax, left + width / 2, top - 2 * CELL_HEIGHT - 16, shape, size=SMALL_PX)
    return fig
