"""Domain layer: the NHS 5x5 risk matrix. A score is always consequence x likelihood."""

from __future__ import annotations

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
