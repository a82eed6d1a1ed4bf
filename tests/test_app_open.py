"""Composition root: with no register yet the app builds and opens the demo; a named file wins."""

from __future__ import annotations

import os

import pytest

from pbp_desktop import app, config
from pbp_desktop.domain.errors import RegisterError

pytestmark = pytest.mark.app_clock  # the app's start reads the clock, pinned to the tests' TODAY


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(config, "data_dir", lambda: tmp_path / "data")
    monkeypatch.delenv("PBP_DB_URL", raising=False)
    return tmp_path / "data"


def test_first_run_builds_the_demo_then_reopens_it(data_dir):
    reg = app.open_register_for_app(None)
    try:
        assert reg.path == data_dir / "demo-register.sqlite"
        assert reg.queries.partnership().name == "Sandwell Integrated Care Alliance"
        batches = {r.batch for r in reg.queries.change_log()}
    finally:
        reg.close()
    again = app.open_register_for_app(None)
    try:
        assert {r.batch for r in again.queries.change_log()} == batches  # opened, not rebuilt
    finally:
        again.close()


def test_a_named_register_is_opened_or_created(data_dir, tmp_path, demo_path):
    reg = app.open_register_for_app(str(demo_path))
    assert reg.path == demo_path
    reg.close()
    fresh = app.open_register_for_app(str(tmp_path / "new.sqlite"))
    assert fresh.queries.partnership() is None
    fresh.close()
    assert not (data_dir / "demo-register.sqlite").exists()


def test_a_bad_file_is_refused(data_dir, tmp_path):
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"\x00" * 100)
    with pytest.raises(RegisterError):
        app.open_register_for_app(str(junk))


def test_the_environment_names_a_register(data_dir, demo_path, monkeypatch):
    monkeypatch.setenv("PBP_DB_URL", f"sqlite:///{demo_path}")
    reg = app.open_register_for_app(None)
    assert reg.path == demo_path
    reg.close()


def test_the_window_says_what_it_is_opening(data_dir, tmp_path, monkeypatch):
    assert app._where(None, None) == "the demo register (made the first time)"
    data_dir.mkdir(parents=True)
    (data_dir / "demo-register.sqlite").write_bytes(b"")
    assert app._where(None, None) == "the demo register"
    assert app._where(str(tmp_path / "board.sqlite"), None) == "board.sqlite"
    assert app._where(None, str(tmp_path / "gone.sqlite")) == "the demo register"  # the last one has gone
    monkeypatch.setenv("PBP_DB_URL", "postgresql+psycopg://pbp:s3cret@db.example/pbp")
    assert app._where(None, None) == "postgresql+psycopg://pbp:***@db.example/pbp"  # never the password


def _libraries(*missing: str):
    """A find_library probe that finds every library but those named (ctypes names)."""
    asked = []

    def find_library(name):
        asked.append(name)
        return None if name in missing else f"lib{name}.so.0"
    find_library.asked = asked
    return find_library


def _answering(*kinds: str):
    """A display probe: the displays of these kinds ('x11', 'wayland') answer, no other."""
    return lambda kind, _environ: kind in kinds


ALL_XCB = tuple(app.XCB_LIBRARIES)
EVERY_PACKAGE = "libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-xkb1 libxkbcommon-x11-0"


