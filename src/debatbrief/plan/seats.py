"""``debatbrief plan``: where the majorities are, for each ask, in both chambers.

A pure, deterministic function of the brief: no I/O, no clock, no rich, no WeasyPrint.
Only a votable ask (a motion, an amendment, a vote: :attr:`Ask.votable`) is decided by
seats; questions and commitments are listed without counts. For every votable ask and every
chosen chamber (by default the debate's own, ``debate.kamer``; the Eerste Kamer of
``debate.eerste_kamer`` only when asked for with ``--kamer ek`` or ``both``), each fractie's expected
stance on the ask comes from ``stances.yaml`` (its ``asks`` entry, else ``"*"``, else
unknown; a ``chamber: eerste-kamer`` block overrides it in the Senate). A fractie that
raises or agrees with the ask counts as *voor*, one that opposes it as *tegen*, the rest as
*onbekend*.

Arithmetic, all in whole seats (never rounded):

* a majority is more than half of the chamber when every member votes: 76 of 150 in the
  Tweede Kamer, 38 of 75 in the Eerste Kamer (:func:`majority`);
* the outcome is ``meerderheid`` when the *voor* seats reach it, ``open`` when *voor* plus
  all *onbekend* seats could reach it, ``staken`` when at best the vote is tied (75-75:
  the stemmen staken, which is no majority), else ``onhaalbaar``;
* the *swing sets* of an open vote are the sets of the fewest *onbekend* fracties whose
  seats, added to *voor*, reach the majority; a *swing fractie* is one that is in at least
  one of them. Sets are ranked by the seats they bring (most first), then by the Kamer's
  order; swing fracties by the number of smallest sets they are in, then by seats.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import combinations
from typing import Literal

from debatbrief.base.errors import UsageError
from debatbrief.brief.models import (
    CHAMBER_NAMES,
    CITATION_RE,
    STANCE_WORDS,
    Ask,
    Brief,
    Fractie,
    Kamer,
    Stance,
)

Vote = Literal["voor", "tegen", "onbekend"]
#: How a stance on an ask counts in a vote.
VOTES: dict[str, Vote] = {"raises": "voor", "agrees": "voor", "opposes": "tegen", "unknown": "onbekend"}
Outcome = Literal["meerderheid", "open", "staken", "onhaalbaar"]
#: The chambers ``--kamer`` can choose, as Kamer kinds.
CHAMBER_CHOICES = {"tk": ("tweede-kamer",), "ek": ("eerste-kamer",), "both": ("tweede-kamer", "eerste-kamer")}
#: How many ranked smallest sets a chamber plan keeps (all are counted).
MAX_SETS = 12
#: Dutch words for the kinds of ask, as the lobbyist reads them.
KIND_WORDS = {
    "question": "vraag",
    "commitment": "toezegging",
    "motion": "motie",
    "amendment": "amendement",
    "vote": "stemming",
}
#: What a majority is for, by kind of votable ask ("een meerderheid voor de motie").
KIND_OBJECTS = {"motion": "de motie", "amendment": "het amendement", "vote": "het voorstel"}


def author_name(brief: Brief) -> str:
    """Who writes the briefings and speaks as "wij", by the name used in text: the brief's
    author when it names one, else the sender (``short``, else the organisation)."""
    author = getattr(brief.meta, "author", None)
    if isinstance(author, str) and author.strip():
        return author
    named = (
        getattr(author, "short", None)
        or getattr(author, "organisation", None)
        or getattr(author, "name", None)
    )
    return named or brief.meta.sender.short or brief.meta.sender.organisation


def estimate_of(brief: Brief) -> str:
    """``"inschatting van <author>"``: how an unsourced stance is labelled."""
    return f"inschatting van {author_name(brief)}"


def majority(seats: int) -> int:
    """Seats needed for a majority of a chamber of ``seats`` when every member votes:
    more than half (76 of 150, 38 of 75)."""
    return seats // 2 + 1


def zetels(n: int) -> str:
    """``"1 zetel"`` or ``"n zetels"``."""
    return f"{n} zetel" if n == 1 else f"{n} zetels"


@dataclass(frozen=True)
class Position:
    """One fractie's expected vote on an ask in one chamber, and the stance behind it."""

    fractie: Fractie
    stance: Stance
    vote: Vote


