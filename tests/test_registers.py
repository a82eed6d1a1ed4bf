"""Registers: one completeness test, generated from the model (Base.metadata), holds every table
to having each part its register contributes, per layer:
- domain (domain.registers): a register declares the kind, with its label and plural, and its
  field specs (each a column of the table, each labelled) or the reason it has none;
- storage (storage.registers): one model of that register maps the table;
- ui (ui.registers): a screen shows it, and a screen that is a Page reloads when it changes;
- services (services.registers): the register's export sheets carry every column of the table
  (bar the bookkeeping id and version), or name the ones left out with the reason;
- the pack: the kind prints in a declared pack section, or says why not; every section is drawn
  by reports.pack and offered by readmodels.pack.SECTIONS.
A table added later without these fails here, naming what is missing. The self-checks at the end
take one contribution away from each layer in turn and show the test notices."""

from __future__ import annotations

import dataclasses
import importlib

import pytest

import pbp_desktop.storage.models  # noqa: F401 - every model in the metadata
from pbp_desktop.domain import registers as domain
from pbp_desktop.readmodels import pack as pack_readmodels
from pbp_desktop.services import registers as services
from pbp_desktop.storage import registers as storage
from pbp_desktop.storage.base import Base
from pbp_desktop.ui import registers as ui


def gaps(registers=None, models=None, exports=None, screens=None) -> list[str]:
    """Every part missing for some table, in words; the contributions default to the app's own."""
    registers = domain.REGISTERS if registers is None else registers
    models = storage.MODELS_BY_REGISTER if models is None else models
    exports = services.EXPORTS if exports is None else exports
    screens = ui.SCREENS if screens is None else screens
    kinds = {k.name: (r, k) for r in registers for k in r.kinds}
    sections = {s.key for r in registers for s in r.pack_sections}
    found: list[str] = []
    for table in Base.metadata.sorted_tables:
        name, columns = table.name, {c.name for c in table.columns}
        if name not in kinds:
            found.append(f"{name}: no register declares the kind (domain.registers)")
            continue
        reg, kind = kinds[name]
        # domain: labels and field specs
        if not kind.label or not kind.plural:
            found.append(f"{name}: no label or plural")
        if not kind.fields and not kind.no_fields:
            found.append(f"{name}: no field specs (domain.records.RULES) and no reason for none")
        for f in kind.fields:
            if f.name not in columns:
                found.append(f"{name}: the field {f.name} is not a column of the table")
            if not f.label:
                found.append(f"{name}.{f.name}: no label")
        # storage: its models
        mapped = [reg_key for reg_key, ms in models.items() for m in ms if m.__tablename__ == name]
        if mapped != [reg.key]:
            found.append(f"{name}: mapped by the models of {mapped or 'no register'}, not of {reg.key} "
                         "(storage.registers)")
        # ui: a screen that shows it
        screen = screens.get(name)
        if screen is None:
            found.append(f"{name}: no screen shows it (ui.registers)")
        else:
            cls = getattr(importlib.import_module(screen.path), screen.cls, None)
            if cls is None:
                found.append(f"{name}: its screen {screen.path}.{screen.cls} does not exist")
            elif hasattr(cls, "entities") and name not in cls.entities:
                found.append(f"{name}: its screen {screen.cls} does not reload when it changes (entities)")
        # services: export sheets with every column
        contribution = next((e for e in exports if e.register == reg.key), None)
        if contribution is None:
            found.append(f"{name}: the register {reg.key} has no export contribution (services.registers)")
            continue
        carried = {s for sheet in contribution.sheets for c in sheet.columns for s in c.carries}
        for column in sorted(columns):
            key = f"{name}.{column}"
            if column in services.BOOKKEEPING:
                continue
            if key not in carried and key not in contribution.not_exported:
                found.append(f"{key}: no export sheet carries it, and no reason is given")
            if key in carried and key in contribution.not_exported:
                found.append(f"{key}: both exported and said not to be")
        # the pack: a section, or the reason
        if kind.in_pack and kind.in_pack not in sections:
            found.append(f"{name}: prints in the pack section {kind.in_pack}, which no register declares")
        if not kind.in_pack and not kind.not_in_pack:
            found.append(f"{name}: no pack section and no reason for none")
    tables = {t.name: {c.name for c in t.columns} for t in Base.metadata.sorted_tables}
    for e in exports:  # nothing stale: every column a sheet names exists
        for sheet in e.sheets:
            for c in sheet.columns:
                for key in c.carries:
                    t, _, column = key.partition(".")
                    if column not in tables.get(t, ()):
                        found.append(f"sheet {sheet.name}, column {c.header}: carries {key}, which is not a column")
    return found


def test_every_kind_in_the_model_has_each_part_of_its_register():
    assert gaps() == []


