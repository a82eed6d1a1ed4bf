"""Export: nothing typed into the register goes out as a formula (OWASP, CSV injection).

Generated from the model: every String and Text column of every table (enumerations aside) is
planted, in every record of its table in a copy of the demo register, with each payload a
spreadsheet would run (a HYPERLINK carrying a marker naming the column, a DDE command, and text
starting with +, -, @, a tab or a carriage return). Then the register is exported:
- XLSX: no cell is a formula (openpyxl's data_type 'f', an <f> element in any sheet's XML), no
  text cell is an error value; the text is kept exactly, as a string;
- CSV: every cell that starts with one of those characters is neutralised (a single quote in
  front, and the field quoted), numbers and signed numbers excepted;
- JSON: the exact text, as planted.
A column added later is planted and checked without editing this file. The test also holds the
text columns the sheets do not carry to the ones their registers state a reason for leaving out
(services.registers, not_exported): one added later and left out fails the test until its
register says why.
The self-check at the end shows the checks fail when the neutralisation is switched off."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa

import pbp_desktop.storage.models  # noqa: F401 - every model in the metadata
from pbp_desktop.services import exporting
from pbp_desktop.storage.base import Base

HYPERLINK = '=HYPERLINK("http://x","{mark}")'
PAYLOADS = (HYPERLINK, "=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(1)", "\t=1", "\r=1")
PREFIXES = ("=", "+", "-", "@", "\t", "\r")
SIGNED_NUMBER = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?")  # read as a number, never as a formula

# Text the register parses rather than shows as typed: planting a formula there would stop the
# export at the parsing (a period that is not a period), not test it. The field rules refuse such
# values at every way in; what the export shows of them is derived (a period's dates, a RAG).
STRUCTURED = {
    ("actual", "period"): "a reporting period (domain.periods)",
    ("trajectory_point", "period"): "a reporting period",
    ("indicator_rebase", "period"): "a reporting period",
    ("indicator", "baseline_period"): "a reporting period",
}

# Tables whose text columns are alternatives, a CHECK allowing one a record: each such column is
# planted in a record of its own (a copy of the table's first record with only that lead named).
ONE_OF = {
    "objective_lead": ("a lead is a person, a partner, a team or a role", ("person_id", "partner_id", "team", "role")),
    "outcome_lead": ("a lead is a person, a partner, a team or a role", ("person_id", "partner_id", "team", "role")),
}

# Text columns the export sheets do not carry: those a register's export contribution names, each
# with its reason (services.registers, not_exported; today the pack's snapshot, too large for a
# cell). The JSON export carries them all. A text column added later and left out of the sheets
# fails the test until its register states why (or exports it).
def _not_in_sheets() -> set[str]:
    from pbp_desktop.services.registers import EXPORTS
    return {key for e in EXPORTS for key in e.not_exported}


@dataclass(frozen=True)
class Column:
    index: int
    table: sa.Table
    name: str
    length: int | None
    unique: bool

    @property
    def label(self) -> str:
        return f"{self.table.name}.{self.name}"

    def mark(self, row_id: object) -> str:
        return f"MARK{self.index}#{row_id}"

    def value(self, payload: str, row_id: object) -> str:
        """The text planted in one record: the payload itself, or for the HYPERLINK the marker
        naming this column and record; a unique column gets the marker appended to keep its
        records apart; a short column a shorter formula that still starts as the payload does."""
        mark = self.mark(row_id)
        text = payload.format(mark=mark) if payload == HYPERLINK else payload
        if self.unique and mark not in text:
            text = f"{text} {mark}"
        if self.length is not None and len(text) > self.length:
            text = f'="{mark}"' if payload == HYPERLINK else f"{payload[:self.length - len(mark) - 1]} {mark}"
        assert self.length is None or len(text) <= self.length
        return text


def _unique(table: sa.Table, column: sa.Column) -> bool:
    return bool(column.unique) or any(
        column.name in c.columns.keys() for c in table.constraints if isinstance(c, sa.UniqueConstraint)
    ) or any(i.unique and column.name in i.columns.keys() for i in table.indexes)


def text_columns() -> list[Column]:
    """Every String or Text column of every table, enumerations (a fixed choice) aside."""
    found = []
    for table in Base.metadata.sorted_tables:
        for c in table.columns:
            if isinstance(c.type, sa.String) and not isinstance(c.type, sa.Enum):
                if (table.name, c.name) not in STRUCTURED:
                    found.append(Column(len(found), table, c.name, c.type.length, _unique(table, c)))
    return found


COLUMNS = text_columns()


def _a_record(conn: sa.Connection, table: sa.Table) -> None:
    """One record in a table the demo leaves empty, its required fields filled from their types
    (a link to the first record of the table it links to)."""
    from datetime import date, datetime
    values: dict[str, object] = {}
    for c in table.columns:
        if c.foreign_keys:
            (fk,) = c.foreign_keys
            values[c.name] = conn.execute(sa.select(sa.func.min(fk.column))).scalar()
        elif c.primary_key or c.nullable or c.default is not None or c.server_default is not None:
            continue
        elif isinstance(c.type, sa.Enum):
            values[c.name] = c.type.enums[0]
        else:
            values[c.name] = next(v for t, v in ((sa.String, "x"), (sa.Boolean, False), (sa.Integer, 1), (sa.Float, 0.0),
                                                 (sa.DateTime, datetime(2026, 11, 23, 12)), (sa.Date, date(2026, 11, 23)),
                                                 (sa.LargeBinary, b"")) if isinstance(c.type, t))
    conn.execute(sa.insert(table).values(values))


def plant(engine: sa.Engine, payload: str) -> dict[tuple[str, object, str], str]:
    """Every text column of every record set to the payload (a table the demo leaves empty gets a
    record first); what was planted, by (table, id, column)."""
    planted: dict[tuple[str, object, str], str] = {}
    by_table: dict[str, list[Column]] = {}
    for c in COLUMNS:
        by_table.setdefault(c.table.name, []).append(c)
    with engine.begin() as conn:
        for columns in by_table.values():
            table = columns[0].table
            if conn.execute(sa.select(sa.func.count()).select_from(table)).scalar() == 0:
                _a_record(conn, table)
            (pk,) = table.primary_key.columns
            if table.name in ONE_OF:
                first = dict(conn.execute(sa.select(table).order_by(pk).limit(1)).mappings().one())
                for c in columns:
                    row_id = (conn.execute(sa.select(sa.func.max(pk))).scalar() or 0) + 1
                    values = {**{k: v for k, v in first.items() if k not in ONE_OF[table.name][1]},
                              pk.name: row_id, c.name: c.value(payload, row_id)}
                    conn.execute(sa.insert(table).values(values))
                    planted[(table.name, row_id, c.name)] = values[c.name]
                continue
            for (row_id,) in conn.execute(sa.select(pk)).all():
                values = {c.name: c.value(payload, row_id) for c in columns}
                conn.execute(sa.update(table).where(pk == row_id).values(values))
                planted.update({(table.name, row_id, name): v for name, v in values.items()})
    return planted


def _formula_like(text: str) -> bool:
    return text.startswith(PREFIXES) and not SIGNED_NUMBER.fullmatch(text)


# ------------------------------------------------------------------------------ the checks

def check_xlsx(path: Path) -> list[str]:
    """No formula anywhere in the workbook; every text is a string, one that looks like a formula
    with Excel's quote prefix (so that editing it keeps it text). Returns every cell's text."""
    from openpyxl import load_workbook
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                xml = z.read(name).decode("utf-8")
                assert not re.search(r"<(\w+:)?f[ >/]", xml), f"{name} holds a formula element"
    texts = []
    wb = load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                where = f"{ws.title}!{cell.coordinate} {cell.value!r}"
                assert cell.data_type != "f", f"{where} is a formula"
                if isinstance(cell.value, str):
                    assert cell.data_type in ("s", "inlineStr"), f"{where} is of data type {cell.data_type}"
                    assert cell.quotePrefix or not _formula_like(cell.value), f"{where} would be a formula if edited"
                    texts.append(cell.value)
    return texts


def check_csv(folder: Path) -> list[str]:
    """Every cell that would start a formula is neutralised, and quoted. Returns every cell's
    text with its neutralising quote taken off."""
    texts = []
    for path in sorted(folder.glob("*.csv")):
        raw = path.read_bytes().decode("utf-8-sig")  # as written: read_text would turn a \r into \n
        assert not re.search(r"(^|,)'[=+\-@\t\r]", raw, re.MULTILINE), f"{path.name}: a neutralised field is not quoted"
        for number, row in enumerate(csv.reader(io.StringIO(raw, newline="")), start=1):
            for cell in row:
                assert not _formula_like(cell), f"{path.name} record {number}: {cell!r} would be read as a formula"
                texts.append(cell[1:] if cell.startswith("'") and _formula_like(cell[1:]) else cell)
    return texts


def check_json(path: Path, planted: dict[tuple[str, object, str], str]) -> None:
    """The exact text, as planted."""
    tables = json.loads(path.read_text(encoding="utf-8"))["tables"]
    rows = {(t, r["id"]): r for t, records in tables.items() for r in records if "id" in r}
    for (table, row_id, name), text in planted.items():
        assert rows[(table, row_id)][name] == text, f"{table}.{name} of record {row_id} is not kept exactly"


def export_all(register, folder: Path) -> tuple[Path, Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    xlsx = register.exports.to_xlsx(folder / "register.xlsx")
    register.exports.to_csv(folder / "csv")
    return xlsx, folder / "csv", register.exports.to_json(folder / "register.json")


def carried(texts: list[str]) -> set[str]:
    """The columns whose marker appears in some exported text."""
    joined = "\n".join(texts)
    return {c.label for c in COLUMNS if f"MARK{c.index}#" in joined}


# ------------------------------------------------------------------------------ the tests

# Every payload on SQLite; on PostgreSQL (whose VARCHAR(n) holds no more than n: the planted
# values are cut to fit, see Column.value) the HYPERLINK, the longest, which finds every column.
CASES = [pytest.param(p, "sqlite", id=f"{name}-sqlite")
         for p, name in zip(PAYLOADS, ("hyperlink", "dde", "plus", "minus", "at", "tab", "cr"), strict=True)]
CASES.append(pytest.param(HYPERLINK, "postgresql", id="hyperlink-postgresql"))


@pytest.mark.parametrize(("payload", "backend"), CASES, indirect=["backend"])
def test_no_text_column_goes_out_as_a_formula(demo, tmp_path, payload):
    assert COLUMNS, "the metadata has text columns"
    planted = plant(demo.opened.engine, payload)
    assert {(t, c) for t, _, c in planted} == {(c.table.name, c.name) for c in COLUMNS}
    xlsx, folder, js = export_all(demo, tmp_path)
    in_xlsx = check_xlsx(xlsx)
    in_csv = check_csv(folder)
    check_json(js, planted)
    if payload == HYPERLINK:  # the markers say which columns the sheets carry
        values = set(planted.values())
        assert values & set(in_xlsx) and values & set(in_csv), "planted text is exported exactly, as text"
        shown_in_xlsx, shown_in_csv = carried(in_xlsx), carried(in_csv)
        assert shown_in_xlsx == shown_in_csv
        not_shown = {c.label for c in COLUMNS} - shown_in_xlsx
        assert not_shown == _not_in_sheets() & {c.label for c in COLUMNS}, (
            "the text columns the export sheets do not carry are not the ones their registers say they leave "
            "out (services.registers, not_exported): export a new column, or state why not there. "
            f"Not carried now: {sorted(not_shown)}")


def test_numbers_stay_numbers_and_signed_number_text_is_left_alone(demo, tmp_path):
    assert exporting.neutralised("-2.5") == "-2.5" and exporting.neutralised("+3") == "+3"
    assert exporting.neutralised("-2+3") == "'-2+3" and exporting.neutralised("\t=1") == "'\t=1"
    assert exporting._csv_field("-2", is_text=False) == "-2"
    assert exporting._csv_field("=1,2", is_text=True) == "\"'=1,2\""
    assert exporting._csv_field('=A1&"x"', is_text=True) == "\"'=A1&\"\"x\"\"\""
    with demo.opened.engine.begin() as conn:
        conn.execute(sa.text("UPDATE actual SET value = -12.5 WHERE id = (SELECT MIN(id) FROM actual)"))
    xlsx, folder, _ = export_all(demo, tmp_path)
    from openpyxl import load_workbook
    periods = load_workbook(xlsx)["Periods"]
    actual = [r[6].value for r in periods.iter_rows(min_row=2)]
    assert -12.5 in actual
    rows = list(csv.reader((folder / "periods.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert "-12.5" in [r[6] for r in rows[1:]]


def test_a_control_character_excel_cannot_hold_is_shown_escaped_in_xlsx(demo, tmp_path):
    """A register stored before control characters were refused still exports (XLSX cannot
    hold BEL); CSV and JSON keep it as it is."""
    with demo.opened.engine.begin() as conn:
        conn.execute(sa.text("UPDATE partner SET name = 'Bell\aPartner' WHERE id = (SELECT MIN(id) FROM partner)"))
        conn.execute(sa.text("UPDATE partner SET name = '#N/A' WHERE id = (SELECT MAX(id) FROM partner)"))
    xlsx, folder, js = export_all(demo, tmp_path)
    from openpyxl import load_workbook
    cells = [r[0] for r in load_workbook(xlsx)["Partners"].iter_rows(min_row=2)]
    assert "Bell\\x07Partner" in [c.value for c in cells]
    assert [c.data_type for c in cells if c.value == "#N/A"] == ["s"]  # text, not Excel's error value
    assert "Bell\aPartner" in (folder / "partners.csv").read_text(encoding="utf-8-sig")


def test_self_check_the_checks_fail_when_neutralisation_is_switched_off(demo, tmp_path, monkeypatch):
    planted = plant(demo.opened.engine, HYPERLINK)
    monkeypatch.setattr(exporting, "_as_text", lambda cell: cell)  # openpyxl's own reading: a formula
    monkeypatch.setattr(exporting, "neutralised", lambda text: text)
    xlsx, folder, js = export_all(demo, tmp_path)
    with pytest.raises(AssertionError, match="formula"):
        check_xlsx(xlsx)
    with pytest.raises(AssertionError, match="would be read as a formula"):
        check_csv(folder)
    check_json(js, planted)
    tampered = dict(planted)
    key = next(iter(tampered))
    tampered[key] = "'" + tampered[key]
    with pytest.raises(AssertionError, match="not kept exactly"):
        check_json(js, tampered)
