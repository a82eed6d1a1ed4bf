"""CLI layer: `pbp-cli`, the headless commands (demo, check, summary, pack, the meeting papers, migrate ...). Every error is
one clear line on stderr and a non-zero exit status, never a traceback."""

from __future__ import annotations

import argparse
import csv
import io
import os
import sys
import zipfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from .. import __version__, clock
from ..config import to_url
from ..domain.errors import PbpError
from ..readmodels.pack import SECTIONS
from .output import ArgumentParser, print_summary, terminal

EXIT_OK, EXIT_PROBLEMS, EXIT_REFUSED, EXIT_BUG = 0, 1, 2, 70
ENV_URL = "PBP_DB_URL"


class CliError(Exception):
    """A user mistake on the command line: said in one line, exit status 2."""


def _url_for(args: argparse.Namespace, *, positional: str = "register") -> str:
    """The register named by the positional argument, else --db, else $PBP_DB_URL."""
    given = getattr(args, positional, None)
    if given:
        return to_url(given)
    if args.db:
        return to_url(args.db)
    env = os.environ.get(ENV_URL)
    if env:
        return env
    raise CliError(f"name a register: give its file, or --db URL, or set {ENV_URL}")


def _today(args: argparse.Namespace) -> date:
    if getattr(args, "today", None):
        try:
            return date.fromisoformat(args.today)
        except ValueError:
            raise CliError(f"--today: '{args.today}' is not a date in the form 2025-03-31") from None
    return clock.today()


def cmd_demo(args: argparse.Namespace, out: TextIO) -> int:
    from ..services import Register
    from ..services.demo import build_demo

    url = _url_for(args, positional="out")
    path = Register.file_of(url)
    if path is not None and path.exists():
        raise CliError(f"'{path}' already exists; the demo is never written over a file. Choose another name.")
    today = _today(args)
    reg = Register.create(url, user=args.user, clock=lambda: today)
    try:
        if args.scale == "demo":
            build_demo(reg, today=today)
        else:
            from ..services.demo_large import LARGE, QUICK, build_large
            build_large(reg, today=today, scale=LARGE if args.scale == "large" else QUICK, seed=args.seed)
    except BaseException:
        reg.discard()  # a half-built demo is of no use to anyone
        raise
    reg.close()
    print(f"Wrote the demo register to {path or url}", file=out)
    return EXIT_OK


def cmd_check(args: argparse.Namespace, out: TextIO) -> int:
    from ..services import Register

    reg = Register.open(_url_for(args), readonly=True, user=args.user)
    try:  # the field rules too: a stored value that breaks one is named (table, id, field)
        problems = reg.problems()
    finally:
        reg.close()
    where = reg.path or reg.opened.url
    if problems:
        print(f"{where}: {len(problems)} problem(s) found", file=out)
        for p in problems:
            print(f"  - {p}", file=out)
        return EXIT_PROBLEMS
    note = ""
    if reg.schema != Register.schema_of_this_app():
        note = f" (schema {reg.schema}; it will be upgraded to {Register.schema_of_this_app()} when next opened)"
    print(f"{where}: the register is sound{note}", file=out)
    return EXIT_OK


def cmd_summary(args: argparse.Namespace, out: TextIO) -> int:
    from ..services import Register

    today = _today(args)
    with Register.open(_url_for(args), readonly=True, user=args.user, clock=lambda: today) as reg:
        summary = reg.queries.summary(include_confidential=args.private)
        if not args.private:  # a public paper: nothing private in it, and no public text quoting it
            reg.privacy.guard(summary, reg.privacy.records())
        print_summary(summary, out)
    return EXIT_OK


def cmd_migrate(args: argparse.Namespace, out: TextIO) -> int:
    from ..services import Register

    upgraded_from, revision, pre_upgrade_copy = Register.upgrade(_url_for(args))
    if upgraded_from:
        copy = f"; the old file was copied to {pre_upgrade_copy}" if pre_upgrade_copy else ""
        print(f"Upgraded the register from schema {upgraded_from} to {revision}{copy}", file=out)
    else:
        print(f"The register is up to date (schema {revision})", file=out)
    return EXIT_OK


