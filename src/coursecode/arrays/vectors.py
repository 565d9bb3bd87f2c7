r"""Rank-1 arrays versus column and row vectors, and the habits that avoid their bugs.

Lesson: ``neural-networks-and-deep-learning/week-2/a-note-on-python-numpy-vectors.md``.

``np.zeros(5)`` has shape ``(5,)``: a *rank-1 array*, neither a row nor a column. Its
transpose is itself, so ``a @ a.T`` is a number where an (n, n) matrix was meant, and
combining it with a real column vector broadcasts to an (n, n) matrix without any error.
The course's habit: keep every vector two-dimensional, (n, 1) or (1, n), and check
shapes where they matter.
"""

from __future__ import annotations

import numbers

import numpy as np

from coursecode.core.validation import as_float_array

__all__ = ["as_column", "check_shape", "times_own_transpose"]


# --8<-- [start:times_own_transpose]
def times_own_transpose(a) -> np.ndarray:
    r"""Compute ``a @ a.T``, to show what it means for each kind of vector.

    * rank-1, shape (n,): ``a.T`` is ``a`` itself, and the result is the inner product
      :math:`\sum_i a_i^2`, a 0-d array;
    * column, shape (n, 1): the outer product :math:`a a^T`, shape (n, n);
    * row, shape (1, n): the inner product as a (1, 1) matrix.

    Parameters
    ----------
    a : array_like of shape (n,), (n, 1) or (1, n)

    Returns
    -------
    ndarray of shape (), (n, n) or (1, 1)

    Lesson: ``neural-networks-and-deep-learning/week-2/a-note-on-python-numpy-vectors.md``.

    >>> times_own_transpose([1.0, 2.0, 3.0])
    array(14.)
    >>> times_own_transpose([[1.0], [2.0], [3.0]])
    array([[1., 2., 3.],
           [2., 4., 6.],
           [3., 6., 9.]])
    """
    a = as_float_array(a, "a")
    if a.ndim == 0 or a.ndim > 2 or (a.ndim == 2 and 1 not in a.shape):
        raise ValueError(
            f"a must be a vector of shape (n,), (n, 1) or (1, n); got shape {a.shape}"
        )
    return np.asarray(a @ a.T)  # a 0-d array, not a NumPy scalar, for the rank-1 case


# --8<-- [end:times_own_transpose]


# --8<-- [start:as_column]
def as_column(v, name: str = "v") -> np.ndarray:
    """Return ``v`` as a column vector of shape (n, 1), or raise a clear error.

    A rank-1 array of shape (n,) is reshaped to (n, 1) (no copy); an (n, 1) column is
    returned as it is. Anything else, a row (1, n) with n > 1 included, is refused: turning
    a row into a column silently would hide the mistake that produced it.

    Parameters
    ----------
    v : array_like of shape (n,) or (n, 1), with n >= 1
    name : str, default "v"
        The argument's name, used in the error message.

    Returns
    -------
    ndarray of shape (n, 1)

    Lesson: ``neural-networks-and-deep-learning/week-2/a-note-on-python-numpy-vectors.md``.

    >>> as_column([1.0, 2.0, 3.0]).shape
    (3, 1)
    >>> as_column(np.ones((1, 3)), name="w")
    Traceback (most recent call last):
    ...
    ValueError: w must be a column vector ...; got a row of shape (1, 3): use w.T if a row ...
    """
    v = as_float_array(v, name)
    if v.ndim == 1 and v.shape[0] >= 1:
        return v.reshape(-1, 1)
    if v.ndim == 2 and v.shape[1] == 1 and v.shape[0] >= 1:
        return v
    if v.ndim == 2 and v.shape[0] == 1:
        detail = f"a row of shape {v.shape}: use {name}.T if a row was meant"
    else:
        detail = f"shape {v.shape}"
    raise ValueError(
        f"{name} must be a column vector of shape (n, 1) or rank-1 (n,); got {detail}"
    )


# --8<-- [end:as_column]


# --8<-- [start:check_shape]
def check_shape(array, shape: tuple, name: str = "array") -> np.ndarray:
    """Assert that ``array`` has ``shape``; ``None`` in ``shape`` matches any size.

    The habit of the lecture, ``assert a.shape == (5, 1)``, as a function whose error
    names the array, the shape it has and the shape it should have (and, unlike
    ``assert``, is not switched off by ``python -O``).

    Parameters
    ----------
    array : ndarray
    shape : tuple of int or None
    name : str, default "array"

    Returns
    -------
    ndarray
        ``array`` itself, so that the check can wrap an expression.

    Lesson: ``neural-networks-and-deep-learning/week-2/a-note-on-python-numpy-vectors.md``.

    >>> check_shape(np.zeros((5, 1)), (None, 1), name="w").shape
    (5, 1)
    >>> check_shape(np.zeros(5), (5, 1), name="w")
    Traceback (most recent call last):
    ...
    ValueError: w must have shape (5, 1); got shape (5,), a rank-1 array (use w.reshape(-1, 1) ...)
    """
    if not isinstance(shape, tuple) or not all(
        size is None
        or (isinstance(size, numbers.Integral) and not isinstance(size, bool) and int(size) >= 0)
        for size in shape
    ):
        raise TypeError(f"shape must be a tuple of whole numbers or None; got {shape!r}")
    if not isinstance(array, np.ndarray):
        raise TypeError(f"{name} must be a NumPy array; got {type(array).__name__}")
    expected = "(" + ", ".join("any" if s is None else str(s) for s in shape)
    expected += ",)" if len(shape) == 1 else ")"
    matches = array.ndim == len(shape) and all(
        size is None or size == actual for size, actual in zip(shape, array.shape, strict=True)
    )
    if not matches:
        hint = ""
        if array.ndim == 1 and len(shape) == 2:
            hint = f", a rank-1 array (use {name}.reshape(-1, 1) for a column)"
        raise ValueError(f"{name} must have shape {expected}; got shape {array.shape}{hint}")
    return array


# --8<-- [end:check_shape]
