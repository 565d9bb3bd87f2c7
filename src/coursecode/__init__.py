"""coursecode: the tested code behind the course notes.

Logistic regression as a neural network (Week 2) and networks with hidden layers
(Weeks 3 and 4), written the way the course "Neural Networks and Deep Learning" teaches
them, then the practical side of the second course, "Improving Deep Neural Networks"
(train/dev/test splits, input normalization, regularization, initialization and gradient
checking). Shapes follow the course: ``X`` is ``(n_x, m)``, ``Y`` is ``(1, m)``, ``w`` is
``(n_x, 1)``, ``b`` is a float; layer l of a network has ``W[l]`` of shape
``(n^[l], n^[l-1])`` and ``b[l]`` of shape ``(n^[l], 1)``.
"""

from coursecode.activations import sigmoid
from coursecode.core.results import Gradients
from coursecode.logistic_regression.training import TrainingResult, gradient_descent, predict
from coursecode.logistic_regression.two_loops import gradients_two_loops
from coursecode.logistic_regression.vectorized import gradients_vectorized
from coursecode.loss import cost_from_logits, loss_from_logit
from coursecode.networks.gradient_check import GradientCheck, gradient_check
from coursecode.networks.training import (
    NetworkTrainingResult,
    network_cost_and_gradients,
    predict_network,
    train_network,
)
from coursecode.practical.normalization import Normalization, fit_normalization, normalize
from coursecode.practical.splits import Split, train_dev_test_split
from coursecode.speed.fast import gradients_fast

__all__ = [
    "GradientCheck",
    "Gradients",
    "NetworkTrainingResult",
    "Normalization",
    "Split",
    "TrainingResult",
    "cost_from_logits",
    "fit_normalization",
    "gradient_check",
    "gradient_descent",
    "gradients_fast",
    "gradients_two_loops",
    "gradients_vectorized",
    "loss_from_logit",
    "network_cost_and_gradients",
    "normalize",
    "predict",
    "predict_network",
    "sigmoid",
    "train_dev_test_split",
    "train_network",
]
