"""The monthly highlight report and the pack's programmes section, printed and turned into PNG
pages for the README.

    .venv/bin/python docs/make_highlight_pages.py      (needs pdftoppm, from Debian's poppler-utils)

Writes docs/highlight/highlight-private.pdf and docs/highlight/page-NN.png (the private report for
the month of the demo's latest highlight report; July 2022 over the example programmes), and the pack's programmes section (docs/highlight/pack-programmes.pdf, pack-NN.png),
over the demo register with "today" fixed at 23/11/2026. Where the demo holds no programmes yet,
the Sandwell place-based partnership's transformation projects are put in through reg.programmes
from the facts of its update paper (tests/reports/programmes_example.py; anything beyond the
paper's facts says it is illustrative).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    from pbp_desktop.services import Register
    from pbp_desktop.services.demo import build_demo

    if shutil.which("pdftoppm") is None:
        print("pdftoppm is missing: apt-get install poppler-utils", file=sys.stderr)
        return 1
    out = ROOT / "docs" / "highlight"
    out.mkdir(parents=True, exist_ok=True)
    for old in [*out.glob("page-*.png"), *out.glob("pack-*.png")]:
        old.unlink()
    today = date(2026, 11, 23)
    with tempfile.TemporaryDirectory() as tmp:
        reg = Register.open(f"sqlite:///{Path(tmp) / 'demo.sqlite'}", create=True, user="Christine Anne Guest",
                            clock=lambda: today)
        build_demo(reg, today=today)
        if not reg.queries.programmes(include_archived=True):
            from tests.reports.programmes_example import MONTH, plant_programmes
            plant_programmes(reg)
            month = f"{MONTH:%Y-%m}"
        else:  # the demo's own: the month of its latest highlight report
            month = max(f"{u.month:%Y-%m}" for p in reg.queries.programmes() for u in p.updates)
        report = reg.highlight.render(month, "private")
        pack = reg.packs.preview(reg.packs.resolve_meeting("next"), "private", sections=["programmes"],
                                 as_at=date(2022, 7, 31))
        reg.close()
    for name, pdf, prefix in (("highlight-private.pdf", report, "page"), ("pack-programmes.pdf", pack, "pack")):
        target = out / name
        target.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", "60", "-png", str(target), str(out / prefix)], check=True)
        for png in out.glob(f"{prefix}-*.png"):  # page-NN.png, however many pages
            number = png.stem.rsplit("-", 1)[1]
            png.rename(out / f"{prefix}-{int(number):02d}.png")
    for png in sorted(out.glob("*.png")):
        print(png)
    return 0


if __name__ == "__main__":
    sys.exit(main())
