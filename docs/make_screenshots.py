"""Screenshots of every main screen on the demo register, for the README.

Run from the repository root (offscreen, no display needed):
    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/make_screenshots.py [--scale 1.5] [--out DIR]
It builds the demo register in a temporary folder with "today" fixed at 23/11/2026, so the
pictures do not change from run to run.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TODAY = date(2026, 11, 23)


def show_programmes(reg, page) -> None:
    """The Programmes screen at a milestone whose forecast has moved: the demo's own programmes
    when it has them; a register with none is given a small sample, marked illustrative, so the
    screen is not shown empty."""
    from pbp_desktop.domain.enums import Rag
    if not reg.queries.programmes():
        p = reg.programmes
        prog = p.create_programme({"reference": "ILL1", "title": "Care closer to home (illustrative sample)",
                                   "aim": "Care in each town, nearer home (an illustration for this picture only)",
                                   "status": "active", "gateway_stage": 3, "confidence": "amber",
                                   "confidence_reason": "Estates work behind plan", "contingency_months": 3},
                                  ).created_id("programme")
        hub = p.create_programme({"parent_id": prog, "reference": "ILL1.1", "title": "Health and wellbeing hubs",
                                  "status": "active", "gateway_stage": 4, "confidence": "red"}).created_id("programme")
        p.create_milestone({"programme_id": prog, "title": "Alliance agreement approved", "baseline_date": date(2026, 4, 30),
                            "actual_date": date(2026, 4, 28), "status": "complete", "check_point": True,
                            "reported_to": "Integration Committee"})
        teams = p.create_milestone({"programme_id": prog, "title": "Neighbourhood teams in each town",
                                    "baseline_date": date(2026, 9, 30), "forecast_date": date(2026, 9, 30)}
                                   ).created_id("milestone")
        p.update_milestone(teams, {"forecast_date": date(2026, 12, 15)}, None, reason="Recruitment to two teams")
        hubs = p.create_milestone({"programme_id": hub, "title": "A hub open in each town", "baseline_date": date(2026, 12, 31),
                                   "forecast_date": date(2026, 12, 31)}).created_id("milestone")
        p.update_milestone(hubs, {"forecast_date": date(2027, 2, 26)}, None, reason="Fit-out of the Tipton site")
        p.update_milestone(hubs, {"forecast_date": date(2027, 6, 30)}, None, reason="Planning consent delayed")
        page.reload()
    rows = reg.queries.programmes()
    owners = [r for r in rows] + [p for r in rows for p in r.projects]
    # a milestone whose forecast has moved, under the programme or project with the most milestones
    # on its timeline (a programme's timeline holds its projects' milestones too)
    candidates = [(m, len(o.all_milestones())) for o in owners for m in o.milestones]
    best = max(candidates, key=lambda c: (len(c[0].forecasts) > 1, c[1], c[0].rag is Rag.RED, len(c[0].forecasts)),
               default=None)
    moved = best[0] if best else None
    if moved is not None:
        page.select(("milestone", moved.id))
    elif rows:
        page.select(("programme", rows[0].id))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--scale", default=None, help="QT_SCALE_FACTOR, e.g. 1.25 or 1.5")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if args.scale:
        os.environ["QT_SCALE_FACTOR"] = args.scale
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from pbp_desktop.app import dress
    from pbp_desktop.services import Register
    from pbp_desktop.services.demo import build_demo
    from pbp_desktop.ui.main_window import MainWindow
    from pbp_desktop.ui.pages.meetings import MeetingsPage
    from pbp_desktop.ui.pages.outcomes import OutcomesPage
    from pbp_desktop.ui.pages.people import PeoplePage
    from pbp_desktop.ui.pages.programmes import ProgrammesPage
    from pbp_desktop.ui.pages.risks import RisksPage

    app = QApplication.instance() or QApplication([])
    dress(app)  # the app's own names and stylesheet
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "demo.sqlite"
        reg = Register.open(f"sqlite:///{path}", create=True, user="demo", clock=lambda: TODAY)
        build_demo(reg, today=TODAY)
        settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(reg, settings=settings)
        window.resize(1280, 720)
        window.show()
        names = ["dashboard", "partners", "people", "outcomes", "risks", "actions", "programmes", "meetings", "interests",
                 "packs"]
        for i, name in enumerate(names):
            window.nav.setCurrentRow(i)
            page = window.pages[i]
            app.processEvents()
            if isinstance(page, OutcomesPage):
                ind = next(i for o in reg.queries.outcome_tree() for j in o.objectives for i in j.indicators
                           if i.code == "OHID 93088")
                page.select(("indicator", ind.id))
            elif isinstance(page, RisksPage):
                page.table.select_id(next(r.id for r in reg.queries.risks() if r.reference == "PBP2"))
            elif isinstance(page, MeetingsPage):
                m = next(m for m in reg.queries.meetings() if m.meets_on == date(2019, 10, 7))
                page.meetings.select_id(m.id)
                page.items.view.selectRow(2)
            elif isinstance(page, ProgrammesPage):
                show_programmes(reg, page)
            elif isinstance(page, PeoplePage):
                page.tabs.setCurrentIndex(1)
                page.bodies.select_id(next(b.id for b in reg.queries.bodies() if b.short_name == "HASC Scrutiny"))
            for _ in range(3):
                app.processEvents()
            target = out / f"{name}.png"
            window.grab().save(str(target))
            print(target)
        # the meeting cycle: the 29 July 2019 scrutiny board's attendance and declarations, and the
        # actions carried forward to 7 October 2019
        meetings = window.show_page(MeetingsPage)
        for on, tab, name in ((date(2019, 7, 29), 1, "meeting-attendance"), (date(2019, 7, 29), 2, "meeting-declarations"),
                              (date(2019, 10, 7), 3, "meeting-actions")):
            meetings.meetings.select_id(next(m.id for m in reg.queries.meetings() if m.meets_on == on))
            meetings.tabs.setCurrentIndex(tab)
            for _ in range(3):
                app.processEvents()
            window.grab().save(str(out / f"{name}.png"))
            print(out / f"{name}.png")
        meetings.tabs.setCurrentIndex(0)
        # the Making Data Count view of the Sandwell delayed-transfers series
        window.nav.setCurrentRow(3)
        outcomes = window.pages[3]
        dtoc = next(i for o in reg.queries.outcome_tree() for j in o.objectives for i in j.indicators
                    if i.code == "DTOC-SAN")
        outcomes.select(("indicator", dtoc.id))
        outcomes.indicator_panel.charts.setCurrentIndex(1)
        for _ in range(3):
            app.processEvents()
        window.grab().save(str(out / "spc.png"))
        print(out / "spc.png")
        # the framework as written: an outcome's sponsors and leads, and an indicator's relative target
        from pbp_desktop.domain.records import INDICATOR
        from pbp_desktop.ui.forms import FormDialog
        from pbp_desktop.ui.pages.outcomes import OutcomeLeadsDialog, indicator_initial
        first = reg.queries.outcome_tree()[0]
        people = [(p.id, p.name) for p in reg.queries.people()]
        partners = [(p.id, p.name) for p in reg.queries.partners()]
        leads = OutcomeLeadsDialog(people, partners, first, window)
        leads.panels[next(iter(leads.panels))].roles.setPlainText("Health and Wellbeing Board")
        satod = next(i for o in reg.queries.outcome_tree() for i in o.all_indicators if i.code == "SATOD")
        form = FormDialog(f"Edit {satod.label}", INDICATOR, lambda _v: None,  # type: ignore[arg-type,return-value]
                          initial={**indicator_initial(satod), "target_change": "reduce_pct",
                                   "target_amount": 20, "target_period": "2020/21"},
                          choices=outcomes._choices(), parent=window)
        for dialog, name in ((leads, "outcome-leads"), (form, "indicator-relative-target")):
            dialog.show()
            for _ in range(3):
                app.processEvents()
            dialog.grab().save(str(out / f"{name}.png"))
            print(out / f"{name}.png")
            dialog.reject()
        window.close()
        reg.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
