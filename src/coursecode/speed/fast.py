r"""A tuned gradient step: the same numbers as the course's formula, computed faster.

Page: ``performance/tricks.md`` explains each trick and what it buys, measured by
``python -m coursecode.speed.bench``. The lesson version, :func:`coursecode.gradients_vectorized`,
stays the readable equations; this one computes the same cost and gradients with

* **blocks of columns that stay in the cache** when X is narrow (few features): each block
  is read from memory by the forward product :math:`w^T X_b` and from the cache by the
  backward product :math:`X_b\, dZ_b^T`, and the element-wise work stays in the cache;
  wide X is taken in one block (see ``ONE_BLOCK_COLUMN_BYTES``);
* **no large temporary arrays**: every element-wise step writes into a few buffers of one
  block's length, allocated once per call;
* **a cheaper stable cost**: with :math:`q = 2y - 1` (so :math:`q = \pm 1`) the loss of an
  example is :math:`L = \max(-qz, 0) + \log(1 + e^{-|z|})` and the error is
  :math:`dz = a - y = q\,(e^{-L} - 1)`, from one ``exp``, one ``log1p`` and one ``expm1``;
* **input checks fused into the pass**: labels and finiteness are verified on data already
  in cache, and a bad value is located (for the usual error message) only when a result
  comes out non-finite;
* **float32 when given float32**: half the bytes to read; the cost and db (and, for narrow
  X, the blocks' parts of dw) are accumulated in float64.
"""

from __future__ import annotations

import math
import os
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from coursecode.core.results import Gradients
from coursecode.core.validation import as_bias, as_features, as_labels, as_weights, in_dtype_of

__all__ = ["gradients_fast"]

# Bytes of X per block: a few MiB stays in this machine's caches (2 MiB L2 per core,
# 32 MiB L3) between the two products; 2, 4, 8 and 16 MiB were tried, 8 was best here.
BLOCK_BYTES = 8 << 20
# Element-wise buffers hold at most this many examples (4 buffers of 256 KiB in float64).
MAX_BLOCK_COLUMNS = 1 << 15

# Columns of X at least this wide (n_x times the item size, in bytes) are taken in one
# block. There a step is bound by reading X, and measured here (make bench, n_x = 200 at
# m = 1e5 and 1e6) BLAS's own threads on two whole-X products beat cache-sized blocks
# shared by our workers: the blocks' many short row segments stream from memory more
# slowly than whole rows. Blocks pay where X is narrow and the element-wise work dominates.
ONE_BLOCK_COLUMN_BYTES = 512

# Threads that share the blocks of a large X: one per core, at most 4.
WORKERS = max(1, min(4, os.cpu_count() or 1))
# Fewer blocks than this per worker: one thread does it all (threads cost more than they
# save on a small X).
MIN_BLOCKS_PER_WORKER = 4

# Below these |z|, exp(-|z|) is a normal number, so dz = a - y is never exactly zero and a
# NaN or inf in X always reaches dw through the backward product (see _fused_pass).
_SAFE_ABS_LOGIT = {np.dtype(np.float64): 700.0, np.dtype(np.float32): 85.0}


def gradients_fast(w, b, X, Y) -> Gradients:
    r"""Cost and gradients over m examples, tuned for speed; same result as the course's.

    Computes exactly what :func:`coursecode.gradients_vectorized` computes,

    .. math::
        J = \frac{1}{m}\sum_{i=1}^{m} \mathcal{L}(a^{(i)}, y^{(i)}), \quad
        dw = \frac{1}{m} X\, dZ^T, \quad db = \frac{1}{m}\sum_{i=1}^{m} dz^{(i)},

    but in cache-sized blocks of columns when X is narrow (in one block when it is wide),
    with the element-wise work done in place. Given float32 ``X``, it computes in float32
    (``dw`` is float32) and accumulates the cost and ``db`` in float64.

    Parameters
    ----------
    w : array_like of shape (n_x, 1)
        Weights.
    b : float
        Bias.
    X : array_like of shape (n_x, m)
        Inputs, one example per column; float32 or float64 arrays are used as they are.
    Y : array_like of shape (1, m)
        Labels, 0 or 1.

    Returns
    -------
    Gradients
        ``dw`` of shape (n_x, 1) with the dtype of ``X``, ``db`` and ``cost`` as floats.

    Raises
    ------
    ValueError, TypeError
        The same errors, with the same messages, as the other gradient functions.

    Notes
    -----
    Lesson of the formula: ``neural-networks-and-deep-learning/week-2/``
    ``gradient-descent-on-m-examples.md``; the tricks: ``performance/tricks.md``.

    Examples
    --------
    >>> X = [[1.0, 2.0, -1.0], [0.5, -1.0, 2.0]]
    >>> grads = gradients_fast([[0.0], [0.0]], 0.0, X, [[1, 0, 1]])
    >>> grads.dw
    array([[ 0.33333333],
           [-0.58333333]])
    >>> round(grads.db, 6), round(grads.cost, 6)
    (-0.166667, 0.693147)
    >>> X32 = np.array(X, dtype=np.float32)
    >>> gradients_fast([[0.0], [0.0]], 0.0, X32, [[1, 0, 1]]).dw.dtype
    dtype('float32')
    """
    return _gradients_in_blocks(w, b, X, Y, block_columns=None)


