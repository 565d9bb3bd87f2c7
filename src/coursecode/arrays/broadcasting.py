r"""Broadcasting: arithmetic between arrays of different shapes.

Lesson: ``neural-networks-and-deep-learning/week-2/broadcasting-in-python.md``.

When NumPy combines an (m, n) array with a (1, n) row, an (m, 1) column or a single number,
it acts as if the smaller operand had been copied until it is (m, n), and then works
element by element. :func:`stretch` makes those copies explicitly, so the rule can be seen
(and tested); :func:`broadcast_shape` states the general rule for any number of dimensions.
The worked example is the lecture's table of calories in four foods.
"""

from __future__ import annotations

import numbers

import numpy as np

from coursecode.core.validation import as_float_array

__all__ = [
    "FOODS",
    "NUTRIENTS",
    "broadcast_shape",
    "calorie_percentages",
    "food_calories",
    "stretch",
]

FOODS = ("apples", "beef", "eggs", "potatoes")
"""The columns of :func:`food_calories`."""
NUTRIENTS = ("carbs", "protein", "fat")
"""The rows of :func:`food_calories`."""


# --8<-- [start:food_calories]
def food_calories() -> np.ndarray:
    """Calories from carbohydrate, protein and fat in 100 g of four foods.

    Returns
    -------
    ndarray of shape (3, 4)
        Rows are :data:`NUTRIENTS` (carbs, protein, fat), columns are :data:`FOODS`
        (apples, beef, eggs, potatoes); a new array on every call.

    Lesson: ``neural-networks-and-deep-learning/week-2/broadcasting-in-python.md``.

    >>> food_calories()[:, 0]  # apples
    array([56. ,  1.2,  1.8])
    """
    return np.array(
        [
            # apples  beef   eggs  potatoes
            [56.0, 0.0, 4.4, 68.0],  # carbs
            [1.2, 104.0, 52.0, 8.0],  # protein
            [1.8, 135.0, 99.0, 0.9],  # fat
        ]
    )


# --8<-- [end:food_calories]


def calorie_percentages(calories) -> np.ndarray:
    r"""The share of each food's calories that comes from each nutrient, in percent.

    .. math:: P_{kj} = 100 \, \frac{C_{kj}}{\sum_{k'} C_{k'j}}

    computed with one column sum and one broadcast division, no loop.

    Parameters
    ----------
    calories : array_like of shape (n_nutrients, n_foods)
        Non-negative calories; every column (food) must have a total above 0.

    Returns
    -------
    ndarray of shape (n_nutrients, n_foods)
        Every column sums to 100.

    Lesson: ``neural-networks-and-deep-learning/week-2/broadcasting-in-python.md``.

    >>> calorie_percentages([[1.0, 3.0], [3.0, 1.0]])
    array([[25., 75.],
           [75., 25.]])
    """
    calories = as_float_array(calories, "calories")
    if calories.ndim != 2 or calories.size == 0:
        raise ValueError(
            "calories must be a non-empty 2-D table of shape (n_nutrients, n_foods); "
            f"got shape {calories.shape}"
        )
    if (calories < 0).any():
        raise ValueError(f"calories must be 0 or more; got {calories.min()}")
    empty_columns = np.flatnonzero(calories.sum(axis=0) == 0)
    if empty_columns.size:
        raise ValueError(
            "calories must have a total above 0 in every column (food); "
            f"column {int(empty_columns[0])} sums to 0"
        )
    # --8<-- [start:calorie_percentages]
    totals = calories.sum(axis=0, keepdims=True)  # (1, n_foods): one total per column
    percentages = 100 * calories / totals  # (3, 4) / (1, 4): the row of totals is broadcast
    # --8<-- [end:calorie_percentages]
    return percentages


