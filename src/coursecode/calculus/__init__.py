"""The calculus of Week 2: derivatives as slopes, the computation graph, and gradient descent
on a function of one number."""
