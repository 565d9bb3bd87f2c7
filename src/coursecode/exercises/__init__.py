"""Programming exercises, checked offline: write a function of the course, then check it.

>>> from coursecode.exercises import check, list_exercises, solution
>>> list_exercises()[:3]
['sigmoid', 'initialize_with_zeros', 'propagate']

``check(name, function)`` runs the checks of one exercise on the learner's function: the
shapes, the values on fixed inputs, agreement with the package's own function (the
reference) on random inputs drawn with a fixed seed, and a finite-difference gradient
check where the exercise computes a gradient. It prints one line when every check passes
and returns True; otherwise it prints what is wrong (the input, what was expected, what
came back and a hint) and returns False. ``solution(name)`` returns the reference.

The site's build sets the environment variable ``COURSECODE_EXERCISES_USE_REFERENCE=1``
(``hooks/exercise_reference.py``): the exercise notebooks then run every check on the
reference solution, and each check says so in its output; a reference that fails its own
check raises, which fails the build. So the build proves that the checks and the
references agree, while the page still shows the learner's stubs.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import NamedTuple

from coursecode.activations import sigmoid
from coursecode.exercises import deep_network as week_4
from coursecode.exercises import logistic_regression as week_2
from coursecode.exercises import regularization as course_2_week_1
from coursecode.exercises import shallow_network as week_3
from coursecode.exercises.checking import ExerciseFailure
from coursecode.logistic_regression.training import gradient_descent, predict
from coursecode.logistic_regression.vectorized import gradients_vectorized
from coursecode.networks.cost import network_cost
from coursecode.networks.deep import (
    activation_backward,
    activation_forward,
    linear_backward,
    linear_forward,
    model_backward,
    model_forward,
)
from coursecode.networks.gradient_check import relative_difference, two_sided_difference
from coursecode.networks.parameters import initialize_parameters, layer_shapes, update_parameters
from coursecode.networks.regularization import (
    apply_dropout,
    dropout_backward,
    l2_cost,
    l2_gradient,
)
from coursecode.networks.shallow import backward_propagation, forward_propagation

__all__ = ["USE_REFERENCE_VARIABLE", "check", "list_exercises", "solution"]

USE_REFERENCE_VARIABLE = "COURSECODE_EXERCISES_USE_REFERENCE"
"""When this environment variable is "1", check() checks the reference, not the learner."""


class Exercise(NamedTuple):
    """One exercise: its reference function and the checks a learner's version must pass."""

    name: str
    week: str
    reference: Callable
    run_checks: Callable[[Callable], int]


_WEEK_2 = "Neural Networks and Deep Learning, Week 2"
_WEEK_3 = "Neural Networks and Deep Learning, Week 3"
_WEEK_4 = "Neural Networks and Deep Learning, Week 4"
_COURSE_2_WEEK_1 = "Improving Deep Neural Networks, Week 1"

