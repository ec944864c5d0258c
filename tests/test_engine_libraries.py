"""What WeasyPrint does once, not again on every start or document (issue 25): its system
libraries are searched for once per system (``briefing/libraries.py``; the search runs
``ldconfig`` and ``gcc`` about twenty times, a sixth of a ``make``: starting processes is
the point, so those tests do), and CSS selectors are compiled once per process
(``briefing/pdf.remember_selectors``)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from debatbrief.base import paths
from debatbrief.briefing import libraries

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or not libraries.LD_CACHE.exists(),
    reason="the answers are kept only on Linux with an ld.so.cache",
)

#: Starts WeasyPrint as `make` does; with "strict", a library search fails the start.
START = """
import ctypes.util, sys
if sys.argv[1] == "strict":
    def find_library(name):
        raise SystemExit("searched for " + name)
    ctypes.util.find_library = find_library
from debatbrief.briefing.libraries import import_weasyprint
import_weasyprint()
print("started")
"""


def start(cache_home: Path, mode: str = "normal") -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(cache_home), "XDG_CACHE_HOME": str(cache_home)}
    return subprocess.run(
        [sys.executable, "-c", START, mode], capture_output=True, text=True, env=env, timeout=120
    )


def kept(cache_home: Path) -> list[Path]:
    return sorted((cache_home / "debatbrief").glob("libraries-*.json"))


def test_the_second_start_searches_for_no_library(tmp_path):
    strict_first = start(tmp_path, "strict")
    assert strict_first.returncode != 0 and "searched for" in strict_first.stderr  # it does search
    first = start(tmp_path)
    assert first.returncode == 0, first.stderr
    [answers] = kept(tmp_path)
    assert json.loads(answers.read_text())["pango-1.0"] == "libpango-1.0.so.0"
    second = start(tmp_path, "strict")
    assert second.returncode == 0, second.stderr
    assert second.stdout == "started\n"


#: A WeasyPrint whose import fails as it does when a system library is missing.
MISSING = """
import sys
from debatbrief.briefing.libraries import _cache_file, import_weasyprint
cache = _cache_file()
cache.parent.mkdir(parents=True)
cache.write_text('{"pango-1.0": "libpango-1.0.so.0"}')
try:
    import_weasyprint()
except OSError as exc:
    print(exc, cache.exists())
"""


def test_a_start_that_misses_a_library_forgets_the_answers(tmp_path):
    fake = tmp_path / "engine" / "weasyprint"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("raise OSError('cannot load library libpango-1.0.so.0')\n")
    env = {"PATH": "/usr/bin:/bin", "XDG_CACHE_HOME": str(tmp_path), "PYTHONPATH": str(fake.parent)}
    done = subprocess.run([sys.executable, "-c", MISSING], capture_output=True, text=True, env=env)
    assert done.stdout == "cannot load library libpango-1.0.so.0 False\n", done.stderr


@pytest.mark.parametrize(
    "answers",
    [
        {"pango-1.0": "/tmp/elsewhere/libpango-1.0.so.0"},  # a path: never loaded from the cache
        {"pango-1.0": 3},
        ["pango-1.0"],
    ],
)
def test_a_kept_answer_that_is_not_a_library_name_is_ignored(tmp_path, answers):
    cache = tmp_path / "libraries-x.json"
    cache.write_text(json.dumps(answers))
    assert libraries._read(cache) == {}


def test_the_key_follows_the_library_path_and_no_cache_turns_it_off(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("LD_LIBRARY_PATH", raising=False)
    plain = libraries._cache_file()
    monkeypatch.setenv("LD_LIBRARY_PATH", "/opt/pango/lib")
    assert libraries._cache_file() not in (None, plain)
    monkeypatch.setattr(paths, "_cache_disabled", True)
    assert libraries._cache_file() is None


def test_a_second_document_compiles_no_selector_again(engine, tmp_path, monkeypatch):
    """Each CSS selector is compiled once per process (``pdf.remember_selectors``), not
    once per document: ``make --all``, fitting and ``watch`` lay out many documents."""
    import cssselect2.compiler

    compiled: list[str] = []

    class Counted(cssselect2.compiler.CompiledSelector):
        def __init__(self, parsed):
            compiled.append(str(parsed.parsed_tree))
            super().__init__(parsed)

    monkeypatch.setattr(cssselect2.compiler, "CompiledSelector", Counted)
    html = (
        "<html><head><style>p.unique-to-this-test strong { color: #123456 }</style></head>"
        "<body><p class='unique-to-this-test'>Een <strong>zin</strong>.</p></body></html>"
    )
    engine.document(html, tmp_path, [tmp_path])
    assert any("unique-to-this-test" in selector for selector in compiled)
    compiled.clear()
    second = engine.document(html, tmp_path, [tmp_path])
    # (WeasyPrint's own look-ups of <style> and <link> elements compile a few more.)
    assert not any("unique-to-this-test" in selector for selector in compiled)
    assert len(second.pages) == 1


def test_documents_with_other_glyph_counts_parse_no_new_array_type(engine, tmp_path, monkeypatch):
    """The font subsetter's arrays are made as one open type (``pdf.share_array_types``):
    a PDF whose fonts use a glyph count not seen before parses no C type (pycparser, about
    4 ms a type), and the PDF is still whole."""
    import pycparser

    parsed: list[str] = []
    original = pycparser.CParser.parse

    def counted(self, text, *args, **kwargs):
        parsed.append(text)
        return original(self, text, *args, **kwargs)

    monkeypatch.setattr(pycparser.CParser, "parse", counted)
    sizes = []
    for letters in ("Een zin.", "Een langere zin met meer verschillende letters: xyzqwk 0123456789."):
        html = (
            f"<html lang='nl'><head><title>t</title></head><body><p>{letters}</p>"
            f"<p><b>{letters}</b> <i>{letters[::-1]}</i></p></body></html>"
        )
        data = engine.pdf_bytes(engine.document(html, tmp_path, [tmp_path]), b"0" * 16)
        assert data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF")
        sizes.append(len(parsed))
    assert sizes[1] == sizes[0], parsed[sizes[0] :]
