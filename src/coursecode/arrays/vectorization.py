r"""Explicit loops next to their vectorized NumPy equivalents.

Lessons: ``neural-networks-and-deep-learning/week-2/vectorization.md`` (the dot product)
and ``neural-networks-and-deep-learning/week-2/more-vectorization-examples.md`` (the
matrix-vector product and functions applied to every element).

Each pair computes the same numbers. The loop version is written the way the lecture
writes it, indexing one element at a time; the vectorized version is a single NumPy call
that runs the whole computation in compiled code.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from coursecode.core.validation import as_float_array

__all__ = [
    "LOOP_FUNCTIONS",
    "NUMPY_FUNCTIONS",
    "dot_loop",
    "dot_vectorized",
    "elementwise_loop",
    "elementwise_vectorized",
    "matrix_vector_loop",
    "matrix_vector_vectorized",
]

# Largest x for which e^x is still a finite float64 (about 709.78).
_LARGEST_EXP_ARGUMENT = math.log(np.finfo(np.float64).max)


def _as_array(value, name: str, check_finite: bool) -> np.ndarray:
    """A float array; skip the scan for nan and inf only when asked to and already float64.

    Like SciPy's ``check_finite=False``: the scan reads every element once, which is
    a noticeable part of the time of a single vectorized call on a large array.
    """
    if not check_finite and isinstance(value, np.ndarray) and value.dtype == np.float64:
        return value
    return as_float_array(value, name)


def _check_vectors_for_dot(a, b, check_finite: bool) -> tuple[np.ndarray, np.ndarray]:
    a = _as_array(a, "a", check_finite)
    b = _as_array(b, "b", check_finite)
    if a.ndim != 1 or b.ndim != 1:
        raise ValueError(
            "a and b must be 1-D arrays of the same length n; "
            f"got shapes a {a.shape} and b {b.shape}"
        )
    if a.shape != b.shape:
        raise ValueError(
            f"a and b must have the same length; got a of length {a.shape[0]} "
            f"and b of length {b.shape[0]}"
        )
    return a, b


def dot_loop(a, b, *, check_finite: bool = True) -> float:
    r"""Dot product :math:`c = \sum_{i=1}^{n} a_i b_i` with an explicit for loop.

    Parameters
    ----------
    a, b : array_like of shape (n,)
        Two vectors of the same length.
    check_finite : bool, default True
        Check that every element is finite. With False, float64 arrays skip that scan
        (shapes are still checked); the timings on the lesson pages use it, so that they
        time the arithmetic only.

    Returns
    -------
    float
        The sum of the products of matching elements (0.0 when n = 0).

    Lesson: ``neural-networks-and-deep-learning/week-2/vectorization.md``.

    >>> dot_loop([1.0, 2.0, 3.0], [4.0, 5.0, 6.0])
    32.0
    """
    a, b = _check_vectors_for_dot(a, b, check_finite)
    n = a.shape[0]
    # --8<-- [start:dot_loop]
    c = 0.0
    for i in range(n):
        c += a[i] * b[i]
    # --8<-- [end:dot_loop]
    return float(c)


def dot_vectorized(a, b, *, check_finite: bool = True) -> float:
    r"""Dot product :math:`c = a^T b = \sum_{i=1}^{n} a_i b_i` in one NumPy call.

    Parameters
    ----------
    a, b : array_like of shape (n,)
        Two vectors of the same length.
    check_finite : bool, default True
        Check that every element is finite. With False, float64 arrays skip that scan
        (shapes are still checked); the timings on the lesson pages use it, so that they
        time the arithmetic only.

    Returns
    -------
    float
        The same number as :func:`dot_loop`, up to rounding in the last digits.

    Lesson: ``neural-networks-and-deep-learning/week-2/vectorization.md``.

    >>> dot_vectorized([1.0, 2.0, 3.0], [4.0, 5.0, 6.0])
    32.0
    """
    a, b = _check_vectors_for_dot(a, b, check_finite)
    # --8<-- [start:dot_vectorized]
    c = np.dot(a, b)
    # --8<-- [end:dot_vectorized]
    return float(c)


def _check_matrix_and_column(A, v, check_finite: bool) -> tuple[np.ndarray, np.ndarray]:
    A = _as_array(A, "A", check_finite)
    v = _as_array(v, "v", check_finite)
    if A.ndim != 2:
        raise ValueError(f"A must be 2-D with shape (n, k); got {A.ndim}-D with shape {A.shape}")
    if v.shape != (A.shape[1], 1):
        hint = " (a rank-1 array; use v.reshape(-1, 1))" if v.ndim == 1 else ""
        raise ValueError(
            f"v must be a column vector of shape (k, 1) = ({A.shape[1]}, 1) to match A of "
            f"shape {A.shape}; got shape {v.shape}{hint}"
        )
    return A, v


def matrix_vector_loop(A, v, *, check_finite: bool = True) -> np.ndarray:
    r"""Matrix-vector product :math:`u = A v`, :math:`u_i = \sum_j A_{ij} v_j`, with two loops.

    Parameters
    ----------
    A : array_like of shape (n, k)
    v : array_like of shape (k, 1)
        A column vector.
    check_finite : bool, default True
        Check that every element is finite. With False, float64 arrays skip that scan
        (shapes are still checked); the timings on the lesson pages use it, so that they
        time the arithmetic only.

    Returns
    -------
    ndarray of shape (n, 1)

    Lesson: ``neural-networks-and-deep-learning/week-2/more-vectorization-examples.md``.

    >>> matrix_vector_loop([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], [[1.0], [-1.0]])
    array([[-1.],
           [-1.],
           [-1.]])
    """
    A, v = _check_matrix_and_column(A, v, check_finite)
    n, k = A.shape
    # --8<-- [start:matrix_vector_loop]
    u = np.zeros((n, 1), dtype=np.result_type(A, v))
    for i in range(n):  # one row of A at a time
        for j in range(k):  # one element of that row at a time
            u[i, 0] += A[i, j] * v[j, 0]
    # --8<-- [end:matrix_vector_loop]
    return u


def matrix_vector_vectorized(A, v, *, check_finite: bool = True) -> np.ndarray:
    r"""Matrix-vector product :math:`u = A v` as one matrix multiplication.

    Parameters
    ----------
    A : array_like of shape (n, k)
    v : array_like of shape (k, 1)
        A column vector.
    check_finite : bool, default True
        Check that every element is finite. With False, float64 arrays skip that scan
        (shapes are still checked); the timings on the lesson pages use it, so that they
        time the arithmetic only.

    Returns
    -------
    ndarray of shape (n, 1)
        The same numbers as :func:`matrix_vector_loop`, up to rounding.

    Lesson: ``neural-networks-and-deep-learning/week-2/more-vectorization-examples.md``.

    >>> matrix_vector_vectorized([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], [[1.0], [-1.0]])
    array([[-1.],
           [-1.],
           [-1.]])
    """
    A, v = _check_matrix_and_column(A, v, check_finite)
    # --8<-- [start:matrix_vector_vectorized]
    u = A @ v  # the same as np.dot(A, v)
    # --8<-- [end:matrix_vector_vectorized]
    return u


# --8<-- [start:loop_functions]
LOOP_FUNCTIONS: dict[str, Callable[[float], float]] = {  # one number in, one out
    "exp": math.exp,
    "log": math.log,
    "abs": abs,
    "relu": lambda x: max(x, 0.0),
}
# --8<-- [end:loop_functions]

# --8<-- [start:numpy_functions]
NUMPY_FUNCTIONS: dict[str, Callable[[np.ndarray], np.ndarray]] = {  # array in, array out
    "exp": np.exp,
    "log": np.log,
    "abs": np.abs,
    "relu": lambda v: np.maximum(v, 0.0),
}
# --8<-- [end:numpy_functions]


def _check_elementwise(v, function: str, check_finite: bool) -> np.ndarray:
    if not isinstance(function, str) or function not in LOOP_FUNCTIONS:
        raise ValueError(f"function must be one of {sorted(LOOP_FUNCTIONS)}; got {function!r}")
    v = _as_array(v, "v", check_finite)
    if function == "log" and v.size and v.min() <= 0:
        raise ValueError(
            f"v must hold numbers greater than 0 for 'log'; got {v.min()} "
            f"at index {tuple(int(i) for i in np.unravel_index(np.argmin(v), v.shape))}"
        )
    if function == "exp" and v.size and v.max() > _LARGEST_EXP_ARGUMENT:
        raise ValueError(
            f"v must hold numbers of at most {_LARGEST_EXP_ARGUMENT:.2f} for 'exp' "
            f"(e^v is larger than the largest float beyond that); got {v.max()}"
        )
    return v


def elementwise_loop(v, function: str = "exp", *, check_finite: bool = True) -> np.ndarray:
    r"""Apply ``function`` to every element of ``v``, one element at a time.

    :math:`u_i = f(v_i)` for every index i, where f is :math:`e^x`, :math:`\log x`,
    :math:`|x|` or :math:`\max(x, 0)`.

    Parameters
    ----------
    v : array_like of any shape
        For ``"log"`` every element must be greater than 0, for ``"exp"`` at most about
        709.78 (beyond that :math:`e^x` is not a finite float).
    function : {"exp", "log", "abs", "relu"}, default "exp"
        A key of :data:`LOOP_FUNCTIONS`.
    check_finite : bool, default True
        Check that every element is finite. With False, float64 arrays skip that scan
        (shapes are still checked); the timings on the lesson pages use it, so that they
        time the arithmetic only.

    Returns
    -------
    ndarray of the same shape as ``v``

    Lesson: ``neural-networks-and-deep-learning/week-2/more-vectorization-examples.md``.

    >>> elementwise_loop([[-2.0], [0.5], [3.0]], "relu")
    array([[0. ],
           [0.5],
           [3. ]])
    """
    v = _check_elementwise(v, function, check_finite)
    # --8<-- [start:elementwise_loop]
    f = LOOP_FUNCTIONS[function]  # e.g. math.exp
    u = np.zeros(v.shape, dtype=v.dtype)
    for index in np.ndindex(v.shape):  # every position of v, one at a time
        u[index] = f(float(v[index]))
    # --8<-- [end:elementwise_loop]
    return u


def elementwise_vectorized(v, function: str = "exp", *, check_finite: bool = True) -> np.ndarray:
    r"""Apply ``function`` to every element of ``v`` in one NumPy call.

    Same arguments and result as :func:`elementwise_loop` (up to the last digit for
    ``"exp"`` and ``"log"``; exactly for ``"abs"`` and ``"relu"``).

    Lesson: ``neural-networks-and-deep-learning/week-2/more-vectorization-examples.md``.

    >>> elementwise_vectorized([[-2.0], [0.5], [3.0]], "abs")
    array([[2. ],
           [0.5],
           [3. ]])
    """
    v = _check_elementwise(v, function, check_finite)
    # --8<-- [start:elementwise_vectorized]
    f = NUMPY_FUNCTIONS[function]  # e.g. np.exp
    u = f(v)  # the whole array in one call
    # --8<-- [end:elementwise_vectorized]
    return u
