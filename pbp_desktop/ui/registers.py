"""UI layer: which screen shows each kind of record, declared once per register (the UI's
contribution to domain.registers). Named, not imported, so this module stays light; a screen that
is a Page must list the kind in its `entities`, so that it reloads when such a record changes
(tests/test_registers.py checks both)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Screen:
    module: str  # under pbp_desktop.ui
    cls: str
    where: str  # where a user finds it, in the words of the menus

    @property
    def path(self) -> str:
        return f"pbp_desktop.ui.{self.module}"


SCREENS: dict[str, Screen] = {}


def shows(register: str, screen: Screen, *kinds: str) -> None:
    """The kinds of `register` that `screen` shows."""
    for kind in kinds:
        if kind in SCREENS:
            raise ValueError(f"the screen of {kind} is declared twice (register {register})")
        SCREENS[kind] = screen


DASHBOARD = Screen("pages.dashboard", "DashboardPage", "Dashboard (the partnership's name; File > Partnership details… edits it)")
PARTNERS = Screen("pages.partners", "PartnersPage", "Partners")
PEOPLE = Screen("pages.people", "PeoplePage", "People & boards")
OUTCOMES = Screen("pages.outcomes", "OutcomesPage", "Outcomes & objectives")
RISKS = Screen("pages.risks", "RisksPage", "Risks")
MEETINGS = Screen("pages.meetings", "MeetingsPage", "Meetings")
ACTIONS = Screen("pages.actions", "ActionsPage", "Actions")
PROGRAMMES = Screen("pages.programmes", "ProgrammesPage", "Programmes")
PACKS = Screen("pages.packs", "PacksPage", "Packs")
INTERESTS = Screen("pages.interests", "InterestsPage", "Register of interests")
IMPORT = Screen("import_dialog", "ImportDialog", "File > Import actuals… (its saved import profiles)")
HISTORY = Screen("history", "HistoryDialog", "File > Register history… (the change log), and each record's history")

shows("partners", DASHBOARD, "partnership")
shows("partners", PARTNERS, "partner")
shows("people", PEOPLE, "person", "body", "membership", "standing_item")
shows("outcomes", OUTCOMES, "outcome", "outcome_lead", "objective", "objective_lead", "indicator", "trajectory_point", "actual",
      "indicator_rebase")
shows("risks", RISKS, "risk", "risk_score", "risk_link")
shows("meetings", MEETINGS, "meeting", "attendance", "declaration", "agenda_item", "minute", "resolution",
      "minute_amendment")
shows("interests", INTERESTS, "interest")
shows("programmes", PROGRAMMES, "programme", "programme_link", "programme_goal", "programme_benefit", "programme_update",
      "milestone", "milestone_forecast")
shows("actions", ACTIONS, "action", "action_update")
shows("packs", PACKS, "pack")
shows("settings", IMPORT, "register_setting")
shows("history", HISTORY, "change_batch", "change_log")
shows("disclosures", ACTIONS, "disclosure")
