"""`make bench`: speed and memory figures, printed as a table and written as JSON under bench/results/."""
