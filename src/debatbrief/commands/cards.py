"""The printable card sheet: A6 rebuttal cards, four to an A4 sheet, with cut marks.

Every card must fit its A6 cell: after layout each card's content is measured, and a
card that would overflow is refused with its id, rather than printed cut off.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from debatbrief.base.errors import DebatbriefError, RenderError, UsageError
from debatbrief.brief.models import Brief, Card
from debatbrief.cards.deck import card_sources
from debatbrief.commands.workspace import Workspace, pdf_identifier

CARDS_PER_SHEET = 4


@dataclass(frozen=True)
class MadeCards:
    """A written card sheet: where, how many cards and pages."""

    path: Path
    cards: int
    pages: int


def choose_cards(
    brief: Brief, fractie: str | None, topics: list[str] | None, source: str | None = None
) -> list[Card]:
    """The cards for the sheet: those ``fractie`` is expected to raise (all when ``None``),
    on the given topics, citing ``source`` (a source id) anywhere on the card when given,
    grouped by topic in the brief's topic order. Raises UsageError for an unknown
    fractie, topic or source."""
    from debatbrief.briefing.select import check_topics, find_fractie

    topic_ids = check_topics(brief, topics)
    cards = [c for c in brief.cards if c.topic in topic_ids]
    if fractie is not None:
        fractie_id = find_fractie(brief, fractie).id
        cards = [c for c in cards if fractie_id in brief.raisers(c.id)]
    if source is not None:
        source_id = find_source(brief, source)
        cards = [c for c in cards if source_id in card_sources(c)]
    order = {t: i for i, t in enumerate(topic_ids)}
    return sorted(cards, key=lambda c: order[c.topic])


def find_source(brief: Brief, name: str) -> str:
    """The id of the source ``name`` names (its id, in any case). Raises UsageError with
    the closest id."""
    for source in brief.sources:
        if source.id.casefold() == name.strip().casefold():
            return source.id
    from debatbrief.base.suggest import unknown_choice

    raise UsageError(unknown_choice("bron", name, [s.id for s in brief.sources]))


def make_cards(
    ws: Workspace,
    fractie: str | None = None,
    topics: list[str] | None = None,
    engine=None,
    source: str | None = None,
    fmt: str = "pdf",
):
    """Write ``out/<brief>/kaarten[-<fractie>][-<topics>][-bron-<source>].pdf`` (or, with
    ``fmt="html"``, the phone deck ``.html`` of :mod:`debatbrief.commands.cardsweb`, a
    :class:`~debatbrief.commands.cardsweb.MadeDeck`). Raises DebatbriefError (exit 1,
    "nothing found", as ``rebut`` without a card) when no card matches, UsageError for an
    unknown fractie, topic, source or format, RenderError when a card does not fit on A6."""
    if fmt not in ("pdf", "html"):
        raise UsageError(f"Onbekend formaat '{fmt}'. Kies uit: pdf, html.")
    brief = ws.brief()
    chosen = chosen_or_explain(brief, fractie, topics, source)
    label = None
    if fractie is not None:
        from debatbrief.briefing.select import find_fractie

        label = find_fractie(brief, fractie)
    name = sheet_name(brief, label, topics, source)
    if fmt == "html":
        from debatbrief.commands.cardsweb import write_phone_deck

        return write_phone_deck(ws, [card.id for card in chosen], label, name)
    return _write_sheet(ws, brief, chosen, label, name, engine)


def chosen_or_explain(
    brief: Brief, fractie: str | None, topics: list[str] | None, source: str | None
) -> list[Card]:
    """:func:`choose_cards`, or DebatbriefError saying why no card is chosen."""
    chosen = choose_cards(brief, fractie, topics, source)
    if chosen:
        return chosen
    if not brief.cards:
        raise DebatbriefError(
            f"Brief {brief.id} heeft geen kaarten (cards.yaml); zie README.md over kaarten schrijven."
        )
    if fractie is not None and not choose_cards(brief, fractie, None, None):
        from debatbrief.briefing.select import find_fractie

        name = find_fractie(brief, fractie).abbreviation
        raise DebatbriefError(
            f"Volgens stances.yaml brengt {name} geen van de claims op de "
            f"kaarten in; maak de kaarten zonder --fractie."
        )
    given = [f"--{o}" for o, v in (("fractie", fractie), ("topic", topics), ("source", source)) if v]
    raise DebatbriefError(
        f"Geen kaarten voor deze keuze; probeer zonder {' of '.join(given) or 'deze keuze'}."
    )


def sheet_name(brief: Brief, label, topics: list[str] | None, source: str | None) -> str:
    """``kaarten[-<fractie>][-<topics>][-bron-<source>]``, without extension."""
    name = f"kaarten-{label.id}" if label else "kaarten"
    if topics:
        from debatbrief.briefing.select import check_topics

        name += "-" + "-".join(check_topics(brief, topics))
    if source is not None:
        import re

        name += "-bron-" + re.sub(r"[^a-z0-9]+", "-", find_source(brief, source).lower()).strip("-")
    return name


def _write_sheet(ws: Workspace, brief: Brief, chosen: list[Card], label, name: str, engine=None) -> MadeCards:
    """Lay out ``chosen`` four to an A4 sheet and write ``out/<brief>/<name>.pdf``."""
    from markupsafe import Markup

    from debatbrief.brief.cite import cite_inline
    from debatbrief.briefing.pdf import Engine, write_atomic
    from debatbrief.briefing.render import inline_markdown, render_template

    topics_by_id = {t.id: t for t in brief.meta.topics}

    def text(value: str) -> Markup:  # short citations in brackets, emphasis as <em>
        return Markup(inline_markdown(cite_inline(brief, value)[0]))

    cards = [
        {
            "card": card,
            "topic": topics_by_id[card.topic],
            "claim": text(card.claim),
            "rebuttal": text(card.rebuttal),
            "evidence": text(card.evidence),
            "say": text(card.say),
            "follow_up": text(card.follow_up),
            "raised_by": [brief.kamer.fractie(f).abbreviation for f in brief.raisers(card.id)],
        }
        for card in chosen
    ]
    sheets = [cards[i : i + CARDS_PER_SHEET] for i in range(0, len(cards), CARDS_PER_SHEET)]
    html = render_template(
        ws.templates, "cards.html.j2", brief=brief, meta=brief.meta, sheets=sheets, fractie=label
    )
    target = ws.out_folder(brief.id) / f"{name}.pdf"
    engine = engine or Engine()
    document = engine.document(html, ws.templates, [ws.templates, ws.brief_folder()])
    overflowing = overflowing_cards(document)
    if overflowing:
        raise RenderError(f"kaart '{overflowing[0]}' past niet op A6; maak de tekst korter in cards.yaml")
    write_atomic(target, engine.pdf_bytes(document, pdf_identifier(html)))
    return MadeCards(target, len(cards), len(document.pages))


def card_boxes(document) -> list[tuple[int, str, tuple[float, float], tuple[float, float]]]:
    """Per laid-out card: (page index, card id, (top, bottom) of the cell,
    (top, bottom) of its content), in CSS px, from WeasyPrint's layout boxes."""
    found = []
    for index, page in enumerate(document.pages):
        stack = [page._page_box]
        cells: dict[str, tuple[float, float]] = {}
        contents: dict[str, tuple[float, float]] = {}
        while stack:
            box = stack.pop()
            element = getattr(box, "element", None)
            if element is not None and getattr(box, "element_tag", None) == "article":
                card_id = element.get("data-card")
                if card_id and card_id not in cells:
                    cells[card_id] = (box.position_y, box.position_y + box.margin_height())
            if (
                element is not None
                and "card-content" in (element.get("class") or "")
                and not getattr(box, "pseudo_type", None)
            ):
                card_id = element.get("data-card")
                top, bottom = box.position_y, box.position_y + box.margin_height()
                old = contents.get(card_id)
                contents[card_id] = (min(top, old[0]), max(bottom, old[1])) if old else (top, bottom)
            stack.extend(getattr(box, "children", []) or [])
        for card_id, cell in cells.items():
            found.append((index, card_id, cell, contents.get(card_id, cell)))
    return found


def overflowing_cards(document) -> list[str]:
    """Ids of cards whose content runs past their A6 cell or onto another page."""
    seen: dict[str, int] = {}
    bad: list[str] = []
    for page, card_id, cell, content in card_boxes(document):
        if card_id in seen or content[1] > cell[1] + 0.5:
            bad.append(card_id)
        seen[card_id] = page
    return bad