def _gradients_in_blocks(w, b, X, Y, block_columns: int | None) -> Gradients:
    """:func:`gradients_fast` with a chosen number of examples per block (None: automatic).

    The benchmark calls it with one block as large as X, to measure what blocking buys.
    """
    w_row, b, X, Y, labels_checked = _check_cheaply(w, b, X, Y)
    n_x, m = X.shape
    if block_columns is None:
        block_columns = _block_columns(n_x, m, X.dtype.itemsize)
    size = min(block_columns, m)
    # --8<-- [start:workers]
    workers = min(WORKERS, m // (size * MIN_BLOCKS_PER_WORKER))
    if workers < 2:
        dw, db, J, labels_ok = _fused_pass(w_row, b, X, Y, size, 0, m)
    else:
        # Each worker thread takes a contiguous share of the columns; NumPy and BLAS
        # release the GIL, so the shares stream from memory in parallel. BLAS itself is
        # held to one thread meanwhile: its own threads would have to meet at every one
        # of the many small products, which costs a lot on a busy machine.
        bounds = np.linspace(0, m, workers + 1).astype(int)
        with _blas_controller().limit(limits=1, user_api="blas"):
            parts = list(
                _executor().map(
                    lambda first, last: _fused_pass(w_row, b, X, Y, size, first, last),
                    bounds[:-1],
                    bounds[1:],
                )
            )
        dw = sum(part[0] for part in parts)
        db, J = sum(part[1] for part in parts), sum(part[2] for part in parts)
        labels_ok = all(part[3] for part in parts)
    # --8<-- [end:workers]
    if not labels_checked and not labels_ok:
        as_labels(Y, m)  # raises the usual message: which labels were not 0 or 1
    if not (np.isfinite(dw).all() and math.isfinite(db) and math.isfinite(J)):
        _raise_if_not_finite(X)  # X finite: the logits overflowed, as they would in the course
    return Gradients(dw=(dw / m).astype(X.dtype).reshape(n_x, 1), db=db / m, cost=J / m)


# --8<-- [start:cheap_checks]
def _check_cheaply(w, b, X, Y):
    """Check everything that costs O(n_x) or less now; leave O(n_x m) checks to the pass.

    A float32/float64 ``X`` of the right shape is used as it is, with no copy and no
    separate pass to test it for NaN/inf. Anything else goes through the course's own
    checks (``as_features``), which convert it or raise the usual error.
    """
    # type(), not isinstance(): an np.matrix subclass goes through the checks, which make
    # it a plain array (its 2-D indexing would break the pass).
    is_ready = type(X) is np.ndarray and X.dtype in _SAFE_ABS_LOGIT and X.ndim == 2
    if not (is_ready and X.size > 0):
        X = as_features(X)
    n_x, m = X.shape
    w_row = in_dtype_of(X, as_weights(w, n_x), "w").reshape(1, n_x)
    b = as_bias(b)
    in_dtype_of(X, np.array(b), "b")
    # Integer labels, or labels of X's own dtype, are checked block by block in the pass;
    # any other labels are checked (and converted) here, once.
    labels_checked = not (
        type(Y) is np.ndarray
        and Y.shape == (1, m)
        and (Y.dtype == X.dtype or (Y.dtype.kind in "iu"))
    )
    if labels_checked:
        Y = as_labels(Y, m)
    return w_row, b, X, Y, labels_checked


# --8<-- [end:cheap_checks]


def _blas_controller():
    """threadpoolctl's view of the loaded BLAS, made once (it inspects the process)."""
    global _CONTROLLER
    if _CONTROLLER is None:
        from threadpoolctl import ThreadpoolController

        _CONTROLLER = ThreadpoolController()
    return _CONTROLLER


def _executor() -> ThreadPoolExecutor:
    """The worker threads, started on first use and kept for later calls."""
    global _EXECUTOR
    if _EXECUTOR is None:
        _EXECUTOR = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="coursecode")
    return _EXECUTOR


