"""Diagrams of neurons and networks, and the helper that draws any layered network.

:func:`network` draws layers of units as columns of circles, every unit joined to every
unit of the next layer; :func:`draw_network` does the same on part of a canvas and returns
the circles, so a diagram can add to them (mark dropped units, label a layer's values).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from coursecode.activations import relu
from coursecode.presentation.diagrams.drawing import (
    ACCENTS,
    INK,
    MAX_WIDTH_PX,
    SMALL_PX,
    Node,
    arrow,
    canvas,
    circle,
    new_diagram,
    plot_axes,
    pt,
    text,
)
from coursecode.presentation.diagrams.registry import diagram

__all__ = ["draw_network", "network"]

Labels = Sequence[Sequence[str] | None] | None


def _check_layers(layer_sizes, labels: Labels, names, what: str) -> list[int]:
    sizes = list(layer_sizes)
    if len(sizes) < 2 or not all(isinstance(n, int | np.integer) and n >= 1 for n in sizes):
        raise ValueError(
            f"layer_sizes must list two or more layers of at least one unit each, "
            f"got {layer_sizes!r}"
        )
    if labels is not None:
        if len(labels) != len(sizes):
            raise ValueError(
                f"labels must have one entry per layer ({len(sizes)}), got {len(labels)}"
            )
        for layer, (size, layer_labels) in enumerate(zip(sizes, labels, strict=True)):
            if layer_labels is not None and len(layer_labels) != size:
                raise ValueError(
                    f"labels[{layer}] must have one label per unit ({size}), "
                    f"got {len(layer_labels)}"
                )
    if names is not None and len(names) != len(sizes):
        raise ValueError(f"{what} must have one entry per layer ({len(sizes)}), got {len(names)}")
    return [int(n) for n in sizes]


def draw_network(
    ax: Axes,
    layer_sizes: Sequence[int],
    *,
    left: float,
    right: float,
    bottom: float,
    top: float,
    radius: float = 15.0,
    labels: Labels = None,
    color: str = INK,
    arrowheads: bool = False,
) -> list[list[Node]]:
    """Draw a densely connected network on ``ax`` (a :func:`canvas`) inside a rectangle.

    Parameters
    ----------
    ax : Axes
        A canvas, in pixels.
    layer_sizes : sequence of int
        Units per layer, input layer first: ``[n_x, n^[1], ..., n^[L]]``.
    left, right, bottom, top : float
        The rectangle, in pixels, that the circles fill.
    radius : float, default 15
        Radius of each unit.
    labels : sequence, optional
        Per layer, ``None`` or one label per unit (mathtext, such as ``"$x_1$"``), written
        inside the circles, top to bottom.
    color : str
        Colour of circles and connections.
    arrowheads : bool, default False
        Draw each connection as an arrow; plain lines read better when layers are dense.

    Returns
    -------
    list of list of Node
        The circles, layer by layer, each layer top to bottom.
    """
    sizes = _check_layers(layer_sizes, labels, None, "")
    xs = np.linspace(left + radius, right - radius, len(sizes))
    spacing = (top - bottom) / max(sizes)
    middle = (top + bottom) / 2
    layers = []
    for layer, (x, size) in enumerate(zip(xs, sizes, strict=True)):
        units = []
        for k in range(size):
            y = middle + ((size - 1) / 2 - k) * spacing
            label = labels[layer][k] if labels is not None and labels[layer] is not None else None
            units.append(circle(ax, float(x), float(y), radius, color=color, label=label))
        layers.append(units)
    for before, after in itertools.pairwise(layers):
        for start in before:
            for end in after:
                arrow(ax, start, end, color=color, gap=1.0, head=10.0 if arrowheads else 0.0)
    return layers


def network(
    layer_sizes: Sequence[int],
    *,
    labels: Labels = None,
    layer_names: Sequence[str] | None = None,
    inputs: Sequence[str] | None = None,
    outputs: Sequence[str] | None = None,
    width: float = MAX_WIDTH_PX,
    height: float | None = None,
    radius: float = 15.0,
) -> Figure:
    """A figure of a densely connected network: circles in columns, arrows between layers.

    Parameters
    ----------
    layer_sizes : sequence of int
        Units per layer, input layer first, e.g. ``[3, 4, 1]`` for a 2-layer network.
    labels : sequence, optional
        Per layer, ``None`` or one mathtext label per unit (``"$x_1$"``, ``"$a^{[1]}_2$"``).
    layer_names : sequence of str, optional
        A caption under each layer, such as ``"input layer"``.
    inputs, outputs : sequence of str, optional
        Words written left of each input unit and right of each output unit
        (``"size"``, ``"price"``).
    width, height : float
        Size in pixels; the height defaults to what the largest layer needs.
    radius : float, default 15
        Radius of each unit.

    Returns
    -------
    Figure

    >>> fig = network([2, 3, 1], labels=[["$x_1$", "$x_2$"], None, [r"$\\hat{y}$"]])
    >>> len(fig.axes[0].patches)  # 6 circles and 2*3 + 3*1 arrows
    15
    """
    sizes = _check_layers(layer_sizes, labels, layer_names, "layer_names")
    if inputs is not None and len(inputs) != sizes[0]:
        raise ValueError(f"inputs must name each input unit ({sizes[0]}), got {len(inputs)}")
    if outputs is not None and len(outputs) != sizes[-1]:
        raise ValueError(f"outputs must name each output unit ({sizes[-1]}), got {len(outputs)}")
    spacing = 2.6 * radius
    below = 30.0 if layer_names is not None else 8.0
    if height is None:
        height = max(sizes) * spacing + below + 8
    # room for the words beside the first and last layers
    left = 8 + (max(len(word) for word in inputs) * 0.6 * SMALL_PX + 6 if inputs else 0)
    right = width - 8 - (max(len(word) for word in outputs) * 0.6 * SMALL_PX + 6 if outputs else 0)
    fig = new_diagram(width, height)
    ax = canvas(fig)
    layers = draw_network(
        ax,
        sizes,
        left=left,
        right=right,
        bottom=below,
        top=height - 8,
        radius=radius,
        labels=labels,
    )
    for words, units, side in ((inputs, layers[0], -1), (outputs, layers[-1], 1)):
        for word, unit in zip(words or (), units, strict=False):
            anchor = unit.left if side < 0 else unit.right
            text(
                ax,
                anchor[0] + side * 6,
                anchor[1],
                word,
                size=SMALL_PX,
                ha="right" if side < 0 else "left",
            )
    for name, units in zip(layer_names or (), layers, strict=False):
        text(ax, units[0].x, 6, name, size=SMALL_PX, va="bottom")
    return fig


# --- Week 1: What is a Neural Network? ------------------------------------------------------

# The made-up neuron of the lesson's example: price (in $1000s) = relu(0.25 * size - 20).
HOUSE_WEIGHT, HOUSE_BIAS = 0.25, -20.0


@diagram(
    "housing-neuron",
    alt=(
        "Left: a plot of predicted price against house size, from 0 to 400 square feet, "
        "that stays at zero for small houses and then rises as a straight line. Right: the "
        "same computation as a single neuron, a circle with that shape drawn inside, which "
        "takes the size x and outputs the price y-hat = max(0, wx + b)."
    ),
)
def housing_neuron() -> Figure:
    fig = new_diagram(440, 210)
    ax = plot_axes(fig, 62, 50, 170, 145)
    size = np.linspace(0.0, 400.0, 401)
    ax.plot(size, relu(HOUSE_WEIGHT * size + HOUSE_BIAS), color=ACCENTS["blue"], lw=pt(2.5))
    ax.set_xlim(0, 400)
    ax.set_ylim(0, 80)
    ax.set_xticks([0, 200, 400])
    ax.set_yticks([0, 40, 80])
    ax.set_xlabel("size (sq ft)", fontsize=pt(SMALL_PX))
    ax.set_ylabel("price ($1000s)", fontsize=pt(SMALL_PX))

    right = canvas(fig, 262, 0, 178, 210)
    neuron = circle(right, 92, 118, 30)
    # the neuron's function, drawn inside it: flat at zero, then a rising line
    right.plot([74, 90, 110], [106, 106, 130], color=ACCENTS["blue"], lw=pt(2.5))
    text(right, 12, 118, "$x$")
    text(right, 12, 90, "size", size=SMALL_PX)
    text(right, 158, 118, r"$\hat{y}$")
    text(right, 158, 90, "price", size=SMALL_PX)
    arrow(right, (24, 118), neuron)
    arrow(right, neuron, (146, 118))
    text(right, 92, 66, r"$\hat{y} = \max(0, wx + b)$", size=SMALL_PX)
    return fig


@diagram(
    "housing-network",
    alt=(
        "A small neural network. Four input units x1 to x4, for size, bedrooms, postal code "
        "and wealth, on the left; a hidden layer of three units in the middle; one output "
        "unit y-hat, the price, on the right. Lines connect every input to every hidden "
        "unit, and every hidden unit to the output."
    ),
)
def housing_network() -> Figure:
    return network(
        [4, 3, 1],
        labels=[["$x_1$", "$x_2$", "$x_3$", "$x_4$"], None, [r"$\hat{y}$"]],
        inputs=["size", "bedrooms", "postal code", "wealth"],
        outputs=["price"],
        layer_names=["input layer", "hidden layer", "output layer"],
    )
