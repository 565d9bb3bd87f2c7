"""Measuring and speeding up the teaching code: timings for the pages, the benchmark behind
the Performance pages, and the tuned gradient step.

Nothing in the teaching subpackages imports from here (``lint-imports`` checks it).
"""
