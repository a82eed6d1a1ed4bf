"""PBP Desktop: the register and assurance pack of a place-based health and care partnership."""

__version__ = "0.1.0"
