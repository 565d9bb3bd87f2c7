"""Input checks shared by every public function.

Each check turns its argument into a float NumPy array (or a Python float) and raises a
``ValueError`` or ``TypeError`` that names the argument, what it got and what was expected.
The course's shapes are

* ``X``: ``(n_x, m)``, one example per column;
* ``Y``: ``(1, m)``, labels 0 or 1;
* ``w``: ``(n_x, 1)``;
* ``b``: a real number.
"""

from __future__ import annotations

import numbers
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np

__all__ = [
    "as_bias",
    "as_features",
    "as_float_array",
    "as_labels",
    "as_weights",
    "blaming_a_bad_X",
    "check_binary",
    "check_learning_rate",
    "check_num_iterations",
    "check_parameters_and_data",
    "check_rng",
    "diverged",
    "in_dtype_of",
]


def as_float_array(
    value, name: str, *, allow_infinite: bool = False, check_finite: bool = True
) -> np.ndarray:
    """Convert ``value`` to a finite float array, keeping float32/float64 and promoting the
    rest; the errors name the argument ``name``.

    ``allow_infinite`` lets +-inf through (NaN never): for logits, whose limits are
    meaningful (sigma(+inf) = 1) and which overflow to inf when training diverges.
    ``check_finite=False`` skips the scan for NaN/inf (a full pass over the array), for a
    caller that detects them in its results and then calls again with the scan.
    """
    if value is None:
        raise TypeError(f"{name} must be an array of numbers, got None")
    if hasattr(value, "toarray") and hasattr(value, "nnz"):  # a scipy.sparse matrix or array
        raise TypeError(
            f"{name} must be a dense array of numbers, got a scipy.sparse "
            f"{type(value).__name__}; pass {name}.toarray()"
        )
    try:
        array = np.asarray(value)
    except ValueError as error:  # ragged nested lists
        raise ValueError(f"{name} must be a rectangular array of numbers; {error}") from None
    if array.dtype not in (np.float32, np.float64):  # the common case skips these checks
        if array.dtype == np.bool_ or not (
            np.issubdtype(array.dtype, np.integer) or np.issubdtype(array.dtype, np.floating)
        ):
            raise TypeError(f"{name} must hold real numbers, got an array of dtype {array.dtype}")
        array = array.astype(np.float64)
    if not check_finite:
        return array
    bad_values = np.isnan(array) if allow_infinite else ~np.isfinite(array)
    if bad_values.any():
        bad = np.argwhere(bad_values)[0]
        raise ValueError(
            f"{name} must be {'a number (not NaN)' if allow_infinite else 'finite'}, got "
            f"{array[tuple(bad)]} at index {tuple(int(i) for i in bad)}"
        )
    return array


def as_features(X, name: str = "X", *, check_finite: bool = True) -> np.ndarray:
    """Check the design matrix ``X`` of shape ``(n_x, m)`` with ``m >= 1`` and ``n_x >= 1``.

    ``check_finite=False``: everything but the scan of X for NaN/inf (see as_float_array).
    """
    X = as_float_array(X, name, check_finite=check_finite)
    if X.ndim != 2:
        raise ValueError(
            f"{name} must be 2-D with shape (n_x, m), one example per column; "
            f"got {X.ndim}-D with shape {X.shape}"
        )
    n_x, m = X.shape
    if m == 0:
        raise ValueError(f"{name} must hold at least one example (m >= 1); got shape {X.shape}")
    if n_x == 0:
        raise ValueError(f"{name} must have at least one feature (n_x >= 1); got shape {X.shape}")
    return X


@contextmanager
def blaming_a_bad_X(X: np.ndarray, errors=(ValueError,)) -> Iterator[None]:
    """On one of ``errors`` from the computation inside, first name a NaN or inf in ``X``.

    For code that left out the scan of X (``check_finite=False``): a NaN or inf in X makes
    a logit NaN (which ``sigmoid`` refuses) or a cost non-finite, and then X, not what
    raised, is to blame: this raises ``as_features``'s "X must be finite, got ... at index
    ..." instead. With X finite, the original error goes on.
    """
    try:
        yield
    except errors:
        try:
            as_features(X)
        except ValueError as bad_X:
            raise bad_X from None
        raise


def as_labels(Y, m: int, name: str = "Y") -> np.ndarray:
    """Check the labels ``Y``: shape ``(1, m)`` and every value 0 or 1."""
    Y = as_float_array(Y, name)
    if Y.shape != (1, m):
        raise ValueError(
            f"{name} must have shape (1, m) = (1, {m}) to match X; got shape {Y.shape}"
        )
    check_binary(Y, name)
    return Y


def check_binary(labels: np.ndarray, name: str) -> None:
    """Raise a ValueError naming ``name`` and up to five offending values unless every
    entry of ``labels`` is 0 or 1."""
    not_binary = (labels != 0) & (labels != 1)
    if not_binary.any():
        bad = np.unique(labels[not_binary])[:5].tolist()
        raise ValueError(f"{name} must hold labels 0 or 1 only; got {bad}")


