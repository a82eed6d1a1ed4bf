"""UI layer: named operations on the register as a whole: exporting it (long work, off the
window's thread with progress and Cancel)."""

from __future__ import annotations

from pathlib import Path

from ...domain.errors import PbpError
from ...domain.progress import Progress
from ..work import run as run_work
from . import Ops


def export_to(ops: Ops, target: Path, fmt: str) -> Path | None:
    """Export the register off the window's thread, with progress and Cancel (a cancelled export
    writes nothing); a failure is said in one plain sentence."""
    exports = ops.register.exports

    def export(progress: Progress) -> Path:
        if fmt == "xlsx":
            return exports.to_xlsx(target.with_suffix(".xlsx"), progress=progress)
        if fmt == "json":
            return exports.to_json(target.with_suffix(".json"), progress=progress)
        exports.to_csv(target, progress=progress)
        return target
    job = run_work(ops.parent_widget, "Exporting the register…", export)
    if job.cancelled:
        ops.messages.append("The export was cancelled; nothing was written.")
        return None
    try:
        return job.value()
    except PbpError as exc:
        ops.warn("Export", f"The register could not be exported: {exc}")
    except Exception as exc:  # noqa: BLE001 - a full disk, a folder it may not write: one sentence
        ops.explain(exc, "exporting the register", title="Export", file=str(target))
    return None
