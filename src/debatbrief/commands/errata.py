"""``debatbrief errata``: what the document itself got wrong, for the author's office.

While checking every source of a brief, its editors record in ``sources.yaml`` where the
document's own references are wrong (a ``correction``, with the source that proves the
right value) or could not be confirmed (a ``caveat``). Briefings cite the corrected
references silently; this list goes to the office, as text, JSON or a one-page PDF, and
into briefings only when the brief sets ``errata_in_briefing``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from debatbrief.brief.models import Brief, Source, citation_keys
from debatbrief.commands.workspace import Workspace, pdf_identifier


@dataclass(frozen=True)
class Erratum:
    """One correction or caveat of one source.

    ``kind`` is ``"correctie"`` or ``"kanttekening"``; ``where`` says where the document cites
    the source (empty for sources the brief adds); ``said``/``correct``/``proof`` are set for
    corrections (``proof``: short references of the sources proving the correct value).
    """

    source: Source
    kind: str
    where: str
    text: str
    said: str | None = None
    correct: str | None = None
    proof: tuple[str, ...] = ()

    def as_dict(self) -> dict:
        """The erratum as JSON-ready data."""
        return {
            "source": self.source.id,
            "kind": self.kind,
            "where": self.where,
            "said": self.said,
            "correct": self.correct,
            "proof": list(self.proof),
            "text": self.text,
        }


def errata(brief: Brief) -> list[Erratum]:
    """Every correction and caveat of the brief's sources, in the brief's order (a source
    with both gives both, the correction first)."""
    from debatbrief.brief.cite import source_short

    found: list[Erratum] = []
    for source in brief.sources:
        where = source.in_document or ("het document zelf" if source.id == brief.meta.document.source else "")
        if source.correction:
            correction = source.correction
            proof = tuple(
                source_short(brief.source(key), brief.meta.language)
                for key, _ in citation_keys(correction.proof or "")
                if key
            )
            found.append(
                Erratum(
                    source,
                    "correctie",
                    where,
                    correction.why,
                    correction.document_said,
                    correction.correct,
                    proof,
                )
            )
        if source.caveat:
            found.append(Erratum(source, "kanttekening", where, source.caveat))
    return found


@dataclass(frozen=True)
class MadeErrata:
    """A written errata sheet: where, how many items, how many pages."""

    path: Path
    items: int
    pages: int


def make_errata_pdf(ws: Workspace, engine=None) -> MadeErrata:
    """Write ``out/<brief>/errata.pdf`` (the list for the author's office). Raises
    RenderError or OutputError."""
    from debatbrief.briefing.pdf import Engine
    from debatbrief.briefing.render import render_template

    brief = ws.brief()
    items = errata(brief)
    html = render_template(ws.templates, "errata.html.j2", brief=brief, meta=brief.meta, items=items)
    target = ws.out_folder(brief.id) / "errata.pdf"
    engine = engine or Engine()
    pages = engine.write(html, target, ws.templates, [ws.templates, ws.brief_folder()], pdf_identifier(html))
    return MadeErrata(target, len(items), pages)
