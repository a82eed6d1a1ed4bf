"""Services: the cover sheet as a trust board expects it - the author is the user's name (never
the computer's login), and the agenda item, purpose, sponsor, impacts and BAF risks are
suggested from the register; the user may change every one; a cover never says "No impact"
beside a risk scoring 15 or more."""

from __future__ import annotations

import io

from pypdf import PdfReader

from pbp_desktop.domain.enums import AssuranceLevel, Purpose


def _text(pdf: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


def test_the_author_is_the_users_name_never_the_login(demo):
    assert demo.user == "secretary"  # the login, kept by the change log
    meeting = demo.packs.resolve_meeting("next")
    assert demo.packs.cover_draft(meeting, "public").author == ""  # no name given yet: blank, not the login
    demo.set_user_name("  Christine   Anne Guest ")
    assert demo.packs.cover_draft(meeting, "public").author == "Christine Anne Guest"
    # a cover saved by an older version with the login as its author gets the name
    cover = {**_values(demo.packs.cover_draft(meeting, "public")), "author": "secretary"}
    demo.packs.print_pack(meeting, "public", cover_values=cover, sections=["cover"])
    assert demo.packs.cover_draft(meeting, "public").author == "Christine Anne Guest"
    [pack] = demo.queries.packs()
    assert pack.printed_by == "secretary"  # the record of who printed it keeps the login
    # a name the user typed on the cover is kept
    cover["author"] = "Dr Lisa McNally"
    demo.packs.print_pack(meeting, "public", cover_values=cover, sections=["cover"])
    assert demo.packs.cover_draft(meeting, "public").author == "Dr Lisa McNally"


def test_impacts_and_baf_risks_are_suggested_from_the_register(demo):
    meeting = demo.packs.resolve_meeting("next")
    private = demo.packs.cover_draft(meeting, "private")
    # risks scoring 15 or more are named with their scores: the risk register is affected
    assert private.risk_register == ("PBP4 QIPP gap of £144 million by 2022/23 (20); "
                                     "PBP2 Fragile domiciliary care market and workforce (16)")
    assert private.baf == private.risk_register  # both are on the BAF
    assert private.baf_risks.startswith("PBP4 QIPP gap") and "SR2 Recruitment" in private.baf_risks
    assert "SR3" not in private.baf_risks  # not a BAF risk
    # the agenda item of the meeting's agenda the pack is for, its purpose; the outcomes' sponsors
    assert (private.agenda_item, private.purpose) == ("3", Purpose.ASSURANCE)
    assert private.sponsor.startswith("Lisa McNally (PO1, PO3)")
    assert private.objectives == "PO1, PO2, PO3, PO4, LAA"
    assert private.assurance_level is None  # the author's to state
    # a public cover names nothing confidential
    public = demo.packs.cover_draft(meeting, "public")
    assert public.risk_register == "PBP2 Fragile domiciliary care market and workforce (16)"
    assert "PBP4" not in public.baf_risks and "QIPP" not in public.baf


def test_every_suggestion_may_be_changed_and_is_printed(demo):
    meeting = demo.packs.resolve_meeting("next")
    values = {**_values(demo.packs.cover_draft(meeting, "public")),
              "agenda_item": "7", "paper_number": "PBP 12/26", "purpose": "decision",
              "assurance_level": "Reasonable", "executive_summary": "Two indicators moved to red this quarter.",
              "objectives": "PO2 PO2.1", "risk_register": ""}
    pdf = demo.packs.print_pack(meeting, "public", cover_values=values, sections=["cover", "risks"]).pdf
    cover = demo.packs.cover_draft(meeting, "public")
    assert (cover.agenda_item, cover.paper_number, cover.purpose, cover.assurance_level) == (
        "7", "PBP 12/26", Purpose.DECISION, AssuranceLevel.REASONABLE)
    text = _text(pdf)
    for words in ("Agenda item", "PBP 12/26", "[X] Decision", "[X] Reasonable", "Two indicators moved to red",
                  "PO2 Best Possible End of Life Care; PO2.1 More deaths at home"):
        assert words in text, words
    # the risk register line left blank by the author: never "No impact" beside a risk scoring 16
    impact = text[text.index("5. Impact"):]
    assert "Not stated by the author; scoring 15 or more: PBP2" in " ".join(impact.split())
    assert impact.split("Board Assurance Framework")[0].count("No impact") == 0


def test_a_cover_from_another_meetings_pack_gets_this_meetings_suggestions(demo):
    meeting = demo.packs.resolve_meeting("next")
    values = {**_values(demo.packs.cover_draft(meeting, "public")), "title": "December report", "agenda_item": "9",
              "risk_register": "Nothing"}
    demo.packs.print_pack(meeting, "public", cover_values=values, sections=["cover"])
    other = demo.packs.cover_draft(None, "public")  # a pack for no meeting starts from the last cover
    assert other.title == "December report"  # the author's words carried over
    assert other.agenda_item == "" and other.risk_register.startswith("PBP2")  # the meeting's suggested again


def _values(cover) -> dict:
    out = {}
    for name in cover.__dataclass_fields__:
        value = getattr(cover, name)
        out[name] = value.value if hasattr(value, "value") else value
    return out


def test_a_kept_cover_follows_the_register_where_nobody_changed_its_suggestions(demo):
    """Review of issue 19: the cover kept for a meeting went stale - a risk of 25 added since was
    not named, and a risk made confidential since stayed named in the public cover, refusing the
    print. A suggested line nobody changed follows the register; a line the author wrote stays."""
    meeting = demo.packs.resolve_meeting("next")
    demo.packs.print_pack(meeting, "private", cover_values=_values(demo.packs.cover_draft(meeting, "private")),
                          sections=["cover"])
    demo.packs.print_pack(meeting, "public", cover_values=_values(demo.packs.cover_draft(meeting, "public")),
                          sections=["cover"])
    demo.risks.create({"reference": "ZZ1", "title": "Provider failure in home care", "category": "finance",
                       "inherent_consequence": 5, "inherent_likelihood": 5, "current_consequence": 5,
                       "current_likelihood": 5, "target_consequence": 3, "target_likelihood": 2, "baf": True})
    assert demo.packs.cover_draft(meeting, "private").risk_register.startswith("ZZ1 Provider failure in home care (25)")
    pbp2 = next(r for r in demo.queries.risks() if r.reference == "PBP2")
    assert "PBP2" in demo.packs.cover_draft(meeting, "public").risk_register
    demo.risks.update(pbp2.id, {"confidential": True}, pbp2.version)
    public = demo.packs.cover_draft(meeting, "public")
    assert "PBP2" not in public.risk_register + public.baf + public.baf_risks
    demo.packs.print_pack(meeting, "public", cover_values=_values(public), sections=["cover"])  # not refused
    # what the author wrote is kept, whatever the register does next
    own = {**_values(demo.packs.cover_draft(meeting, "private")), "risk_register": "The home care market (see ZZ1)."}
    demo.packs.print_pack(meeting, "private", cover_values=own, sections=["cover"])
    zz1 = next(r for r in demo.queries.risks() if r.reference == "ZZ1")
    demo.risks.update(zz1.id, {"current_likelihood": 4}, zz1.version)
    assert demo.packs.cover_draft(meeting, "private").risk_register == "The home care market (see ZZ1)."
