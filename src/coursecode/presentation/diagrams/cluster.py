"""The task graph of one gradient step on blocks of columns (the cluster lesson).

Drawn from the graph that ``coursecode.cluster.gradients.summed_blocks`` builds for four
blocks: every task is a box, every dependency an arrow, rows by depth in the graph. dask
is imported only when the diagram is drawn, so importing the diagrams does not need it.
Each box's text has a gid ``task-<layer>-<block>`` (``task-sum-aggregate`` for the last).
"""

from __future__ import annotations

from matplotlib.figure import Figure

from coursecode.presentation.diagrams.drawing import (
    ACCENTS,
    SMALL_PX,
    Node,
    arrow,
    box,
    canvas,
    new_diagram,
    text,
)
from coursecode.presentation.diagrams.registry import diagram

__all__ = ["BLOCKS", "step_graph"]

BLOCKS = 4  # blocks of columns in the drawn step
N_X = 3


def step_graph(blocks: int = BLOCKS) -> dict[tuple, set[tuple]]:
    """The tasks of one step on ``blocks`` blocks, each with the tasks it depends on.

    Keys are ``(layer, block)``, ``block`` None for a task of the whole array; the layers
    are dask's names without their hash (``X``, ``Y``, ``block_sums``, ``sum``, ...).
    """
    import dask.array as da
    import numpy as np
    from dask.core import get_dependencies

    from coursecode.cluster.gradients import summed_blocks

    X = da.from_array(np.zeros((N_X, blocks)), chunks=(N_X, 1), name="X")
    Y = da.from_array(np.zeros((1, blocks)), chunks=(1, 1), name="Y")
    graph = dict(summed_blocks(np.zeros((N_X, 1)), 0.0, X, Y).__dask_graph__())

    def short(key) -> tuple:
        layer = key[0] if key[0] in ("X", "Y") else key[0].rsplit("-", 1)[0]
        return (layer, key[-1] if len(key) == 3 else None)

    return {short(k): {short(d) for d in get_dependencies(graph, k)} for k in graph}


LABELS = {"X": "$X$", "Y": "$Y$", "block_sums": "block_sums", "sum": "sum"}
HEADER_PX = 22.0  # room above the graph for the blocks' names


def _depths(graph) -> dict[tuple, int]:
    depth: dict[tuple, int] = {}

    def of(task) -> int:
        if task not in depth:
            depth[task] = 1 + max((of(d) for d in graph[task]), default=-1)
        return depth[task]

    for task in graph:
        of(task)
    return depth


@diagram(
    "cluster-task-graph",
    alt=lambda: (
        f"A graph of {len(step_graph())} tasks in four rows, one column per block of "
        f"examples, {BLOCKS} blocks. Top row: in each column, the block of X and the block "
        "of Y side by side. Each pair has arrows into one block_sums task below it; each "
        "block_sums task has an arrow into one sum task below it; and the four sum tasks all have "
        "arrows into a single sum-aggregate task at the bottom."
    ),
)
def cluster_task_graph() -> Figure:
    graph = step_graph()
    depth = _depths(graph)
    rows = max(depth.values()) + 1
    width, row_height = 440.0, 62.0
    fig = new_diagram(width, rows * row_height + 10 + HEADER_PX)
    ax = canvas(fig)
    column = width / BLOCKS
    for block in range(BLOCKS):
        top = rows * row_height + 10 + HEADER_PX / 2
        text(ax, (block + 0.5) * column, top, f"block {block + 1}", size=SMALL_PX)
    nodes: dict[tuple, Node] = {}
    for task in sorted(graph, key=lambda t: (depth[t], t[1] if t[1] is not None else -1)):
        layer, block = task
        y = (rows - depth[task] - 0.5) * row_height + 5
        if block is None:
            x = width / 2
        else:
            x = (block + 0.5) * column + {"X": -23, "Y": 23}.get(layer, 0)
        if layer in ("X", "Y"):
            nodes[task] = box(ax, x, y, 40, 34, color=ACCENTS["blue"])
            text(ax, x, y, LABELS[layer], gid=f"task-{layer}-{block}")
        else:
            label = LABELS.get(layer, layer)
            wide = 8.0 * len(label) + 16
            nodes[task] = box(ax, x, y, wide, 30)
            gid = f"task-{layer}" + ("" if block is None else f"-{block}")
            text(ax, x, y, label, size=SMALL_PX, gid=gid, family="monospace")
    for task, needs in graph.items():
        for needed in needs:
            arrow(ax, nodes[needed], nodes[task], head=9.0)
    return fig
