"""Images unrolled into feature columns, and stacked into X and Y."""

import numpy as np
import pytest

from coursecode.arrays.images import image_to_vector, images_to_dataset


def test_a_64_by_64_colour_image_has_12288_features():
    assert image_to_vector(np.zeros((64, 64, 3))).shape == (12288, 1)


def test_red_values_come_first_then_green_then_blue():
    height, width = 2, 3
    image = np.empty((height, width, 3))
    # Encode channel, row and column in each value: 100*channel + 10*row + column.
    for channel in range(3):
        for row in range(height):
            for column in range(width):
                image[row, column, channel] = 100 * channel + 10 * row + column
    expected = [
        100 * channel + 10 * row + column
        for channel in range(3)
        for row in range(height)
        for column in range(width)
    ]
    np.testing.assert_array_equal(image_to_vector(image).ravel(), expected)


def test_the_vector_can_be_folded_back_into_the_image():
    image = np.random.default_rng(0).integers(0, 256, size=(5, 4, 3))
    vector = image_to_vector(image)
    np.testing.assert_array_equal(vector.reshape(3, 5, 4).transpose(1, 2, 0), image)


def test_pixel_values_are_kept_exactly_as_floats():
    image = np.full((1, 1, 3), 255, dtype=np.uint8)
    vector = image_to_vector(image)
    assert vector.dtype == np.float64
    np.testing.assert_array_equal(vector, [[255.0], [255.0], [255.0]])


def test_examples_become_columns_of_X_and_labels_the_row_Y():
    rng = np.random.default_rng(1)
    images = [rng.random((3, 2, 3)) for _ in range(4)]
    X, Y = images_to_dataset(images, [1, 0, 0, 1])
    assert X.shape == (18, 4)
    assert Y.shape == (1, 4)
    for i, image in enumerate(images):
        np.testing.assert_array_equal(X[:, [i]], image_to_vector(image))
    np.testing.assert_array_equal(Y, [[1, 0, 0, 1]])


def test_a_four_dimensional_array_of_images_is_accepted():
    images = np.arange(2 * 2 * 2 * 3).reshape(2, 2, 2, 3)
    X, Y = images_to_dataset(images, np.array([[0, 1]]))
    np.testing.assert_array_equal(X[:, 1], image_to_vector(images[1]).ravel())
    assert Y.shape == (1, 2)


@pytest.mark.parametrize(
    ("image", "message"),
    [
        (np.zeros((4, 4)), r"image must have shape \(height, width, 3\).*got shape \(4, 4\)"),
        (np.zeros((4, 4, 4)), r"image must have shape .*got shape \(4, 4, 4\)"),
        (np.zeros((0, 4, 3)), r"got shape \(0, 4, 3\)"),
    ],
)
def test_image_of_wrong_shape_is_rejected(image, message):
    with pytest.raises(ValueError, match=message):
        image_to_vector(image)


def test_image_with_nan_or_text_is_rejected():
    with pytest.raises(ValueError, match=r"image must be finite, got nan"):
        image_to_vector(np.full((1, 1, 3), np.nan))
    with pytest.raises(TypeError, match=r"image must hold real numbers"):
        image_to_vector(np.full((1, 1, 3), "red"))


@pytest.mark.parametrize(
    ("images", "labels", "error", "message"),
    [
        ([], [], TypeError, r"images must be a non-empty list"),
        (np.zeros((2, 2, 3)), [1], TypeError, r"images must be a non-empty list.*got ndarray"),
        ([np.zeros((2, 2, 3)), np.zeros((2, 3, 3))], [0, 1], ValueError, r"same shape"),
        ([np.zeros((2, 2, 3)), np.zeros((2, 2))], [0, 1], ValueError, r"images\[1\] must have"),
        ([np.zeros((2, 2, 3))] * 2, [0], ValueError, r"labels must hold one label per image"),
        ([np.zeros((2, 2, 3))] * 2, [0, 2], ValueError, r"labels must hold labels 0 or 1"),
    ],
)
def test_bad_training_sets_are_rejected(images, labels, error, message):
    with pytest.raises(error, match=message):
        images_to_dataset(images, labels)
