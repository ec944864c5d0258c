"""Where the briefs, the Kamer data and the templates live.

Inside a source checkout the top-level ``briefs/``, ``kamers/`` and ``templates/`` folders
are read; an installed wheel carries copies under ``debatbrief/data/`` (see
``pyproject.toml``), reached through :mod:`importlib.resources` so it works from any
directory. Options such as ``--briefs DIR`` override both.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent.parent
# src/debatbrief/base/ -> src/debatbrief/ -> the checkout's root, when running from a source tree.
_CHECKOUT = _PACKAGE_DIR.parent.parent


def _resource_dir(name: str) -> Path:
    """The folder ``name`` from the checkout if there is one, else from the wheel."""
    if (_CHECKOUT / "pyproject.toml").is_file() and (_CHECKOUT / name).is_dir():
        return _CHECKOUT / name
    from importlib import resources  # only an installed wheel needs it

    return Path(str(resources.files("debatbrief") / "data" / name))


def default_briefs_dir() -> Path:
    """The folder holding one sub-folder per brief."""
    return _resource_dir("briefs")


def default_kamers_dir() -> Path:
    """The folder holding one YAML file per chamber composition (``<id>.yaml``)."""
    return _resource_dir("kamers")


def default_templates_dir() -> Path:
    """The folder holding the Jinja2 templates and their CSS."""
    return _resource_dir("templates")


#: The Kamer folder chosen with ``--kamers`` (or ``DEBATBRIEF_KAMERS``, ``debatbrief.toml``):
#: searched first, before the folders of :func:`kamer_dirs`.
_kamers_dir: Path | None = None


def use_kamers_dir(folder: Path | None) -> None:
    """Search ``folder`` first for Kamer files for the rest of this process (``--kamers``)."""
    global _kamers_dir
    _kamers_dir = Path(folder) if folder else None


def kamer_dirs(briefs_dir: Path) -> list[Path]:
    """Where a brief's Kamer file is looked for, in order: the folder of ``--kamers`` (when
    given), a ``kamers/`` folder beside the briefs folder, then the built-in one."""
    found = [briefs_dir.parent / "kamers", default_kamers_dir()]
    return ([_kamers_dir] if _kamers_dir is not None else []) + [f for f in found if f != _kamers_dir]


#: The configuration file of an office, looked for in the working folder and its parents.
CONFIG_NAME = "debatbrief.toml"


def find_config(start: Path | None = None) -> Path | None:
    """The nearest ``debatbrief.toml`` in ``start`` (the working folder) or a parent."""
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        if _a_file(candidate / CONFIG_NAME):  # a FIFO there is refused when read, not passed
            return candidate / CONFIG_NAME
    return None


def _a_file(path: Path) -> bool:
    """Whether something other than a folder is at ``path`` (a file, a link, a FIFO, ...):
    what a reader must then read or refuse (:func:`read_regular`), never pass over."""
    return path.is_symlink() or (path.exists() and not path.is_dir())


def display(path: Path) -> str:
    """A path as the user should read it: relative to the working directory if inside it.

    The last part is never resolved: a symbolic link is named as itself, not as what it
    points to.
    """
    import os

    cwd = Path.cwd()
    for candidate in (
        Path(os.path.abspath(path)),
        Path(os.path.realpath(Path(path).parent)) / Path(path).name,
    ):
        try:
            return str(candidate.relative_to(cwd))
        except ValueError:
            continue
    return str(path)


def list_briefs(briefs_dir: Path) -> list[Path]:
    """Every brief folder (one holding ``brief.yaml``) under ``briefs_dir``, sorted by name.

    A folder that cannot be searched (no access) is left out: one unreadable brief must
    not stop the others (:func:`resolve_brief` names it when it is asked for).
    """
    try:
        entries = sorted(briefs_dir.iterdir()) if briefs_dir.is_dir() else []
    except OSError:
        return []
    found = []
    for entry in entries:
        try:
            if _a_file(entry / "brief.yaml"):  # a link or FIFO there is refused by the loader
                found.append(entry)
        except OSError:
            continue
    return found


def _searchable(folder: Path) -> bool:
    """False for a folder whose contents cannot be looked at (no access)."""
    try:
        (folder / "brief.yaml").exists()
        return True
    except OSError:
        return False


def resolve_brief(briefs_dir: Path, brief_id: str | None) -> Path:
    """The folder of brief ``brief_id``, or of the only/newest one when ``None``.

    "Newest" is the latest debate date, read cheaply from each ``brief.yaml``.
    Raises :class:`UsageError` for an unknown id, :class:`DebatbriefError` for an empty
    folder or a brief folder that cannot be read.
    """
    from debatbrief.base.errors import DebatbriefError

    folders = list_briefs(briefs_dir)
    if (
        brief_id is not None
        and "/" not in brief_id
        and brief_id not in (".", "..")
        and brief_id not in {f.name for f in folders}
    ):
        candidate = briefs_dir / brief_id
        try:
            is_dir = candidate.is_dir()
        except OSError:
            is_dir = False
        if is_dir and not _searchable(candidate):
            raise DebatbriefError(f"{display(candidate)}: geen toegang tot deze map (controleer de rechten)")
        if is_dir:
            raise DebatbriefError(
                f"{display(candidate)}: deze map heeft geen brief.yaml en is dus geen brief (zie README.md)"
            )
    if not folders:
        raise DebatbriefError(
            f"{display(briefs_dir)}: geen briefs gevonden (een brief is een map met "
            f"brief.yaml; geef een andere map met --briefs)"
        )
    if brief_id is not None:
        for folder in folders:
            if folder.name == brief_id:
                return folder
        from debatbrief.base.errors import UsageError
        from debatbrief.base.suggest import unknown_choice

        message = unknown_choice("brief", brief_id, [f.name for f in folders])
        raise UsageError(
            message.replace("'. ", f"' (gezocht in {display(briefs_dir)}). ", 1)
            + " Een andere map: --briefs, DEBATBRIEF_BRIEFS of debatbrief.toml."
        )
    if len(folders) == 1:
        return folders[0]
    return max(folders, key=lambda f: (_debate_date(f), f.name))


def _debate_date(folder: Path):
    """The debate date of a brief folder as a date (``date.min`` when it cannot be read),
    so "newest" compares dates, never their spelling (``"2030-05-22"`` quoted, flow style)."""
    import datetime as dt

    try:  # a link or FIFO is never read here: the loader refuses it with a message
        text = read_regular(folder / "brief.yaml").decode("utf-8", errors="replace")
    except OSError:
        return dt.date.min
    value = debate_date_text(text)
    try:
        return dt.date.fromisoformat(value[:10]) if value else dt.date.min
    except ValueError:
        return dt.date.min


def debate_date_text(text: str) -> str | None:
    """The value of ``debate: date:`` in a ``brief.yaml`` text, unquoted, read cheaply
    (no YAML parser): block style with ``date`` at the first level under ``debate``, or
    flow style (``debate: {date: "2024-05-22"}``). ``None`` when there is none."""
    head = re.search(r"^debate:[ \t]*(.*)$", text, re.M)
    if head is None:
        return None
    rest = head.group(1)
    if rest.startswith("{"):
        found = re.search(r"[{,]\s*[\"']?date[\"']?\s*:\s*([^,}]*)", rest)
    else:
        body = text[head.end() :]
        indent = re.match(r"(?:\n[ \t]*(?=\n)|\n[ \t]*#.*(?=\n))*\n([ ]+)", body)
        if indent is None:
            return None
        block = re.match(rf"(?:\n(?:{indent.group(1)}.*|[ \t]*|[ \t]*#.*)(?=\n|$))*", body)
        assert block is not None  # a starred group matches, if only the empty string
        found = re.search(
            rf"^{indent.group(1)}[\"']?date[\"']?:[ \t]*(.*)$", block.group(0) if block else "", re.M
        )  # (it matches at least "")
    if found is None:
        return None
    value = re.sub(r"\s+#.*$", "", found.group(1)).strip()
    return value.strip("\"'").strip() or None


# --- The cache ---------------------------------------------------------------------------

_cache_disabled = False


def disable_cache() -> None:
    """No cache for the rest of this process (the program's ``--no-cache``)."""
    global _cache_disabled
    _cache_disabled = True


def cache_dir() -> Path | None:
    """The user's cache folder for debatbrief, ``platformdirs.user_cache_path("debatbrief")``;
    ``None`` after :func:`disable_cache` or without a home directory (the cache is optional).

    On Linux and the other XDG systems that is ``$XDG_CACHE_HOME/debatbrief`` when the
    variable holds an absolute path (the XDG spec ignores a relative one), else
    ``~/.cache/debatbrief``: computed here, the same answer without importing platformdirs
    (which imports tempfile), since ``rebut`` asks on every start.
    """
    import os
    import sys

    if _cache_disabled:
        return None
    if sys.platform in ("win32", "darwin"):
        from platformdirs import user_cache_path

        return user_cache_path("debatbrief", appauthor=False)
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):
        try:
            base = os.path.join(Path.home(), ".cache")
        except (RuntimeError, KeyError, OSError):  # no HOME and no passwd entry
            return None
    return Path(base) / "debatbrief"


