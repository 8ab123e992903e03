"""Helper modules scripts import by their original paths."""
