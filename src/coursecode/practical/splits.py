r"""Splitting the examples into a training set, a dev set and a test set.

The training set is what gradient descent sees; the dev (hold-out) set picks between
models and settings; the test set, looked at once at the end, gives an unbiased estimate
of how the chosen model does. The examples are shuffled first, so that no part gets, say,
only the examples collected last; ``stratify=True`` also keeps the share of positive
examples the same in every part, which matters when positives are rare.

Lesson: ``improving-deep-neural-networks/week-1/train-dev-test-sets.md``.
"""

from __future__ import annotations

import math
import numbers
from typing import NamedTuple

import numpy as np

from coursecode.core.validation import as_features, as_labels, check_rng

__all__ = ["Split", "part_sizes", "train_dev_test_split"]

PARTS = ("train", "dev", "test")


class Split(NamedTuple):
    """The three parts of a data set, each with its examples as columns.

    Attributes
    ----------
    X_train, X_dev, X_test : ndarray of shape (n_x, m_part)
    Y_train, Y_dev, Y_test : ndarray of shape (1, m_part)
    """

    X_train: np.ndarray
    Y_train: np.ndarray
    X_dev: np.ndarray
    Y_dev: np.ndarray
    X_test: np.ndarray
    Y_test: np.ndarray


def _check_fractions(fractions) -> tuple[float, float, float]:
    """Check three positive finite fractions (train, dev, test) that add up to 1."""
    if isinstance(fractions, (str, bytes)) or not hasattr(fractions, "__len__"):
        raise TypeError(
            "fractions must be three numbers (train, dev, test) such as (0.6, 0.2, 0.2); "
            f"got {type(fractions).__name__} {fractions!r}"
        )
    if len(fractions) != 3:
        raise ValueError(
            "fractions must be three numbers (train, dev, test) such as (0.6, 0.2, 0.2); "
            f"got {len(fractions)}: {tuple(fractions)!r}"
        )
    checked = []
    for part, fraction in zip(PARTS, fractions, strict=True):
        if isinstance(fraction, (bool, np.bool_)) or not isinstance(fraction, numbers.Real):
            raise TypeError(
                f"fractions must hold numbers; the {part} fraction is "
                f"{type(fraction).__name__} {fraction!r}"
            )
        value = float(fraction)
        if not 0 < value < math.inf:  # also False for nan
            raise ValueError(
                f"fractions must all be greater than 0 (every part gets examples); "
                f"the {part} fraction is {value}"
            )
        checked.append(value)
    total = math.fsum(checked)
    if not math.isclose(total, 1.0, rel_tol=0, abs_tol=1e-9):
        raise ValueError(
            f"fractions must add up to 1; got {tuple(checked)}, which adds up to {total:g}"
        )
    return checked[0], checked[1], checked[2]


# --8<-- [start:part_sizes]
def part_sizes(m, fractions) -> list[int]:
    """How many of the m examples each part gets: its share, rounded so the sizes add to m.

    Parameters
    ----------
    m : int
        The number of examples, 3 or more.
    fractions : sequence of float
        The share of each part; positive, adding up to 1.

    Returns
    -------
    list of int
        One size per part, each at least 1, adding up to m. Each is its share
        ``fraction * m`` rounded down or up (largest remainders round up), unless that
        leaves a part empty: then it gets 1 example from the largest part.

    Examples
    --------
    >>> part_sizes(1000, (0.6, 0.2, 0.2))
    [600, 200, 200]
    >>> part_sizes(1_000_000, (0.98, 0.01, 0.01))  # big data: 10,000 are plenty for dev
    [980000, 10000, 10000]
    >>> part_sizes(10, (0.7, 0.15, 0.15))  # 1.5 and 1.5: one rounds up, one down
    [7, 2, 1]
    """
    fractions = _check_fractions(fractions)
    if isinstance(m, (bool, np.bool_)) or not isinstance(m, numbers.Integral) or m < 3:
        raise ValueError(
            f"m must be a whole number of examples, 3 or more (one for each of train, dev "
            f"and test); got {m!r}"
        )
    shares = [fraction * m for fraction in fractions]
    sizes = [math.floor(share) for share in shares]
    # Hand out the examples left over, one each, to the largest remainders.
    by_remainder = sorted(range(len(shares)), key=lambda k: sizes[k] - shares[k])
    for k in by_remainder[: m - sum(sizes)]:
        sizes[k] += 1
    for k in range(len(sizes)):
        if sizes[k] == 0:  # every part needs at least one example
            sizes[k] = 1
            sizes[sizes.index(max(sizes))] -= 1
    return sizes


