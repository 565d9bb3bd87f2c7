"""Diagrams for the lesson pages, drawn by code when the site is built.

Each diagram is a function registered with :func:`diagram` under a name; a page shows it
with a Markdown image whose address is ``diagram:`` and the name::

    ![The graph of $J = 3(a + bc)$, left to right.](diagram:computation-graph-forward)

``hooks/figures.py`` turns that line into a numbered figure holding the SVG from
:func:`render`, with the registered alt text.

To add one: write a function that returns a matplotlib Figure, built with
:mod:`~coursecode.presentation.diagrams.drawing` (a canvas in CSS pixels, the page's
colours), in the module of its topic, and decorate it with
``@diagram("name", alt="what it shows")``. Numbers on a diagram come from the package's
functions, never from the keyboard.

Modules: ``drawing`` (primitives), ``registry`` (the registry and the SVG writer),
``networks`` (neurons and layered networks, with :func:`network`; dropped units),
``curves`` (plots of functions and costs), ``activations`` (the activation functions and
their slopes), ``graphs`` (computation graphs), ``propagation`` (forward and backward
passes as boxes), ``arrays`` (shapes and broadcasting), ``practical`` (bias and variance,
normalized inputs: models trained when the site is built), ``cluster`` (the task graph
of one gradient step on blocks of examples, drawn from dask's graph).
"""

# Importing the modules of diagrams registers them.
from coursecode.presentation.diagrams import (
    activations,
    arrays,
    cluster,
    curves,
    graphs,
    networks,
    practical,
    propagation,
)
from coursecode.presentation.diagrams.networks import draw_network, network
from coursecode.presentation.diagrams.registry import (
    DIAGRAMS,
    Diagram,
    InlineSvg,
    diagram,
    render,
    to_inline_svg,
)

__all__ = [
    "DIAGRAMS",
    "Diagram",
    "InlineSvg",
    "activations",
    "arrays",
    "cluster",
    "curves",
    "diagram",
    "draw_network",
    "graphs",
    "network",
    "networks",
    "practical",
    "propagation",
    "render",
    "to_inline_svg",
]
