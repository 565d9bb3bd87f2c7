"""Logistic regression as a neural network with one unit, Week 2.

One example (``one_example``); the gradient over m examples three ways, as the lessons
build it up (``two_loops``, ``one_loop``, ``vectorized``); training and prediction
(``training``); and where the cost comes from (``likelihood``).
"""
