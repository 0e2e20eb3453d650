"""stepstones: identify and prevent human trafficking together."""

__version__ = "0.1.0"
