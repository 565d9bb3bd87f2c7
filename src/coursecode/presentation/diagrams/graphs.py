"""Computation graphs: J = 3(a + bc) forward and backward, and logistic regression's graph.

The numbers on the graph of J are those of ``coursecode.calculus.computation_graph``'s
``forward`` and ``backward`` at the lesson's inputs. Each number is its own text element
with an id (``value-u``, ``derivative-u``, ...), so the tests can read it back from the SVG.
"""

from __future__ import annotations

from typing import Any

from matplotlib.figure import Figure

from coursecode.calculus.computation_graph import backward, forward
from coursecode.presentation.diagrams.drawing import (
    ACCENTS,
    SMALL_PX,
    arrow,
    box,
    canvas,
    new_diagram,
    text,
)
from coursecode.presentation.diagrams.registry import diagram

__all__ = ["GRAPH_INPUTS"]

# The lesson's inputs: a = 5, b = 3, c = 2.
GRAPH_INPUTS = {"a": 5.0, "b": 3.0, "c": 2.0}

# Each node: (formula as mathtext, x, width) in pixels; the heights depend on the figure.
_NODES = {
    "a": ("$a$", 34, 64),
    "b": ("$b$", 34, 64),
    "c": ("$c$", 34, 64),
    "u": ("$u = bc$", 148, 84),
    "v": ("$v = a + u$", 270, 98),
    "J": ("$J = 3v$", 392, 80),
}
_EDGES = (("a", "v"), ("b", "u"), ("c", "u"), ("u", "v"), ("v", "J"))


def _format(value: float) -> str:
    return f"{value:.4g}"


def _computation_graph(with_derivatives: bool) -> Figure:
    values = {**GRAPH_INPUTS, **forward(**GRAPH_INPUTS)._asdict()}
    derivatives = backward(**GRAPH_INPUTS)._asdict() if with_derivatives else {}
    lines = 3 if with_derivatives else 2
    node_height = 22 * lines + 4
    height = 3 * node_height + 40
    # inputs stacked on the left; u between b and c, v and J level with the middle of a and u
    ys = {"a": height - 8 - node_height / 2, "c": 8 + node_height / 2}
    ys["b"] = (ys["a"] + ys["c"]) / 2
    ys["u"] = (ys["b"] + ys["c"]) / 2
    ys["v"] = ys["J"] = (ys["a"] + ys["u"]) / 2

    fig = new_diagram(440, height)
    ax = canvas(fig)
    nodes = {}
    for name, (formula, x, width) in _NODES.items():
        y = ys[name]
        nodes[name] = box(ax, x, y, width, node_height)
        top = y + node_height / 2 - 13
        text(ax, x, top, formula)
        text(
            ax,
            x,
            top - 22,
            _format(values[name]),
            color=ACCENTS["blue"],
            gid=f"value-{name}",
            weight="bold",
        )
        if with_derivatives and name != "J":
            text(
                ax,
                x,
                top - 44,
                f"d{name} = {_format(derivatives[f'd{name}'])}",
                size=SMALL_PX,
                color=ACCENTS["orange"],
                gid=f"derivative-{name}",
            )
    for start, end in _EDGES:
        arrow(ax, nodes[start], nodes[end])
        if with_derivatives:
            arrow(ax, nodes[end], nodes[start], color=ACCENTS["orange"], bend=0.35, dashed=True)
    return fig


def _forward_alt() -> str:
    a, b, c = (_format(GRAPH_INPUTS[name]) for name in "abc")
    u, v, J = (_format(value) for value in forward(**GRAPH_INPUTS))
    return (
        f"The computation graph of J = 3(a + bc). Inputs a = {a}, b = {b} and c = {c} on the "
        f"left. Arrows take b and c into the box u = bc, which holds {u}; u and a into the "
        f"box v = a + u, which holds {v}; and v into the box J = 3v, which holds {J}."
    )


def _backward_alt() -> str:
    a, b, c = (_format(GRAPH_INPUTS[name]) for name in "abc")
    d = {name: _format(value) for name, value in backward(**GRAPH_INPUTS)._asdict().items()}
    return (
        f"The same computation graph of J = 3(a + bc) at a = {a}, b = {b}, c = {c}, with "
        "dashed arrows running back from right to left and a derivative of J written in "
        f"every box: dv = {d['dv']} in v, then du = {d['du']} in u and da = {d['da']} in a, "
        f"then db = {d['db']} in b and dc = {d['dc']} in c."
    )


@diagram("computation-graph-forward", alt=_forward_alt)
def computation_graph_forward() -> Figure:
    return _computation_graph(with_derivatives=False)


@diagram("computation-graph-backward", alt=_backward_alt)
def computation_graph_backward() -> Figure:
    return _computation_graph(with_derivatives=True)


@diagram(
    "logistic-regression-graph",
    alt=(
        "The computation graph of logistic regression for one example with two features. "
        "The inputs x1, w1, x2, w2 and b flow into the box z = w1 x1 + w2 x2 + b; z flows "
        "into a = sigma(z); a and the label y flow into the loss L(a, y). Dashed arrows "
        "run back under the boxes, from the loss to a labelled da, from a to z labelled "
        "dz = a - y, and from z down to dw = x dz and db = dz."
    ),
)
def logistic_regression_graph() -> Figure:
    fig = new_diagram(440, 260)
    ax = canvas(fig)
    middle = 160
    z = box(ax, 150, middle, 132, 58)
    text(ax, 150, middle + 12, "$z = w_1 x_1$")
    text(ax, 150, middle - 13, "$+\\, w_2 x_2 + b$")
    a = box(ax, 282, middle, 84, 40, label=r"$a = \sigma(z)$")
    loss = box(ax, 390, middle, 92, 40, label="$\u2112(a, y)$")  # script L, as on the page
    for k, label in enumerate(("$x_1$", "$w_1$", "$x_2$", "$w_2$", "$b$")):
        y = middle + (2 - k) * 38
        text(ax, 22, y, label)
        arrow(ax, (36, y), z, gap=1.0, head=10.0)
    text(ax, 390, 244, "$y$")
    arrow(ax, (390, 232), loss)
    arrow(ax, z, a)
    arrow(ax, a, loss)

    # the backward pass, under the boxes, right to left
    back: dict[str, Any] = {"color": ACCENTS["orange"], "dashed": True, "bend": -0.6}
    arrow(ax, loss.bottom, a.bottom, **back)
    arrow(ax, a.bottom, z.bottom, **back)
    orange: dict[str, Any] = {"color": ACCENTS["orange"]}
    text(ax, (loss.x + a.x) / 2, 82, "$da$", **orange)
    text(ax, (a.x + z.x) / 2, 74, "$dz = a - y$", **orange)
    text(ax, z.x, 36, "$dw = x\\, dz$", **orange)
    text(ax, z.x, 12, "$db = dz$", **orange)
    arrow(ax, (z.x, z.bottom[1]), (z.x, 50), color=ACCENTS["orange"], dashed=True)
    return fig