_CONTROLLER = None
_EXECUTOR: ThreadPoolExecutor | None = None


def _block_columns(n_x: int, m: int, itemsize: int) -> int:
    """How many examples (columns of X) one block holds: all of them for wide columns."""
    if n_x * itemsize >= ONE_BLOCK_COLUMN_BYTES:
        return m
    columns = BLOCK_BYTES // (n_x * itemsize)
    return max(1, min(columns, MAX_BLOCK_COLUMNS, m))


def _fused_pass(w_row, b, X, Y, size: int, first: int, last: int):
    """Columns first..last-1 in blocks of ``size``: sum of dz x, of dz, of L, labels ok."""
    # NaN/inf from bad input are expected here: the caller reports them. (errstate is
    # per thread, so it is set in the function that each worker runs.)
    with np.errstate(all="ignore"):
        return _fused_pass_unchecked(w_row, b, X, Y, size, first, last)


def _fused_pass_unchecked(w_row, b, X, Y, size, first, last):
    n_x = X.shape[0]
    dtype = X.dtype
    safe_abs_logit = _SAFE_ABS_LOGIT[dtype]
    # --8<-- [start:buffers]
    z_full, q_full, t_full, e_full = (np.empty(size, dtype) for _ in range(4))
    dw_block = np.empty(n_x, dtype)
    dw = np.zeros(n_x)  # float64 accumulators, also when computing in float32
    db = J = 0.0
    labels_ok = True
    # --8<-- [end:buffers]
    for start in range(first, last, size):
        stop = min(start + size, last)
        k = stop - start
        z, q, t, e = z_full[:k], q_full[:k], t_full[:k], e_full[:k]
        X_block, y = X[:, start:stop], Y[0, start:stop]
        # --8<-- [start:forward]
        np.matmul(w_row, X_block, out=z.reshape(1, k))  # z = w^T x, X_block enters the cache
        z += b
        # --8<-- [end:forward]
        # --8<-- [start:labels_check]
        np.subtract(y, 1, out=t)
        t *= y  # y (y - 1): zero exactly when y is 0 or 1; NaN stays NaN
        labels_ok = labels_ok and not t.any()
        # --8<-- [end:labels_check]
        # --8<-- [start:stable_loss]
        np.multiply(y, 2, out=q)
        q -= 1  # q = 2y - 1: +1 for y = 1, -1 for y = 0
        np.abs(z, out=t)
        if not t.max() < safe_abs_logit and not np.isfinite(X_block).all():  # NaN: not <
            _raise_if_not_finite(X)  # the first bad value of all X, as the course reports
        np.negative(t, out=e)
        np.exp(e, out=e)
        np.log1p(e, out=e)  # log(1 + e^-|z|), never log(0), never overflows
        z *= q
        np.minimum(z, 0, out=z)  # min(q z, 0): exact, and no sum that could overflow
        z -= e  # z now holds -L = min(q z, 0) - log(1 + e^-|z|)
        J -= float(z.sum(dtype=np.float64))
        np.expm1(z, out=z)  # e^-L - 1, accurate also when L is tiny
        z *= q  # dz = a - y = q (e^-L - 1)
        # --8<-- [end:stable_loss]
        # --8<-- [start:backward]
        db += float(z.sum(dtype=np.float64))
        np.matmul(X_block, z, out=dw_block)  # X_block is read again, from the cache
        dw += dw_block
        # --8<-- [end:backward]
    return dw, db, J, labels_ok


# --8<-- [start:locate_bad_value]
def _raise_if_not_finite(X) -> None:
    """Raise the usual "X must be finite" error for the first NaN/inf in C order, if any.

    Row by row, so that no boolean array the size of X is ever allocated.
    """
    for j, row in enumerate(X):
        bad = np.flatnonzero(~np.isfinite(row))
        if bad.size:
            raise ValueError(f"X must be finite, got {row[bad[0]]} at index {(j, int(bad[0]))}")


# --8<-- [end:locate_bad_value]