@dataclass(frozen=True)
class SwingSet:
    """Fracties (largest first) whose seats together, added to the *voor* seats, reach the
    majority: ``seats`` is what they bring, ``total`` the *voor* seats with them."""

    fracties: tuple[Fractie, ...]
    seats: int
    total: int


@dataclass(frozen=True)
class Swing:
    """A fractie that counts as swing, and why.

    ``sets`` is how many of the smallest sets it is in; ``best`` the best-ranked of them;
    ``without`` the fewest fracties needed if it stays out (``None``: no majority without
    it); ``reasons`` Dutch lines for ``plan --fractie`` and the JSON.
    """

    fractie: Fractie
    stance: Stance
    sets: int
    best: SwingSet
    without: int | None
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class ChamberPlan:
    """One ask in one chamber: every fractie's position, the seat count, the outcome, the
    smallest swing sets (ranked, at most :data:`MAX_SETS`; ``set_count`` counts them all),
    the swing fracties, and the *voor* fracties a secured majority cannot lose
    (``pivotal``). ``short`` is how many seats *voor* still lacks (0 when secured)."""

    kamer: Kamer
    needed: int
    positions: tuple[Position, ...]
    voor: int
    tegen: int
    onbekend: int
    outcome: Outcome
    short: int
    set_size: int
    sets: tuple[SwingSet, ...]
    set_count: int
    swing: tuple[Swing, ...]
    pivotal: tuple[Fractie, ...]

    @property
    def name(self) -> str:
        return CHAMBER_NAMES[self.kamer.kind]

    @property
    def seats(self) -> int:
        return self.kamer.seats

    @property
    def swing_seats(self) -> int:
        """Seats of the swing fracties (part of the *onbekend* seats)."""
        return sum(s.fractie.zetels for s in self.swing)

    def position(self, fractie_id: str) -> Position | None:
        return next((p for p in self.positions if p.fractie.id == fractie_id), None)

    def swing_of(self, fractie_id: str) -> Swing | None:
        return next((s for s in self.swing if s.fractie.id == fractie_id), None)

    @property
    def summary(self) -> str:
        """The outcome in one Dutch sentence, with the exact numbers."""
        best = self.voor + self.onbekend
        if self.outcome == "meerderheid":
            return f"Meerderheid voor: {self.voor} van {self.seats} ({self.needed} nodig)."
        if self.outcome == "open":
            fewest = "1 fractie" if self.set_size == 1 else f"{self.set_size} fracties"
            return (
                f"Nog {zetels(self.short)} nodig voor {self.needed} van {self.seats}; haalbaar met {fewest}."
            )
        if self.outcome == "staken":
            return (
                f"Hoogstens {best} tegen {self.seats - best}: de stemmen staken, "
                f"dat is geen meerderheid ({self.needed} nodig)."
            )
        return (
            f"Geen meerderheid te halen: ook met alle onbekende fracties {best} van "
            f"{self.seats} ({self.needed} nodig)."
        )


@dataclass(frozen=True)
class AskPlan:
    """One ask with its plan in each chosen chamber (Tweede Kamer first)."""

    ask: Ask
    chambers: tuple[ChamberPlan, ...]

    def chamber(self, kind: str) -> ChamberPlan | None:
        return next((c for c in self.chambers if c.kamer.kind == kind), None)


