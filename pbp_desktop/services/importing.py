"""Services layer: importing actuals from a file - the app's template, an OHID Fingertips
download in any of its spellings, or any tidy or wide table through a saved profile - and
programmes' milestones from a spreadsheet. A plan comes first (every row, with what will happen
to it); nothing is written until it is applied, and then all of it in one command (one
change-log batch, undone as one) or none of it."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

from sqlalchemy import Table, select

from ..domain.enums import Frequency, MilestoneStatus
from ..domain.errors import ConflictError, PbpError, ValidationError, ValidationFailed
from ..domain.fields import NumberProblem, clean, parse_number, text_problem
from ..domain.fields import shown as escaped
from ..domain.importing import (
    MILESTONE_COLUMNS,
    MILESTONE_FIELD_COLUMNS,
    MISSING,
    TEMPLATE_COLUMNS,
    Format,
    MilestonePlannedRow,
    PercentCell,
    PlannedRow,
    Profile,
    RowAction,
    ValueProblem,
    detect,
    milestone_columns,
    norm,
    parse_flag,
    parse_import_date,
    parse_lead_rag,
    parse_milestone_status,
    parse_value,
    percent_cell,
)
from ..domain.periods import PeriodError, frequency_matches, implausible, parse_period
from ..domain.progress import NO_PROGRESS, Progress
from ..domain.records import ACTUAL, MILESTONE, check, derive, is_percent
from ..readmodels import Changes
from ..storage.models import Actual, Indicator, Milestone, Programme, RegisterSetting
from .base import ServiceBase

PROFILE_PREFIX = "import.profile."


@dataclass(frozen=True)
class ImportPlan:
    source: str
    format: Format
    rows: tuple[PlannedRow, ...]
    profile: Profile | None = None

    # worked out once: the plan never changes, and a large file's plan has tens of thousands of
    # rows that the dialog and the apply would otherwise walk again at every question

    @cached_property
    def errors(self) -> tuple[PlannedRow, ...]:
        error = RowAction.ERROR
        return tuple([r for r in self.rows if r.action is error])

    @cached_property
    def writes(self) -> tuple[PlannedRow, ...]:
        new, changed = RowAction.NEW, RowAction.CHANGED
        return tuple([r for r in self.rows if r.action is new or r.action is changed])

    @cached_property
    def _counts(self) -> Counter[RowAction]:
        return Counter(r.action for r in self.rows)

    def count(self, action: RowAction) -> int:
        return self._counts[action]

    def summary(self) -> str:
        """'12 rows: 10 new, 2 with a problem' (each kind of row that there is, counted)."""
        def said(a: RowAction, n: int) -> str:
            if a is RowAction.ERROR:
                return f"{n:,} with {'a problem' if n == 1 else 'problems'}"
            return f"{n:,} {a.value}"
        parts = [said(a, self.count(a)) for a in RowAction if self.count(a)]
        n = len(self.rows)
        return f"{n:,} row{'' if n == 1 else 's'}: {', '.join(parts)}" if parts else "no rows"

    def nothing_to_import(self) -> str | None:
        """What to say when importing this plan would change nothing (a file with only its header
        row, or every row unchanged or skipped); None when it has actuals to write."""
        if self.writes or self.errors:
            return None
        if not self.rows:
            return f"{self.source} has no rows below its header: there was nothing to import, and nothing was changed."
        return (f"{self.source}: {self.summary()}: there was nothing new to import, and nothing was changed.")


def read_table(path: Path, sheet: str | None = None) -> tuple[list[str], list[tuple[int, tuple[Any, ...]]]]:
    """The header and the rows of a CSV or XLSX file, each row with its spreadsheet row number.
    CSV is read as the csv module reads it, so CRLF endings and newlines inside quoted fields
    are kept whole; a BOM is dropped. Text files are read as UTF-8, UTF-16 (with its byte-order
    mark) or Windows-1252, separated by commas, semicolons or tabs. A workbook's cells formatted
    as percentages come as PercentCell (12.5% is held as 0.125). Rows are tuples: a tuple of
    strings and numbers is one Python's cycle collector stops watching, where a list is walked
    at every full collection while a large file is planned (a fifth of planning 72,000 rows).
    sheet: a workbook's sheet of that name is read if it has one (the milestone import reads an
    export's Milestones sheet), else its first."""
    if not path.exists():
        raise PbpError(f"There is no file '{path}'.")
    if path.is_dir():
        raise PbpError(f"'{path}' is a folder: choose a CSV or Excel file.")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook
        try:
            wb = load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds; the user needs one sentence
            raise PbpError(f"'{path.name}' cannot be read as an Excel workbook ({exc}): it may be damaged or only "
                           "partly copied; open it in Excel and save it again, or export it again, and import "
                           "that.") from None
        try:
            ws = _worksheet(wb, sheet)
            rows = [tuple([_workbook_cell(c) for c in row]) for row in ws.iter_rows()]
        finally:
            wb.close()
        numbered = [(n, r) for n, r in enumerate(rows, start=1) if any(str(c).strip() for c in r)]
    else:
        text = _decode(path)
        # the csv module's cells are strings already; a row is blank when its cells joined are
        numbered = [(n, tuple(r)) for n, r in enumerate(csv.reader(io.StringIO(text, newline=""),
                                                                  delimiter=_delimiter(text)), start=1)
                    if "".join(r).strip()]
    if not numbered:
        raise PbpError(f"'{path.name}' is empty: it has no header row.")
    # each row keeps the number the spreadsheet shows it under: blank rows are left out, not
    # counted out
    return [str(h).strip() for h in numbered[0][1]], numbered[1:]


