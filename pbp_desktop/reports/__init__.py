"""Reports layer: ReportLab only. Renders readmodels (PackData) to PDF; knows nothing else."""

from .pack import build_pack

__all__ = ["build_pack"]
