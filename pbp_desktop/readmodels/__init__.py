"""Readmodels layer: frozen dataclasses that screens, the CLI and the pack all read from."""

from .rows import *  # noqa: F403
