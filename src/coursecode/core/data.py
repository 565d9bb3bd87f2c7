"""Small synthetic data sets in the course's layout, for examples, tests and notebooks."""

from __future__ import annotations

import numpy as np

__all__ = ["make_two_blobs"]


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
