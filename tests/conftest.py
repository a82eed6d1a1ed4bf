"""Shared fixtures. The empty register and the demo register are built once per session into
template files and copied for each test (Anki's tests/shared.py habit)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil  # noqa: E402
from datetime import date  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from pbp_desktop.services import Register  # noqa: E402
from pbp_desktop.services.demo import build_demo  # noqa: E402

TODAY = date(2026, 11, 23)


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
def register(register_path):
    reg = Register.open(f"sqlite:///{register_path}", user="tester", clock=lambda: TODAY)
    yield reg
    reg.close()


@pytest.fixture
def demo_path(tmp_path, demo_template) -> Path:
    return _copy(demo_template, tmp_path / "demo.sqlite")


@pytest.fixture
def demo(demo_path):
    reg = Register.open(f"sqlite:///{demo_path}", user="secretary", clock=lambda: TODAY)
    yield reg
    reg.close()
