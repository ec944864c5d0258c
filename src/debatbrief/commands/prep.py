"""``debatbrief prep``: the lobbyist's INTERN sheet per fractie.

Everything the MP's briefing leaves out because it is not for the MP's eyes lands here: the
fractie's role, its stance on the debate's subject, on each claim and on each ask (each with
the source that shows it, or labelled as the author's estimate), the author's assessment and
notes, its record, what its seats do for each votable ask, whom to call first, the claims it
will raise with the card for each, and the asks its briefing leaves out.

:func:`prep` returns plain data (dataclasses of strings and numbers, ready for JSON);
:func:`make_prep_pdf` writes it as a PDF with "INTERN" on every page. The terminal view is
:mod:`debatbrief.cli.prepview`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from debatbrief.brief.models import Ask, Brief, Fractie, Kamer, Stance
    from debatbrief.commands.workspace import Workspace

#: How a stance reads on the sheet, for the debate's subject, a claim and an ask.
SUBJECT_WORDS = {
    "raises": "partij achter",
    "agrees": "voor",
    "opposes": "tegen",
    "unknown": "nog onbekend over",
}
CLAIM_WORDS = {"raises": "brengt dit in", "agrees": "eens", "opposes": "tegen", "unknown": "onbekend"}
ASK_WORDS = {"raises": "steunt het", "agrees": "eens", "opposes": "tegen", "unknown": "onbekend"}
#: Roles as the sheet names them.
ROLE_WORDS = {
    "formerend": "formerende partij",
    "kabinet": "regeringspartij",
    "demissionair kabinet": "partij in het demissionaire kabinet",
    "gedoogsteun": "gedoogpartij",
    "oppositie": "oppositie",
}


@dataclass(frozen=True)
class StanceLine:
    """A stance as the sheet prints it: the Dutch ``word``, the data's ``stance``, and its
    ``basis``: the source's short reference and date, or "inschatting van <author>"."""

    stance: str
    word: str
    basis: str
    source: str | None


@dataclass(frozen=True)
class AskLine:
    """One ask for this fractie: its stance, whether the MP's briefing shows it (and why
    not), and for a votable ask what the fractie's seats do, one line per chamber."""

    id: str
    kind: str
    kind_word: str
    text: str
    votable: bool
    stance: StanceLine
    in_briefing: bool
    left_out: str | None
    seats: tuple[str, ...]


@dataclass(frozen=True)
class ClaimLine:
    """One card's claim and this fractie's stance on it; ``say`` is the card's one-liner."""

    card: str
    topic: str
    claim: str
    say: str
    stance: StanceLine