_EXERCISES = {
    exercise.name: exercise
    for exercise in (
        Exercise("sigmoid", _WEEK_2, sigmoid, week_2.check_sigmoid),
        Exercise(
            "initialize_with_zeros",
            _WEEK_2,
            week_2.initialize_with_zeros,
            week_2.check_initialize_with_zeros,
        ),
        Exercise("propagate", _WEEK_2, gradients_vectorized, week_2.check_propagate),
        Exercise("optimize", _WEEK_2, gradient_descent, week_2.check_optimize),
        Exercise("predict", _WEEK_2, predict, week_2.check_predict),
        Exercise("layer_shapes", _WEEK_3, layer_shapes, week_3.check_layer_shapes),
        Exercise(
            "initialize_parameters",
            _WEEK_3,
            initialize_parameters,
            week_3.check_initialize_parameters,
        ),
        Exercise(
            "forward_propagation", _WEEK_3, forward_propagation, week_3.check_forward_propagation
        ),
        Exercise("network_cost", _WEEK_3, network_cost, week_3.check_network_cost),
        Exercise(
            "backward_propagation",
            _WEEK_3,
            backward_propagation,
            week_3.check_backward_propagation,
        ),
        Exercise("update_parameters", _WEEK_3, update_parameters, week_3.check_update_parameters),
        Exercise("linear_forward", _WEEK_4, linear_forward, week_4.check_linear_forward),
        Exercise(
            "activation_forward", _WEEK_4, activation_forward, week_4.check_activation_forward
        ),
        Exercise("model_forward", _WEEK_4, model_forward, week_4.check_model_forward),
        Exercise("linear_backward", _WEEK_4, linear_backward, week_4.check_linear_backward),
        Exercise(
            "activation_backward", _WEEK_4, activation_backward, week_4.check_activation_backward
        ),
        Exercise("model_backward", _WEEK_4, model_backward, week_4.check_model_backward),
        Exercise("l2_cost", _COURSE_2_WEEK_1, l2_cost, course_2_week_1.check_l2_cost),
        Exercise("l2_gradient", _COURSE_2_WEEK_1, l2_gradient, course_2_week_1.check_l2_gradient),
        Exercise(
            "apply_dropout", _COURSE_2_WEEK_1, apply_dropout, course_2_week_1.check_apply_dropout
        ),
        Exercise(
            "dropout_backward",
            _COURSE_2_WEEK_1,
            dropout_backward,
            course_2_week_1.check_dropout_backward,
        ),
        Exercise(
            "two_sided_difference",
            _COURSE_2_WEEK_1,
            two_sided_difference,
            course_2_week_1.check_two_sided_difference,
        ),
        Exercise(
            "relative_difference",
            _COURSE_2_WEEK_1,
            relative_difference,
            course_2_week_1.check_relative_difference,
        ),
    )
}


def list_exercises(week: str | None = None) -> list[str]:
    """The names of the exercises, in the order of the course.

    Parameters
    ----------
    week : str, optional
        Only the exercises of this week, for example
        ``"Neural Networks and Deep Learning, Week 2"``.

    Returns
    -------
    list of str
    """
    if week is None:
        return list(_EXERCISES)
    weeks = sorted({exercise.week for exercise in _EXERCISES.values()})
    if week not in weeks:
        raise ValueError(f"week must be one of {weeks}; got {week!r}")
    return [name for name, exercise in _EXERCISES.items() if exercise.week == week]


def _exercise(name) -> Exercise:
    if not isinstance(name, str) or name not in _EXERCISES:
        raise ValueError(f"name must be one of {list(_EXERCISES)}; got {name!r}")
    return _EXERCISES[name]


def solution(name: str) -> Callable:
    """The reference solution of an exercise: the package's own, tested function.

    Parameters
    ----------
    name : str
        One of ``list_exercises()``.

    Returns
    -------
    callable

    Examples
    --------
    >>> solution("propagate").__name__
    'gradients_vectorized'
    """
    return _exercise(name).reference


def check(name: str, function: Callable) -> bool:
    """Check a learner's function for the exercise ``name``; print the verdict.

    Parameters
    ----------
    name : str
        One of ``list_exercises()``.
    function : callable
        The learner's function, with the signature the exercise states.

    Returns
    -------
    bool
        True when every check passed; False after printing what is wrong (the input,
        what was expected, what came back and a hint).

    Examples
    --------
    >>> import numpy as np
    >>> def sigmoid(z):
    ...     return 1 / (1 + np.exp(z))
    >>> check("sigmoid", sigmoid)
    ✗ sigmoid: sigmoid(z) is wrong.
    ...
      hint: your values are sigma(-z): ...
    False
    """
    exercise = _exercise(name)
    if not callable(function):
        raise TypeError(
            f"function must be your function for {name!r} (the function itself, not its "
            f"result); got {type(function).__name__} {function!r}"
        )
    note = ""
    if os.environ.get(USE_REFERENCE_VARIABLE) == "1":
        function = exercise.reference
        # First, so that a narrow screen shows it before the verdict; in lines short
        # enough for a phone's width (390 px), where a notebook's output does not wrap.
        note = "Site build: checked the package's\nown solution, not the cell above.\n"
    try:
        count = exercise.run_checks(function)
    except ExerciseFailure as failure:
        if note:  # the package's own solution failed: a bug here, not the learner's
            raise RuntimeError(
                f"the reference solution of {name!r} fails its check: {failure}"
            ) from failure
        print(f"✗ {name}: {failure}")
        return False
    print(f"{note}✓ {name}: all {count} checks passed")
    return True
