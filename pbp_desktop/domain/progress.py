"""Domain layer: how long work (printing a pack, importing, exporting, opening a register) says
how far it has gone and learns that the user cancelled it. Pure Python: the services and the
PDF report to it; the UI (or nobody, in the CLI) listens."""

from __future__ import annotations

from collections.abc import Callable

Report = Callable[[int, int, str], None]  # (done, total, what is being done now)


class Cancelled(Exception):  # noqa: N818 - a user's choice, not an error
    """The user cancelled long work. Not an error, and never shown as one: the work stops where
    it was checked, and whatever it was writing is rolled back or removed."""

    def __init__(self, what: str = "The work was cancelled; nothing was written."):
        super().__init__(what)


class Progress:
    """A long piece of work's report to whoever waits for it, and its way to hear "stop".

    `progress(done, total, note)` reports (and checks for a cancel); `check()` only checks.
    Both raise Cancelled once `cancelled()` says so. `part(start, end)` gives a Progress for a
    stage of the work, mapping its own 0..total onto that fraction of the whole, so that each
    stage counts in its own units (flowables, pages, rows) and the bar still moves once."""

    SCALE = 1000  # what the listener is told: per mille of the whole

    def __init__(self, report: Report | None = None, cancelled: Callable[[], bool] | None = None, *,
                 span: tuple[float, float] = (0.0, 1.0), _last: list | None = None):
        self._report = report
        self._cancelled = cancelled
        self._span = span
        self._last = _last if _last is not None else [None]  # shared by the parts: no report twice

    @property
    def cancelled(self) -> bool:
        return bool(self._cancelled is not None and self._cancelled())

    def check(self) -> None:
        if self.cancelled:
            raise Cancelled()

    def __call__(self, done: int, total: int, note: str = "") -> None:
        self.check()
        if self._report is None:
            return
        start, end = self._span
        fraction = min(max(done / total, 0.0), 1.0) if total > 0 else 0.0
        value = int(round((start + (end - start) * fraction) * self.SCALE))
        if self._last[0] is not None:  # never backwards (ReportLab's count grows as tables split)
            value = max(value, self._last[0][0])
        if self._last[0] == (value, note):  # a thousand rows in one step of the bar: said once
            return
        self._last[0] = (value, note)
        self._report(value, self.SCALE, note)

    def part(self, start: float, end: float) -> Progress:
        a, b = self._span
        return Progress(self._report, self._cancelled, span=(a + (b - a) * start, a + (b - a) * end),
                        _last=self._last)


NO_PROGRESS = Progress()  # the default: nobody listens, nothing cancels
