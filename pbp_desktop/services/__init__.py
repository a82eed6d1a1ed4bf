"""Services layer: the use cases. The only way anything changes the register."""

from .register import Register

__all__ = ["Register"]
