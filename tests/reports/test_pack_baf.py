"""Reports: the risks section as a Board Assurance Framework, read back with pypdf - every open
risk in score order (the BAF's first) with its three scores, controls, assurances, gaps and its
review date (overdue marked against the pack's date); heat-map cells with their references;
CONFIDENTIAL marks in the private pack and nothing confidential in the public one; a large
register's section summarised."""

from __future__ import annotations

import dataclasses
import io
import re

from pypdf import PdfReader

from pbp_desktop.domain.risk import split_gaps
from pbp_desktop.reports import build_pack
from pbp_desktop.reports.charts import cell_lines
from pbp_desktop.reports.theme import BOLD, register_fonts

SECTIONS = ["cover", "risks", "actions", "appendix"]  # the indicators take the time; they are not needed here


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pages(pdf: bytes) -> list[str]:
    return [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]


def risk_pages(texts: list[str]) -> str:
    texts = [t for t in texts if "\nContents\n" not in t]  # the contents page names every section
    start = next(i for i, t in enumerate(texts) if "Risks and the Board Assurance Framework" in t)
    end = next(i for i, t in enumerate(texts) if "Action log" in t.split("\n")[2:6] or "\nAction log\n" in t)
    return "\n".join(texts[start:end])


def test_every_open_risk_in_score_order_baf_first_with_scores_controls_assurances_gaps_and_overdue_reviews(demo):
    meeting = demo.packs.resolve_meeting("next")
    text = risk_pages(pages(demo.packs.preview(meeting, "private", sections=SECTIONS)))
    flat = squash(text)
    risks = [r for r in demo.queries.risks() if r.status.value == "open"]
    assert len(risks) == 10
    expected = sorted(risks, key=lambda r: (not r.baf, -r.current_score, r.reference))
    assert [r.reference for r in expected][:5] == ["PBP4", "PBP2", "PBP1", "SR1", "SR2"]  # the BAF's, by score
    # the list: every open risk once, in that order, each with its inherent, current and target scores
    table = text[text.index("Ref\nRisk\nOwner\nInherent\nCurrent\nTarget\nReview\n"):text.index("Scores are consequence")]
    rows = re.split(r"^(PBP\d|SR\d)$", table, flags=re.MULTILINE)[1:]
    assert rows[::2] == [r.reference for r in expected]
    for r, row in zip(expected, rows[1::2], strict=True):
        scores = re.findall(r"(\d) x (\d) = (\d+)", row)
        assert scores == [(str(c), str(lk), str(c * lk)) for c, lk in (
            (r.inherent_consequence, r.inherent_likelihood), (r.current_consequence, r.current_likelihood),
            (r.target_consequence, r.target_likelihood))], r.reference
        assert r.title.split()[0] in row and r.owner_name in row
        assert ("OVERDUE" in row) == (r.reference in ("PBP2", "SR2")), r.reference
    assert squash("5 x 4 = 20 Extreme") in flat and squash("4 x 4 = 16 Extreme") in flat
    # a card per risk: controls, assurances and gaps as the register holds them
    pbp1 = next(r for r in risks if r.reference == "PBP1")
    assert squash(pbp1.controls) in flat and squash(pbp1.assurances) in flat and squash(pbp1.gaps) in flat
    assert flat.count(squash("Gaps in control")) >= 10 and flat.count(squash("Gaps in assurance")) >= 10
    assert flat.count("Assurances") >= 10
    assert squash("Linked to PO2.1") in flat  # PBP2's objectives, in words
    # reviews due before the pack's date (23/11/2026) are overdue: PBP2 (15/10/2026) and SR2 (31/10/2026)
    assert squash("15/10/2026: OVERDUE") in flat and squash("31/10/2026: OVERDUE") in flat
    assert squash("30/11/2026: OVERDUE") not in flat  # PBP1 is due after the pack's date
    assert squash("2 reviews overdue at 23/11/2026") in flat
    assert "Movements since the last pack" in text  # the movements table stays


def test_heat_map_cells_carry_their_risks_references(demo):
    meeting = demo.packs.resolve_meeting("next")
    text = risk_pages(pages(demo.packs.preview(meeting, "public", sections=SECTIONS)))
    # the demo's current scores: 4x3 holds PBP1, SR1, SR2 and SR3 (four, counted in the corner)
    assert "PBP1 SR1" in text and "SR2 SR3" in text and "(4)" in text
    assert "SR4 SR5" in text and "PBP2" in text


