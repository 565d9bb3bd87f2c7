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
from coursecode.networks.parameters import layer_shapes
from coursecode.networks.regularization import dropout_masks
from coursecode.presentation.diagrams.drawing import (
    ACCENTS,
    INK,
    MAX_WIDTH_PX,
    SMALL_PX,
    TEXT_PX,
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

__all__ = [
    "DEEP_LAYER_DIMS",
    "DROPOUT_KEEP_PROB",
    "DROPOUT_LAYER_DIMS",
    "TWO_LAYER_DIMS",
    "draw_network",
    "dropped_units",
    "network",
]

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
    dropped: Sequence[Sequence[bool] | None] | None = None,
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
    dropped : sequence, optional
        Per layer, ``None`` or one flag per unit, top to bottom: a unit whose flag is true
        is dropped (dropout), drawn dashed and crossed out, with no connections.

    Returns
    -------
    list of list of Node
        The circles, layer by layer, each layer top to bottom.
    """
    sizes = _check_layers(layer_sizes, labels, dropped, "dropped")
    off = [[False] * size for size in sizes]
    for layer, flags in enumerate(dropped or ()):
        if flags is not None:
            if len(flags) != sizes[layer]:
                raise ValueError(
                    f"dropped[{layer}] must have one flag per unit ({sizes[layer]}), "
                    f"got {len(flags)}"
                )
            off[layer] = [bool(flag) for flag in flags]
    xs = np.linspace(left + radius, right - radius, len(sizes))
    spacing = (top - bottom) / max(sizes)
    middle = (top + bottom) / 2
    layers = []
    for layer, (x, size) in enumerate(zip(xs, sizes, strict=True)):
        units = []
        layer_labels = labels[layer] if labels is not None else None
        for k in range(size):
            y = middle + ((size - 1) / 2 - k) * spacing
            label = layer_labels[k] if layer_labels is not None else None
            unit = circle(ax, float(x), float(y), radius, color=color, label=label)
            if off[layer][k]:
                _cross_out(ax, unit, gid=f"dropped-{layer}-{k}")
            units.append(unit)
        layers.append(units)
    for layer, (before, after) in enumerate(itertools.pairwise(layers)):
        for j, start in enumerate(before):
            for k, end in enumerate(after):
                if off[layer][j] or off[layer + 1][k]:
                    continue  # a dropped unit neither receives nor sends anything
                arrow(ax, start, end, color=color, gap=1.0, head=10.0 if arrowheads else 0.0)
    return layers


def _cross_out(ax: Axes, unit: Node, gid: str) -> None:
    """Mark ``unit`` as dropped: a dashed outline and a cross in the accent colour."""
    unit.patch.set_linestyle((0, (2, 2)))
    reach = unit.width / 2 * 0.85
    for sign in (1, -1):
        (mark,) = ax.plot(
            [unit.x - reach, unit.x + reach],
            [unit.y - sign * reach, unit.y + sign * reach],
            color=ACCENTS["orange"],
            lw=pt(2.5),
            solid_capstyle="round",
            zorder=4,
        )
        mark.set_gid(f"{gid}-{'ab'[sign < 0]}")


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


# --- Week 3: Neural Networks Overview, Neural Network Representation ----------------------

# The lessons' network: n^[0] = 3 inputs, n^[1] = 4 hidden units, n^[2] = 1 output unit.
TWO_LAYER_DIMS = (3, 4, 1)


@diagram(
    "one-hidden-layer-network",
    alt=lambda: (
        f"A neural network with one hidden layer: {TWO_LAYER_DIMS[0]} inputs x1 to "
        f"x{TWO_LAYER_DIMS[0]} in a column on the left, a column of {TWO_LAYER_DIMS[1]} "
        "units in the middle, each joined to every input, and one unit on the right, "
        "joined to every middle unit, whose output is the prediction y-hat."
    ),
)
def one_hidden_layer_network() -> Figure:
    n_x = TWO_LAYER_DIMS[0]
    return network(
        list(TWO_LAYER_DIMS),
        labels=[[f"$x_{k}$" for k in range(1, n_x + 1)], None, [r"$\hat{y}$"]],
        layer_names=["input layer", "hidden layer", "output layer"],
    )


def _two_layer_alt() -> str:
    n_x, n_h, n_y = TWO_LAYER_DIMS
    shapes = layer_shapes(TWO_LAYER_DIMS, m=1)
    return (
        f"A two-layer neural network drawn as three columns of circles. Left, the input "
        f"layer, layer 0: {n_x} units x1 to x{n_x}, which together are a[0] = x. Middle, "
        f"the hidden layer, layer 1: {n_h} units a[1]1 to a[1]{n_h}. Right, the output "
        f"layer, layer 2: {n_y} unit a[2], which is y-hat. Every unit is joined to every "
        f"unit of the next layer. Above the connections, the parameters of each layer: "
        f"W[1] of shape {shapes[0].W} and b[1] of shape {shapes[0].b} between the inputs and "
        f"the hidden layer, W[2] of shape {shapes[1].W} and b[2] of shape {shapes[1].b} "
        "between the hidden layer and the output."
    )


@diagram("two-layer-network", alt=_two_layer_alt)
def two_layer_network() -> Figure:
    sizes = list(TWO_LAYER_DIMS)
    fig = new_diagram(440, 300)
    ax = canvas(fig)
    labels = [
        [f"$x_{k}$" for k in range(1, sizes[0] + 1)],
        [f"$a^{{[1]}}_{k}$" for k in range(1, sizes[1] + 1)],
        ["$a^{[2]}$"],
    ]
    layers = draw_network(
        ax, sizes, left=34, right=350, bottom=58, top=246, radius=20, labels=labels
    )
    output = layers[-1][0]
    text(ax, output.right[0] + 8, output.y, r"$= \hat{y}$", ha="left")
    names = ("input layer", "hidden layer", "output layer")
    values = ("$a^{[0]} = x$", "$a^{[1]}$", r"$a^{[2]}$")
    for l, (units, name, value) in enumerate(zip(layers, names, values, strict=True)):
        text(ax, units[0].x, 34, value, gid=f"activation-{l}")
        text(ax, units[0].x, 10, f"{name} ({l})", size=SMALL_PX)
    # the parameters of each layer, above the connections that they weigh
    for shapes, before, after in zip(layer_shapes(sizes, m=1), layers, layers[1:], strict=False):
        x = (before[0].x + after[0].x) / 2
        l = shapes.l
        text(ax, x, 286, f"$W^{{[{l}]}}$: {shapes.W}", size=TEXT_PX, gid=f"shape-W{l}")
        text(ax, x, 264, f"$b^{{[{l}]}}$: {shapes.b}", size=TEXT_PX, gid=f"shape-b{l}")
    return fig


# --- Week 4: Deep L-layer Neural Network ----------------------------------------------------

# The lesson's example, layer_dims = [n^[0], ..., n^[L]]: 3 inputs, hidden layers of 5, 5
# and 3 units, one output unit, so L = 4.
DEEP_LAYER_DIMS = (3, 5, 5, 3, 1)


def _deep_alt() -> str:
    dims = DEEP_LAYER_DIMS
    L = len(dims) - 1
    columns = ", ".join(f"n[{l}] = {n}" for l, n in enumerate(dims))
    return (
        f"A deep neural network with L = {L} layers, drawn as {L + 1} columns of circles "
        f"joined layer to layer: the inputs x1 to x{dims[0]} on the left, {L - 1} hidden "
        f"layers, and the output y-hat on the right. Under each column its number of units: "
        f"{columns}."
    )


@diagram("deep-network", alt=_deep_alt)
def deep_network() -> Figure:
    dims = list(DEEP_LAYER_DIMS)
    L = len(dims) - 1
    fig = new_diagram(440, 250)
    ax = canvas(fig)
    labels: list[list[str] | None] = [None] * (L + 1)
    labels[0] = [f"$x_{k}$" for k in range(1, dims[0] + 1)]
    labels[L] = [r"$\hat{y}$"]
    layers = draw_network(
        ax, dims, left=22, right=418, bottom=62, top=246, radius=15, labels=labels
    )
    for l, (units, n) in enumerate(zip(layers, dims, strict=True)):
        text(ax, units[0].x, 42, f"$n^{{[{l}]}} = {n}$", gid=f"units-{l}")
        text(ax, units[0].x, 14, f"layer {l}", size=SMALL_PX)
    return fig


# --- Course 2, Week 1: Dropout Regularization -----------------------------------------------

# A network with two hidden layers, and one pass of inverted dropout over them for one
# example. The seed only picks which pass is drawn; the units come from dropout_masks.
DROPOUT_LAYER_DIMS = (3, 4, 4, 1)
DROPOUT_KEEP_PROB = 0.5
DROPOUT_SEED = 8


def dropped_units() -> list[list[bool]]:
    """Per layer of ``DROPOUT_LAYER_DIMS``, which units the drawn pass drops (True: dropped).

    The masks D[1], D[2] of one example come from ``dropout_masks``; the input and output
    layers are never dropped.
    """
    hidden = [(n, 1) for n in DROPOUT_LAYER_DIMS[1:-1]]
    masks = dropout_masks(hidden, DROPOUT_KEEP_PROB, np.random.default_rng(DROPOUT_SEED))
    return [
        [False] * DROPOUT_LAYER_DIMS[0],
        *[[not kept for kept in mask[:, 0]] for mask in masks],
        [False] * DROPOUT_LAYER_DIMS[-1],
    ]


def _dropout_alt() -> str:
    dropped = dropped_units()
    per_layer = "; ".join(
        f"in hidden layer {l}, unit{'s' if sum(flags) != 1 else ''} "
        + " and ".join(str(k + 1) for k, off in enumerate(flags) if off)
        for l, flags in enumerate(dropped)
        if any(flags)
    )
    sizes = DROPOUT_LAYER_DIMS
    return (
        f"Two drawings of the same network: {sizes[0]} inputs, two hidden layers of "
        f"{sizes[1]} and {sizes[2]} units, one output. Left, the full network, every unit "
        f"joined to every unit of the next layer. Right, one training pass with dropout, "
        f"keep_prob = {DROPOUT_KEEP_PROB:g}: the dropped units are crossed out and lose all "
        f"their connections ({per_layer}, counting from the top), leaving a smaller network."
    )


@diagram("dropout-network", alt=_dropout_alt)
def dropout_network() -> Figure:
    sizes = list(DROPOUT_LAYER_DIMS)
    fig = new_diagram(440, 210)
    ax = canvas(fig)
    labels: list[list[str] | None] = [[f"$x_{k}$" for k in range(1, sizes[0] + 1)], None, None]
    labels.append([r"$\hat{y}$"])
    panels = (
        (0.0, "full network", None),
        (226.0, f"one pass, keep_prob = {DROPOUT_KEEP_PROB:g}", dropped_units()),
    )
    for left, title, dropped in panels:
        draw_network(
            ax,
            sizes,
            left=left + 6,
            right=left + 208,
            bottom=8,
            top=178,
            radius=15,
            labels=labels,
            dropped=dropped,
        )
        text(ax, left + 107, 196, title, size=SMALL_PX)
    return fig
