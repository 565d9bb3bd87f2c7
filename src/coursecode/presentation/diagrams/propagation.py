"""Forward and backward propagation drawn as boxes: one hidden layer (Week 3) and the
building blocks of a deep network (Week 4).

The names on the boxes are the package's: the forward values are the keys of the cache
that ``coursecode.networks.shallow.forward_propagation`` returns, the gradients the keys
of ``backward_propagation``'s result, and the building blocks are one per entry of
``model_forward``'s caches. Each name is a text element whose gid says what it is
(``forward-Z1``, ``backward-dW1``, ``block-2``, ``cache-2``, ...), for the tests.
"""

from __future__ import annotations

import itertools

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from coursecode.presentation.diagrams.drawing import (
    ACCENTS,
    INK,
    SMALL_PX,
    Node,
    arrow,
    box,
    canvas,
    new_diagram,
    text,
)
from coursecode.presentation.diagrams.registry import diagram

__all__ = ["BLOCK_LAYERS", "FORWARD_VALUES", "GRADIENTS"]

# What the Week 3 figure names: the forward values, left to right, and the six results of
# the backward pass, in the order of the six equations.
FORWARD_VALUES = ("Z1", "A1", "Z2", "A2")
GRADIENTS = ("dZ2", "dW2", "db2", "dZ1", "dW1", "db1")
# How many layers the building-block figure draws: the lesson's example network,
# layer_dims = [2, 8, 4, 1], has L = 3.
BLOCK_LAYERS = 3

BACK = ACCENTS["orange"]


def _math(name: str) -> str:
    """``"dW2"`` as mathtext: ``$dW^{[2]}$``."""
    return f"${name[:-1]}^{{[{name[-1]}]}}$"


# --- Week 3: Gradient Descent for Neural Networks ----------------------------------------


@diagram(
    "two-layer-forward-backward",
    alt=(
        "The computation of a network with one hidden layer as a row of boxes, left to "
        "right: X, W[1] and b[1] flow into Z[1]; Z[1] into A[1]; A[1], with W[2] and b[2] "
        "coming in from above, into Z[2]; Z[2] into A[2]; and A[2], with the labels Y, into "
        "the loss L(A[2], Y). Dashed arrows run back under the boxes, right to left: from "
        "the loss to Z[2], labelled dZ[2]; from Z[2] back through A[1] to Z[1], labelled "
        "dZ[1]. From Z[2] an arrow points down to dW[2] and db[2], and from Z[1] to dW[1] "
        "and db[1]: the six results of the backward pass."
    ),
)
def two_layer_forward_backward() -> Figure:
    fig = new_diagram(440, 270)
    ax = canvas(fig)
    row, height = 160.0, 38.0
    xs = {"Z1": 92.0, "A1": 160.0, "Z2": 228.0, "A2": 296.0}
    nodes: dict[str, Node] = {}
    for name in FORWARD_VALUES:
        nodes[name] = box(ax, xs[name], row, 50, height)
        text(ax, xs[name], row, _math(name), gid=f"forward-{name}")
    loss = box(ax, 386, row, 94, height, label="$\u2112(A^{[2]}, Y)$")

    # forward: inputs from the left and from above, then along the row
    for k, label in enumerate(("$W^{[1]}$", "$X$", "$b^{[1]}$")):
        y = row + (1 - k) * 40
        text(ax, 26, y, label)
        arrow(ax, (44, y), nodes["Z1"], gap=1.0, head=10.0)
    for dx, label in ((-14, "$W^{[2]}$"), (14, "$b^{[2]}$")):
        x = xs["Z2"] + dx * 1.8
        text(ax, x, 248, label)
        arrow(ax, (x, 234), (xs["Z2"] + dx, row + height / 2), gap=1.0, head=10.0)
    text(ax, loss.x, 248, "$Y$")
    arrow(ax, (loss.x, 234), loss.top, gap=1.0, head=10.0)
    for before, after in itertools.pairwise(FORWARD_VALUES):
        arrow(ax, nodes[before], nodes[after], head=10.0)
    arrow(ax, nodes["A2"], loss, head=10.0)

    # backward: dashed, under the row, right to left
    bottom = row - height / 2
    arrow(ax, loss.bottom, nodes["Z2"].bottom, color=BACK, dashed=True, bend=-0.45, head=10.0)
    arrow(ax, nodes["Z2"].bottom, nodes["Z1"].bottom, color=BACK, dashed=True, bend=-0.45)
    text(
        ax, (loss.x + xs["Z2"]) / 2 + 8, bottom - 58, _math("dZ2"), color=BACK, gid="backward-dZ2"
    )
    text(ax, xs["A1"], bottom - 58, _math("dZ1"), color=BACK, gid="backward-dZ1")
    for layer in "21":
        x = xs[f"Z{layer}"]
        arrow(ax, (x, bottom - 2), (x, 62), color=BACK, dashed=True, gap=1.0, head=10.0)
        text(ax, x, 44, _math(f"dW{layer}"), color=BACK, gid=f"backward-dW{layer}")
        text(ax, x, 18, _math(f"db{layer}"), color=BACK, gid=f"backward-db{layer}")
    return fig


