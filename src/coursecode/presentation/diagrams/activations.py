"""Small multiples of the four activation functions, and of their derivatives (Week 3).

Every curve is the package's own function, looked up by name in ``ACTIVATIONS`` or
``DERIVATIVES`` and evaluated on a grid of z, so the pictures show what the networks
compute. Each curve is a line whose gid is ``curve-<name>``, for the tests.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from coursecode.activations import ACTIVATIONS, DERIVATIVES, LEAKY_SLOPE
from coursecode.presentation.diagrams.drawing import (
    ACCENTS,
    INK,
    PAPER,
    SMALL_PX,
    new_diagram,
    plot_axes,
    pt,
    text,
)
from coursecode.presentation.diagrams.registry import diagram

__all__ = ["PANELS", "Z_RANGE", "curve_points"]

# The panels, in reading order: (name in ACTIVATIONS and DERIVATIVES, title).
PANELS = (("sigmoid", "sigmoid"), ("tanh", "tanh"), ("relu", "ReLU"), ("leaky_relu", "leaky ReLU"))
Z_RANGE = (-4.0, 4.0)
COLOURS = {
    "sigmoid": ACCENTS["blue"],
    "tanh": ACCENTS["purple"],
    "relu": ACCENTS["green"],
    "leaky_relu": ACCENTS["orange"],
}

# Panel grid in pixels: two columns, two rows, room for tick labels and titles.
_WIDTH, _HEIGHT = 440, 300
_LEFTS, _BOTTOMS = (40, 262), (178, 26)
_PANEL_WIDTH, _PANEL_HEIGHT = 160, 92


def curve_points(g: Callable, num: int = 201) -> tuple[np.ndarray, np.ndarray]:
    """The points of the curve of ``g`` over ``Z_RANGE``, drawn in two pieces.

    The left piece stops just short of z = 0 and a NaN separates it from the right piece,
    which starts at 0: a function with a jump at 0 (the ReLU's slope) is drawn without a
    vertical line that is not part of it.
    """
    low, high = Z_RANGE
    left = np.linspace(low, 0.0, num)[:-1]
    right = np.linspace(0.0, high, num)
    z = np.concatenate([left, [np.nan], right])
    values = np.concatenate([g(left), [np.nan], g(right)])
    return z, values


def _number(value: float) -> str:
    """A tick label, with a true minus sign."""
    return f"{value:g}".replace("-", "\u2212")


def _jump_at_zero(g: Callable) -> tuple[float, float] | None:
    """The limit from the left and the value at z = 0, if ``g`` jumps there; else None."""
    from_left, at_zero = float(g(-1e-12)), float(g(0.0))
    return (from_left, at_zero) if abs(at_zero - from_left) > 1e-6 else None


def _panel(ax: Axes, name: str, g: Callable, title: str, yticks: Sequence[float]) -> None:
    z, values = curve_points(g)
    ax.axhline(0.0, color=INK, lw=pt(1), alpha=0.35)
    ax.axvline(0.0, color=INK, lw=pt(1), alpha=0.35)
    (line,) = ax.plot(z, values, color=COLOURS[name], lw=pt(2.5))
    line.set_gid(f"curve-{name}")
    jump = _jump_at_zero(g)
    if jump is not None:  # open dot: the limit from the left; filled dot: the value at 0
        from_left, at_zero = jump
        marker: dict[str, Any] = {
            "marker": "o",
            "markersize": pt(7),
            "markeredgewidth": pt(1.5),
            "zorder": 5,
        }
        ax.plot([0.0], [from_left], color=COLOURS[name], markerfacecolor=PAPER, **marker)
        ax.plot([0.0], [at_zero], color=COLOURS[name], **marker)
    ax.set_xlim(*Z_RANGE)
    low, high = min(yticks), max(yticks)
    margin = (high - low) * 0.08
    ax.set_ylim(low - margin, high + margin)
    ax.set_xticks([Z_RANGE[0], 0, Z_RANGE[1]], [_number(Z_RANGE[0]), "0", _number(Z_RANGE[1])])
    ax.set_yticks(yticks, [_number(tick) for tick in yticks])
    ax.tick_params(labelsize=pt(SMALL_PX), length=pt(4))
    text(ax, 0.5, 1.06, title, size=SMALL_PX, va="bottom", transform=ax.transAxes)
    text(ax, 1.02, 0.0, "$z$", size=SMALL_PX, ha="left", va="bottom", transform=ax.transAxes)


def _small_multiples(
    functions: Mapping[str, Callable],
    titles: Mapping[str, str],
    yticks: Mapping[str, Sequence[float]],
) -> tuple[Figure, dict[str, Axes]]:
    fig = new_diagram(_WIDTH, _HEIGHT)
    axes = {}
    for index, (name, _) in enumerate(PANELS):
        left, bottom = _LEFTS[index % 2], _BOTTOMS[index // 2]
        ax = plot_axes(fig, left, bottom, _PANEL_WIDTH, _PANEL_HEIGHT)
        _panel(ax, name, functions[name], titles[name], yticks[name])
        axes[name] = ax
    return fig, axes


@diagram(
    "activation-functions",
    alt=lambda: (
        "Four small plots of the activation functions g(z), for z from "
        f"{Z_RANGE[0]:g} to {Z_RANGE[1]:g}. Sigmoid: an S-shaped curve from near 0 up to "
        f"near 1, passing {ACTIVATIONS['sigmoid'](0.0):g} at z = 0. Tanh: the same S shape "
        f"stretched from near -1 to near 1, passing {ACTIVATIONS['tanh'](0.0):g} at z = 0. "
        "ReLU: flat at 0 for negative z, then the straight line g(z) = z. Leaky ReLU: the "
        f"same, except that for negative z it is a line of slope {LEAKY_SLOPE:g}, just "
        f"below 0, reaching {ACTIVATIONS['leaky_relu'](Z_RANGE[0]):g} at z = {Z_RANGE[0]:g}."
    ),
)
def activation_functions() -> Figure:
    titles = {
        "sigmoid": "sigmoid \u03c3(z)",
        "tanh": "tanh(z)",
        "relu": "ReLU: max(0, z)",
        "leaky_relu": f"leaky ReLU: max({LEAKY_SLOPE:g}z, z)",
    }
    yticks = {
        "sigmoid": (0, 0.5, 1),
        "tanh": (-1, 0, 1),
        "relu": (0, 2, 4),
        "leaky_relu": (0, 2, 4),
    }
    fig, axes = _small_multiples(ACTIVATIONS, titles, yticks)
    # the leak is 1% of the line: too small to see at this scale, so it is written down
    text(
        axes["leaky_relu"],
        -3.8,
        1.1,
        f"slope {LEAKY_SLOPE:g}\nfor z < 0",
        size=SMALL_PX,
        ha="left",
        va="center",
    )
    return fig


@diagram(
    "activation-derivatives",
    alt=lambda: (
        "Four small plots of the slopes g'(z) of the activation functions, for z from "
        f"{Z_RANGE[0]:g} to {Z_RANGE[1]:g}. Sigmoid: a low bump, highest at z = 0 where it "
        f"is {DERIVATIVES['sigmoid'](0.0):g}, near 0 at both ends. Tanh: a taller bump, "
        f"{DERIVATIVES['tanh'](0.0):g} at z = 0, also near 0 at both ends. ReLU: 0 for "
        "negative z and 1 for positive z, a step at z = 0, where a filled dot marks the "
        f"value the package uses, {DERIVATIVES['relu'](0.0):g}. Leaky ReLU: the same step, "
        f"but {DERIVATIVES['leaky_relu'](-1.0):g} instead of 0 for negative z."
    ),
)
def activation_derivatives() -> Figure:
    titles = {
        "sigmoid": "sigmoid: g\u2032 = a(1 \u2212 a)",
        "tanh": "tanh: g\u2032 = 1 \u2212 a\u00b2",
        "relu": "ReLU: g\u2032 = 0 or 1",
        "leaky_relu": f"leaky ReLU: g\u2032 = {LEAKY_SLOPE:g} or 1",
    }
    # one scale for all four, so that the sigmoid's largest slope, 1/4, looks as small as
    # it is next to the others' 1
    yticks = {"sigmoid": (0, 0.25, 1), "tanh": (0, 0.5, 1), "relu": (0, 1), "leaky_relu": (0, 1)}
    fig, _ = _small_multiples(DERIVATIVES, titles, yticks)
    return fig
