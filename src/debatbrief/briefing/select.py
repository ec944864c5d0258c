"""Choose and order what goes into one fractie's briefing.

A pure, deterministic function of the brief and the options: no I/O, no clock, no
randomness. Every choice carries its score and the reasons that produced it, so
``debatbrief explain`` can show exactly why the paper says what it says.

Scoring (all integers, so ties are exact and broken by the order in the brief):

* an angle scores the fractie's weight for its value (0..3; 1 for every value when the
  brief has no profile for the fractie);
* an argument scores ``weight + 2 * best angle + 2 if the fractie has a record on its
  topic``;
* a topic scores its best argument; topics appear best first, arguments within a topic
  best first;
* a topic the fractie's profile names under ``emphasis`` always has its best argument
  among the detailed ones, and comes first on paper (the assessment promises it);
* a kernboodschap message or an ask scores three times the fractie's highest weight among
  its values plus the other weights, plus 2 for a topic the fractie has a record on (so
  a message aimed at what the fractie cares most about beats one that touches much
  lightly); a message the fractie's stance contradicts (it raises or agrees with a claim
  the message answers, or opposes an ask the message argues for) is never chosen, however
  well it scores.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from debatbrief.base.errors import UsageError
from debatbrief.brief.models import (
    STANCE_WORDS,
    Angle,
    Argument,
    Ask,
    Brief,
    Card,
    Fractie,
    Message,
    Profile,
    RecordItem,
    Role,
    Stance,
)

Length = Literal["full", "short"]

#: How much each length holds. ``detailed`` arguments get their reasoning on paper; the
#: rest of the selected topics' arguments appear in brief ("ook van belang").
LIMITS: dict[str, dict[str, int]] = {
    "full": {"detailed": 4, "brief": 6, "messages": 3, "asks": 3, "cards": 2},
    "short": {"detailed": 3, "brief": 0, "messages": 3, "asks": 3, "cards": 0},
}
RECORD_BONUS = 2

#: The most pages each length may take (DESIGN.md: a one-page handout, a full briefing
#: of at most three pages). Concept-moties come on top, one page each.
PAGE_LIMITS = {"full": 3, "short": 1}
#: The most record items (sourced facts about the fractie) printed in one place: beside
#: an argument, or in the profile table. The rest is left out, and ``explain`` says so.
RECORD_LIMITS: dict[str, int] = {"full": 3, "short": 1}


#: How an ask is worded for a fractie: to one that governs or forms the government
#: (asked to commit, to put it in the agreement) or to one in opposition (asked to ask,
#: to table or to support a motion). A fractie only in a caretaker cabinet is addressed
#: as opposition: the debate is about what the next government will do.
Address = Literal["governing", "opposition"]
GOVERNING_ROLES = frozenset({"kabinet", "formerend", "gedoogsteun"})


@dataclass(frozen=True)
class Scored:
    """An item with its score and the reasons (Dutch, for ``explain``) behind the score."""

    score: int
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class ChosenArgument:
    """An argument as it will appear: with the angle picked for this fractie."""

    argument: Argument
    angle: Angle
    scored: Scored
    detailed: bool
    hooks: tuple[RecordItem, ...] = ()


@dataclass(frozen=True)
class Section:
    """One topic of the briefing with its arguments in paper order."""

    topic_id: str
    title: str
    arguments: tuple[ChosenArgument, ...]


#: How a card is put to a fractie, from its stance on the card's claim: its own claim
#: answered ("own": raises or agrees), a claim it will hear and can answer ("ally":
#: opposes), or a claim others make whose answer it may want ("neutral": unknown).
Framing = Literal["own", "ally", "neutral"]
FRAMINGS: dict[str, Framing] = {"raises": "own", "agrees": "own", "opposes": "ally", "unknown": "neutral"}


@dataclass(frozen=True)
class ChosenCard:
    """A rebuttal card as this fractie gets it: its stance on the claim, the framing that
    follows from it, and who else is expected to raise the claim (abbreviations):
    ``raised_by`` all of them, estimates included (for the prep sheet and ``explain``),
    ``named_by`` only those whose stance a source shows (what the MP's page may name)."""

    card: Card
    scored: Scored
    stance: Stance
    framing: Framing
    raised_by: tuple[str, ...]
    named_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class ChosenAsk:
    """An ask as this fractie gets it, with the fractie's own stance on it."""

    ask: Ask
    scored: Scored
    stance: Stance


@dataclass(frozen=True)
class LeftOut:
    """Something the brief holds that this briefing does not show, and why."""

    kind: str
    id: str
    reason: str


@dataclass(frozen=True)
class Addressee:
    """Whom in the fractie the briefing is for, as the first line of page 1 names them.

    ``name`` is the person (``None`` when no source names one); ``title`` their title as it
    reads after the name ("fractievoorzitter", "woordvoerder asiel en migratie");
    ``missing`` is true for a committee debate whose woordvoerder the Kamer file does not
    name: the briefing is then addressed by title alone ("t.a.v. de woordvoerder ...")
    and ``check`` warns (B911), never a guessed name.
    """

    name: str | None
    title: str
    missing: bool = False


def addressee_for(brief: Brief, fractie: Fractie) -> Addressee | None:
    """Whom in ``fractie`` the briefing addresses (``None``: the fractie only).

    A plenary debate: the fractievoorzitter, when the Kamer file confirms the name. A
    commissiedebat or wetgevingsoverleg (``debate.kind``): the fractie's woordvoerder of
    ``debate.portfolio`` with a source in the Kamer file, else the woordvoerder by title.
    """
    debate = brief.meta.debate
    if not debate.for_woordvoerders:
        if fractie.fractievoorzitter and not fractie.fractievoorzitter_unconfirmed:
            return Addressee(fractie.fractievoorzitter, fractie.chair_title)
        return None
    portfolio = debate.portfolio
    label = brief.kamer.portfolios.get(portfolio, portfolio) if portfolio else None
    title = f"woordvoerder {label}" if label else "woordvoerder"
    found = fractie.woordvoerder(portfolio)
    if found is None:
        return Addressee(None, title, missing=True)
    return Addressee(found.name, title)


@dataclass(frozen=True)
class Selection:
    """Everything one briefing shows, in paper order.

    ``roles`` are the fractie's roles in the Kamer on the debate's date, which decide how
    the asks are worded (``address``); ``subject`` its stance on the debate's subject,
    which decides the ``intro``. ``asks`` leaves out every ask the fractie is expected to
    oppose (see :func:`_asks`). ``record`` holds the record
    items printed in the profile table (those on topics no argument carries as its hook),
    at most :data:`RECORD_LIMITS` of them.
    """

    fractie: Fractie
    profile: Profile | None
    length: Length
    topics: tuple[str, ...]
    roles: tuple[Role, ...]
    subject: Stance
    intro: str | None
    sections: tuple[Section, ...]
    messages: tuple[tuple[Message, Scored], ...]
    address: Address
    asks: tuple[ChosenAsk, ...]
    cards: tuple[ChosenCard, ...]
    left_out: tuple[LeftOut, ...] = field(default=())
    record: tuple[RecordItem, ...] = ()
    addressee: Addressee | None = None

    @property
    def motions(self) -> tuple[ChosenAsk, ...]:
        """The chosen asks with a concept-motie that this fractie is expected to support:
        each gets the motion as a page of its own after the full briefing."""
        return tuple(
            c for c in self.asks if c.ask.motion is not None and c.stance.stance in ("agrees", "raises")
        )

    @property
    def hooked_topics(self) -> set[str]:
        """Topics whose record items are printed beside an argument (not in the profile)."""
        return {s.topic_id for s in self.sections for c in s.arguments if c.hooks}

    @property
    def order(self) -> list[tuple[str, str]]:
        """``(argument id, angle value)`` pairs in the order they appear on paper."""
        return [(c.argument.id, c.angle.value) for s in self.sections for c in s.arguments]


def find_fractie(brief: Brief, name: str) -> Fractie:
    """The fractie ``name`` refers to: its id, abbreviation or full name, in any case and
    spacing (see :func:`debatbrief.base.suggest.match_fractie`).

    Raises :class:`UsageError` naming the closest match and the valid choices.
    """
    from debatbrief.base.suggest import closest, match_fractie, unknown_choice

    found = match_fractie(name, [(f.id, f.abbreviation, f.name) for f in brief.kamer.fracties])
    if found is not None:
        return brief.kamer.fractie(found)
    abbreviations = [f.abbreviation for f in brief.kamer.fracties]
    by_name = {f.name: f.abbreviation for f in brief.kamer.fracties}
    guess = closest(name, abbreviations) or by_name.get(closest(name, list(by_name)) or "")
    raise UsageError(unknown_choice("fractie", name, abbreviations, guess))


def check_topics(brief: Brief, topics: list[str] | None) -> tuple[str, ...]:
    """The topic ids asked for, validated (all topics when ``None`` or empty).

    Matching is case-insensitive on id and title. Raises :class:`UsageError` for an
    unknown topic, with the closest match and the valid ids.
    """
    ids = [t.id for t in brief.meta.topics]
    if not topics:
        return tuple(ids)
    chosen: list[str] = []
    for wanted in topics:
        key = wanted.strip().casefold()
        match = next((t.id for t in brief.meta.topics if key in (t.id.casefold(), t.title.casefold())), None)
        if match is None:
            from debatbrief.base.suggest import unknown_choice

            raise UsageError(unknown_choice("onderwerp", wanted, ids))
        if match not in chosen:
            chosen.append(match)
    return tuple(chosen)


def address_for(roles: tuple[Role, ...]) -> Address:
    """``governing`` when the fractie governs, forms or supports the government."""
    return "governing" if GOVERNING_ROLES.intersection(roles) else "opposition"


@dataclass
class _Scorer:
    """The fractie's weights and record, and the scoring rules of this module."""

    brief: Brief
    profile: Profile | None
    topic_ids: tuple[str, ...]
    weights: dict[str, int] = field(init=False)
    profiled: bool = field(init=False)
    record_topics: set[str] = field(init=False)

    def __post_init__(self) -> None:
        if self.profile is None:
            self.weights, self.profiled = {v.id: 1 for v in self.brief.meta.values}, False
        else:
            self.weights, self.profiled = dict(self.profile.values), True
        self.record_topics = {i.topic for i in self.profile.record} if self.profile else set()

    def value_reason(self, value: str, factor: int = 1) -> str:
        times = f"{factor}×" if factor != 1 else ""
        return f"{times}{value} {self.weights.get(value, 0)}" + ("" if self.profiled else " (geen profiel)")

    def argument(self, argument: Argument) -> tuple[Angle, Scored]:
        """The best angle of an argument for this fractie, and the argument's score."""
        angle = max(argument.angles, key=lambda a: self.weights.get(a.value, 0))
        score = argument.weight + 2 * self.weights.get(angle.value, 0)
        reasons = [f"gewicht {argument.weight}", self.value_reason(angle.value, 2)]
        if argument.topic in self.record_topics:
            score += RECORD_BONUS
            reasons.append(f"stemgedrag +{RECORD_BONUS}")
        if self.profile and argument.topic in self.profile.emphasis:
            reasons.append("nadruk volgens het profiel")
        return angle, Scored(score, tuple(reasons))

    def tagged(self, values: list[str], topics: list[str]) -> Scored:
        """The score of a message or an ask (see the module's docstring)."""
        lead = max(values, key=lambda v: self.weights.get(v, 0))
        total = 3 * self.weights.get(lead, 0) + sum(self.weights.get(v, 0) for v in values if v != lead)
        reasons = [self.value_reason(lead, 3)] + [self.value_reason(v) for v in values if v != lead]
        if self.record_topics.intersection(topics):
            total += RECORD_BONUS
            reasons.append(f"stemgedrag +{RECORD_BONUS}")
        return Scored(total, tuple(reasons))

    def relevant(self, topics: list[str]) -> bool:
        return not topics or bool(set(topics) & set(self.topic_ids))


def select(
    brief: Brief,
    fractie_name: str,
    topics: list[str] | None = None,
    length: Length = "full",
    limits: dict[str, int] | None = None,
) -> Selection:
    """Choose and order the contents of one briefing.

    ``fractie_name`` is matched as in :func:`find_fractie`; ``topics`` limits the briefing
    to those topic ids (in the brief's vocabulary); ``limits`` overrides some of
    :data:`LIMITS` for this length (see :func:`debatbrief.briefing.fit.fitted`). Raises
    :class:`UsageError` for an unknown fractie or topic or length.
    """
    if length not in LIMITS:
        raise UsageError(f"Onbekende lengte '{length}'. Kies uit: full, short.")
    fractie = find_fractie(brief, fractie_name)
    topic_ids = check_topics(brief, topics)
    profile = brief.profile(fractie.id)
    scorer = _Scorer(brief, profile, topic_ids)
    left_out: list[LeftOut] = []
    caps = {**LIMITS[length], **(limits or {})}
    ranked, detailed_ids, shown_ids = _rank_arguments(brief, scorer, length, caps, left_out)
    sections, topic_best = _sections(brief, scorer, ranked, detailed_ids, shown_ids, length)
    if length == "short":
        sections = _trim_handout(sections, left_out)
    record = _record_in_profile(profile, sections, length, left_out)
    roles = brief.kamer.roles(fractie.id)
    address = address_for(roles)
    subject = brief.subject_stance(fractie.id)
    return Selection(
        fractie=fractie,
        profile=profile,
        length=length,
        topics=topic_ids,
        roles=roles,
        subject=subject,
        intro=brief.meta.intro.for_stance(subject.stance),
        sections=tuple(sections),
        messages=_messages(brief, scorer, fractie, caps, left_out),
        address=address,
        asks=_asks(brief, scorer, fractie, address, caps, left_out),
        cards=_cards(brief, fractie, [s.topic_id for s in sections], topic_best, caps, left_out),
        left_out=tuple(left_out),
        record=record,
        addressee=addressee_for(brief, fractie),
    )


def _rank_arguments(
    brief: Brief, scorer: _Scorer, length: Length, caps: dict[str, int], left_out: list[LeftOut]
):
    """Every argument of the chosen topics scored and ranked (detailed ones first), the ids
    of the detailed arguments and of all shown ones; the rest goes to ``left_out``.

    The detailed ones are first the best argument of each topic the profile promises to
    stress, then the rest by score (stable: the brief's order breaks ties)."""
    limits = caps
    scored_args: list[tuple[Argument, Angle, Scored]] = []
    for argument in brief.arguments:
        if argument.topic not in scorer.topic_ids:
            left_out.append(LeftOut("argument", argument.id, "onderwerp niet gekozen (--topic)"))
            continue
        scored_args.append((argument, *scorer.argument(argument)))
    ranked = sorted(scored_args, key=lambda item: -item[2].score)
    emphasis = [t for t in (scorer.profile.emphasis if scorer.profile else []) if t in scorer.topic_ids]
    promised = [
        next(a.id for a, _, _ in ranked if a.topic == t)
        for t in emphasis
        if any(a.topic == t for a, _, _ in ranked)
    ]
    detailed_ids = set(promised[: limits["detailed"]])
    for argument, _, _ in ranked:
        if len(detailed_ids) >= limits["detailed"]:
            break
        detailed_ids.add(argument.id)
    ranked.sort(key=lambda item: (item[0].id not in detailed_ids, -item[2].score))
    shown_ids = set(detailed_ids) | {a.id for a, _, _ in ranked[limits["detailed"] :][: limits["brief"]]}
    room = "de handout van één pagina" if length == "short" else f"{PAGE_LIMITS[length]} pagina's"
    for argument, _, scored in ranked:
        if argument.id not in shown_ids:
            left_out.append(
                LeftOut(
                    "argument",
                    argument.id,
                    f"score {scored.score}; past niet binnen {room} (wel met --topic {argument.topic})",
                )
            )
    return ranked, detailed_ids, shown_ids


def _sections(
    brief: Brief, scorer: _Scorer, ranked, detailed_ids: set[str], shown_ids: set[str], length: Length
) -> tuple[list[Section], dict[str, int]]:
    """The shown arguments grouped by topic, in paper order (emphasised topics first, then
    by their best score), and each topic's best score. The fractie's record on a topic
    goes beside the topic's first argument."""
    topic_ids = scorer.topic_ids
    emphasis = [t for t in (scorer.profile.emphasis if scorer.profile else []) if t in topic_ids]
    topic_best: dict[str, int] = {}
    for argument, _, scored in ranked:
        if argument.id in shown_ids:
            topic_best[argument.topic] = max(topic_best.get(argument.topic, -1), scored.score)
    topic_order = sorted(
        (t for t in topic_ids if t in topic_best),
        key=lambda t: (t not in emphasis, -topic_best[t], topic_ids.index(t)),
    )
    hooks_by_topic: dict[str, list[RecordItem]] = {}
    for item in scorer.profile.record if scorer.profile else []:
        hooks_by_topic.setdefault(item.topic, []).append(item)
    record_limit = RECORD_LIMITS[length]
    sections: list[Section] = []
    for topic_id in topic_order:
        chosen = [item for item in ranked if item[0].topic == topic_id and item[0].id in shown_ids]
        chosen.sort(key=lambda item: (item[0].id not in detailed_ids, -item[2].score))
        arguments = tuple(
            ChosenArgument(
                argument,
                angle,
                scored,
                argument.id in detailed_ids,
                tuple(hooks_by_topic.get(topic_id, ())[:record_limit]) if i == 0 else (),
            )
            for i, (argument, angle, scored) in enumerate(chosen)
        )
        sections.append(Section(topic_id, brief.topic(topic_id).title, arguments))
    return sections, topic_best


def _trim_handout(sections: list[Section], left_out: list[LeftOut]) -> list[Section]:
    """A handout shows only the detailed points, and the fractie's own record once, at the
    first point that has one (see RECORD_LIMITS): the one page has no room for more."""
    sections = [Section(s.topic_id, s.title, tuple(c for c in s.arguments if c.detailed)) for s in sections]
    seen_hook = False
    trimmed = []
    for section in (s for s in sections if s.arguments):
        kept = []
        for chosen in section.arguments:
            if chosen.hooks and seen_hook:
                for item in chosen.hooks:
                    left_out.append(
                        LeftOut("stemgedrag", item.topic, "de handout drukt het eigen stemgedrag één keer af")
                    )
                chosen = ChosenArgument(chosen.argument, chosen.angle, chosen.scored, chosen.detailed, ())
            seen_hook = seen_hook or bool(chosen.hooks)
            kept.append(chosen)
        trimmed.append(Section(section.topic_id, section.title, tuple(kept)))
    return trimmed


def _messages(
    brief: Brief, scorer: _Scorer, fractie: Fractie, caps: dict[str, int], left_out: list[LeftOut]
) -> tuple[tuple[Message, Scored], ...]:
    """The kernboodschap: the best-scoring messages on the chosen topics, except those the
    fractie's stance contradicts (see :func:`_message_refusal`)."""
    limit = caps["messages"]
    candidates = []
    for message in brief.meta.messages:
        if not scorer.relevant(message.topics):
            continue
        refusal = _message_refusal(brief, fractie, message)
        if refusal:
            left_out.append(LeftOut("kernboodschap", message.id, refusal))
            continue
        candidates.append((message, scorer.tagged(message.values, message.topics)))
    messages = sorted(candidates, key=lambda item: -item[1].score)
    for message, scored in messages[limit:]:
        left_out.append(
            LeftOut(
                "kernboodschap", message.id, f"score {scored.score}; drie boodschappen met een hogere score"
            )
        )
    return tuple(messages[:limit])


def _basis(stance: Stance) -> str:
    return f"bron: {stance.source}" if stance.source else "inschatting"


def _message_refusal(brief: Brief, fractie: Fractie, message: Message) -> str | None:
    """Why a message is not given to this fractie (Dutch, for ``explain``), or ``None``:
    it contradicts a claim the fractie raises or agrees with (``answers``), or argues for
    an ask the fractie opposes (``asks``). A message is chosen by value weight, and a
    value the fractie shares does not make it share a message its stance rejects."""
    for card_id in message.answers:
        stance = brief.claim_stance(fractie.id, card_id)
        if stance.stance in ("raises", "agrees"):
            how = (
                "brengt naar verwachting zelf"
                if stance.stance == "raises"
                else "is het naar verwachting eens met"
            )
            return f"spreekt de claim '{card_id}' tegen; de fractie {how} die claim ({_basis(stance)})"
    for ask_id in message.asks:
        stance = brief.ask_stance(fractie.id, ask_id)
        if stance.stance == "opposes":
            return f"pleit voor '{ask_id}'; de fractie is daar naar verwachting tegen ({_basis(stance)})"
    return None


def _ask_refusal(ask: Ask, stance: Stance, address: Address) -> str | None:
    """Why an ask is not put to this fractie (Dutch, for ``explain``), or ``None``."""
    if stance.stance == "opposes":
        basis = f"bron: {stance.source}" if stance.source else "inschatting"
        return f"de fractie is naar verwachting tegen dit punt ({basis})"
    if ask.kind == "question" and address == "governing":
        return (
            "een vraag die de oppositie stelt; deze fractie regeert of formeert en "
            "krijgt toezeggingen, geen vragen aan zichzelf"
        )
    return None


def _asks(
    brief: Brief,
    scorer: _Scorer,
    fractie: Fractie,
    address: Address,
    caps: dict[str, int],
    left_out: list[LeftOut],
) -> tuple[ChosenAsk, ...]:
    """The asks this fractie can act on, best first: every ask on the chosen topics
    (and written for it), except those it is expected to oppose and, for a governing or
    forming fractie, questions (which the opposition puts to it)."""
    limit = caps["asks"]
    candidates: list[ChosenAsk] = []
    for ask in brief.meta.asks:
        if not scorer.relevant(ask.topics) or (ask.fracties and fractie.id not in ask.fracties):
            continue
        stance = brief.ask_stance(fractie.id, ask.id)
        refusal = _ask_refusal(ask, stance, address)
        if refusal:
            left_out.append(LeftOut("vraag", ask.id, refusal))
            continue
        candidates.append(ChosenAsk(ask, scorer.tagged(ask.values, ask.topics), stance))
    # Asks the fractie is known to support come before those it has no stance on, and among
    # those a concept-motie it can table first: the one ask that ends in a vote.
    candidates.sort(key=lambda c: (c.stance.stance == "unknown", c.ask.motion is None, -c.scored.score))
    for chosen in candidates[limit:]:
        left_out.append(
            LeftOut("vraag", chosen.ask.id, f"score {chosen.scored.score}; ten hoogste {limit} vragen")
        )
    return tuple(candidates[:limit])


def _cards(
    brief: Brief,
    fractie: Fractie,
    topic_order: list[str],
    topic_best: dict[str, int],
    caps: dict[str, int],
    left_out: list[LeftOut],
) -> tuple[ChosenCard, ...]:
    """The rebuttal cards on the shown topics, framed by the fractie's stance on each
    claim; a claim nobody is expected to raise is left out."""
    topic_rank = {t: i for i, t in enumerate(topic_order)}
    abbreviation = {f.id: f.abbreviation for f in brief.kamer.fracties}
    cards: list[ChosenCard] = []
    for card in brief.cards:
        if card.topic not in topic_rank:
            continue
        stance = brief.claim_stance(fractie.id, card.id)
        framing = FRAMINGS[stance.stance]
        raisers = [f for f in brief.raisers(card.id) if f != fractie.id]
        others = tuple(abbreviation[f] for f in raisers)
        named = tuple(abbreviation[f] for f in raisers if brief.claim_stance(f, card.id).source)
        if framing != "own" and not others:
            left_out.append(LeftOut("kaart", card.id, "niemand brengt deze claim naar verwachting in"))
            continue
        basis = f"bron: {stance.source}" if stance.source else "inschatting"
        cards.append(
            ChosenCard(
                card,
                Scored(
                    topic_best.get(card.topic, 0),
                    (
                        f"onderwerp {card.topic} {topic_best.get(card.topic, 0)}",
                        f"uw standpunt: {STANCE_WORDS[stance.stance]} ({basis})",
                        "claim van " + (", ".join(others) or "uw fractie"),
                    ),
                ),
                stance,
                framing,
                others,
                named,
            )
        )
    cards.sort(key=lambda item: (topic_rank[item.card.topic], -item.scored.score))
    limit = caps["cards"]
    for chosen in cards[limit:]:
        left_out.append(LeftOut("kaart", chosen.card.id, "geen ruimte; zie 'debatbrief cards'"))
    return tuple(cards[:limit])


def _record_in_profile(
    profile: Profile | None, sections: list[Section], length: Length, left_out: list[LeftOut]
) -> tuple[RecordItem, ...]:
    """The record items for the profile table (full briefing only, at most the limit);
    every item printed nowhere is added to ``left_out`` as ``<topic> #<n>`` (its place in
    the profile's record, from 1)."""
    if profile is None:
        return ()
    limit = RECORD_LIMITS[length]
    hooked = {id(item) for s in sections for c in s.arguments for item in c.hooks}
    hooked_topics = {s.topic_id for s in sections for c in s.arguments if c.hooks}
    shown: list[RecordItem] = []
    for number, item in enumerate(profile.record, start=1):
        if id(item) in hooked:
            continue
        if item.topic in hooked_topics:
            why = f"ten hoogste {limit} feiten uit het stemgedrag bij één punt"
        elif length == "short":
            why = "de handout drukt geen stemgedrag in het profiel af"
        elif len(shown) >= limit:
            why = f"ten hoogste {limit} feiten uit het stemgedrag in het profiel"
        else:
            shown.append(item)
            continue
        left_out.append(LeftOut("stemgedrag", f"{item.topic} #{number}", why))
    return tuple(shown)


def _stance_data(stance: Stance) -> dict:
    return {"stance": stance.stance, "source": stance.source, "estimate": stance.estimate}


def explanation(selection: Selection) -> dict:
    """The selection as plain data (``explain --format json``): roles and the stance on the
    subject, the paper order with angle, score and reasons, the chosen messages, asks and
    cards with the stance behind each, and what was left out."""

    def scored(items):
        return [{"id": item.id, "score": sc.score, "reasons": list(sc.reasons)} for item, sc in items]

    return {
        "fractie": selection.fractie.id,
        "roles": list(selection.roles),
        "subject": _stance_data(selection.subject),
        "length": selection.length,
        "arguments": [
            {
                "id": c.argument.id,
                "topic": s.topic_id,
                "angle": c.angle.value,
                "detailed": c.detailed,
                "score": c.scored.score,
                "reasons": list(c.scored.reasons),
                "record": [h.text for h in c.hooks],
            }
            for s in selection.sections
            for c in s.arguments
        ],
        "messages": scored(selection.messages),
        "address": selection.address,
        "addressee": (
            None
            if selection.addressee is None
            else {
                "name": selection.addressee.name,
                "title": selection.addressee.title,
                "missing": selection.addressee.missing,
            }
        ),
        "asks": [
            {
                "id": a.ask.id,
                "score": a.scored.score,
                "reasons": list(a.scored.reasons),
                **_stance_data(a.stance),
            }
            for a in selection.asks
        ],
        "cards": [
            {
                "id": c.card.id,
                "score": c.scored.score,
                "reasons": list(c.scored.reasons),
                "framing": c.framing,
                "raised_by": list(c.raised_by),
                **_stance_data(c.stance),
            }
            for c in selection.cards
        ],
        "left_out": [{"kind": x.kind, "id": x.id, "reason": x.reason} for x in selection.left_out],
    }


def emphasis_problems(brief: Brief) -> list[tuple[int, str]]:
    """Profiles whose promised emphasis the full briefing does not keep.

    Returns ``(profile index, Dutch message)`` for each emphasised topic that has no
    detailed argument in that fractie's full briefing (more topics than detailed places,
    or a topic without arguments)."""
    found = []
    for index, profile in enumerate(brief.profiles):
        if not profile.emphasis or profile.fractie not in {f.id for f in brief.kamer.fracties}:
            continue
        selection = select(brief, profile.fractie)
        detailed = {s.topic_id for s in selection.sections for c in s.arguments if c.detailed}
        for topic in profile.emphasis:
            if topic not in detailed:
                found.append(
                    (
                        index,
                        f"het profiel van {selection.fractie.abbreviation} belooft "
                        f"nadruk op '{topic}', maar de briefing toont daar geen "
                        f"uitgewerkt argument (ten hoogste "
                        f"{LIMITS['full']['detailed']} onderwerpen met nadruk, "
                        f"elk met een argument)",
                    )
                )
    return found
