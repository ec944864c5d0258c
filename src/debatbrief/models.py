"""The brief model: what a position letter, the Kamer and the fracties' profiles are as data.

All models forbid unknown fields, so a misspelt key in a brief is an error, not a silent
default. Prose fields may hold inline Markdown (``*nadruk*``) and Pandoc-style citations
(``[@source-id]``, ``[@a; @b]``, ``[@id, p. 4]``); raw HTML in them is always escaped.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

#: An identifier usable in a file name and on the command line: lowercase letters,
#: digits and single hyphens. This also keeps ``../x`` out of output paths.
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=60)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]

#: Pandoc's citation syntax, the field's convention: ``[@id]``, ``[@id, locator]``,
#: several keys separated by ``;``.
CITATION_RE = re.compile(r"\[(@[^\[\]]+)\]")
CITE_KEY_RE = re.compile(r"^\s*@([A-Za-z0-9][\w.:-]*)\s*(?:,\s*(.+?))?\s*$")


def citation_keys(text: str) -> list[tuple[str, str | None]]:
    """The ``(source_id, locator)`` pairs cited in ``text``, in order of appearance.

    A bracket that starts with ``@`` but does not parse yields ``("", raw)`` so the
    validator can point at it.
    """
    keys: list[tuple[str, str | None]] = []
    for match in CITATION_RE.finditer(text):
        for part in match.group(1).split(";"):
            parsed = CITE_KEY_RE.match(part)
            keys.append((parsed.group(1), parsed.group(2)) if parsed else ("", part))
    return keys


class Model(BaseModel):
    """Base: unknown fields are errors, values are immutable after loading."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# --- The Kamer ------------------------------------------------------------------------


class Fractie(Model):
    """One fractie in a chamber on a given date.

    ``fractievoorzitter_unconfirmed`` marks a name taken from the reference notes that was
    not confirmed against a source; the briefing then labels it as such.
    """

    id: Slug
    abbreviation: Text
    name: Text
    zetels: int = Field(ge=1)
    fractievoorzitter: Text
    fractievoorzitter_unconfirmed: bool = False
    forming: bool


class KamerSource(Model):
    """Where the composition of a chamber comes from."""

    title: Text
    url: Text | None = None


class Kamer(Model):
    """The composition of a chamber on a date; reusable by every brief for that date.

    ``seats`` is the chamber's legal size (150 for the Tweede Kamer); the fracties' zetels
    must sum to it.
    """

    id: Slug
    chamber: Text
    date: dt.date
    seats: int = Field(ge=1)
    formation: Text | None = None
    sources: list[KamerSource] = Field(min_length=1)
    fracties: list[Fractie] = Field(min_length=1)

    def fractie(self, fractie_id: str) -> Fractie:
        """The fractie with this id (``KeyError`` if absent)."""
        for fractie in self.fracties:
            if fractie.id == fractie_id:
                return fractie
        raise KeyError(fractie_id)


# --- The brief: metadata --------------------------------------------------------------


class Sender(Model):
    """The organisation that sent the letter, as printed in every footer."""

    organisation: Text
    address: list[Text] = []
    phone: Text | None = None
    email: Text | None = None
    website: Text | None = None


class Person(Model):
    name: Text
    role: Text


class Letter(Model):
    """The position letter itself: its date, subject and addressees."""

    date: dt.date
    subject: Text
    addressees: Text
    signatory: Person
    url: Text | None = None


class Debate(Model):
    """The debate the brief is for. ``kamer`` names a file in the Kamer data folder."""

    title: Text
    date: dt.date
    kamer: Slug
    url: Text | None = None


class Value(Model):
    """A value an angle can appeal to (rechtsstaat, uitvoerbaarheid, ...)."""

    id: Slug
    label: Text


class Topic(Model):
    """An onderwerp of the letter. ``aliases`` are words people use for it."""

    id: Slug
    title: Text
    aliases: list[Text] = []


class Intro(Model):
    """Opening paragraph of a briefing, one per role."""

    forming: Text
    opposition: Text


class Message(Model):
    """A candidate for the kernboodschap; chosen per fractie by the values it serves."""

    id: Slug
    text: Text
    values: list[Slug] = Field(min_length=1)
    topics: list[Slug] = []


