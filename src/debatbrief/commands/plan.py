"""The plan as a one-page PDF (WeasyPrint): the library side of ``debatbrief plan
--format pdf``. :mod:`debatbrief.plan.seats` computes the plan, this module draws it; the
terminal view is :mod:`debatbrief.cli.planview`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from debatbrief.plan.seats import (
    KIND_WORDS,
    SEAT_ORDER,
    ChamberPlan,
    Plan,
    call_first,
    estimate_of,
    outcome_word,
    plain_text,
    seat_groups,
    zetels,
)

if TYPE_CHECKING:
    from debatbrief.brief.models import Brief
    from debatbrief.commands.workspace import Workspace


@dataclass(frozen=True)
class MadePlan:
    """A written plan PDF: where, how many asks with a seat count (``asks``) and without
    (``unvoted``: questions and commitments), how many pages."""

    path: Path
    asks: int
    pages: int
    unvoted: int = 0


def chamber_svg(chamber: ChamberPlan, width_mm: float) -> str:
    """The chamber's hemicycle as SVG (one mark per member), labelled for screen readers."""
    from debatbrief.plan.hemicycle import hemicycle_svg

    groups = [
        (mark, f"{fractie.abbreviation} ({zetels(fractie.zetels)}, {mark})", fractie.zetels)
        for mark, fractie in seat_groups(chamber)
    ]
    label = (
        f"{chamber.name}: voor {chamber.voor}, onbekend {chamber.onbekend}, tegen "
        f"{chamber.tegen}; {chamber.summary}"
    )
    return hemicycle_svg(groups, label, width_mm)


def page_layout(asks: int, unvoted: tuple[str, ...] = (), chambers: int = 1) -> dict:
    """Sizes that fit ``asks`` counted rows and the list of ``unvoted`` questions and
    commitments (their printed lines, id and text) on one A4 page: the row height (CSS),
    the hemicycles' width in millimetres (twice their height), the text size (CSS). Ask
    texts are never cut: a smaller row gets smaller text, and a row grows with its text."""
    small = len(unvoted) > 8
    usable_mm = 212.0 - list_mm(unvoted, small)  # A4 less margins, title, legend, footer
    row = max(14.0, min(36.0, usable_mm / max(asks, 1)))
    count = 34 if chambers > 1 else 46
    # The ask's text keeps at least 55 mm of the 188 mm line: the arches give way.
    widest = min(52.0, (188.0 - 5.0 - 55.0 - chambers * count) / max(chambers, 1) - 1.0)
    arch = round(min(widest, 2 * (row - 3.0)), 1)
    return {
        "row": f"{row:.1f}mm",
        "arch": arch,
        "text": "6.8pt" if row < 20 else "7.6pt",
        "list": "8.6pt" if not asks else "6.8pt" if small else "7.6pt",
        "count": count,
    }


def list_mm(lines: tuple[str, ...], small: bool) -> float:
    """The height in millimetres the list of questions and commitments takes: a wrapped
    item takes a line per line width of text (about 150 characters at 6.8pt, 135 at 7.6pt
    over the 184 mm column), each line 1.25 times the type, 0.6 mm between items."""
    per_line, line_mm = (150, 3.0) if small else (135, 3.35)
    return sum(-(-len(line) // per_line) * line_mm + 0.6 for line in lines) + 1.0 * bool(lines)


def render_plan_html(brief: Brief, result: Plan, templates: Path) -> str:
    """The HTML of the one-page plan (``plan.html.j2``)."""
    from markupsafe import Markup

    from debatbrief.briefing.render import render_template
    from debatbrief.plan.hemicycle import LABELS, legend_svg

    unvoted = tuple(f"{ask.id} ({KIND_WORDS[ask.kind]}): {plain_text(ask.text)}" for ask in result.unvoted)
    layout = page_layout(len(result.asks), unvoted, len(result.chamber_kinds))
    arches = {
        (a.ask.id, c.kamer.kind): Markup(chamber_svg(c, layout["arch"]))
        for a in result.asks
        for c in a.chambers
    }
    legend = [(Markup(legend_svg(vote)), LABELS[vote]) for vote in SEAT_ORDER]
    marks = {vote: Markup(legend_svg(vote, 2.2)) for vote in SEAT_ORDER}
    calls = {kind: ranked[:3] for kind, ranked in call_first(result).items()}
    return render_template(
        templates,
        "plan.html.j2",
        brief=brief,
        meta=brief.meta,
        plan=result,
        arches=arches,
        legend=legend,
        marks=marks,
        layout=layout,
        calls=calls,
        outcome_word=outcome_word,
        plain=plain_text,
        kind_words=KIND_WORDS,
        estimate=estimate_of(brief),
    )


def make_plan_pdf(ws: Workspace, result: Plan, engine=None) -> MadePlan:
    """Write ``out/<brief>/plan.pdf``, one A4 page: the votable asks with their hemicycles,
    then the questions and commitments without counts. Raises RenderError or OutputError."""
    from debatbrief.briefing.pdf import Engine
    from debatbrief.commands.workspace import pdf_identifier

    brief = ws.brief()
    html = render_plan_html(brief, result, ws.templates)
    target = ws.out_folder(brief.id) / "plan.pdf"
    engine = engine or Engine()
    pages = engine.write(html, target, ws.templates, [ws.templates, ws.brief_folder()], pdf_identifier(html))
    return MadePlan(target, len(result.asks), pages, len(result.unvoted))
