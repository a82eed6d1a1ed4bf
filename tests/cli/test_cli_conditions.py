"""CLI: ordinary conditions are said for what they are, through pbp-cli. A register in a
read-only folder or disk is read (and a change refused, saying why); one another program holds
locked is said to be in use; only real corruption is called damage. A pack whose PDF cannot be
written (a full disk, a read-only folder, a folder given as --out) is not recorded and leaves no
.part file; a full disk, permission denied, a folder for a file, a file that is not UTF-8 and a
1 MB cell each end in one sentence, never exit 70 "unexpected error".

The tests run as root (here and in CI), and root ignores a folder's permissions: a read-only
folder is made for real with a read-only bind mount, and a full disk with a tiny tmpfs, each in
a mount namespace of its own (unshare -m) around a pbp-cli process; where that is not possible
(not root, no unshare), a chmod 0555 folder serves a user who is not root."""

from __future__ import annotations

import errno
import io
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from pbp_desktop.cli.main import EXIT_BUG, main

pytestmark = pytest.mark.app_clock

ROOT = Path(__file__).parents[2]
TODAY = ["--today", "2026-11-23"]


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def one_plain_line(code: int, err: str) -> None:
    """Refused in one sentence on one line: not exit 70, no 'unexpected error', no traceback."""
    assert code not in (0, EXIT_BUG), err
    assert err.startswith("pbp-cli: ") and err.count("\n") == 1, err
    assert "unexpected" not in err and "Please report" not in err and "Traceback" not in err, err


def no_part_files(*folders: Path) -> None:
    left = [p for f in folders if f.is_dir() for p in f.iterdir() if p.name.endswith(".part")]
    assert left == []


def recorded_packs(register: Path) -> list[str]:
    con = sqlite3.connect(register)  # the last connection to close takes its -wal and -shm files away
    try:
        return [r[0] for r in con.execute("SELECT reference FROM pack")]
    finally:
        con.close()


# ------------------------------------------------------------------ a mount namespace of one's own

def _namespaces() -> bool:
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "-m", "sh", "-c", "mount -t tmpfs -o size=16k tmpfs /tmp"],
                           capture_output=True, timeout=30)
    return probe.returncode == 0


NAMESPACES = _namespaces()


