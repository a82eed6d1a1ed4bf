"""Services layer: a register opened for use - its engine and every service over it. The app
and the CLI build one of these and talk to nothing else."""

from __future__ import annotations

import getpass
from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlalchemy.engine import URL

from ..storage.integrity import check_register
from ..storage.migrate import OpenedRegister, open_register
from .actions import ActionService
from .exporting import ExportService
from .history import HistoryService
from .importing import ImportService
from .meetings import MeetingService
from .outcomes import IndicatorService, OutcomeService
from .packs import PackService
from .people import PartnerService, PartnershipService, PeopleService
from .queries import QueryService
from .risks import RiskService


def current_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


class Register:
    """One open register. Services: partnership, partners, people, outcomes, indicators, risks,
    meetings, actions (commands) and queries (reads)."""

    def __init__(self, opened: OpenedRegister, *, user: str | None = None,
                 clock: Callable[[], date] = date.today):
        self.opened = opened
        self.user = user or current_user()
        args = (opened.engine, self.user, clock)
        self.partnership = PartnershipService(*args)
        self.partners = PartnerService(*args)
        self.people = PeopleService(*args)
        self.outcomes = OutcomeService(*args)
        self.indicators = IndicatorService(*args)
        self.risks = RiskService(*args)
        self.meetings = MeetingService(*args)
        self.actions = ActionService(*args)
        self.queries = QueryService(*args)
        self.history = HistoryService(*args)
        self.packs = PackService(*args)
        self.imports = ImportService(*args)
        self.exports = ExportService(*args)

    @classmethod
    def open(cls, url: str | URL, *, create: bool = False, readonly: bool = False,
             user: str | None = None, clock: Callable[[], date] = date.today) -> Register:
        return cls(open_register(url, create=create, readonly=readonly), user=user, clock=clock)

    @property
    def path(self) -> Path | None:
        return self.opened.path

    def backup_copy(self, target: Path) -> Path:
        """Write a consistent copy of this register to a new file."""
        from ..domain.errors import RegisterError
        from ..storage.backup import backup_sqlite
        if self.path is None:
            raise RegisterError("A shared database register is backed up by its database administrator, "
                                "not by the app.")
        return backup_sqlite(self.path, target)

    def integrity_problems(self) -> list[str]:
        return check_register(self.opened.engine)

    def close(self) -> None:
        self.opened.engine.dispose()

    def __enter__(self) -> Register:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