def cmd_pack(args: argparse.Namespace, out: TextIO) -> int:
    from ..services import Register
    from ..services.privacy import QuotesPrivate

    target = Path(args.out)
    _refuse_folder(target)
    _refuse_overwrite(target, args.force)
    sections = [s.strip() for s in args.sections.split(",") if s.strip()] if args.sections is not None else None
    if sections == []:
        raise CliError("--sections: name at least one section, from: " + ", ".join(SECTIONS))
    today = _today(args)
    with Register.open(_url_for(args), user=args.user, clock=lambda: today) as reg:
        reg.set_user_name(args.author)  # the cover's author: a name, never the login
        meeting = reg.packs.resolve_meeting(args.meeting) if args.meeting != "none" else None
        kwargs: dict[str, Any] = {"sections": sections} if sections else {}
        # the file is written inside the pack's transaction: a pack whose file could not be
        # written (a full disk, a read-only folder) is not recorded as printed
        def printed() -> tuple[str, bytes]:
            pack = reg.packs.print_pack(meeting, args.session, write=lambda pdf: _write_private(target, pdf),
                                        draft=args.draft, **kwargs)
            return pack.reference, pack.pdf
        try:
            try:
                reference, pdf = printed()
            except QuotesPrivate as exc:
                if not (args.confirm_public or "").strip():
                    raise CliError(f"{exc} (--confirm-public REASON confirms them all, logged with REASON)") from None
                for q in exc.quotations:
                    reg.privacy.confirm(q, args.confirm_public)
                    print(f"Confirmed public: {q.describe()}", file=out)
                reference, pdf = printed()
        except OSError as exc:
            raise CliError(f"the pack was not printed and not recorded: {_plain(exc, target)}") from None
    what = f"{meeting.body_name}, {meeting.meets_on:%d/%m/%Y}" if meeting else "no meeting"
    print(f"Printed the {args.session} pack{' (a draft)' if args.draft else ''} for {what} to {target} "
          f"({len(pdf):,} bytes)", file=out)
    print(reference, file=out)
    return EXIT_OK


def cmd_highlight(args: argparse.Namespace, out: TextIO) -> int:
    """The monthly highlight report of every programme, judged as at the month's end (or today)."""
    from ..services import Register
    from ..services.highlight import parse_month
    from ..services.privacy import QuotesPrivate

    month = parse_month(args.month)  # a bad month is refused before the register is opened
    target = Path(args.out)
    _refuse_folder(target)
    _refuse_overwrite(target, args.force)
    today = _today(args)
    confirm = (args.confirm_public or "").strip()
    with Register.open(_url_for(args), readonly=not confirm, user=args.user, clock=lambda: today) as reg:
        try:
            data = reg.highlight.checked(month, args.session)
        except QuotesPrivate as exc:
            if not confirm:
                raise CliError(f"{exc} (--confirm-public REASON confirms them all, logged with REASON)") from None
            for q in exc.quotations:
                reg.privacy.confirm(q, confirm)
                print(f"Confirmed public: {q.describe()}", file=out)
            data = reg.highlight.checked(month, args.session)
        pdf = reg.highlight.render_report(data)
    try:
        _write_private(target, pdf)
    except OSError as exc:
        raise CliError(f"the highlight report was not written: {_plain(exc, target)}") from None
    print(f"Wrote the {args.session} highlight report for {month:%B %Y} ({len(data.programmes)} programme"
          f"{'s' if len(data.programmes) != 1 else ''}) to {target} ({len(pdf):,} bytes)", file=out)
    return EXIT_OK


def cmd_packs(args: argparse.Namespace, out: TextIO) -> int:
    from ..services import Register

    with Register.open(_url_for(args), readonly=True, user=args.user) as reg:
        rows = reg.queries.packs()
    if not rows:
        print("No pack has been printed from this register yet.", file=out)
        return EXIT_OK
    print(f"{'Reference':<24} {'Printed (UTC)':<17} {'By':<14} {'Session':<8} {'Paper':<22} Meeting", file=out)
    for p in rows:
        paper = p.paper.label + ("" if p.file_format.value == "pdf" else f" ({p.file_format.value.upper()})")
        print(f"{p.reference:<24} {p.printed_at:%d/%m/%Y %H:%M} {p.printed_by[:14]:<14} {p.session.label:<8} "
              f"{paper:<22} {p.meeting_label or '-'}{' (draft)' if p.draft else ''}", file=out)
    return EXIT_OK


def cmd_disclosures(args: argparse.Namespace, out: TextIO) -> int:
    """The deliberate disclosures, each with its reason; who made each, and when, is in the log."""
    from ..services import Register

    with Register.open(_url_for(args), readonly=True, user=args.user) as reg:
        rows = reg.privacy.disclosures()
    if not rows:
        print("Nothing has been published on purpose: public papers show only what the privacy rule allows.", file=out)
    for d in rows:
        what = f"{d['table'].replace('_', ' ')} {d['record_id']}"
        if d["field"] is None:
            print(f"Published: {what} (the rule would keep it private). Why: {d['reason']}", file=out)
        else:
            print(f"Confirmed public: {what}, {d['field'].replace('_', ' ')}, quoting the private "
                  f"{d['quoted_table'].replace('_', ' ')} {d['quoted_id']}. Why: {d['reason']}", file=out)
    return EXIT_OK


def cmd_reprint(args: argparse.Namespace, out: TextIO) -> int:
    from ..services import Register

    target = Path(args.out)
    _refuse_folder(target)
    _refuse_overwrite(target, args.force)
    with Register.open(_url_for(args), readonly=True, user=args.user) as reg:
        pdf = reg.packs.pdf(args.reference)
    try:
        _write_private(target, pdf)
    except OSError as exc:
        raise CliError(f"the pack was not written: {_plain(exc, target)}") from None
    print(f"Wrote pack {args.reference} as printed ({len(pdf):,} bytes) to {target}", file=out)
    return EXIT_OK


