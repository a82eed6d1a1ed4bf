"""UI: editing through forms - saved when accepted, refused with the message beside the field,
undone and redone from the Edit menu, visible in the record's history."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog

from pbp_desktop.ui.pages.partners import PartnersPage
from pbp_desktop.ui.pages.people import PeoplePage

pytestmark = pytest.mark.ui


def test_add_a_partner(window, dialogs, demo):
    page = window.show_page(PartnersPage)
    before = page.table.model.total()
    dialogs.then(dialogs.fill_and_save(name="Sandwell Children's Trust", short_name="SCT",
                                       sector="local_authority", alliance_role="innovation",
                                       joined_on="01/04/2023"))
    page.add()
    assert page.table.model.total() == before + 1
    assert page.table.current().name == "Sandwell Children's Trust"
    assert page.table.current().alliance_role.label == "Innovation partner"
    row = next(p for p in demo.queries.partners() if p.short_name == "SCT")
    assert row.joined_on.isoformat() == "2023-04-01"


def test_bad_input_is_shown_beside_the_field_and_nothing_is_saved(window, dialogs, demo):
    page = window.show_page(PartnersPage)
    before = len(demo.queries.change_log())
    captured = {}

    def handler(dialog):
        dialogs.fill(dialog, name="SWBH duplicate", short_name="SWBH", sector="nhs_trust",
                     joined_on="31/02/2024", left_on="someday")
        dialogs.save(dialog)
        captured["dialog"] = dialog
        captured["errors"] = {n: fw.error.text() for n, fw in dialog.widgets.items() if fw.error.isVisibleTo(dialog)}
        captured["open"] = dialog.result() != QDialog.DialogCode.Accepted
        dialog.reject()
    dialogs.then(handler)
    page.add()
    errors = captured["errors"]
    assert captured["open"], "the form must stay open while problems remain"
    assert set(errors) == {"short_name", "joined_on", "left_on"}
    assert "'SWBH' is already used by another partner" in errors["short_name"]
    assert "'31/02/2024': there is no day 31 in February 2024" in errors["joined_on"]
    assert captured["dialog"].widgets["name"].get() == "SWBH duplicate"  # nothing typed is lost
    assert len(demo.queries.change_log()) == before


def test_undo_and_redo_an_edit_from_the_edit_menu(window, dialogs, demo):
    page = window.show_page(PartnersPage)
    page.table.select_id(next(p.id for p in demo.queries.partners() if p.short_name == "SCVO"))
    dialogs.then(dialogs.fill_and_save(alliance_role="risk_bearing"))
    page.edit(page.table.current())
    scvo = lambda: next(p for p in demo.queries.partners() if p.short_name == "SCVO")  # noqa: E731
    assert scvo().alliance_role.value == "risk_bearing"
    assert window.act_undo.isEnabled() and window.act_undo.text().startswith("&Undo Edit Sandwell Council")
    window.act_undo.trigger()
    assert scvo().alliance_role.value == "bespoke_mou"
    assert page.table.current().alliance_role.value == "bespoke_mou"  # the table followed
    window.act_redo.trigger()
    assert scvo().alliance_role.value == "risk_bearing"
    history = demo.queries.change_log(entity="partner", entity_id=scvo().id)
    assert [h.command for h in history[:3]] == ["undo", "undo", "update_partner"]


def test_an_undo_over_someone_elses_change_is_refused_plainly(window, dialogs, demo):
    page = window.show_page(PartnersPage)
    target = next(p for p in demo.queries.partners() if p.short_name == "SCVO")
    page.table.select_id(target.id)
    dialogs.then(dialogs.fill_and_save(notes="ours"))
    page.edit(page.table.current())
    fresh = next(p for p in demo.queries.partners() if p.id == target.id)
    demo.partners.update(target.id, {"notes": "the director's"}, fresh.version)  # another copy of the app
    window.act_undo.trigger()
    assert "could not be reversed" in window.ops.messages[-1] and "changed by" in window.ops.messages[-1]
    assert next(p for p in demo.queries.partners() if p.id == target.id).notes == "the director's"
    assert not window.ops.undo_stack.canUndo()


def test_deleting_asks_first(window, demo, monkeypatch):
    from pbp_desktop.ui.ops import Ops
    page = window.show_page(PeoplePage)
    page.tabs.setCurrentIndex(1)
    page.bodies.select_id(next(b.id for b in demo.queries.bodies() if b.short_name == "SMT"))
    before = len(page.members.rows_shown())
    monkeypatch.setattr(Ops, "_auto_confirm", False)
    page.remove_member(page.members.rows_shown()[0])
    assert len(page.members.rows_shown()) == before
    monkeypatch.setattr(Ops, "_auto_confirm", True)
    page.remove_member(page.members.rows_shown()[0])
    assert len(page.members.rows_shown()) == before - 1


def test_search_filters_and_history_shows_the_change(window, dialogs, demo):
    page = window.show_page(PartnersPage)
    page.table.search.setText("hospitals")
    assert {p.short_name for p in page.table.rows_shown()} == {"SWBH"}
    page.table.search.setText("health")
    assert {p.short_name for p in page.table.rows_shown()} == {"Healthwatch"}
    page.table.select_id(next(p.id for p in demo.queries.partners() if p.short_name == "Healthwatch"))
    dialogs.then(dialogs.fill_and_save(notes="Statutory champion"))
    page.edit(page.table.current())
    from pbp_desktop.ui.history import show_history
    dialog = show_history(window.ops, "partner", page.table.current().id, "Healthwatch", window)
    rows = dialog.table.rows_shown()
    assert (rows[0].field, rows[0].old_value, rows[0].new_value) == ("notes", None, "Statutory champion")
    dialog.close()