# --- Temporary files ---------------------------------------------------------------------

#: Our temporary files: ``.<target name>.<pid>-<random>.tmp`` beside the target.
_TEMP_RE = re.compile(r"^\.(?P<target>.+)\.(?P<pid>\d+)-[A-Za-z0-9_]+\.tmp$")
#: A temporary file older than this is stale even if its process id is in use again.
STALE_AFTER = 3600.0


def temp_prefix(target: Path) -> str:
    """The name prefix of a temporary file for ``target`` (for :func:`tempfile.mkstemp`
    with suffix ``.tmp``): it carries our process id, so a later run can tell a temporary
    file whose writer was killed from one still being written."""
    import os

    return f".{target.name}.{os.getpid()}-"


def write_cache_file(path: Path, data: bytes) -> bool:
    """Write ``data`` to the cache file ``path`` atomically (a temporary file of
    :func:`temp_prefix`'s naming, then a rename; the folder made private if new, stale
    temporary files of killed writers removed first). Returns whether it was written: a
    cache is optional, so any :class:`OSError` (no room, no rights, a folder in the way)
    only costs speed and leaves no file behind."""
    import os
    import tempfile

    temp_name = None
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        remove_stale_temps(path.parent)
        fd, temp_name = tempfile.mkstemp(prefix=temp_prefix(path), suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp_name, path)
        return True
    except BaseException as exc:
        if temp_name is not None:
            try:
                os.unlink(temp_name)
            except OSError:
                pass
        if not isinstance(exc, OSError):
            raise
        return False