def cmd_meetings(args: argparse.Namespace, out: TextIO) -> int:
    """The register's meetings: id, body, date, session and the state of the minutes."""
    from ..services import Register

    with Register.open(_url_for(args), readonly=True, user=args.user) as reg:
        rows = reg.queries.meetings()
    if not rows:
        print("There are no meetings in this register yet.", file=out)
        return EXIT_OK
    def state(m) -> str:
        return m.minutes_status.label + (f" ({m.minutes_approved_on:%d/%m/%Y})" if m.minutes_approved_on else "")
    width = max(len("Minutes"), *(len(state(m)) for m in rows))
    print(f"{'Id':>4}  {'Date':<10}  {'Session':<8} {'Minutes':<{width}}  Body", file=out)
    for m in sorted(rows, key=lambda m: (m.meets_on, m.start_time or "", m.id)):
        print(f"{m.id:>4}  {m.meets_on:%d/%m/%Y}  {m.session.label:<8} {state(m):<{width}}  {m.body_name}", file=out)
    return EXIT_OK


def _paper_format(target: Path, allowed: tuple[str, ...]) -> str:
    suffix = target.suffix.lower().lstrip(".")
    if suffix not in allowed:
        raise CliError(f"'{target}': name the file .{' or .'.join(allowed)} (the paper is written in that format)")
    return suffix


def _print_paper(args: argparse.Namespace, out: TextIO, paper: str, label: str,
                 target_of: Any = None) -> int:
    """Print a meeting paper to --out (PDF or DOCX) and record it as packs are recorded."""
    from ..services import Register
    from ..services.privacy import QuotesPrivate

    target = Path(args.out)
    _refuse_folder(target)
    file_format = _paper_format(target, ("pdf", "docx"))
    _refuse_overwrite(target, args.force)
    today = _today(args)
    with Register.open(_url_for(args), user=args.user, clock=lambda: today) as reg:
        what = target_of(reg) if target_of is not None else None

        def printed():  # the file is written inside the paper's transaction: unwritten, unrecorded
            return reg.papers.print_paper(paper, what, args.session, file_format,
                                          write=lambda data: _write_private(target, data))
        try:
            try:
                result = printed()
            except QuotesPrivate as exc:
                if not (args.confirm_public or "").strip():
                    raise CliError(f"{exc} (--confirm-public REASON confirms them all, logged with REASON)") from None
                for q in exc.quotations:
                    reg.privacy.confirm(q, args.confirm_public)
                    print(f"Confirmed public: {q.describe()}", file=out)
                result = printed()
        except OSError as exc:
            raise CliError(f"the {label} {'were' if label.endswith('minutes') else 'was'} not printed and not "
                           f"recorded: {_plain(exc, target)}") from None
        of = f" of {reg.papers.resolve_meeting(what).label}" if isinstance(what, int) else ""
    print(f"Printed the {args.session} {label}{of} to {target} ({len(result.pdf):,} bytes)", file=out)
    print(result.reference, file=out)
    return EXIT_OK


def _meeting_of(which: str):
    def resolve(reg) -> int:
        meeting = reg.papers.resolve_meeting(which)
        return meeting.id
    return resolve


def cmd_agenda(args: argparse.Namespace, out: TextIO) -> int:
    return _print_paper(args, out, "agenda", "agenda", _meeting_of(args.meeting))


def cmd_minutes(args: argparse.Namespace, out: TextIO) -> int:
    return _print_paper(args, out, "minutes", "minutes", _meeting_of(args.meeting))


def cmd_interests(args: argparse.Namespace, out: TextIO) -> int:
    return _print_paper(args, out, "interests", "register of interests")


def _owner_id(reg: Any, name: str | None) -> int | None:
    """--owner: a person who owns actions, by their name (or a unique part of it)."""
    if not name:
        return None
    owners = reg.queries.action_owners()
    wanted = name.strip().casefold()
    exact = [pid for pid, n in owners if n.casefold() == wanted]
    if len(exact) == 1:
        return exact[0]
    partial = [(pid, n) for pid, n in owners if wanted in n.casefold()]
    if len(partial) == 1:
        return partial[0][0]
    if not partial:
        raise CliError(f"--owner: no one called '{name}' owns an action (owners: {', '.join(n for _, n in owners)})")
    raise CliError(f"--owner: '{name}' could be {', '.join(n for _, n in partial)}; give more of the name")


