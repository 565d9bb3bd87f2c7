"""Train / dev / test splits (Course 2, Week 1): sizes by fraction, every example in exactly
one part with its own label, stratified shares of positives, reproducible with a seed, and
bad fractions."""

import numpy as np
import pytest

from coursecode import Split, train_dev_test_split
from coursecode.practical.splits import part_sizes


def numbered_data(m, positive_share=0.5, seed=0):
    """X whose first row numbers the examples 0, ..., m-1, and labels with a given share."""
    rng = np.random.default_rng(seed)
    X = np.vstack([np.arange(m, dtype=float), rng.standard_normal(m)])
    Y = (rng.random((1, m)) < positive_share).astype(int)
    return X, Y


def parts(split):
    return [
        (split.X_train, split.Y_train),
        (split.X_dev, split.Y_dev),
        (split.X_test, split.Y_test),
    ]


@pytest.mark.parametrize(
    ("m", "fractions"),
    [
        (1000, (0.6, 0.2, 0.2)),
        (1001, (0.6, 0.2, 0.2)),
        (97, (0.7, 0.15, 0.15)),
        (10_000, (0.98, 0.01, 0.01)),
        (10, (0.5, 0.3, 0.2)),
        (3, (1 / 3, 1 / 3, 1 / 3)),
    ],
)
def test_sizes_follow_the_fractions(m, fractions):
    X, Y = numbered_data(m)
    split = train_dev_test_split(X, Y, fractions=fractions, rng=np.random.default_rng(0))
    sizes = [part[0].shape[1] for part in parts(split)]
    assert sum(sizes) == m
    for size, fraction in zip(sizes, fractions, strict=True):
        assert abs(size - fraction * m) < 1
    assert sizes == part_sizes(m, fractions)


def test_the_usual_splits_by_hand():
    assert part_sizes(1000, (0.6, 0.2, 0.2)) == [600, 200, 200]
    assert part_sizes(1_000_000, (0.98, 0.01, 0.01)) == [980_000, 10_000, 10_000]
    assert part_sizes(11, (0.6, 0.2, 0.2)) == [7, 2, 2]  # 6.6, 2.2, 2.2: train rounds up


def test_every_part_gets_at_least_one_example():
    # 5 * (0.9, 0.05, 0.05) = (4.5, 0.25, 0.25): rounding alone would leave dev and test empty.
    assert part_sizes(5, (0.9, 0.05, 0.05)) == [3, 1, 1]
    X, Y = numbered_data(5)
    split = train_dev_test_split(X, Y, fractions=(0.9, 0.05, 0.05), rng=np.random.default_rng(0))
    assert [part[0].shape[1] for part in parts(split)] == [3, 1, 1]


@pytest.mark.parametrize("stratify", [False, True])
@pytest.mark.parametrize("m", [3, 50, 1001])
def test_no_example_is_lost_or_duplicated_and_each_keeps_its_label(m, stratify):
    X, Y = numbered_data(m, positive_share=0.3)
    split = train_dev_test_split(X, Y, rng=np.random.default_rng(1), stratify=stratify)
    assert isinstance(split, Split)
    ids = np.concatenate([part[0][0] for part in parts(split)]).astype(int)
    np.testing.assert_array_equal(np.sort(ids), np.arange(m))  # a permutation of the columns
    for X_part, Y_part in parts(split):
        columns = X_part[0].astype(int)
        np.testing.assert_array_equal(X_part, X[:, columns])
        np.testing.assert_array_equal(Y_part, Y[:, columns])
        assert Y_part.shape == (1, X_part.shape[1])


def test_the_examples_are_shuffled():
    X, Y = numbered_data(200)
    split = train_dev_test_split(X, Y, rng=np.random.default_rng(2))
    ids = np.concatenate([part[0][0] for part in parts(split)])
    assert not np.array_equal(ids, np.arange(200))
    # The training set draws from the whole range, not just the first 60%.
    assert split.X_train[0].max() >= 180
    assert split.X_test[0].min() < 20


