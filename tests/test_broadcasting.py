"""Broadcasting: the calories example by value, and the rules against NumPy's own."""

import itertools

import numpy as np
import pytest

from coursecode.arrays.broadcasting import (
    FOODS,
    NUTRIENTS,
    broadcast_shape,
    calorie_percentages,
    food_calories,
    stretch,
)


def test_the_lecture_table():
    calories = food_calories()
    assert calories.shape == (len(NUTRIENTS), len(FOODS)) == (3, 4)
    column = {food: calories[:, j].tolist() for j, food in enumerate(FOODS)}
    assert column == {
        "apples": [56.0, 1.2, 1.8],
        "beef": [0.0, 104.0, 135.0],
        "eggs": [4.4, 52.0, 99.0],
        "potatoes": [68.0, 8.0, 0.9],
    }
    calories[0, 0] = -1.0
    assert food_calories()[0, 0] == 56.0  # a fresh table every call


def test_calorie_percentages_by_value():
    percentages = calorie_percentages(food_calories())
    carbs, protein, fat = (NUTRIENTS.index(n) for n in ("carbs", "protein", "fat"))
    apples, beef, eggs, potatoes = (FOODS.index(f) for f in FOODS)
    # apples: 56 of 56 + 1.2 + 1.8 = 59 calories come from carbohydrate
    assert percentages[carbs, apples] == pytest.approx(100 * 56 / 59, rel=1e-15)
    assert round(percentages[carbs, apples], 1) == 94.9
    assert percentages[protein, beef] == pytest.approx(100 * 104 / 239, rel=1e-15)  # 43.5 %
    assert percentages[fat, beef] == pytest.approx(100 * 135 / 239, rel=1e-15)  # 56.5 %
    assert percentages[carbs, beef] == 0.0
    assert percentages[fat, eggs] == pytest.approx(100 * 99 / 155.4, rel=1e-15)
    assert percentages[carbs, potatoes] == pytest.approx(100 * 68 / 76.9, rel=1e-15)


def test_each_food_sums_to_100_percent():
    for calories in (food_calories(), np.random.default_rng(0).random((5, 7))):
        np.testing.assert_allclose(calorie_percentages(calories).sum(axis=0), 100.0, rtol=1e-14)


def test_calorie_percentages_equal_the_loop_over_foods():
    calories = food_calories()
    expected = np.empty_like(calories)
    for j in range(calories.shape[1]):
        total = sum(calories[:, j])
        for k in range(calories.shape[0]):
            expected[k, j] = 100 * calories[k, j] / total
    np.testing.assert_allclose(calorie_percentages(calories), expected, rtol=1e-15)


@pytest.mark.parametrize(
    ("calories", "message"),
    [
        ([1.0, 2.0], r"calories must be a non-empty 2-D table .*got shape \(2,\)"),
        (np.zeros((3, 0)), r"non-empty 2-D table .*got shape \(3, 0\)"),
        ([[1.0, -2.0]], r"calories must be 0 or more; got -2.0"),
        ([[1.0, 0.0], [2.0, 0.0]], r"total above 0 in every column .*column 1 sums to 0"),
        ([[1.0, np.nan]], r"calories must be finite"),
    ],
)
def test_calorie_percentages_refuse_bad_tables(calories, message):
    with pytest.raises(ValueError, match=message):
        calorie_percentages(calories)


# stretch: the copies that broadcasting pretends to make

BIG = np.arange(12.0).reshape(3, 4)


@pytest.mark.parametrize(
    "small",
    [
        np.array([[10.0, 20.0, 30.0, 40.0]]),  # (1, n): a row
        np.array([[10.0], [20.0], [30.0]]),  # (m, 1): a column
        np.array(7.0),  # a number
        7.0,
        np.array([[7.0]]),  # (1, 1)
        np.array([10.0, 20.0, 30.0, 40.0]),  # rank-1 (n,): counts as a row
        -(BIG + 1),  # (m, n): nothing to copy
    ],
)
@pytest.mark.parametrize("operation", [np.add, np.subtract, np.multiply, np.divide])
def test_broadcasting_equals_arithmetic_on_the_stretched_copy(small, operation):
    stretched = stretch(small, BIG.shape)
    assert stretched.shape == BIG.shape
    np.testing.assert_array_equal(operation(BIG + 1, small), operation(BIG + 1, stretched))


def test_stretch_copies_a_row_down_and_a_column_across():
    np.testing.assert_array_equal(stretch([[1.0, 2.0]], (3, 2)), [[1, 2], [1, 2], [1, 2]])
    np.testing.assert_array_equal(stretch([[1.0], [2.0]], (2, 3)), [[1, 1, 1], [2, 2, 2]])
    np.testing.assert_array_equal(stretch(5, (2, 2)), [[5, 5], [5, 5]])


@pytest.mark.parametrize(
    ("small", "shape", "message"),
    [
        (
            np.ones((1, 3)),
            (3, 4),
            r"small of shape \(1, 3\) cannot be stretched to shape \(3, 4\)",
        ),
        (np.ones((2, 1)), (3, 4), r"small of shape \(2, 1\) cannot be stretched"),
        (np.ones(3), (3, 4), r"small of shape \(1, 3\) cannot be stretched"),
        (np.ones((1, 1, 4)), (3, 4), r"small of shape \(1, 1, 4\) cannot be stretched"),
        (np.ones((1, 4)), (3,), r"shape must be a tuple \(m, n\) of two whole numbers >= 1"),
        (np.ones((1, 4)), (0, 4), r"shape must be a tuple \(m, n\)"),
        (np.ones((1, 4)), [3, 4], r"shape must be a tuple"),
    ],
)
def test_stretch_refuses_what_numpy_refuses(small, shape, message):
    with pytest.raises(ValueError, match=message):
        stretch(small, shape)
    if isinstance(shape, tuple) and len(shape) == 2 and min(shape) >= 1 and small.ndim <= 2:
        with pytest.raises(ValueError, match=r"could not be broadcast"):
            np.zeros(shape) + small


SHAPES = [(), (1,), (3,), (4,), (1, 1), (1, 4), (3, 1), (3, 4), (2, 3, 4), (2, 1, 1), (0,), (1, 0)]


@pytest.mark.parametrize(("shape_a", "shape_b"), list(itertools.product(SHAPES, repeat=2)))
def test_broadcast_shape_agrees_with_numpy(shape_a, shape_b):
    try:
        expected = np.broadcast_shapes(shape_a, shape_b)
    except ValueError:
        with pytest.raises(ValueError, match=r"cannot be broadcast together: sizes \d+ and \d+"):
            broadcast_shape(shape_a, shape_b)
    else:
        assert broadcast_shape(shape_a, shape_b) == expected


def test_the_rank_1_surprise():
    assert broadcast_shape((5,), (5, 1)) == (5, 5)  # a + b of a (5,) and a (5, 1) array


@pytest.mark.parametrize("bad", [[3, 4], (3, -1), (3.0, 4), (True,)])
def test_broadcast_shape_refuses_what_is_not_a_shape(bad):
    with pytest.raises(ValueError, match=r"shape_b must be a tuple of whole numbers >= 0"):
        broadcast_shape((3, 4), bad)
