"""Images as feature vectors, and a training set of images as the matrices X and Y.

Lesson: ``neural-networks-and-deep-learning/week-2/binary-classification.md``.

A colour image of height h and width w is three h-by-w grids of intensities, one each for
red, green and blue. Logistic regression needs one column of numbers per example, so the
grids are unrolled into a vector of length n_x = h * w * 3: first every red value, row by
row, then every green value, then every blue value. A 64 x 64 image gives n_x = 12288.
The m vectors then become the columns of X, shape (n_x, m), and the labels the row Y,
shape (1, m).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from coursecode.core.validation import as_float_array, as_labels

__all__ = ["image_to_vector", "images_to_dataset"]


def _check_image(image, name: str) -> np.ndarray:
    image = as_float_array(image, name)
    if image.ndim != 3 or image.shape[2] != 3 or 0 in image.shape:
        raise ValueError(
            f"{name} must have shape (height, width, 3), one red, green and blue value per "
            f"pixel; got shape {image.shape}"
        )
    return image


def _check_images(images) -> list[np.ndarray]:
    """A non-empty list of images of one shape (a 4-D array counts as a list)."""
    if isinstance(images, np.ndarray) and images.ndim == 4:
        images = list(images)
    if not isinstance(images, Sequence) or isinstance(images, str) or len(images) == 0:
        raise TypeError(
            "images must be a non-empty list of arrays of shape (height, width, 3), "
            f"got {type(images).__name__}"
        )
    checked = [_check_image(image, f"images[{i}]") for i, image in enumerate(images)]
    shapes = sorted({image.shape for image in checked})
    if len(shapes) > 1:
        raise ValueError(f"images must all have the same shape, got shapes {shapes}")
    return checked


def _check_labels(labels, m: int) -> np.ndarray:
    """One label, 0 or 1, per image, returned as the row Y of shape (1, m)."""
    labels = as_float_array(labels, "labels")
    if labels.shape not in ((m,), (1, m)):
        raise ValueError(
            f"labels must hold one label per image, shape ({m},) or (1, {m}); "
            f"got shape {labels.shape}"
        )
    return as_labels(labels.reshape(1, m), m, name="labels")


# --8<-- [start:image_to_vector]
def image_to_vector(image) -> np.ndarray:
    """Unroll one colour image into a feature column of shape ``(height * width * 3, 1)``.

    Parameters
    ----------
    image : array_like of shape (height, width, 3)
        Pixel intensities; ``image[r, c]`` is the (red, green, blue) triple of the pixel in
        row r and column c.

    Returns
    -------
    ndarray of float, shape (n_x, 1) with n_x = height * width * 3
        All red values (row by row, left to right), then all green, then all blue.

    Notes
    -----
    ``image.reshape(-1, 1)`` alone would interleave the channels (red, green, blue of the
    first pixel, then of the second, ...), because NumPy reads the last axis fastest.
    Moving the channel axis to the front first gives the order the course draws. Either
    order works for learning, as long as every image is unrolled the same way.

    Lesson: ``neural-networks-and-deep-learning/week-2/binary-classification.md``.

    Examples
    --------
    >>> image = np.arange(12).reshape(2, 2, 3)  # 2 x 2 pixels, values 0..11
    >>> image_to_vector(image).ravel()
    array([ 0.,  3.,  6.,  9.,  1.,  4.,  7., 10.,  2.,  5.,  8., 11.])
    """
    image = _check_image(image, "image")
    channels_first = image.transpose(2, 0, 1)  # (3, height, width): red grid, green, blue
    return channels_first.reshape(-1, 1)


# --8<-- [end:image_to_vector]


# --8<-- [start:images_to_dataset]
def images_to_dataset(images: Sequence, labels: Sequence):
    """Stack m images as the columns of ``X`` and their labels as the row ``Y``.

    Parameters
    ----------
    images : sequence of m array_like, each of shape (height, width, 3)
        All images must have the same shape.
    labels : sequence of m labels, 0 or 1
        ``labels[i]`` belongs to ``images[i]`` (1 for "cat", 0 for "not cat", say).

    Returns
    -------
    X : ndarray of float, shape (n_x, m)
        Column i is ``image_to_vector(images[i])``.
    Y : ndarray of float, shape (1, m)

    Lesson: ``neural-networks-and-deep-learning/week-2/binary-classification.md``.

    Examples
    --------
    >>> cat, dog = np.ones((64, 64, 3)), np.zeros((64, 64, 3))
    >>> X, Y = images_to_dataset([cat, dog], [1, 0])
    >>> X.shape, Y.shape
    ((12288, 2), (1, 2))
    """
    images = _check_images(images)
    X = np.hstack([image_to_vector(image) for image in images])  # (n_x, m)
    Y = _check_labels(labels, m=X.shape[1])  # (1, m)
    return X, Y


# --8<-- [end:images_to_dataset]
