"""The brief model: what a position letter, the Kamer and the fracties' profiles are as data.

All models forbid unknown fields, so a misspelt key in a brief is an error, not a silent
default. Prose fields may hold inline Markdown (``*nadruk*``) and Pandoc-style citations
(``[@source-id]``, ``[@a; @b]``, ``[@id, p. 4]``); raw HTML in them is always escaped.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from debatbrief.base.chars import RTL

#: An identifier usable in a file name and on the command line: lowercase letters,
#: digits and single hyphens. This also keeps ``../x`` out of output paths.
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=60)]
#: The longest text any field may hold: more than two printed A4 pages (the longest
#: shipped field is under 900 characters). A backstop against runaway input, read before
#: anything else is done with it; ``check`` holds the printed fields to their own, tighter
#: limits (where it is printed) with messages of their own.
MAX_TEXT = 10_000
#: The most items one list or map in a brief may hold (the largest shipped list has 48).
MAX_ITEMS = 1000
#: The largest chamber a Kamer file may describe: the Tweede Kamer's 150 seats (Grondwet,
#: art. 51); the Eerste Kamer has 75. Seats beyond it are a typing error, and unbounded
#: numbers would make the seat arithmetic of ``plan`` run out of memory.
LARGEST_CHAMBER = 150
#: Emphasis (``*``, ``_``) inside a right-to-left run: WeasyPrint lays the pieces out left
#: to right, so the words come out in the wrong order (WeasyPrint #1711).
_RTL_EMPHASIS_RE = re.compile(f"[{RTL}][ \u00a0]*[*_]+[ \u00a0]*[{RTL}]")


#: The most sources one citation (``[@a; @b; ...]``, one footnote) may name: a note must
#: fit on the page of its call (the shipped briefs cite at most three at once).
MAX_CITED = 12


def _printable_direction(text: str) -> str:
    """Refuse what cannot be printed as written: emphasis inside Arabic or Hebrew text
    (printed out of order), a citation of more sources than one footnote holds."""
    if _RTL_EMPHASIS_RE.search(text):
        raise PydanticCustomError(
            "rtl_emphasis",
            "nadruk (*...*) midden in Arabische of Hebreeuwse tekst wordt in "
            "de verkeerde volgorde gedrukt; haal de sterretjes daar weg",
        )
    if "[@" in text:
        for match in CITATION_RE.finditer(text):
            cited = match.group(1).count(";") + 1
            if cited > MAX_CITED:
                raise PydanticCustomError(
                    "too_many_cited",
                    "één verwijzing noemt {cited} bronnen; een voetnoot "
                    "past dan niet op de pagina (ten hoogste {limit}: verdeel ze over meer "
                    "zinnen)",
                    {"cited": cited, "limit": MAX_CITED},
                )
    return text


Text = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT),
    AfterValidator(_printable_direction),
]

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

    @field_validator("*", mode="before")
    @classmethod
    def _not_too_many(cls, value):
        """A list or map of more than :data:`MAX_ITEMS` items is one error, before its
        items are validated one by one (a million items, a million errors)."""
        if isinstance(value, (list, dict)) and len(value) > MAX_ITEMS:
            raise PydanticCustomError(
                "too_many_items",
                "heeft {count} items, ten hoogste {limit} (kort de lijst in)",
                {"count": len(value), "limit": MAX_ITEMS},
            )
        return value


# --- Sources --------------------------------------------------------------------------

SourceId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][\w.:-]*$", max_length=80)]


class Correction(Model):
    """A mistake in the document's own reference: what it said, what is right, why, and
    ``proof``: a citation (``[@source-id]``) of the source that shows the corrected value.
    A correction without proof is refused by ``check``: it must be a ``caveat`` instead."""

    document_said: Text
    correct: Text
    why: Text
    proof: Text | None = None


class Source(Model):
    """A cited document.

    ``kind`` decides how it is cited: case law the Dutch way (court, date, case number,
    ECLI), others as author, title, date. ``in_document`` says where the brief's document
    cites it ("voetnoot 3", "link bij ..."), or is empty for sources the brief adds.
    ``short`` is the short citation for repeated notes and cards ("Grondwet, art. 90");
    without it one is made from the author and title. ``note`` is for the brief's editors
    and never printed; ``caveat`` and ``correction`` are the brief's errata (``debatbrief
    errata``; in briefings only when the brief asks for it).
    """

    id: SourceId
    kind: Literal[
        "report", "ruling", "statute", "article", "webpage", "parliamentary", "agreement", "letter", "dataset"
    ]
    author: Text
    title: Text
    short: Text | None = None
    date: dt.date | None = None
    date_text: Text | None = None
    court: Text | None = None
    case_number: Text | None = None
    ecli: Text | None = None
    url: Text | None = None
    in_document: Text | None = None
    note: Text | None = None
    caveat: Text | None = None
    correction: Correction | None = None
    #: When the source was published on its date ("16:21"), for a source of the debate's
    #: own day: a stance source must predate the debate's start (``debate.start``).
    time: Annotated[str, StringConstraints(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")] | None = None
    #: The chamber whose act the source records (a motion, a vote): such a source shows a
    #: stance in that chamber only. ``None``: a party's statement, valid in either chamber.
    chamber: Literal["tweede-kamer", "eerste-kamer"] | None = None
    #: The source reports a leak (documents seen before their publication): what it says
    #: is printed as reported ("volgens uitgelekte stukken"), see :func:`cite.as_reported`.
    leak: bool = False


# --- The Kamer ------------------------------------------------------------------------

#: The two chambers of the States General, as ids in data ("kind" of a Kamer file, the
#: chamber of a record item, a stance override).
ChamberKind = Literal["tweede-kamer", "eerste-kamer"]
CHAMBER_NAMES = {"tweede-kamer": "Tweede Kamer", "eerste-kamer": "Eerste Kamer"}

#: A fractie's role (rol) on the debate's date, derived from the Kamer's ``government``.
Role = Literal["kabinet", "demissionair kabinet", "formerend", "gedoogsteun", "oppositie"]


class Woordvoerder(Model):
    """A fractie's spokesperson (woordvoerder) on one portfolio, as a source shows.

    ``source`` is the id of a source among the Kamer file's ``sources`` that names the
    person as the fractie's woordvoerder on that portfolio; ``check`` refuses a woordvoerder
    without one (B909), and a briefing never prints a name without a source.
    """

    name: Text
    source: SourceId | None = None


class Fractie(Model):
    """One fractie in a chamber on a given date.

    ``id`` is the party's slug, shared between chambers and briefs. ``fractievoorzitter``
    is optional; ``fractievoorzitter_unconfirmed`` marks a name that could not be confirmed
    against a source, which is then never printed. ``woordvoerders`` maps a portfolio id
    (one of the Kamer file's ``portfolios``) to the fractie's woordvoerder on it: a
    commissiedebat or wetgevingsoverleg is addressed to that person.
    """

    id: Slug
    abbreviation: Text
    name: Text
    zetels: int = Field(ge=1, le=LARGEST_CHAMBER)
    fractievoorzitter: Text | None = None
    fractievoorzitter_unconfirmed: bool = False
    #: ``groep``: members who left a fractie and sit together without fractie status
    #: (the presidium's decision); printed as "groep", never as "fractie".
    kind: Literal["fractie", "groep"] = "fractie"
    article: Literal["de", "het"] | None = None
    called: Text | None = None
    woordvoerders: dict[Slug, Woordvoerder] = Field(default={}, max_length=MAX_ITEMS)

    @property
    def is_groep(self) -> bool:
        """Whether this is a groep without fractie status (not a fractie)."""
        return self.kind == "groep"

    @property
    def noun(self) -> str:
        """The Dutch noun for it, as printed: "fractie" or "groep"."""
        return self.kind

    @property
    def chair_title(self) -> str:
        """The title of its leader as printed: "fractievoorzitter", or for a groep
        "voorzitter van de groep" (the presidium refused it the status of fractie, so the
        title "fractievoorzitter" would not be right)."""
        return "voorzitter van de groep" if self.is_groep else "fractievoorzitter"

    def woordvoerder(self, portfolio: str | None) -> Woordvoerder | None:
        """Its woordvoerder on ``portfolio`` when the Kamer file names one with a source
        (``None`` otherwise: no name is ever printed without a source)."""
        found = self.woordvoerders.get(portfolio) if portfolio else None
        return found if found is not None and found.source else None

    @property
    def in_text(self) -> str:
        """The fractie as running Dutch text names it, with its article where it takes
        one ("de PVV", "het CDA", "GroenLinks-PvdA", "D66"): ``called`` (else the
        abbreviation) after ``article`` (briefing-norms.md, section 4)."""
        name = self.called or self.abbreviation
        return f"{self.article} {name}" if self.article else name


class GovernmentPart(Model):
    """One part of the government situation: the cabinet, a formation, support parties.

    ``parties`` are fractie ids; ``source`` is the id of a source in the Kamer file that
    shows it. ``caretaker`` marks a demissionair cabinet.
    """

    name: Text | None = None
    description: Text | None = None
    caretaker: bool = False
    parties: list[Slug] = Field(min_length=1)
    source: SourceId


class Government(Model):
    """Who governs, forms or supports on the Kamer's date. Every fractie not named in any
    part is in the opposition."""

    cabinet: GovernmentPart | None = None
    formation: GovernmentPart | None = None
    support: GovernmentPart | None = None


class Kamer(Model):
    """The composition of a chamber on a date; reusable by every brief for that date.

    ``seats`` is the chamber's legal size (150 for the Tweede Kamer, 75 for the Eerste
    Kamer); the fracties' zetels must sum to it. ``installed`` is the first day of the
    current term (record items from before it are "vorige Kamer"). ``source`` names the
    source of the composition (fracties and zetels). ``sources`` are citable from the brief
    like its own sources.
    """

    id: Slug
    chamber: Text
    kind: ChamberKind = "tweede-kamer"
    date: dt.date
    seats: int = Field(ge=1, le=LARGEST_CHAMBER)
    installed: dt.date | None = None
    source: SourceId | None = None
    government: Government = Government()
    #: The portfolios woordvoerders are named for, id -> Dutch name as it reads after
    #: "woordvoerder" ("asiel en migratie"): the ids ``fracties.woordvoerders`` and a
    #: brief's ``debate.portfolio`` may use.
    portfolios: dict[Slug, Text] = Field(default={}, max_length=MAX_ITEMS)
    sources: list[Source] = Field(min_length=1)
    fracties: list[Fractie] = Field(min_length=1)

    def fractie(self, fractie_id: str) -> Fractie:
        """The fractie with this id (``KeyError`` if absent)."""
        for fractie in self.fracties:
            if fractie.id == fractie_id:
                return fractie
        raise KeyError(fractie_id)

    def roles(self, fractie_id: str) -> tuple[Role, ...]:
        """The fractie's roles on the Kamer's date, in the order they matter for a debate:
        ``formerend``, ``kabinet`` or ``demissionair kabinet``, ``gedoogsteun``;
        ``("oppositie",)`` when it has none of these."""
        return tuple(role for role, _ in self.role_parts(fractie_id)) or ("oppositie",)

    def role_parts(self, fractie_id: str) -> list[tuple[Role, GovernmentPart]]:
        """``(role, part)`` for each government part the fractie belongs to, in the order
        of :meth:`roles` (empty for the opposition)."""
        government = self.government
        found: list[tuple[Role, GovernmentPart]] = []
        parts: tuple[tuple[GovernmentPart | None, Role], ...] = (
            (government.formation, "formerend"),
            (government.cabinet, "kabinet"),
            (government.support, "gedoogsteun"),
        )
        for part, role in parts:
            if part is not None and fractie_id in part.parties:
                if role == "kabinet" and part.caretaker:
                    role = "demissionair kabinet"
                found.append((role, part))
        return found


# --- The brief: metadata --------------------------------------------------------------


class Organisation(Model):
    """An organisation as a brief names it: the document's sender or the briefing's author.

    ``short`` is the name used in running text, with its article where Dutch needs one
    ("volgens VluchtelingenWerk", "volgens de Raad van State"); ``kind`` says what kind of
    organisation it is.
    """

    organisation: Text
    short: Text | None = None
    kind: Literal[
        "ngo",
        "belangenorganisatie",
        "brancheorganisatie",
        "vakbond",
        "adviesorgaan",
        "kennisinstituut",
        "andere",
    ] = "ngo"
    address: list[Text] = []
    phone: Text | None = None
    email: Text | None = None
    website: Text | None = None

    @property
    def names(self) -> list[str]:
        """Every name the organisation goes by in text: its full and its short name."""
        return [self.organisation] + ([self.short] if self.short else [])

    @property
    def in_text(self) -> str:
        """The name used in running text: ``short``, else the organisation's full name."""
        return self.short or self.organisation


