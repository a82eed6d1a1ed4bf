"""Composition root: config -> register (migrated) -> services -> QApplication -> MainWindow.
`pbp-desktop [REGISTER]` opens a given file or URL; with none, the last register, else the
user's register, else the demo register (built on first run)."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from datetime import date
from logging.handlers import RotatingFileHandler

from . import __version__
from .config import choose_register, log_dir
from .domain.errors import PbpError

log = logging.getLogger("pbp_desktop")


def _setup_logging() -> None:
    try:
        log_dir().mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = RotatingFileHandler(log_dir() / "pbp-desktop.log", maxBytes=1_000_000,
                                                       backupCount=3, encoding="utf-8")
    except OSError:
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.getLogger().addHandler(handler)
    logging.getLogger().setLevel(logging.INFO)


def open_register_for_app(given: str | None, last_opened: str | None = None):
    """Open (building the demo first if that is what the user will see) and return the Register."""
    from .services import Register
    from .services.demo import build_demo

    choice = choose_register(given, last_opened)
    if choice.is_demo:
        from .storage.engine import sqlite_path
        path = sqlite_path(choice.url)
        if path is not None and not path.exists():
            reg = Register.open(choice.url, create=True)
            try:
                build_demo(reg, today=date.today())
            except BaseException:
                reg.close()
                for p in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
                    p.unlink(missing_ok=True)
                raise
            return reg
    return Register.open(choice.url, create=given is not None and "://" not in given)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="pbp-desktop", description="PBP Desktop")
    parser.add_argument("register", nargs="?", help="register file (or database URL) to open")
    parser.add_argument("--db", metavar="URL", help="register database URL (default $PBP_DB_URL)")
    parser.add_argument("--version", action="version", version=f"pbp-desktop {__version__}")
    args = parser.parse_args(argv)
    _setup_logging()

    from PySide6.QtWidgets import QApplication, QMessageBox

    from .ui.main_window import MainWindow
    from .ui.ops import Ops
    from .ui.theme import STYLESHEET

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("PBP Desktop")
    app.setOrganizationName("PBP Desktop")
    app.setStyleSheet(STYLESHEET)

    def excepthook(exc_type, exc, tb):  # never a traceback in front of a user
        log.error("unhandled error", exc_info=(exc_type, exc, tb))
        QMessageBox.critical(None, "PBP Desktop", "Something went wrong; nothing was changed. "
                             f"The details were written to the log in {log_dir()}.")

    sys.excepthook = excepthook
    try:
        register = open_register_for_app(args.register or args.db)
    except PbpError as exc:
        QMessageBox.critical(None, "PBP Desktop", str(exc))
        return 2
    window = MainWindow(Ops(register))
    window.show()
    try:
        return app.exec()
    finally:
        register.close()


if __name__ == "__main__":
    sys.exit(main())