@dataclass(frozen=True)
class Plan:
    """The plan of a brief: every chosen votable ask with its seat count, in the brief's
    order; ``unvoted`` the chosen questions and commitments (listed, never counted);
    ``notes`` Dutch lines about what is missing (no votable ask, no Eerste Kamer...)."""

    brief_id: str
    asks: tuple[AskPlan, ...]
    notes: tuple[str, ...] = ()
    unvoted: tuple[Ask, ...] = ()

    @property
    def chamber_kinds(self) -> tuple[str, ...]:
        """The chamber kinds counted, in order (empty when no votable ask was chosen)."""
        return tuple(c.kamer.kind for c in self.asks[0].chambers) if self.asks else ()


def default_chamber(brief: Brief) -> str:
    """The ``--kamer`` choice when none is given: the debate's own chamber."""
    return "ek" if brief.kamer.kind == "eerste-kamer" else "tk"


def chamber_kamers(brief: Brief, kamer: str | None = None) -> tuple[list[Kamer], list[str]]:
    """The Kamers ``--kamer`` (``tk``, ``ek``, ``both``; ``None``: the debate's own) chooses,
    and Dutch notes.

    Raises :class:`UsageError` for an unknown choice, or for ``ek`` when the brief names no
    Eerste Kamer."""
    kamer = kamer or default_chamber(brief)
    if kamer not in CHAMBER_CHOICES:
        from debatbrief.base.suggest import unknown_choice

        raise UsageError(unknown_choice("Kamer", kamer, list(CHAMBER_CHOICES)))
    found, notes = [], []
    for kind in CHAMBER_CHOICES[kamer]:
        chosen = brief.kamer if kind == brief.kamer.kind else brief.eerste_kamer
        if chosen is None:
            missing = (
                "De brief noemt geen Eerste Kamer: voeg debate.eerste_kamer toe aan "
                "brief.yaml (een bestand in kamers/)"
            )
            if kamer == "ek":
                raise UsageError(missing + ".")
            notes.append(missing + "; alleen de Tweede Kamer.")
            continue
        found.append(chosen)
    return found, notes


def check_asks(brief: Brief, asks: list[str] | None) -> list[Ask]:
    """The asks asked for (all when ``None`` or empty), in the brief's order.

    Raises :class:`UsageError` for an unknown ask id (with the closest one) or when the
    brief has no asks."""
    if not brief.meta.asks:
        raise UsageError("De brief heeft geen punten (asks in brief.yaml); er valt niets door te rekenen.")
    ids = [a.id for a in brief.meta.asks]
    for wanted in asks or []:
        if wanted not in ids:
            from debatbrief.base.suggest import unknown_choice

            raise UsageError(unknown_choice("ask", wanted, ids))
    return [a for a in brief.meta.asks if not asks or a.id in asks]


#: The line ``plan`` gives when none of the chosen asks is put to a vote.
NO_VOTES = (
    "Geen van {which} is een motie, amendement of stemming; vragen en toezeggingen krijgen geen zeteltelling."
)


def plan(brief: Brief, asks: list[str] | None = None, kamer: str | None = None) -> Plan:
    """The plan of ``brief`` for the asks ``asks`` (ids; all when ``None``) in the chambers
    ``kamer`` chooses (``tk``, ``ek`` or ``both``; ``None``: the debate's own). Only votable
    asks are counted; the others are listed in ``unvoted``. Raises :class:`UsageError`
    (unknown ask or chamber, no Eerste Kamer for ``ek``)."""
    kamers, notes = chamber_kamers(brief, kamer)
    chosen = check_asks(brief, asks)
    votable = [ask for ask in chosen if ask.votable]
    if not votable:
        which = "de gekozen punten" if asks else "de punten van de brief"
        notes.insert(0, NO_VOTES.format(which=which))
    return Plan(
        brief.id,
        tuple(AskPlan(ask, tuple(chamber_plan(brief, ask, k) for k in kamers)) for ask in votable),
        tuple(notes),
        tuple(ask for ask in chosen if not ask.votable),
    )


