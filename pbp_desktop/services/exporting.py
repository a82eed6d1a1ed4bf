"""Services layer: the register out to Excel (a sheet per register), CSV (a file per register)
and JSON (everything, losslessly: see docs/register-format.md), and a new register from such
a JSON file. Nothing typed into the register goes out as a formula (OWASP, CSV injection)."""

from __future__ import annotations

import errno
import io
import json
import os
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..domain.progress import NO_PROGRESS, Progress
from ..storage.dump import dump
from .base import ServiceBase
from .registers import EXPORTS, ExportData


@dataclass(frozen=True)
class Sheet:
    name: str
    headers: tuple[str, ...]
    rows: list[tuple[Any, ...]]


def write_private(path: Path, data: bytes) -> None:
    """Write a file readable only by its owner (0600), whole or not at all: it is written to a
    temporary file beside it, then put in place; on any failure (a full disk, a read-only
    folder, an interruption) the temporary file is removed and the error names `path`."""
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    for folder in path.parents:  # a file where a folder of the path should be
        if folder.exists():
            if not folder.is_dir():
                raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(path))
            break
    tmp = path.with_name(f".{path.name}.part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path)
        except BaseException:
            try:
                tmp.unlink(missing_ok=True)
            except OSError:
                pass
            raise
    except OSError as exc:  # named as the user's file, not the temporary one
        if exc.filename == str(path) and exc.filename2 is None:
            raise
        raise type(exc)(exc.errno, exc.strerror, str(path)) from exc


class ExportService(ServiceBase):
    def sheets(self) -> list[Sheet]:
        """Each register's sheets (services.registers), in the words and units a board reads:
        dates are dates and numbers are numbers (Excel keeps them so)."""
        data = ExportData(self._queries(), self._engine)
        return [Sheet(spec.name, tuple(c.header for c in spec.columns),
                      [tuple(c.get(row) for c in spec.columns) for row in spec.rows(data)])
                for contribution in EXPORTS for spec in contribution.sheets]

    def _queries(self):
        from .queries import QueryService
        return QueryService(self._engine, self._user, self._clock)

    # ------------------------------------------------------------------ writers

    def to_xlsx(self, path: Path, progress: Progress = NO_PROGRESS) -> Path:
        from openpyxl import Workbook
        from openpyxl.cell.cell import Cell
        from openpyxl.styles import Font, PatternFill
        wb = Workbook()
        wb.remove(wb.active)
        progress(0, 1, "Reading the register")
        sheets = self.sheets()
        for n, sheet in enumerate(sheets):
            progress(n, len(sheets), f"Writing the sheet {sheet.name}")
            ws = wb.create_sheet(sheet.name[:31])
            ws.append(list(sheet.headers))
            for cell in ws[1]:
                cell.font = Font(bold=True, color="FFFFFF")
                cell.fill = PatternFill("solid", fgColor="005EB8")
            for row in sheet.rows:
                ws.append([_as_text(Cell(ws, value=_cell(v))) for v in row])
            for col, header in enumerate(sheet.headers, start=1):
                values = [header] + [str(r[col - 1]) for r in sheet.rows[:200] if r[col - 1] is not None]
                ws.column_dimensions[ws.cell(1, col).column_letter].width = min(60, max(8, max(len(v) for v in values) + 2))
                for row in ws.iter_rows(min_row=2, min_col=col, max_col=col):
                    if isinstance(row[0].value, date):
                        row[0].number_format = "DD/MM/YYYY" if not isinstance(row[0].value, datetime) else "DD/MM/YYYY HH:MM"
            ws.freeze_panes = "A2"
        buffer = io.BytesIO()
        wb.save(buffer)
        progress(1, 1, f"Writing {path.name}")  # the last moment to cancel: nothing written yet
        write_private(path, buffer.getvalue())
        return path

    def to_csv(self, folder: Path, progress: Progress = NO_PROGRESS) -> list[Path]:
        """A file per register, all of them or none: a failure part-way (a full disk) removes
        the files this export had written, so no half export is taken for a whole one."""
        files = []
        progress(0, 1, "Reading the register")
        sheets = self.sheets()
        for n, sheet in enumerate(sheets):
            progress(n, len(sheets), f"Writing the file for {sheet.name}")
            buffer = io.StringIO(newline="")
            buffer.write(",".join(_csv_field(h) for h in sheet.headers) + "\r\n")
            for row in sheet.rows:
                buffer.write(",".join(_csv_field(_csv(v), is_text=isinstance(v, str)) for v in row) + "\r\n")
            files.append((folder / f"{sheet.name.lower().replace(' ', '-')}.csv", buffer.getvalue().encode("utf-8-sig")))
        written: list[Path] = []
        progress(1, 1, f"Writing {len(files)} files")  # the last moment to cancel: nothing written yet
        try:
            for target, data in files:
                write_private(target, data)
                written.append(target)
        except BaseException:
            for target in written:
                target.unlink(missing_ok=True)
            raise
        return written

    def to_json(self, path: Path, progress: Progress = NO_PROGRESS) -> Path:
        progress(0, 1, "Reading the register")
        data = self.json_text().encode("utf-8")
        progress(1, 1, f"Writing {path.name}")  # the last moment to cancel: nothing written yet
        write_private(path, data)
        return path

    def json_text(self) -> str:
        return json.dumps(dump(self._engine), ensure_ascii=False, sort_keys=True, indent=1) + "\n"


# A spreadsheet reads a cell that starts with one of these as a formula (=, +, - and @ start one;
# a leading tab or carriage return is dropped and the rest read as one): OWASP's list.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?")


def formula_like(text: str) -> bool:
    """Whether a spreadsheet opening `text` as a cell would read a formula in it. Text that is
    just a signed number ("-2.5", an old value in the change log) is read as that number."""
    return text.startswith(FORMULA_START) and not _NUMBER.fullmatch(text)


def neutralised(text: str) -> str:
    """A text cell as OWASP has it written to CSV: one that would start a formula gets a single
    quote in front, which the spreadsheet shows and does not evaluate (and the field is quoted,
    see _csv_field)."""
    return "'" + text if formula_like(text) else text


def csv_line(values: tuple[str, ...] | list[str]) -> str:
    """One CSV record of text fields, each neutralised (no cell starts a formula), CRLF-ended."""
    return ",".join(_csv_field(v, is_text=True) for v in values) + "\r\n"


def _csv_field(value: str, *, is_text: bool = False) -> str:
    """One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line end, and always
    when it is neutralised text, so that no separator inside it can start a cell of its own."""
    safe = neutralised(value) if is_text else value
    if safe != value or any(c in safe for c in ',"\r\n'):
        return '"' + safe.replace('"', '""') + '"'
    return safe


def _as_text(cell: Any) -> Any:
    """A text cell is a string in the workbook, never a formula or an error value: openpyxl
    would write "=HYPERLINK(...)" as a live formula and "#N/A" as an error. A string that
    would start a formula when edited also gets Excel's quote prefix (shown as 'text)."""
    if isinstance(cell.value, str):
        cell.data_type = "s"
        if formula_like(cell.value):
            cell.quotePrefix = True
    return cell


# The control characters an XLSX file cannot hold (openpyxl refuses the cell, and the whole export
# with it): shown escaped, as the CLI shows them. Tab, line feed and carriage return it can hold.
_NOT_IN_XLSX = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _cell(v: Any) -> Any:
    if v is None or isinstance(v, bool | int | float | date):
        return v
    return _NOT_IN_XLSX.sub(lambda m: f"\\x{ord(m.group()):02x}", str(v))


def _csv(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, datetime):
        return v.strftime("%d/%m/%Y %H:%M:%S")
    if isinstance(v, date):
        return v.strftime("%d/%m/%Y")
    if isinstance(v, float):
        return repr(v) if v != int(v) else str(int(v)) if abs(v) < 1e15 else repr(v)
    return str(v)