class Ask(Model):
    """A question for the debate (opposition) or a commitment to seek (forming party).

    ``values`` and ``topics`` drive the choice per fractie; ``fracties`` (optional)
    restricts an ask to the fracties it was written for.
    """

    id: Slug
    kind: Literal["question", "commitment"]
    text: Text
    values: list[Slug] = Field(min_length=1)
    topics: list[Slug] = []
    fracties: list[Slug] = []


class BriefMeta(Model):
    """``brief.yaml``: who sends what to whom for which debate, and the brief's vocabulary."""

    title: Text
    language: Literal["nl"] = "nl"
    sender: Sender
    letter: Letter
    debate: Debate
    contact: Text
    intro: Intro
    values: list[Value] = Field(min_length=1)
    topics: list[Topic] = Field(min_length=1)
    messages: list[Message] = []
    asks: list[Ask] = []


# --- Sources and arguments ------------------------------------------------------------


class Correction(Model):
    """A mistake in the letter's own reference: what it said, what is right, and why."""

    letter_said: Text
    correct: Text
    why: Text


class Source(Model):
    """A cited document.

    ``kind`` decides how it is cited: case law the Dutch way (court, date, case number,
    ECLI), others as author, title, date. ``in_letter`` says where the letter cites it
    ("voetnoot 3", "link bij ..."), or is empty for sources the brief adds. ``short`` is
    the short citation for repeated notes and cards ("Grondwet, art. 90"); without it one
    is made from the author and title. ``note`` is for the brief's editors and is not
    printed; ``caveat`` and ``correction`` are printed in the briefing's source list.
    """

    id: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][\w.:-]*$", max_length=80)]
    kind: Literal["report", "ruling", "statute", "article", "webpage", "parliamentary",
                  "agreement", "letter"]
    author: Text
    title: Text
    short: Text | None = None
    date: dt.date | None = None
    date_text: Text | None = None
    court: Text | None = None
    case_number: Text | None = None
    ecli: Text | None = None
    url: Text | None = None
    in_letter: Text | None = None
    note: Text | None = None
    caveat: Text | None = None
    correction: Correction | None = None


class Quote(Model):
    """A literal quote, always shown as a quote and attributed."""

    text: Text
    attribution: Text


class Angle(Model):
    """One framing of an argument, appealing to one value."""

    value: Slug
    text: Text


class Argument(Model):
    """One punt of the letter: kernzin, reasoning in our own words, angles, citations."""

    id: Slug
    topic: Slug
    kernzin: Text
    reasoning: Text
    quote: Quote | None = None
    weight: int = Field(default=1, ge=1, le=3)
    angles: list[Angle] = Field(min_length=1)


# --- Profiles -------------------------------------------------------------------------


class RecordItem(Model):
    """A sourced fact about a fractie's own record (a vote, a stated position).

    ``text`` must carry at least one citation: the record is stated as fact.
    """

    topic: Slug
    text: Text


class Profile(Model):
    """What the brief knows about one fractie.

    ``values`` weighs each value 0..3 (the NGO's reading). ``assessment`` is the NGO's
    inference and is printed as such; ``record`` holds only sourced facts.
    """

    fractie: Slug
    values: dict[Slug, Annotated[int, Field(ge=0, le=3)]]
    record: list[RecordItem] = []
    assessment: Text | None = None
    notes: Text | None = None


# --- Rebuttal cards -------------------------------------------------------------------


class Card(Model):
    """A rebuttal card: claim → rebuttal → evidence → one-liner → follow-up question."""

    id: Slug
    topic: Slug
    claim: Text
    rebuttal: Text
    evidence: Text
    say: Text
    follow_up: Text
    raised_by: list[Slug] = []
    aliases: list[Text] = []


# --- The whole brief ------------------------------------------------------------------


class Brief(Model):
    """A loaded, validated brief with its Kamer. ``id`` is the brief's folder name."""

    id: Slug
    meta: BriefMeta
    kamer: Kamer
    sources: list[Source]
    arguments: list[Argument]
    profiles: list[Profile] = []
    cards: list[Card] = []

    def source(self, source_id: str) -> Source:
        """The source with this id (``KeyError`` if absent)."""
        return _by_id(self.sources, source_id)

    def topic(self, topic_id: str) -> Topic:
        return _by_id(self.meta.topics, topic_id)

    def profile(self, fractie_id: str) -> Profile | None:
        """The profile of a fractie, or ``None`` when the brief has none for it."""
        return next((p for p in self.profiles if p.fractie == fractie_id), None)


def _by_id(items, item_id):
    for item in items:
        if item.id == item_id:
            return item
    raise KeyError(item_id)