def chamber_plan(brief: Brief, ask: Ask, kamer: Kamer) -> ChamberPlan:
    """One ask in one chamber (see the module's description of the arithmetic)."""
    positions = []
    for fractie in kamer.fracties:
        stance = brief.ask_stance(fractie.id, ask.id, kamer.kind)
        positions.append(Position(fractie, stance, VOTES[stance.stance]))
    count = {
        v: sum(p.fractie.zetels for p in positions if p.vote == v) for v in ("voor", "tegen", "onbekend")
    }
    voor, tegen, onbekend = count["voor"], count["tegen"], count["onbekend"]
    needed = majority(kamer.seats)
    short = max(0, needed - voor)
    if short == 0:
        outcome: Outcome = "meerderheid"
    elif voor + onbekend >= needed:
        outcome = "open"
    elif 2 * (voor + onbekend) == kamer.seats:
        outcome = "staken"
    else:
        outcome = "onhaalbaar"
    unknown = [p for p in positions if p.vote == "onbekend"]
    size, all_sets = smallest_sets([p.fractie for p in unknown], short) if outcome == "open" else (0, [])
    order = {f.id: i for i, f in enumerate(kamer.fracties)}
    ranked = sorted(
        (SwingSet(s, sum(f.zetels for f in s), voor + sum(f.zetels for f in s)) for s in all_sets),
        key=lambda s: (-s.seats, [order[f.id] for f in s.fracties]),
    )
    swing = _swing(ranked, unknown, voor, needed, short, size, kamer)
    pivotal = tuple(
        p.fractie
        for p in positions
        if outcome == "meerderheid" and p.vote == "voor" and voor - p.fractie.zetels < needed
    )
    return ChamberPlan(
        kamer,
        needed,
        tuple(positions),
        voor,
        tegen,
        onbekend,
        outcome,
        short,
        size,
        tuple(ranked[:MAX_SETS]),
        len(ranked),
        swing,
        pivotal,
    )


def fewest(fracties: list[Fractie], short: int) -> int | None:
    """The fewest of ``fracties`` whose seats reach ``short`` (0 when ``short <= 0``;
    ``None`` when all of them together fall short)."""
    if short <= 0:
        return 0
    total = 0
    for count, fractie in enumerate(sorted(fracties, key=lambda f: -f.zetels), start=1):
        total += fractie.zetels
        if total >= short:
            return count
    return None


def smallest_sets(fracties: list[Fractie], short: int) -> tuple[int, list[tuple[Fractie, ...]]]:
    """Every set of the fewest ``fracties`` whose seats together reach ``short``, each
    largest first, and their size: ``(0, [])`` when none does (or none is needed).

    The size is found greedily (the largest fracties first); then every combination of
    that size is tried, which is at most C(19, 9) = 92,378 for the nineteen fracties of
    the Eerste Kamer of 2026."""
    size = fewest(fracties, short)
    if not size:
        return 0, []
    ordered = sorted(fracties, key=lambda f: -f.zetels)
    return size, [combo for combo in combinations(ordered, size) if sum(f.zetels for f in combo) >= short]


def _swing(
    ranked: list[SwingSet],
    unknown: list[Position],
    voor: int,
    needed: int,
    short: int,
    size: int,
    kamer: Kamer,
) -> tuple[Swing, ...]:
    """The swing fracties of a chamber with their reasons, most-needed first."""
    found = []
    for position in unknown:
        fractie = position.fractie
        mine = [s for s in ranked if fractie in s.fracties]
        if not mine:
            continue
        others = [p.fractie for p in unknown if p.fractie.id != fractie.id]
        without = fewest(others, short)
        best = mine[0]
        reasons = [
            f"standpunt {_stance_label(position.stance)}; {zetels(fractie.zetels)} in de "
            f"{CHAMBER_NAMES[kamer.kind]}",
            f"in {len(mine)} van de {len(ranked)} kleinste combinaties "
            f"({'1 fractie' if size == 1 else f'{size} fracties'}) die de {needed} halen",
            f"met {_set_sum(best, voor)} van {kamer.seats} ({needed} nodig)",
            (
                f"zonder deze {fractie.noun} is er geen meerderheid te halen"
                if without is None
                else f"zonder deze {fractie.noun} zijn er {without} fracties nodig"
                if without > size
                else f"zonder deze {fractie.noun} kan het ook met {without} "
                f"{'fractie' if without == 1 else 'fracties'}"
            ),
        ]
        found.append(Swing(fractie, position.stance, len(mine), best, without, tuple(reasons)))
    found.sort(key=lambda s: (-s.sets, -s.fractie.zetels))
    return tuple(found)