# --- Week 4: Building Blocks of Deep Neural Networks --------------------------------------


def _block(ax: Axes, x: float, y: float, lines: tuple[str, ...], color: str) -> Node:
    node = box(ax, x, y, 58, 52, color=color)
    for k, line in enumerate(lines):
        text(ax, x, y + (len(lines) - 1) / 2 * 22 - k * 22, line, color=color)
    return node


@diagram(
    "building-blocks",
    alt=lambda: (
        f"The building blocks of a network with L = {BLOCK_LAYERS} layers, in two rows. Top "
        "row, the forward pass, left to right: A[0] = X goes into the block of layer 1, "
        "which holds W[1] and b[1] and passes A[1] to layer 2, and so on, until layer "
        f"{BLOCK_LAYERS} outputs A[{BLOCK_LAYERS}], the predictions. From each forward block "
        "a dashed arrow drops its cache, Z[l], to the block of the same layer in the bottom "
        f"row. Bottom row, the backward pass, right to left: dA[{BLOCK_LAYERS}] goes into "
        f"the backward block of layer {BLOCK_LAYERS}, which passes dA[{BLOCK_LAYERS - 1}] "
        "to the layer before it, and so on down to layer 1, which outputs dA[0]; each "
        "backward block also outputs its layer's gradients dW[l] and db[l], drawn below it."
    ),
)
def building_blocks() -> Figure:
    L = BLOCK_LAYERS
    fig = new_diagram(440, 300)
    ax = canvas(fig)
    top_row, bottom_row = 244.0, 128.0
    xs = [96.0 + 118.0 * (l - 1) for l in range(1, L + 1)]

    forward, backward = [], []
    for l, x in enumerate(xs, start=1):
        forward.append(_block(ax, x, top_row, (f"$W^{{[{l}]}}$", f"$b^{{[{l}]}}$"), INK))
        text(ax, x, top_row + 38, f"layer {l}", size=SMALL_PX, gid=f"block-{l}")
        backward.append(_block(ax, x, bottom_row, (f"$dZ^{{[{l}]}}$",), BACK))

    # forward row: A[l-1] -> block l -> A[l]
    text(ax, 24, top_row, "$A^{[0]}$")
    arrow(ax, (44, top_row), forward[0], head=10.0)
    for l in range(1, L):
        arrow(ax, forward[l - 1], forward[l], head=10.0)
        text(ax, (xs[l - 1] + xs[l]) / 2, top_row + 14, f"$A^{{[{l}]}}$", va="bottom")
    turn = 426.0  # where the forward row ends and the backward row starts
    middle = (forward[-1].right[0] + turn) / 2
    text(ax, middle, top_row + 14, f"$A^{{[{L}]}}$", va="bottom")
    arrow(ax, forward[-1], (turn, top_row), head=10.0)

    # the caches: each forward block hands Z[l] to the backward block below it
    for l, (above, below) in enumerate(zip(forward, backward, strict=True), start=1):
        arrow(ax, above.bottom, below.top, color=ACCENTS["blue"], dashed=True, head=10.0)
        text(
            ax,
            above.x + 6,
            (top_row + bottom_row) / 2,
            f"$Z^{{[{l}]}}$",
            color=ACCENTS["blue"],
            ha="left",
            gid=f"cache-{l}",
        )
    text(
        ax,
        10,
        (top_row + bottom_row) / 2,
        "cache",
        size=SMALL_PX,
        ha="left",
        color=ACCENTS["blue"],
    )

    # backward row: dA[l] -> block l -> dA[l-1], and dW[l], db[l] out of the bottom
    arrow(ax, (turn, top_row - 6), (turn, bottom_row + 6), color=BACK, gap=0.0, head=10.0)
    text(ax, middle, bottom_row + 14, f"$dA^{{[{L}]}}$", color=BACK, va="bottom")
    arrow(ax, (turn, bottom_row), backward[-1], color=BACK, head=10.0)
    for l in range(L, 1, -1):
        arrow(ax, backward[l - 1], backward[l - 2], color=BACK, head=10.0)
        label = f"$dA^{{[{l - 1}]}}$"
        text(ax, (xs[l - 1] + xs[l - 2]) / 2, bottom_row + 14, label, color=BACK, va="bottom")
    text(ax, 24, bottom_row + 14, "$dA^{[0]}$", color=BACK, va="bottom")
    arrow(ax, backward[0], (8, bottom_row), color=BACK, head=10.0)
    for l, below in enumerate(backward, start=1):
        arrow(ax, below.bottom, (below.x, 58), color=BACK, head=10.0)
        text(ax, below.x, 42, f"$dW^{{[{l}]}}$", color=BACK, gid=f"gradient-dW{l}")
        text(ax, below.x, 16, f"$db^{{[{l}]}}$", color=BACK, gid=f"gradient-db{l}")
    return fig
