"""The printed minutes of the scrutiny board of 29 July 2019 (public, PDF text) against the seed's
minutes (shared/seeds/004_...txt), section by section: present, in attendance, apologies, 12/19
(the declaration), 13/19 to 16/19 with their resolutions, and the time the meeting ended.
Whitespace, bullets and typographic quotes and dashes are normalised on both sides; every other
difference allowed is listed in ALLOWED with its reason."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "seeds" / "004_83e2ab3e45cb2e34.txt"

SECTIONS = ("Present:", "In Attendance:", "Apologies:", "12/19", "13/19", "14/19", "15/19", "16/19",
            "(Meeting ended")

# (section, text in the seed, text printed, why the difference is allowed)
ALLOWED: tuple[tuple[str, str, str, str], ...] = (
    ("In Attendance:", "Lisa Mc Nally", "Lisa McNally",
     "the register holds her name once, as she is named everywhere else in the seeds"),
    ("15/19", "o work with charitable", "to work with charitable",
     "the seed's text lost the 't' when it was taken out of the PDF; the demo has the minute as written"),
    ("15/19", "Resolved: - that the report", "Resolved: - (1) that the report",
     "the seed's text lost the '(1)' of the first resolution when it was taken out of the PDF; the paper "
     "numbers every resolution of several"),
)

# Differences in the seed itself that the printed minutes reproduce (not differences, noted so a
# reader of the test knows they were seen): the declaration (12/19) names the item "Respiratory
# Medicine" where the item's title (14/19) is "... Respiratory Medicines" - the demo's declaration
# names the item by its title, so the seed's sentence is compared after ITEM_TITLE below.
ITEM_TITLE = ("Reconfiguration of Inpatients Respiratory Medicine,", "Reconfiguration of Inpatients Respiratory "
              "Medicines,", "the declaration is minuted from the record, naming the item by its title (14/19: "
              "'Reconfiguration of Inpatients Respiratory Medicines'); the seed's secretary typed 'Medicine'")

_TYPO = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-",
                       "\u00a0": " "})


def normalise(text: str) -> str:
    """Whitespace, bullets and typographic quotes and dashes made plain."""
    text = text.translate(_TYPO)
    text = re.sub(r"(?m)^\s*(?:[-•*]|\u2022)\s+", " ", text)  # bullets at the start of a line
    text = text.replace("•", " ")
    text = text.replace("**", "")  # the seed's bold
    text = re.sub(r"(?m)^>\s*", "", text)
    return " ".join(text.split())


def split(text: str) -> dict[str, str]:
    """The text between each section's marker and the next."""
    found: dict[str, str] = {}
    places = []
    start = 0
    for marker in SECTIONS:
        at = text.find(marker, start)
        assert at >= 0, f"no section {marker!r} in: {text[start:start + 300]}"
        places.append((marker, at))
        start = at + len(marker)
    for n, (marker, at) in enumerate(places):
        end = places[n + 1][1] if n + 1 < len(places) else len(text)
        found[marker] = text[at:end].strip()
    found["(Meeting ended"] = found["(Meeting ended"].split(")")[0] + ")"
    return found


def seed_minutes() -> str:
    raw = SEED.read_text(encoding="utf-8")
    start = raw.index("Minutes of the Health and Adult Social Care Scrutiny Board")
    end = raw.index("Contact Officer:", start)
    return raw[start:end]


def printed_minutes(pdf: bytes) -> str:
    """The page text without each page's furniture (header, footer, marking, page number)."""
    lines = []
    pages = PdfReader(io.BytesIO(pdf)).pages
    total = str(len(pages))  # "of Y" is drawn apart from "Page X", and read as a line of its own
    for page in pages:
        for line in page.extract_text().splitlines():
            s = line.strip()
            if (s.startswith(("Health and Adult Social Care Scrutiny Board · Minutes", "MINUTES-", "Page "))
                    or s == total
                    or s in ("DRAFT", "DRAFT · PUBLIC", "PUBLIC", "DRAFT - subject to approval at the next meeting")):
                continue
            lines.append(line)
    return "\n".join(lines)


@pytest.mark.skipif(not SEED.exists(), reason="the seeds (../shared/seeds) are not beside this checkout")
def test_printed_minutes_of_29_july_2019_match_the_seed(demo):
    july = next(m for m in demo.queries.meetings() if m.meets_on.isoformat() == "2019-07-29")
    printed = demo.papers.print_paper("minutes", july.id, "public")
    ours = split(normalise(printed_minutes(printed.pdf)))
    seed = split(normalise(seed_minutes()))
    seed["12/19"] = seed["12/19"].replace(ITEM_TITLE[0], ITEM_TITLE[1])
    for section, theirs, mine, _why in ALLOWED:
        assert theirs in seed[section], f"allowed difference no longer in the seed: {theirs!r}"
        seed[section] = seed[section].replace(theirs, mine)
    # the seed runs "In Attendance" and "Apologies" with their label; the paper the same
    for section in SECTIONS:
        assert ours[section] == seed[section], f"{section}\n seed:    {seed[section]}\n printed: {ours[section]}"