def _set_sum(swing_set: SwingSet, voor: int) -> str:
    """``"62 (voor) + VVD 24 + NSC 20 = 106"``."""
    parts = ([f"{voor} (voor)"] if voor else []) + [
        f"{f.abbreviation} {f.zetels}" for f in swing_set.fracties
    ]
    return f"{' + '.join(parts)} = {swing_set.total}"


def _stance_label(stance: Stance) -> str:
    """``"onbekend"``, ``"eens (bron: id)"``, ``"tegen (inschatting)"``."""
    if stance.stance == "unknown":
        return "onbekend"
    basis = f"bron: {stance.source}" if stance.source else "inschatting"
    return f"{STANCE_WORDS[stance.stance]} ({basis})"


#: The order of the seats in pictures (bar, hemicycle), left to right.
SEAT_ORDER = ("voor", "swing", "onbekend", "tegen")


def seat_groups(chamber: ChamberPlan) -> list[tuple[str, Fractie]]:
    """``(mark, fractie)`` in picture order: the *voor* fracties (Kamer order), the swing
    fracties (most-needed first), the other unknown ones, the *tegen* fracties. ``mark`` is
    one of :data:`SEAT_ORDER`."""
    swing_ids = [s.fractie.id for s in chamber.swing]
    groups = [("voor", p.fractie) for p in chamber.positions if p.vote == "voor"]
    groups += [("swing", s.fractie) for s in chamber.swing]
    groups += [
        ("onbekend", p.fractie)
        for p in chamber.positions
        if p.vote == "onbekend" and p.fractie.id not in swing_ids
    ]
    groups += [("tegen", p.fractie) for p in chamber.positions if p.vote == "tegen"]
    return groups


def seat_marks(chamber: ChamberPlan) -> list[str]:
    """One mark per seat, left to right (see :func:`seat_groups`)."""
    return [mark for mark, fractie in seat_groups(chamber) for _ in range(fractie.zetels)]


def call_first(result: Plan) -> dict[str, list[tuple[Fractie, int]]]:
    """Per chamber kind, the swing fracties over all asks of the plan: ``(fractie, number of
    asks it is swing for)``, most asks first, then most seats (who to call first)."""
    found: dict[str, dict[str, list]] = {}
    for ask_plan in result.asks:
        for chamber in ask_plan.chambers:
            tally = found.setdefault(chamber.kamer.kind, {})
            for swing in chamber.swing:
                tally.setdefault(swing.fractie.id, [swing.fractie, 0])[1] += 1
    return {
        kind: sorted(((f, n) for f, n in tally.values()), key=lambda i: (-i[1], -i[0].zetels))
        for kind, tally in found.items()
    }


# --- For one fractie -------------------------------------------------------------------


