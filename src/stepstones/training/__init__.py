"""Training: the content of the training day and its engine-derived answer keys."""
