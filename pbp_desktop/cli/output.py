"""CLI layer: plain-text rendering of readmodels for the terminal."""

from __future__ import annotations

import textwrap
from typing import TextIO

from ..domain.enums import Rag
from ..domain.periods import uk_date
from ..readmodels import IndicatorRow, RegisterSummary

_TAG = {Rag.RED: "[R]", Rag.AMBER: "[A]", Rag.GREEN: "[G]", Rag.GREY: "[-]"}


def _indicator_line(i: IndicatorRow) -> str:
    latest = i.latest
    if latest is None:
        figure = "no data yet"
    else:
        flags = [f for f, on in (("provisional", latest.provisional), ("illustrative", latest.illustrative)) if on]
        figure = f"{i.fmt(latest.actual)} in {latest.period}" + (f" ({', '.join(flags)})" if flags else "")
        if latest.planned is not None:
            figure += f", plan {i.fmt(latest.planned)}"
    if i.target_value is not None and i.target_date is not None:
        target = f"target {i.fmt(i.target_value)} by {uk_date(i.target_date)}"
        if i.baseline_value is not None:
            target = f"from {i.fmt(i.baseline_value)} ({i.baseline_period}) to {i.fmt(i.target_value)} by {uk_date(i.target_date)}"
    else:
        target = "baseline or target awaited"
    return f"    {_TAG[i.rag]} {i.rag.label:<7} {i.label}: {figure}; {target}"


def print_summary(s: RegisterSummary, out: TextIO) -> None:
    p = s.partnership
    title = f"{p.name} ({p.place})" if p else "Register"
    print(f"{title}: summary at {uk_date(s.today)}", file=out)
    if p and p.host_partner:
        print(f"Host organisation: {p.host_partner}", file=out)
    print("", file=out)
    print("Priority outcomes (RAG of each indicator's latest figure)", file=out)
    print(f"  {'':<58} {'Red':>4} {'Amber':>6} {'Green':>6} {'No data':>8}", file=out)
    for o in s.outcomes:
        name = textwrap.shorten(f"{o.reference} {o.title}", 58, placeholder="...")
        c = o.counts
        print(f"  {name:<58} {c[Rag.RED]:>4} {c[Rag.AMBER]:>6} {c[Rag.GREEN]:>6} {c[Rag.GREY]:>8}", file=out)
        for i in o.indicators:
            print(_indicator_line(i), file=out)
    actions = s.overdue_actions
    print("", file=out)
    print(f"Overdue actions ({s.overdue_count:,})", file=out)
    for a in actions:
        desc = textwrap.shorten(a.description, 70, placeholder="...")
        print(f"  {a.reference:<9} due {uk_date(a.due_on)} ({a.days_overdue:,} days overdue, {a.status.label.lower()})"
              f"  {a.owner_name}: {desc}", file=out)
    if s.overdue_count > len(actions):
        print(f"  ... and {s.overdue_count - len(actions):,} more (the action log lists them all)", file=out)
    if s.withheld_actions:
        print(f"  ({s.withheld_actions} private action(s) not shown; use --private)", file=out)
    risks = s.extreme_risks
    withheld = s.withheld_risks
    print("", file=out)
    print(f"Risks scoring 15 or more ({len(risks)})", file=out)
    for r in risks:
        print(f"  {r.reference:<6} {r.current_score:>2} {r.current_band.label:<8} {r.title}"
              f" (owner {r.owner_name or 'not set'})", file=out)
    if withheld:
        print(f"  ({withheld} private risk(s) not shown; use --private)", file=out)
    print("", file=out)
    if s.next_meeting:
        m = s.next_meeting
        print(f"Next meeting: {m.body_name}, {uk_date(m.meets_on)}{' at ' + m.start_time if m.start_time else ''}", file=out)
    else:
        print("Next meeting: none planned", file=out)
    if s.illustrative_values:
        print(f"Note: {s.illustrative_values} actuals are illustrative (generated for the demo), not published data.", file=out)