def test_a_crowded_cell_stays_legible():
    register_fonts()
    ten = [f"PBP{i}" for i in range(1, 11)]
    lines = cell_lines(ten, 37, 3, BOLD)
    assert len(lines) == 3 and lines[-1].endswith("more")
    shown = " ".join(lines).split()
    assert shown[:-2] == ten[:len(shown) - 2] and int(lines[-1].split()[-2].lstrip("+")) == 10 - (len(shown) - 2)
    assert cell_lines(["PBP2", "PBP4"], 37, 3, BOLD) == ["PBP2 PBP4"]
    assert cell_lines([f"R{i:04d}" for i in range(2000)], 37, 3, BOLD)[-1] == "+1998 more"


def test_private_pack_marks_confidential_rows_and_the_public_pack_has_none(demo):
    meeting = demo.packs.resolve_meeting("next")
    secret = [r for r in demo.queries.risks() if r.confidential]
    assert [r.reference for r in secret] == ["PBP4"]
    risk_text = risk_pages(pages(demo.packs.preview(meeting, "private", sections=SECTIONS)))
    assert squash("PBP4 QIPP gap of £144 million by 2022/23 BAF · CONFIDENTIAL") in squash(risk_text)
    data = demo.packs.build(meeting, "private")
    assert data.confidential.get("risk") == frozenset(r.id for r in secret)
    marked_actions = [a for a in data.open_actions + data.completed_actions if data.marked(a)]
    assert all(a.confidential or a.risk_id in {r.id for r in secret} or a.meeting_id for a in marked_actions)
    public = "\n".join(pages(demo.packs.preview(meeting, "public", sections=SECTIONS)))
    assert "CONFIDENTIAL" not in public and "PBP4" not in public and "QIPP" not in public
    assert "1 confidential risk(s) withheld from this public pack" in public
    assert demo.packs.build(meeting, "public").confidential == {}


def test_every_private_row_of_the_private_pack_is_marked(demo):
    """Whatever the one rule makes private among the rows a private pack prints is marked."""
    meeting = demo.packs.resolve_meeting("next")
    records = demo.privacy.records()
    data = demo.packs.build(meeting, "private")
    rows = [*data.risks, *data.open_actions, *data.completed_actions, *data.agenda, *data.attendance]
    assert any(records.row_private(r) for r in rows)
    assert all(data.marked(r) == records.row_private(r) for r in rows)


def test_gaps_in_control_and_in_assurance_as_the_register_holds_them():
    assert split_gaps("No agreed delegation to place yet.") == ("", "", "No agreed delegation to place yet.")
    assert split_gaps("Control: no workforce plan\nAssurance: no audit yet\n  of the hub\nGaps in control - rota") == (
        "no workforce plan\nrota", "no audit yet\nof the hub", "")
    assert split_gaps(None) == ("", "", "")


def test_a_gap_in_assurance_is_kept_apart_and_printed_under_its_own_heading(demo):
    """A BAF names gaps in control and gaps in assurance: the register keeps both (the risk's
    own field), and the card prints each under its heading; unlabelled gaps are gaps in control."""
    pbp1 = next(r for r in demo.queries.risks() if r.reference == "PBP1")
    demo.risks.update(pbp1.id, {"assurance_gaps": "No internal audit of the hub yet"}, pbp1.version)
    kept = next(r for r in demo.queries.risks() if r.reference == "PBP1")
    assert kept.assurance_gaps == "No internal audit of the hub yet" and kept.gaps == pbp1.gaps
    flat = squash(risk_pages(pages(demo.packs.preview(demo.packs.resolve_meeting("next"), "private",
                                                       sections=SECTIONS))))
    assert squash(f"Gaps in control{pbp1.gaps}Gaps in assurance No internal audit of the hub yet") in flat


def test_a_large_register_keeps_the_section_readable(demo):
    """Three hundred open risks: all listed with their scores, the detail given for the highest
    of each part only, and the heat map's cells say how many more they hold."""
    meeting = demo.packs.resolve_meeting("next")
    data = demo.packs.build(meeting, "public", sections=["risks"])
    base = data.risks[0]
    many = tuple(dataclasses.replace(base, id=10_000 + i, reference=f"R{i:03d}", title=f"Risk number {i}",
                                     baf=i % 10 == 0, current_consequence=1 + i % 5, current_likelihood=1 + (i // 5) % 5,
                                     current_score=(1 + i % 5) * (1 + (i // 5) % 5))
                 for i in range(300))
    many = tuple(sorted(many, key=lambda r: (not r.baf, -r.current_score, r.reference)))
    pdf = build_pack(dataclasses.replace(data, risks=many, movements=()))
    texts = pages(pdf)
    flat = squash("\n".join(texts))
    assert all(f"R{i:03d}" in flat for i in range(300))
    assert flat.count("Gapsinassurance") == 40  # 20 BAF cards and 20 others
    assert "Everyopenrisk,inscoreorder(300)" in flat and "more" in flat
    assert len(texts) < 30