@dataclass(frozen=True)
class FractiePrep:
    """The sheet of one fractie (see the module's description). ``messages`` and ``cards``
    are what its full briefing leads with and the card ids it prints (what the MP reads);
    ``profiled`` is false when profiles.yaml has nothing on it."""

    id: str
    abbreviation: str
    name: str
    zetels: int
    seats: int
    senate_zetels: int | None
    fractievoorzitter: str | None
    roles: tuple[str, ...]
    subject: StanceLine
    assessment: str | None
    notes: str | None
    record: tuple[str, ...]
    asks: tuple[AskLine, ...]
    claims: tuple[ClaimLine, ...]
    swing: str | None
    messages: tuple[str, ...] = ()
    cards: tuple[str, ...] = ()
    profiled: bool = True
    #: "fractie", or "groep" for members without fractie status (printed as such).
    noun: str = "fractie"
    #: The label of ``fractievoorzitter``'s row ("Fractievoorzitter", "Voorzitter van de
    #: groep").
    chair_label: str = "Fractievoorzitter"
    #: In a committee debate, whom its briefing addresses: ``(label, who)``, e.g.
    #: ``("Woordvoerder asiel en migratie", "Karin Voorbeeld (bron, 2 mei 2024)")``, or a
    #: line saying no source names one (``None`` in a plenary debate).
    woordvoerder: tuple[str, str] | None = None

    @property
    def raises(self) -> tuple[ClaimLine, ...]:
        """The claims it is expected to raise itself."""
        return tuple(c for c in self.claims if c.stance.stance == "raises")

    @property
    def other_claims(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """The claims it does not raise, as ``(label, card ids)``: "Eens met (bron)", "Eens
        met (inschatting)", "Tegen (bron)", "Tegen (inschatting)", "Onbekend"; empty groups
        left out."""
        groups = []
        for stance, word in (("agrees", "Eens met"), ("opposes", "Tegen")):
            for sourced, basis in ((True, "bron"), (False, "inschatting")):
                ids = tuple(
                    c.card
                    for c in self.claims
                    if c.stance.stance == stance and bool(c.stance.source) == sourced
                )
                if ids:
                    groups.append((f"{word} ({basis})", ids))
        unknown = tuple(c.card for c in self.claims if c.stance.stance == "unknown")
        return tuple(groups) + ((("Onbekend", unknown),) if unknown else ())

    @property
    def opposed_asks(self) -> tuple[AskLine, ...]:
        """The asks its briefing leaves out while it is expected to oppose them."""
        return tuple(a for a in self.asks if a.stance.stance == "opposes" and not a.in_briefing)


@dataclass(frozen=True)
class Prep:
    """The prep sheets of one run: the brief, the day's whom-to-call-first lines (over the
    votable asks), and one sheet per fractie."""

    brief: str
    title: str
    debate: str
    date: str
    subject: str
    author: str
    calls: tuple[str, ...]
    fracties: tuple[FractiePrep, ...]

    def as_dict(self) -> dict:
        """The sheets as JSON-ready data."""
        return asdict(self)


def prep(brief: Brief, fracties: list[str] | None = None, kamer: str | None = None) -> Prep:
    """The prep sheets of ``brief`` for ``fracties`` (names as ``--fractie`` takes them;
    ``None``: every fractie of the Tweede Kamer, in the Kamer's order), with seat counts in
    the chambers ``kamer`` chooses (as ``plan --kamer``; ``None``: the debate's own).
    Raises :class:`UsageError` for an unknown fractie or chamber."""
    from debatbrief.brief.cite import format_date
    from debatbrief.briefing.select import find_fractie
    from debatbrief.plan.seats import Plan, author_name, chamber_kamers, plan

    chosen = [find_fractie(brief, name) for name in fracties] if fracties else list(brief.kamer.fracties)
    kamers, _ = chamber_kamers(brief, kamer)
    counted = plan(brief, kamer=kamer) if brief.meta.asks else Plan(brief.id, ())
    unique = list({f.id: f for f in chosen}.values())
    return Prep(
        brief.id,
        brief.meta.title,
        brief.meta.debate.title,
        format_date(brief.meta.debate.date, "full", brief.meta.language),
        brief.meta.debate.subject,
        author_name(brief),
        call_lines(counted),
        tuple(fractie_prep(brief, f, kamers, counted) for f in unique),
    )


def call_lines(counted) -> tuple[str, ...]:
    """``"Tweede Kamer: NSC (swing bij 2 van de 3 punten), VVD (1), BBB (1)."``: the
    fracties to call first per counted chamber (at most three), or one line saying that no
    ask is put to a vote."""
    from debatbrief.brief.models import CHAMBER_NAMES
    from debatbrief.plan.seats import call_first

    if not counted.asks:
        return ("Geen motie, amendement of stemming in de brief: geen zeteltelling.",)
    total = len(counted.asks)
    lines = []
    for kind, ranked in call_first(counted).items():
        if not ranked:
            lines.append(f"{CHAMBER_NAMES[kind]}: geen swing-fractie.")
            continue
        (top, count), rest = ranked[0], ranked[1:3]
        names = [
            f"{top.abbreviation} (swing bij {count} van de {total} {'punt' if total == 1 else 'punten'})"
        ]
        lines.append(
            f"{CHAMBER_NAMES[kind]}: {', '.join(names + [f'{f.abbreviation} ({n})' for f, n in rest])}."
        )
    return tuple(lines)


def fractie_prep(brief: Brief, fractie: Fractie, kamers: list[Kamer], counted) -> FractiePrep:
    """The sheet of one fractie (``counted``: the plan of the votable asks)."""
    from debatbrief.briefing.select import select

    selection = select(brief, fractie.id)
    profile = brief.profile(fractie.id)
    senate = brief.eerste_kamer
    in_senate = senate is not None and any(f.id == fractie.id for f in senate.fracties)
    swing = [a.ask.id for a in counted.asks for c in a.chambers if c.swing_of(fractie.id)]
    return FractiePrep(
        fractie.id,
        fractie.abbreviation,
        fractie.name,
        fractie.zetels,
        brief.kamer.seats,
        senate.fractie(fractie.id).zetels if senate and in_senate else None,
        _chair(fractie),
        role_lines(brief.kamer, fractie.id),
        stance_line(brief, brief.subject_stance(fractie.id), SUBJECT_WORDS),
        inline(brief, profile.assessment) if profile and profile.assessment else None,
        inline(brief, profile.notes) if profile and profile.notes else None,
        tuple(record_line(brief, fractie, item) for item in (profile.record if profile else [])),
        tuple(
            ask_line(brief, fractie, ask, selection, kamers)
            for ask in brief.meta.asks
            if not ask.fracties or fractie.id in ask.fracties
        ),
        tuple(claim_line(brief, fractie, card) for card in brief.cards),
        swing_line(swing, len(counted.asks)),
        tuple(inline(brief, message.text) for message, _ in getattr(selection, "messages", ())),
        tuple(chosen.card.id for chosen in getattr(selection, "cards", ())),
        profile is not None,
        fractie.noun,
        fractie.chair_title.capitalize(),
        woordvoerder_line(brief, fractie),
    )


def woordvoerder_line(brief: Brief, fractie: Fractie) -> tuple[str, str] | None:
    """For a commissiedebat or wetgevingsoverleg: ``(label, who)`` of the woordvoerder its
    briefing is addressed to, with the source that names them, or what to add when the
    Kamer file names none (``None`` for a plenary debate)."""
    from debatbrief.briefing.select import addressee_for

    to = addressee_for(brief, fractie)
    if to is None or not brief.meta.debate.for_woordvoerders:
        return None
    found = fractie.woordvoerder(brief.meta.debate.portfolio)
    if to.name is None or found is None or found.source is None:
        return to.title.capitalize(), (
            "geen naam met bron in het Kamerbestand; de briefing is gericht aan "
            f'"de {to.title}" (voeg de woordvoerder toe, zie check)'
        )
    return to.title.capitalize(), f"{to.name} ({source_basis(brief, found.source)})"


def swing_line(asks: list[str], total: int) -> str | None:
    """``"swing bij 2 van de 3 punten: motie-a, motie-b"`` (``None``: swing for none)."""
    if not asks:
        return None
    unique = list(dict.fromkeys(asks))
    return f"swing bij {len(unique)} van de {total} {'punt' if total == 1 else 'punten'}: {', '.join(unique)}"


def _chair(fractie: Fractie) -> str | None:
    if not fractie.fractievoorzitter:
        return None
    if fractie.fractievoorzitter_unconfirmed:
        return f"{fractie.fractievoorzitter} (niet bevestigd; niet in de briefing)"
    return fractie.fractievoorzitter


def role_lines(kamer: Kamer, fractie_id: str) -> tuple[str, ...]:
    """The fractie's roles on the debate's date, each with the part's name, e.g.
    ``"formerende partij (PVV, VVD, NSC en BBB)"``; ``("oppositie",)`` for the rest."""
    lines = []
    for role, part in kamer.role_parts(fractie_id):
        lines.append(ROLE_WORDS[role] + (f" ({part.name})" if part.name else ""))
    return tuple(lines) or ("oppositie",)


def source_basis(brief: Brief, source_id: str, stance: Stance | None = None) -> str:
    """A source as a stance's basis: its short reference and date: the act's as the
    stance writes it when its day is not known (``date_text``, "begin december 2025"),
    else the source's own."""
    from debatbrief.brief.cite import format_date, source_short

    source = brief.source(source_id)
    short = source_short(source, brief.meta.language)
    when: str | None
    if stance is not None and stance.date_text:
        when = stance.date_text
    else:
        when = format_date(source.date, "long", brief.meta.language) if source.date else source.date_text
    return f"{short}, {when}" if when and when not in short else short


def stance_line(brief: Brief, stance: Stance, words: dict[str, str]) -> StanceLine:
    """A stance with its basis (see :class:`StanceLine`)."""
    from debatbrief.plan.seats import estimate_of

    basis = (
        source_basis(brief, stance.source, stance)
        if stance.source
        else "geen gegevens"
        if stance.stance == "unknown"
        else estimate_of(brief)
    )
    return StanceLine(stance.stance, words[stance.stance], basis, stance.source)


def inline(brief: Brief, text: str) -> str:
    """Brief prose as plain text, its citations as short references in brackets."""
    from debatbrief.brief.cite import cite_inline, plain_emphasis

    return " ".join(plain_emphasis(cite_inline(brief, text)[0]).split())


def record_line(brief: Brief, fractie: Fractie, item) -> str:
    """One record item: ``"Eerste Kamer, 23 januari 2024[, als <name then>]: stemde ...
    (bron)"``; the name is given only when it differs from the fractie's own."""
    from debatbrief.brief.cite import format_date
    from debatbrief.brief.models import CHAMBER_NAMES

    where = [CHAMBER_NAMES[item.chamber]] if item.chamber else []
    where.append(item.date_text or format_date(item.date, "long", brief.meta.language))
    installed = brief.kamer.installed
    if item.chamber == brief.kamer.kind and installed and item.date < installed:
        where[-1] += " (vorige Kamer)"
    if item.name not in (fractie.abbreviation, fractie.name):
        where.append(f"als {item.name}")
    return f"{', '.join(where)}: {inline(brief, item.text)}"


def ask_line(brief: Brief, fractie: Fractie, ask: Ask, selection, kamers: list[Kamer]) -> AskLine:
    """One ask for this fractie (see :class:`AskLine`); ``selection`` is its briefing's."""
    from debatbrief.plan.seats import KIND_WORDS, plain_text

    stance = stance_line(brief, brief.ask_stance(fractie.id, ask.id), ASK_WORDS)
    shown = {chosen.ask.id for chosen in selection.asks}
    reasons = [x.reason for x in selection.left_out if x.id == ask.id]
    left_out = None
    if ask.id not in shown:
        left_out = (
            reasons[0]
            if reasons
            else (
                "de fractie is naar verwachting tegen"
                if stance.stance == "opposes"
                else "past niet bij de vragen of toezeggingen voor deze fractie"
            )
        )
    seats = tuple(seat_line(brief, fractie, ask, k) for k in kamers) if ask.votable else ()
    return AskLine(
        ask.id,
        ask.kind,
        KIND_WORDS[ask.kind],
        plain_text(ask.text),
        ask.votable,
        stance,
        ask.id in shown,
        left_out,
        tuple(s for s in seats if s),
    )


def seat_line(brief: Brief, fractie: Fractie, ask: Ask, kamer: Kamer) -> str | None:
    """What the fractie's seats do for a votable ask in ``kamer``: the seat sentence of
    :func:`debatbrief.plan.seats.seat_note` where it has one, else the outcome and why
    (``None`` when the fractie has no seats there)."""
    from debatbrief.plan.seats import chamber_plan, seat_note, why

    chamber = chamber_plan(brief, ask, kamer)
    if chamber.position(fractie.id) is None:
        return None
    note = seat_note(brief, fractie.id, ask.id, kamer)
    if note:
        return note
    summary = chamber.summary.rstrip(".")
    reasons = [
        r
        for r in why(chamber, fractie.id)  # its stance is on the sheet already
        if not r.startswith(("standpunt ", "telt als swing")) and r.casefold() != summary.casefold()
    ]
    return f"{chamber.name}: {'; '.join([summary[0].lower() + summary[1:], *reasons])}."


def claim_line(brief: Brief, fractie: Fractie, card) -> ClaimLine:
    """One card's claim with this fractie's stance on it."""
    stance = stance_line(brief, brief.claim_stance(fractie.id, card.id), CLAIM_WORDS)
    return ClaimLine(card.id, card.topic, inline(brief, card.claim), inline(brief, card.say), stance)


# --- PDF ------------------------------------------------------------------------------


@dataclass(frozen=True)
class MadePrep:
    """A written prep sheet: where, for how many fracties, how many pages."""

    path: Path
    fracties: int
    pages: int


def prep_path(ws: Workspace, brief_id: str, sheets: Prep, all_: bool) -> Path:
    """``out/<brief>/prep.pdf`` for the whole day (``--all``), else
    ``out/<brief>/prep-<fractie>[-<fractie>...].pdf``."""
    name = "prep" if all_ else "prep-" + "-".join(f.id for f in sheets.fracties)
    return ws.out_folder(brief_id) / f"{name}.pdf"


def make_prep_pdf(ws: Workspace, sheets: Prep, all_: bool = False, engine=None) -> MadePrep:
    """Write the sheets as one PDF (each fractie from a new page, "INTERN" on every page),
    atomically. Raises RenderError or OutputError."""
    from debatbrief.briefing.pdf import Engine
    from debatbrief.briefing.render import render_template
    from debatbrief.commands.workspace import pdf_identifier

    brief = ws.brief()
    html = render_template(ws.templates, "prep.html.j2", brief=brief, meta=brief.meta, prep=sheets)
    target = prep_path(ws, brief.id, sheets, all_)
    engine = engine or Engine()
    pages = engine.write(html, target, ws.templates, [ws.templates, ws.brief_folder()], pdf_identifier(html))
    return MadePrep(target, len(sheets.fracties), pages)
