"""Composition root: config -> register (migrated) -> services -> QApplication -> MainWindow.
`pbp-desktop [REGISTER]` opens a given file or URL; with none, the last register, else the
user's register, else the demo register (built on first run)."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from logging.handlers import RotatingFileHandler

from . import __version__
from .config import choose_register, log_dir
from .domain.errors import DamagedRegister, PbpError

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


def open_register_for_app(given: str | None, last_opened: str | None = None, *, demo: bool = False):
    """The register the app opens: the one named, else $PBP_DB_URL, else the last one, else the
    user's own, else the demo (built on first run)."""
    from .config import demo_register_path
    from .services import Register
    from .services.demo import open_demo
    from .storage.engine import sqlite_path

    choice = None if demo else choose_register(given, last_opened)
    if choice is None or choice.is_demo:
        return open_demo(demo_register_path())
    creating = given is not None and sqlite_path(choice.url) is not None
    return Register.open(choice.url, create=creating)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="pbp-desktop", description="PBP Desktop")
    parser.add_argument("register", nargs="?", help="register file (or database URL) to open")
    parser.add_argument("--db", metavar="URL", help="register database URL (default $PBP_DB_URL)")
    parser.add_argument("--version", action="version", version=f"pbp-desktop {__version__}")
    args = parser.parse_args(argv)
    _setup_logging()

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QMessageBox

    from .ui.main_window import MainWindow
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
    settings = QSettings()
    damaged = None
    try:
        register = open_register_for_app(args.register or args.db, settings.value("register/last"))
    except DamagedRegister as exc:
        damaged = exc
        register = open_register_for_app(None, demo=True)
    except PbpError as exc:
        if args.register or args.db:
            QMessageBox.critical(None, "PBP Desktop", str(exc))
            return 2
        # the last register cannot be opened: say so, and open the demo instead
        QMessageBox.warning(None, "PBP Desktop", f"{exc}\nThe demo register is opened instead.")
        register = open_register_for_app(None, demo=True)
    window = MainWindow(register, settings=settings)
    window.show()
    if damaged is not None:  # offer its newest backup; the demo is open meanwhile
        window.offer_restore(damaged)
    else:
        try:
            register.ensure_daily_backup(window.keep_backups())
        except PbpError:
            log.exception("daily backup")
    try:
        return app.exec()
    finally:
        if window.register is not None:
            window.register.close()


if __name__ == "__main__":
    sys.exit(main())
