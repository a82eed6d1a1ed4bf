"""Composition root: config -> register (migrated) -> services -> QApplication -> MainWindow.
`pbp-desktop [REGISTER]` opens a given file or URL; with none, the last register, else the
user's register, else the demo register (built on first run)."""

from __future__ import annotations

import argparse
import logging
import os
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from logging.handlers import RotatingFileHandler
from pathlib import Path

from . import __version__
from .config import ENV_URL, choose_register, demo_register_path, log_dir
from .domain.errors import DamagedRegister, PbpError, plain_message

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


NO_DISPLAY = ("PBP Desktop cannot show its window: there is no display here (neither DISPLAY nor "
              "WAYLAND_DISPLAY is set); start it from a desktop session, or use pbp-cli for work without a window.")
NO_XCB_CURSOR = ("PBP Desktop cannot show its window on this Linux desktop because the library libxcb-cursor0 "
                 "is missing: install it with 'sudo apt install libxcb-cursor0' (on Fedora, "
                 "'sudo dnf install xcb-util-cursor') and start the app again.")
NEEDS_NO_DISPLAY = {"offscreen", "minimal", "vnc", "linuxfb", "eglfs", "vkkhrdisplay"}
# The libraries Qt's X11 (xcb) plugin loads that a desktop may lack (Qt aborts, with a core dump,
# when one is missing), as ctypes names them, with the Debian (and Ubuntu) package that has each.
XCB_LIBRARIES = {
    "xcb-cursor": "libxcb-cursor0", "xcb-icccm": "libxcb-icccm4", "xcb-keysyms": "libxcb-keysyms1",
    "xcb-image": "libxcb-image0", "xcb-render-util": "libxcb-render-util0", "xcb-xkb": "libxcb-xkb1",
    "xkbcommon-x11": "libxkbcommon-x11-0",
}
PROBE_TIMEOUT = 0.5  # seconds to wait for a display to answer: a live one answers at once


def missing_libraries(packages: Sequence[str]) -> str:
    """One sentence naming the Debian packages to install for Qt's X11 plugin."""
    if list(packages) == ["libxcb-cursor0"]:
        return NO_XCB_CURSOR
    names = " ".join(packages)
    return (f"PBP Desktop cannot show its window on this Linux desktop because libraries Qt needs for X11 are "
            f"missing ({', '.join(packages)}): install them with 'sudo apt install {names}' and start the app "
            "again.")


def display_silent(variable: str, value: str) -> str:
    """One sentence: the display named is set but nothing answers on it."""
    return (f"PBP Desktop cannot show its window: the display {value!r} named by {variable} does not answer "
            "(no display server is running there, or it refuses this user); start the app from a desktop "
            "session, correct " + variable + ", or use pbp-cli for work without a window.")


def _connects(family: int, address: object, timeout: float) -> bool:
    import socket
    try:
        with socket.socket(family, socket.SOCK_STREAM) as sock:
            sock.settimeout(timeout)
            sock.connect(address)  # type: ignore[arg-type]
        return True
    except OSError:
        return False


def display_answers(kind: str, environ: Mapping[str, str], timeout: float = PROBE_TIMEOUT) -> bool:
    """Whether the X display (kind 'x11', from DISPLAY) or the Wayland compositor ('wayland', from
    WAYLAND_DISPLAY) takes a connection, within `timeout`. A DISPLAY of a form this does not know
    is taken to answer (Qt then decides)."""
    import socket
    if kind == "wayland":
        name = environ.get("WAYLAND_DISPLAY", "")
        runtime = environ.get("XDG_RUNTIME_DIR", "")
        path = name if name.startswith("/") else os.path.join(runtime, name) if runtime else ""
        return bool(path) and _connects(socket.AF_UNIX, path, timeout)
    m = re.fullmatch(r"(?P<host>[^:]*):(?P<n>\d+)(?:\.\d+)?", environ.get("DISPLAY", "").strip())
    if m is None:
        return True
    host, n = m["host"], int(m["n"])
    if host in ("", "unix"):  # the local socket, in the file system or (Linux) the abstract namespace
        return any(_connects(socket.AF_UNIX, path, timeout)
                   for path in (f"/tmp/.X11-unix/X{n}", f"\0/tmp/.X11-unix/X{n}"))
    try:
        socket.create_connection((host, 6000 + n), timeout=timeout).close()
        return True
    except OSError:
        return False