@pytest.mark.parametrize(("environ", "missing", "answering", "said"), [
    ({}, (), ("x11", "wayland"), app.NO_DISPLAY),  # no display at all
    ({"QT_QPA_PLATFORM": "xcb"}, (), ("x11",), app.NO_DISPLAY),
    ({"DISPLAY": ":0"}, ("xcb-cursor",), ("x11",), app.NO_XCB_CURSOR),  # X11, the one library missing
    ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "xcb"}, ("xcb-cursor",), ("x11",), app.NO_XCB_CURSOR),
    ({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0", "QT_QPA_PLATFORM": "xcb"}, ("xcb-cursor",), ("x11", "wayland"),
     app.NO_XCB_CURSOR),
    ({"DISPLAY": ":0"}, (), ("x11",), None),  # X11 with every library, answering
    ({"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}, ALL_XCB, ("wayland",), None),  # Wayland: xcb not used
    ({"QT_QPA_PLATFORM": "offscreen"}, ALL_XCB, (), None),  # no display needed
    ({"QT_QPA_PLATFORM": "minimal:enable_fonts"}, ALL_XCB, (), None),
    # issue 17: the other libraries of Qt's xcb plugin, named by their Debian packages
    ({"DISPLAY": ":0"}, ("xcb-icccm", "xcb-keysyms"), ("x11",), app.missing_libraries(["libxcb-icccm4", "libxcb-keysyms1"])),
    ({"DISPLAY": ":0"}, ALL_XCB, ("x11",), app.missing_libraries(EVERY_PACKAGE.split())),
    # issue 17: a display named on which nothing answers (DISPLAY=:99 with no X server)
    ({"DISPLAY": ":99"}, (), (), app.display_silent("DISPLAY", ":99")),
    ({"WAYLAND_DISPLAY": "wayland-9"}, (), (), app.display_silent("WAYLAND_DISPLAY", "wayland-9")),
    ({"WAYLAND_DISPLAY": "wayland-9", "DISPLAY": ":0"}, (), ("x11",), None),  # Qt falls back to X11, which answers
    ({"WAYLAND_DISPLAY": "wayland-9", "DISPLAY": ":0"}, (), (), app.display_silent("DISPLAY", ":0")),
    ({"WAYLAND_DISPLAY": "wayland-9", "DISPLAY": ":0", "QT_QPA_PLATFORM": "wayland"}, (), ("x11",),
     app.display_silent("WAYLAND_DISPLAY", "wayland-9")),
])
def test_linux_display_and_xcb_libraries_are_checked_before_qt_starts(environ, missing, answering, said):
    find_library = _libraries(*missing)
    assert app.display_problem(environ, "linux", find_library, _answering(*answering)) == said
    assert app.display_problem(environ, "win32", find_library, _answering()) is None  # other systems: Qt's own
    assert app.display_problem(environ, "darwin", find_library, _answering()) is None
    if said is not None:
        assert said.count(". ") == 0 and said.endswith(".")  # one sentence
    if said == app.NO_XCB_CURSOR:
        assert "sudo apt install libxcb-cursor0" in said
    if missing and said not in (None, app.NO_DISPLAY, app.NO_XCB_CURSOR):
        assert f"sudo apt install {' '.join(app.XCB_LIBRARIES[m] for m in ALL_XCB if m in missing)}'" in said


def test_the_display_probe_connects_to_the_display_socket(tmp_path):
    """The real probe, with no display server: a TCP display and a Wayland socket made here."""
    import socket
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        assert port > 6000
        assert app.display_answers("x11", {"DISPLAY": f"127.0.0.1:{port - 6000}.0"})
    assert not app.display_answers("x11", {"DISPLAY": f"127.0.0.1:{port - 6000}"}, timeout=0.2)  # closed now
    assert not app.display_answers("x11", {"DISPLAY": ":4242"})  # no such local socket
    assert app.display_answers("x11", {"DISPLAY": "odd-form"})  # not one to judge: Qt decides
    path = tmp_path / "wayland-1"
    with socket.socket(socket.AF_UNIX) as compositor:
        compositor.bind(str(path))
        compositor.listen()
        assert app.display_answers("wayland", {"WAYLAND_DISPLAY": "wayland-1", "XDG_RUNTIME_DIR": str(tmp_path)})
        assert app.display_answers("wayland", {"WAYLAND_DISPLAY": str(path)})
    assert not app.display_answers("wayland", {"WAYLAND_DISPLAY": "wayland-2", "XDG_RUNTIME_DIR": str(tmp_path)})
    assert not app.display_answers("wayland", {"WAYLAND_DISPLAY": "wayland-1"})  # nowhere to look


def test_python_m_pbp_desktop_starts_the_app_and_says_a_silent_display_plainly():
    """`python -m pbp_desktop` is the app; with DISPLAY naming no X server it ends with one
    sentence and code 3, never Qt's abort (SIGABRT, 134)."""
    import subprocess
    import sys
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    env["DISPLAY"] = ":4242"
    done = subprocess.run([sys.executable, "-m", "pbp_desktop"], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 3, done.stderr
    err = done.stderr.strip()
    assert "Traceback" not in err and len(err.splitlines()) == 1
    assert "':4242' named by DISPLAY does not answer" in err or "sudo apt install" in err


def test_main_says_it_in_one_sentence_and_ends(monkeypatch, capsys):
    monkeypatch.setattr(app, "display_problem", lambda: app.NO_XCB_CURSOR)
    monkeypatch.setattr(app, "launch", lambda argv: pytest.fail("Qt must not start"))
    assert app.main([]) == 3
    err = capsys.readouterr().err
    assert err.strip() == app.NO_XCB_CURSOR and "Traceback" not in err
