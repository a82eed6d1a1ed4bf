"""Composition root: with no register yet the app builds and opens the demo; a named file wins."""

from __future__ import annotations

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


@pytest.mark.parametrize(("environ", "library", "said"), [
    ({}, "libxcb-cursor.so.0", app.NO_DISPLAY),  # no display at all
    ({"QT_QPA_PLATFORM": "xcb"}, "libxcb-cursor.so.0", app.NO_DISPLAY),
    ({"DISPLAY": ":0"}, None, app.NO_XCB_CURSOR),  # X11, the library missing
    ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "xcb"}, None, app.NO_XCB_CURSOR),
    ({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0", "QT_QPA_PLATFORM": "xcb"}, None, app.NO_XCB_CURSOR),
    ({"DISPLAY": ":0"}, "libxcb-cursor.so.0", None),  # X11 with the library
    ({"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}, None, None),  # Wayland: xcb not used
    ({"QT_QPA_PLATFORM": "offscreen"}, None, None),  # no display needed
    ({"QT_QPA_PLATFORM": "minimal:enable_fonts"}, None, None),
])
def test_linux_without_a_display_or_libxcb_cursor_is_said_before_qt_starts(environ, library, said):
    asked = []

    def find_library(name):
        asked.append(name)
        return library
    assert app.display_problem(environ, "linux", find_library) == said
    assert app.display_problem(environ, "win32", find_library) is None  # other systems: Qt's own
    assert app.display_problem(environ, "darwin", find_library) is None
    if said == app.NO_XCB_CURSOR:
        assert asked == ["xcb-cursor"] and "sudo apt install libxcb-cursor0" in said


def test_main_says_it_in_one_sentence_and_ends(monkeypatch, capsys):
    monkeypatch.setattr(app, "display_problem", lambda: app.NO_XCB_CURSOR)
    monkeypatch.setattr(app, "launch", lambda argv: pytest.fail("Qt must not start"))
    assert app.main([]) == 3
    err = capsys.readouterr().err
    assert err.strip() == app.NO_XCB_CURSOR and "Traceback" not in err
