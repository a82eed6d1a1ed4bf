"""Reports layer: fonts (TrueType, embedded) and colours of the printed pack - the same RAG
colours as the screen, and NHS Blue for the chrome."""

from __future__ import annotations

from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ..domain.enums import Rag, RiskBand
from ..paths import resources_dir

FONT, BOLD, ITALIC, BOLD_ITALIC = "PBPSans", "PBPSans-Bold", "PBPSans-Oblique", "PBPSans-BoldOblique"

NHS_BLUE = colors.HexColor("#005EB8")
NHS_DARK_BLUE = colors.HexColor("#003087")
PALE_GREY = colors.HexColor("#E8EDEE")
MID_GREY = colors.HexColor("#768692")
TEXT = colors.HexColor("#212B32")
PRIVATE_RED = colors.HexColor("#D5281B")
OVERDUE_SHADE = colors.HexColor("#FDE8E6")
RAG_BG = {Rag.RED: colors.HexColor("#D5281B"), Rag.AMBER: colors.HexColor("#FFB81C"),
          Rag.GREEN: colors.HexColor("#007F3B"), Rag.GREY: colors.HexColor("#AEB7BD")}
RAG_FG = {Rag.RED: colors.white, Rag.AMBER: TEXT, Rag.GREEN: colors.white, Rag.GREY: TEXT}
BAND_BG = {RiskBand.LOW: colors.HexColor("#78BE20"), RiskBand.MODERATE: colors.HexColor("#FFEB3B"),
           RiskBand.HIGH: colors.HexColor("#ED8B00"), RiskBand.EXTREME: colors.HexColor("#D5281B")}
BAND_FG = {RiskBand.LOW: TEXT, RiskBand.MODERATE: TEXT, RiskBand.HIGH: TEXT, RiskBand.EXTREME: colors.white}


@cache
def register_fonts() -> None:
    """Embed DejaVu Sans (resources/fonts) so every name, accent and symbol prints."""
    folder = resources_dir() / "fonts"
    for name, file in ((FONT, "DejaVuSans.ttf"), (BOLD, "DejaVuSans-Bold.ttf"),
                       (ITALIC, "DejaVuSans-Oblique.ttf"), (BOLD_ITALIC, "DejaVuSans-BoldOblique.ttf")):
        pdfmetrics.registerFont(TTFont(name, str(folder / file)))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC)
    # drawings start each render by setting their default font: make it ours, so the pack never
    # declares an unembedded Helvetica
    from reportlab.graphics import shapes
    shapes.STATE_DEFAULTS["fontName"] = FONT


@cache
def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    base = ParagraphStyle("body", fontName=FONT, fontSize=9, leading=12, textColor=TEXT, alignment=TA_LEFT)
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=7.5, leading=9.5),
        "cell": ParagraphStyle("cell", parent=base, fontSize=7.5, leading=9.2),
        "cell_bold": ParagraphStyle("cell_bold", parent=base, fontName=BOLD, fontSize=7.5, leading=9.2),
        "head": ParagraphStyle("head", parent=base, fontName=BOLD, fontSize=7.5, leading=9.2, textColor=colors.white),
        "h1": ParagraphStyle("h1", parent=base, fontName=BOLD, fontSize=16, leading=20, textColor=NHS_DARK_BLUE,
                             spaceAfter=8),
        "h2": ParagraphStyle("h2", parent=base, fontName=BOLD, fontSize=11.5, leading=15, textColor=NHS_BLUE,
                             spaceBefore=8, spaceAfter=4, keepWithNext=1),  # a heading never ends a page
        "h3": ParagraphStyle("h3", parent=base, fontName=BOLD, fontSize=10, leading=13, textColor=NHS_DARK_BLUE,
                             spaceBefore=4, spaceAfter=3, keepWithNext=1),
        "label": ParagraphStyle("label", parent=base, fontName=BOLD, fontSize=8.5, leading=11),
        "note": ParagraphStyle("note", parent=base, fontName=ITALIC, fontSize=8, leading=10.5, textColor=MID_GREY),
        "judgement": ParagraphStyle("judgement", parent=base, fontName=BOLD, fontSize=13, leading=17,
                                    textColor=NHS_DARK_BLUE),
    }
