"""The monthly highlight report: a summary page, then a page per programme holding its facts, the
month's highlight report (or saying there is none), its milestones (red beyond the contingency),
forecast history and links; the public report leaves out what the one privacy rule makes private;
the CLI writes it; the pack prints its programmes section."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from pypdf import PdfReader

from pbp_desktop.cli.main import main
from pbp_desktop.domain.enums import Rag
from pbp_desktop.domain.errors import ValidationFailed
from pbp_desktop.services import Register
from pbp_desktop.services.highlight import parse_month
from tests.conftest import TODAY
from tests.reports.programmes_example import MONTH, plant_programmes


def pages(pdf: bytes) -> list[str]:
    return [re.sub(r"\s+", " ", p.extract_text()) for p in PdfReader(io.BytesIO(pdf)).pages]


def everything(pdf: bytes) -> str:
    return " ".join(pages(pdf))


@pytest.fixture
def planted(demo):
    return demo, plant_programmes(demo)


def page_of(texts: list[str], reference: str) -> str:
    return next(t for t in texts[1:] if f"{reference} " in t[:400])


def test_a_summary_page_then_a_page_per_programme_holding_its_facts(planted):
    reg, ids = planted
    texts = pages(reg.highlight.render("2022-07", "private"))
    assert len(texts) >= 4  # the summary and three programmes
    summary = texts[0]
    assert "Highlight report, July 2022" in summary and "PRIVATE - NOT FOR PUBLICATION" in summary
    assert "judged as at 31/07/2022 (the end of the month)" in summary
    for ref in ("SW-T1", "SW-T2", "SW-T9"):
        assert ref in summary
    assert re.search(r"SW-T1 Integrated discharge and intermediate care Active A Amber 0 2 0 Yes", summary)
    assert re.search(r"SW-T2 .*? Active R Red 1 0 3 No report", summary)
    t1 = page_of(texts, "SW-T1")
    programme = reg.queries.programme(ids.discharge)
    for fact in (programme.lead_director, programme.sponsor, programme.activity_manager, "4 Roll-out", "Active",
                 "A Amber", "Staffing short for discharge to assess", "3 months",
                 reg.queries.partners()[0].name,
                 "Progress this period", "Knowle health and social care centre opened on 4 July",
                 "Plans for the next period", "Risks and issues", "Decisions asked of the board",
                 "APPROVE the business case", "Project SW-T1.1", "Discharge hub live seven days a week",
                 "Linked risks", "Linked actions", "Contribution to the goals", "Fewer days in hospital"):
        assert fact in t1, fact
    assert "done 04/07/2022, 3 days late, within the contingency (to 01/10/2022)" in t1


def test_no_highlight_report_is_said_plainly(planted):
    reg, _ = planted
    texts = pages(reg.highlight.render("2022-07", "private"))
    assert "No highlight report for July 2022." in page_of(texts, "SW-T2")
    later = pages(reg.highlight.render("2022-08", "private"))
    assert "No highlight report for August 2022." in page_of(later, "SW-T1")


def test_a_milestone_beyond_its_contingency_prints_red_with_its_forecast_history(planted):
    reg, ids = planted
    row = next(m for m in reg.queries.programme(ids.towns, as_at=date(2022, 7, 31)).milestones
               if m.id == ids.late_milestone)
    assert row.rag is Rag.RED
    t2 = page_of(pages(reg.highlight.render("2022-07", "private")), "SW-T2")
    assert re.search(r"Health and wellbeing hub in each town 31/12/2022 30/06/2023 — forecast 30/06/2023, "
                     r"181 days \(6 months\) late, beyond the contingency \(to 31/03/2023\) R Red", t2)
    assert "moved 2 times: 31/12/2022 -> 28/02/2023 -> 30/06/2023" in t2
    assert "Check point: Alliance agreement approved" in t2
    assert "Reported to Integration Committee, Trust Board and ICB" in t2


def test_the_public_report_leaves_out_every_private_programme_milestone_and_link(planted):
    reg, ids = planted
    confidential_risk = next(r for r in reg.queries.risks() if r.id == ids.confidential_risk)
    public = reg.highlight.render("2022-07", "public")
    text = everything(public)
    assert "PRIVATE" not in text and "PUBLIC SESSION" in text
    for secret in ("SW-T9", "Estates rationalisation", "Disposal of Lyng clinic", "Heads of terms",
                   "Lease terms for the West Bromwich hub", confidential_risk.reference, confidential_risk.title):
        assert secret not in text, secret
    assert "1 private programme is withheld from this public report" in text
    assert "SW-T2" in text and "Health and wellbeing hub in each town" in text
    private = everything(reg.highlight.render("2022-07", "private"))
    assert "PRIVATE - NOT FOR PUBLICATION" in private
    for secret in ("SW-T9", "Lease terms for the West Bromwich hub agreed CONFIDENTIAL",
                   f"{confidential_risk.reference} {confidential_risk.title[:20]}"):
        assert secret in private, secret
    assert "Estates rationalisation (commercial in confidence) CONFIDENTIAL" in private


def test_public_text_quoting_a_private_programme_is_caught_before_a_public_print(planted):
    from pbp_desktop.services.privacy import QuotesPrivate
    reg, ids = planted
    reg.programmes.save_update(ids.towns, MONTH, {"progress": "Waiting on Estates rationalisation (commercial in "
                                                              "confidence) before the hubs."})
    with pytest.raises(QuotesPrivate):
        reg.highlight.render("2022-07", "public")
    assert "Waiting on Estates" in everything(reg.highlight.render("2022-07", "private"))


def test_a_month_is_given_as_yyyy_mm():
    assert parse_month("2022-07") == date(2022, 7, 1)
    for bad in ("2022-13", "July 2022", "22-07", ""):
        with pytest.raises(ValidationFailed, match="is not a month; give it as YYYY-MM"):
            parse_month(bad)


def test_a_month_not_yet_ended_is_judged_at_today(planted):
    reg, _ = planted
    data = reg.highlight.build(f"{TODAY:%Y-%m}", "private")
    assert data.as_at == TODAY
    assert "(today; the month has not ended)" in pages(reg.highlight.render_report(data))[0]


@pytest.mark.app_clock
def test_the_cli_writes_the_report_and_refuses_a_bad_month(tmp_path, demo_path):
    reg = Register.open(f"sqlite:///{demo_path}", clock=lambda: TODAY)
    plant_programmes(reg)
    public = len([p for p in reg.queries.programmes() if not p.confidential])  # the demo's and the two planted
    reg.close()
    target = tmp_path / "highlight.pdf"

    def run(*argv: str) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        return main(list(argv), out=out, err=err), out.getvalue(), err.getvalue()

    code, out, err = run("highlight", str(demo_path), "--month", "2022-07", "--session", "public", "--out", str(target),
                         "--today", TODAY.isoformat())
    assert (code, err) == (0, ""), err
    assert f"Wrote the public highlight report for July 2022 ({public} programmes)" in out
    assert "SW-T9" not in everything(target.read_bytes())
    code, _, err = run("highlight", str(demo_path), "--month", "2022-07", "--out", str(target))
    assert code == 2 and "already exists" in err
    code, out, err = run("highlight", str(demo_path), "--month", "July", "--out", str(tmp_path / "x.pdf"))
    assert code == 2 and "'July' is not a month; give it as YYYY-MM" in err and "Traceback" not in err
    assert not (tmp_path / "x.pdf").exists()
    code, _, err = run("highlight", str(tmp_path / "none.sqlite"), "--month", "2022-07", "--out", str(tmp_path / "y.pdf"))
    assert code != 0 and err and "Traceback" not in err
    (tmp_path / "a-file").write_text("not a folder")
    code, _, err = run("highlight", str(demo_path), "--month", "2022-07", "--out", str(tmp_path / "a-file" / "z.pdf"))
    assert code != 0 and "not written" in err and "Traceback" not in err


def test_the_pack_prints_the_programmes_section_in_both_sessions(planted):
    reg, ids = planted
    meeting = reg.packs.resolve_meeting("next")
    private = pages(reg.packs.preview(meeting, "private", sections=["summary", "programmes"]))
    start = next(n for n, t in enumerate(private) if "Programmes and milestones" in t)
    section = " ".join(private[start:])  # the section runs to the end (a long header is cut short)
    assert "SW-T1" in section and "SW-T2" in section and "SW-T9" in section
    assert "Estates rationalisation (commercial in confidence) CONFIDENTIAL" in section
    assert "SW-T1.1: Discharge hub live seven days a week" in section
    assert "R Red" in section and "Check point: Alliance agreement approved" in section
    public = everything(reg.packs.preview(meeting, "public", sections=["summary", "programmes"]))
    assert "SW-T2" in public and "SW-T9" not in public and "Lease terms for the West Bromwich hub" not in public
    assert "1 private programme is withheld from this public pack" in public
    data = reg.packs.build(meeting, "public")
    printed = {p.reference for p in data.programmes}  # the demo's programmes and the two planted public ones
    assert "programmes" in data.sections and {"SW-T1", "SW-T2"} <= printed and "SW-T9" not in printed


def test_only_the_printed_months_text_is_checked_for_quotations_and_the_cli_can_confirm(tmp_path, demo_path):
    """Another month's report quoting a private milestone never blocks this month's public print
    (the paper holds, and is checked for, only what it prints); the month that quotes it is
    refused until confirmed public (--confirm-public, logged)."""
    from pbp_desktop.services.privacy import QuotesPrivate
    reg = Register.open(f"sqlite:///{demo_path}", clock=lambda: TODAY)
    ids = plant_programmes(reg)
    reg.programmes.save_update(ids.towns, date(2022, 6, 1), {
        "progress": "Next: Lease terms for the West Bromwich hub agreed, we hope."})
    assert "Lease terms" not in everything(reg.highlight.render("2022-07", "public"))
    with pytest.raises(QuotesPrivate):
        reg.highlight.render("2022-06", "public")
    reg.close()

    def run(*argv: str) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        return main(list(argv), out=out, err=err), out.getvalue(), err.getvalue()

    target = tmp_path / "june.pdf"
    code, _, err = run("highlight", str(demo_path), "--month", "2022-06", "--out", str(target), "--today", TODAY.isoformat())
    assert code != 0 and "--confirm-public REASON" in err and not target.exists()
    code, out, err = run("highlight", str(demo_path), "--month", "2022-06", "--out", str(target), "--today",
                         TODAY.isoformat(), "--confirm-public", "the lease is public knowledge")
    assert code == 0 and "Confirmed public:" in out and target.exists(), err
    for month in ("0000-01", "9999-12"):
        code, _, err = run("highlight", str(demo_path), "--month", month, "--out", str(tmp_path / "x.pdf"))
        assert code == 2 and "is not a month" in err and "unexpected" not in err
