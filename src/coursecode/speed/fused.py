r"""A gradient step in one pass over X, compiled with numba (the optional extra ``fast``).

Page: ``performance/fused.md``. :func:`coursecode.gradients_fast` reads X twice, once per
BLAS product; here each block of columns of X is read from memory once, for its logits
:math:`z = w^T x + b`, and read again for :math:`dw \mathrel{+}= x\, dz` while it is still
in the cache. The element-wise work between the two (the stable loss and
:math:`dz = a - y`) is done per example in the same compiled loop, with no temporary array
the size of m.

numba is imported on the first call, not with this module. Without it,
:func:`gradients_fused` returns :func:`coursecode.gradients_fast`'s result, which is also
the reference it is tested against.
"""

from __future__ import annotations

import math

import numpy as np

from coursecode.core.results import Gradients
from coursecode.core.validation import as_labels
from coursecode.speed import fast

__all__ = ["gradients_fused", "numba_available"]

# Bytes of X per block: a block is read from memory for z and again from the cache for dw.
# The best size depends on the processor, in ways its cache sizes do not predict. Measured
# at n_x = 200, m = 2e5 and 1e6 with two workers, as multiples of one read of X:
# - Intel Xeon (2 MiB L2 per core, 32 MiB L3): 256 KiB 1.6-1.7, 128 and 512 KiB 1.7-1.9,
#   1 MiB 2.0;
# - AMD EPYC (1 MiB L2 per core, 32 MiB L3; medians of 25 rounds at m = 1e6): 256 KiB
#   1.99, 512 KiB 1.59, 1 MiB 1.48, 2 MiB 1.49; at m = 2e5 every size from 128 KiB to
#   2 MiB took 1.64-1.75.
# 1 MiB: the largest gain where it gains, the smallest loss where it loses.
BLOCK_BYTES = 1 << 20
# Fewer examples than this per worker thread: one thread does it all.
MIN_COLUMNS_PER_WORKER = 1 << 15

_KERNEL: object = None  # the compiled kernel, False if numba is missing


def numba_available() -> bool:
    """Whether numba can be imported (the ``fast`` extra), so the compiled pass is used."""
    return _kernel() is not False


