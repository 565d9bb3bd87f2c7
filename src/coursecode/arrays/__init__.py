"""Arrays and NumPy, as Week 2 teaches them.

Images as columns of ``X`` (``images``), loops against NumPy (``vectorization``), how shapes
stretch (``broadcasting``) and rank-1 arrays against column vectors (``vectors``).
"""