def cli_in_namespace(setup: str, *argv: str, after: str = "true") -> subprocess.CompletedProcess:
    """pbp-cli in a process of its own, after `setup` (mount commands) in a mount namespace of
    its own: what it mounts is seen by that process only, and gone when it ends. `after` runs in
    the namespace once pbp-cli has ended (its exit status is kept)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PBP_DB_URL": ""}
    script = f'{setup} || exit 99; "$0" -m pbp_desktop.cli.main "$@"; rc=$?; {after}; exit $rc'
    return subprocess.run(["unshare", "-m", "sh", "-c", script, sys.executable, *argv],
                          capture_output=True, text=True, env=env, timeout=300)


def read_only(folder: Path) -> str:
    return f"mount --bind '{folder}' '{folder}' && mount -o remount,ro,bind '{folder}' '{folder}'"


def tiny_disk(folder: Path, size: str = "32k") -> str:
    return f"mount -t tmpfs -o size={size} tmpfs '{folder}'"


def cli_with_read_only_folder(folder: Path, *argv: str) -> tuple[int, str, str]:
    """pbp-cli with `folder` read-only for real: a read-only bind mount (root), or mode 0555."""
    if NAMESPACES:
        done = cli_in_namespace(read_only(folder), *argv)
        return done.returncode, done.stdout, done.stderr
    if os.geteuid() == 0:
        pytest.skip("root ignores a folder's permissions, and no mount namespace can be made here")
    folder.chmod(0o555)
    try:
        env = {**os.environ, "PYTHONPATH": str(ROOT), "PBP_DB_URL": ""}
        done = subprocess.run([sys.executable, "-m", "pbp_desktop.cli.main", *argv], capture_output=True,
                              text=True, env=env, timeout=300)
        return done.returncode, done.stdout, done.stderr
    finally:
        folder.chmod(0o755)


@pytest.fixture
def shelf(tmp_path, demo_path) -> Path:
    """The demo register alone in a folder of its own (the folder made read-only)."""
    folder = tmp_path / "shelf"
    folder.mkdir()
    target = folder / "register.sqlite"
    shutil.move(demo_path, target)
    return target


# ------------------------------------------------------------------ read-only

def test_a_register_in_a_read_only_folder_is_read_and_a_change_says_why(shelf, tmp_path):
    folder = shelf.parent
    before = shelf.read_bytes()
    code, out, err = cli_with_read_only_folder(folder, "check", str(shelf))
    assert (code, err) == (0, "") and "the register is sound" in out
    code, out, err = cli_with_read_only_folder(folder, "summary", str(shelf), *TODAY)
    assert code == 0 and "Sandwell Integrated Care Alliance" in out, err
    code, out, err = cli_with_read_only_folder(folder, "export", str(shelf), "--format", "json",
                                               "--out", str(tmp_path / "register.json"))
    assert code == 0 and (tmp_path / "register.json").stat().st_size > 1000, err
    pdf = tmp_path / "pack.pdf"
    code, out, err = cli_with_read_only_folder(folder, "pack", str(shelf), "--out", str(pdf), *TODAY)
    one_plain_line(code, err)
    assert "The register is read-only (" in err and str(folder) in err and "damaged" not in err
    assert not pdf.exists() and recorded_packs(shelf) == []
    code, out, err = cli_with_read_only_folder(folder, "backup", str(shelf))
    one_plain_line(code, err)
    assert "damaged" not in err
    assert shelf.read_bytes() == before and sorted(p.name for p in folder.iterdir()) == ["register.sqlite"]


def test_a_register_left_with_its_wal_in_a_read_only_folder_is_read_whole(shelf):
    """A register closed uncleanly keeps its -wal file, holding committed changes: it is read
    with them (never as 'immutable', which would skip them)."""
    con = sqlite3.connect(shelf, isolation_level=None)
    con.execute("PRAGMA wal_autocheckpoint=0")
    con.execute("UPDATE partnership SET name = 'Kept in the WAL'")
    copy = shelf.with_name("copy.sqlite")
    for suffix in ("", "-wal", "-shm"):  # the files as a crash would leave them
        shutil.copyfile(f"{shelf}{suffix}", f"{copy}{suffix}")
    con.close()
    shelf.unlink()
    code, out, err = cli_with_read_only_folder(shelf.parent, "summary", str(copy), *TODAY)
    assert code == 0 and "Kept in the WAL" in out, err


# ------------------------------------------------------------------ another program's lock

def hold(register: Path, how: str) -> subprocess.Popen:
    """Another program holding the register: BEGIN EXCLUSIVE with a change pending, and (how ==
    'exclusive-mode') SQLite's exclusive locking mode, which keeps every reader out."""
    code = (
        "import sqlite3, sys\n"
        f"con = sqlite3.connect({str(register)!r}, isolation_level=None)\n"
        + ("con.execute('PRAGMA locking_mode=EXCLUSIVE')\n" if how == "exclusive-mode" else "")
        + "con.execute('BEGIN EXCLUSIVE')\n"
        "con.execute(\"UPDATE partnership SET name = name\")\n"
        "print('held', flush=True)\n"
        "sys.stdin.read()\n")
    proc = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "held"
    return proc


def release(proc: subprocess.Popen) -> None:
    proc.stdin.close()
    proc.wait(timeout=30)


@pytest.fixture
def short_wait(monkeypatch):
    """Wait a second, not ten, for another program's lock."""
    from pbp_desktop.storage import engine, migrate
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 1000)
    monkeypatch.setattr(migrate, "BUSY_TIMEOUT_MS", 1000, raising=False)


def test_a_register_held_under_begin_exclusive_is_read_and_a_change_says_it_is_in_use(demo_path, tmp_path,
                                                                                         short_wait):
    holder = hold(demo_path, "begin-exclusive")
    try:
        code, out, err = run("check", str(demo_path))
        assert (code, err) == (0, "") and "the register is sound" in out
        pdf = tmp_path / "pack.pdf"
        code, out, err = run("pack", str(demo_path), "--out", str(pdf), *TODAY)
        one_plain_line(code, err)
        assert "Another program is using the register" in err and "damaged" not in err
        assert not pdf.exists()
    finally:
        release(holder)
    assert recorded_packs(demo_path) == []
    code, out, err = run("pack", str(demo_path), "--out", str(tmp_path / "pack.pdf"), *TODAY)
    assert code == 0, err  # once it is let go


