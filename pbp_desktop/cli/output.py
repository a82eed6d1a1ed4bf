"""CLI layer: plain-text rendering of readmodels for the terminal, and the one stream every
message passes through on its way there, which shows control characters escaped."""

from __future__ import annotations

import argparse
import re
import textwrap
from datetime import date
from typing import TextIO

from ..domain.enums import Rag
from ..domain.periods import uk_date
from ..readmodels import IndicatorRow, RegisterSummary

# What a terminal would obey rather than show: C0 controls (ESC starts the escape sequences that
# clear the screen, retitle the window or rewrite the line; BEL rings; CR returns to the start of
# the line), DEL, the C1 controls (U+009B is a one-character CSI on many terminals) and the
# bidirectional overrides and isolates that reorder what is shown ("Trojan Source").
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escaped(match: re.Match[str]) -> str:
    c = match.group()
    return _NAMED.get(c) or (f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}")


def shown(text: str) -> str:
    """The text with every control character written out as Python writes it in a literal
    (ESC as \\x1b, a tab as \\t); letters of every script, accents and symbols unchanged."""
    return _CONTROL.sub(_escaped, text)


class TerminalStream:
    """The CLI's stdout or stderr. Every message goes through it, so user data quoted in any
    message (an indicator code read from an import file, a title from the register) reaches the
    terminal as text, never as a command to it. A write keeps its trailing line ends, the ones
    print() and a line-by-line writer add; a line end inside a write is data and is shown
    escaped, so a value cannot fake a line of its own."""

    def __init__(self, stream: TextIO):
        self.stream = stream

    def write(self, text: str) -> int:
        body = text.rstrip("\n")
        self.stream.write(shown(body) + text[len(body):])
        return len(text)

    def flush(self) -> None:
        self.stream.flush()

    def __getattr__(self, name: str):
        return getattr(self.stream, name)


def terminal(stream: TextIO) -> TextIO:
    """`stream` behind a TerminalStream (once)."""
    return stream if isinstance(stream, TerminalStream) else TerminalStream(stream)  # type: ignore[return-value]


class ArgumentParser(argparse.ArgumentParser):
    """argparse's parser, whose messages quote the command line ("unrecognized arguments: ...")
    and go straight to stderr: shown as every other message is, a line at a time."""

    def _print_message(self, message: str, file=None) -> None:  # the one place argparse writes
        if message:
            super()._print_message("\n".join(shown(line) for line in message.split("\n")), file)


_TAG = {Rag.RED: "[R]", Rag.AMBER: "[A]", Rag.GREEN: "[G]", Rag.GREY: "[-]"}


def _indicator_line(i: IndicatorRow, today: date | None = None) -> str:
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
    notes = [n for n in (i.rag_note(), i.lead_note(), i.age_note(today) if today else "",
                         i.target_passed(today, brief=True) if today else "") if n]
    return f"    {_TAG[i.rag]} {i.rag_word:<9} {i.label}: {figure}; {target}" + "".join(f"; {n}" for n in notes)


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
            print(_indicator_line(i, s.today), file=out)
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
