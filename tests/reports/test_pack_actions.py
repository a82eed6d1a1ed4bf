"""The pack's action log at scale (issue 19): it opens with counts by owner and organisation and
the overdue list; a long log goes in full to an appendix. The thresholds are lowered here so the
demo register's log counts as long."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from pbp_desktop.reports import pack as pack_mod


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture
def long_log(monkeypatch):
    monkeypatch.setattr(pack_mod._Builder, "INLINE_ACTIONS", 2)
    monkeypatch.setattr(pack_mod._Builder, "OVERDUE_LISTED", 3)


def _pages(pdf: bytes) -> tuple[PdfReader, list[str]]:
    reader = PdfReader(io.BytesIO(pdf))
    return reader, [p.extract_text() for p in reader.pages]


def test_a_long_log_opens_with_counts_and_the_longest_overdue_and_goes_in_full_to_an_appendix(demo, long_log):
    meeting = demo.packs.resolve_meeting("next")
    data = demo.packs.build(meeting, "private", sections=["actions"])
    opened = data.open_actions
    overdue = sorted((a for a in opened if a.overdue), key=lambda a: (-a.days_overdue, a.reference))
    assert len(opened) > 2 and len(overdue) > 3
    reader, texts = _pages(demo.packs.preview(meeting, "private", sections=["actions"]))
    split = next(i for i, t in enumerate(texts) if "Appendix: action log in full" in t)
    section, appendix = squash("".join(texts[:split])), squash("".join(texts[split:]))
    assert squash(f"{len(opened)} open actions, {len(overdue)} of them overdue") in section
    assert "Openactionsbyowner" in section and "Openactionsbyorganisation" in section
    for owner, partner in {(a.owner_name, a.owner_partner_name) for a in opened}:
        mine = [a for a in opened if (a.owner_name, a.owner_partner_name) == (owner, partner)]
        late = sum(a.overdue for a in mine)
        row = f"{owner}{partner or 'No organisation recorded'}{len(mine)}{late or '—'}"
        assert squash(row) in section, row  # the owner's row: open, overdue
    assert squash(f"The 3 longest overdue of {len(overdue)}") in section
    listed = [a.reference for a in overdue[:3]]
    for ref in listed:
        assert ref in section
    for a in overdue[3:]:
        assert a.reference not in section  # the rest only in the appendix
    for a in opened:
        assert a.reference in appendix
    marks = {m.title: reader.get_destination_page_number(m) for m in reader.outline if not isinstance(m, list)}
    assert marks["Appendix: action log in full"] == split


def test_with_the_appendix_the_full_log_is_one_of_its_parts(demo, long_log):
    meeting = demo.packs.resolve_meeting("next")
    reader, texts = _pages(demo.packs.preview(meeting, "private", sections=["actions", "appendix"]))
    top = [m.title for m in reader.outline if not isinstance(m, list)]
    assert top == ["Contents", "Action log", "Appendix"]
    parts = [m.title for m in reader.outline[-1]]
    assert parts[-1] == "Action log in full"
    # the part's heading, a line of its own (the section's intro names it too, wrapped where its words fall)
    assert texts.index(next(t for t in texts if "\nAction log in full\n" in t and "Contents" not in t)) >= \
        reader.get_destination_page_number(reader.outline[-2])


def test_a_short_log_prints_in_the_section_with_its_counts(demo):
    reader, texts = _pages(demo.packs.preview(demo.packs.resolve_meeting("next"), "private", sections=["actions"]))
    text = squash("".join(texts))
    assert "Openactionsbyowner" in text and "Openactions" in text and "actionloginfull" not in text