def test_a_register_another_program_keeps_to_itself_is_in_use_not_damaged(demo_path, short_wait):
    holder = hold(demo_path, "exclusive-mode")
    try:
        for argv in (["check", str(demo_path)], ["summary", str(demo_path), *TODAY]):
            code, out, err = run(*argv)
            one_plain_line(code, err)
            assert "Another program is using the register" in err, err
            assert "damaged" not in err and "backup" not in err
    finally:
        release(holder)
    assert run("check", str(demo_path))[0] == 0


def test_real_damage_is_still_called_damage(demo_path):
    data = bytearray(demo_path.read_bytes())
    data[4096 * 3: 4096 * 6] = os.urandom(4096 * 3)  # pages of tables overwritten
    demo_path.write_bytes(bytes(data))
    code, out, err = run("check", str(demo_path))
    assert code == 2 and "damaged" in err, (out, err)


# ------------------------------------------------------------------ a pack whose file cannot be written

@pytest.fixture
def disk_full(monkeypatch):
    """The disk fills up as the file is written (os.fsync says ENOSPC, as it does on a full disk)."""
    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    monkeypatch.setattr(os, "fsync", full)


def test_a_pack_that_cannot_be_written_to_a_full_disk_is_not_recorded(demo_path, tmp_path, disk_full):
    out = tmp_path / "out"
    pdf = out / "pack.pdf"
    code, _, err = run("pack", str(demo_path), "--out", str(pdf), *TODAY)
    one_plain_line(code, err)
    assert "no space left on the disk" in err and str(pdf) in err and "not recorded" in err
    assert "nothing was changed" not in err
    assert not pdf.exists() and recorded_packs(demo_path) == []
    no_part_files(out, tmp_path)


@pytest.mark.skipif(not NAMESPACES, reason="needs root and unshare, to mount a tiny disk")
def test_a_pack_printed_to_a_really_full_disk_is_not_recorded(demo_path, tmp_path):
    out = tmp_path / "tiny"
    out.mkdir()
    left = tmp_path / "left-on-the-disk"
    done = cli_in_namespace(tiny_disk(out), "pack", str(demo_path), "--out", str(out / "pack.pdf"), *TODAY,
                            after=f"ls -A '{out}' > '{left}'")
    one_plain_line(done.returncode, done.stderr)
    assert "no space left on the disk" in done.stderr and "not recorded" in done.stderr
    assert recorded_packs(demo_path) == [] and left.read_text() == ""  # no .part on the full disk


def test_a_pack_to_a_read_only_folder_is_not_recorded(demo_path, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    code, _, err = cli_with_read_only_folder(out, "pack", str(demo_path), "--out", str(out / "pack.pdf"), *TODAY)
    one_plain_line(code, err)
    assert "not recorded" in err and ("read-only disk" in err or "Permission denied" in err)
    assert recorded_packs(demo_path) == [] and list(out.iterdir()) == []


@pytest.mark.parametrize("force", [[], ["--force"]])
def test_a_folder_given_as_out_is_refused_before_anything_is_recorded(demo_path, tmp_path, force):
    folder = tmp_path / "packs"
    folder.mkdir()
    code, _, err = run("pack", str(demo_path), "--out", str(folder), *force, *TODAY)
    one_plain_line(code, err)
    assert "is a folder" in err and recorded_packs(demo_path) == []
    no_part_files(tmp_path, folder)


def test_a_pack_whose_write_fails_midway_leaves_no_part_file(demo_path, tmp_path, monkeypatch):
    """Whatever stops the write (here, os.replace refused) the temporary file goes with it."""
    def refused(*_a, **_k):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))
    monkeypatch.setattr(os, "replace", refused)
    code, _, err = run("pack", str(demo_path), "--out", str(tmp_path / "pack.pdf"), *TODAY)
    one_plain_line(code, err)
    assert "permission denied for" in err.lower()
    assert recorded_packs(demo_path) == [] and not (tmp_path / "pack.pdf").exists()
    no_part_files(tmp_path)


# ------------------------------------------------------------------ ordinary conditions, one sentence each

def test_a_full_disk_on_export_is_one_sentence(demo_path, tmp_path, disk_full):
    target = tmp_path / "register.xlsx"
    code, _, err = run("export", str(demo_path), "--format", "xlsx", "--out", str(target))
    one_plain_line(code, err)
    assert "no space left on the disk" in err and str(target) in err
    no_part_files(tmp_path)


