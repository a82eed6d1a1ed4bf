"""Benchmark: how long the demo register's pack takes to print (build the data, render the
PDF, record it). A benchmark, not a test: run it by hand and compare with the target.

    .venv/bin/python tests/perf/bench_pack.py [--runs 5]

Target (issue 4): the demo register's pack prints in under 5 seconds on the project machine.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

TARGET_SECONDS = 5.0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from pbp_desktop.services import Register
    from pbp_desktop.services.demo import build_demo

    today = date(2026, 11, 23)
    with tempfile.TemporaryDirectory() as tmp:
        reg = Register.open(f"sqlite:///{Path(tmp) / 'demo.sqlite'}", create=True, user="bench", clock=lambda: today)
        build_demo(reg, today=today)
        meeting = reg.packs.resolve_meeting("next")
        timings = {"private": [], "public": []}
        pages = {}
        for _ in range(args.runs):
            for session in timings:
                start = time.perf_counter()
                printed = reg.packs.print_pack(meeting, session)
                pdf = printed.pdf
                timings[session].append(time.perf_counter() - start)
                pages[session] = pdf.count(b"/Type /Page\n") or pdf.count(b"/Type /Page")
        reg.close()
    print(f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}")
    worst = 0.0
    for session, runs in timings.items():
        med = statistics.median(runs)
        worst = max(worst, max(runs))
        print(f"{session:>7} pack: median {med:.2f} s, slowest {max(runs):.2f} s over {len(runs)} prints")
    verdict = "within" if worst < TARGET_SECONDS else "OVER"
    print(f"target: under {TARGET_SECONDS:.0f} s per pack - {verdict} target (slowest {worst:.2f} s)")
    return 0 if worst < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
