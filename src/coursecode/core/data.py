"""Small synthetic data sets in the course's layout, for examples, tests and notebooks."""

from __future__ import annotations

import numbers

import numpy as np

from coursecode.core.validation import as_bias, check_rng

__all__ = ["make_petals", "make_two_blobs"]


def make_two_blobs(m: int, n_x: int = 2, *, separation: float = 3.0, seed: int = 0):
    """Two Gaussian clouds of points, labelled 0 and 1, in the course's layout.

    Half of the examples (rounded down) are centred at ``-separation/2`` on every
    feature and labelled 0, the rest at ``+separation/2`` and labelled 1; each feature
    has standard deviation 1. The columns are shuffled.

    Parameters
    ----------
    m : int
        Number of examples, 1 or more.
    n_x : int, default 2
        Number of features, 1 or more.
    separation : float, default 3.0
        Distance between the two centres along each feature.
    seed : int, default 0
        Seed of the random generator, so the data is the same every time.

    Returns
    -------
    X : ndarray of shape (n_x, m)
    Y : ndarray of int, shape (1, m)

    >>> X, Y = make_two_blobs(5, n_x=3)
    >>> X.shape, Y.shape, int(Y.sum())
    ((3, 5), (1, 5), 3)
    """
    if m < 1 or n_x < 1:
        raise ValueError(f"m and n_x must be 1 or more, got m={m}, n_x={n_x}")
    rng = np.random.default_rng(seed)
    labels = np.zeros(m, dtype=int)
    labels[m // 2 :] = 1
    rng.shuffle(labels)
    centres = (labels - 0.5) * separation  # -s/2 for label 0, +s/2 for label 1
    X = rng.standard_normal((n_x, m)) + centres
    return X, labels.reshape(1, m)


def make_petals(m: int, *, petals: int = 4, noise: float = 0.2, rng):
    """Points on the petals of a rose, labelled 0 and 1 petal by petal, in the course's layout.

    The rose is the curve r = 2 |cos(k theta)| with k = petals / 2: it has ``petals``
    petals of length 2 around the origin, the j-th centred on the direction
    theta_j = 2 pi j / petals. Each example picks a petal, a direction inside it (more
    often near its middle line than near its edges) and a distance from the origin
    between 30% and 100% of the way out to the curve, and gets the label of its petal,
    j mod 2: neighbouring petals have different labels, opposite petals the same one.
    Gaussian noise of standard deviation ``noise`` is then added to both coordinates.
    With 4 or more petals no straight line separates the two labels; a small network can.

    Parameters
    ----------
    m : int
        Number of examples, 1 or more; half of them (rounded down) are labelled 0.
    petals : int, default 4
        Number of petals, an even number 2 or more (half of them for each label).
    noise : float, default 0.2
        Standard deviation of the noise added to each coordinate, 0 or more.
    rng : numpy.random.Generator
        Where the random numbers come from, for example ``np.random.default_rng(0)``.

    Returns
    -------
    X : ndarray of shape (2, m)
        The points, one per column.
    Y : ndarray of int, shape (1, m)
        The labels, 0 or 1.

    Examples
    --------
    >>> X, Y = make_petals(6, rng=np.random.default_rng(0))
    >>> X.shape, Y.shape, int(Y.sum())
    ((2, 6), (1, 6), 3)
    """
    if isinstance(m, (bool, np.bool_)) or not isinstance(m, numbers.Integral) or m < 1:
        raise ValueError(f"m must be a whole number of examples, 1 or more, got {m!r}")
    if (
        isinstance(petals, (bool, np.bool_))
        or not isinstance(petals, numbers.Integral)
        or petals < 2
        or petals % 2
    ):
        raise ValueError(f"petals must be an even whole number, 2 or more, got {petals!r}")
    noise = as_bias(noise, name="noise")
    if noise < 0:
        raise ValueError(f"noise must be 0 or more, got {noise}")
    rng = check_rng(rng)

    labels = np.zeros(m, dtype=int)
    labels[m // 2 :] = 1
    rng.shuffle(labels)
    # Petals 0, 2, 4, ... carry label 0 and petals 1, 3, 5, ... label 1.
    petal = 2 * rng.integers(0, petals // 2, size=m) + labels
    half_width = np.pi / petals  # each petal spans 2 pi / petals of the full turn
    # The difference of two uniform numbers: a triangle-shaped spread, peaked at the middle.
    offset = half_width * (rng.uniform(size=m) - rng.uniform(size=m))
    theta = 2 * np.pi * petal / petals + offset
    edge = 2 * np.abs(np.cos(petals / 2 * offset))  # the rose curve in that direction
    # All petals meet at the origin; keeping the points 30% out leaves that mixing to the noise.
    r = edge * (0.3 + 0.7 * np.sqrt(rng.uniform(size=m)))  # sqrt: spread over the area
    X = np.stack([r * np.cos(theta), r * np.sin(theta)]) + noise * rng.standard_normal((2, m))
    return X, labels.reshape(1, m)
