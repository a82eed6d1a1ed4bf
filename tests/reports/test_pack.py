"""Reports: the assurance pack read back with pypdf - sections, scorecard figures, page
furniture, bookmarks, fonts, vector charts, public/private content, identical reprints."""

from __future__ import annotations

import dataclasses
import io
import re

import pytest
from pypdf import PdfReader

from pbp_desktop.domain.enums import Rag
from pbp_desktop.readmodels.pack import SECTION_TITLES
from pbp_desktop.reports import build_pack


def squash(text: str) -> str:
    """Text without whitespace, so a phrase wrapped over lines or cells still matches."""
    return re.sub(r"\s+", "", text)


@pytest.fixture
def printed(demo):
    meeting = demo.packs.resolve_meeting("next")
    printed = demo.packs.print_pack(meeting, "private")
    ref_private, private = printed.reference, printed.pdf
    printed = demo.packs.print_pack(meeting, "public")
    ref_public, public = printed.reference, printed.pdf
    return {"private": (ref_private, PdfReader(io.BytesIO(private)), private),
            "public": (ref_public, PdfReader(io.BytesIO(public)), public)}


def pages_text(reader: PdfReader) -> list[str]:
    return [p.extract_text() for p in reader.pages]


def test_sections_in_order_with_a_bookmark_each(printed):
    _, reader, _ = printed["private"]
    top = [o.title for o in reader.outline if not isinstance(o, list)]
    titles = list(SECTION_TITLES.values())
    assert top == titles[:1] + ["Contents"] + titles[1:]  # the contents page follows the cover sheet
    texts = pages_text(reader)
    first_page = {title: next(i for i, t in enumerate(texts) if title in t.split("\n")[2:6] or f"\n{title}\n" in t)
                  for title in SECTION_TITLES.values()}
    assert list(first_page.values()) == sorted(first_page.values())


def test_every_bookmark_opens_the_page_its_heading_is_printed_on(printed):
    """Issue 19: bookmarks pointed at page 1 while the pages were held back for "Page X of Y"."""
    for session in ("private", "public"):
        _, reader, _ = printed[session]
        texts = [squash(t) for t in pages_text(reader)]

        def walk(entries, depth=0):
            for entry in entries:
                if isinstance(entry, list):
                    yield from walk(entry, depth + 1)
                else:
                    yield entry, depth
        checked = 0
        for entry, _depth in walk(reader.outline):
            page = reader.get_destination_page_number(entry)
            assert squash(entry.title) in texts[page], (session, entry.title, page)
            checked += 1
        assert checked >= len(SECTION_TITLES)
        assert len({reader.get_destination_page_number(e) for e, _ in walk(reader.outline)}) > 1


def test_every_page_has_header_footer_reference_and_page_x_of_y(printed):
    for session, marking in (("private", "PRIVATE - NOT FOR PUBLICATION"), ("public", "PUBLIC SESSION")):
        reference, reader, _ = printed[session]
        n = len(reader.pages)
        for i, text in enumerate(pages_text(reader), start=1):
            assert squash(f"Page {i} of {n}") in squash(text), (session, i)
            assert reference in text and "10/12/2026" in text
            assert text.count(marking) == 2, (session, i)  # header and footer
            assert "Sandwell Integrated Care Alliance · Assurance pack" in text
    _, public, _ = printed["public"]
    assert "PRIVATE" not in "".join(pages_text(public))


def test_scorecard_values_equal_the_register(printed, demo):
    _, reader, _ = printed["private"]
    texts = pages_text(reader)
    wide = [float(p.mediabox.width) > float(p.mediabox.height) for p in reader.pages]
    scorecard = squash("".join(t for t, w in zip(texts, wide, strict=True) if w))
    for outcome in demo.queries.outcome_tree():
        for objective in outcome.objectives:
            for ind in objective.indicators:
                assert squash(f"{ind.code} {ind.name}") in scorecard, ind.code
                if ind.latest is not None:
                    assert squash(f"{ind.fmt(ind.latest.actual)} ({ind.latest.period})") in scorecard, ind.code
                assert squash(f"{ind.rag.letter} {ind.rag.label}") in scorecard
    counts = demo.queries.summary().outcomes
    laa = next(o for o in counts if o.reference == "LAA")
    assert laa.counts[Rag.RED] == 3


def test_a_wide_table_gets_a_landscape_page(printed):
    _, reader, _ = printed["private"]
    shapes = [(float(p.mediabox.width) > float(p.mediabox.height)) for p in reader.pages]
    assert any(shapes) and not shapes[0]
    landscape = [i for i, wide in enumerate(shapes) if wide]
    assert "Scorecard" in reader.pages[landscape[0]].extract_text()
    assert all("Plan for" in reader.pages[i].extract_text() for i in landscape)  # the header row repeats
    assert landscape == list(range(landscape[0], landscape[-1] + 1)) and len(landscape) >= 2