def why(chamber: ChamberPlan, fractie_id: str) -> list[str]:
    """Dutch lines saying why a fractie is, or is not, swing for this ask in this chamber
    (``plan --fractie``)."""
    position = chamber.position(fractie_id)
    if position is None:
        return [f"heeft geen zetels in de {chamber.name}"]
    swing = chamber.swing_of(fractie_id)
    if swing is not None:
        return ["telt als swing"] + list(swing.reasons)
    fractie = position.fractie
    lines = [f"standpunt {_stance_label(position.stance)}; {zetels(fractie.zetels)}"]
    if chamber.outcome == "meerderheid":
        if fractie in chamber.pivotal:
            lines.append(
                f"onmisbaar: zonder {fractie.abbreviation} {chamber.voor} - "
                f"{fractie.zetels} = {chamber.voor - fractie.zetels}, minder dan "
                f"{chamber.needed}"
            )
        else:
            lines.append(
                f"er is al een meerderheid voor ({chamber.voor} van {chamber.seats}, {chamber.needed} nodig)"
            )
    elif chamber.outcome in ("staken", "onhaalbaar"):
        # The summary is a sentence; as one line of a list it loses its full stop.
        lines.append(chamber.summary[0].lower() + chamber.summary[1:].rstrip("."))
    elif position.vote == "voor":
        lines.append(f"telt al mee bij de {chamber.voor} stemmen voor")
    elif position.vote == "tegen":
        lines.append("telt als tegen; een ander standpunt verandert de optelling")
    else:
        others = [p.fractie for p in chamber.positions if p.vote == "onbekend" and p.fractie.id != fractie_id]
        rest = fewest(others, chamber.short - fractie.zetels)
        with_it = None if rest is None else rest + 1
        lines.append(
            f"niet in de kleinste combinaties ({chamber.set_size} fracties); met deze "
            f"{fractie.noun} erbij zijn er {with_it} nodig"
        )
    return lines


def seat_note(brief: Brief, fractie_id: str, ask_id: str, kamer: Kamer | None = None) -> str | None:
    """One Dutch sentence for the lobbyist (the prep sheet): what the fractie's seats do for
    a votable ask in ``kamer`` (default: the debate's own chamber), or ``None`` when the
    arithmetic says nothing about it (not a votable ask, the fractie not in a smallest swing
    set, or no fractie expected to vote for it). The *voor* seats rest on the brief's
    stances; the sentence says whose estimate they are, by the author's name."""
    ask = next((a for a in brief.meta.asks if a.id == ask_id), None)
    if ask is None or not ask.votable:
        return None
    chamber = chamber_plan(brief, ask, kamer or brief.kamer)
    swing = chamber.swing_of(fractie_id)
    if swing is None or chamber.voor == 0:
        return None
    fractie = swing.fractie
    others = [f for f in swing.best.fracties if f.id != fractie_id]
    also = ""
    if others:
        names = [f"{f.abbreviation} ({f.zetels})" for f in others]
        also = " en die van " + (names[0] if len(names) == 1 else ", ".join(names[:-1]) + " en " + names[-1])
    terms = [f"{chamber.voor} voor", str(fractie.zetels)] + [str(f.zetels) for f in others]
    voor = [p for p in chamber.positions if p.vote == "voor"]
    basis = (
        "volgens de bronnen bij hun standpunt" if all(p.stance.source for p in voor) else estimate_of(brief)
    )
    return (
        f"Met de {zetels(fractie.zetels)} van {fractie.abbreviation}{also} is er een "
        f"meerderheid voor {KIND_OBJECTS[ask.kind]} in de {chamber.name}: "
        f"{' + '.join(terms)} = {swing.best.total} van de {chamber.seats} "
        f"({chamber.needed} nodig; de {chamber.voor} voor: {basis})."
    )


# --- As data ---------------------------------------------------------------------------


def _stance_data(stance: Stance) -> dict:
    return {"stance": stance.stance, "source": stance.source, "estimate": stance.estimate}