def cmd_actions(args: argparse.Namespace, out: TextIO) -> int:
    """The open actions by owner with their ageing: listed, printed (PDF, recorded) or exported (CSV)."""
    from ..readmodels.papers import ActionLogFilter
    from ..services import Register

    if args.due_within is not None and args.due_within < 0:
        raise CliError("--due-within: give a number of days, 0 or more")
    target = Path(args.out) if args.out else None
    if target is not None:
        _refuse_folder(target)
        kind = _paper_format(target, ("pdf", "csv"))
        _refuse_overwrite(target, args.force)
    today = _today(args)
    if target is not None and kind == "pdf":
        return _print_paper(args, out, "action_log", "action log", lambda reg: ActionLogFilter(
            owner_id=_owner_id(reg, args.owner), overdue_only=args.overdue, due_within_days=args.due_within))
    with Register.open(_url_for(args), readonly=True, user=args.user, clock=lambda: today) as reg:
        owner_id = _owner_id(reg, args.owner)
        paper = reg.papers.action_log(args.session, owner_id=owner_id, overdue_only=args.overdue,
                                      due_within_days=args.due_within)
        if paper.session.value == "public":
            reg.privacy.guard(paper, reg.privacy.records())
        if target is not None:
            data = reg.papers.action_log_csv(paper)
            try:
                _write_private(target, data)
            except OSError as exc:
                raise CliError(f"the action log was not written: {_plain(exc, target)}") from None
            print(f"Wrote {len(paper.lines)} action(s) to {target}", file=out)
            return EXIT_OK
    print(f"{paper.filters}: {len(paper.lines)} action(s)", file=out)
    for group in paper.owners:
        print(f"{group.owner}:", file=out)
        for line in group.lines:
            a = line.action
            print(f"  {a.reference:<10} due {a.due_on:%d/%m/%Y}  {line.band:<22} {a.description}", file=out)
    if paper.withheld:
        print(f"({paper.withheld} action(s) of business taken in private are not listed: --session private)", file=out)
    return EXIT_OK


def _refuse_folder(target: Path) -> None:
    if target.is_dir():
        raise CliError(f"'{target}' is a folder; --out names the PDF file to write (for example {target / 'pack.pdf'})")


def _plain(exc: BaseException, file: object = None) -> str:
    """An ordinary condition (a full disk, a folder where a file was expected, permission
    denied, a file that is not UTF-8, a locked register) as one sentence, first letter small
    after 'pbp-cli: ...:'."""
    from ..domain.errors import plain_message
    said = plain_message(exc, str(file) if file is not None else None) or str(exc)
    return said[0].lower() + said[1:] if said[1:2].islower() else said


def _refuse_overwrite(target: Path, force: bool) -> None:
    if target.exists() and not force:
        raise CliError(f"'{target}' already exists; choose another name or add --force to replace it")


def _write_private(target: Path, data: bytes) -> None:
    """Write a file readable only by its owner, whole or not at all."""
    from ..services.exporting import write_private
    write_private(target, data)


def cmd_import(args: argparse.Namespace, out: TextIO) -> int:
    from ..domain.importing import RowAction
    from ..services import Register

    with Register.open(_url_for(args), user=args.user) as reg:
        profile = None
        if args.profile:
            profile = next((p for p in reg.imports.profiles() if p.name == args.profile), None)
            if profile is None:
                names = ", ".join(p.name for p in reg.imports.profiles()) or "none saved yet"
                raise CliError(f"there is no import profile '{args.profile}' (profiles: {names})")
        plan = reg.imports.plan(args.file, profile)
        for r in plan.rows:
            if r.action is RowAction.SKIPPED and not args.verbose:
                continue
            where = f"row {r.row}" + (f", {r.column}" if r.action is RowAction.ERROR and r.column else "")
            print(f"{where:<22} {r.indicator_code:<12} {r.period:<12} {r.describe()}", file=out)
        print(f"{plan.source} ({plan.format.value}): {plan.summary()}", file=out)
        if plan.errors:
            raise CliError(f"nothing was imported: {len(plan.errors)} row(s) have problems (listed above)")
        nothing = plan.nothing_to_import()
        if nothing:  # no change made, so no batch and no undo to speak of
            print(f"Nothing to import: {nothing}", file=out)
            return EXIT_OK
        if args.dry_run:
            print("Dry run: nothing was written.", file=out)
            return EXIT_OK
        changes = reg.imports.apply(plan)
        print(f"Imported {len(plan.writes)} actual(s) as one change (batch {changes.batch}); "
              "undo it in the app with Edit > Undo, or from the change history.", file=out)
    return EXIT_OK


def cmd_import_milestones(args: argparse.Namespace, out: TextIO) -> int:
    from ..services import Register

    today = _today(args)  # a forecast change is recorded on this day; a date a century from it is refused
    with Register.open(_url_for(args), user=args.user, clock=lambda: today) as reg:
        plan = reg.imports.plan_milestones(args.file)
        for r in plan.rows:
            where = f"row {r.row}" + (f", {r.column}" if r.column else "")
            print(f"{where:<28} {r.programme:<10} {r.title[:40]:<40} {r.describe()}", file=out)
        print(f"{plan.source} (milestones): {plan.summary()}", file=out)
        if plan.unread:
            print(f"Columns not read: {', '.join(plan.unread)}", file=out)
        if plan.errors:
            raise CliError(f"nothing was imported: {len(plan.errors)} row(s) have problems (listed above)")
        nothing = plan.nothing_to_import()
        if nothing:
            print(f"Nothing to import: {nothing}", file=out)
            return EXIT_OK
        if args.dry_run:
            print("Dry run: nothing was written.", file=out)
            return EXIT_OK
        changes = reg.imports.apply_milestones(plan)
        print(f"Imported {len(plan.writes)} milestone(s) as one change (batch {changes.batch}); "
              "undo it in the app with Edit > Undo, or from the change history.", file=out)
    return EXIT_OK


