"""Shared fixtures. The empty register and the demo register are built once per session into
template files and copied for each test (Anki's tests/shared.py habit)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil  # noqa: E402
from datetime import date  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from pbp_desktop import clock  # noqa: E402
from pbp_desktop.services import Register  # noqa: E402
from pbp_desktop.services.demo import build_demo  # noqa: E402

TODAY = date(2026, 11, 23)

pytest_plugins = ["pytester"]  # tests/unit/test_clock.py runs a suite inside the suite


@pytest.fixture(autouse=True)
def pinned_clock(request, monkeypatch):
    """No test reads the real date. The one place the app reads it (pbp_desktop.clock.today: a
    register opened without a clock, the CLI without --today, the demo built on first run) is
    replaced for every test with one that gives TODAY; a test that reaches it fails, naming
    where, so a test that passes today passes on any day. A test that drives a composition root
    as a user would (the app's start, the CLI without --today) says @pytest.mark.app_clock: its
    one reading of the clock is allowed, and gives TODAY."""
    reads: list[str] = []

    def pinned() -> date:
        import traceback
        reads.append("".join(traceback.format_stack(limit=6)[:-1]))
        return TODAY

    monkeypatch.setattr(clock, "today", pinned)
    yield
    if reads and request.node.get_closest_marker("app_clock") is None:
        pytest.fail("the test read the real clock (inject clock=..., or pass --today):\n" + reads[0], pytrace=False)


def _copy(template: Path, target: Path) -> Path:
    shutil.copyfile(template, target)
    os.chmod(target, 0o600)
    return target


@pytest.fixture(scope="session")
def empty_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("templates") / "empty.sqlite"
    Register.open(f"sqlite:///{path}", create=True).close()
    return path


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("templates") / "demo.sqlite"
    reg = Register.open(f"sqlite:///{path}", create=True, user="demo", clock=lambda: TODAY)
    build_demo(reg, today=TODAY)
    reg.close()
    return path


@pytest.fixture
def register_path(tmp_path, empty_template) -> Path:
    return _copy(empty_template, tmp_path / "register.sqlite")


@pytest.fixture
def demo_path(tmp_path, demo_template) -> Path:
    return _copy(demo_template, tmp_path / "demo.sqlite")


@pytest.fixture
def damaged_demo_path(demo_path) -> Path:
    """The demo register with a backup taken, then a link broken behind the app's back (an
    action owned by a person who does not exist)."""
    import sqlite3
    reg = Register.open(f"sqlite:///{demo_path}")
    reg.backup_now("daily")
    reg.close()
    con = sqlite3.connect(demo_path)
    con.execute("PRAGMA foreign_keys = OFF")
    con.execute("UPDATE action SET owner_id = 4242 WHERE id = 1")
    con.commit()
    con.close()
    return demo_path


# ----------------------------------------------------------------------------- backends
# The storage and service tests run on SQLite and, when PBP_TEST_PG_URL names a PostgreSQL
# server (an admin URL such as postgresql+psycopg://postgres@127.0.0.1:55432/postgres), on
# PostgreSQL too; each test gets a database copied from a template built once. In CI
# (CI=true) a missing PostgreSQL fails the run instead of skipping it.

PG_URL = os.environ.get("PBP_TEST_PG_URL")
BOTH_BACKENDS = ("tests/services/", "tests/storage/")


def pytest_configure(config):
    config.addinivalue_line("markers", "sqlite_only: a test of SQLite itself, not run on PostgreSQL")
    if os.environ.get("CI") == "true" and not PG_URL:
        raise pytest.UsageError("CI runs the storage and service tests on PostgreSQL too, but PBP_TEST_PG_URL is "
                                "not set: .ci/test starts the server and sets it")


def pytest_generate_tests(metafunc):
    path = str(metafunc.definition.path).replace(os.sep, "/")
    uses = {"register", "demo"} & set(metafunc.fixturenames)
    if uses and "backend" in metafunc.fixturenames and any(p in path for p in BOTH_BACKENDS) \
            and metafunc.definition.get_closest_marker("sqlite_only") is None:
        metafunc.parametrize("backend", ["sqlite", "postgresql"], indirect=True)


@pytest.fixture
def backend(request) -> str:
    return getattr(request, "param", "sqlite")


class _Postgres:
    """Databases on the test server: templates built once, a fresh copy for each test."""

    def __init__(self, admin_url: str):
        from sqlalchemy import create_engine
        from sqlalchemy.engine import make_url
        self.url = make_url(admin_url)
        self.admin = create_engine(self.url, isolation_level="AUTOCOMMIT", poolclass=__import__(
            "sqlalchemy.pool", fromlist=["NullPool"]).NullPool)
        self.count = 0

    def _exec(self, sql: str) -> None:
        from sqlalchemy import text
        with self.admin.connect() as conn:
            conn.execute(text(sql))

    def url_of(self, name: str) -> str:
        return self.url.set(database=name).render_as_string(hide_password=False)

    def fresh(self, name: str, template: str | None = None) -> str:
        self._exec(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self._exec(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        return self.url_of(name)

    def drop(self, name: str) -> None:
        self._exec(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def postgres():
    if not PG_URL:
        pytest.skip("PBP_TEST_PG_URL is not set: no PostgreSQL server to test on")
    pg = _Postgres(PG_URL)
    tpl = f"pbp_tpl_{os.getpid()}"  # per process: several runs may share one server
    url = pg.fresh(f"{tpl}_empty")
    Register.open(url, create=True).close()
    url = pg.fresh(f"{tpl}_demo")
    reg = Register.open(url, create=True, user="demo", clock=lambda: TODAY)
    build_demo(reg, today=TODAY)
    reg.close()
    yield pg
    for name in (f"{tpl}_empty", f"{tpl}_demo"):
        pg.drop(name)
    pg.admin.dispose()


def _backend_register(request, backend: str, template: str, user: str):
    if backend == "sqlite":
        fixture = "register_path" if template == "empty" else "demo_path"
        path = request.getfixturevalue(fixture)
        return Register.open(f"sqlite:///{path}", user=user, clock=lambda: TODAY), None
    pg = request.getfixturevalue("postgres")
    pg.count += 1
    name = f"pbp_test_{os.getpid()}_{pg.count}"
    url = pg.fresh(name, template=f"pbp_tpl_{os.getpid()}_{template}")
    return Register.open(url, user=user, clock=lambda: TODAY), (pg, name)


@pytest.fixture
def register(request, backend):
    reg, cleanup = _backend_register(request, backend, "empty", "tester")
    yield reg
    reg.close()
    if cleanup:
        cleanup[0].drop(cleanup[1])


@pytest.fixture
def demo(request, backend):
    reg, cleanup = _backend_register(request, backend, "demo", "secretary")
    yield reg
    reg.close()
    if cleanup:
        cleanup[0].drop(cleanup[1])


def approve_and_amend_july_minutes(reg) -> None:
    """The demo leaves the minutes of the scrutiny board of 29 July 2019 a draft, to approve on 7
    October: approve them there, and amend one minute, so that a register holds approved and
    amended minutes (tests that attack every table need a record of each)."""
    october = next(m for m in reg.queries.meetings() if m.meets_on.isoformat() == "2019-10-07")
    approving = next(i for i in reg.queries.meeting(october.id).items if i.kind.value == "previous_minutes")
    reg.meetings.approve_minutes(approving.id)
    july = next(m for m in reg.queries.meetings() if m.meets_on.isoformat() == "2019-07-29")
    minuted = next(i for i in reg.queries.meeting(july.id).items if i.minutes)
    reg.meetings.amend_minutes(minuted.id, minuted.minutes + " (amended)", "A typing error",
                               expected_version=minuted.minute_version)
