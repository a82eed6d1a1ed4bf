"""Composition support: where the register lives. A file or database URL given on the command
line wins, then $PBP_DB_URL, then the register last opened, then the default file in the
user's data folder (platformdirs)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir, user_log_dir

APP_NAME = "PBP Desktop"
APP_AUTHOR = "PBP Desktop"
ENV_URL = "PBP_DB_URL"


def data_dir() -> Path:
    return Path(user_data_dir(APP_NAME, APP_AUTHOR))


def log_dir() -> Path:
    return Path(user_log_dir(APP_NAME, APP_AUTHOR))


def default_register_path() -> Path:
    return data_dir() / "register.sqlite"


def demo_register_path() -> Path:
    return data_dir() / "demo-register.sqlite"


def to_url(target: str | os.PathLike[str]) -> str:
    """A database URL for a file path or URL as a user typed it."""
    text = os.fspath(target)
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


@dataclass(frozen=True)
class Choice:
    """Which register to open, and whether it is the demo that must be built first."""

    url: str
    is_demo: bool = False


def choose_register(given: str | None, last_opened: str | None = None) -> Choice:
    if given:
        return Choice(to_url(given))
    env = os.environ.get(ENV_URL)
    if env:
        return Choice(env)
    if last_opened:
        path = Path(last_opened) if "://" not in last_opened else None
        if path is None or path.exists():
            return Choice(to_url(last_opened))
    if default_register_path().exists():
        return Choice(to_url(default_register_path()))
    return Choice(to_url(demo_register_path()), is_demo=True)