def cmd_template(args: argparse.Namespace, out: TextIO) -> int:
    from ..services.importing import ImportService

    target = Path(args.out)
    _refuse_overwrite(target, args.force)
    rows = ImportService.template_rows()
    if target.suffix.lower() == ".xlsx":
        from openpyxl import Workbook
        wb = Workbook()
        ws = wb.active
        ws.title = "Actuals"
        for r in rows:
            ws.append(r)
        buffer = io.BytesIO()
        wb.save(buffer)
        _write_private(target, buffer.getvalue())
    elif target.suffix.lower() == ".csv":
        text = io.StringIO(newline="")
        csv.writer(text, lineterminator="\r\n").writerows(rows)
        _write_private(target, text.getvalue().encode("utf-8"))
    else:
        raise CliError("the template is written as .csv or .xlsx: name the file so")
    print(f"Wrote the import template to {target}", file=out)
    return EXIT_OK


def cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    from ..services import Register

    target = Path(args.out)
    if args.format != "csv":
        _refuse_overwrite(target, args.force)
    with Register.open(_url_for(args), readonly=True, user=args.user) as reg:
        if args.format == "xlsx":
            reg.exports.to_xlsx(target)
            print(f"Wrote the register to {target}", file=out)
        elif args.format == "json":
            reg.exports.to_json(target)
            print(f"Wrote the register to {target}", file=out)
        else:
            if target.exists() and not target.is_dir():
                raise CliError(f"'{target}' is a file; CSV export writes a folder of files")
            files = reg.exports.to_csv(target)
            print(f"Wrote {len(files)} CSV files to {target}", file=out)
    return EXIT_OK


def cmd_new(args: argparse.Namespace, out: TextIO) -> int:
    from ..services import Register

    url = _url_for(args)
    path = Register.file_of(url)
    if path is not None and path.exists():
        raise CliError(f"'{path}' already exists; a new register is never written over a file")
    # a file that is not an export is refused before a register is made
    data = Register.read_export(Path(args.from_file)) if args.from_file else None
    reg = Register.create(url, user=args.user)
    try:
        if data is not None:
            reg.load(data, source=f"'{Path(args.from_file).name}'")
    except BaseException:
        reg.discard()
        raise
    reg.close()
    source = f" from {args.from_file}" if args.from_file else ""
    print(f"Created the register {path or url}{source}", file=out)
    return EXIT_OK


def _file_of(args: argparse.Namespace) -> Path:
    from ..services import Register
    path = Register.file_of(_url_for(args))
    if path is None:
        raise CliError("backups and restores are for register files; back a PostgreSQL register up with "
                       "pg_dump, or with 'pbp-cli copy' to a file")
    return path


def cmd_backup(args: argparse.Namespace, out: TextIO) -> int:
    from ..services import Register

    path = _file_of(args)
    with Register.open(to_url(path), readonly=True, user=args.user) as reg:
        written = reg.backup_now("manual", args.keep)
    print(written, file=out)
    return EXIT_OK


def cmd_backups(args: argparse.Namespace, out: TextIO) -> int:
    from ..services import Register

    found = Register.backups_of(_file_of(args))
    if not found:
        print("There are no backups of this register yet.", file=out)
    for b in found:
        print(f"{b.taken_at:%d/%m/%Y %H:%M:%S} UTC  {b.reason:<28} {b.size:>10,} bytes  {b.path}", file=out)
    return EXIT_OK