# --8<-- [start:stretch]
def stretch(small, shape: tuple[int, int]) -> np.ndarray:
    """Copy ``small`` until it has ``shape``, the way broadcasting pretends to.

    The three cases of the lecture, for a target shape (m, n):

    * a (1, n) row is copied m times, downwards;
    * an (m, 1) column is copied n times, sideways;
    * a single number (or a (1, 1) array) is copied into every cell.

    An (m, n) array is returned as a copy. A rank-1 array of shape (n,) counts as the row
    (1, n), as it does in NumPy.

    Parameters
    ----------
    small : float or array_like of shape (), (n,), (1, n), (m, 1), (1, 1) or (m, n)
    shape : tuple (m, n)

    Returns
    -------
    ndarray of shape (m, n)
        ``big + stretch(small, big.shape)`` equals ``big + small`` for every ``big`` of
        that shape.

    Lesson: ``neural-networks-and-deep-learning/week-2/broadcasting-in-python.md``.

    >>> stretch([[100.0, 200.0, 300.0]], (2, 3))
    array([[100., 200., 300.],
           [100., 200., 300.]])
    >>> stretch([[1.0], [2.0]], (2, 3))
    array([[1., 1., 1.],
           [2., 2., 2.]])
    """
    m, n = _check_target_shape(shape)
    small = as_float_array(small, "small")
    if small.ndim < 2:
        small = small.reshape(1, -1)  # a number becomes (1, 1), a rank-1 (n,) becomes (1, n)
    if small.ndim != 2 or small.shape[0] not in (1, m) or small.shape[1] not in (1, n):
        raise ValueError(
            f"small of shape {small.shape} cannot be stretched to shape {(m, n)}: "
            "each dimension must equal the target's or be 1"
        )
    if small.shape[0] == 1:
        small = np.repeat(small, m, axis=0)  # copy the row m times
    if small.shape[1] == 1:
        small = np.repeat(small, n, axis=1)  # copy the column n times
    return small.copy()


# --8<-- [end:stretch]


def _check_target_shape(shape) -> tuple[int, int]:
    if (
        not isinstance(shape, tuple)
        or len(shape) != 2
        or not all(isinstance(d, numbers.Integral) and not isinstance(d, bool) for d in shape)
        or min(shape) < 1
    ):
        raise ValueError(f"shape must be a tuple (m, n) of two whole numbers >= 1; got {shape!r}")
    return int(shape[0]), int(shape[1])


# --8<-- [start:broadcast_shape]
def broadcast_shape(shape_a: tuple[int, ...], shape_b: tuple[int, ...]) -> tuple[int, ...]:
    """The shape of ``a + b`` for arrays of shapes ``shape_a`` and ``shape_b``.

    NumPy's rule, of which the lecture's cases are examples: line the two shapes up at
    their right ends, padding the shorter one with 1s on the left; then in every
    position the two sizes must be equal, or one of them must be 1 (it is stretched to
    the other). Raises ValueError where NumPy would refuse.

    Lesson: ``neural-networks-and-deep-learning/week-2/broadcasting-in-python.md``.

    >>> broadcast_shape((3, 4), (1, 4)), broadcast_shape((3, 4), (3, 1))
    ((3, 4), (3, 4))
    >>> broadcast_shape((3, 4), ())  # a single number
    (3, 4)
    >>> broadcast_shape((5,), (5, 1))  # a rank-1 array meets a column: a surprise
    (5, 5)
    """
    for name, shape in (("shape_a", shape_a), ("shape_b", shape_b)):
        if not isinstance(shape, tuple) or not all(
            isinstance(d, numbers.Integral) and not isinstance(d, bool) and d >= 0 for d in shape
        ):
            raise ValueError(f"{name} must be a tuple of whole numbers >= 0; got {shape!r}")
    ndim = max(len(shape_a), len(shape_b))
    padded_a = (1,) * (ndim - len(shape_a)) + shape_a
    padded_b = (1,) * (ndim - len(shape_b)) + shape_b
    result = []
    for size_a, size_b in zip(padded_a, padded_b, strict=True):
        if size_a != size_b and 1 not in (size_a, size_b):
            raise ValueError(
                f"shapes {shape_a} and {shape_b} cannot be broadcast together: "
                f"sizes {size_a} and {size_b} differ and neither is 1"
            )
        result.append(size_b if size_a == 1 else size_a)
    return tuple(result)


# --8<-- [end:broadcast_shape]
