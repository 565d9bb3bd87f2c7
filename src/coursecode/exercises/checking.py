"""What every exercise check shares: calling the learner's function, comparing, diagnosing.

A check is a sequence of steps; the first step that finds a problem raises
:class:`ExerciseFailure` with a message for the learner (the input, what was expected, what
came back and, when the difference has a recognisable pattern, a hint that names the likely
mistake). ``coursecode.exercises.check`` catches it, prints the message and returns False.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

__all__ = [
    "ExerciseFailure",
    "Hint",
    "call",
    "compare",
    "describe",
    "finite_difference_gradient",
    "require_number",
]

Hint = tuple[Callable[..., bool], str]
"""A pattern test on what came back, and the hint to show when it matches."""


class ExerciseFailure(Exception):
    """One check of an exercise failed; the message tells the learner what and why."""


def describe(value: Any) -> str:
    """A short, readable text for an input or an output, arrays rounded to 4 digits."""
    if isinstance(value, np.random.Generator):
        return "a numpy Generator (np.random.default_rng(...))"
    if isinstance(value, Mapping):
        lines = [f"{key!r}: {describe(item)}" for key, item in value.items()]
        return "{" + ", ".join(lines) + "}"
    if isinstance(value, np.ndarray):
        text = np.array2string(
            value, precision=4, separator=", ", suppress_small=True, max_line_width=10_000
        )
        return f"{text.replace(chr(10), '')} (shape {value.shape})"
    if isinstance(value, (float, np.floating)):
        return f"{float(value):.6g}"
    return repr(value)


def _inputs_text(inputs: Mapping[str, Any]) -> str:
    return "\n".join(f"    {name} = {describe(value)}" for name, value in inputs.items())


def call(
    function: Callable, inputs: Mapping[str, Any], *, copy: bool = True, **keywords: Any
) -> Any:
    """Call ``function(*inputs.values(), **keywords)``, on copies of the inputs by default.

    The learner's function gets copies, so a function that changes its arguments cannot
    change the inputs the reference sees (``copy=False`` passes the inputs themselves, to
    find out whether it does). An exception, or a NumPy warning (overflow, a
    division by zero, an invalid value), becomes an :class:`ExerciseFailure` that shows
    the input.
    """
    arguments = [_copy(value) if copy else value for value in inputs.values()]
    shown = _inputs_text({**inputs, **keywords})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with np.errstate(over="warn", divide="warn", invalid="warn", under="ignore"):
            try:
                result = function(*arguments, **keywords)
            except NotImplementedError:
                raise ExerciseFailure(
                    "your function is still the stub (it raised NotImplementedError): "
                    "write its body, run that cell, then run this check again."
                ) from None
            except Exception as error:  # the learner's bug, shown rather than raised
                raise ExerciseFailure(
                    f"your function raised {type(error).__name__}: {error}\n  input:\n{shown}"
                ) from None
    if caught:
        first = caught[0]
        raise ExerciseFailure(
            f"your function warned ({first.category.__name__}: {first.message})\n"
            f"  input:\n{shown}\n"
            "  hint: a warning means an overflow or an invalid value somewhere inside; "
            "compute in a way that stays finite for these inputs."
        )
    return result


def _copy(value: Any) -> Any:
    if isinstance(value, np.ndarray):
        return value.copy()
    if isinstance(value, dict):
        return {key: _copy(item) for key, item in value.items()}
    if isinstance(value, tuple):
        return tuple(_copy(item) for item in value)
    return value


def require_number(value: Any, what: str, inputs: Mapping[str, Any]) -> float:
    """Check that ``value`` is one real number (a float or a 0-d array) and return it."""
    if np.ndim(value) != 0 or isinstance(value, (str, bytes, bool, np.bool_)):
        shape = np.shape(value) if not isinstance(value, (str, bytes)) else "text"
        raise ExerciseFailure(
            f"{what} should be one number (a float), but it came back as "
            f"{type(value).__name__} of shape {shape}: {describe(value)}\n"
            f"  input:\n{_inputs_text(inputs)}\n"
            "  hint: turn a (1, 1) array or a sum into a number with float(...)."
        )
    try:
        return float(value)
    except (TypeError, ValueError):
        raise ExerciseFailure(
            f"{what} should be a number, got {type(value).__name__} {value!r}"
        ) from None


def compare(
    what: str,
    got: Any,
    expected: Any,
    inputs: Mapping[str, Any],
    *,
    m: int | None = None,
    hints: Sequence[Hint] = (),
    rtol: float = 1e-6,
    atol: float = 1e-9,
) -> None:
    """Check that ``got`` equals ``expected`` (an array or a number) to rounding.

    Parameters
    ----------
    what : str
        The name of the value, as the message should call it ("dw", "A2", "the cost").
    got : object
        What the learner's function returned for it.
    expected : ndarray or float
        What the reference returned for the same inputs.
    inputs : mapping of str to object
        The inputs, shown in the message.
    m : int, optional
        The number of examples, when a missing (or doubled) 1/m is a likely mistake.
    hints : sequence of (predicate, str)
        Mistakes particular to one exercise: the first predicate that is true of ``got``
        (as an array) gives the hint.
    rtol, atol : float
        The tolerance of ``numpy.allclose``.

    Raises
    ------
    ExerciseFailure
        Naming the value, its expected and actual shape or values, and a hint.
    """
    expected_array = np.asarray(expected, dtype=float)
    if expected_array.ndim == 0:
        got_number = require_number(got, what, inputs)
        got_array = np.asarray(got_number)
    else:
        try:
            got_array = np.asarray(got, dtype=float)
        except (TypeError, ValueError):
            raise ExerciseFailure(
                f"{what} should be an array of numbers of shape {expected_array.shape}, "
                f"got {type(got).__name__}: {got!r}\n  input:\n{_inputs_text(inputs)}"
            ) from None
        if got_array.shape != expected_array.shape:
            raise ExerciseFailure(
                f"{what} has the wrong shape: expected {expected_array.shape}, "
                f"got {got_array.shape}\n  input:\n{_inputs_text(inputs)}\n"
                f"  hint: {_shape_hint(got_array.shape, expected_array.shape)}"
            )
    if np.allclose(got_array, expected_array, rtol=rtol, atol=atol):
        return
    hint = next((text for matches, text in hints if _safely(matches, got_array)), None)
    if hint is None:
        hint = _value_hint(got_array, expected_array, m)
    raise ExerciseFailure(
        f"{what} is wrong.\n  input:\n{_inputs_text(inputs)}\n"
        f"  expected {what} = {describe(expected)}\n"
        f"  got      {what} = {describe(got)}\n"
        f"  hint: {hint}"
    )


def _safely(predicate: Callable[[np.ndarray], bool], value: np.ndarray) -> bool:
    with np.errstate(all="ignore"):
        try:
            return bool(predicate(value))
        except Exception:  # a hint that does not apply to this shape is no hint
            return False


def _shape_hint(got: tuple[int, ...], expected: tuple[int, ...]) -> str:
    if len(got) == 1 and len(expected) == 2 and got[0] in expected:
        return (
            f"a rank-1 array of shape {got}: keep it 2-D, with keepdims=True in sums "
            "or .reshape(-1, 1)."
        )
    if len(got) == 2 and got == expected[::-1]:
        return "it is transposed: check the order of the factors (or a missing .T)."
    if len(expected) == 2 and expected[0] == 1 and len(got) == 2 and got[0] == got[1]:
        return "an (m, m) or (n, n) result usually comes from broadcasting a column against a row."
    if np.prod(got) == np.prod(expected):
        return "the right number of values in the wrong shape: did you flatten or reshape it?"
    return "compare each factor's shape with the shapes in the statement."


def _value_hint(got: np.ndarray, expected: np.ndarray, m: int | None) -> str:
    """Name the pattern of the difference: a factor, a flipped sign, a missing 1/m."""
    if not np.all(np.isfinite(got)):
        return "it contains inf or nan: something overflowed or divided by zero."
    scale = float(np.sum(expected * expected))
    if scale > 0:
        ratio = float(np.sum(got * expected)) / scale
        residual = float(np.max(np.abs(got - ratio * expected)))
        if residual <= 1e-6 * max(1.0, float(np.max(np.abs(expected)))):
            if np.isclose(ratio, -1.0):
                return "every value has the wrong sign: is a minus sign missing or extra?"
            if m is not None and m > 1 and np.isclose(ratio, m):
                return f"every value is m = {m} times too large: did you divide by m?"
            if m is not None and m > 1 and np.isclose(ratio, 1 / m):
                return f"every value is m = {m} times too small: did you divide by m twice?"
            percent = (ratio - 1) * 100
            return (
                f"every value is {ratio:.6g} times the expected one ({percent:+.3g}%): "
                "look for a stray constant factor."
            )
    shift = got - expected
    if np.allclose(shift, shift.flat[0]):
        return f"every value is off by the same amount, {float(shift.flat[0]):.6g}."
    worst = np.unravel_index(int(np.argmax(np.abs(shift))), shift.shape)
    return (
        f"the largest difference is at index {tuple(int(i) for i in worst)}: expected "
        f"{float(expected[worst]):.6g}, got {float(got[worst]):.6g}."
    )


def finite_difference_gradient(
    cost: Callable[[np.ndarray], float], theta: np.ndarray, epsilon: float = 1e-6
) -> np.ndarray:
    """The two-sided difference (J(theta + eps) - J(theta - eps)) / (2 eps), entry by entry.

    Parameters
    ----------
    cost : callable
        ``cost(theta) -> float``.
    theta : ndarray
        Where to measure the slope (not modified).
    epsilon : float, default 1e-6
        The step.

    Returns
    -------
    ndarray of the shape of ``theta``
    """
    theta = np.array(theta, dtype=float)
    slope = np.zeros_like(theta)
    for index in np.ndindex(theta.shape):
        plus, minus = theta.copy(), theta.copy()
        plus[index] += epsilon
        minus[index] -= epsilon
        slope[index] = (cost(plus) - cost(minus)) / (2 * epsilon)
    return slope