def remove_stale_temps(folder: Path) -> list[Path]:
    """Delete the temporary files of :func:`temp_prefix`'s naming in ``folder`` whose
    writing process is gone (killed before it could clean up) or which are older than
    :data:`STALE_AFTER`. Returns what was removed; never raises."""
    import os
    import time

    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        match = _TEMP_RE.match(entry.name)
        if not match:
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            pid = int(match.group("pid"))
            old = now - entry.stat(follow_symlinks=False).st_mtime > STALE_AFTER
            if pid != os.getpid() and (old or not _alive(pid)):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except (OSError, ValueError):
            continue
    return removed


def _alive(pid: int) -> bool:
    import os

    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # another user's process, or a number no process has: leave it be
    return True


# --- Reading a file that may be anything -------------------------------------------------

#: The largest file debatbrief reads as a brief, Kamer, template or configuration file. The
#: shipped brief's largest file is about 60 KB and a Kamer file 10 KB; a file 30 times the
#: largest real one is a mistake (a PDF saved under the wrong name, a generated file run
#: wild), and reading it would only delay the line that says so.
MAX_FILE_BYTES = 2 * 1024 * 1024


class FileRefused(OSError):
    """A file debatbrief does not open or read: a symbolic link, something that is not a
    regular file (a FIFO, a device, a socket, a folder) or a file over
    :data:`MAX_FILE_BYTES`. ``str(error)``/``strerror`` is one Dutch clause (no file name)."""

    def __init__(self, why: str) -> None:
        super().__init__(None, why)
        self.why = why


