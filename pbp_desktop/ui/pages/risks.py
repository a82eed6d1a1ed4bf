"""UI layer: the Risks screen - the register, the 5x5 heat map that filters it, and the risk
form whose inherent, current and target scores are picked on the matrix, never typed."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...domain.periods import uk_date
from ...domain.records import RISK
from ...domain.risk import CONSEQUENCE_LABELS, LIKELIHOOD_LABELS, band, score
from ..drafts import EditorDraft, store_for
from ..forms import DateEdit, FormDialog, initial_from
from ..heatmap import BAND_COLOURS, BAND_TEXT, RiskMatrix
from ..history import show_history
from ..operations import risks as ops_risks
from ..pages.outcomes import LeadsDialog
from ..table_model import Column
from ..widgets import Page, RowsTable, button, fit_small_screen, section_label, title_label

FACTORS = ("inherent", "current", "target")


def _movement(r) -> str:
    if r.movement > 0:
        return f"▲ +{r.movement} worse"
    if r.movement < 0:
        return f"▼ {r.movement} better"
    return "— no change"


COLUMNS = [
    Column("Ref", lambda r: r.reference),
    Column("Risk", lambda r: ("[archived]  " if r.archived else "") + ("[confidential]  " if r.confidential else "") + r.title,
           sort=lambda r: r.title.casefold(), tooltip=lambda r: r.event),
    Column("Owner", lambda r: r.owner_name or ""),
    Column("Current", lambda r: f"{r.current_score} {r.current_band.label}", sort=lambda r: r.current_score,
           background=lambda r: QColor(BAND_COLOURS[r.current_band]),
           foreground=lambda r: QColor(BAND_TEXT[r.current_band])),
    Column("Target", lambda r: f"{r.target_score} {band(r.target_score).label}", sort=lambda r: r.target_score),
    Column("Movement", _movement, sort=lambda r: r.movement,
           foreground=lambda r: QColor("#D5281B") if r.movement > 0 else QColor("#007F3B") if r.movement < 0 else None),
    Column("Review", lambda r: (uk_date(r.review_date) + ("  OVERDUE" if r.review_overdue else "")),
           sort=lambda r: r.review_date.toordinal() if r.review_date else 0,
           foreground=lambda r: QColor("#D5281B") if r.review_overdue else None),
    Column("BAF", lambda r: "BAF" if r.baf else ""),
]
HISTORY = [
    Column("Assessed", lambda h: uk_date(h.assessed_on), sort=lambda h: h.assessed_on.toordinal()),
    Column("Score", lambda h: f"{CONSEQUENCE_LABELS[h.consequence]} ({h.consequence}) x "
           f"{LIKELIHOOD_LABELS[h.likelihood]} ({h.likelihood}) = {h.score}", sort=lambda h: h.score),
    Column("Note", lambda h: h.note or ""),
]


class ScorePicker(QWidget):
    """One score (inherent, current or target) picked on a matrix, with its product shown."""

    def __init__(self, title: str, consequence: int = 3, likelihood: int = 3):
        super().__init__()
        self.matrix = RiskMatrix(picker=True)
        self.matrix.setAccessibleName(f"{title} score")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setAccessibleName(f"{title} score")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(section_label(title))
        layout.addWidget(self.matrix)
        layout.addWidget(self.label)
        self.matrix.picked.connect(lambda *_: self._describe())
        self.set(consequence, likelihood)

    def set(self, consequence: int, likelihood: int) -> None:
        self.matrix.set_selected((consequence, likelihood))
        self._describe()

    def value(self) -> tuple[int, int]:
        return self.matrix.selected or (3, 3)

    def _describe(self) -> None:
        c, lk = self.value()
        s = score(c, lk)
        self.label.setText(f"{CONSEQUENCE_LABELS[c]} ({c}) x {LIKELIHOOD_LABELS[lk]} ({lk}) = <b>{s}</b> "
                           f"{band(s).label}")


class RisksPage(Page):
    title = "Risks"
    entities = frozenset({"risk", "risk_score", "risk_link", "person", "objective", "outcome"})

    def __init__(self, ops, parent=None):
        super().__init__(ops, parent)
        self.cell_filter: tuple[int, int] | None = None
        self.heatmap = RiskMatrix()
        self.heatmap.cell_clicked.connect(self._on_heatmap_cell_clicked)
        self.filter_label = QLabel(objectName="note")
        self.clear_filter = button("Show all risks", lambda: self._set_cell_filter(None))
        self.show_archived = QCheckBox("Show archived")
        self.show_archived.toggled.connect(lambda _: self.reload())
        self.table = RowsTable(COLUMNS, name="risks")
        self.table.row_activated.connect(self.edit)
        self.table.row_selected.connect(self._show_detail)
        self.table.delete_requested.connect(self.archive)
        self.detail = QLabel(objectName="note")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.history_table = RowsTable(HISTORY, name="score history", stretch=2)
        bar = QHBoxLayout()
        bar.addWidget(button("&Add risk…", self.add))
        bar.addWidget(button("E&dit…", lambda: self.edit(self.table.current())))
        bar.addWidget(button("&Rescore…", lambda: self.rescore(self.table.current())))
        bar.addWidget(button("&Links…", lambda: self.links(self.table.current())))
        self.archive_button = button("Ar&chive", lambda: self.archive(self.table.current()))
        bar.addWidget(self.archive_button)
        self.restore_button = button("Res&tore", lambda: self.restore(self.table.current()),
                                     tip="Bring an archived risk back into the register and the pack")
        bar.addWidget(self.restore_button)
        bar.addWidget(button("Hi&story…", lambda: self.history(self.table.current())))
        bar.addStretch(1)
        bar.addWidget(self.show_archived)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(section_label("Current scores (click a cell to filter)"))
        ll.addWidget(self.heatmap)
        ll.addWidget(self.filter_label)
        ll.addWidget(self.clear_filter)
        ll.addStretch(1)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addLayout(bar)
        rl.addWidget(self.table, 3)
        rl.addWidget(section_label("Selected risk"))
        rl.addWidget(self.detail)
        rl.addWidget(self.history_table, 1)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([340, 860])
        layout = QVBoxLayout(self)
        layout.addWidget(title_label("Risks"))
        layout.addWidget(split, 1)
        self._set_cell_filter(None)

    # ------------------------------------------------------------------ loading

    def reload(self, *, soft: bool = False) -> None:
        rows = self.ops.read(lambda: self.ops.register.queries.risks(
            include_archived=self.show_archived.isChecked(), with_history=False), [])
        self.heatmap.set_counts(Counter((r.current_consequence, r.current_likelihood) for r in rows
                                        if r.status.value == "open" and not r.archived))
        self.table.set_rows(rows, soft=soft)
        self._show_detail(self.table.current())

    def _on_heatmap_cell_clicked(self, consequence: int, likelihood: int) -> None:
        cell = (consequence, likelihood)
        self._set_cell_filter(None if self.cell_filter == cell else cell)

    def _set_cell_filter(self, cell: tuple[int, int] | None) -> None:
        self.cell_filter = cell
        self.heatmap.set_selected(cell)
        if cell is None:
            self.table.proxy.set_predicate(None)
            self.filter_label.setText("Showing every risk")
            self.clear_filter.hide()
        else:
            c, lk = cell
            self.table.proxy.set_predicate(lambda r: (r.current_consequence, r.current_likelihood) == cell)
            self.filter_label.setText(f"Showing risks scored consequence {c} x likelihood {lk} = {score(c, lk)}")
            self.clear_filter.show()

    def _show_detail(self, r) -> None:
        self.restore_button.setVisible(self.show_archived.isChecked())
        self.restore_button.setEnabled(bool(r is not None and r.archived))
        self.archive_button.setEnabled(not (r is not None and r.archived))
        if r is None:
            self.detail.setText("Choose a risk to see its controls, gaps, assurances and score history.")
            self.history_table.set_rows([])
            return
        r = self.ops.read(lambda: self.ops.register.queries.risk(r.id), None) or r  # with its score history
        parts = [f"<b>{r.reference} {r.title}</b> ({r.category.label}; {r.status.label.lower()})"]
        for name, value in (("Cause", r.cause), ("Event", r.event), ("Effect", r.effect), ("Controls", r.controls),
                            ("Gaps in control", r.gaps), ("Assurances", r.assurances),
                            ("Mitigating actions", r.mitigations)):
            if value:
                parts.append(f"<b>{name}:</b> {value}")
        parts.append(f"<b>Inherent</b> {r.inherent_score} · <b>current</b> {r.current_score} · "
                     f"<b>target</b> {r.target_score}")
        self.detail.setText("<br>".join(parts))
        self.history_table.set_rows(list(reversed(r.history)))

    # ------------------------------------------------------------------ commands

    def _pickers(self, row=None) -> tuple[QWidget, dict[str, ScorePicker]]:
        box = QWidget()
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        pickers = {}
        for i, kind in enumerate(FACTORS):
            c = getattr(row, f"{kind}_consequence", 3) if row else 3
            lk = getattr(row, f"{kind}_likelihood", 3) if row else 3
            pickers[kind] = ScorePicker(f"{kind.capitalize()} score", c, lk)
            grid.addWidget(pickers[kind], 0, i)
        return box, pickers

    @staticmethod
    def _picker_values(pickers: dict[str, ScorePicker]) -> dict[str, int]:
        values = {}
        for kind, picker in pickers.items():
            c, lk = picker.value()
            values[f"{kind}_consequence"] = c
            values[f"{kind}_likelihood"] = lk
        return values

    def _choices(self) -> dict:
        return {"owner_id": [(p.id, p.name) for p in self.ops.read(self.ops.register.queries.people, [])]}

    def _form_fields(self):
        return [f for f in RISK if not f.name.endswith(("_consequence", "_likelihood"))]

    def add(self) -> None:
        box, pickers = self._pickers()
        dialog = FormDialog("Add risk", self._form_fields(), lambda v: ops_risks.create_risk(self.ops, v, parent=self),
            choices=self._choices(), extra=box, extra_values=lambda: self._picker_values(pickers), parent=self)
        dialog.pickers = pickers
        fit_small_screen(dialog, 760, 720)
        if self.run_dialog(dialog) and dialog.outcome and dialog.outcome.ok:
            self.table.select_id(dialog.outcome.changes.created_id("risk"))

    def edit(self, row) -> None:
        if row is None:
            return
        box, pickers = self._pickers(row)
        dialog = FormDialog(f"Edit {row.reference}", self._form_fields(),
                            lambda v: ops_risks.update_risk(self.ops, row, v, parent=self), initial=initial_from(row, self._form_fields()), choices=self._choices(),
            extra=box, extra_values=lambda: self._picker_values(pickers), parent=self)
        dialog.pickers = pickers
        fit_small_screen(dialog, 760, 720)
        self.run_dialog(dialog)

    def rescore(self, row) -> None:
        if row is None:
            return
        dialog = RescoreDialog(row, self)
        draft = EditorDraft(dialog.note, lambda: store_for(self.ops))  # the note typed survives a crash
        kept = draft.bind(f"risk:{row.id}:rescore_note", "")
        if kept is not None:
            draft.load(kept.text, kept.cursor)
        if self.run_dialog(dialog):
            c, lk = dialog.picker.value()
            outcome = ops_risks.rescore_risk(self.ops, row, {
                "consequence": c, "likelihood": lk, "assessed_on": dialog.date.text() or None,
                "note": dialog.note.text()}, parent=self)
            if outcome.ok:
                draft.saved()
                return
        draft.flush()  # cancelled, or refused: the note is kept as a draft for the next rescore

    def links(self, row) -> None:
        if row is None:
            return
        tree = self.ops.read(self.ops.register.queries.outcome_tree, [])
        dialog = LeadsDialog([(o.id, f"{o.reference} {o.title}") for o in tree],
                             [(j.id, f"{j.reference} {j.title}") for o in tree for j in o.objectives],
                             set(row.outcome_ids), set(row.objective_ids), self)
        dialog.setWindowTitle(f"Outcomes and objectives linked to {row.reference}")
        if self.run_dialog(dialog):
            ops_risks.set_risk_links(self.ops, row, LeadsDialog.checked(dialog.people),
                                     LeadsDialog.checked(dialog.partners), parent=self)

    def archive(self, row) -> None:
        if row is not None and not row.archived and self.ops.confirm(
                "Archive risk", f"Archive {row.reference} {row.title}? 'Show archived' shows it again, and "
                                "Restore brings it back."):
            ops_risks.archive_risk(self.ops, row, parent=self)

    def restore(self, row) -> None:
        """Bring an archived risk back (shown with 'Show archived'); Ctrl+Z archives it again."""
        if row is not None and row.archived:
            ops_risks.restore_risk(self.ops, row, parent=self)

    def history(self, row) -> None:
        if row is not None:
            show_history(self.ops, "risk", row.id, f"{row.reference} {row.title}", self)


class RescoreDialog(QDialog):
    def __init__(self, row, parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"Rescore {row.reference}")
        self.picker = ScorePicker("Current score", row.current_consequence, row.current_likelihood)
        self.date = DateEdit()
        self.date.setAccessibleName("Assessed on")
        self.note = QLineEdit()
        self.note.setAccessibleName("Note")
        form = QFormLayout()
        form.addRow("Assessed on (blank: today)", self.date)
        form.addRow("Note", self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.picker)
        layout.addLayout(form)
        layout.addWidget(buttons)
