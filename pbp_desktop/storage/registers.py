"""Storage layer: each register's models, declared once per register (its storage contribution to
domain.registers). The JSON dump and the rules read every table of the metadata; this says which
register a table belongs to, and tests/test_registers.py holds each table to its register."""

from __future__ import annotations

from . import models as m

MODELS_BY_REGISTER: dict[str, tuple[type, ...]] = {}


def contribute(register: str, *models: type) -> None:
    if register in MODELS_BY_REGISTER:
        raise ValueError(f"the models of the register {register} are declared twice")
    MODELS_BY_REGISTER[register] = models


contribute("partners", m.Partnership, m.Partner)
contribute("people", m.Person, m.Body, m.Membership, m.StandingItem)
contribute("outcomes", m.Outcome, m.OutcomeLead, m.Objective, m.ObjectiveLead, m.Indicator, m.TrajectoryPoint, m.Actual,
           m.IndicatorRebase)
contribute("risks", m.Risk, m.RiskScore, m.RiskLink)
contribute("meetings", m.Meeting, m.Attendance, m.Declaration, m.AgendaItem, m.Minute, m.Resolution,
           m.MinuteAmendment)
contribute("interests", m.Interest)
contribute("programmes", m.Programme, m.ProgrammeLink, m.ProgrammeGoal, m.ProgrammeBenefit, m.ProgrammeUpdate,
           m.Milestone, m.MilestoneForecast)
contribute("actions", m.Action, m.ActionUpdate)
contribute("packs", m.Pack)
contribute("settings", m.RegisterSetting)
contribute("history", m.ChangeBatch, m.ChangeLog)
contribute("disclosures", m.Disclosure)


def model_of(table: str) -> type:
    """The model of a table, by its name."""
    for models in MODELS_BY_REGISTER.values():
        for model in models:
            if model.__tablename__ == table:  # type: ignore[attr-defined]
                return model
    raise KeyError(table)
