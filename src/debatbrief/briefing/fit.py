"""Fit a briefing to its pages: hold less until it fits, with no near-empty last page.

A briefing is laid out with the selection's full limits first; when it takes more pages
than :data:`~debatbrief.briefing.select.PAGE_LIMITS` allows, or its last page is less than
a third full, the next step of :data:`STEPS` holds less (short mentions first, then a card,
then a detailed point) and the briefing is laid out again. Concept-motie pages come after
the briefing and do not count. The layout itself is a callback, so this module needs no
PDF engine.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from debatbrief.brief.models import Brief
from debatbrief.briefing.select import PAGE_LIMITS, Length, Selection, select

#: What each step holds less of than :data:`~debatbrief.briefing.select.LIMITS`, in order.
STEPS: dict[str, tuple[dict[str, int], ...]] = {
    "full": (
        {},
        {"brief": 4},
        {"brief": 2},
        {"brief": 0},
        {"brief": 0, "cards": 1},
        {"brief": 0, "cards": 1, "detailed": 3},
        {"brief": 0, "cards": 0, "detailed": 3},
        {"brief": 0, "cards": 0, "detailed": 2},
    ),
    "short": (
        {},
        {"asks": 2},
        {"asks": 1},
        {"asks": 1, "detailed": 2},
        {"asks": 1, "detailed": 2, "messages": 2},
        {"asks": 1, "detailed": 1},
    ),
}
#: The least a briefing's last page holds (DESIGN.md: no near-empty last page).
MIN_FILL = 1 / 3


def page_fill(page: Any) -> float:
    """How full a laid-out WeasyPrint page is, from 0 to 1: its flowing content and its
    footnote area against the page's content height."""
    box = page._page_box
    top = box.content_box_y()
    bottom = top
    for child in box.children:
        if type(child).__name__ == "FootnoteAreaBox":
            bottom += child.margin_height()
        elif type(child).__name__ == "BlockBox":
            for descendant in child.children:
                for block in getattr(descendant, "children", None) or [descendant]:
                    bottom = max(bottom, block.position_y + block.margin_height())
    return max(0.0, min(1.0, (bottom - top) / box.height))


def body_pages(document: Any, selection: Selection) -> int:
    """The pages of the briefing itself: all but the concept-motie pages at its end."""
    motions = len(selection.motions) if selection.length == "full" else 0
    return len(document.pages) - motions


def fits(document: Any, selection: Selection) -> bool:
    """Whether a laid-out briefing keeps its page limit and has no near-empty last page."""
    pages = body_pages(document, selection)
    if pages > PAGE_LIMITS[selection.length]:
        return False
    return pages == 1 or page_fill(document.pages[pages - 1]) >= MIN_FILL


def candidates(
    brief: Brief, fractie: str, topics: list[str] | None, length: Length
) -> list[tuple[str, Selection]]:
    """The distinct selections of :data:`STEPS` for this briefing, in order, each with a
    label that names what it holds (its arguments, cards and messages, as JSON)."""
    import json

    found: dict[str, Selection] = {}
    for step in STEPS[length]:
        candidate = select(brief, fractie, topics, length, step)
        label = json.dumps(
            [candidate.order, [c.card.id for c in candidate.cards], [m.id for m, _ in candidate.messages]]
        )
        found.setdefault(label, candidate)
    return list(found.items())


def fitted(
    brief: Brief,
    fractie: str,
    topics: list[str] | None,
    length: Length,
    lay_out: Callable[[Selection], Any],
    verdicts: dict[str, bool] | None = None,
) -> tuple[Selection, Any]:
    """The selection and layout of the first step of :data:`STEPS` that :func:`fits`, or
    of the last step when none does. ``lay_out`` turns a selection into a laid-out
    document (anything with ``pages``).

    ``verdicts`` (candidate label -> fits) holds what earlier runs found for the very same
    content (see :func:`debatbrief.commands.workspace.make`): a candidate known not to fit
    is not laid out again, so a briefing made before is laid out once. The one returned
    is always laid out and checked here; new verdicts are added to ``verdicts``.
    """
    known = verdicts if verdicts is not None else {}
    steps = candidates(brief, fractie, topics, length)
    for index, (label, selection) in enumerate(steps):
        last = index == len(steps) - 1
        if known.get(label) is False and not last:
            continue
        document = lay_out(selection)
        known[label] = fits(document, selection)
        if known[label] or last:
            return selection, document
    raise AssertionError("unreachable: the last candidate always returns")


def fit_briefing(
    brief: Brief,
    fractie: str,
    topics: list[str] | None,
    length: Length,
    templates: Path,
    engine: Any,
    allowed: list[Path],
    verdicts: dict[str, bool] | None = None,
) -> tuple[Selection, str, Any]:
    """One fractie's briefing fitted to its pages: its selection, HTML (PDF mode) and
    layout by ``engine`` (a :class:`debatbrief.briefing.pdf.Engine`); ``verdicts`` as
    in :func:`fitted`."""
    from debatbrief.briefing.render import render_briefing

    html_of: dict[int, str] = {}

    def lay_out(selection: Selection) -> Any:
        html_of[id(selection)] = render_briefing(brief, selection, templates, "pdf")
        return engine.document(html_of[id(selection)], templates, allowed)

    selection, document = fitted(brief, fractie, topics, length, lay_out, verdicts)
    return selection, html_of[id(selection)], document


def fitted_selection(
    brief: Brief, fractie: str, topics: list[str] | None, length: Length, templates: Path, allowed: list[Path]
) -> Selection:
    """The selection the PDF of this briefing shows (for ``explain``): laid out, not
    written, so what ``explain`` lists is what is on paper."""
    from debatbrief.briefing.pdf import Engine

    return fit_briefing(brief, fractie, topics, length, templates, Engine(), allowed)[0]
