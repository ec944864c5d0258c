"""Importing WeasyPrint without searching for its system libraries on every start.

WeasyPrint 70 loads GLib, Pango, HarfBuzz and fontconfig through cffi under a list of
names per library, most of which do not exist on a given system (``libgobject-2.0-0`` is
the Windows name). For each name cffi cannot open directly it asks
:func:`ctypes.util.find_library`, which on Linux runs ``ldconfig -p`` and then ``gcc`` (and
the linker) to look for it: 22 lookups on Debian, about 0.3 s of CPU and 0.35 s of wall
time per process, a sixth of a ``make`` (benchmarks/README.md, issue 25).

The answers only change when the system's libraries do, so :func:`import_weasyprint`
remembers them in the cache folder, keyed by what they depend on: the dynamic linker's
cache (``/etc/ld.so.cache``, rewritten by ``ldconfig`` whenever a package with a library is
installed or removed), ``LD_LIBRARY_PATH`` and ``LIBRARY_PATH``, the machine and
WeasyPrint's files. Only Linux with an ``ld.so.cache`` uses it; elsewhere and with
``--no-cache`` WeasyPrint searches as always, and after a start that failed to load a
library the next one does.
"""

from __future__ import annotations

import contextlib
import re
import sys
from pathlib import Path
from types import ModuleType

from debatbrief.base import paths

#: The dynamic linker's cache: its identity is part of the key.
LD_CACHE = Path("/etc/ld.so.cache")
#: What ``find_library`` answers on Linux: a file name for the linker's own search
#: (``libpango-1.0.so.0``), never a path. A remembered answer of another shape is refused,
#: so the cache can never make WeasyPrint load a library from elsewhere.
SONAME_RE = re.compile(r"lib[A-Za-z0-9_.+-]+\.so(\.[0-9]+)*")


def import_weasyprint() -> ModuleType:
    """``weasyprint``, imported (once per process) with :func:`ctypes.util.find_library`'s
    answers taken from the cache when this system gave them before. Raises what importing
    WeasyPrint raises (:class:`OSError` when a system library is missing)."""
    if "weasyprint.text.ffi" in sys.modules:
        import weasyprint

        return weasyprint
    cache = _cache_file()
    if cache is None:
        import weasyprint

        return weasyprint
    known = _read(cache)
    asked: dict[str, str | None] = {}
    try:
        with _answers(known, asked):
            import weasyprint
    except OSError:
        # A library is missing (WeasyPrint tries each one's file name itself, so a kept
        # answer can only fail where a search fails too): the next start searches afresh.
        _forget(cache)
        raise
    if asked:
        _write(cache, {**known, **asked})
    return weasyprint


@contextlib.contextmanager
def _answers(known: dict[str, str | None], asked: dict[str, str | None]):
    """While importing: ``find_library`` answers ``known`` names from ``known`` and records
    the others' answers into ``asked``."""
    import ctypes.util

    original = ctypes.util.find_library

    def find_library(name: str) -> str | None:
        if name in known:
            return known[name]
        asked[name] = answer = original(name)
        return answer

    ctypes.util.find_library = find_library
    try:
        yield
    finally:
        ctypes.util.find_library = original


def _cache_file() -> Path | None:
    """``<cache>/libraries-<key>.json``, or ``None`` where the answers are not kept."""
    import hashlib
    import os
    from importlib.util import find_spec

    directory = paths.cache_dir()
    if directory is None or not sys.platform.startswith("linux"):
        return None
    try:
        # WeasyPrint's own files rather than importlib.metadata (tens of milliseconds):
        # a new release rewrites its __init__.py, and the names it tries may change.
        spec = find_spec("weasyprint")
        engine = Path(spec.origin) if spec and spec.origin else None
        stamps = [_stamp(LD_CACHE), _stamp(engine) if engine else ""]
    except (OSError, ImportError):
        return None
    env = [os.environ.get("LD_LIBRARY_PATH", ""), os.environ.get("LIBRARY_PATH", "")]
    key = "|".join([*stamps, *env, os.uname().machine, str(engine)])
    return directory / f"libraries-{hashlib.sha256(key.encode()).hexdigest()[:24]}.json"


def _stamp(path: Path) -> str:
    info = path.stat()
    return f"{info.st_dev}:{info.st_ino}:{info.st_size}:{info.st_mtime_ns}"


def _read(cache: Path) -> dict[str, str | None]:
    """The remembered answers, or ``{}`` when the file is absent, unreadable or holds
    anything but library names and their file names (or ``null``)."""
    import json

    try:
        data = json.loads(paths.read_regular(cache, limit=64 * 1024))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    for answer in data.values():
        if answer is not None and not (isinstance(answer, str) and SONAME_RE.fullmatch(answer)):
            return {}
    return data


def _write(cache: Path, answers: dict[str, str | None]) -> None:
    """Keep ``answers`` (atomically), and drop the files of earlier keys."""
    import json

    if not paths.write_cache_file(cache, json.dumps(answers, sort_keys=True).encode()):
        return
    with contextlib.suppress(OSError):
        for old in cache.parent.glob("libraries-*.json"):
            if old != cache:
                old.unlink(missing_ok=True)


def _forget(cache: Path) -> None:
    with contextlib.suppress(OSError):
        cache.unlink(missing_ok=True)