def display_problem(environ: Mapping[str, str] | None = None, platform: str | None = None,
                    find_library: Callable[[str], str | None] | None = None,
                    answers: Callable[[str, Mapping[str, str]], bool] | None = None) -> str | None:
    """Why the window cannot be shown on this Linux machine, decided before Qt starts (Qt itself
    aborts, with a core dump, when its platform plugin cannot load or reach its display): no
    display at all; a display named (DISPLAY or WAYLAND_DISPLAY) on which nothing answers; or the
    X11 (xcb) platform chosen and a library its plugin needs (XCB_LIBRARIES) not installed. None
    when all is well, or when it is not Linux. find_library and answers are the probes (ctypes's
    library finder, a connection to the display's socket), given by tests."""
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if not platform.startswith("linux"):
        return None
    platforms = [p.split(":")[0].strip().lower() for p in environ.get("QT_QPA_PLATFORM", "").split(";")]
    chosen = platforms[0]
    if chosen in NEEDS_NO_DISPLAY:
        return None
    x11, wayland = bool(environ.get("DISPLAY")), bool(environ.get("WAYLAND_DISPLAY"))
    if not x11 and not wayland:
        return NO_DISPLAY
    answers = display_answers if answers is None else answers
    # Qt picks Wayland in a Wayland session unless told otherwise; X11 (xcb) elsewhere
    if chosen == "wayland" or (not chosen and wayland):
        if not wayland:
            return NO_DISPLAY
        if answers("wayland", environ):
            return None
        if not x11 or (chosen and "xcb" not in platforms[1:]):  # no X11 for Qt to fall back on
            return display_silent("WAYLAND_DISPLAY", environ["WAYLAND_DISPLAY"])
    elif chosen not in ("", "xcb"):
        return None  # a platform this check does not know: Qt's own
    if not x11:
        return NO_DISPLAY
    if find_library is None:
        import ctypes.util
        find_library = ctypes.util.find_library
    missing = [package for name, package in XCB_LIBRARIES.items() if find_library(name) is None]
    if missing:
        return missing_libraries(missing)
    if not answers("x11", environ):
        return display_silent("DISPLAY", environ["DISPLAY"])
    return None


def open_register_for_app(given: str | None, last_opened: str | None = None, *, demo: bool = False):
    """The register the app opens: the one named, else $PBP_DB_URL, else the last one, else the
    user's own, else the demo (built on first run)."""
    from .services import Register
    from .services.demo import open_demo
    from .storage.engine import sqlite_path

    choice = None if demo else choose_register(given, last_opened)
    if choice is None or choice.is_demo:
        return open_demo(demo_register_path())
    creating = given is not None and sqlite_path(choice.url) is not None
    return Register.open(choice.url, create=creating)


def dress(app) -> None:
    """The application's names and look (the NHS stylesheet): as the app runs, and as the
    benchmark measures it."""
    from .ui.theme import STYLESHEET

    app.setApplicationName("PBP Desktop")
    app.setOrganizationName("PBP Desktop")
    app.setStyleSheet(STYLESHEET)


