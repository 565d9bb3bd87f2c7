"""The result type shared by every gradient implementation."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

__all__ = ["Gradients"]


class Gradients(NamedTuple):
    """One forward and backward pass over the m examples.

    Attributes
    ----------
    dw : ndarray of shape (n_x, 1)
        dJ/dw, shaped like ``w``.
    db : float
        dJ/db.
    cost : float
        The cost J(w, b) at the parameters the pass was given.
    """

    dw: np.ndarray
    db: float
    cost: float
