"""Showing results to a reader: figures for the notebooks and the pages.

Nothing in the teaching subpackages imports from here (``lint-imports`` checks it).
"""