def cmd_restore(args: argparse.Namespace, out: TextIO) -> int:
    from ..services.register import restore_backup

    path = _file_of(args)
    backup = Path(args.backup).expanduser().resolve()
    if not args.yes:
        if not sys.stdin or not sys.stdin.isatty():
            raise CliError("restoring replaces the register: confirm with --yes (no terminal to ask on)")
        answer = input(f"Replace {path} with the backup {backup.name}? The current file is backed up first. [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            print("Nothing was changed.", file=out)
            return EXIT_OK
    saved = restore_backup(path, backup, args.keep)
    if saved:
        print(f"The register as it was is kept in {saved}", file=out)
    print(f"Restored {path} from {backup}", file=out)
    return EXIT_OK


def cmd_copy(args: argparse.Namespace, out: TextIO) -> int:
    from ..services import Register

    source_url, target_url = to_url(args.source), to_url(args.target)
    target_path = Register.file_of(target_url)
    if target_path is not None and target_path.exists():
        raise CliError(f"'{target_path}' already exists; a copy is never written over a register")
    with Register.open(source_url, readonly=True, user=args.user) as source:
        data = source.dump()
    target = Register.create(target_url, user=args.user)
    try:
        if target.queries.partnership() is not None or target.queries.change_log(limit=1):
            raise CliError("the target database already holds a register; copy into an empty one")
        target.load(data)
    except BaseException:
        target.discard()
        raise
    target.close()
    counts = sum(len(rows) for rows in data["tables"].values())
    print(f"Copied {counts:,} records from {_safe(source_url)} to {_safe(target_url)}", file=out)
    return EXIT_OK


def _safe(url: str) -> str:
    from ..services import Register
    return Register.shown(url)


def cmd_spc(args: argparse.Namespace, out: TextIO) -> int:
    import json

    from ..domain.periods import PeriodError, parse_period
    from ..domain.spc import analyse, expected_shape

    def day(text: str) -> date:
        try:
            return date.fromisoformat(text.strip())
        except ValueError:
            try:
                return parse_period(text).end
            except PeriodError as exc:
                raise CliError(f"'{text}' is not a date: {exc}") from None

    if args.case and args.csv:
        raise CliError("give a case file or --csv, not both")
    if args.case:
        try:
            case = json.loads(Path(args.case).read_text(encoding="utf-8"))
            values, dates = case["values"], [day(d) for d in case["dates"]]
            options = dict(improvement_direction=case.get("improvement_direction", "increase"),
                           target=case.get("target"), rebase=[day(d) for d in case.get("rebase", [])],
                           fix_after_n_points=case.get("fix_after_n_points"),
                           screen_outliers=case.get("screen_outliers", True))
        except FileNotFoundError:
            raise CliError(f"there is no file '{args.case}'") from None
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise CliError(f"'{args.case}' is not an SPC case ({exc})") from None
    elif args.csv:
        from ..domain.importing import ValueProblem, norm, parse_value
        from ..services.importing import read_table
        header, body = read_table(Path(args.csv))
        names = [norm(h) for h in header]
        di = names.index("date") if "date" in names else 0
        vi = names.index("value") if "value" in names else 1
        values, dates = [], []
        for number, cells in body:
            try:
                values.append(parse_value(cells[vi]))
            except (ValueProblem, IndexError) as exc:
                raise CliError(f"row {number}, {header[vi] if vi < len(header) else 'value'}: {exc}") from None
            dates.append(day(str(cells[di])))
        options = dict(improvement_direction=args.direction, target=args.target,
                       rebase=[day(r) for r in args.rebase or []], screen_outliers=not args.mdc_excel)
    else:
        raise CliError("give a case file (CASE.json) or --csv FILE")
    try:
        result = analyse(values, dates, mdc_excel=args.mdc_excel, **options)
    except ValueError as exc:
        raise CliError(str(exc)) from None
    for line in json.dumps(expected_shape(result), indent=1).splitlines():  # a line a write: see output.py
        print(line, file=out)
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = ArgumentParser(  # its messages shown escaped, as every message is (output.py)
        prog="pbp-cli", description="PBP Desktop without a screen: the register from the command line.")
    parser.add_argument("--version", action="version", version=f"pbp-cli {__version__}")
    parser.add_argument("--db", metavar="URL", help=f"the register: a file or a database URL (default ${ENV_URL})")
    parser.add_argument("--user", default=None, help="name recorded in the change log (default: your login)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    p = sub.add_parser("demo", help="write the demo register (Sandwell Integrated Care Alliance)")
    p.add_argument("--out", metavar="FILE", help="the new register file (must not exist)")
    p.add_argument("--today", metavar="YYYY-MM-DD", help="date the demo's coming meeting is planned from")
    p.add_argument("--scale", choices=("demo", "large", "quick"), default="demo",
                   help="the Sandwell demo (default), or a generated register at the scale of a whole ICS")
    p.add_argument("--seed", type=int, default=20261123, help="seed of the generated register")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("check", help="check a register read-only; exit 0 only when it is sound")
    p.add_argument("register", nargs="?", metavar="REGISTER")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("summary", help="RAG counts per outcome, overdue actions and risks scoring 15 or more")
    p.add_argument("register", nargs="?", metavar="REGISTER")
    p.add_argument("--today", metavar="YYYY-MM-DD", help="judge overdue actions as at this date")
    p.add_argument("--private", action="store_true", help="include records marked confidential")
    p.set_defaults(func=cmd_summary)

    p = sub.add_parser("pack", help="print the board's assurance pack to a PDF; its reference is the last line")
    p.add_argument("register", nargs="?", metavar="REGISTER")
    p.add_argument("--meeting", default="next", help="meeting id, 'next', 'latest' or 'none' (default: next)")
    p.add_argument("--session", choices=("public", "private"), default="public")
    p.add_argument("--confirm-public", metavar="REASON",
                   help="confirm as public the places in public text that quote a private record (logged with REASON)")
    p.add_argument("--draft", action="store_true",
                   help="mark every page DRAFT; no later pack compares its risk movements with a draft")
    p.add_argument("--sections", help="comma-separated, from: " + ",".join(SECTIONS))
    p.add_argument("--out", required=True, metavar="FILE.pdf")
    p.add_argument("--force", action="store_true", help="replace FILE.pdf if it exists")
    p.add_argument("--today", metavar="YYYY-MM-DD", help="print as at this date (default today)")
    p.add_argument("--author", metavar="NAME",
                   help="your name, the cover's author where the cover kept has none (never your login)")
    p.set_defaults(func=cmd_pack)

    p = sub.add_parser("highlight", help="print the monthly highlight report of every programme to a PDF")
    p.add_argument("register", nargs="?", metavar="REGISTER")
    p.add_argument("--month", required=True, metavar="YYYY-MM", help="the month reported, e.g. 2022-07")
    p.add_argument("--session", choices=("public", "private"), default="public")
    p.add_argument("--out", required=True, metavar="FILE.pdf")
    p.add_argument("--force", action="store_true", help="replace FILE.pdf if it exists")
    p.add_argument("--today", metavar="YYYY-MM-DD", help="judge as at this date when the month has not ended "
                                                           "(default today)")
    p.add_argument("--confirm-public", metavar="REASON",
                   help="confirm as public the places in public text that quote a private record (logged with REASON)")
    p.set_defaults(func=cmd_highlight)

    p = sub.add_parser("packs", help="list the packs and meeting papers printed from a register")
    p.add_argument("register", nargs="?", metavar="REGISTER")
    p.set_defaults(func=cmd_packs)

    p = sub.add_parser("disclosures", help="list what was published on purpose although the privacy rule keeps it "
                                           "private, and public text confirmed public although it quotes a private record")
    p.add_argument("register", nargs="?", metavar="REGISTER")
    p.set_defaults(func=cmd_disclosures)

    p = sub.add_parser("reprint", help="write exactly the bytes of a printed pack")
    p.add_argument("register", nargs="?", metavar="REGISTER")
    p.add_argument("reference", metavar="REFERENCE")
    p.add_argument("--out", required=True, metavar="FILE.pdf")
    p.add_argument("--force", action="store_true", help="replace FILE.pdf if it exists")
    p.set_defaults(func=cmd_reprint)

    p = sub.add_parser("meetings", help="list the meetings: id, date, session, the state of the minutes, body")
    p.add_argument("register", nargs="?", metavar="REGISTER")
    p.set_defaults(func=cmd_meetings)

    for name, default, helptext, func in (
            ("agenda", "next", "print a meeting's agenda (PDF or DOCX) and record it", cmd_agenda),
            ("minutes", "latest", "print a meeting's minutes (PDF or DOCX) and record them", cmd_minutes)):
        p = sub.add_parser(name, help=helptext)
        p.add_argument("register", nargs="?", metavar="REGISTER")
        p.add_argument("--meeting", default=default, help=f"meeting id, 'next' or 'latest' (default: {default})")
        _paper_arguments(p, "FILE.pdf|FILE.docx")
        p.set_defaults(func=func)

    p = sub.add_parser("interests", help="print the register of interests (PDF or DOCX) and record it")
    p.add_argument("register", nargs="?", metavar="REGISTER")
    _paper_arguments(p, "FILE.pdf|FILE.docx")
    p.set_defaults(func=cmd_interests)

    p = sub.add_parser("actions", help="the open actions by owner with their ageing; --out FILE.pdf prints the "
                                       "action log (recorded), FILE.csv exports it")
    p.add_argument("register", nargs="?", metavar="REGISTER")
    p.add_argument("--overdue", action="store_true", help="only the overdue actions")
    p.add_argument("--owner", metavar="NAME", help="only the actions of this owner")
    p.add_argument("--due-within", type=int, metavar="DAYS", help="only the actions due within DAYS days")
    _paper_arguments(p, "FILE.pdf|FILE.csv", required=False)
    p.set_defaults(func=cmd_actions)

    p = sub.add_parser("import", help="import actuals from a CSV or XLSX file (template, Fingertips or a profile)")
    p.add_argument("register", nargs="?", metavar="REGISTER")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--profile", help="a saved import profile, for files that are neither template nor Fingertips")
    p.add_argument("--dry-run", action="store_true", help="show what would happen; write nothing")
    p.add_argument("--verbose", action="store_true", help="list skipped rows too")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("import-milestones", help="import programmes' milestones from a CSV or XLSX file (programme "
                       "reference, milestone title, baseline, forecast and actual dates, status, reason)")
    p.add_argument("register", nargs="?", metavar="REGISTER")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--dry-run", action="store_true", help="show what would happen; write nothing")
    p.add_argument("--today", metavar="YYYY-MM-DD", help="record forecast changes as of this date (default today)")
    p.set_defaults(func=cmd_import_milestones)

    p = sub.add_parser("template", help="write the import template (CSV or XLSX)")
    p.add_argument("--out", required=True, metavar="FILE.csv|FILE.xlsx")
    p.add_argument("--force", action="store_true")
    p.set_defaults(func=cmd_template)

    p = sub.add_parser("export", help="export the register to Excel, CSV (a folder) or JSON")
    p.add_argument("register", nargs="?", metavar="REGISTER")
    p.add_argument("--format", choices=("xlsx", "csv", "json"), required=True)
    p.add_argument("--out", required=True, metavar="PATH")
    p.add_argument("--force", action="store_true")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("new", help="create a new register, empty or from a JSON export")
    p.add_argument("register", nargs="?", metavar="REGISTER")
    p.add_argument("--from", dest="from_file", metavar="FILE.json")
    p.set_defaults(func=cmd_new)

    p = sub.add_parser("backup", help="back the register up into its backups folder; prints the backup's path")
    p.add_argument("register", nargs="?", metavar="REGISTER")
    p.add_argument("--keep", type=int, default=None, help="keep the newest N backups (default 30)")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("backups", help="list the register's backups, newest first")
    p.add_argument("register", nargs="?", metavar="REGISTER")
    p.set_defaults(func=cmd_backups)

    p = sub.add_parser("restore", help="replace the register with a backup (the current file is backed up first)")
    p.add_argument("register", nargs="?", metavar="REGISTER")
    p.add_argument("backup", metavar="BACKUP")
    p.add_argument("--yes", action="store_true", help="do not ask")
    p.add_argument("--keep", type=int, default=None)
    p.set_defaults(func=cmd_restore)

    p = sub.add_parser("copy", help="copy a register between files and databases (SQLite <-> PostgreSQL)")
    p.add_argument("source", metavar="SOURCE")
    p.add_argument("target", metavar="TARGET")
    p.set_defaults(func=cmd_copy)

    p = sub.add_parser("spc", help="Making Data Count XmR analysis of a case (JSON) or a CSV of date,value")
    p.add_argument("case", nargs="?", metavar="CASE.json")
    p.add_argument("--csv", metavar="FILE", help="a table of date and value columns")
    p.add_argument("--direction", choices=("increase", "decrease", "neutral"), default="increase")
    p.add_argument("--target", type=float)
    p.add_argument("--rebase", nargs="*", metavar="DATE", help="dates where a new group starts")
    p.add_argument("--mdc-excel", action="store_true", help="the MDC Excel tool's rules instead of NHSRplotthedots'")
    p.set_defaults(func=cmd_spc)

    p = sub.add_parser("migrate", help="upgrade a register to this version's schema (copying it aside first)")
    p.add_argument("register", nargs="?", metavar="REGISTER")
    p.set_defaults(func=cmd_migrate)
    return parser


def _paper_arguments(p: argparse.ArgumentParser, out: str, *, required: bool = True) -> None:
    p.add_argument("--session", choices=("public", "private"), default="public",
                   help="public (default: nothing private in it) or private")
    p.add_argument("--out", required=required, metavar=out)
    p.add_argument("--force", action="store_true", help="replace the file if it exists")
    p.add_argument("--confirm-public", metavar="REASON",
                   help="confirm as public the places in public text that quote a private record (logged with REASON)")
    p.add_argument("--today", metavar="YYYY-MM-DD", help="print as at this date (default today)")


def main(argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = terminal(out or sys.stdout)  # every message shows control characters escaped (output.py)
    err = terminal(err or sys.stderr)
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed its usage message
        return int(exc.code or 0)
    try:
        return args.func(args, out)
    except (CliError, PbpError) as exc:
        _say(err, f"pbp-cli: {exc}")
        return EXIT_REFUSED
    except BrokenPipeError:  # the reader went away (`pbp-cli summary ... | head`): not an error (an OSError: first)
        try:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - so the interpreter's final flush is quiet
        except OSError:
            pass
        return EXIT_OK
    except (OSError, UnicodeError, csv.Error, zipfile.BadZipFile) as exc:
        # ordinary conditions, not bugs: a full disk, permission denied, a folder where a file
        # was expected, a file that is not UTF-8 or cp1252, a cell too long; said in one sentence
        from ..domain.errors import plain_message
        said = plain_message(exc, getattr(args, "file", None) or getattr(args, "out", None))
        if said is None:
            return _bug(exc, err)
        _say(err, f"pbp-cli: {said}")
        return EXIT_REFUSED
    except KeyboardInterrupt:
        print("pbp-cli: interrupted; nothing half-done was kept", file=err)
        return 130
    except Exception as exc:  # noqa: BLE001 - the promise is: never a traceback
        from ..domain.errors import plain_message
        said = plain_message(exc, getattr(args, "file", None))  # a locked or read-only register, read
        if said is not None:
            _say(err, f"pbp-cli: {said}")
            return EXIT_REFUSED
        return _bug(exc, err)


def _say(err: TextIO, message: str) -> None:
    """A message the app composed of several lines (every bad record of a file, a line each) is
    written a line at a time: the terminal stream shows a line break inside one write as data."""
    for line in message.split("\n"):
        print(line, file=err)


def _bug(exc: BaseException, err: TextIO) -> int:
    print(f"pbp-cli: unexpected error ({type(exc).__name__}: {exc}); nothing was changed. "
          "Please report this.", file=err)
    return EXIT_BUG


if __name__ == "__main__":
    sys.exit(main())
