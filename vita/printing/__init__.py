"""Printing: the identification record as a PDF, drawn with Qt's own PDF writer (Qt side of VITA)."""
