r"""The vectorized gradient, evaluated block by block where the blocks of X live.

Lesson: ``neural-networks-and-deep-learning/week-2/gradient-descent-on-a-cluster.md``.

Split the m columns of X (and of Y) into blocks :math:`B_1, \dots, B_K`. The cost and the
gradients are sums over examples divided by m, and a sum over all examples is the sum of
the sums over the blocks:

.. math::
    J = \frac{1}{m} \sum_{k=1}^{K} \sum_{i \in B_k} \mathcal{L}^{(i)}, \quad
    dw = \frac{1}{m} \sum_{k=1}^{K} X_{B_k}\, dZ_{B_k}^T, \quad
    db = \frac{1}{m} \sum_{k=1}^{K} \sum_{i \in B_k} dZ^{(i)}.

Each block's sums are computed by the worker that holds the block; only those
:math:`n_x + 2` numbers per block travel, and one reduction adds them.
"""

from __future__ import annotations

import math

import dask.array as da
import numpy as np

from coursecode.activations import sigmoid
from coursecode.core.results import Gradients
from coursecode.core.validation import as_bias, as_weights, in_dtype_of
from coursecode.loss import cost_from_logits

__all__ = [
    "block_sums",
    "check_dask_data",
    "check_finite_block",
    "gradients_dask",
    "summed_blocks",
]


# --8<-- [start:block_sums]
def block_sums(X_block: np.ndarray, Y_block: np.ndarray, w: np.ndarray, b: float) -> np.ndarray:
    """The sums of one block of examples: X_block dZ_block^T, sum of dZ and sum of losses.

    Parameters
    ----------
    X_block : ndarray of shape (n_x, m_k)
        The columns of X in block k.
    Y_block : ndarray of shape (1, m_k)
        Their labels, 0 or 1.
    w : ndarray of shape (n_x, 1)
    b : float

    Returns
    -------
    ndarray of shape (n_x + 2, 1)
        Rows 0 to n_x - 1: the block's share of m dw; row n_x: of m db; row n_x + 1: of m J.
    """
    check_finite_block(X_block, "X")
    Z = w.T @ X_block + b  # (1, m_k): the same four equations, on this block only
    A = sigmoid(Z)
    dZ = A - Y_block
    m_k = X_block.shape[1]
    dw_sum = X_block @ dZ.T  # (n_x, 1)
    db_sum = np.sum(dZ)
    cost_sum = cost_from_logits(Z, Y_block) * m_k  # the stable cost is a mean: undo the 1/m_k
    return np.vstack([dw_sum, [[db_sum]], [[cost_sum]]])


# --8<-- [end:block_sums]


# --8<-- [start:gradients_dask]
def gradients_dask(w, b, X, Y) -> Gradients:
    """Cost and gradients over m examples held as dask arrays, blocks of columns of X.

    Parameters
    ----------
    w : array_like of shape (n_x, 1)
        Weights (small: sent to every block).
    b : float
        Bias.
    X : dask.array.Array of shape (n_x, m)
        Inputs, one example per column, chunked along the m axis only.
    Y : dask.array.Array of shape (1, m)
        Labels, 0 or 1, chunked like the columns of X.

    Returns
    -------
    Gradients
        ``dw`` of shape (n_x, 1) as a NumPy array, ``db`` and ``cost`` as floats.
    """
    X, Y = check_dask_data(X, Y)
    n_x, m = X.shape
    w = in_dtype_of(X, as_weights(w, n_x), "w")
    b = as_bias(b)

    totals = summed_blocks(w, b, X, Y).compute()  # n_x + 2 numbers come back, not X

    dw = (totals[:n_x] / m).reshape(n_x, 1)
    db = float(totals[n_x] / m)
    cost = float(totals[n_x + 1] / m)
    return Gradients(dw=dw, db=db, cost=cost)


# --8<-- [end:gradients_dask]