def pack_gaps(declared=None, builder=None) -> list[str]:
    """The pack sections the registers declare that the pack does not offer or cannot draw."""
    from pbp_desktop.reports.pack import _Builder
    declared = domain.pack_sections() if declared is None else declared
    builder = _Builder if builder is None else builder
    found = [f"pack section {s.key}: not offered (readmodels.pack.SECTIONS)" for s in declared
             if s.key not in pack_readmodels.SECTIONS or pack_readmodels.SECTION_TITLES.get(s.key) != s.title]
    found += [f"pack section {s.key}: reports.pack draws no part of that name" for s in declared
              if not callable(getattr(builder, s.key, None))]
    if tuple(pack_readmodels.SECTIONS) != tuple(s.key for s in sorted(declared, key=lambda s: s.order)):
        found.append("the pack offers sections the registers do not declare, or in another order")
    return found


def test_the_pack_offers_and_draws_every_declared_section():
    assert pack_gaps() == []


def test_self_check_a_section_the_pack_cannot_draw_is_named():
    from pbp_desktop.reports.pack import _Builder
    without = type("Builder", (), {k: v for k, v in vars(_Builder).items() if k != "mdc"})
    assert pack_gaps(builder=without) == ["pack section mdc: reports.pack draws no part of that name"]
    extra = (*domain.pack_sections(), domain.PackSection("programmes", "Programmes", 55))
    assert "pack section programmes: not offered (readmodels.pack.SECTIONS)" in pack_gaps(declared=extra)


def test_messages_name_kinds_as_their_registers_do():
    from pbp_desktop.services.base import label
    assert label("body") == "board or body" and label("agenda_item") == "agenda item"
    assert label("trajectory_point") == "planned value"
    assert all(label(k) == kind.label for k, kind in domain.kinds().items())


def test_the_dashboard_reloads_when_a_kind_the_summary_reads_changes():
    from pbp_desktop.ui.pages.dashboard import DashboardPage
    assert domain.summarised() <= DashboardPage.entities
    assert {"indicator", "actual", "risk", "action", "meeting"} <= domain.summarised()


def test_the_history_names_records_and_fields_as_their_registers_do():
    from datetime import datetime

    from pbp_desktop.domain.enums import ChangeKind
    from pbp_desktop.readmodels import ChangeRow
    from pbp_desktop.ui.history import COLUMNS
    row = ChangeRow(1, "b", datetime(2026, 11, 23, 9), "ann", "update_body", "body", 4, ChangeKind.UPDATE,
                    "reports_to_id", "1", "2")
    shown = {c.title: c.text(row) for c in COLUMNS}
    assert shown["Record"] == "board or body 4" and shown["Field"] == "Reports to"
    assert domain.field_label("partner", "archived") == "archived"  # no spec of its own: the column's name


# ------------------------------------------------------------------ self-checks

def _without_kind(registers, table):
    return [dataclasses.replace(r, kinds=tuple(k for k in r.kinds if k.name != table)) for r in registers]


def _export_without(exports, key):
    out = []
    for e in exports:
        sheets = tuple(dataclasses.replace(s, columns=tuple(
            dataclasses.replace(c, carries=tuple(x for x in c.carries if x != key)) for c in s.columns))
            for s in e.sheets)
        out.append(dataclasses.replace(e, sheets=sheets))
    return out


def _with_kind(registers, table, **changes):
    return [dataclasses.replace(r, kinds=tuple(dataclasses.replace(k, **changes) if k.name == table else k
                                               for k in r.kinds)) for r in registers]


SELF_CHECKS = {
    "a kind": (lambda: dict(registers=_without_kind(domain.REGISTERS, "declaration")),
               "declaration: no register declares the kind"),
    "a label": (lambda: dict(registers=_with_kind(domain.REGISTERS, "risk", label="")), "risk: no label"),
    "a reason for no fields": (lambda: dict(registers=_with_kind(domain.REGISTERS, "pack", no_fields="")),
                               "pack: no field specs"),
    "a model": (lambda: dict(models={k: tuple(m for m in v if m.__tablename__ != "indicator_rebase")
                                     for k, v in storage.MODELS_BY_REGISTER.items()}),
                "indicator_rebase: mapped by the models of no register"),
    "a screen": (lambda: dict(screens={k: v for k, v in ui.SCREENS.items() if k != "action_update"}),
                 "action_update: no screen shows it"),
    "an export column": (lambda: dict(exports=_export_without(services.EXPORTS, "partner.notes")),
                         "partner.notes: no export sheet carries it"),
    "a register's sheets": (lambda: dict(exports=[e for e in services.EXPORTS if e.register != "meetings"]),
                            "declaration: the register meetings has no export contribution"),
    "a pack section": (lambda: dict(registers=[dataclasses.replace(r, pack_sections=tuple(
        s for s in r.pack_sections if s.key != "risks")) for r in domain.REGISTERS]),
        "risk: prints in the pack section risks, which no register declares"),
    "a reason for no pack section": (lambda: dict(registers=_with_kind(domain.REGISTERS, "minute", not_in_pack="")),
                                     "minute: no pack section and no reason for none"),
}


@pytest.mark.parametrize("removed", SELF_CHECKS)
def test_self_check_the_test_fails_when_a_contribution_is_removed(removed):
    contributions, expected = SELF_CHECKS[removed]
    found = gaps(**contributions())
    assert any(expected in g for g in found), found
    with pytest.raises(AssertionError):
        assert found == []
