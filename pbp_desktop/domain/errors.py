"""Domain layer: the errors every layer raises and every front end knows how to show."""

from __future__ import annotations

import csv
import errno
import os
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ValidationError:
    """One problem with one field: shown next to that field, or as one line of a list."""

    field: str
    code: str
    message: str

    def __str__(self) -> str:
        return self.message


class PbpError(Exception):
    """Base of the errors a user may see; their text is written for that user."""


class ValidationFailed(PbpError):
    """A command was refused: it carries every field-level problem, and nothing was written."""

    def __init__(self, errors: list[ValidationError] | tuple[ValidationError, ...], entity: str = ""):
        self.errors: tuple[ValidationError, ...] = tuple(errors)
        self.entity = entity
        lines = "; ".join(str(e) for e in self.errors)
        super().__init__(f"The {entity} was not saved: {lines}" if entity else f"Not saved: {lines}")

    def fields(self) -> set[str]:
        return {e.field for e in self.errors}


class Refused(ValidationFailed):
    """A command refused for a reason that is not a wrong field (a record in use, approved
    minutes): its message is the reason alone, not "was not saved: ..."."""

    def __init__(self, message: str, entity: str = "", field: str = "id", code: str = "refused"):
        super().__init__([ValidationError(field, code, message)], entity)
        Exception.__init__(self, message)

    def __str__(self) -> str:
        return self.errors[0].message


class ConflictError(PbpError):
    """Someone else changed the record since it was read: the edit was refused, not merged."""

    def __init__(self, entity: str, entity_id: int, changed_by: str | None, changed_at: str | None):
        self.entity = entity
        self.entity_id = entity_id
        self.changed_by = changed_by
        self.changed_at = changed_at
        who = changed_by or "another user"
        when = f" at {changed_at}" if changed_at else ""
        super().__init__(
            f"This {entity} was changed by {who}{when} after you opened it; "
            "your edit was not saved. Reload it to see their change, then edit again."
        )


class NotFound(PbpError):
    """The record asked for does not exist (or no longer exists)."""

    def __init__(self, entity: str, key: object):
        self.entity = entity
        self.key = key
        super().__init__(f"There is no {entity} {key!s} in this register.")


class RegisterError(PbpError):
    """The file or database cannot be used as a register; the message says why."""


class DamagedRegister(RegisterError):
    """The file is a register, but damaged: it was not opened, and nothing was written to it.
    `backups` lists the register's backups, newest first, for the user to restore one."""

    def __init__(self, message: str, path: object = None, backups: tuple = ()):
        super().__init__(message)
        self.path = path
        self.backups = backups


class RegisterReadOnly(RegisterError):
    """The register can be read but not written (a read-only disk, folder or file): it is opened
    for reading, and a change is refused saying why. It is not damaged."""

    def __init__(self, reason: str, doing: str = "nothing was changed"):
        self.reason = reason
        super().__init__(f"The register is read-only ({reason}): {doing}. To change it, copy it to a folder "
                         "you can write to and open the copy, or ask for write access.")


class RegisterBusy(RegisterError):
    """Another program holds the register locked. It is not damaged: try again later."""

    def __init__(self, where: str = "", doing: str = "nothing was changed"):
        self.where = where
        named = f" {where}" if where else ""
        super().__init__(f"Another program is using the register{named} (it holds it locked): {doing}. "
                         "Try again when that program has finished, or close it.")


# ---------------------------------------------------------------------------------------------
# Ordinary conditions (a full disk, a folder given for a file, a file that is not UTF-8, a
# locked register) said as one sentence, in one place for every front end: the CLI's error
# handling and the app's error display both ask plain_message(). An exception it does not know
# is a bug (None): the front end says so and logs it.

Explainer = Callable[[BaseException, "str | None"], "str | None"]
_EXPLAINERS: list[Explainer] = []


def explainer(fn: Explainer) -> Explainer:
    """Add a lower layer's explanations (storage adds the database's: locked, read-only, full).
    Registers contribute, the aggregator loops: the domain imports nothing of theirs."""
    if fn not in _EXPLAINERS:
        _EXPLAINERS.append(fn)
    return fn


