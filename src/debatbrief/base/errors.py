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

try:  # here, not where it is used: with no file descriptor left it cannot be imported
    import resource
except ImportError:  # pragma: no cover - not on a Unix
    resource = None  # type: ignore[assignment]

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

    def __init__(
        self,
        file: Path | str,
        line: int | None,
        message: str,
        severity: str = "error",
        code: str | None = None,
    ) -> None:
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
        return {
            "file": self.file,
            "line": self.line,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
        }

    def __repr__(self) -> str:
        return f"Problem({str(self)!r})"


#: The most problems printed one by one; the rest are summarised in one line (a file of a
#: million bad items must not give a million lines).
MAX_SHOWN = 100


def shown_problems(problems: list[Problem], limit: int = MAX_SHOWN) -> list[str]:
    """The lines to print for ``problems``: the first ``limit``, then one line that counts
    the rest and names their files."""
    lines = [str(problem) for problem in problems[:limit]]
    rest = problems[limit:]
    if rest:
        files = sorted({problem.file for problem in rest})
        named = ", ".join(files[:3]) + (f" en {len(files) - 3} andere" if len(files) > 3 else "")
        lines.append(
            f"... en nog {len(rest)} problemen in {named}; los eerst de "
            f"bovenstaande op en controleer opnieuw met 'debatbrief check'"
        )
    return lines


class BriefError(DebatbriefError):
    """A brief that cannot be used. ``problems`` lists every error found, in file order.

    Exit code 65 (sysexits' EX_DATAERR): the input data is wrong, which a script can tell
    from 1, "nothing found"."""

    exit_code = 65

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        # Every error on its own line, as `debatbrief check` prints it (capped).
        super().__init__("\n".join(shown_problems(problems)) or "ongeldige brief")


class RenderError(DebatbriefError):
    """Rendering a briefing or card sheet failed (template or engine)."""


class OutputError(DebatbriefError):
    """The output could not be written (unwritable or full folder)."""


class ResourceError(DebatbriefError):
    """The machine ran out of something debatbrief needs: open files, memory, threads."""


def files_line() -> str:
    """One Dutch line: the limit of open files is reached (``ulimit -n``)."""
    try:
        limit = f" van {resource.getrlimit(resource.RLIMIT_NOFILE)[0]}"
    except (AttributeError, OSError, ValueError):  # pragma: no cover - not on a Unix
        limit = ""
    return (
        f"Te veel open bestanden: de limiet{limit} (ulimit -n) is bereikt; verhoog die "
        f"(bijvoorbeeld ulimit -n 1024) of gebruik minder werkprocessen (--jobs 1)"
    )


def memory_line() -> str:
    """One Dutch line: memory (or a thread, which needs memory) could not be had."""
    limit = ""
    try:
        soft = resource.getrlimit(resource.RLIMIT_AS)[0]
        if soft != resource.RLIM_INFINITY:
            limit = f" (de limiet is {soft // 1024} kB, ulimit -v)"
    except (AttributeError, OSError, ValueError):  # pragma: no cover - not on a Unix
        pass
    return (
        f"Onvoldoende geheugen{limit}: debatbrief kreeg geen geheugen of werkthread meer; "
        f"sluit andere programma's, verhoog de limiet of gebruik minder werkprocessen "
        f"(--jobs 1)"
    )


def out_of_files() -> bool:
    """True when this process cannot open one more file (its limit is reached)."""
    try:
        os.close(os.open(os.devnull, os.O_RDONLY))
    except OSError as exc:
        return exc.errno in (errno.EMFILE, errno.ENFILE)
    return False


def shortage(exc: BaseException) -> str | None:
    """The Dutch line for an error that means the machine ran out of something (open
    files, memory, threads), or ``None`` for any other error."""
    if isinstance(exc, MemoryError):
        return memory_line()
    if isinstance(exc, OSError) and exc.errno in (errno.EMFILE, errno.ENFILE):
        return files_line()
    if isinstance(exc, OSError) and exc.errno == errno.ENOMEM:
        return memory_line()
    if isinstance(exc, RuntimeError) and "can't start new thread" in str(exc):
        return memory_line()
    return None