class Sender(Organisation):
    """Who sends the document the brief rests on: the document's views are attributed to
    it by name ("volgens de Raad van State")."""


class Author(Organisation):
    """Who writes the briefings and speaks in them as "wij": the contact, the footers, the
    cards, the errata and the prep sheet are theirs. Defaults to the sender."""


class Person(Model):
    """A named person: the document's signatory."""

    name: Text
    role: Text


class ContactPerson(Model):
    """The person an MP can call about the briefing: printed on every page. Only what a
    source shows: ``phone`` and ``email`` may be the organisation's own when the source
    gives no direct line."""

    name: Text
    role: Text
    phone: Text | None = None
    email: Text | None = None


#: The kinds of document a brief may rest on, with their Dutch noun and article.
DOCUMENT_KINDS: dict[str, tuple[str, str]] = {
    "brief": ("de", "brief"),
    "position-paper": ("het", "position paper"),
    "advies": ("het", "advies"),
    "rapport": ("het", "rapport"),
    "notitie": ("de", "notitie"),
    "factsheet": ("de", "factsheet"),
    "reactie": ("de", "reactie"),
}


class Document(Model):
    """The document the brief rests on (a letter, a position paper, an advice...).

    ``source`` is the id of the document's own entry in ``sources.yaml``: a claim the
    document makes without evidence cites it, and is printed as the document's view.
    ``addressees`` and ``signatory`` are optional: not every document has them.
    ``date_text`` is the date as printed when the day is not known ("oktober 2024", "begin
    december 2025"): printed as given wherever the document's date is printed (see
    :attr:`when`); ``date``, when given beside it, is the latest day it can be, for the
    checks. A document has ``date``, ``date_text`` or both.
    """

    kind: Literal["brief", "position-paper", "advies", "rapport", "notitie", "factsheet", "reactie"] = "brief"
    source: SourceId
    date: dt.date | None = None
    date_text: Text | None = None
    subject: Text
    addressees: Text | None = None
    signatory: Person | None = None
    url: Text | None = None

    @model_validator(mode="after")
    def _dated(self) -> Document:
        if self.date is None and self.date_text is None:
            raise ValueError(
                "het document heeft een datum nodig: date (JJJJ-MM-DD) of, als "
                "de dag niet bekend is, date_text (zoals 'oktober 2024')"
            )
        return self

    @property
    def noun(self) -> str:
        """The Dutch noun for this kind of document, without article ("brief")."""
        return DOCUMENT_KINDS[self.kind][1]

    @property
    def the(self) -> str:
        """The noun with its definite article ("de brief", "het advies")."""
        article, noun = DOCUMENT_KINDS[self.kind]
        return f"{article} {noun}"


