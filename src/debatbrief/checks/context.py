"""What every rule of ``check`` may read: the brief's files as read, and facts derived once.

A :class:`Context` holds each file's validated content (``parts``, by file name; a file
that is missing or invalid is absent or ``None``), the Kamer files, the YAML files (for line
numbers) and the names of files that had errors of their own (``incomplete``). What several
rules need (the known source ids, the topics, what is cited) is computed once, on first
use, so every rule stays linear in the size of the brief.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cached_property
from typing import Any

from debatbrief.base import paths
from debatbrief.base.errors import Problem
from debatbrief.brief.models import citation_keys

#: A rule's finding: the file (a brief file's name, or ``"kamer"`` / ``"eerste_kamer"``),
#: the location inside it (keys and indexes) and the Dutch message.
Finding = tuple[str, tuple[Any, ...], str]


class Context:
    """The brief as the rules see it; see the module docstring.

    ``reported`` holds the ``(file, line)`` of problems found while reading (a hidden
    character); ``problems`` grows as the rules run, so a later rule can leave alone a
    field an earlier one already reported (one cause, one message). ``brief`` is the
    validated :class:`~debatbrief.brief.models.Brief`, or ``None`` when reading found
    errors.
    """

    def __init__(
        self,
        parts: dict[str, Any],
        kamer: Any,
        files: dict[str, Any],
        incomplete: set[str] | frozenset[str] = frozenset(),
        eerste_kamer: Any = None,
        reported: set[tuple[str, int | None]] | frozenset = frozenset(),
        brief: Any = None,
    ) -> None:
        self.parts = parts
        self.kamer = kamer
        self.eerste_kamer = eerste_kamer
        self.files = files
        self.incomplete = incomplete
        self.reported = reported
        self.brief = brief
        self.problems: list[Problem] = []
        self._shown: dict[str, str] = {}
        self.cache: dict[str, Any] = {}  # what a rule module computes once, by its own key
        self.meta = parts.get("brief.yaml")
        self.sources: list[Any] = parts.get("sources.yaml") or []
        self.arguments: list[Any] = parts.get("arguments.yaml") or []
        self.profiles: list[Any] = parts.get("profiles.yaml") or []
        self.stances: list[Any] = parts.get("stances.yaml") or []
        self.cards: list[Any] = parts.get("cards.yaml") or []

    def where(self, name: str, loc: tuple[Any, ...]) -> tuple[str, int | None]:
        """The file as the user knows it and the line of ``loc`` in it (``None`` when the
        file was not read)."""
        yaml_file = self.files.get(name)
        if yaml_file is None:
            return name, None
        shown = self._shown.get(name)
        if shown is None:  # resolving a path costs system calls: once per file
            shown = self._shown[name] = paths.display(yaml_file.path)
        return shown, yaml_file.line(loc)

    @cached_property
    def kamers(self) -> list[tuple[str, Any]]:
        """The Kamer files read, as ``(file key, Kamer)``: the Tweede Kamer first."""
        return [
            (key, k)
            for key, k in (("kamer", self.kamer), ("eerste_kamer", self.eerste_kamer))
            if k is not None
        ]

    @cached_property
    def source_ids(self) -> set[str]:
        """Every citable source id: sources.yaml (also a source that failed its own
        validation: citing it is not a second mistake) and the Kamer files' sources."""
        ids = {s.id for s in self.sources} | {s.id for _, k in self.kamers for s in k.sources}
        return ids | _raw_ids(self.files.get("sources.yaml"))

    @cached_property
    def topic_ids(self) -> set[str] | None:
        """The topics of brief.yaml, or ``None`` without a valid brief.yaml."""
        return {t.id for t in self.meta.topics} if self.meta else None

    @cached_property
    def value_ids(self) -> set[str] | None:
        """The values of brief.yaml, or ``None`` without a valid brief.yaml."""
        return {v.id for v in self.meta.values} if self.meta else None

    @cached_property
    def fractie_ids(self) -> set[str] | None:
        """The fracties of the Tweede Kamer file, or ``None`` without one."""
        return {f.id for f in self.kamer.fracties} if self.kamer else None

    @cached_property
    def any_fractie_ids(self) -> set[str] | None:
        """The fracties of either chamber (stances may name the Senate's parties), or
        ``None`` when a Kamer file the brief names is missing."""
        meta = self.meta
        if self.kamer and (self.eerste_kamer or not (meta and meta.debate.eerste_kamer)):
            return {f.id for _, k in self.kamers for f in k.fracties}
        return None

    @property
    def citing_complete(self) -> bool:
        """Whether every file that cites sources (and sources.yaml) was read without errors
        of its own: only then can a source, topic or fractie be called unused."""
        return not self.incomplete & {
            "brief.yaml",
            "arguments.yaml",
            "cards.yaml",
            "profiles.yaml",
            "sources.yaml",
        }

    def cited_fields(self) -> Iterator[tuple[str, tuple[Any, ...], str]]:
        """Every field whose citations become notes, as ``(file, location, text)``, in
        file order."""
        if self.meta:
            yield from _meta_cited_fields(self.meta)
        for i, source in enumerate(self.sources):
            proof = source.correction.proof if source.correction else None
            if proof and citation_keys(proof):
                yield "sources.yaml", (i, "correction", "proof"), proof
        for i, argument in enumerate(self.arguments):
            for name in ("kernzin", "reasoning"):
                yield "arguments.yaml", (i, name), getattr(argument, name)
            for j, angle in enumerate(argument.angles):
                yield "arguments.yaml", (i, "angles", j, "text"), angle.text
        for i, card in enumerate(self.cards):
            for name in ("claim", "rebuttal", "evidence", "say", "follow_up"):
                yield "cards.yaml", (i, name), getattr(card, name)
        for i, profile in enumerate(self.profiles):
            for name in ("assessment", "notes"):
                if getattr(profile, name):
                    yield "profiles.yaml", (i, name), getattr(profile, name)
            for j, item in enumerate(profile.record):
                yield "profiles.yaml", (i, "record", j, "text"), item.text

    def stance_values(self) -> Iterator[tuple[tuple[Any, ...], Any]]:
        """Every stance of stances.yaml as ``(location, value)``: subject, claims, asks."""
        for i, block in enumerate(self.stances):
            yield (i, "subject"), block.subject
            for field in ("claims", "asks"):
                for item_id, value in getattr(block, field).items():
                    yield (i, field, item_id), value

    @cached_property
    def cited(self) -> set[str]:
        """The ids cited anywhere: in prose, by a stance, and the document itself."""
        cited = {key for _, _, text in self.cited_fields() for key, _ in citation_keys(text)}
        cited |= {
            value.source for _, value in self.stance_values() if getattr(value, "source", None) is not None
        }
        if self.meta:
            cited.add(self.meta.document.source)
        return cited

    def problem_places(self) -> set[tuple[str, int | None]]:
        """The ``(file, line)`` of every problem so far, and of those found while reading."""
        return {(p.file, p.line) for p in self.problems} | set(self.reported)


def _meta_cited_fields(meta: Any) -> Iterator[tuple[str, tuple[Any, ...], str]]:
    if meta.contact:
        yield "brief.yaml", ("contact",), meta.contact
    for key in ("agrees", "opposes", "raises", "unknown"):
        if getattr(meta.intro, key):
            yield "brief.yaml", ("intro", key), getattr(meta.intro, key)
    for i, message in enumerate(meta.messages):
        yield "brief.yaml", ("messages", i, "text"), message.text
    for i, ask in enumerate(meta.asks):
        yield "brief.yaml", ("asks", i, "text"), ask.text
        if ask.governing:
            yield "brief.yaml", ("asks", i, "governing"), ask.governing
        if ask.motion:
            for key in ("constaterende", "overwegende"):
                for j, clause in enumerate(getattr(ask.motion, key)):
                    yield "brief.yaml", ("asks", i, "motion", key, j), clause


def _raw_ids(yaml_file: Any) -> set[str]:
    """The ``id`` of every item of a list file as written, valid or not."""
    data = getattr(yaml_file, "data", None)
    if not isinstance(data, list):
        return set()
    return {item["id"] for item in data if isinstance(item, dict) and isinstance(item.get("id"), str)}