def launch(argv: Sequence[str] | None = None, settings=None):
    """Start the app without entering its event loop: the window is shown at once, and the
    register is opened on a worker thread meanwhile (importing the database layer and checking
    a large register take longer than showing a window). Returns (QApplication, MainWindow);
    main() runs the loop, the benchmark and the tests drive it themselves."""
    parser = argparse.ArgumentParser(prog="pbp-desktop", description="PBP Desktop")
    parser.add_argument("register", nargs="?", help="register file (or database URL) to open")
    parser.add_argument("--db", metavar="URL", help="register database URL (default $PBP_DB_URL)")
    parser.add_argument("--version", action="version", version=f"pbp-desktop {__version__}")
    args = parser.parse_args(argv)
    _setup_logging()

    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtWidgets import QApplication, QMessageBox

    from .ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    dress(app)

    def excepthook(exc_type, exc, tb):  # never a traceback in front of a user
        log.error("unhandled error", exc_info=(exc_type, exc, tb))
        QMessageBox.critical(None, "PBP Desktop", "Something went wrong; nothing was changed. "
                             f"The details were written to the log in {log_dir()}.")

    sys.excepthook = excepthook
    settings = settings if settings is not None else QSettings()
    given = args.register or args.db
    last = settings.value("register/last")
    window = MainWindow(None, settings=settings)
    window.show()
    app.processEvents()  # on screen before anything else is imported or read

    def demo_instead(damaged: DamagedRegister | None = None) -> None:
        def failed(error: BaseException) -> bool:
            _failed(window, error)
            return False
        window.open_in_background(lambda: open_register_for_app(None, demo=True), failed, "the demo register")
        if damaged is not None:  # offer its newest backup once the demo is open meanwhile
            window.register_shown.connect(lambda: window.offer_restore(damaged),
                                          Qt.ConnectionType.SingleShotConnection)

    def failed(error: BaseException) -> bool:
        """Start-up's answer to a register that cannot be opened: a damaged one opens the demo and
        offers its backup; the last one opened, gone, opens the demo; one named ends the app."""
        if isinstance(error, DamagedRegister):
            demo_instead(error)
        elif isinstance(error, PbpError) and not given:
            QMessageBox.warning(window, "PBP Desktop", f"{error}\nThe demo register is opened instead.")
            demo_instead()
        else:
            _failed(window, error)
        return False

    # the one opening path (ui/lifecycle.py), as File > Open takes it too: opened, the day's
    # first backup taken and the first screens' reads made, all off the window's thread
    window.open_in_background(lambda: open_register_for_app(given, last), failed, _where(given, last))
    return app, window


def _where(given: str | None, last: str | None) -> str:
    """What is being opened, as the window says it: a file's name, a URL without its password,
    or the demo register (built the first time)."""
    try:
        choice = choose_register(given, last)
    except Exception:  # noqa: BLE001 - a name that cannot be read is reported when it is opened
        return ""
    if choice.is_demo:
        return "the demo register" + ("" if demo_register_path().exists() else " (made the first time)")
    where = given or os.environ.get(ENV_URL) or choice.url
    if "://" not in where:
        return Path(where).name
    if where.startswith("sqlite:///"):
        return Path(where[len("sqlite:///"):]).name
    return re.sub(r"(://[^:/@]*):[^@/]*@", r"\1:***@", where)  # never a password on screen


def _failed(window, error: BaseException) -> None:
    """The register named cannot be opened: say why (in a sentence, the details to the log) and end."""
    from PySide6.QtWidgets import QMessageBox
    said = plain_message(error)  # a register locked by another program, a file it may not read: said so
    if said is not None:
        text = said
    else:
        log.error("opening the register", exc_info=(type(error), error, error.__traceback__))
        text = f"The register could not be opened; the details were written to the log in {log_dir()}."
    QMessageBox.critical(window, "PBP Desktop", text)
    window.open_failed = True
    window.close()  # the last window: the app ends, and main() returns 2


def main(argv: Sequence[str] | None = None) -> int:
    problem = display_problem()
    if problem is not None and not {"-h", "--help", "--version"} & set(argv or sys.argv[1:]):
        print(problem, file=sys.stderr)  # one plain sentence, not Qt's abort and core dump
        return 3
    app, window = launch(argv)
    try:
        code = app.exec()
        return 2 if window.open_failed else code
    finally:
        from .ui import work
        work.wait_all()  # work still running is cancelled and stopped, never cut off mid-write
        window.wait_for_opening()
        if window.register is not None:
            window.register.close()


if __name__ == "__main__":
    sys.exit(main())