#: The kinds of debate: in the plenary hall, or a committee's (commissiedebat,
#: wetgevingsoverleg), which is for the fracties' woordvoerders of its portfolio.
DebateKind = Literal["plenair", "commissiedebat", "wetgevingsoverleg"]
COMMITTEE_DEBATES = frozenset({"commissiedebat", "wetgevingsoverleg"})


class Debate(Model):
    """The debate the brief is for. ``kamer`` (and optionally ``eerste_kamer``) name files
    in the Kamer data folder holding the chamber's composition on the debate's date.
    ``subject`` is what the fracties take a stance on, as a Dutch noun phrase that reads
    after "Partij achter", "Voor" and "Tegen" ("de asielplannen van het
    hoofdlijnenakkoord")."""

    title: Text
    subject: Text
    date: dt.date
    #: When the debate starts on its date ("10:15"): a stance source of the same day must
    #: have been published before it (``Source.time``). Without it, none of that day may.
    start: Annotated[str, StringConstraints(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")] | None = None
    kamer: Slug
    eerste_kamer: Slug | None = None
    url: Text | None = None
    kamerstuk: Text | None = None
    #: ``plenair`` (the default): a briefing is addressed to the fractievoorzitter; a
    #: ``commissiedebat`` or ``wetgevingsoverleg`` is for the woordvoerders of
    #: ``portfolio`` (an id among the Kamer file's ``portfolios``).
    kind: DebateKind = "plenair"
    portfolio: Slug | None = None

    @property
    def for_woordvoerders(self) -> bool:
        """Whether the debate is a committee's, addressed to the woordvoerders."""
        return self.kind in COMMITTEE_DEBATES


class Value(Model):
    """A value an angle can appeal to (rechtsstaat, uitvoerbaarheid, ...)."""

    id: Slug
    label: Text


class Topic(Model):
    """An onderwerp of the document. ``aliases`` are words people use for it."""

    id: Slug
    title: Text
    aliases: list[Text] = []


class Intro(Model):
    """Opening paragraph of a briefing, by the fractie's stance on the debate's subject.

    ``raises`` falls back to ``agrees``; ``unknown`` is needed only when some fractie's
    stance on the subject is unknown (``check`` says so).
    """

    agrees: Text
    opposes: Text
    raises: Text | None = None
    unknown: Text | None = None

    def for_stance(self, stance: str) -> str | None:
        """The intro for a fractie with this stance on the subject (``None``: none given)."""
        if stance == "raises":
            return self.raises or self.agrees
        return {"agrees": self.agrees, "opposes": self.opposes, "unknown": self.unknown}[stance]


class Message(Model):
    """A candidate for the kernboodschap; chosen per fractie by the values it serves, never
    for a fractie whose stance contradicts it: one that raises or agrees with a claim in
    ``answers`` (card ids: the claims this message contradicts), or opposes an ask in
    ``asks`` (ask ids: what this message argues for)."""

    id: Slug
    text: Text
    values: list[Slug] = Field(min_length=1)
    topics: list[Slug] = []
    answers: list[Slug] = []
    asks: list[Slug] = []


#: What an ask asks for. Only a motion, an amendment or a vote is decided by the Kamer's
#: votes, so only those get seat counts (``debatbrief plan``).
ASK_KINDS = ("question", "commitment", "motion", "amendment", "vote")
VOTABLE_KINDS = frozenset({"motion", "amendment", "vote"})


class Motion(Model):
    """A concept-motie in the Tweede Kamer's own form: "De Kamer, gehoord de
    beraadslaging, constaterende dat ...; overwegende dat ...; verzoekt de regering ...,
    en gaat over tot de orde van de dag." Each consideration is the clause after
    "constaterende"/"overwegende" (starting with "dat"); ``verzoekt`` the clause after
    "verzoekt de regering". Printed marked CONCEPT, number and date left blank."""

    constaterende: list[Text] = []
    overwegende: list[Text] = Field(min_length=1)
    verzoekt: Text

    @model_validator(mode="after")
    def _kamer_form(self) -> Motion:
        for clause in (*self.constaterende, *self.overwegende):
            if not clause.startswith("dat "):
                raise ValueError(f"een overweging van een motie begint met 'dat': {clause!r}")
            if clause.rstrip().endswith((".", ",", ";")):
                raise ValueError(
                    f"een overweging eindigt zonder leesteken (de motie zet er zelf ';' achter): {clause!r}"
                )
        if self.verzoekt.rstrip().endswith((".", ",", ";")):
            raise ValueError(
                "'verzoekt' eindigt zonder leesteken: de motie zet er zelf een "
                "komma achter ('..., en gaat over tot de orde van de dag')"
            )
        return self


class Ask(Model):
    """What the author asks of a fractie: a question for the debate, a commitment to seek,
    or a motion, amendment or vote to support.

    ``text`` is worded to the reader in opposition; ``governing`` (optional) to a fractie
    that governs or forms the government (asked to commit, or to put it in the agreement).
    A fractie expected to oppose the ask does not get it (``stances.yaml``). ``values``
    and ``topics`` drive the choice per fractie; ``fracties`` (optional) restricts an ask
    to the fracties it was written for. A ``motion`` ask may carry a concept-motie.
    """

    id: Slug
    kind: Literal["question", "commitment", "motion", "amendment", "vote"]
    text: Text
    governing: Text | None = None
    values: list[Slug] = Field(min_length=1)
    topics: list[Slug] = []
    fracties: list[Slug] = []
    motion: Motion | None = None

    @model_validator(mode="after")
    def _motion_on_motions(self) -> Ask:
        if self.motion is not None and self.kind != "motion":
            raise ValueError("alleen een vraag van soort 'motion' kan een concept-motie (motion:) hebben")
        return self

    @property
    def votable(self) -> bool:
        """Whether the Kamer decides this ask by vote (motion, amendment, vote)."""
        return self.kind in VOTABLE_KINDS


class BriefMeta(Model):
    """``brief.yaml``: who writes about which document for which debate, and the brief's
    vocabulary.

    ``sender`` sent the document; ``author`` writes the briefings (an NGO briefing on an
    advice of the Raad van State); without ``author`` the sender writes them (its own
    letter). Use :attr:`writer` for the one who speaks as "wij".

    ``errata_in_briefing`` prints the corrections and caveats of the document's own
    references in every briefing; by default they go only to ``debatbrief errata``.
    ``synonyms`` are groups of words or abbreviations that mean the same in this debate
    (``[[WIA, arbeidsongeschiktheid]]``): ``rebut`` reads a typed word as any word of its
    group, beside the shared Dutch table of ``cards/synonyms-nl.txt``.
    """

    title: Text
    language: Literal["nl"] = "nl"
    sender: Sender
    author: Author | None = None
    document: Document
    debate: Debate
    contact: Text | None = None
    contact_person: ContactPerson | None = None
    errata_in_briefing: bool = False
    intro: Intro
    values: list[Value] = Field(min_length=1)
    topics: list[Topic] = Field(min_length=1)
    messages: list[Message] = []
    asks: list[Ask] = []
    synonyms: list[list[Text]] = []

    @property
    def writer(self) -> Organisation:
        """Who writes the briefings and speaks as "wij": the author, else the sender."""
        return self.author or self.sender

    @property
    def own_document(self) -> bool:
        """Whether the writer also sent the document (then "onze brief", "wij schreven")."""
        return self.author is None or self.author.organisation == self.sender.organisation

    @property
    def document_named(self) -> str:
        """The document as the writer names it in text, without its date: "de brief" for
        its own, "het advies van de Raad van State" for the sender's (``short``, else the
        organisation)."""
        if self.own_document:
            return self.document.the
        return f"{self.document.the} van {self.sender.in_text}"


# --- Arguments ------------------------------------------------------------------------


class Quote(Model):
    """A literal quote, always shown as a quote and attributed."""

    text: Text
    attribution: Text


class Angle(Model):
    """One framing of an argument, appealing to one value."""

    value: Slug
    text: Text


class Argument(Model):
    """One punt of the document: kernzin, reasoning in our own words, angles, citations."""

    id: Slug
    topic: Slug
    kernzin: Text
    reasoning: Text
    quote: Quote | None = None
    weight: int = Field(default=1, ge=1, le=3)
    angles: list[Angle] = Field(min_length=1)


# --- Profiles -------------------------------------------------------------------------


class RecordItem(Model):
    """A sourced fact about a fractie's own record: a vote, a stated position.

    ``date``, ``chamber`` and ``name`` (the name the fractie had then, as printed: "GroenLinks
    en PvdA") say who did it, when and where; ``chamber`` is left out for what a party said
    or did outside parliament. ``text`` states it, as a clause that follows "<Kamer>,
    <datum>, als <naam>:", and must cite a source.
    """

    topic: Slug
    date: dt.date
    #: The date as printed when the day is not known ("begin december 2025", "maart
    #: 2025"); ``date`` is then the latest day it can be, for the order and the checks.
    date_text: Text | None = None
    chamber: ChamberKind | None = None
    name: Text
    text: Text


class Profile(Model):
    """What the brief knows about one fractie.

    ``values`` weighs each value 0..3 (the author's reading). ``emphasis`` lists topics the
    assessment promises to stress (``check`` fails when the briefing does not show them
    among its detailed arguments). ``assessment`` is the author's reading, for the lobbyist
    (never on the MP's page); ``headline`` is the briefing's title for this fractie;
    ``record`` holds only sourced facts; ``notes`` are for the lobbyist and never printed.
    """

    fractie: Slug
    values: dict[Slug, Annotated[int, Field(ge=0, le=3)]]
    emphasis: list[Slug] = []
    record: list[RecordItem] = []
    assessment: Text | None = None
    notes: Text | None = None
    headline: Text | None = None


# --- Stances --------------------------------------------------------------------------

#: A fractie's expected position on the debate's subject, on a card's claim or on an ask.
StanceWord = Literal["raises", "agrees", "opposes", "unknown"]
#: Dutch words for a stance, as printed.
STANCE_WORDS = {"raises": "brengt het in", "agrees": "eens", "opposes": "tegen", "unknown": "onbekend"}


class SourcedStance(Model):
    """A stance shown by a source (an id in sources.yaml or the Kamer file).

    ``scope`` is what the source shows: ``item``, this claim or ask only (the default), or
    ``subject``, the whole debate's subject, which only a source that says so can show
    (``check`` refuses an item-scoped source for the subject or for ``"*"``). ``date`` is
    the date of the act that shows the stance (the programme, the vote, the statement)
    where it differs from the source's own date (its publication).
    """

    stance: StanceWord
    source: SourceId
    scope: Literal["item", "subject"] = "item"
    date: dt.date | None = None
    #: The date of the act as printed when its day is not known ("begin december 2025");
    #: ``date`` is then the latest day it can be.
    date_text: Text | None = None


class Stance(Model):
    """A stance as used: the word, and the source behind it (``None``: the author's
    estimate, always labelled as such); ``date`` and ``date_text`` date the act that shows
    it when the data gives them (see :class:`SourcedStance`)."""

    stance: StanceWord
    source: str | None = None
    date: dt.date | None = None
    date_text: str | None = None

    @property
    def estimate(self) -> bool:
        return self.source is None


StanceValue = StanceWord | SourcedStance


class StanceBlock(Model):
    """``stances.yaml``: one fractie's expected stances for this debate.

    ``subject`` is the stance on the debate's subject (the agreement, the bill...);
    ``claims`` maps card ids and ``asks`` maps ask ids to a stance, ``"*"`` meaning every
    card or ask not named. A bare word is the author's estimate; ``{stance, source}`` is
    sourced. ``chamber`` makes the block an override for the fractie in that chamber.
    """

    fractie: Slug
    chamber: ChamberKind | None = None
    subject: StanceValue = "unknown"
    claims: dict[str, StanceValue] = {}
    asks: dict[str, StanceValue] = {}


def as_stance(value: StanceValue | None) -> Stance:
    """A stance value from the data as a :class:`Stance` (missing: unknown, estimate)."""
    if value is None:
        return Stance(stance="unknown")
    if isinstance(value, SourcedStance):
        return Stance(stance=value.stance, source=value.source, date=value.date, date_text=value.date_text)
    return Stance(stance=value)


# --- Rebuttal cards -------------------------------------------------------------------


class Card(Model):
    """A rebuttal card: claim → rebuttal → evidence → one-liner → follow-up question.

    Who raises the claim is in ``stances.yaml``, per fractie. ``say`` cites the sources of
    any fact it states; they must be among the evidence's citations.
    """

    id: Slug
    topic: Slug
    claim: Text
    rebuttal: Text
    evidence: Text
    say: Text
    follow_up: Text
    aliases: list[Text] = []


# --- The whole brief ------------------------------------------------------------------


class Brief(Model):
    """A loaded, validated brief with its Kamer(s). ``id`` is the brief's folder name;
    ``eerste_kamer`` is the Senate on the debate's date when the brief names one."""

    id: Slug
    meta: BriefMeta
    kamer: Kamer
    eerste_kamer: Kamer | None = None
    sources: list[Source]
    arguments: list[Argument]
    profiles: list[Profile] = []
    stances: list[StanceBlock] = []
    cards: list[Card] = []

    def source(self, source_id: str) -> Source:
        """The source with this id, from the brief or its Kamer files (``KeyError``)."""
        for source in self.all_sources:
            if source.id == source_id:
                return source
        raise KeyError(source_id)

    @property
    def all_sources(self) -> list[Source]:
        """The brief's sources, then those of its Kamer files (citable alike)."""
        found = list(self.sources) + list(self.kamer.sources)
        if self.eerste_kamer is not None:
            found += [s for s in self.eerste_kamer.sources if s.id not in {k.id for k in found}]
        return found

    def topic(self, topic_id: str) -> Topic:
        return _by_id(self.meta.topics, topic_id)

    def card(self, card_id: str) -> Card:
        return _by_id(self.cards, card_id)

    def profile(self, fractie_id: str) -> Profile | None:
        """The profile of a fractie, or ``None`` when the brief has none for it."""
        return next((p for p in self.profiles if p.fractie == fractie_id), None)

    def _blocks(self, fractie_id: str, chamber: str | None) -> list[StanceBlock]:
        # The general block first, then the chamber's override (which wins).
        general = [b for b in self.stances if b.fractie == fractie_id and b.chamber is None]
        special = [b for b in self.stances if b.fractie == fractie_id and chamber and b.chamber == chamber]
        return general + special

    def _stance(self, fractie_id: str, chamber: str | None, pick) -> Stance:
        found = None
        for block in self._blocks(fractie_id, chamber):
            value = pick(block)
            if value is not None:
                found = value
        return as_stance(found)

    def subject_stance(self, fractie_id: str, chamber: str | None = None) -> Stance:
        """The fractie's stance on the debate's subject (unknown when not given)."""
        return self._stance(
            fractie_id, chamber, lambda b: b.subject if "subject" in b.model_fields_set else None
        )

    def claim_stance(self, fractie_id: str, card_id: str, chamber: str | None = None) -> Stance:
        """The fractie's stance on a card's claim: its own entry, else ``"*"``, else unknown."""
        return self._stance(fractie_id, chamber, lambda b: b.claims.get(card_id, b.claims.get("*")))

    def ask_stance(self, fractie_id: str, ask_id: str, chamber: str | None = None) -> Stance:
        """The fractie's stance on an ask: its own entry, else ``"*"``, else unknown."""
        return self._stance(fractie_id, chamber, lambda b: b.asks.get(ask_id, b.asks.get("*")))

    def raisers(self, card_id: str) -> list[str]:
        """Ids of the fracties (in the Kamer's order) expected to raise a card's claim."""
        return [f.id for f in self.kamer.fracties if self.claim_stance(f.id, card_id).stance == "raises"]


def _by_id(items, item_id):
    for item in items:
        if item.id == item_id:
            return item
    raise KeyError(item_id)
