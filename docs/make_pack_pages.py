"""The demo register's private pack, printed and turned into PNG pages for the README.

    .venv/bin/python docs/make_pack_pages.py      (needs pdftoppm, from Debian's poppler-utils)

Writes docs/pack/demo-private-pack.pdf and docs/pack/page-NN.png, and the public pack of a framework
entered as its board wrote it (docs/pack/framework-public-pack.pdf, framework-NN.png), with
"today" fixed at 23/11/2026 so the pages do not change from run to run.
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
    out = ROOT / "docs" / "pack"
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("page-*.png"):
        old.unlink()
    today = date(2026, 11, 23)
    with tempfile.TemporaryDirectory() as tmp:
        reg = Register.open(f"sqlite:///{Path(tmp) / 'demo.sqlite'}", create=True, user="Christine Anne Guest",
                            clock=lambda: today)
        build_demo(reg, today=today)
        reg.set_user_name("Christine Anne Guest")  # the cover's author: the user's name from the settings
        printed = reg.packs.print_pack(reg.packs.resolve_meeting("next"), "private")
        pdf = printed.pdf
        reg.close()
    target = out / "demo-private-pack.pdf"
    target.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(target), str(out / "page")], check=True)
    for png in sorted(out.glob("page-*.png")):
        print(png)
    # a framework as its board wrote it (the tests' borough strategy): the public pack, no data yet
    sys.path.insert(0, str(ROOT / "tests" / "services"))
    from framework_as_written import build_framework
    for old in out.glob("framework-*.png"):
        old.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        reg = Register.open(f"sqlite:///{Path(tmp) / 'strategy.sqlite'}", create=True, user="Dr Sam Lee",
                            clock=lambda: today)
        build_framework(reg)
        reg.set_user_name("Dr Sam Lee")
        pdf = reg.packs.preview(None, "public", sections=["cover", "summary", "scorecard", "indicators"])
        reg.close()
    target = out / "framework-public-pack.pdf"
    target.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(target), str(out / "framework")], check=True)
    for png in sorted(out.glob("framework-*.png")):
        print(png)
    return 0


if __name__ == "__main__":
    sys.exit(main())