# --8<-- [start:summed_blocks]
def summed_blocks(w: np.ndarray, b: float, X: da.Array, Y: da.Array) -> da.Array:
    """The lazy graph of one step: block_sums on every block, then one sum over blocks.

    Parameters
    ----------
    w : ndarray of shape (n_x, 1)
    b : float
    X : dask.array.Array of shape (n_x, m), chunked along the m axis only
    Y : dask.array.Array of shape (1, m), chunked like the columns of X

    Returns
    -------
    dask.array.Array of shape (n_x + 2,)
        Not yet computed: m dw, m db and m J, stacked.
    """
    n_x = X.shape[0]
    # One column of n_x + 2 sums per block, computed where the block is ...
    per_block = da.map_blocks(
        block_sums,
        X,
        Y,
        w=w,
        b=b,
        chunks=((n_x + 2,), (1,) * X.numblocks[1]),  # (n_x + 2, K) for K blocks
        dtype=X.dtype,
        meta=np.empty((0, 0), dtype=X.dtype),
    )
    # ... then one reduction adds the K columns.
    return per_block.sum(axis=1)


# --8<-- [end:summed_blocks]


def check_dask_data(X, Y):
    """Check that X and Y are dask arrays split into the same blocks of columns.

    Reads only the arrays' metadata (shape, dtype, chunks): nothing is computed. The values
    (finite inputs, labels 0 or 1) are checked inside each block when it is used.

    Parameters
    ----------
    X : dask.array.Array of shape (n_x, m)
        One chunk along axis 0 (all n_x features of an example in the same block).
    Y : dask.array.Array of shape (1, m)
        Chunked like the columns of X.

    Returns
    -------
    X : dask.array.Array of shape (n_x, m), float32 or float64
    Y : dask.array.Array of shape (1, m), in the dtype of X
    """
    for name, value in (("X", X), ("Y", Y)):
        if not isinstance(value, da.Array):
            raise TypeError(
                f"{name} must be a dask array for gradients_dask, got {type(value).__name__}; "
                f"wrap it with dask.array.from_array({name}, chunks=...) or use "
                "gradients_vectorized for arrays in memory"
            )
    if X.ndim != 2:
        raise ValueError(
            f"X must be 2-D with shape (n_x, m), one example per column; "
            f"got {X.ndim}-D with shape {X.shape}"
        )
    if any(math.isnan(size) for size in X.shape + Y.shape):
        raise ValueError(
            f"X and Y must have known chunk sizes; got shapes {X.shape} and {Y.shape}; "
            "call X.compute_chunk_sizes() and Y.compute_chunk_sizes() first"
        )
    n_x, m = X.shape
    if m == 0 or n_x == 0:
        raise ValueError(f"X must hold at least one feature and one example; got shape {X.shape}")
    if X.numblocks[0] != 1:
        raise ValueError(
            "X must be chunked along the m axis only (each block holds whole columns, all "
            f"n_x = {n_x} features); got row chunks {X.chunks[0]}; use X.rechunk({{0: -1}})"
        )
    if Y.shape != (1, m):
        raise ValueError(f"Y must have shape (1, m) = (1, {m}) to match X; got shape {Y.shape}")
    if Y.chunks[1] != X.chunks[1]:
        raise ValueError(
            "Y must be split into the same blocks of columns as X, so each block of examples "
            f"meets its labels; got Y column chunks {Y.chunks[1]}, expected X's "
            f"{X.chunks[1]}; use Y.rechunk({{1: X.chunks[1]}})"
        )
    X = _as_float(X, "X")
    Y = _as_float(Y, "Y").astype(X.dtype)
    return X, Y


def check_finite_block(block: np.ndarray, name: str) -> None:
    """Raise a ValueError naming ``name`` if a block holds NaN or +-inf (checked on the worker)."""
    finite = np.isfinite(block)
    if not finite.all():
        row, column = (int(i) for i in np.argwhere(~finite)[0])
        raise ValueError(
            f"{name} must be finite; a block of {block.shape[1]} columns holds "
            f"{block[row, column]} at row {row}, column {column} of the block"
        )


def _as_float(array: da.Array, name: str) -> da.Array:
    """A dask array of real numbers as float32 or float64 (lazily; nothing is computed)."""
    if array.dtype in (np.float32, np.float64):
        return array
    if array.dtype == np.bool_ or not np.issubdtype(array.dtype, np.integer):
        raise TypeError(f"{name} must hold real numbers, got a dask array of dtype {array.dtype}")
    return array.astype(np.float64)