BLANK_VALUE = MISSING[""]
UNSAVED_FORMULA = ("the cell holds a formula with no saved result (the workbook was not saved by Excel after the "
                   "formula was written): open it in Excel and save it, or type the figure")


def _name_unsaved_formulas(path: Path, header: list[str], rows: list[PlannedRow]) -> list[PlannedRow]:
    """A workbook is read for the results Excel saved with its formulas; a formula written by
    another program (or never recalculated) has none and reads as blank. Rows refused for a blank
    value are looked at again, formulas and all: only then, so a sound file is read once."""
    blank = [i for i, r in enumerate(rows) if r.action is RowAction.ERROR and r.reason == BLANK_VALUE]
    if not blank:
        return rows
    exact = {h: i for i, h in enumerate(header)}
    loose = {norm(h): i for i, h in enumerate(header)}
    wanted = {i: (rows[i].row, exact.get(rows[i].column, loose.get(norm(rows[i].column)))) for i in blank}
    needed = {n for n, c in wanted.values() if c is not None}
    if not needed:
        return rows
    from openpyxl import load_workbook
    formulas: set[tuple[int, int]] = set()
    try:
        wb = load_workbook(path, read_only=True, data_only=False)
    except Exception:  # noqa: BLE001 - it was read a moment ago; if not now, the blank reason stands
        return rows
    try:
        for n, cells in enumerate(wb.worksheets[0].iter_rows(max_row=max(needed)), start=1):
            if n in needed:
                formulas.update((n, c) for c, cell in enumerate(cells)
                                if isinstance(getattr(cell, "value", None), str) and cell.value.startswith("="))
    finally:
        wb.close()
    out = list(rows)
    for i, (n, c) in wanted.items():
        if (n, c) in formulas:
            out[i] = rows[i]._replace(reason=UNSAVED_FORMULA)
    return out


def _worksheet(wb: Any, name: str | None) -> Any:
    return wb[name] if name is not None and name in wb.sheetnames else wb.worksheets[0]


def _workbook_cell(cell: Any) -> Any:
    v = getattr(cell, "value", None)
    if v is None:
        return ""
    if isinstance(v, int | float) and not isinstance(v, bool):
        return PercentCell(v) if "%" in (getattr(cell, "number_format", "") or "") else v
    return str(v)


_BOMS = ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"),
         (b"\xfe\xff", "utf-16"))


