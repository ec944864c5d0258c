"""Dutch hyphenation patterns are parsed once per dictionary file and read back from the
cache folder afterwards (``briefing/hyphenation.py``): the same patterns, the same word
breaks, and a damaged file is never trusted."""

from __future__ import annotations

import pyphen
import pytest

from debatbrief.base import paths
from debatbrief.briefing import hyphenation

WORD = "arbeidsongeschiktheidsverzekering"


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    """An empty cache folder, and pyphen and this module as in a new process."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(paths, "_cache_disabled", False)
    monkeypatch.setattr(pyphen, "hdcache", {})
    monkeypatch.setattr(hyphenation, "_DONE", set())
    return tmp_path / "debatbrief"


def _new_process(monkeypatch) -> None:
    monkeypatch.setattr(pyphen, "hdcache", {})
    monkeypatch.setattr(hyphenation, "_DONE", set())


def _parses(monkeypatch) -> list[str]:
    """Record every parse of a dictionary file from now on."""
    parsed: list[str] = []
    original = pyphen.HyphDict.__init__

    def counted(self, path):
        parsed.append(str(path))
        original(self, path)

    monkeypatch.setattr(pyphen.HyphDict, "__init__", counted)
    return parsed


def test_a_second_process_reads_the_patterns_instead_of_parsing_them(fresh, monkeypatch):
    hyphenation.preload("nl")
    assert len(list(fresh.glob("hyphenation-*.bin"))) == 1
    expected = pyphen.Pyphen(lang="nl").inserted(WORD)
    reference = pyphen.HyphDict(pyphen.LANGUAGES["nl_NL"]).patterns

    _new_process(monkeypatch)
    parsed = _parses(monkeypatch)
    hyphenation.preload("nl")
    assert pyphen.Pyphen(lang="nl").inserted(WORD) == expected == "ar-beids-on-ge-schikt-heids-ver-ze-ke-ring"
    assert parsed == []
    assert pyphen.Pyphen(lang="nl").hd.patterns == reference


def test_a_damaged_file_is_parsed_afresh_and_replaced(fresh, monkeypatch):
    hyphenation.preload("nl")
    (kept,) = fresh.glob("hyphenation-*.bin")
    data = bytearray(kept.read_bytes())
    data[len(data) // 2] ^= 0xFF
    kept.write_bytes(bytes(data))

    _new_process(monkeypatch)
    parsed = _parses(monkeypatch)
    hyphenation.preload("nl")
    assert len(parsed) == 1
    assert pyphen.Pyphen(lang="nl").inserted(WORD) == "ar-beids-on-ge-schikt-heids-ver-ze-ke-ring"
    assert kept.read_bytes() != bytes(data)


def test_a_file_of_an_earlier_key_is_removed_when_a_new_one_is_kept(fresh, monkeypatch):
    hyphenation.preload("nl")
    (first,) = fresh.glob("hyphenation-*.bin")
    _new_process(monkeypatch)
    monkeypatch.setattr(pyphen, "__version__", "99.0")  # a new pyphen: a new key
    hyphenation.preload("nl")
    (second,) = fresh.glob("hyphenation-*.bin")
    assert second != first


def test_no_cache_keeps_nothing_and_an_unknown_language_is_left_alone(fresh, monkeypatch):
    monkeypatch.setattr(paths, "_cache_disabled", True)
    hyphenation.preload("nl")
    hyphenation.preload("xx-unknown")
    hyphenation.preload(None)
    assert not fresh.exists()
    assert pyphen.hdcache == {}
