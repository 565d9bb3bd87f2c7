"""Shared foundations every other part of the package may use.

``validation`` turns what a caller passes into arrays of the course's shapes, or raises an
error that names the argument; ``results`` holds the small result types; ``data`` makes the
toy data sets the lessons use.
"""
