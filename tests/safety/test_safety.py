"""Data safety: a process killed mid-write leaves a sound register holding all or none of that
transaction; two writers never lose an update; backups restore the same register; damaged
registers are refused untouched; files are private; other writers' changes are noticed."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from pbp_desktop.domain.errors import DamagedRegister
from pbp_desktop.services import Register
from pbp_desktop.services.register import restore_backup
from pbp_desktop.storage.dump import dump
from pbp_desktop.storage.migrate import open_register
from tests.conftest import TODAY

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def child(code: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=ENV)


def wait_for(proc: subprocess.Popen, word: str) -> None:
    line = proc.stdout.readline()
    assert line.strip() == word, (line, proc.stderr.read() if proc.poll() is not None else "")


def sound(path: Path) -> Register:
    reg = Register.open(f"sqlite:///{path}")  # opening runs quick_check and the app's own checks
    assert reg.integrity_problems() == []
    return reg


@pytest.mark.parametrize("delay", [0.05, 0.3, 0.8, 1.5])
def test_killed_in_the_middle_of_a_large_import(register_path, tmp_path, delay):
    reg = Register.open(f"sqlite:///{register_path}")
    o = reg.outcomes.create_outcome({"reference": "O", "title": "O"}).created_id("outcome")
    j = reg.outcomes.create_objective({"outcome_id": o, "reference": "O.1", "title": "J"}).created_id("objective")
    reg.indicators.create({"objective_id": j, "code": "M", "name": "Monthly", "unit": "count",
                           "polarity": "lower", "frequency": "monthly"})
    reg.close()
    rows = ["indicator_code,period,value"] + [f"M,{1800 + k // 12}-{k % 12 + 1:02d},{k}" for k in range(4000)]
    csv_path = tmp_path / "big.csv"
    csv_path.write_text("\n".join(rows), encoding="utf-8")
    proc = child(f"""
        from pbp_desktop.services import Register
        reg = Register.open("sqlite:///{register_path}")
        plan = reg.imports.plan({str(csv_path)!r})
        print("ready", flush=True)
        reg.imports.apply(plan)
        print("done", flush=True)
    """)
    wait_for(proc, "ready")
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    reg = sound(register_path)
    try:
        stored = len([p for p in reg.queries.outcome_tree(with_periods=True)[0].objectives[0].indicators[0].periods if p.actual is not None])
        assert stored in (0, 4000)
        logged = [r for r in reg.queries.change_log() if r.entity == "actual" and r.change.value == "create" and not r.field]
        assert len(logged) == stored  # the change log went in with the values, or not at all
    finally:
        reg.close()


@pytest.mark.parametrize("delay", [0.05, 0.2, 0.5, 1.0])
def test_killed_in_the_middle_of_single_edits(register_path, delay):
    reg = Register.open(f"sqlite:///{register_path}")
    pid = reg.partners.create({"name": "SCVO", "sector": "voluntary_community"}).created_id("partner")
    reg.close()
    proc = child(f"""
        from pbp_desktop.services import Register
        reg = Register.open("sqlite:///{register_path}", user="writer")
        print("ready", flush=True)
        n = 0
        while True:
            p = reg.queries.partners()[0]
            n += 1
            reg.partners.update({pid}, {{"notes": "edit " + str(n)}}, p.version)
    """)
    wait_for(proc, "ready")
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    reg = sound(register_path)
    try:
        p = reg.queries.partners()[0]
        edits = [r for r in reg.queries.change_log(entity="partner", entity_id=pid) if r.field == "notes"]
        assert p.version == len(edits) + 1  # every committed edit logged, nothing half-written
        assert (p.notes or "") == (edits[0].new_value if edits else "")
    finally:
        reg.close()


def test_two_processes_edit_one_action_one_wins_one_is_told(demo_path, tmp_path):
    reg = Register.open(f"sqlite:///{demo_path}", clock=lambda: TODAY)
    action = next(a for a in reg.queries.actions() if a.reference == "A0004")
    reg.close()
    go = tmp_path / "go"
    procs = []
    for who in ("secretary", "director"):
        procs.append(child(f"""
            import os, time
            from pbp_desktop.domain.errors import ConflictError
            from pbp_desktop.services import Register
            reg = Register.open("sqlite:///{demo_path}", user="{who}")
            seen = next(a for a in reg.queries.actions() if a.id == {action.id})
            print("ready", flush=True)
            while not os.path.exists({str(go)!r}):
                time.sleep(0.005)
            try:
                reg.actions.update({action.id}, {{"description": "{who} rewrote it"}}, seen.version)
                print("ok", flush=True)
            except ConflictError as exc:
                print("conflict", exc.changed_by, flush=True)
        """))
    for p in procs:
        wait_for(p, "ready")
    go.touch()
    results = sorted(p.communicate(timeout=60)[0].strip() for p in procs)
    assert results[1] == "ok" and results[0].startswith("conflict ")
    winner = results[0].split()[1]  # the refusal names who changed it: the one who got in first
    assert winner in ("secretary", "director")
    reg = Register.open(f"sqlite:///{demo_path}", clock=lambda: TODAY)
    final = reg.queries.action(action.id)
    reg.close()
    assert final.description == f"{winner} rewrote it" and final.version == action.version + 1


def test_backup_then_restore_gives_back_the_same_register(demo_path):
    reg = Register.open(f"sqlite:///{demo_path}", clock=lambda: TODAY)
    before = dump(reg.opened.engine)
    backup = reg.backup_now("test")
    risk = reg.queries.risks()[0]
    reg.risks.rescore(risk.id, {"consequence": 5, "likelihood": 5}, risk.version)
    reg.close()
    saved = restore_backup(demo_path, backup)
    assert saved is not None and saved.exists()
    reg = sound(demo_path)
    try:
        assert dump(reg.opened.engine) == before
    finally:
        reg.close()


def test_new_registers_backups_and_exports_are_private(tmp_path, demo_path):
    if os.name != "posix":
        pytest.skip("POSIX permissions")
    reg = Register.open(f"sqlite:///{tmp_path / 'fresh.sqlite'}", create=True, clock=lambda: TODAY)
    files = [tmp_path / "fresh.sqlite", reg.backup_now(), reg.exports.to_json(tmp_path / "r.json"),
             reg.exports.to_xlsx(tmp_path / "r.xlsx"), *reg.exports.to_csv(tmp_path / "csv")]
    reg.close()
    for f in files:
        assert oct(f.stat().st_mode & 0o777) == "0o600", f


def test_a_register_with_broken_links_is_refused_untouched_and_its_backup_offered(damaged_demo_path):
    demo_path = damaged_demo_path
    digest = hashlib.sha256(demo_path.read_bytes()).hexdigest()
    with pytest.raises(DamagedRegister) as info:
        open_register(f"sqlite:///{demo_path}")
    assert "links to a missing person record" in str(info.value) and "pbp-cli restore" in str(info.value)
    assert info.value.backups and hashlib.sha256(demo_path.read_bytes()).hexdigest() == digest
    restore_backup(demo_path, info.value.backups[0].path)
    sound(demo_path).close()


def test_backups_are_kept_to_the_newest_n(register_path):
    reg = Register.open(f"sqlite:///{register_path}")
    for _ in range(5):
        reg.backup_now("manual", keep=3)
    assert len(reg.backups()) == 3
    assert reg.ensure_daily_backup() is None  # one was taken today already
    reg.close()


def test_every_backup_is_listed_with_why_it_was_taken(register_path):
    from pbp_desktop.storage.backup import list_backups, take_backup
    for reason in ("manual", "daily", "before-upgrade-from-0005", "before-restore"):
        take_backup(register_path, reason)
    assert [b.reason for b in list_backups(register_path)] == [
        "before-restore", "before-upgrade-from-0005", "daily", "manual"]


def test_a_view_notices_another_copy_s_change(qtbot, demo_path, monkeypatch):
    from pbp_desktop.ui.ops import Ops
    monkeypatch.setattr(Ops, "_non_blocking", True)
    mine = Register.open(f"sqlite:///{demo_path}", user="secretary")
    theirs = Register.open(f"sqlite:///{demo_path}", user="director")
    try:
        ops = Ops(mine)
        seen = []
        ops.changed.connect(seen.append)
        assert ops.poll() is None
        p = theirs.queries.partners()[0]
        theirs.partners.update(p.id, {"notes": "from the other copy"}, p.version)
        changes = ops.poll()
        assert changes.updated == {("partner", p.id)} and seen == [changes]
        q = mine.queries.partners()[0]
        ops.execute("Mine", lambda: mine.partners.update(q.id, {"notes": "mine"}, q.version))
        assert ops.poll() is None  # our own change is not news
    finally:
        mine.close()
        theirs.close()
