"""A long list in the pack is a run of short tables, each with the header, and each row keeps
its own shading."""

from __future__ import annotations

from pbp_desktop.reports import pack as pack_mod


def test_a_long_list_is_split_with_its_header_and_row_styles(monkeypatch):
    monkeypatch.setattr(pack_mod, "CHUNK", 3)
    data = [["Ref", "Text"]] + [[str(i), f"row {i}"] for i in range(1, 8)]
    extra = [("BACKGROUND", (0, 5), (-1, 5), "red"), ("BACKGROUND", (0, 0), (-1, 0), "blue"),
             ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    parts = pack_mod.grids(data, [20, 40], extra=extra)
    tables = [parts[0]] + [p._made() for p in parts[1:]]  # a part after the first, at the top of a page
    assert [len(t._cellvalues) for t in tables] == [4, 4, 2]
    assert all(t._cellvalues[0] == ["Ref", "Text"] for t in tables)
    assert [t._cellvalues[r][0] for t in tables for r in range(1, len(t._cellvalues))] == [str(i) for i in range(1, 8)]
    red = [(k, cmd) for k, t in enumerate(tables) for cmd in t._bkgrndcmds if cmd[3] == "red"]
    assert red == [(1, ("BACKGROUND", (0, 2), (-1, 2), "red"))]  # row 5 is the second body row of part two
    headless = pack_mod._headless(parts[1].common + parts[1].own)  # the same part following the one before
    assert ("BACKGROUND", (0, 1), (-1, 1), "red") in headless and ("BACKGROUND", (0, 0), (-1, 0), "blue") not in headless
    assert len(pack_mod.grids(data[:3], [20, 40], extra=extra)) == 1


def test_the_header_row_heads_each_page_of_a_long_list_and_never_its_middle(monkeypatch):
    """Issue 19: a long list repeated its header in the middle of a page, where one part of it
    followed another; now the header heads the list and each page it runs onto, and only those."""
    import io
    import re

    from pypdf import PdfReader
    from reportlab.lib.pagesizes import A6
    from reportlab.platypus import SimpleDocTemplate
    monkeypatch.setattr(pack_mod, "CHUNK", 7)
    pack_mod.register_fonts()
    rows = 120
    data = [["Ref", "Heading"]] + [[f"r{i:03d}", f"row {i}"] for i in range(1, rows + 1)]
    shade = [("BACKGROUND", (0, i), (-1, i), "#FDE8E6") for i in range(1, rows + 1, 9)]
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A6).build(pack_mod.grids(data, [60, 150], extra=shade))
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(out.getvalue())).pages]
    assert len(pages) > 3
    seen = []
    for text in pages:
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        assert lines[:2] == ["Ref", "Heading"] and lines.count("Heading") == 1, lines[:3]
        seen += [m.group(0) for m in re.finditer(r"r\d{3}", text)]
    assert seen == [f"r{i:03d}" for i in range(1, rows + 1)]  # every row once, in order


def test_a_cell_is_plain_text_when_it_fits_on_a_line_and_wraps_when_it_does_not():
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph
    short = pack_mod.C("A <b>& co", 40 * mm)
    assert short == "A <b>& co"  # plain text: drawn as written, never read as markup
    long = pack_mod.C("Agree the discharge to assess model with all partners " * 3, 40 * mm)
    assert isinstance(long, Paragraph) and long.wrap(40 * mm, 1000)[1] > 3 * 9  # it wraps
    assert pack_mod.C("first\nsecond", 40 * mm) == "first\nsecond"  # each line fits: a line each
    two_lines = pack_mod.C("first\n" + "second " * 20, 40 * mm)
    assert isinstance(two_lines, Paragraph) and "first<br/>second" in two_lines.text
    escaped = pack_mod.C("<script> " * 20, 20 * mm)
    assert isinstance(escaped, Paragraph) and "&lt;script&gt;" in escaped.text
    assert pack_mod.C(None, 20 * mm) == ""
