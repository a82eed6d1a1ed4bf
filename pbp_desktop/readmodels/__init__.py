"""Readmodels layer: frozen dataclasses that screens, the CLI and the pack all read from."""

from .charts import ChartPoint, ChartSpec, chart_spec  # noqa: F401
from .programmes import *  # noqa: F403
from .rows import *  # noqa: F403