def _kind(mode: int) -> str:
    import stat

    if stat.S_ISLNK(mode):
        return "symbolische koppeling"
    if stat.S_ISDIR(mode):
        return "map"
    if stat.S_ISFIFO(mode):
        return "named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "apparaatbestand"
    return "speciaal bestand"


def special_kind(path: Path) -> str | None:
    """What ``path`` is when it is there but not a regular file (Dutch, "named pipe
    (FIFO)", "map", ...), never following a link; ``None`` for a regular file or nothing.
    Raises :class:`OSError` when it cannot be looked at."""
    import os
    import stat

    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return None
    return None if stat.S_ISREG(mode) else _kind(mode)


def refusal(kind: str) -> str:
    """The Dutch clause for a file of ``kind`` (see :func:`special_kind`) in a file's place."""
    if kind == "symbolische koppeling":
        return "is een symbolische koppeling; zet het bestand zelf op zijn plaats"
    return f"is geen gewoon bestand maar een {kind}; zet het bestand zelf op zijn plaats"


def read_regular(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of the regular file ``path``, read once.

    Nothing that could block or act is opened: the path is looked at first without
    following a link (a symbolic link, a FIFO, a device or a socket raises
    :class:`FileRefused`), then opened without following a link and without blocking, and
    looked at again through the open descriptor (something swapped in between is refused
    too). A file over ``limit`` bytes raises :class:`FileRefused` naming the limit; any
    other failure is the system's :class:`OSError`.
    """
    import os
    import stat

    kind = special_kind(path)
    if kind is not None:
        raise FileRefused(refusal(kind))
    flags = (
        os.O_RDONLY
        | getattr(os, "O_NONBLOCK", 0)
        | getattr(os, "O_NOFOLLOW", 0)
        | getattr(os, "O_CLOEXEC", 0)
    )
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise FileRefused(refusal(_kind(info.st_mode)))
        if info.st_size > limit:
            raise FileRefused(too_large(info.st_size, limit))
        chunks, size = [], 0
        while chunk := os.read(fd, max(65536, info.st_size + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:  # grew while being read
                raise FileRefused(too_large(size, limit))
        return b"".join(chunks)
    finally:
        os.close(fd)


def too_large(size: int, limit: int) -> str:
    """The Dutch clause for a file of ``size`` bytes over ``limit``."""

    def mb(count: int) -> str:  # rounded up: a file just over the limit never reads as equal
        tenths = -(-count * 10 // (1024 * 1024))
        return f"{tenths // 10},{tenths % 10}".removesuffix(",0") + " MB"

    return (
        f"is te groot ({mb(size)}; debatbrief leest bestanden tot {mb(limit)}); "
        f"controleer of dit het goede bestand is, of verdeel de inhoud"
    )


#: The bytes to parse instead of reading the disk, by absolute path (see :func:`reading`).
_GIVEN: ContextVar[tuple[Mapping[str, bytes], set[str]] | None] = ContextVar(
    "debatbrief_given_files", default=None
)


@contextmanager
def reading(files: Mapping[str, bytes]) -> Iterator[set[str]]:
    """Within this block, a file whose absolute path is a key of ``files`` is parsed from
    those bytes, never read again: what was fingerprinted is what is parsed (the card
    cache keys its decks so, see :mod:`debatbrief.cards.lookup`). Yields the set of the
    paths read from disk all the same (absent from ``files``), filled as they are read."""
    missed: set[str] = set()
    token = _GIVEN.set((files, missed))
    try:
        yield missed
    finally:
        _GIVEN.reset(token)


def source_bytes(path: Path) -> bytes:
    """The bytes of the file at ``path``: those given to :func:`reading`, else read once
    from disk with :func:`read_regular` (raises its
    :class:`FileRefused` or :class:`OSError`)."""
    given = _GIVEN.get()
    if given is None:
        return read_regular(path)
    files, missed = given
    key = os.path.abspath(path)
    if key in files:
        return files[key]
    missed.add(key)
    return read_regular(path)
