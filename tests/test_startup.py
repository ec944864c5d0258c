"""What `debatbrief rebut`'s quick start rests on gives the same answers as the slow way
(issue 25): the quick check for unsafe characters, the card drawn without rich."""

from __future__ import annotations

import re

import pytest

from debatbrief.base import chars


def _sample_code_points():
    """Every code point of the Basic Multilingual Plane, and around every range of
    ``UNSAFE`` beyond it (the planes above hold a few ranges, and planes 15-16 are
    private use whole)."""
    yield from range(0x10000)
    for first, last in chars._class_ranges(chars.UNSAFE):
        if last >= 0x10000:
            yield from range(max(0x10000, first - 3), min(first + 3, 0x110000))
            yield from range(max(0x10000, last - 3), min(last + 3, 0x110000))
            yield (first + last) // 2
    yield from range(0x1F300, 0x1F700)  # emoji: printable, never unsafe


def test_the_quick_check_finds_exactly_what_the_pattern_finds():
    pattern = re.compile(chars.UNSAFE)
    wrong = [
        hex(code)
        for code in _sample_code_points()
        if chars.has_unsafe(f"Zeg: een\n\tkaart {chr(code)} € 460") != bool(pattern.search(chr(code)))
    ]
    assert not wrong, wrong[:20]


@pytest.mark.parametrize(
    "text",
    [
        "gewone tekst",
        "regels\nmet\ttabs",
        "no-break\u00a0spatie",  # unprintable yet safe: the slow path
        "variatie\ufe0fkiezer",  # printable yet unsafe
        "zonder breedte\u200b",
        "Hangul\u3164vuller",
        "escape \x1b[2J",
        "privé \ue000",
        "tag \U000e0041",
        "",
    ],
)
def test_visible_writes_out_the_same_characters_as_before(text):
    slow = re.compile(chars.UNSAFE).sub(chars._escape, text)
    assert chars.visible(text) == slow
    assert chars.has_unsafe(text) == (slow != text)


def test_the_patterns_are_compiled_when_first_asked_for():
    from debatbrief.base.chars import RTL_RUN_RE, UNSAFE_RE

    assert UNSAFE_RE.pattern == chars.UNSAFE and RTL_RUN_RE.search("x هاتف y")
    with pytest.raises(AttributeError):
        chars.NOT_A_PATTERN  # noqa: B018
