"""Diagrams for the practical side of training (Course 2, Week 1): underfitting and
overfitting drawn from trained models, and the cost's contours before and after the inputs
are normalized.

Everything drawn is computed by the package when the site is built: the data come from
``coursecode.core.data``, the models from ``gradient_descent`` and ``train_network``, the
decision boundaries from ``model_forward``, the errors from ``predict`` and
``predict_network``, and the contours from ``cost_from_logits``. Training runs at every
build, so the runs are short: a few hundred steps on 50 points.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import NamedTuple

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from coursecode.core.data import make_petals, make_two_blobs
from coursecode.logistic_regression.training import gradient_descent, predict
from coursecode.loss import cost_from_logits
from coursecode.networks.deep import model_forward
from coursecode.networks.parameters import initialize_parameters
from coursecode.networks.training import predict_network, train_network
from coursecode.practical.normalization import fit_normalization, normalize
from coursecode.presentation.diagrams.drawing import (
    ACCENTS,
    INK,
    PAPER,
    SMALL_PX,
    new_diagram,
    plot_axes,
    pt,
    text,
)
from coursecode.presentation.diagrams.registry import diagram

__all__ = [
    "CONTOUR_RISES",
    "FLIP_PROBABILITY",
    "FittedModel",
    "bias_variance_data",
    "bias_variance_models",
    "contour_data",
    "cost_slice",
    "curvature",
]


def _percent(fraction: float) -> str:
    return f"{100 * fraction:.0f}%"


# --- Bias / Variance -------------------------------------------------------------------------

# Petals whose labels are flipped with this probability: the best possible error is about
# that. Few training points, so that a flexible model can learn their noise in a few
# hundred steps; many dev points, so that the dev error is measured well.
FLIP_PROBABILITY = 0.2
TRAIN_POINTS, TRAIN_SEED = 50, 3
DEV_POINTS, DEV_SEED = 1000, 4
PLANE = (-2.6, 2.6)  # the square of the plane that the panels show, in both features


def bias_variance_data(m: int, seed: int):
    """Points on four petals, each label flipped with probability ``FLIP_PROBABILITY``.

    Returns
    -------
    X : ndarray of shape (2, m)
    Y : ndarray of int, shape (1, m)
        The labels after flipping.
    flipped : ndarray of bool, shape (1, m)
        Which labels were flipped.
    """
    rng = np.random.default_rng(seed)
    X, Y = make_petals(m, noise=0.1, rng=rng)
    flipped = rng.random(Y.shape) < FLIP_PROBABILITY
    return X, np.where(flipped, 1 - Y, Y), flipped


class FittedModel(NamedTuple):
    """One panel of the bias/variance figure: a model trained on the training points.

    ``probability(X)`` is the model's a = P(y = 1 | x) for the columns of X, of shape
    (1, m); ``predict(X)`` its labels, from the package's ``predict`` or
    ``predict_network``.
    """

    verdict: str
    model: str
    probability: Callable[[np.ndarray], np.ndarray]
    predict: Callable[[np.ndarray], np.ndarray]
    train_error: float
    dev_error: float


def _network(layer_dims, *, scale: float, learning_rate: float, steps: int, X, Y):
    start = initialize_parameters(layer_dims, np.random.default_rng(2), scale=scale)
    parameters = train_network(
        start,
        X,
        Y,
        learning_rate=learning_rate,
        num_iterations=steps,
        hidden_activation="tanh",
    ).parameters

    def probability(points):
        return model_forward(parameters, points, hidden_activation="tanh")[0]

    def labels(points):
        return predict_network(parameters, points, hidden_activation="tanh")

    return probability, labels


@functools.cache
def bias_variance_models() -> tuple[FittedModel, ...]:
    """The three models of the figure, trained once per process (the figure and its alt
    text both need them).

    Logistic regression (a straight boundary), a network with 4 tanh hidden units, and one
    with 100 tanh hidden units whose initial weights are large (standard deviation 3): its
    function is already wiggly before training, so a few hundred steps suffice for it to
    fit the flipped labels, which with small initial weights would take many thousands.
    """
    X, Y, _ = bias_variance_data(TRAIN_POINTS, TRAIN_SEED)
    X_dev, Y_dev, _ = bias_variance_data(DEV_POINTS, DEV_SEED)
    line = gradient_descent(np.zeros((2, 1)), 0.0, X, Y, learning_rate=1.0, num_iterations=100)
    line_parameters = {"W1": line.w.T, "b1": np.array([[line.b]])}  # logistic regression, L = 1

    def line_probability(points):
        return model_forward(line_parameters, points)[0]

    def line_labels(points):
        return predict(line.w, line.b, points)

    fitted = [("high bias", "logistic regression", line_probability, line_labels)]
    small = _network([2, 4, 1], scale=1.0, learning_rate=2.0, steps=300, X=X, Y=Y)
    fitted.append(("just right", "4 hidden units", *small))
    large = _network([2, 100, 1], scale=3.0, learning_rate=1.0, steps=600, X=X, Y=Y)
    fitted.append(("high variance", "100 hidden units", *large))
    return tuple(
        FittedModel(
            verdict,
            model,
            probability,
            labels,
            train_error=float(np.mean(labels(X) != Y)),
            dev_error=float(np.mean(labels(X_dev) != Y_dev)),
        )
        for verdict, model, probability, labels in fitted
    )


def _bias_variance_alt() -> str:
    X, _, flipped = bias_variance_data(TRAIN_POINTS, TRAIN_SEED)
    line, small, large = bias_variance_models()
    return (
        f"Three panels, each showing the same {X.shape[1]} training points on four petals, "
        f"two labels ({int(flipped.sum())} of them flipped on purpose, as noise), and the "
        "regions where a trained model predicts each label, separated by its decision "
        f"boundary. Left, high bias: logistic regression's straight line, wrong on "
        f"{_percent(line.train_error)} of the training points and {_percent(line.dev_error)} "
        f"of new ones. Middle, just right: a network with 4 hidden units draws a cross "
        f"that follows the petals, training error {_percent(small.train_error)}, dev error "
        f"{_percent(small.dev_error)}. Right, high variance: a network with 100 hidden "
        "units bends its boundary around single noisy points, carving small pockets: "
        f"training error {_percent(large.train_error)}, dev error {_percent(large.dev_error)}."
    )


def _boundary_panel(ax: Axes, fitted: FittedModel, X, Y) -> None:
    grid = np.linspace(*PLANE, 121)
    G1, G2 = np.meshgrid(grid, grid)
    P = fitted.probability(np.vstack([G1.ravel(), G2.ravel()])).reshape(G1.shape)
    blue, orange = ACCENTS["blue"], ACCENTS["orange"]
    ax.contourf(G1, G2, P, levels=[0.0, 0.5, 1.0], colors=[blue, orange], alpha=0.16)
    ax.contour(G1, G2, P, levels=[0.5], colors=[INK], linewidths=pt(1.5))
    for label, colour, marker in ((0, blue, "o"), (1, orange, "^")):
        chosen = Y[0] == label
        ax.plot(
            X[0, chosen],
            X[1, chosen],
            marker,
            color=colour,
            markersize=pt(6),
            markeredgecolor=PAPER,
            markeredgewidth=pt(0.6),
            linestyle="none",
        )
    ax.set_xlim(*PLANE)
    ax.set_ylim(*PLANE)
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.spines[["top", "right"]].set_visible(True)


@diagram("bias-variance-boundaries", alt=_bias_variance_alt)
def bias_variance_boundaries() -> Figure:
    X, Y, _ = bias_variance_data(TRAIN_POINTS, TRAIN_SEED)
    fig = new_diagram(440, 220)
    size = 132
    for k, fitted in enumerate(bias_variance_models()):
        left = 6 + k * (size + 16)
        ax = plot_axes(fig, left, 42, size, size)
        _boundary_panel(ax, fitted, X, Y)
        middle = 0.5
        text(ax, middle, 1.2, fitted.verdict, size=SMALL_PX, weight="bold", transform=ax.transAxes)
        text(ax, middle, 1.07, fitted.model, size=SMALL_PX, transform=ax.transAxes)
        errors = f"train {_percent(fitted.train_error)}, dev {_percent(fitted.dev_error)}"
        text(
            ax,
            middle,
            -0.1,
            errors,
            size=SMALL_PX,
            va="top",
            transform=ax.transAxes,
            gid=f"errors-{k}",
        )
    return fig


# --- Normalizing Inputs ---------------------------------------------------------------------

# Two features on very different scales: the first spread about 8 times wider than the
# second, and off centre. Two overlapping blobs, so that logistic regression's cost has a
# lowest point.
FEATURE_SCALES, FEATURE_OFFSETS = (4.0, 0.5), (4.0, 0.0)
# The contours drawn: the cost this much above its lowest value.
CONTOUR_RISES = (0.005, 0.02, 0.05, 0.1)


class ContourData(NamedTuple):
    """One panel of the normalization figure: the inputs, labels and best parameters."""

    title: str
    inputs: str
    X: np.ndarray
    Y: np.ndarray
    w: np.ndarray
    b: float


@functools.cache
def contour_data() -> tuple[ContourData, ContourData]:
    """The raw and the normalized inputs, with logistic regression's best (w, b) for each.

    Gradient descent runs on the normalized inputs, where it converges in a few hundred
    steps; the same model on the raw inputs is w_raw = w / s and b_raw = b - w_raw^T mu
    (s the standard deviations and mu the means that ``normalize`` used), which has the
    same predictions and the same cost.
    """
    blobs, Y = make_two_blobs(200, 2, separation=1.0, seed=0)
    X = np.array(FEATURE_SCALES)[:, None] * blobs + np.array(FEATURE_OFFSETS)[:, None]
    normalization = fit_normalization(X)
    X_normalized = normalize(X, normalization)
    best = gradient_descent(
        np.zeros((2, 1)), 0.0, X_normalized, Y, learning_rate=1.0, num_iterations=300
    )
    spread = np.sqrt(normalization.variance + 1e-8)  # normalize's default epsilon
    w_raw = best.w / spread
    b_raw = best.b - float((w_raw.T @ normalization.mean)[0, 0])
    ranges = ", ".join(
        f"x{k + 1} from {row.min():.0f} to {row.max():.0f}".replace("-", "\u2212")
        for k, row in enumerate(X)
    )
    return (
        ContourData("unnormalized", ranges, X, Y, w_raw, b_raw),
        ContourData("normalized", "mean 0, variance 1", X_normalized, Y, best.w, best.b),
    )


def cost_slice(data: ContourData, w1, w2) -> float:
    """The cost J(w1, w2) of logistic regression on ``data``, with b held at its best."""
    return cost_from_logits(np.array([[w1, w2]]) @ data.X + data.b, data.Y)


def curvature(data: ContourData, step: float = 1e-3) -> np.ndarray:
    """The 2 x 2 matrix of second derivatives of ``cost_slice`` at the best (w1, w2).

    Central differences of the package's cost; the figure uses it to frame each panel, the
    tests to compare how elongated the two bowls are.
    """
    w1, w2 = data.w[:, 0]

    def J(d1, d2):
        return cost_slice(data, w1 + d1 * step, w2 + d2 * step)

    h11 = (J(1, 0) - 2 * J(0, 0) + J(-1, 0)) / step**2
    h22 = (J(0, 1) - 2 * J(0, 0) + J(0, -1)) / step**2
    h12 = (J(1, 1) - J(1, -1) - J(-1, 1) + J(-1, -1)) / (4 * step**2)
    return np.array([[h11, h12], [h12, h22]])


def _ranges(X) -> str:
    return " and ".join(
        f"x{k + 1} from {row.min():.1f} to {row.max():.1f}".replace("-", "minus ")
        for k, row in enumerate(X)
    )


def _contours_alt() -> str:
    raw, normalized = contour_data()
    ratios = [np.sqrt(np.linalg.cond(curvature(data))) for data in (raw, normalized)]
    return (
        "Contour lines of logistic regression's cost J over the plane of the weights w1 and "
        "w2, with b held at its best value, around the lowest point, marked by a dot. Left, "
        f"on unnormalized inputs ({_ranges(raw.X)}): long, thin ellipses, about "
        f"{ratios[0]:.0f} times longer than wide, since the cost changes fast along w1 and "
        f"slowly along w2. Right, on the same inputs normalized to mean 0 and variance 1: "
        f"nearly round contours, their longest axis only {ratios[1]:.1f} times the shortest."
    )


def _contour_panel(ax: Axes, data: ContourData) -> None:
    center = data.w[:, 0]
    lowest = cost_slice(data, *center)
    # the top contour of a quadratic bowl reaches sqrt(2 * rise * (H^-1)_ii) along axis i
    reach = np.sqrt(2 * max(CONTOUR_RISES) * np.diag(np.linalg.inv(curvature(data))))
    axis1, axis2 = (
        np.linspace(c - 1.6 * r, c + 1.6 * r, 41) for c, r in zip(center, reach, strict=True)
    )
    G1, G2 = np.meshgrid(axis1, axis2)
    J = np.array([cost_slice(data, a, b) for a, b in zip(G1.ravel(), G2.ravel(), strict=True)])
    ax.contour(
        G1,
        G2,
        J.reshape(G1.shape),
        levels=[lowest + rise for rise in CONTOUR_RISES],
        colors=[ACCENTS["blue"]],
        linewidths=pt(1.5),
    )
    ax.plot([center[0]], [center[1]], "o", color=INK, markersize=pt(6))
    half = 1.6 * reach.max()  # a square window: the same scale along w1 and w2
    ax.set_xlim(center[0] - half, center[0] + half)
    ax.set_ylim(center[1] - half, center[1] + half)
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("$w_1$", labelpad=pt(2))
    text(ax, -0.05, 0.5, "$w_2$", ha="right", transform=ax.transAxes)
    text(ax, 0.5, 1.15, data.title, size=SMALL_PX, weight="bold", transform=ax.transAxes)
    text(ax, 0.5, 1.05, data.inputs, size=SMALL_PX, transform=ax.transAxes)


@diagram("normalized-contours", alt=_contours_alt)
def normalized_contours() -> Figure:
    fig = new_diagram(440, 240)
    for k, data in enumerate(contour_data()):
        ax = plot_axes(fig, 36 + k * 222, 30, 170, 170)
        _contour_panel(ax, data)
    return fig