# --8<-- [end:part_sizes]


# --8<-- [start:train_dev_test_split]
def train_dev_test_split(X, Y, *, fractions=(0.6, 0.2, 0.2), rng, stratify=False) -> Split:
    """Shuffle the m examples and split them into train, dev and test sets.

    Parameters
    ----------
    X : array_like of shape (n_x, m)
        Inputs, one example per column; m must be 3 or more.
    Y : array_like of shape (1, m)
        Labels, 0 or 1.
    fractions : sequence of 3 float, default (0.6, 0.2, 0.2)
        The shares of the train, dev and test sets: each greater than 0, adding up to 1.
        With a million examples, (0.98, 0.01, 0.01) still leaves 10,000 for dev and test.
    rng : numpy.random.Generator
        Where the shuffle comes from; the same seed gives the same split.
    stratify : bool, default False
        If True, each part's count of positive labels is within one example of its size
        times the share of positives in the whole data set.

    Returns
    -------
    Split
        ``(X_train, Y_train, X_dev, Y_dev, X_test, Y_test)``; every example is in exactly
        one part, and the sizes are those of ``part_sizes``.

    Lesson: ``improving-deep-neural-networks/week-1/train-dev-test-sets.md``.

    Examples
    --------
    >>> X, Y = np.arange(20.0).reshape(2, 10), np.array([[0, 1] * 5])
    >>> split = train_dev_test_split(X, Y, rng=np.random.default_rng(0))
    >>> split.X_train.shape, split.X_dev.shape, split.X_test.shape
    ((2, 6), (2, 2), (2, 2))
    """
    X = as_features(X)
    m = X.shape[1]
    Y = as_labels(Y, m)
    fractions = _check_fractions(fractions)
    rng = check_rng(rng)
    if not isinstance(stratify, (bool, np.bool_)):
        raise TypeError(f"stratify must be True or False, got {type(stratify).__name__}")
    if m < 3:
        raise ValueError(
            f"X must hold at least 3 examples to give each of train, dev and test one; "
            f"got m = {m} (shape {X.shape})"
        )

    sizes = part_sizes(m, fractions)
    if stratify:
        parts = _stratified_parts(Y[0], sizes, rng)
    else:
        shuffled = rng.permutation(m)  # a random order of the column indices 0, ..., m-1
        ends = np.cumsum(sizes)  # train is shuffled[:ends[0]], dev the next block, ...
        parts = np.split(shuffled, ends[:-1])

    train, dev, test = parts
    return Split(X[:, train], Y[:, train], X[:, dev], Y[:, dev], X[:, test], Y[:, test])


# --8<-- [end:train_dev_test_split]


def _stratified_parts(labels, sizes, rng) -> list[np.ndarray]:
    """Column indices for each part, with each part's positives in proportion to its size."""
    positives = rng.permutation(np.flatnonzero(labels == 1))
    negatives = rng.permutation(np.flatnonzero(labels == 0))
    m = len(labels)
    # Share out the positives like the examples: each part's count is its size times the
    # share of positives, rounded so that the counts add up to the number of positives.
    shares = [size * len(positives) / m for size in sizes]
    counts = [math.floor(share) for share in shares]
    by_remainder = sorted(range(len(shares)), key=lambda k: counts[k] - shares[k])
    for k in by_remainder[: len(positives) - sum(counts)]:
        counts[k] += 1

    parts = []
    p_start = n_start = 0
    for size, count in zip(sizes, counts, strict=True):
        # count <= size, since count rounds size * (share of positives) up at most.
        part = np.concatenate(
            [positives[p_start : p_start + count], negatives[n_start : n_start + size - count]]
        )
        p_start += count
        n_start += size - count
        parts.append(rng.permutation(part))  # mix positives and negatives again
    return parts
