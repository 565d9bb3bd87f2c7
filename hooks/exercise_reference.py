"""MkDocs hook: the exercise notebooks check the reference solutions when the site is built.

The exercise notebooks are stored with stubs for the learner to fill in. The build sets
``COURSECODE_EXERCISES_USE_REFERENCE=1`` before any notebook runs; the kernels that
mkdocs-jupyter starts inherit it, and ``coursecode.exercises.check`` then runs each check
on the package's reference solution and says so in its output. The page shows the stubs
and the checks' verdict on the reference, so a build fails if the two ever disagree,
without a page claiming that a stub passed.
"""

from __future__ import annotations

import os

VARIABLE = "COURSECODE_EXERCISES_USE_REFERENCE"


def on_config(config):
    """Set the flag for the notebooks this build executes."""
    os.environ[VARIABLE] = "1"
    return config