def test_permission_denied_is_one_sentence(demo_path, tmp_path, monkeypatch):
    target = tmp_path / "register.json"
    real_open = os.open

    def denied(path, *args, **kwargs):
        if str(tmp_path) in os.fsdecode(path):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fsdecode(path))
        return real_open(path, *args, **kwargs)
    monkeypatch.setattr(os, "open", denied)
    code, _, err = run("export", str(demo_path), "--format", "json", "--out", str(target))
    one_plain_line(code, err)
    assert "Permission denied" in err and str(target) in err


@pytest.mark.parametrize("command", [
    ["import", "{register}", "{folder}"],
    ["export", "{register}", "--format", "json", "--out", "{folder}", "--force"],
    ["export", "{register}", "--format", "xlsx", "--out", "{folder}", "--force"],
    ["reprint", "{register}", "PACK-20261123-01", "--out", "{folder}", "--force"],
])
def test_a_folder_where_a_file_was_expected_is_one_sentence(demo_path, tmp_path, command):
    folder = tmp_path / "a folder"
    folder.mkdir()
    if command[0] == "reprint":
        assert run("pack", str(demo_path), "--out", str(tmp_path / "p.pdf"), *TODAY)[0] == 0
    code, _, err = run(*[a.format(register=demo_path, folder=folder) for a in command])
    one_plain_line(code, err)
    assert "is a folder" in err and str(folder) in err
    no_part_files(tmp_path)


def test_a_file_in_no_known_encoding_is_one_sentence(demo_path, tmp_path):
    bad = tmp_path / "actuals.csv"
    bad.write_bytes(b"indicator_code,period,value\n\x81\x8d\x8f\x90,2024/25,1\n")
    code, _, err = run("import", str(demo_path), str(bad))
    assert code not in (0, EXIT_BUG)
    assert "unexpected" not in err and "Please report" not in err and "Traceback" not in err


def test_a_one_megabyte_cell_is_one_sentence(demo_path, tmp_path):
    big = tmp_path / "big.csv"
    big.write_text("indicator_code,period,value\nNI 123,Q1 2024/25,\"" + "x" * 1_000_000 + "\"\n", encoding="utf-8")
    code, _, err = run("import", str(demo_path), str(big))
    assert code not in (0, EXIT_BUG)
    assert "unexpected" not in err and "Please report" not in err and "Traceback" not in err
    assert err.count("\n") <= 2 and len(err) < 2000


@pytest.mark.parametrize("code, words", [
    (errno.ENOSPC, "no space left on the disk"),
    (errno.EACCES, "Permission denied"),
    (errno.EPERM, "Permission denied"),
    (errno.EROFS, "read-only disk"),
    (errno.EISDIR, "is a folder"),
    (errno.ENOTDIR, "where a folder was expected"),
    (errno.ENOENT, "There is no file or folder"),
    (errno.EIO, "input/output error"),
    (errno.ENAMETOOLONG, "too long"),
])
def test_each_os_error_is_named_with_its_file(code, words):
    from pbp_desktop.domain.errors import plain_message
    said = plain_message(OSError(code, os.strerror(code), "/srv/board/pack.pdf"))
    assert words in said and "'/srv/board/pack.pdf'" in said and said.endswith(".")


def test_a_byte_that_is_not_text_names_the_file():
    from pbp_desktop.domain.errors import plain_message
    try:
        b"ok \x81".decode("utf-8")
    except UnicodeDecodeError as exc:
        said = plain_message(exc, "actuals.csv")
    assert "'actuals.csv' is not text in UTF-8 or Windows-1252" in said and "0x81" in said


def test_an_exception_that_is_not_an_ordinary_condition_is_still_a_bug():
    from pbp_desktop.domain.errors import plain_message
    assert plain_message(KeyError("x")) is None and plain_message(ZeroDivisionError()) is None


@pytest.mark.parametrize("command", [["demo", *TODAY, "--out"], ["new"]])
def test_a_register_that_cannot_be_made_on_a_full_disk_leaves_no_file(tmp_path, command):
    if not NAMESPACES:
        pytest.skip("no mount namespace can be made here for a real full disk")
    out = tmp_path / "tiny"
    out.mkdir()
    left = tmp_path / "left-on-the-disk"
    done = cli_in_namespace(tiny_disk(out, "48k"), *command, str(out / "r.sqlite"),
                            after=f"ls -A '{out}' > '{left}'")
    assert done.returncode == 2, done.stderr
    assert left.read_text() == ""  # neither a half-made register nor its -wal or -shm