def test_fonts_are_embedded_and_charts_are_vectors(printed):
    _, reader, _ = printed["private"]
    for page in reader.pages:
        resources = page["/Resources"]
        used = set(re.findall(rb"/(F[\w+]+) [\d.]+ Tf", page.get_contents().get_data()))
        assert used
        for name in used:
            font = resources["/Font"]["/" + name.decode()].get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor and "DejaVuSans" in str(font["/BaseFont"])
        xobjects = resources.get("/XObject", {})
        assert not any(x.get_object().get("/Subtype") == "/Image" for x in xobjects.values())


def test_public_pack_withholds_every_confidential_thing_and_says_so(printed, demo):
    secrets: list[str] = []
    for r in demo.queries.risks():
        if r.confidential:
            secrets += [r.title, r.event or "", r.controls or "", r.gaps or ""]
    for a in demo.queries.actions():
        if a.confidential:
            secrets.append(a.description)
    for m in demo.queries.meetings():
        for item in demo.queries.meeting(m.id).items:
            if item.confidential:
                secrets.append(item.title)
            if item.minutes_confidential and item.minutes:
                secrets.append(item.minutes)
    secrets = [s for s in secrets if s]
    assert len(secrets) >= 5
    public = squash("".join(pages_text(printed["public"][1])))
    private = squash("".join(pages_text(printed["private"][1])))
    leaked = [s for s in secrets if squash(s) in public]
    assert leaked == []
    shown_privately = [s for s in secrets if squash(s) in private]
    assert shown_privately, "the private pack shows confidential items, so this check can fail"
    assert squash("withholds 6 actions, 1 agenda item, 1 risk that are private") in public
    assert squash("private agenda item(s) withheld") in public


def test_the_same_register_and_options_give_the_same_bytes(demo):
    meeting = demo.packs.resolve_meeting("next")
    data = demo.packs.build(meeting, "private", reference="PACK-TEST")
    assert build_pack(data) == build_pack(data)


def test_reprint_is_byte_identical_after_the_register_moves_on(printed, demo):
    reference, _, original = printed["public"]
    risk = next(r for r in demo.queries.risks() if r.reference == "SR1")
    demo.risks.rescore(risk.id, {"consequence": 5, "likelihood": 5}, risk.version)
    assert demo.packs.pdf(reference) == original
    meeting = demo.packs.resolve_meeting("next")
    printed = demo.packs.print_pack(meeting, "public")
    again = printed.pdf
    assert again != original  # the register moved on, so a new pack differs


def test_the_pack_record_keeps_hash_snapshot_who_and_when(printed, demo):
    import hashlib
    import json
    reference, _, pdf = printed["private"]
    row = next(p for p in demo.queries.packs() if p.reference == reference)
    assert row.sha256 == hashlib.sha256(pdf).hexdigest()
    assert (row.printed_by, row.session.value, row.size) == ("secretary", "private", len(pdf))
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from pbp_desktop.storage.models import Pack
    with Session(demo.opened.engine) as s:
        snapshot = json.loads(s.scalar(select(Pack.snapshot).where(Pack.reference == reference)))
    assert snapshot["reference"] == reference and snapshot["session"] == "private"
    assert {r["reference"] for r in snapshot["risks"]} >= {"PBP4", "SR1"}


def test_spc_chart_icons_and_the_mdc_summary_page(printed):
    _, reader, _ = printed["private"]
    texts = pages_text(reader)
    mdc = next(t for t in texts if "Making Data Count" in t and "Key" in t)
    assert "DTOC-SAN" in mdc and "Assurance P" in mdc and "special cause" in mdc
    everything = squash("".join(texts))
    assert squash("Statistical process control (XmR) chart, rebased from Feb 2015") in everything


def test_the_snapshot_holds_the_pack_data_field_by_field(demo):
    """The snapshot is the pack's data as JSON: each record with every field of its readmodel,
    enums as their values and dates in ISO form; the scorecard as the ids of the outcomes' own
    indicator rows, which it lists flat."""
    import dataclasses
    import json

    for session in ("private", "public"):
        data = demo.packs.build(demo.packs.resolve_meeting("next"), session)
        snapshot = json.loads(data.snapshot())
        assert set(snapshot) == {f.name for f in dataclasses.fields(data)}
        assert (snapshot["reference"], snapshot["session"], snapshot["printed_on"]) == (
            data.reference, data.session.value, data.printed_on.isoformat())
        assert [id(i) for i in data.scorecard] == [id(i) for o in data.outcomes for i in o.indicators]
        assert snapshot["scorecard"] == [i.id for i in data.scorecard]
        assert data.risks
        for risk, kept in zip(data.risks, snapshot["risks"], strict=True):
            assert set(kept) == {f.name for f in dataclasses.fields(risk)}
            assert (kept["reference"], kept["status"], kept["category"], kept["current_score"]) == (
                risk.reference, risk.status.value, risk.category.value, risk.current_score)
            assert kept["review_date"] == (risk.review_date.isoformat() if risk.review_date else None)
            assert [h["assessed_on"] for h in kept["history"]] == [h.assessed_on.isoformat() for h in risk.history]
        indicator = next(i for o in data.outcomes for i in o.indicators if i.periods)
        kept = next(i for o in snapshot["outcomes"] for i in o["indicators"] if i["id"] == indicator.id)
        assert [p["period"] for p in kept["periods"]] == [p.period for p in indicator.periods]
        assert [p["rag"] for p in kept["periods"]] == [p.rag.value for p in indicator.periods]



