"""Domain: Progress - a stage's own units mapped onto one bar, said once per step, and Cancel
heard at every report or check."""

from __future__ import annotations

import pytest

from pbp_desktop.domain.progress import NO_PROGRESS, Cancelled, Progress


def test_parts_map_their_own_units_onto_one_bar_and_say_each_step_once():
    heard = []
    whole = Progress(lambda d, t, n: heard.append((d, t, n)))
    whole(0, 4, "start")
    first, second = whole.part(0.0, 0.25), whole.part(0.25, 1.0)
    for row in range(1000):  # a thousand rows in a quarter of the bar: at most 251 reports
        first(row, 1000, "rows")
    second.part(0.5, 1.0)(1, 2, "pages")
    assert heard[-1] == (812, 1000, "pages")  # 0.25 + 0.75 * (0.5 + 0.5 * 0.5), rounded
    assert heard[0] == (0, 1000, "start")
    assert all(t == Progress.SCALE for _d, t, _n in heard)
    values = [d for d, _t, _n in heard]
    said = [(d, n) for d, _t, n in heard]
    assert values == sorted(values) and len(said) == len(set(said))  # never back, never twice the same
    assert len([h for h in heard if h[2] == "rows"]) <= 251
    whole(0, 4, "tables split")  # a count that grows (ReportLab's) never moves the bar back
    assert heard[-1] == (812, 1000, "tables split")


def test_cancel_is_heard_at_the_next_report_or_check():
    stop = []
    progress = Progress(None, lambda: bool(stop))
    progress(1, 2)
    progress.check()
    stop.append(True)
    with pytest.raises(Cancelled):
        progress.part(0.5, 1.0)(1, 2)
    with pytest.raises(Cancelled):
        progress.check()
    NO_PROGRESS(1, 2)  # nobody listens, nothing cancels
    NO_PROGRESS.check()
