"""Going further: the gradient of logistic regression on a Dask cluster.

Lesson: ``neural-networks-and-deep-learning/week-2/gradient-descent-on-a-cluster.md``.
Needs the optional packages ``dask[array]`` and ``distributed`` (the extra ``cluster``);
the rest of :mod:`coursecode` imports without them.
"""

from coursecode.cluster.gradients import check_dask_data, gradients_dask

__all__ = ["check_dask_data", "gradients_dask"]
