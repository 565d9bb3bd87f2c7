"""Neural networks with hidden layers, Weeks 3 and 4 (shallow, then deep)."""
