"""The one error family of debatbrief.

Every error a user can cause is a :class:`DebatbriefError`. The CLI prints ``str(error)``
as one line and exits with ``error.exit_code``; tracebacks are shown only with ``--debug``.
Messages are in Dutch, because the lobbyist reads them.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from debatbrief.base.chars import visible

_REASONS = {
    errno.ENOSPC: "de schijf is vol",
    errno.EACCES: "geen toegang",
    errno.EPERM: "geen toegang",
    errno.EROFS: "alleen-lezen",
    errno.ENOTDIR: "er staat een bestand waar een map hoort",
    errno.ENOENT: "bestaat niet",
    errno.EISDIR: "er staat een map waar een bestand hoort",
    errno.EEXIST: "er staat al een bestand met die naam",
    errno.EDQUOT: "het schijfquotum is op",
}


def reason(exc: OSError) -> str:
    """Why an OS call failed, in Dutch for the common cases (else the system's words)."""
    return _REASONS.get(exc.errno or 0) or exc.strerror or os.strerror(exc.errno or 0)


class DebatbriefError(Exception):
    """Base class: a problem the user can fix. ``exit_code`` is what the CLI returns (1).

    ``str(error)`` is safe to print: a message that quotes the user's input (an option
    value, a file name) shows control and bidirectional characters written out
    (:func:`debatbrief.base.chars.visible`), never acting on the terminal.
    """

    exit_code = 1

    def __str__(self) -> str:
        return visible(super().__str__())


class UsageError(DebatbriefError):
    """A bad option value, such as an unknown fractie or topic (exit code 2)."""

    exit_code = 2


class Problem:
    """One problem found in a brief: where it is and what to do.

    ``file`` is the path as the user knows it, ``line`` is 1-based (``None`` when the
    problem is about the file as a whole), ``severity`` is ``"error"`` or ``"warning"``,
    ``code`` the rule of ``check`` that found it ("B101"; ``None`` for a problem found
    while reading a file).
    File and message are kept on one line with unsafe characters written out
    (:func:`debatbrief.base.chars.visible`): they often quote the brief itself.
    """

    __slots__ = ("code", "file", "line", "message", "severity")

    def __init__(self, file: Path | str, line: int | None, message: str,
                 severity: str = "error", code: str | None = None) -> None:
        self.file = visible(str(file), one_line=True)
        self.line = line
        self.message = visible(message, one_line=True)
        self.severity = severity
        self.code = code

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        prefix = "waarschuwing: " if self.severity == "warning" else ""
        return f"{where}: {prefix}{self.message}"

    def as_dict(self) -> dict:
        """The problem as a JSON-ready dict (for ``check --format json``)."""
        return {"file": self.file, "line": self.line, "severity": self.severity,
                "code": self.code, "message": self.message}

    def __repr__(self) -> str:
        return f"Problem({str(self)!r})"


class BriefError(DebatbriefError):
    """A brief that cannot be used. ``problems`` lists every error found, in file order."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        # Every error on its own line, exactly as `debatbrief check` prints it.
        super().__init__("\n".join(str(p) for p in problems) or "ongeldige brief")


class RenderError(DebatbriefError):
    """Rendering a briefing or card sheet failed (template or engine)."""


class OutputError(DebatbriefError):
    """The output could not be written (unwritable or full folder)."""