def plain_message(exc: BaseException, file: str | None = None) -> str | None:
    """One sentence for an ordinary condition: what is wrong, where, and what to do; None for an
    exception that is not one (a bug). `file` names the file being read or written when the
    exception does not (a disk that fills up mid-write names none)."""
    if isinstance(exc, PbpError):
        return str(exc)
    for fn in _EXPLAINERS:
        said = fn(exc, file)
        if said:
            return said
    if isinstance(exc, UnicodeDecodeError):
        where = _quoted(file) if file else "The file"
        bad = exc.object[exc.start:exc.start + 1].hex() if isinstance(exc.object, bytes | bytearray) else "?"
        return (f"{where} is not text in UTF-8 or Windows-1252 (byte 0x{bad} at position {exc.start:,} is neither): "
                "save it as 'CSV UTF-8' (Excel: File > Save As) and try again.")
    if isinstance(exc, UnicodeEncodeError):
        return f"{_quoted(file) if file else 'The file'} cannot hold the character {exc.object[exc.start:exc.end]!r}: " \
               "nothing was written. Write it as UTF-8 instead."
    if isinstance(exc, csv.Error):
        where = _quoted(file) if file else "The file"
        m = re.search(r"field larger than field limit \((\d+)\)", str(exc))
        if m:
            return (f"{where} has a cell longer than {int(m.group(1)):,} characters, which no register field holds: "
                    "nothing was imported. Check that it is the file meant, or shorten that cell.")
        return f"{where} cannot be read as CSV ({exc}): nothing was imported. Save it again as CSV and retry."
    if isinstance(exc, zipfile.BadZipFile):
        where = _quoted(file) if file else "The file"
        return (f"{where} is not an Excel workbook (.xlsx), or it is damaged: nothing was imported. "
                "Open it in Excel and save it as .xlsx or CSV UTF-8.")
    if isinstance(exc, OSError):
        return os_error_message(exc, file)
    return None


def _quoted(name: object) -> str:
    return f"'{name}'"


def os_error_message(exc: OSError, file: str | None = None) -> str:
    """An OSError as one sentence, by its errno: a full disk, permission denied, a folder where
    a file was expected, a read-only disk, a missing file..."""
    name = exc.filename2 if exc.filename2 is not None and exc.errno == errno.EISDIR else exc.filename
    name = name if name is not None else file
    where = _quoted(os.fsdecode(name)) if name is not None else "the file"
    code = exc.errno
    if code is None and str(exc):  # raised by the app itself, in words (the printer could not be opened)
        text = str(exc).rstrip(".")
        return f"{text[0].upper()}{text[1:]}."
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        quota = " (your disk quota is used up)" if code != errno.ENOSPC else ""
        return (f"There is no space left on the disk{quota} for {where}: it was not written. Free some space, "
                "or choose another disk, and try again.")
    if code == errno.EROFS:
        return f"{where[0].upper()}{where[1:]} is on a read-only disk: nothing was written. Choose a folder you can write to."
    if code in (errno.EACCES, errno.EPERM):
        return (f"Permission denied for {where}: you may not use it (it belongs to someone else, or is read-only). "
                "Choose another file or folder, or ask for access.")
    if code == errno.EISDIR:
        return f"{where[0].upper()}{where[1:]} is a folder, where a file was expected: give the name of a file."
    if code == errno.ENOTDIR:
        return f"Part of the path {where} is a file, where a folder was expected: check the path."
    if code == errno.ENOENT:
        return f"There is no file or folder {where}: check the name."
    if code == errno.EEXIST:
        return f"{where[0].upper()}{where[1:]} already exists: choose another name."
    if code == errno.ENAMETOOLONG:
        return f"The name {where} is too long: choose a shorter name or folder."
    if code in (errno.EMFILE, errno.ENFILE):
        return "Too many files are open: close some programs (or files) and try again."
    if code in (errno.EBUSY, errno.ETXTBSY):
        return f"{where[0].upper()}{where[1:]} is in use by another program: close it there, then try again."
    if code == errno.EIO:
        return (f"The disk could not read or write {where} (an input/output error): check the disk or network "
                "drive, then try again.")
    reason = exc.strerror or type(exc).__name__
    return f"{where[0].upper()}{where[1:]} could not be used: {reason}."
