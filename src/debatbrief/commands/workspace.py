"""The library API behind each command; free of CLI concerns (no typer, no rich).

Each public function takes a :class:`Workspace` and plain options and returns a plain
result, raising :class:`~debatbrief.base.errors.DebatbriefError` subclasses for anything the
user can fix.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from debatbrief.base import paths
from debatbrief.base.errors import UsageError

if TYPE_CHECKING:  # the models pull in pydantic, which `rebut` must not pay for
    from debatbrief.brief.models import Brief
    from debatbrief.briefing.select import Length


@dataclass
class Workspace:
    """Where to read briefs and templates and where to write output.

    ``None`` means the default: the checkout's folders, or the copies inside the installed
    package; ``out/`` in the working directory.
    """

    briefs_dir: Path | None = None
    templates_dir: Path | None = None
    out_dir: Path | None = None
    brief_id: str | None = None
    _brief: Brief | None = field(default=None, repr=False)

    @property
    def briefs(self) -> Path:
        return self.briefs_dir or paths.default_briefs_dir()

    @property
    def templates(self) -> Path:
        return self.templates_dir or paths.default_templates_dir()

    @property
    def out(self) -> Path:
        return self.out_dir or Path("out")

    def brief_folder(self) -> Path:
        """The folder of the chosen brief (``--brief``, or the only/newest one)."""
        return paths.resolve_brief(self.briefs, self.brief_id)

    def implicit_choice(self) -> str | None:
        """A Dutch line naming the brief chosen without ``--brief`` when there is more than
        one to choose from (the newest debate wins), else ``None``."""
        if self.brief_id is not None:
            return None
        folders = paths.list_briefs(self.briefs)
        if len(folders) < 2:
            return None
        from debatbrief.base.chars import visible
        chosen = visible(self.brief_folder().name, one_line=True)  # a folder name is data
        return (f"Brief: {chosen} (de nieuwste van {len(folders)}; kies een andere met "
                f"--brief, zie 'debatbrief list briefs')")

    def brief(self) -> Brief:
        """The chosen brief, loaded and validated once (raises BriefError)."""
        if self._brief is None:
            from debatbrief.checks import load_brief
            self._brief = load_brief(self.brief_folder())
        return self._brief




@dataclass(frozen=True)
class Made:
    """One written briefing: which fractie, where, how many pages, and what the lobbyist
    should know about it (Dutch lines: no profile, too many pages, ...)."""

    fractie: str
    path: Path
    pages: int | None
    warnings: tuple[str, ...] = ()


def output_path(ws: Workspace, brief: Brief, fractie_id: str, topics: tuple[str, ...],
                length: str, fmt: str) -> Path:
    """``out/<brief-id>/<fractie>[-<topics>][-handout].<pdf|html>``; always inside ``out``.

    Ids are slugs (checked when loading), so the name cannot leave the output folder.
    """
    name = fractie_id
    if topics != tuple(t.id for t in brief.meta.topics):
        name += "-" + "-".join(topics)
    if length == "short":
        name += "-handout"
    target = ws.out / brief.id / f"{name}.{fmt}"
    if not target.resolve().is_relative_to(ws.out.resolve()):  # pragma: no cover - defence
        raise UsageError(f"{target}: valt buiten de uitvoermap")
    return target


def pdf_identifier(html: str) -> bytes:
    """A stable PDF /ID: the same HTML always gives the same identifier (and bytes)."""
    import hashlib  # here, not at the top: `rebut` imports this module and needs no hashing

    return hashlib.md5(html.encode("utf-8"), usedforsecurity=False).hexdigest().encode()


def make(ws: Workspace, fractie: str, topics: list[str] | None = None, length: str = "full",
         fmt: str = "pdf", engine=None) -> Made:
    """Write one fractie's briefing and return where it went.

    ``fmt`` is ``"pdf"``, ``"html"`` or ``"docx"`` (Word, from the HTML:
    :mod:`debatbrief.commands.docx`); ``engine`` (a :class:`debatbrief.briefing.pdf.Engine`) is
    reused across calls when given. Raises UsageError (unknown fractie, topic, length or
    format), BriefError, RenderError or OutputError.
    """
    from debatbrief.briefing.render import render_briefing
    from debatbrief.briefing.select import PAGE_LIMITS, select

    if fmt not in ("pdf", "html", "docx"):
        raise UsageError(f"Onbekend formaat '{fmt}'. Kies uit: pdf, html, docx.")
    brief = ws.brief()
    from debatbrief.briefing.pdf import Engine, write_atomic
    size = cast("Length", length)  # select() refuses any other length (UsageError)
    document: Any = None
    if fmt == "pdf":  # laid out until it fits its pages (briefing/fit.py)
        from debatbrief.briefing.fit import fit_briefing
        engine = engine or Engine()
        selection, html, document = fit_briefing(
            brief, fractie, topics, size, ws.templates,
            engine, [ws.templates, ws.brief_folder()])
    else:
        selection = select(brief, fractie, topics, size)
        html = render_briefing(brief, selection, ws.templates, "html")
    target = output_path(ws, brief, selection.fractie.id, selection.topics, length, fmt)
    name = selection.fractie.abbreviation
    warnings = []
    if selection.profile is None:
        warnings.append(f"Let op: de brief heeft geen profiel voor {name}; alle waarden wegen "
                        f"even zwaar (voeg een profiel toe aan profiles.yaml).")
    if not selection.sections:
        warnings.append("Let op: de gekozen onderwerpen hebben geen argumenten; de briefing "
                        "bevat geen punten.")
    if fmt == "html":
        write_atomic(target, _inline_stylesheet(html, ws.templates))
        return Made(selection.fractie.id, target, None, tuple(warnings))
    if fmt == "docx":
        from debatbrief.commands.docx import docx_bytes
        write_atomic(target, docx_bytes(html))
        return Made(selection.fractie.id, target, None, tuple(warnings))
    write_atomic(target, engine.pdf_bytes(document, pdf_identifier(html)))
    pages = len(document.pages)
    # A concept-motie is an attachment of a page of its own, beyond the briefing's limit.
    limit = PAGE_LIMITS[length] + (len(selection.motions) if length == "full" else 0)
    if pages > limit:
        warnings.append(f"Let op: de {'handout' if length == 'short' else 'briefing'} voor "
                        f"{name} telt {pages} pagina's (bedoeld: ten hoogste {limit}); kort de "
                        f"tekst in de brief in of kies minder onderwerpen met --topic.")
    return Made(selection.fractie.id, target, pages, tuple(warnings))


def _inline_stylesheet(html: str, templates: Path) -> str:
    """Put briefing.css inside the HTML so the file reads well wherever it is opened.
    The stylesheet is read like a template: from the templates folder, never through a
    symbolic link (raises RenderError)."""
    from debatbrief.briefing.render import read_template_file
    css = read_template_file(templates, "briefing.css")
    return html.replace('<link rel="stylesheet" href="briefing.css">',
                        f"<style>\n{css}</style>", 1)
