"""The language's word filter is kept in the cache folder: the first `rebut` after an edit
of the cards builds a new deck, and must not read wordfreq's whole list again (0.9 s)."""

from __future__ import annotations

import os

import pytest

from debatbrief.cards import rank

#: The function itself, not the session's shared copy (tests/conftest.py).
word_filter = getattr(rank.word_filter, "__wrapped__", rank.word_filter)


@pytest.fixture
def cache(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path / "debatbrief"


def _no_wordfreq(monkeypatch):
    import wordfreq

    def refuse(*args, **kwargs):
        raise AssertionError("wordfreq's list read again")

    monkeypatch.setattr(wordfreq, "get_frequency_dict", refuse)


def test_the_filter_is_built_once_and_then_read(cache, monkeypatch):
    built = word_filter("nl")
    assert built is not None and "asielzoeker" in rank.WordFilter(built)
    assert len(list(cache.glob("words-nl-*.json"))) == 1
    _no_wordfreq(monkeypatch)
    assert word_filter("nl") == built


@pytest.mark.parametrize("plant", ["fifo", "garbage", "short"])
def test_a_damaged_or_planted_filter_is_built_anew(cache, monkeypatch, plant):
    built = word_filter("nl")
    (kept,) = cache.glob("words-nl-*.json")
    kept.unlink()
    if plant == "fifo":
        os.mkfifo(kept)  # reading it would wait forever
    elif plant == "garbage":
        kept.write_bytes(b"\x00{not json")
    else:
        kept.write_text('{"bits": "AB", "size": 999999, "hashes": 7}', encoding="utf-8")
    assert word_filter("nl") == built


def test_without_a_cache_the_filter_is_built(monkeypatch):
    from debatbrief.base import paths

    monkeypatch.setattr(paths, "_cache_disabled", True)
    assert word_filter("nl") is not None
