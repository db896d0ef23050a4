"""Training data out and real data in: export formats, filters, splits, import."""