@pytest.mark.parametrize("section", list(SECTION_TITLES))
def test_a_pack_of_one_section_starts_on_its_first_page(demo, section):
    """Issue 19: a pack of one section began with a blank page (the page break before it)."""
    pdf = demo.packs.preview(demo.packs.resolve_meeting("next"), "private", sections=[section])
    reader = PdfReader(io.BytesIO(pdf))
    first = reader.pages[0]
    assert squash(SECTION_TITLES[section]) in squash(first.extract_text())
    if section == "scorecard":  # a landscape section makes the first page landscape
        assert first.mediabox.width > first.mediabox.height


def _contents_entries(reader: PdfReader) -> list[tuple[str, int]]:
    """The contents page's lines as (title, page number), read from its text: each line's title,
    its dot leaders and its number come out of the PDF as three lines."""
    page = next(t for t in pages_text(reader) if "\nContents\n" in t)
    body = page.split("\nContents\n", 1)[1]
    return [(m.group(1).strip(), int(m.group(2))) for m in re.finditer(r"([^\n]+)\n[. ]+\n(\d+)\n", body + "\n")]


def test_the_contents_page_gives_the_page_each_section_starts_on(printed):
    """Issue 19: a contents page with page numbers; each number is the page its heading is on,
    and the same page its bookmark opens."""
    for session in ("private", "public"):
        _, reader, _ = printed[session]
        texts = [squash(t) for t in pages_text(reader)]
        entries = _contents_entries(reader)
        titles = [t for t, _ in entries]
        for title in SECTION_TITLES.values():
            if title != "Cover sheet":
                assert title in titles, (session, title, titles)
        marks: dict[str, int] = {}

        def walk(items, marks=marks, reader=reader):
            for item in items:
                if isinstance(item, list):
                    walk(item)
                else:
                    marks[item.title] = reader.get_destination_page_number(item) + 1
        walk(reader.outline)
        for title, number in entries:
            assert squash(title.rstrip("…")) in texts[number - 1], (session, title, number)
            if title in marks:
                assert marks[title] == number, (session, title)
        assert len(entries) >= len(SECTION_TITLES)  # the outcomes and appendix parts under their sections
        numbers = [n for _, n in entries]
        assert numbers == sorted(numbers)


PAIRS = [(a, b) for i, a in enumerate(SECTION_TITLES) for b in list(SECTION_TITLES)[i + 1:]
         if "indicators" not in (a, b)]  # the indicators' pages are drawn in every other test


@pytest.mark.parametrize("pair", PAIRS, ids=["+".join(p) for p in PAIRS])
def test_any_two_sections_print_without_a_blank_page(demo, pair):
    """Issue 19: any combination of sections prints without blank pages (a section's page break
    after another's left an empty page)."""
    pdf = demo.packs.preview(demo.packs.resolve_meeting("next"), "private", sections=list(pair))
    reader = PdfReader(io.BytesIO(pdf))
    furniture = re.compile(r"Sandwell Integrated Care Alliance · Assurance pack|PRIVATE - NOT FOR PUBLICATION|"
                           r"PACK-\S+ · \S+|Page \d+ of \d+")
    for n, page in enumerate(reader.pages, start=1):
        assert furniture.sub("", page.extract_text()).strip(), (pair, n)
    assert ("Contents" in pages_text(reader)[0] + pages_text(reader)[1]) == (len([s for s in pair if s != "cover"]) >= 2)


def test_the_document_says_its_language_title_and_author(demo):
    """Issue 19: the pack's metadata: language en-GB, title and author from the cover sheet."""
    meeting = demo.packs.resolve_meeting("next")
    cover = {**dataclasses.asdict(demo.packs.cover_draft(meeting, "private")), "author": "Lisa McNally",
             "title": "Place assurance report, December 2026"}
    reader = PdfReader(io.BytesIO(demo.packs.preview(meeting, "private", cover_values=cover, sections=["summary"])))
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    assert reader.metadata.author == "Lisa McNally"
    assert reader.metadata.title.startswith("Place assurance report, December 2026 (PACK-")


def test_every_page_header_names_its_section(printed):
    """Issue 19: a page of a long section (the scorecard's third page) says which section it is in."""
    _, reader, _ = printed["private"]
    starts = sorted((reader.get_destination_page_number(m), m.title) for m in reader.outline if not isinstance(m, list))
    for n, text in enumerate(pages_text(reader)):
        section = [title for first, title in starts if first <= n][-1]
        # drawn once the page is laid out (the section is known then), so read last; a long name is
        # cut short of the session marking
        [said] = [line[3:] for line in text.split("\n") if line.startswith(" · ")]
        assert said == section or (said.endswith("…") and section.startswith(said[:-1])), (n, said, section)
