"""Reports layer: ReportLab only. Renders readmodels (PackData) to PDF; knows nothing else."""

from reportlab import rl_config

# The pack's drawings are built by this code, not typed in: ReportLab's check of every
# attribute of every shape (on by default) took a tenth of a pack's time. It must be off before
# reportlab.graphics.shapes is first imported, which reads it once.
rl_config.shapeChecking = 0

from .pack import build_pack  # noqa: E402

__all__ = ["build_pack"]