@pytest.mark.parametrize(("m", "share"), [(1000, 0.1), (997, 0.03), (61, 0.5), (400, 0.9)])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_stratified_parts_keep_the_share_of_positives(m, share, seed):
    X, Y = numbered_data(m, positive_share=share, seed=seed)
    p = Y.mean()
    split = train_dev_test_split(X, Y, rng=np.random.default_rng(seed), stratify=True)
    for _, Y_part in parts(split):
        assert abs(Y_part.sum() - Y_part.shape[1] * p) <= 1


def test_without_stratification_the_shares_wander():
    # The check above is not automatic: plain shuffles put more than one positive too many
    # or too few in some part for most seeds.
    X, Y = numbered_data(1000, positive_share=0.1)
    p = Y.mean()
    off = 0
    for seed in range(10):
        split = train_dev_test_split(X, Y, rng=np.random.default_rng(seed))
        off += any(abs(Y_part.sum() - Y_part.shape[1] * p) > 1 for _, Y_part in parts(split))
    assert off >= 5


@pytest.mark.parametrize("stratify", [False, True])
def test_the_same_seed_gives_the_same_split(stratify):
    X, Y = numbered_data(300, positive_share=0.2)
    first = train_dev_test_split(X, Y, rng=np.random.default_rng(7), stratify=stratify)
    again = train_dev_test_split(X, Y, rng=np.random.default_rng(7), stratify=stratify)
    other = train_dev_test_split(X, Y, rng=np.random.default_rng(8), stratify=stratify)
    for a, b in zip(first, again, strict=True):
        np.testing.assert_array_equal(a, b)
    assert not np.array_equal(first.X_train, other.X_train)


# --- bad input -----------------------------------------------------------------------------------

X_OK, Y_OK = numbered_data(20)
RNG = np.random.default_rng(0)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        (
            {"fractions": (0.6, 0.2, 0.1)},
            ValueError,
            r"fractions must add up to 1; got \(0.6, 0.2, 0.1\), which adds up to 0.9",
        ),
        (
            {"fractions": (0.6, 0.3, 0.3)},
            ValueError,
            r"fractions must add up to 1; .*which adds up to 1.2",
        ),
        (
            {"fractions": (1.0, 0.0, 0.0)},
            ValueError,
            r"fractions must all be greater than 0 .*the dev fraction is 0.0",
        ),
        (
            {"fractions": (1.2, -0.1, -0.1)},
            ValueError,
            r"fractions must all be greater than 0 .*the dev fraction is -0.1",
        ),
        (
            {"fractions": (0.8, 0.2)},
            ValueError,
            r"fractions must be three numbers \(train, dev, test\) .*got 2: \(0.8, 0.2\)",
        ),
        ({"fractions": 0.6}, TypeError, r"fractions must be three numbers .*got float 0.6"),
        (
            {"fractions": (0.6, "0.2", 0.2)},
            TypeError,
            r"fractions must hold numbers; the dev fraction is str '0.2'",
        ),
        (
            {"fractions": (0.6, np.nan, 0.2)},
            ValueError,
            r"the dev fraction is nan",
        ),
        ({"stratify": "yes"}, TypeError, r"stratify must be True or False, got str"),
    ],
)
def test_bad_settings_are_rejected(kwargs, error, message):
    with pytest.raises(error, match=message):
        train_dev_test_split(X_OK, Y_OK, rng=RNG, **kwargs)


def test_bad_data_and_generators_are_rejected():
    with pytest.raises(ValueError, match=r"X must hold at least 3 examples .*got m = 2"):
        train_dev_test_split(np.ones((2, 2)), np.array([[0, 1]]), rng=RNG)
    with pytest.raises(ValueError, match=r"Y must have shape \(1, m\) = \(1, 20\)"):
        train_dev_test_split(X_OK, Y_OK[:, :5], rng=RNG)
    with pytest.raises(ValueError, match=r"Y must hold labels 0 or 1 only; got \[2.0\]"):
        train_dev_test_split(X_OK, Y_OK + 1, rng=RNG, stratify=True)
    with pytest.raises(TypeError, match=r"rng must be a numpy random Generator"):
        train_dev_test_split(X_OK, Y_OK, rng=0)
    with pytest.raises(TypeError, match=r"missing 1 required keyword-only argument: 'rng'"):
        train_dev_test_split(X_OK, Y_OK)
    with pytest.raises(ValueError, match=r"m must be a whole number of examples, 3 or more"):
        part_sizes(2, (0.6, 0.2, 0.2))
