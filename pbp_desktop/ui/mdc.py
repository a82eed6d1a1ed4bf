"""UI layer: Making Data Count on screen - the variation and assurance icons, drawn by the app,
each with its letter, so colour is never the only signal. (The XmR chart is in ui/charts.py.)"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPen, QPixmap

from ..domain.spc import ICON_LETTERS, SpcResult

VARIATION = {"common": "#A6A6A6", "improvement": "#00B0F0", "concern": "#E46C0A", "neutral": "#490092"}
ASSURANCE = {"pass.svg": "#00B0F0", "fail.svg": "#E46C0A", "inconsistent.svg": "#A6A6A6"}
POINTS = {"common_cause": "#7F7F7F", "special_cause_improvement": "#00B0F0", "special_cause_concern": "#E46C0A",
          "special_cause_neutral_high": "#490092", "special_cause_neutral_low": "#490092"}
WORDS = {"common_cause.svg": "common cause", "improvement_high.svg": "improvement (high)",
         "improvement_low.svg": "improvement (low)", "concern_high.svg": "concern (high)",
         "concern_low.svg": "concern (low)", "neutral_high.svg": "neutral (high)", "neutral_low.svg": "neutral (low)",
         "pass.svg": "passes the target", "fail.svg": "fails the target", "inconsistent.svg": "hit or miss"}


def _colour(icon: str) -> str:
    if icon in ASSURANCE:
        return ASSURANCE[icon]
    return VARIATION[icon.split("_")[0]]


def icon_pixmap(icon: str, size: int = 22) -> QPixmap:
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = QColor(_colour(icon))
    p.setPen(QPen(colour, max(1.5, size / 10)))
    p.setBrush(Qt.GlobalColor.white)
    p.drawEllipse(QRectF(1.5, 1.5, size - 3, size - 3))
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(colour)
    inset = size * 0.18
    p.drawEllipse(QRectF(inset, inset, size - 2 * inset, size - 2 * inset))
    font = QFont()
    font.setBold(True)
    font.setPixelSize(max(7, int(size * 0.5)))
    p.setFont(font)
    p.setPen(Qt.GlobalColor.white)
    p.drawText(QRectF(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, ICON_LETTERS[icon])
    p.end()
    return pix


def icons_for(spc: SpcResult, size: int = 18) -> QIcon:
    """Both icons side by side, for an item view's decoration."""
    return _icons(spc.variation_icon, spc.assurance_icon, size)


@lru_cache(maxsize=64)
def _icons(variation: str, assurance: str | None, size: int) -> QIcon:
    """Drawn once per pair and size: a tree of 600 indicators paints the same few pairs."""
    icons = [i for i in (variation, assurance) if i]
    pix = QPixmap(size * len(icons) + 2 * (len(icons) - 1), size)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    for k, icon in enumerate(icons):
        p.drawPixmap(k * (size + 2), 0, icon_pixmap(icon, size))
    p.end()
    return QIcon(pix)


def describe(spc: SpcResult) -> str:
    text = WORDS[spc.variation_icon]
    if spc.assurance_icon:
        text += f"; {WORDS[spc.assurance_icon]}"
    return text
