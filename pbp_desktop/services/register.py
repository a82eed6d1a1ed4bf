"""Services layer: a register opened for use - its engine and every service over it. The app
and the CLI build one of these and talk to nothing else."""

from __future__ import annotations

import getpass
from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlalchemy.engine import URL

from ..clock import system_clock
from ..storage.backup import DEFAULT_KEEP
from ..storage.integrity import check_register
from ..storage.migrate import OpenedRegister, open_register
from .actions import ActionService
from .exporting import ExportService
from .highlight import HighlightService
from .history import HistoryService
from .importing import ImportService
from .meetings import MeetingService
from .outcomes import IndicatorService, OutcomeService
from .packs import PackService
from .papers import PaperService
from .people import PartnerService, PartnershipService, PeopleService
from .privacy import PrivacyService
from .programmes import ProgrammeService
from .queries import QueryService
from .risks import RiskService


def current_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


__all__ = ["DEFAULT_KEEP", "Register", "current_user", "restore_backup"]


class Register:
    """One open register. Services: partnership, partners, people, outcomes, indicators, risks,
    meetings, actions (commands), queries (reads), packs and papers (printing)."""

    def __init__(self, opened: OpenedRegister, *, user: str | None = None,
                 clock: Callable[[], date] | None = None):
        self.opened = opened
        self.user = user or current_user()
        args = (opened.engine, self.user, clock or system_clock)
        self.partnership = PartnershipService(*args)
        self.partners = PartnerService(*args)
        self.people = PeopleService(*args)
        self.outcomes = OutcomeService(*args)
        self.indicators = IndicatorService(*args)
        self.risks = RiskService(*args)
        self.meetings = MeetingService(*args)
        self.actions = ActionService(*args)
        self.programmes = ProgrammeService(*args)
        self.queries = QueryService(*args)
        self.history = HistoryService(*args)
        self.packs = PackService(*args)
        self.papers = PaperService(*args)
        self.highlight = HighlightService(*args)
        self.privacy = PrivacyService(*args)
        self.imports = ImportService(*args)
        self.exports = ExportService(*args)
        self.user_name = ""

    def set_user_name(self, name: str | None) -> None:
        """The user's own name (the app's "Your name" setting), which the papers print as their
        author; the change log keeps the login (`user`)."""
        self.user_name = " ".join((name or "").split())
        self.packs.author_name = self.user_name

    @classmethod
    def open(cls, url: str | URL, *, create: bool = False, readonly: bool = False,
             user: str | None = None, clock: Callable[[], date] | None = None) -> Register:
        return cls(open_register(url, create=create, readonly=readonly), user=user, clock=clock)

    @classmethod
    def create(cls, url: str | URL, *, user: str | None = None,
               clock: Callable[[], date] | None = None) -> Register:
        """A new register at `url` (whose file, if any, must not exist yet): if making it fails
        (a full disk, say), no half-made file or its -wal/-shm is left to be taken for one later."""
        from ..storage.engine import remove_register_file, sqlite_path
        path = sqlite_path(url)
        try:
            return cls.open(url, create=True, user=user, clock=clock)
        except BaseException:
            if path is not None:
                remove_register_file(path)
            raise

    def discard(self) -> None:
        """Close a register just created and remove its file (one that could not be filled)."""
        from ..storage.engine import remove_register_file
        path = self.path
        self.close()
        if path is not None:
            remove_register_file(path)

    @staticmethod
    def file_of(url: str | URL) -> Path | None:
        """The file of a register's URL; None for a database server."""
        from ..storage.engine import sqlite_path
        return sqlite_path(url)

    @staticmethod
    def shown(url: str | URL) -> str:
        """A register's URL fit to print: any password hidden."""
        from ..storage.engine import display_url
        return display_url(url)

    @staticmethod
    def upgrade(url: str | URL) -> tuple[str | None, str, Path | None]:
        """Bring a register's schema up to this app's (copying the file first); (the revision it
        was upgraded from or None, its revision now, the copy made before the upgrade)."""
        opened = open_register(url)
        opened.engine.dispose()
        return opened.upgraded_from, opened.revision, opened.pre_upgrade_copy

    @staticmethod
    def schema_of_this_app() -> str:
        from ..storage.migrate import head_revision
        return head_revision()

    @property
    def schema(self) -> str:
        return self.opened.revision

    @staticmethod
    def backups_of(path: Path):
        from ..storage.backup import list_backups
        return list_backups(path)

    # ------------------------------------------------------------------ the register as data

    @staticmethod
    def read_export(path: Path) -> dict:
        """A register export (JSON) read strictly, to be loaded into a new register."""
        from ..storage.dump import read_file
        return read_file(path)

    def load(self, data: dict, *, source: str = "The file") -> None:
        """Fill this empty register from an export: every record held to the field rules first;
        nothing written when any is bad."""
        from ..storage.dump import load
        load(self.opened.engine, data, source=source)

    def dump(self) -> dict:
        from ..storage.dump import dump
        return dump(self.opened.engine)

    def problems(self) -> list[str]:
        """What `pbp-cli check` reports: damage, broken links, and every stored value that
        breaks a field rule (table, id, field)."""
        return check_register(self.opened.engine, field_rules=True)

    @property
    def path(self) -> Path | None:
        return self.opened.path

    # ------------------------------------------------------------------ backups

    def _file(self) -> Path:
        from ..domain.errors import RegisterError
        if self.path is None:
            raise RegisterError("A shared database register is backed up by its database server (for "
                                "PostgreSQL, pg_dump), not by the app; 'pbp-cli copy' can also write it to a file.")
        return self.path

    def backup_now(self, reason: str = "manual", keep: int | None = None) -> Path:
        from ..storage.backup import DEFAULT_KEEP, take_backup
        return take_backup(self._file(), reason, keep or DEFAULT_KEEP)

    def warm(self) -> None:
        """Make what the first screens read: the outcome tree (assessing and storing any
        indicator whose assessment is not kept yet: all of them after an upgrade) and the
        dashboard's summary. The app does this on the thread that opened the register, so
        that the window stays free; the screens then find them made."""
        self.queries.summary()

    def ensure_daily_backup(self, keep: int | None = None) -> Path | None:
        """A backup once a day, when a register is opened; None when today's exists already."""
        from ..storage.backup import daily_backup_due
        if self.path is None or not daily_backup_due(self.path):
            return None
        return self.backup_now("daily", keep)

    def backups(self):
        from ..storage.backup import list_backups
        return list_backups(self._file())

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


def restore_backup(register: Path, backup: Path, keep: int | None = None) -> Path | None:
    """Replace the register at `register` with `backup`, after checking the backup is a sound
    register and backing up the current file (returned). Nothing may have the register open."""
    from ..domain.errors import RegisterError
    from ..storage.backup import restore_sqlite
    from ..storage.engine import make_engine, sqlite_url
    from ..storage.migrate import _check_revision, read_revision
    if not backup.exists():
        raise RegisterError(f"There is no backup '{backup}'.")
    _check_revision(f"'{backup}'", read_revision(backup))
    engine = make_engine(sqlite_url(backup), readonly=True)
    try:
        problems = check_register(engine)
    finally:
        engine.dispose()
    if problems:
        raise RegisterError(f"The backup '{backup.name}' is itself damaged ({problems[0]}); choose another.")
    return restore_sqlite(register, backup, keep or DEFAULT_KEEP)