def _decode(path: Path) -> str:
    """A text file's text: UTF-8 (with or without a BOM), UTF-16 or UTF-32 with their byte-order
    mark, else Windows-1252 (Excel's 'CSV' on an English Windows). Anything else is named."""
    try:
        data = path.read_bytes()
    except PermissionError:
        raise PbpError(f"'{path.name}' cannot be read: permission denied.") from None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise PbpError(f"'{path.name}' starts as {encoding.upper()} text but is not: save it again as "
                               "'CSV UTF-8' and import that.") from None
    sample = data[:4096]
    if sample.count(0) > len(sample) // 4:  # every other byte NUL: UTF-16 that lost its mark
        raise PbpError(f"'{path.name}' is not a text file the app can read (it is mostly NUL bytes: it may be "
                       "UTF-16 without its byte-order mark, or not a table at all): save it as 'CSV UTF-8' and import that.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise PbpError(f"'{path.name}' is in an encoding the app cannot read (it reads UTF-8, UTF-16 and "
                       "Windows-1252): save it as 'CSV UTF-8' and import that.") from None


def _delimiter(text: str) -> str:
    """Commas, unless the header row is plainly separated by tabs or semicolons (Excel's 'Text
    (tab delimited)', or its CSV where the decimal point is a comma)."""
    header = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: header.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


class ImportService(ServiceBase):
    # ------------------------------------------------------------------ profiles

    def profiles(self) -> list[Profile]:
        with self._read() as s:
            values = s.scalars(select(RegisterSetting.value).where(RegisterSetting.key.like(PROFILE_PREFIX + "%")))
            return sorted((Profile.from_json(json.loads(v)) for v in values), key=lambda p: p.name)

    def save_profile(self, profile: Profile) -> Changes:
        if not profile.name.strip():
            raise ValidationFailed([ValidationError("name", "required", "Profile name is required")], "import profile")
        most = 60 - len(PROFILE_PREFIX)  # the setting's key holds 60 characters
        problem = text_problem(profile.name, multiline=False) or (
            f"is longer than {most} characters" if len(profile.name.strip()) > most else None)
        if problem:
            raise ValidationFailed([ValidationError("name", "invalid", f"Profile name: {problem}")], "import profile")
        with self._work("save_import_profile") as w:
            key = PROFILE_PREFIX + profile.name.strip()
            setting = w.session.scalar(select(RegisterSetting).where(RegisterSetting.key == key))
            value = json.dumps(profile.to_json(), sort_keys=True)
            if setting is None:
                w.session.add(RegisterSetting(key=key, value=value))
            else:
                setting.value = value
        return w.changes()

    # ------------------------------------------------------------------ planning

    def plan(self, path: str | Path, profile: Profile | None = None, progress: Progress = NO_PROGRESS) -> ImportPlan:
        """Read and check every row; nothing is written. `progress` hears of it and may cancel it."""
        progress(0, 1, f"Reading and checking {Path(path).name}")
        plan = self._plan(Path(path), profile)
        progress(1, 1, f"Checked {len(plan.rows):,} row(s)")
        return plan

    def _plan(self, path: Path, profile: Profile | None) -> ImportPlan:
        header, body = read_table(path)
        fmt = detect(header)
        if fmt is Format.MAPPED and profile is None:
            raise PbpError(f"'{path.name}' is neither the import template nor a Fingertips download; choose which "
                           "columns hold the period and the value (an import profile).")
        if profile is not None and fmt is not Format.TEMPLATE:
            fmt = Format.MAPPED
        i, a = Indicator.__table__.c, Actual.__table__.c
        with self._read() as s:
            # rows, not ORM objects: a register can hold tens of thousands of actuals
            conn = s.connection()
            indicators = [_Indicator(**r._mapping) for r in conn.execute(select(
                i.id, i.code, i.name, i.unit, i.frequency, i.fingertips_id, i.fingertips_area, i.fingertips_sex,
                i.fingertips_age, i.fingertips_category).where(i.archived.is_(False)))]
            existing = {(iid, period): (value, provisional, note, lead, lead_reason)
                        for iid, period, value, provisional, note, lead, lead_reason
                        in conn.execute(select(a.indicator_id, a.period, a.value, a.provisional, a.note,
                                               a.assessed_rag, a.assessed_reason))}
        by_code = {i.code.strip().lower(): i for i in indicators if i.code}
        planner = _Planner(by_code, existing, self._clock())
        if fmt is Format.TEMPLATE:
            rows = planner.template(header, body)
        elif fmt is Format.FINGERTIPS:
            rows = planner.fingertips(header, body, indicators)
        else:
            assert profile is not None
            rows = planner.mapped(header, body, profile)
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            rows = _name_unsaved_formulas(path, header, rows)
        return ImportPlan(path.name, fmt, tuple(rows), profile)

    # ------------------------------------------------------------------ applying

    def apply(self, plan: ImportPlan, progress: Progress = NO_PROGRESS) -> Changes:
        """Write the plan, all of it or none: refused if any row is in error, or if a value the
        preview showed has changed since. Cancelled (through `progress`) before it commits,
        nothing is written."""
        progress(0, 2, f"Writing {len(plan.writes):,} actual(s) from {plan.source}")
        return self._apply(plan, progress)

    def _apply(self, plan: ImportPlan, progress: Progress = NO_PROGRESS) -> Changes:
        if plan.errors:
            raise ValidationFailed([ValidationError(f"row {r.row}", r.column or "row", f"Row {r.row}, {r.column}: {r.reason}")
                                    for r in plan.errors], "import")
        if not plan.writes:  # nothing to write: no change, so no change-log batch to undo
            return Changes()
        with self._work(f"import_actuals:{plan.source}"[:100]) as w:
            s = w.session
            # one query for what is there now; new actuals inserted at once below the ORM (each
            # still logged as created); the few that replace a value go through it
            writes = plan.writes
            ids = sorted({r.indicator_id for r in writes if r.indicator_id is not None})
            t: Table = Actual.__table__  # type: ignore[assignment]  # a mapped class's table is a Table
            now = {(iid, period): (aid, value) for aid, iid, period, value in s.connection().execute(
                select(t.c.id, t.c.indicator_id, t.c.period, t.c.value).where(t.c.indicator_id.in_(ids)))} if ids else {}
            source = f"Imported from {escaped(plan.source, 280)}"  # a file's name, kept to one line
            replaced = []
            if now:
                new = []
                absent = (None, None)
                for r in writes:
                    aid, value = now.get((r.indicator_id, r.period), absent)
                    if value != r.old_value:
                        raise ConflictError("actual", aid or 0, None, None)
                    if aid is None:
                        new.append(r)
                    else:
                        replaced.append((aid, r))
            else:  # nothing there yet for these indicators: every row is new, as planned
                if any(r.old_value is not None for r in writes):
                    raise ConflictError("actual", 0, None, None)
                new = list(writes)
            # column by column: a file's rows are tens of thousands, its periods a few dozen
            periods = [r.period for r in new]
            spans = {p: parse_period(p) for p in set(periods)}
            starts, ends = {p: x.start for p, x in spans.items()}, {p: x.end for p, x in spans.items()}
            n = len(new)
            columns: dict[str, list[Any]] = {
                "indicator_id": [r.indicator_id for r in new], "period": periods,
                "period_start": list(map(starts.__getitem__, periods)), "period_end": list(map(ends.__getitem__, periods)),
                "value": [r.value for r in new], "provisional": [r.provisional for r in new],
                "note": [r.note for r in new], "source": [source] * n, "illustrative": [False] * n, "version": [1] * n}
            if any(r.lead_rag is not None for r in new):  # the lead's RAG, from the optional columns
                columns.update(assessed_rag=[r.lead_rag for r in new], assessed_reason=[r.lead_reason for r in new])
            w.insert_logged(t, columns)
            if replaced:
                objects = {a.id: a for a in s.scalars(select(Actual).where(Actual.id.in_([a for a, _ in replaced])))}
                for aid, r in replaced:
                    actual = objects[aid]
                    if r.value is not None:  # always, for a row to write
                        actual.value = r.value
                    actual.provisional = r.provisional
                    if r.note is not None:
                        actual.note = r.note
                    if r.lead_rag is not None:
                        actual.assessed_rag, actual.assessed_reason = r.lead_rag, r.lead_reason
                    actual.source = source
                    actual.illustrative = False
            progress(1, 2, "Recording the change")  # cancelled here, the transaction is rolled back
        return w.changes()

    # ------------------------------------------------------------------ milestones

    def plan_milestones(self, path: str | Path, progress: Progress = NO_PROGRESS) -> MilestonePlan:
        """Read and check every row of a milestone file (programme reference, milestone title,
        baseline, forecast and actual dates, status, reason): what each will do, and every problem
        with its row and column. Nothing is written."""
        path = Path(path)
        progress(0, 1, f"Reading and checking {path.name}")
        header, body = read_table(path, sheet=MILESTONE_SHEET)
        columns = milestone_columns(header)
        missing = [c for c in MILESTONE_REQUIRED if c not in columns]
        if missing:
            raise PbpError(f"'{path.name}' is not a milestone file: it has no column {' or '.join(missing)}. Its "
                           f"columns should be {', '.join(MILESTONE_COLUMNS)}; its columns are: "
                           f"{', '.join(escaped(h) for h in header) or 'none'}")
        p, m = Programme.__table__.c, Milestone.__table__.c
        with self._read() as s:
            conn = s.connection()
            programmes = {ref.strip().lower(): (pid, ref, archived) for pid, ref, archived
                          in conn.execute(select(p.id, p.reference, p.archived))}
            existing: dict[tuple[int, str], list[dict[str, Any]]] = {}
            for row in conn.execute(select(m.id, m.version, m.programme_id, m.title, m.baseline_date,
                                           m.forecast_date, m.actual_date, m.status)).mappings():
                existing.setdefault((row["programme_id"], _title_key(row["title"])), []).append(dict(row))
        rows = _MilestonePlanner(programmes, existing, self._clock()).plan(header, body, columns)
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            rows = _unsaved_formulas(path, MILESTONE_SHEET, body, columns, rows)
        progress(1, 1, f"Checked {len(rows):,} row(s)")
        read = set(columns.values())
        unread = tuple(str(h) for i, h in enumerate(header) if i not in read and str(h or "").strip())
        return MilestonePlan(path.name, tuple(rows), unread)

    def apply_milestones(self, plan: MilestonePlan, progress: Progress = NO_PROGRESS) -> Changes:
        """Write the plan as one command (one change-log batch, undone as one), all of it or
        none: refused if any row is in error, or if a milestone changed (or one of a planned new
        title was added) since the plan was made. A moved forecast is kept in the milestone's
        forecast history with the row's reason."""
        from .programmes import ProgrammeService
        if plan.errors:
            raise ValidationFailed([ValidationError(f"row {r.row}", r.column or "row", f"Row {r.row}, {r.column}: {r.reason}")
                                    for r in plan.errors], "import")
        if not plan.writes:
            return Changes()
        progress(0, 2, f"Writing {len(plan.writes):,} milestone(s) from {plan.source}")
        programmes = ProgrammeService(self._engine, self._user, self._clock)
        with self._work(f"import_milestones:{plan.source}"[:100]) as w:
            for r in plan.writes:
                try:
                    if r.action is RowAction.NEW:
                        taken = w.session.scalars(select(Milestone).where(Milestone.programme_id == r.programme_id)).all()
                        clash = next((x for x in taken if _title_key(x.title) == _title_key(r.title)), None)
                        if clash is not None:
                            raise ConflictError("milestone", clash.id, None, None)
                        programmes._add_milestone(w, dict(r.values), r.forecast_reason)
                    else:
                        assert r.milestone_id is not None
                        programmes._change_milestone(w, r.milestone_id, dict(r.values), r.version, r.forecast_reason)
                except ValidationFailed as exc:  # the register changed since the plan: named at its row
                    raise ValidationFailed([ValidationError(f"row {r.row}", e.field, f"Row {r.row}: {e.message}")
                                            for e in exc.errors], "import") from None
            progress(1, 2, "Recording the change")
        return w.changes()

    @staticmethod
    def milestone_template_rows() -> list[list[str]]:
        return [list(MILESTONE_COLUMNS),
                ["SP5", "Knowle health and social care centre opens", "01/07/2022", "01/09/2022", "", "in progress",
                 "Building handover delayed by the contractor"],
                ["SP5.2", "Neighbourhood team in each of the six towns", "30/09/2022", "", "", "planned", ""]]

    # ------------------------------------------------------------------ template

    @staticmethod
    def template_rows() -> list[list[str]]:
        return [list(TEMPLATE_COLUMNS), ["SATOD", "2024/25", "6.8", "yes", "Provisional: Q4 data still to validate"],
                ["NI 131", "Q2 2008/09", "16.35", "no", ""]]


@dataclass(frozen=True, slots=True)
class _Indicator:
    """What planning needs of an indicator."""

    id: int
    code: str | None
    name: str
    unit: str | None
    frequency: Frequency
    fingertips_id: int | None
    fingertips_area: str | None
    fingertips_sex: str | None
    fingertips_age: str | None
    fingertips_category: str | None
    shown: str = field(init=False)  # how a row names the indicator: its code, else its name
    percent: bool = field(init=False)  # a percentage, held to at most 100

    def __post_init__(self) -> None:
        object.__setattr__(self, "shown", self.code or self.name)
        object.__setattr__(self, "percent", is_percent(self.unit))


_NEW = RowAction.NEW  # a module constant: an enum's member is looked up on its class at each use, slowly

_NOTE = next(f for f in ACTUAL if f.name == "note")


def _note_problem(note: str | None) -> str | None:
    """An actual's note held to its field's rule (the form's): length and characters."""
    if note is None:
        return None
    if len(note) > _NOTE.max_len:
        return f"the note is {len(note):,} characters long; the most allowed is {_NOTE.max_len:,}"
    problem = text_problem(note, multiline=_NOTE.multiline)
    return f"the note {problem}" if problem else None


class _Planner:
    def __init__(self, by_code: dict[str, _Indicator], existing: dict[tuple[int, str], tuple[Any, ...]],
                 today: date):
        self.by_code = by_code
        self.existing = existing
        self.today = today  # the register's today: an actual for a period years ahead of it is a slip
        self.seen: dict[tuple[int, str], int] = {}
        # what repeats across thousands of rows is worked out once: a file has a few dozen
        # periods and indicators, and one row for each pair
        self._labels: dict[tuple[Frequency, str], tuple[str, str | None]] = {}  # see _label
        self._values: dict[bool, dict[str, float]] = {False: {}, True: {}}  # by percentage?, by text: see _row

    def _label(self, frequency: Frequency, text: str) -> tuple[str, str | None]:
        """The label of the period a cell names, and None; or, when it names no period of this
        frequency, the cell as a row shows it and why not ("" when only the frequency is wrong). The
        cell is read as the indicator reports: '2011-12' is December 2011 for a monthly indicator."""
        try:
            period = parse_period(text, frequency)
        except PeriodError as exc:
            found: tuple[str, str | None] = (text, str(exc))
        else:
            if not frequency_matches(frequency, period):
                found = (period.label, "")
            else:
                why = implausible(period, self.today)
                found = (period.label, None if why is None else f"the period {why}")
        self._labels[(frequency, text)] = found
        return found

    def _row(self, number: int, ind: _Indicator, period_text: Any, value_cell: Any, provisional: bool = False,
             note: str | None = None, *, value_column: str = "value", period_column: str = "period",
             missing_skips: bool = False) -> PlannedRow:
        code, percent = ind.shown, ind.percent
        text = period_text if type(period_text) is str else str(period_text)  # 2025 and 2025.0 differ
        label, problem = self._labels.get((ind.frequency, text)) or self._label(ind.frequency, text)
        if problem is not None:
            return PlannedRow(number, RowAction.ERROR, code, ind.id, label, column=period_column,
                              reason=problem or f"'{period_text}' is not {ind.frequency.a_period}, which is how "
                                                f"{code} reports")
        said = ""
        try:
            if type(value_cell) is str:  # a file repeats its figures: each text is read once
                values = self._values[percent]
                value = values.get(value_cell)
                if value is None:
                    value = values[value_cell] = parse_value(value_cell, percent=percent)
            elif type(value_cell) is PercentCell:
                value, said = percent_cell(value_cell, percent=percent, code=code, unit=ind.unit)
            else:
                value = parse_value(value_cell, percent=percent)
        except ValueProblem as exc:
            blank = str(value_cell).strip().lower() in ("", "na", "n/a") if not isinstance(value_cell, int | float) else False
            if missing_skips and blank:
                return PlannedRow(number, RowAction.SKIPPED, code, ind.id, label, column=value_column,
                                  reason=f"no value published for {label}")
            return PlannedRow(number, RowAction.ERROR, code, ind.id, label, column=value_column, reason=str(exc))
        key = (ind.id, label)
        if key in self.seen:
            return PlannedRow(number, RowAction.ERROR, code, ind.id, label, value, column=period_column,
                              reason=f"{code} {label} is also in row {self.seen[key]}: the same indicator "
                                     "and period twice in one file")
        self.seen[key] = number
        old = self.existing.get(key)
        if old is None:
            return PlannedRow(number, _NEW, code, ind.id, label, value, None, provisional, note, "", said)
        if old[0] == value and old[1] == provisional and (note is None or note == (old[2] or "")):
            return PlannedRow(number, RowAction.UNCHANGED, code, ind.id, label, value, old[0], provisional, note,
                              "", said)
        return PlannedRow(number, RowAction.CHANGED, code, ind.id, label, value, old[0], provisional, note, "", said)

    def template(self, header: list[str], body: Iterable[tuple[int, tuple[Any, ...]]]) -> list[PlannedRow]:
        col = {norm(h): i for i, h in enumerate(header)}
        # the columns are found once, not for every row; a missing optional column reads as a
        # blank cell past the row's end, as a short row's missing cells do
        names = ("indicator_code", "provisional", "period", "value", "note", "lead_rag", "lead_reason")
        width = len(header)  # a missing optional column is blank in every row; cells beyond the header's are not read
        at_code, at_flag, at_period, at_value, at_note, at_lead, at_why = (col.get(norm(n), width) for n in names)
        has_flag, has_note, pad = at_flag < width, at_note < width, ("",) * width
        has_lead = at_lead < width
        row, out = self._row, []
        known: dict[Any, _Indicator | None] = {}  # by code cell as the file writes it
        for number, cells in body:
            if len(cells) < width:  # a short row's missing cells are blank
                cells = (cells + pad)[:width]
            cell = cells[at_code]
            try:
                ind = known[cell]
            except KeyError:
                ind = known[cell] = self.by_code.get(str(cell).strip().lower())
            if ind is None:
                code = str(cell).strip()
                out.append(PlannedRow(number, RowAction.ERROR, code, column="indicator_code",
                                      reason=f"there is no indicator with the code '{escaped(code)}' in this register"
                                      if code else "the indicator code is blank"))
                continue
            flag = cells[at_flag] if has_flag else ""
            try:
                provisional = parse_flag(flag) if flag != "" else False
            except ValueProblem as exc:
                out.append(PlannedRow(number, RowAction.ERROR, str(cell).strip(), ind.id, str(cells[at_period]),
                                      column="provisional", reason=str(exc)))
                continue
            note = cells[at_note] if has_note else ""
            if note != "":
                note = str(note).strip() or None
                problem = _note_problem(note)
                if problem:
                    out.append(PlannedRow(number, RowAction.ERROR, str(cell).strip(), ind.id, str(cells[at_period]),
                                          column="note", reason=problem))
                    continue
            else:
                note = None
            planned = row(number, ind, cells[at_period], cells[at_value], provisional, note)
            if has_lead and planned.action is not RowAction.ERROR:
                planned = self._lead(planned, cells[at_lead], cells[at_why] if at_why < width else "")
            out.append(planned)
        return out

    def _lead(self, planned: PlannedRow, rag_cell: Any, reason_cell: Any) -> PlannedRow:
        """The lead's assessed RAG and its reason, from the template's optional lead_rag and
        lead_reason columns: a reason whenever a RAG; a blank RAG leaves the period's as it is."""
        try:
            rag = parse_lead_rag(rag_cell)
        except ValueProblem as exc:
            return planned._replace(action=RowAction.ERROR, column="lead_rag", reason=str(exc))
        if rag is None:
            return planned
        reason = str(reason_cell or "").strip()
        problem = text_problem(reason, multiline=True) if reason else None
        if not reason or problem or len(reason) > 2000:
            why = ("a lead's RAG needs its reason in lead_reason" if not reason
                   else f"the reason {problem}" if problem else "the reason is longer than 2,000 characters")
            return planned._replace(action=RowAction.ERROR, column="lead_reason", reason=why)
        planned = planned._replace(lead_rag=rag, lead_reason=reason)
        old = self.existing.get((planned.indicator_id, planned.period))  # type: ignore[arg-type]
        if planned.action is RowAction.UNCHANGED and old is not None and (old[3], old[4]) != (rag, reason):
            planned = planned._replace(action=RowAction.CHANGED)
        return planned

    def fingertips(self, header: list[str], body, indicators: Iterable[Any]) -> list[PlannedRow]:
        col = {norm(h): i for i, h in enumerate(header)}
        linked: dict[int, list[Any]] = {}
        for ind in indicators:
            if ind.fingertips_id:
                linked.setdefault(ind.fingertips_id, []).append(ind)
        out = []

        def get(cells, name: str) -> str:
            i = col.get(name)
            if i is None or i >= len(cells):
                return ""
            v = cells[i]
            text = str(v).strip()
            return "" if text.upper() == "NA" else text

        for number, cells in body:
            raw_id = get(cells, "indicatorid")
            try:  # the one number parser: 'inf' or '1_000' are not an ID (float() took them)
                fid_value = parse_number(raw_id)
            except NumberProblem:
                fid_value = 0.0
            if fid_value < 1 or fid_value != int(fid_value):
                out.append(PlannedRow(number, RowAction.ERROR, column="Indicator ID",
                                      reason=f"'{escaped(raw_id)}' is not a Fingertips indicator ID"))
                continue
            fid = int(fid_value)
            candidates = linked.get(fid, [])
            area = get(cells, "areacode")
            if not candidates:
                out.append(PlannedRow(number, RowAction.SKIPPED, str(fid), column="Indicator ID",
                                      reason=f"Fingertips indicator {fid} is not linked to an indicator here"))
                continue
            match = None
            for ind in candidates:
                if (ind.fingertips_area or "").strip().upper() != area.upper():
                    continue
                if ind.fingertips_sex and ind.fingertips_sex.strip().lower() != get(cells, "sex").lower():
                    continue
                if ind.fingertips_age and ind.fingertips_age.strip().lower() != get(cells, "age").lower():
                    continue
                wanted_category = (ind.fingertips_category or "").strip().lower()
                if wanted_category != get(cells, "category").lower():
                    continue
                match = ind
                break
            if match is None:
                what = " ".join(x for x in (area, get(cells, "sex"), get(cells, "age"), get(cells, "category")) if x)
                out.append(PlannedRow(number, RowAction.SKIPPED, str(fid), period=get(cells, "timeperiod"),
                                      column="Area Code", reason=f"{what} is not the area, sex, age and category linked"))
                continue
            out.append(self._row(number, match, get(cells, "timeperiod"), cells[col["value"]]
                                 if col["value"] < len(cells) else "", value_column="Value",
                                 period_column="Time period", missing_skips=True))
        return out

    def mapped(self, header: list[str], body, profile: Profile) -> list[PlannedRow]:
        col = {h.strip(): i for i, h in enumerate(header)}
        ind = self.by_code.get(profile.indicator_code.strip().lower())
        if ind is None:
            raise PbpError(f"There is no indicator with the code '{profile.indicator_code}' in this register.")
        missing = [c for c in [*profile.filters, *([] if profile.wide else [profile.period_column, profile.value_column])]
                   if c not in col]
        if missing:
            raise PbpError(f"The file has no column {', '.join(repr(m) for m in missing)} (profile '{profile.name}'); "
                           f"its columns are: {', '.join(header)}")
        out = []
        period_columns = []
        if profile.wide:
            for h in header:
                try:
                    parse_period(h, ind.frequency)
                    period_columns.append(h)
                except PeriodError:
                    continue
            if not period_columns:
                raise PbpError("No column of this wide table is headed by a period such as 2019/20.")
        for number, cells in body:
            def cell(name: str, cells=cells):
                i = col[name]
                return cells[i] if i < len(cells) else ""
            unmatched = [f"{k} = {v}" for k, v in profile.filters.items() if str(cell(k)).strip() != str(v).strip()]
            if unmatched:
                out.append(PlannedRow(number, RowAction.SKIPPED, ind.code or "", column=next(iter(profile.filters)),
                                      reason=f"does not match the filter {unmatched[0]}"))
                continue
            if profile.wide:
                for h in period_columns:
                    out.append(self._row(number, ind, h, cell(h), value_column=h, period_column=h))
            else:
                out.append(self._row(number, ind, str(cell(profile.period_column)), cell(profile.value_column),
                                     value_column=profile.value_column, period_column=profile.period_column))
        return out


# ----------------------------------------------------------------------------- milestones

MILESTONE_SHEET = "Milestones"  # an export's sheet of that name is read, else the workbook's first
MILESTONE_REQUIRED = ("programme_reference", "milestone_title")
_MILESTONE_TITLE = next(f for f in MILESTONE if f.name == "title")
_REASON_MAX = 4000


def _title_key(title: str | None) -> str:
    """A milestone's title as the import matches it: case and runs of spaces aside."""
    return " ".join((title or "").split()).lower()


@dataclass(frozen=True)
class MilestonePlan:
    """What a milestone file will do, row by row; nothing is written until it is applied."""

    source: str
    rows: tuple[MilestonePlannedRow, ...]
    unread: tuple[str, ...] = ()  # the file's columns the import does not read (an export's RAG, a typo)

    @cached_property
    def errors(self) -> tuple[MilestonePlannedRow, ...]:
        return tuple(r for r in self.rows if r.action is RowAction.ERROR)

    @cached_property
    def writes(self) -> tuple[MilestonePlannedRow, ...]:
        return tuple(r for r in self.rows if r.action in (RowAction.NEW, RowAction.CHANGED))

    def count(self, action: RowAction) -> int:
        return sum(1 for r in self.rows if r.action is action)

    def summary(self) -> str:
        """'4 rows: 2 new, 1 changed, 1 unchanged' (each kind of row there is, counted)."""
        parts = [f"{n:,} with {'a problem' if n == 1 else 'problems'}" if a is RowAction.ERROR else f"{n:,} {a.value}"
                 for a in RowAction if (n := self.count(a))]
        n = len(self.rows)
        return f"{n:,} row{'' if n == 1 else 's'}: {', '.join(parts)}" if parts else "no rows"

    def nothing_to_import(self) -> str | None:
        if self.writes or self.errors:
            return None
        if not self.rows:
            return f"{self.source} has no rows below its header: there was nothing to import, and nothing was changed."
        return f"{self.source}: {self.summary()}: there was nothing new to import, and nothing was changed."


class _MilestonePlanner:
    def __init__(self, programmes: dict[str, tuple[int, str, bool]],
                 existing: dict[tuple[int, str], list[dict[str, Any]]], today: date):
        self.programmes = programmes
        self.existing = existing
        self.today = today
        self.seen: dict[tuple[int, str], int] = {}

    def plan(self, header: list[str], body: Iterable[tuple[int, tuple[Any, ...]]],
             columns: dict[str, int]) -> list[MilestonePlannedRow]:
        width = len(header)
        out = []
        for number, cells in body:
            cells = tuple(cells) + ("",) * max(0, width - len(cells))

            def cell(name: str, cells: tuple[Any, ...] = cells) -> Any:
                i = columns.get(name)
                return cells[i] if i is not None and i < len(cells) else ""
            out.append(self._row(number, cell))
        return out

    def _row(self, number: int, cell: Any) -> MilestonePlannedRow:
        ref, title = str(cell("programme_reference")).strip(), " ".join(str(cell("milestone_title")).split())

        def error(column: str, why: str, **kw: Any) -> MilestonePlannedRow:
            return MilestonePlannedRow(number, RowAction.ERROR, ref, title, column=column, reason=why, **kw)
        if not ref:
            return error("programme_reference", "the programme reference is blank")
        found = self.programmes.get(ref.lower())
        if found is None:
            return error("programme_reference",
                         f"there is no programme or project with the reference '{escaped(ref)}' in this register")
        pid, ref, archived = found
        if archived:
            return error("programme_reference", f"{ref} is archived: restore it before importing its milestones")
        if not title:
            return error("milestone_title", "the milestone title is blank")
        problem = text_problem(title, multiline=False) or (
            f"is {len(title):,} characters long; the most allowed is {_MILESTONE_TITLE.max_len:,}"
            if _MILESTONE_TITLE.max_len and len(title) > _MILESTONE_TITLE.max_len else None)
        if problem:
            return error("milestone_title", f"the title {problem}")
        key = (pid, _title_key(title))
        if key in self.seen:
            return error("milestone_title", f"{ref} '{escaped(title)}' is also in row {self.seen[key]}: the same "
                                            "milestone twice in one file", programme_id=pid)
        self.seen[key] = number
        given: dict[str, Any] = {}
        for name in ("baseline_date", "forecast_date", "actual_date"):
            try:
                value = parse_import_date(cell(name), self.today)
            except ValueProblem as exc:
                return error(name, str(exc), programme_id=pid)
            if value is not None:
                given[name] = value
        try:
            status = parse_milestone_status(cell("status"))
        except ValueProblem as exc:
            return error("status", str(exc), programme_id=pid)
        if status is not None:
            given["status"] = status
        elif "actual_date" in given:  # given the date it was done, it is complete
            given["status"] = MilestoneStatus.COMPLETE
        reason = str(cell("reason")).strip() or None
        if reason is not None:
            problem = text_problem(reason, multiline=True) or (
                f"is {len(reason):,} characters long; the most allowed is {_REASON_MAX:,}"
                if len(reason) > _REASON_MAX else None)
            if problem:
                return error("reason", f"the reason {problem}", programme_id=pid)
        matches = self.existing.get(key, [])
        if len(matches) > 1:
            return error("milestone_title", f"{ref} has {len(matches)} milestones titled '{escaped(title)}': rename "
                                            "all but one in the app, so the file names one", programme_id=pid)
        if not matches:
            if "baseline_date" not in given:
                return error("baseline_date", "a new milestone needs its baseline date", programme_id=pid)
            values = {"programme_id": pid, "title": title, **given}
            problems = self._problems(values)
            if problems:
                return error(*problems, programme_id=pid)
            return MilestonePlannedRow(number, RowAction.NEW, ref, title, pid, values=tuple(values.items()),
                                       forecast_reason=reason)
        old = matches[0]
        merged = {**{k: old[k] for k in ("baseline_date", "forecast_date", "actual_date", "status")}, **given}
        problems = self._problems({"programme_id": pid, "title": old["title"], **merged})
        if problems:
            return error(*problems, programme_id=pid, milestone_id=old["id"])
        changed = {k: v for k, v in given.items() if v != old[k]}
        action = RowAction.CHANGED if changed else RowAction.UNCHANGED
        return MilestonePlannedRow(number, action, ref, old["title"], pid, old["id"], old["version"],
                                   tuple(changed.items()), tuple((k, old[k]) for k in changed), reason)

    @staticmethod
    def _problems(values: dict[str, Any]) -> tuple[str, str] | None:
        """The first problem the milestone's own rules (the form's) find, as (column, reason)."""
        cleaned, errors = clean(MILESTONE, values)
        errors += check("milestone", {**{f.name: None for f in MILESTONE}, **cleaned, **derive("milestone", cleaned)})
        if not errors:
            return None
        e = errors[0]
        return MILESTONE_FIELD_COLUMNS.get(e.field, e.field), e.message


def _unsaved_formulas(path: Path, sheet: str, body: list[tuple[int, tuple[Any, ...]]], columns: dict[str, int],
                      rows: list[MilestonePlannedRow]) -> list[MilestonePlannedRow]:
    """A workbook is read for the results Excel saved with its formulas; a formula with none reads
    as blank, which the milestone import would take as "leave it as it is". Such a cell makes its
    row an error, named at its column."""
    from openpyxl import load_workbook
    at = {i: name for name, i in columns.items()}
    blank = {(n, i) for n, cells in body for i in at if i >= len(cells) or cells[i] == ""}
    if not blank:
        return rows
    formulas: dict[int, str] = {}
    try:
        wb = load_workbook(path, read_only=True, data_only=False)
    except Exception:  # noqa: BLE001 - it was read a moment ago; if not now, the plan stands
        return rows
    try:
        for n, cells in enumerate(_worksheet(wb, sheet).iter_rows(), start=1):
            for i, c in enumerate(cells):
                v = getattr(c, "value", None)
                if (n, i) in blank and isinstance(v, str) and v.startswith("=") and n not in formulas:
                    formulas[n] = at[i]
    finally:
        wb.close()
    return [r._replace(action=RowAction.ERROR, column=formulas[r.row], reason=UNSAVED_FORMULA)
            if r.row in formulas else r for r in rows]
