"""Hyphenation patterns parsed once per dictionary file, not on every start.

WeasyPrint hyphenates with pyphen, which parses a language's ``hyph_*.dic`` the first time
a process hyphenates in it: for Dutch 16,256 patterns, about 90 ms of CPU, paid by every
``make``, by each worker of ``make --all`` and by the first round of ``watch``
(benchmarks/README.md, issue 25). The parsed patterns depend only on that file and on
pyphen's version, so :func:`preload` keeps them in the cache folder and hands the
dictionary to pyphen's own per-process cache (``pyphen.hdcache``) before WeasyPrint asks
for it; reading them back takes about 9 ms.

The file is ``marshal`` data (plain strings, integers and tuples) behind a BLAKE2
checksum of itself: a damaged or foreign file is ignored and parsed afresh. Dictionaries
with non-standard hyphenation (pyphen's ``DataInt`` values, none in Dutch) are not kept.
With ``--no-cache``, or a pyphen whose internals differ, pyphen parses as always.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
from pathlib import Path
from typing import Any

from debatbrief.base import paths

#: Bytes of the checksum that opens a kept file.
_DIGEST = 16
#: Languages already looked at in this process.
_DONE: set[str] = set()


def preload(lang: str | None) -> None:
    """Put ``lang``'s parsed hyphenation patterns (a BCP 47 tag such as ``nl``) into
    pyphen's per-process cache, read from the cache folder, or parsed and kept there.

    Never raises: an unknown language, a missing cache folder or an unreadable file only
    leave pyphen to parse the dictionary itself when WeasyPrint first hyphenates."""
    if not lang or lang in _DONE:
        return
    _DONE.add(lang)
    with contextlib.suppress(Exception):  # a speed-up only: any surprise means "as before"
        _preload(lang)


def _preload(lang: str) -> None:
    import pyphen

    name = pyphen.language_fallback(lang.replace("-", "_"))
    if name is None or not hasattr(pyphen, "hdcache"):
        return
    source = pyphen.LANGUAGES[name]
    if source in pyphen.hdcache:
        return
    cache = _cache_file(name, Path(str(source)), getattr(pyphen, "__version__", ""))
    if cache is None:
        return
    patterns = _read(cache)
    if patterns is not None:
        pyphen.hdcache[source] = _restored(pyphen.HyphDict, patterns)
        return
    parsed = pyphen.HyphDict(source)
    pyphen.hdcache[source] = parsed
    if all(type(value) is int for _, values in parsed.patterns.values() for value in values):
        data = marshal.dumps(parsed.patterns)
        if paths.write_cache_file(cache, hashlib.blake2b(data, digest_size=_DIGEST).digest() + data):
            for old in cache.parent.glob(f"hyphenation-{name}-*.bin"):  # of an earlier key
                if old != cache:
                    old.unlink(missing_ok=True)


def _restored(kind: Any, patterns: dict) -> Any:
    """A pyphen ``HyphDict`` with ``patterns`` as its ``__init__`` would have set them."""
    restored = kind.__new__(kind)
    restored.patterns = patterns
    restored.cache = {}
    restored.maxlen = max(len(key) for key in patterns)
    return restored


def _cache_file(name: str, source: Path, version: str) -> Path | None:
    """``<cache>/hyphenation-<name>-<key>.bin`` for the dictionary ``source`` of the
    language ``name`` (``nl``, ``en_GB``), or ``None`` where nothing is kept. The key: the
    file's identity, size and time, pyphen's version and marshal's format (which may change
    with Python's version)."""
    directory = paths.cache_dir()
    if directory is None:
        return None
    info = source.stat()
    key = f"{source}|{info.st_ino}|{info.st_size}|{info.st_mtime_ns}|{version}|{marshal.version}"
    return directory / f"hyphenation-{name}-{hashlib.sha256(key.encode()).hexdigest()[:24]}.bin"


def _read(cache: Path) -> dict | None:
    """The kept patterns, or ``None`` when the file is absent, damaged or of another shape."""
    try:
        kept = paths.read_regular(cache, limit=8 * 1024 * 1024)
    except OSError:
        return None
    digest, data = kept[:_DIGEST], kept[_DIGEST:]
    if hashlib.blake2b(data, digest_size=_DIGEST).digest() != digest:
        return None
    patterns = marshal.loads(data)
    if not isinstance(patterns, dict) or not patterns:
        return None
    return patterns
