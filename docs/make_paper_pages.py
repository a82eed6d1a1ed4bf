"""The meeting papers of the demo register, printed and turned into PNG pages for the README.

    .venv/bin/python docs/make_paper_pages.py      (needs pdftoppm, from Debian's poppler-utils)

Writes docs/papers/NAME-N.png: the 7 October 2019 agenda of the scrutiny board, public and
private (with one Part 2 item added so both versions show it), the minutes of 29 July 2019 as a
draft and once approved at 7 October (with an amendment), the action log (private) and the
public register of interests; "today" fixed at 23/11/2026 so the pages do not change.
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
    out = ROOT / "docs" / "papers"
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.png"):
        old.unlink()
    today = date(2026, 11, 23)
    with tempfile.TemporaryDirectory() as tmp:
        reg = Register.open(f"sqlite:///{Path(tmp) / 'demo.sqlite'}", create=True, user="Christine Anne Guest",
                            clock=lambda: today)
        build_demo(reg, today=today)
        october = next(m for m in reg.queries.meetings() if m.meets_on == date(2019, 10, 7))
        july = next(m for m in reg.queries.meetings() if m.meets_on == date(2019, 7, 29))
        reg.meetings.add_item({
            "meeting_id": october.id, "title": "Procurement of the community respiratory service",
            "confidential": True, "presenter": "Andy Williams, Chief Accountable Officer", "purpose": "decision",
            "description": "To agree the procurement route for the community respiratory service (commercially "
                           "sensitive).", "paper_ref": "HASC 07/10/19 (6)"})
        papers: list[tuple[str, bytes]] = []

        def paper(name: str, kind: str, target, session: str) -> None:
            papers.append((name, reg.papers.preview(kind, target, session, "pdf")))

        paper("agenda-public", "agenda", october.id, "public")
        paper("agenda-private", "agenda", october.id, "private")
        paper("minutes-draft", "minutes", july.id, "public")
        paper("action-log", "action_log", None, "private")
        paper("interests-public", "interests", None, "public")
        approving = next(i for i in reg.queries.meeting(october.id).items if i.kind.value == "previous_minutes")
        reg.meetings.approve_minutes(approving.id)
        item = next(i for i in reg.queries.meeting(july.id).items if i.minutes)
        reg.meetings.amend_minutes(
            item.id, item.minutes.replace("of inpatient Respiratory Medicine.", "of Inpatient Respiratory Medicine."),
            "Capitalisation of the service name corrected at the meeting of 7 October 2019",
            expected_version=item.minute_version)
        paper("minutes-approved", "minutes", july.id, "public")
        reg.close()
        for name, pdf in papers:
            source = Path(tmp) / f"{name}.pdf"
            source.write_bytes(pdf)
            subprocess.run(["pdftoppm", "-r", "60", "-png", str(source), str(out / name)], check=True)
    for png in sorted(out.glob("*.png")):
        print(png)
    return 0


if __name__ == "__main__":
    sys.exit(main())
