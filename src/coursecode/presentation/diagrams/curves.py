"""Diagrams that plot a function: the sigmoid, a slope, cost surfaces, and a sketch.

Every curve is computed with the package's own functions (``sigmoid``, ``cost_from_logits``,
``forward_difference``), so a figure cannot disagree with the code the lesson shows.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from matplotlib.figure import Figure

from coursecode.activations import sigmoid
from coursecode.calculus.derivatives import forward_difference
from coursecode.core.results import Gradients
from coursecode.logistic_regression.training import gradient_descent
from coursecode.logistic_regression.vectorized import gradients_vectorized
from coursecode.loss import cost_from_logits
from coursecode.presentation.diagrams.drawing import (
    ACCENTS,
    INK,
    LINE_PX,
    PAPER,
    SMALL_PX,
    new_diagram,
    plot_axes,
    pt,
    text,
)
from coursecode.presentation.diagrams.registry import diagram

__all__ = [
    "DESCENT_STARTS",
    "SURFACE_B",
    "SURFACE_DATA",
    "SURFACE_W",
    "cost_surfaces",
    "descent_ends",
    "squared_error_gradients",
]


def _format(value: float) -> str:
    """A number as a label: no trailing zeros, at most 4 significant digits."""
    return f"{value:.4g}"


# --- Week 1: Why is Deep Learning Taking Off? ---------------------------------------------

# Each curve of the sketch: (label, the level it tends to, how much data it takes to get
# there, line style). The shapes are invented to show the lecture's argument.
SKETCH_CURVES = (
    ("large NN", 1.25, 0.5, "-"),
    ("medium NN", 0.75, 0.22, "--"),
    ("small NN", 0.56, 0.14, "-."),
    ("traditional", 0.4, 0.06, ":"),
)


@diagram(
    "performance-against-data",
    alt=(
        "A sketch of the lecture's argument, not measured data: performance rises with the "
        "amount of "
        "labelled data m and levels off. A traditional learning algorithm levels off first "
        "and lowest, then a small, a medium and a large neural network, each higher and "
        "later; the large network is still rising at the right. At the far left, with "
        "little data, the curves lie close together and the traditional algorithm is on top."
    ),
)
def performance_against_data() -> Figure:
    fig = new_diagram(440, 250)
    ax = plot_axes(fig, 34, 40, 300, 190)
    m = np.linspace(0.0, 1.0, 201)
    colours = [ACCENTS["blue"], ACCENTS["orange"], ACCENTS["green"], ACCENTS["purple"]]
    for (label, level, scale, style), colour in zip(SKETCH_CURVES, colours, strict=True):
        # a rise that levels off: level * (2 * sigmoid(m / scale) - 1), which is 0 at m = 0
        performance = level * (2 * sigmoid(m / scale) - 1)
        ax.plot(m, performance, color=colour, linestyle=style, lw=pt(2.5))
        text(ax, 1.03, performance[-1], label, size=SMALL_PX, ha="left", clip_on=False)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("amount of labelled data (m)", fontsize=pt(SMALL_PX))
    ax.set_ylabel("performance", fontsize=pt(SMALL_PX))
    text(ax, 0.02, 0.98, "a sketch, not data", size=SMALL_PX, ha="left", va="top", style="italic")
    return fig


# --- Week 2: Logistic Regression ------------------------------------------------------------


@diagram(
    "sigmoid-curve",
    alt=lambda: (
        "The sigmoid curve sigma of z for z from -8 to 8: an S shape that stays just above 0 "
        "on the left, rises steeply through the marked point sigma of 0 equals "
        f"{_format(sigmoid(0.0))}, and flattens just below 1 on the right. Dashed lines mark "
        "the levels 0 and 1, which the curve approaches but never reaches."
    ),
)
def sigmoid_curve() -> Figure:
    fig = new_diagram(440, 230)
    ax = plot_axes(fig, 60, 50, 360, 165)
    z = np.linspace(-8.0, 8.0, 321)
    for level in (0.0, 1.0):
        ax.axhline(level, color=INK, linestyle="--", lw=pt(1), alpha=0.6)
    ax.plot(z, sigmoid(z), color=ACCENTS["blue"], lw=pt(2.5))
    middle = sigmoid(0.0)
    ax.plot([0.0], [middle], "o", color=INK, markersize=pt(7))
    text(ax, 0.6, middle, rf"$\sigma(0) = {_format(middle)}$", ha="left", va="top")
    ax.set_xlim(-8, 8)
    ax.set_ylim(-0.08, 1.08)
    ax.set_xticks([-8, -4, 0, 4, 8])
    ax.set_yticks([0.0, 0.5, 1.0], ["0", "0.5", "1"])
    ax.set_xlabel("$z$")
    ax.set_ylabel(r"$\sigma(z)$")
    return fig


# --- Week 2: Gradient Descent -------------------------------------------------------------

# Six examples of one feature (x, then the labels y), found by a search for data on which the
# squared error of the sigmoid's predictions has two separate dips over (w, b).
SURFACE_DATA = (np.array([[3.4, -3.2, -2.0, -2.6, 2.8, 3.3]]), np.array([[1, 0, 1, 0, 1, 0]]))
SURFACE_W, SURFACE_B = (-3.5, 2.0), (-2.5, 10.5)
# Gradient descent starts from each of these (w, b) on both costs.
DESCENT_STARTS = ((1.0, 0.0), (-0.5, 6.0))


def squared_error_gradients(w, b, X, Y) -> Gradients:
    """The squared error J = (1/2m) sum (a - y)^2 of a = sigmoid(w^T x + b), and its gradient.

    The cost the lesson rejects; same arguments and result as ``gradients_vectorized``, so
    ``gradient_descent`` can minimise it. By the chain rule,
    dz = (a - y) a (1 - a) / m per example, then dw = X dz^T and db = sum(dz).
    """
    A = sigmoid(w.T @ X + b)
    dZ = (A - Y) * A * (1 - A) / X.shape[1]
    return Gradients(dw=X @ dZ.T, db=float(dZ.sum()), cost=float(np.mean((A - Y) ** 2) / 2))


def descent_ends(cost: str) -> list[tuple[float, float, float]]:
    """Where gradient descent on ``cost`` ends, from each of ``DESCENT_STARTS``: (w, b, J).

    ``cost`` is ``"cross-entropy"`` (logistic regression's cost) or ``"squared-error"``.
    """
    gradients, learning_rate, steps = {
        "cross-entropy": (gradients_vectorized, 1.0, 600),
        # the squared error is nearly flat near its dips: more, larger steps
        "squared-error": (squared_error_gradients, 4.5, 3_000),
    }[cost]
    X, Y = SURFACE_DATA
    ends = []
    for w, b in DESCENT_STARTS:
        result = gradient_descent(
            [[w]], b, X, Y, learning_rate=learning_rate, num_iterations=steps, gradients=gradients
        )
        final = gradients(result.w, result.b, X, Y)
        ends.append((float(result.w[0, 0]), float(result.b), final.cost))
    return ends


def cost_surfaces(num: int = 41):
    """Both costs of logistic regression on ``SURFACE_DATA`` over a grid of (w, b).

    Returns
    -------
    W, B : ndarray of shape (num, num)
        The grid over ``SURFACE_W`` x ``SURFACE_B``.
    cross_entropy : ndarray of shape (num, num)
        The cost J(w, b) that logistic regression uses (``cost_from_logits``).
    squared_error : ndarray of shape (num, num)
        The mean of (sigmoid(z) - y)^2 / 2 over the examples, the rejected alternative.
    """
    X, Y = SURFACE_DATA
    W, B = np.meshgrid(np.linspace(*SURFACE_W, num), np.linspace(*SURFACE_B, num))
    cross_entropy = np.empty_like(W)
    squared_error = np.empty_like(W)
    for index in np.ndindex(W.shape):
        Z = W[index] * X + B[index]
        cross_entropy[index] = cost_from_logits(Z, Y)
        squared_error[index] = np.mean((sigmoid(Z) - Y) ** 2) / 2
    return W, B, cross_entropy, squared_error


@diagram(
    "convex-and-non-convex-cost",
    alt=(
        "Two surfaces over the plane of the parameters w and b, drawn as wire meshes, each "
        "with dots where gradient descent ends when it starts from two different points. "
        "Left, the cross-entropy cost J of logistic regression: a single bowl, and both runs "
        "end at its one lowest point. Right, the squared error of the same predictions: a "
        "folded surface with a ridge between two separate dips, and the two runs end in "
        "different dips, one higher than the other."
    ),
)
def convex_and_non_convex_cost() -> Figure:
    W, B, cross_entropy, squared_error = cost_surfaces()
    fig = new_diagram(440, 230)
    panels = (
        (cross_entropy, "cross-entropy J: convex", descent_ends("cross-entropy"), -60),
        (squared_error, "squared error: not convex", descent_ends("squared-error"), 30),
    )
    for k, (surface, title, ends, azimuth) in enumerate(panels):
        # a 3-D axes, which matplotlib's types know only as Axes
        ax: Any = fig.add_axes((k * 0.5, 0.0, 0.5, 0.86), projection="3d", computed_zorder=False)
        ax.plot_wireframe(W, B, surface, rstride=3, cstride=3, color=INK, lw=pt(0.8))
        for w, b, cost in ends:
            ax.plot(
                [w],
                [b],
                [cost],
                "o",
                color=ACCENTS["orange"],
                markersize=pt(9),
                markeredgecolor=PAPER,
                markeredgewidth=pt(1.5),
                zorder=5,
            )
        ax.view_init(elev=28, azim=azimuth)
        for axis in (ax.xaxis, ax.yaxis, ax.zaxis):
            axis.set_pane_color((1, 1, 1, 0))
            axis.line.set_color(INK)
            axis.line.set_linewidth(pt(LINE_PX))
            axis.set_ticks([])
        ax.grid(False)
        ax.set_xlabel("$w$", labelpad=-12)
        ax.set_ylabel("$b$", labelpad=-12)
        fig.text(0.25 + 0.5 * k, 0.95, title, ha="center", va="center", fontsize=pt(SMALL_PX))
    return fig


# --- Week 2: Derivatives ----------------------------------------------------------------------


def three_a(a: float) -> float:
    """The lesson's straight line, f(a) = 3a."""
    return 3 * a


def _slope_alt() -> str:
    slopes = [_format(round(forward_difference(three_a, a, nudge=0.001), 9)) for a in (2, 5)]
    return (
        "The straight line f(a) = 3a for a from 0 to 6.5. At a = 2 and again at a = 5 a "
        "small right triangle sits under the line, one unit across and three units up. A "
        f"note in the corner gives the measured slopes: {slopes[0]} at a = 2 and "
        f"{slopes[1]} at a = 5."
    )


@diagram("slope-of-3a", alt=_slope_alt)
def slope_of_3a() -> Figure:
    fig = new_diagram(440, 250)
    ax = plot_axes(fig, 52, 50, 370, 185)
    a = np.linspace(0.0, 6.5, 2)
    ax.plot(a, [three_a(value) for value in a], color=ACCENTS["blue"], lw=pt(2.5))
    slopes = []
    step = 1.0  # the lesson nudges by 0.001; a step of 1 makes the same ratio visible
    for start in (2.0, 5.0):
        low, high = three_a(start), three_a(start + step)
        ax.plot(
            [start, start + step, start + step],
            [low, low, high],
            color=ACCENTS["orange"],
            lw=pt(2),
        )
        ax.plot([start], [low], "o", color=INK, markersize=pt(6))
        text(ax, start + step / 2, low - 0.4, _format(step), size=SMALL_PX, va="top")
        text(ax, start + step + 0.12, (low + high) / 2, _format(high - low), ha="left")
        text(
            ax,
            start - 0.15,
            low + 0.6,
            f"$f({_format(start)}) = {_format(low)}$",
            ha="right",
            va="bottom",
        )
        slope = round(forward_difference(three_a, start, nudge=0.001), 9)
        slopes.append(f"slope at a = {_format(start)}: {_format(slope)}")
    text(ax, 0.15, 19.5, "\n".join(slopes), ha="left", va="top", linespacing=1.4)
    ax.set_xlim(0, 6.5)
    ax.set_ylim(0, 20)
    ax.set_xticks(range(7))
    ax.set_yticks([0, 5, 10, 15, 20])
    ax.set_xlabel("$a$")
    ax.set_ylabel("$f(a) = 3a$")
    return fig
