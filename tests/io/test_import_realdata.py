"""Import: every real public file in shared/realdata, into a register with an indicator linked
to the rows it holds; the stored values are checked against the file itself."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from pbp_desktop.domain.importing import Profile, RowAction

REALDATA = Path(__file__).resolve().parents[2].parent / "shared" / "realdata"
pytestmark = pytest.mark.skipif(not REALDATA.is_dir(), reason="shared/realdata is not beside the checkout")


def _objective(reg) -> int:
    return next(j.id for o in reg.queries.outcome_tree(with_periods=True) for j in o.objectives if j.reference == "PO3.5")


def _indicator(reg, **values) -> str:
    base = {"objective_id": _objective(reg), "polarity": "lower", "unit": "per 100,000", "frequency": "annual_cy"}
    reg.indicators.create({**base, **values})
    return values["code"]


def _stored(reg, code: str) -> dict[str, float]:
    ind = next(i for o in reg.queries.outcome_tree(with_periods=True) for j in o.objectives for i in j.indicators if i.code == code)
    return {p.period: p.actual for p in ind.periods if p.actual is not None}


def _records(name: str) -> list[dict[str, str]]:
    with (REALDATA / name).open(newline="", encoding="utf-8-sig") as fh:
        return list(csv.DictReader(fh))


def test_fingertips_legacy_26_column_download(demo):
    code = _indicator(demo, code="CAMPY", name="Campylobacter incidence", fingertips_id=93356,
                      fingertips_area="E08000028", fingertips_sex="Persons", fingertips_age="All ages")
    plan = demo.imports.plan(REALDATA / "fingertips_raw_93356_campylobacter_countyua.csv")
    assert plan.format.value == "fingertips" and not plan.errors
    assert len(plan.rows) == 146  # records, not physical lines: the Indicator Name holds a newline
    demo.imports.apply(plan)
    expected = {r["Time period"]: float(r["Value"]) for r in _records("fingertips_raw_93356_campylobacter_countyua.csv")
                if r["Area Code"] == "E08000028" and r["Age"] == "All ages"}
    assert _stored(demo, code) == expected and len(expected) == 3
    assert "Campylobacter incidence rate/100,000\n" in {r["Indicator Name"] for r in _records(
        "fingertips_raw_93356_campylobacter_countyua.csv")}


def test_fingertips_current_27_column_written_by_r(demo):
    code = _indicator(demo, code="PM25F", name="Mortality attributable to PM2.5", unit="%", fingertips_id=93861,
                      fingertips_area="E08000028", fingertips_sex="Persons", fingertips_age="30+ yrs")
    plan = demo.imports.plan(REALDATA / "ons_sdg391_93861_pm25_mortality_fraction.csv")
    assert plan.format.value == "fingertips" and not plan.errors
    demo.imports.apply(plan)
    assert _stored(demo, code) == {"2018": 7.86523040633846, "2019": 8.28487607523527, "2020": 6.40419027023464}


@pytest.mark.parametrize("name, code, area, unit, frequency, periods", [
    ("trafford_93088_overweight_adults.csv", "OW-ALL", "E08000028", "%", "annual_fy", 10),
    ("trafford_93015_physically_inactive_adults.csv", "INACT", "E08000028", "%", "annual_fy", 10),
    ("trafford_91414_alcohol_related_admissions_narrow.csv", "ALC-N", "E08000028", "per 100,000", "annual_fy", 10),
    ("trafford_92727_deaths_usual_residence_65plus.csv", "DUPR", "E08000028", "%", "annual_cy", 16),
])
def test_tidy_tables_through_a_profile(demo, name, code, area, unit, frequency, periods):
    _indicator(demo, code=code, name=name, unit=unit, frequency=frequency)
    profile = Profile(f"{code} from Trafford", code, value_column="value", period_column="period",
                      filters={"area_code": area})
    demo.imports.save_profile(profile)
    saved = next(p for p in demo.imports.profiles() if p.name == profile.name)
    plan = demo.imports.plan(REALDATA / name, saved)
    assert not plan.errors and plan.count(RowAction.NEW) == periods
    demo.imports.apply(plan)
    expected = {r["period"]: float(r["value"]) for r in _records(name) if r["area_code"] == area}
    assert {k: v for k, v in _stored(demo, code).items()} == expected


def test_monthly_series_whose_area_code_changes_joined_by_name(demo):
    code = _indicator(demo, code="DTOC-IMPORT", name="Delayed transfer of care days", unit="count", frequency="monthly")
    profile = Profile("DTOC Sandwell", code, value_column="Total Delayed Transfers of Care", period_column="Period",
                      filters={"Name": "Sandwell"})
    plan = demo.imports.plan(REALDATA / "nhse_dtoc_monthly_delayed_days_by_reason.csv", profile)
    assert not plan.errors and plan.count(RowAction.NEW) == 105
    demo.imports.apply(plan)
    stored = _stored(demo, code)
    records = [r for r in _records("nhse_dtoc_monthly_delayed_days_by_reason.csv") if r["Name"] == "Sandwell"]
    assert {r["Code"] for r in records} == {"409", "E08000028"}  # the code changed in July 2015
    from pbp_desktop.domain.periods import parse_period
    assert stored == {parse_period(r["Period"]).label: float(r["Total Delayed Transfers of Care"]) for r in records}
    assert stored["Apr 2011"] == 1729.0 and len(stored) == 105


def test_an_import_is_one_change_and_undone_as_one(demo):
    code = _indicator(demo, code="PM25F", name="PM2.5", unit="%", fingertips_id=93861, fingertips_area="E08000028",
                      fingertips_sex="Persons", fingertips_age="30+ yrs")
    changes = demo.imports.apply(demo.imports.plan(REALDATA / "ons_sdg391_93861_pm25_mortality_fraction.csv"))
    assert len({r.batch for r in demo.queries.change_log(batch=changes.batch)}) == 1
    assert len(changes.created) == 3
    demo.history.undo(changes.batch)
    assert _stored(demo, code) == {}
