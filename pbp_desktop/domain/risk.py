"""Domain layer: the NHS 5x5 risk matrix. A score is always consequence x likelihood."""

from __future__ import annotations

import re
from datetime import date

from .enums import RiskBand

CONSEQUENCE_LABELS = {1: "Negligible", 2: "Minor", 3: "Moderate", 4: "Major", 5: "Catastrophic"}
LIKELIHOOD_LABELS = {1: "Rare", 2: "Unlikely", 3: "Possible", 4: "Likely", 5: "Almost certain"}
EXTREME_THRESHOLD = 15


def score(consequence: int, likelihood: int) -> int:
    """Consequence (1-5) times likelihood (1-5). "Major (4) x Unlikely (2)" is 8, not 12."""
    for name, v in (("consequence", consequence), ("likelihood", likelihood)):
        if isinstance(v, bool) or not isinstance(v, int) or not 1 <= v <= 5:
            raise ValueError(f"{name} must be a whole number from 1 to 5, not {v!r}")
    return consequence * likelihood


def band(value: int) -> RiskBand:
    """1-3 low, 4-6 moderate, 8-12 high, 15-25 extreme (the products the matrix can give)."""
    if not 1 <= value <= 25:
        raise ValueError(f"a risk score is from 1 to 25, not {value}")
    if value <= 3:
        return RiskBand.LOW
    if value <= 6:
        return RiskBand.MODERATE
    if value <= 12:
        return RiskBand.HIGH
    return RiskBand.EXTREME


def describe(consequence: int, likelihood: int) -> str:
    """'Major (4) x Unlikely (2) = 8', the way risk tables print a score."""
    s = score(consequence, likelihood)
    return (f"{CONSEQUENCE_LABELS[consequence]} ({consequence}) x "
            f"{LIKELIHOOD_LABELS[likelihood]} ({likelihood}) = {s}")


# A register keeps a risk's gaps in one text (no column of its own for gaps in assurance): a
# line that starts "Control:" or "Assurance:" (or "Gaps in control:", "Gap in assurance:") says
# which kind of gap it is; a line that says neither is printed as the register holds it.
_GAP_KIND = re.compile(r"^\s*(?:gaps?\s+in\s+)?(control|assurance)s?\s*[:\-\u2013]\s*", re.IGNORECASE)


def split_gaps(text: str | None) -> tuple[str, str, str]:
    """(gaps in control, gaps in assurance, gaps not said to be either), each as written."""
    control: list[str] = []
    assurance: list[str] = []
    other: list[str] = []
    current: list[str] | None = None
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        m = _GAP_KIND.match(line)
        if m:
            current = control if m.group(1).lower() == "control" else assurance
            rest = line[m.end():].strip()
            if rest:
                current.append(rest)
        elif current is not None:  # a continuation of the kind named above it
            current.append(line.strip())
        else:
            other.append(line.strip())
    return "\n".join(control), "\n".join(assurance), "\n".join(other)


def review_overdue(review_date: date | None, as_at: date) -> bool:
    """A review date before the "as at" date has passed without the review."""
    return review_date is not None and review_date < as_at