def gradients_fused(w, b, X, Y) -> Gradients:
    r"""Cost and gradients over m examples in one compiled pass over X.

    The same numbers as :func:`coursecode.gradients_vectorized`: the cost J,
    :math:`dw = \frac{1}{m} X\, dZ^T` and :math:`db = \frac{1}{m} \sum_i dz^{(i)}`, with the
    same checks and error messages. Sums (z, dw, db, J) are accumulated in float64, also
    for float32 ``X``; ``dw`` is returned in the dtype of ``X``.

    Parameters
    ----------
    w : array_like of shape (n_x, 1)
        Weights.
    b : float
        Bias.
    X : array_like of shape (n_x, m)
        Inputs, one example per column.
    Y : array_like of shape (1, m)
        Labels, 0 or 1.

    Returns
    -------
    Gradients
        ``dw`` of shape (n_x, 1) in the dtype of ``X``, ``db`` and ``cost`` as floats.

    Examples
    --------
    >>> X = [[1.0, 2.0, -1.0], [0.5, -1.0, 2.0]]
    >>> grads = gradients_fused([[0.0], [0.0]], 0.0, X, [[1, 0, 1]])
    >>> np.round(grads.dw, 6)
    array([[ 0.333333],
           [-0.583333]])
    >>> round(grads.db, 6), round(grads.cost, 6)
    (-0.166667, 0.693147)
    """
    kernel = _kernel()
    if kernel is False:
        return fast.gradients_fast(w, b, X, Y)
    w_row, b, X, Y, labels_checked = fast._check_cheaply(w, b, X, Y)
    if not X.flags.c_contiguous:  # the kernel walks rows of X in memory order
        X = np.ascontiguousarray(X)
    n_x, m = X.shape
    block = max(8, min(m, BLOCK_BYTES // (n_x * X.dtype.itemsize)))
    w_vector = w_row[0].astype(np.float64)
    workers = max(1, min(fast.WORKERS, m // MIN_COLUMNS_PER_WORKER))
    bounds = np.linspace(0, m, workers + 1).astype(int)

    def share(first, last):
        dw = np.zeros(n_x)
        J, db, labels_ok = kernel(w_vector, b, X, Y, first, last, block, dw)
        return dw, J, db, labels_ok

    if workers == 1:
        parts = [share(0, m)]
    else:  # the kernel releases the GIL: each thread streams its share of the columns
        parts = list(fast._executor().map(share, bounds[:-1], bounds[1:]))
    dw = sum(part[0] for part in parts)
    J, db = sum(part[1] for part in parts), sum(part[2] for part in parts)
    if not labels_checked and not all(part[3] for part in parts):
        as_labels(Y, m)  # raises the usual message: which labels were not 0 or 1
    if not (np.isfinite(dw).all() and math.isfinite(db) and math.isfinite(J)):
        fast._raise_if_not_finite(X)  # X finite: the logits overflowed, as in the course
    return Gradients(dw=(dw / m).astype(X.dtype).reshape(n_x, 1), db=db / m, cost=J / m)


def _kernel():
    """The compiled pass, compiled on first use; False if numba cannot be imported."""
    global _KERNEL
    if _KERNEL is None:
        try:
            import numba
        except ImportError:
            _KERNEL = False
        else:
            # reassoc lets the compiler sum dw's products in SIMD lanes (a different order of
            # the same sum); NaN and inf keep their IEEE meaning, which the checks rely on.
            _KERNEL = numba.njit(
                nogil=True, cache=True, fastmath={"reassoc", "contract"}, error_model="numpy"
            )(fused_pass)
    return _KERNEL


# --8<-- [start:fused_pass]
def fused_pass(w, b, X, Y, first, last, block, dw):
    """Columns first..last-1 of X, block by block: add x dz to dw; return J, db, labels ok."""
    n_x = X.shape[0]
    by_four = n_x - n_x % 4  # rows are taken four at a time, then the rest one by one
    dz = np.empty(block)  # float64: z, then dz, of one block
    J = 0.0
    db = 0.0
    labels_ok = True
    for start in range(first, last, block):
        stop = min(start + block, last)
        k = stop - start
        for i in range(k):
            dz[i] = b
        for j in range(0, by_four, 4):  # z = w^T x + b: four rows of the block from memory
            r0 = X[j, start:stop]
            r1 = X[j + 1, start:stop]
            r2 = X[j + 2, start:stop]
            r3 = X[j + 3, start:stop]
            w0, w1, w2, w3 = w[j], w[j + 1], w[j + 2], w[j + 3]
            for i in range(k):
                dz[i] += w0 * r0[i] + w1 * r1[i] + w2 * r2[i] + w3 * r3[i]
        for j in range(by_four, n_x):
            row, w_j = X[j, start:stop], w[j]
            for i in range(k):
                dz[i] += w_j * row[i]
        for i in range(k):
            y = Y[0, start + i]
            labels_ok = labels_ok and (y == 0 or y == 1)  # NaN is neither
            z = dz[i]
            e = math.exp(-abs(z))  # in (0, 1]: never overflows
            # loss max(-q z, 0) + log(1 + e^-|z|) with q = 2y - 1: a sum of two terms >= 0,
            # so no digits cancel (max(z, 0) - y z would, once reordered by fastmath)
            J += max((1.0 - 2.0 * y) * z, 0.0) + math.log1p(e)
            dz[i] = (1.0 if z >= 0 else e) / (1.0 + e) - y  # dz = sigma(z) - y
            db += dz[i]
        for j in range(0, by_four, 4):  # dw += X_block dz: the same rows, now from the cache
            r0 = X[j, start:stop]
            r1 = X[j + 1, start:stop]
            r2 = X[j + 2, start:stop]
            r3 = X[j + 3, start:stop]
            t0 = t1 = t2 = t3 = 0.0
            for i in range(k):
                t0 += r0[i] * dz[i]
                t1 += r1[i] * dz[i]
                t2 += r2[i] * dz[i]
                t3 += r3[i] * dz[i]
            dw[j] += t0
            dw[j + 1] += t1
            dw[j + 2] += t2
            dw[j + 3] += t3
        for j in range(by_four, n_x):
            row = X[j, start:stop]
            total = 0.0
            for i in range(k):
                total += row[i] * dz[i]
            dw[j] += total
    return J, db, labels_ok


# --8<-- [end:fused_pass]
