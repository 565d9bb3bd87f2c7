"""Setting up a machine learning application (Course 2, Week 1): train, dev and test sets,
and normalizing the inputs with statistics from the training set alone."""