def as_weights(w, n_x: int, name: str = "w") -> np.ndarray:
    """Check the weights ``w``: shape ``(n_x, 1)``, one weight per feature."""
    w = as_float_array(w, name)
    if w.shape != (n_x, 1):
        hint = " (a rank-1 array; use w.reshape(-1, 1))" if w.ndim == 1 else ""
        raise ValueError(
            f"{name} must have shape (n_x, 1) = ({n_x}, 1) to match X; got shape {w.shape}{hint}"
        )
    return w


def as_bias(b, name: str = "b") -> float:
    """Check the bias ``b``: one finite real number, returned as a Python float."""
    if isinstance(b, (bool, np.bool_)) or not isinstance(b, (numbers.Real, np.ndarray)):
        raise TypeError(f"{name} must be a real number, got {type(b).__name__} {b!r}")
    if isinstance(b, np.ndarray):
        if b.size != 1:
            raise TypeError(f"{name} must be a single number, got an array of shape {b.shape}")
        b = as_float_array(b, name).item()
    b = float(b)
    if not np.isfinite(b):
        raise ValueError(f"{name} must be finite, got {b}")
    return b


def check_parameters_and_data(w, b, X, Y, *, check_finite_X: bool = True):
    """Check all four arguments of a gradient function and return them converted.

    ``check_finite_X=False`` leaves out the one check that reads all of X, its scan for
    NaN/inf; the caller must then find those from its results (``as_features(X)`` names
    the first one).

    Returns
    -------
    w : ndarray of shape (n_x, 1)
    b : float
    X : ndarray of shape (n_x, m)
    Y : ndarray of shape (1, m)
    """
    X = as_features(X, check_finite=check_finite_X)
    n_x, m = X.shape
    w = in_dtype_of(X, as_weights(w, n_x), "w")
    b = as_bias(b)
    in_dtype_of(X, np.array(b), "b")
    # Labels are checked as given, then stored in X's dtype (0 and 1 are exact in both), so
    # that float32 data is computed in float32 from end to end.
    Y = as_labels(Y, m).astype(X.dtype, copy=False)
    return w, b, X, Y


def in_dtype_of(X: np.ndarray, value: np.ndarray, name: str) -> np.ndarray:
    """``value`` in the dtype of ``X``, or a ValueError naming ``name`` if it does not fit.

    The gradient functions compute in X's precision; a float64 weight beyond float32's
    largest number (about 3.4e38) cannot be used with float32 ``X``.
    """
    if value.dtype == X.dtype:
        return value
    limit = float(np.finfo(X.dtype).max)
    largest = float(np.max(np.abs(value))) if value.size else 0.0
    if largest > limit:
        raise ValueError(
            f"{name} holds {largest:.3g}, beyond the largest {X.dtype} number ({limit:.3g}); "
            f"X is {X.dtype}, so the computation is too: pass X as float64"
        )
    return value.astype(X.dtype)


def diverged(
    iteration: int, alpha: float, X: np.ndarray, *, run: str, overflowed: str
) -> FloatingPointError:
    """The error of a ``run`` of gradient descent whose values overflowed in iteration
    ``iteration`` (counted from 0); ``overflowed`` says which.

    Gradient descent diverges when each step overshoots the minimum by more than the last
    (a learning rate too large for the curvature of the cost) until the numbers overflow;
    features on a large scale make the curvature large. The message names both causes.
    """
    largest = float(np.max(np.abs(X))) if X.size else 0.0
    return FloatingPointError(
        f"{run} diverged in iteration {iteration + 1}: {overflowed}. The learning rate "
        f"({alpha:g}) is likely too large, or the features are not scaled (the largest |x| "
        f"is {largest:.3g}); try a smaller learning_rate, or standardize X"
    )


def check_learning_rate(learning_rate) -> float:
    """Check that the learning rate alpha is a finite number greater than zero."""
    alpha = as_bias(learning_rate, name="learning_rate")
    if alpha <= 0:
        raise ValueError(f"learning_rate must be greater than 0, got {alpha}")
    return alpha


def check_num_iterations(num_iterations) -> int:
    """Check that the number of iterations is a whole number, zero or more."""
    if isinstance(num_iterations, (bool, np.bool_)) or not isinstance(
        num_iterations, numbers.Integral
    ):
        raise TypeError(
            "num_iterations must be a whole number, "
            f"got {type(num_iterations).__name__} {num_iterations!r}"
        )
    if num_iterations < 0:
        raise ValueError(f"num_iterations must be 0 or more, got {num_iterations}")
    return int(num_iterations)


def check_rng(rng) -> np.random.Generator:
    """Check that ``rng`` is a NumPy random Generator (``np.random.default_rng(seed)``)."""
    if not isinstance(rng, np.random.Generator):
        raise TypeError(
            "rng must be a numpy random Generator, for example np.random.default_rng(0); "
            f"got {type(rng).__name__} {rng!r}"
        )
    return rng
