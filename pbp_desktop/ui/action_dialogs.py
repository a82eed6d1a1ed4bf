"""UI layer: the dialogs that record progress on an action, wherever the action is shown (the
Actions screen, and a meeting's actions carried forward): a dated update, and completion with
its date and a closing note. Both land on the action itself."""

from __future__ import annotations

from ..domain.enums import ActionStatus
from ..domain.fields import Field
from ..domain.records import ACTION_UPDATE
from .forms import FormDialog
from .operations import actions as ops_actions

_UPDATE_TEXT = next(f for f in ACTION_UPDATE if f.name == "text")
UPDATE_FIELDS = (Field("written_on", "Date", "date", required=True), _UPDATE_TEXT)
COMPLETE_FIELDS = (  # what ActionService.complete takes
    Field("completed_on", "Completed on", "date", required=True),
    Field("note", "Closing note (optional: kept as a dated update)", max_len=_UPDATE_TEXT.max_len),
)


def complete_action(page, row) -> None:
    """Mark complete: asks the date it was completed (today by default, by the register's clock)
    and an optional closing note, saved as a dated update by the same command."""
    if row is None or row.status is ActionStatus.COMPLETE:
        return
    today = page.ops.read(page.ops.register.queries.today, None)
    page.run_dialog(FormDialog(
        f"Complete {row.reference}", COMPLETE_FIELDS,
        lambda v: ops_actions.complete_action(page.ops, row, v, parent=page),
        initial={"completed_on": today}, send_all=True, draft_scope=f"action:{row.id}:complete", parent=page))


def add_update(page, row) -> None:
    if row is None:
        return
    today = page.ops.read(page.ops.register.queries.today, None)
    page.run_dialog(FormDialog(
        f"Update on {row.reference}", UPDATE_FIELDS, lambda v: ops_actions.add_update(page.ops, row, v, parent=page),
        initial={"written_on": today}, send_all=True, draft_scope=f"action:{row.id}:update", parent=page))