def find_fractie(brief: Brief, name: str) -> Fractie:
    """The fractie ``name`` refers to in either chamber of the brief (the Tweede Kamer's
    first), matched as ``--fractie`` everywhere. Raises :class:`UsageError` with the closest
    match and the valid choices."""
    from debatbrief.base.suggest import closest, match_fractie, unknown_choice

    fracties: dict[str, Fractie] = {}
    for kamer in (brief.kamer, brief.eerste_kamer):
        for fractie in kamer.fracties if kamer else []:
            fracties.setdefault(fractie.id, fractie)
    found = match_fractie(name, [(f.id, f.abbreviation, f.name) for f in fracties.values()])
    if found is not None:
        return fracties[found]
    abbreviations = [f.abbreviation for f in fracties.values()]
    raise UsageError(unknown_choice("fractie", name, abbreviations, closest(name, abbreviations)))


def as_dict(result: Plan, fractie_id: str | None = None) -> dict:
    """The plan as JSON-ready data (``plan --format json``); with ``fractie_id``, each
    chamber also holds ``why``: the lines of :func:`why` for that fractie."""
    return {
        "brief": result.brief_id,
        "notes": list(result.notes),
        **({"fractie": fractie_id} if fractie_id else {}),
        "asks": [
            {
                "id": a.ask.id,
                "kind": a.ask.kind,
                "text": a.ask.text,
                "chambers": [_chamber_data(c, fractie_id) for c in a.chambers],
            }
            for a in result.asks
        ],
        "not_voted": [{"id": a.id, "kind": a.kind, "text": a.text} for a in result.unvoted],
    }


def _set_data(s: SwingSet) -> dict:
    """One set of fracties as data: their ids, the seats they bring, and the *voor* seats
    with them (``total``)."""
    return {"fracties": [f.id for f in s.fracties], "seats": s.seats, "total": s.total}


def _chamber_data(c: ChamberPlan, fractie_id: str | None) -> dict:
    """One chamber's count for one ask as data: the totals and outcome, each fractie's
    position, the smallest winning sets, the swing and pivotal fracties, and with
    ``fractie_id`` the ``why`` lines for that fractie."""
    return {
        "chamber": c.kamer.kind,
        "kamer": c.kamer.id,
        "date": c.kamer.date.isoformat(),
        "seats": c.seats,
        "needed": c.needed,
        "voor": c.voor,
        "tegen": c.tegen,
        "onbekend": c.onbekend,
        "outcome": c.outcome,
        "short": c.short,
        "summary": c.summary,
        "positions": [
            {
                "fractie": p.fractie.id,
                "abbreviation": p.fractie.abbreviation,
                "zetels": p.fractie.zetels,
                "vote": p.vote,
                **_stance_data(p.stance),
            }
            for p in c.positions
        ],
        "smallest_set_size": c.set_size,
        "smallest_set_count": c.set_count,
        "smallest_sets": [_set_data(s) for s in c.sets],
        "swing": [
            {
                "fractie": s.fractie.id,
                "zetels": s.fractie.zetels,
                "sets": s.sets,
                "best": _set_data(s.best),
                "without": s.without,
                "reasons": list(s.reasons),
            }
            for s in c.swing
        ],
        "pivotal": [f.id for f in c.pivotal],
        **({"why": why(c, fractie_id)} if fractie_id else {}),
    }


def plain_text(text: str) -> str:
    """Brief prose without its citations and Markdown emphasis (for the terminal and the
    PDF's short ask texts)."""
    text = re.sub(r"\s+([.,;:?!])", r"\1", CITATION_RE.sub("", text))
    return re.sub(r"(?<!\w)[*_]+|[*_]+(?!\w)", "", " ".join(text.split())).strip()


def outcome_word(chamber: ChamberPlan) -> str:
    """The outcome in a few words, for the overview and the PDF."""
    if chamber.outcome == "meerderheid":
        return f"meerderheid ({chamber.voor})"
    if chamber.outcome == "open":
        return f"nog {chamber.short} nodig"
    if chamber.outcome == "staken":
        return "staken"
    return f"onhaalbaar ({chamber.voor + chamber.onbekend})"
