"""Render a selection to HTML with Jinja2: the briefing and the card sheet.

One function, :func:`environment`, builds the Jinja environment: autoescape on,
undefined names are errors, Babel filters for dates and numbers in the brief's locale.
Prose from a brief passes through :class:`Notes`, which escapes it, applies inline
Markdown (emphasis only; raw HTML is escaped, never passed through) and turns Pandoc
citations into footnotes numbered through the document.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from jinja2 import (
    BaseLoader,
    Environment,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
)
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from markupsafe import Markup, escape

from . import paths
from .cite import format_date, source_reference, source_short
from .errors import RenderError, reason
from .models import CITATION_RE, Brief, Source, citation_keys
from .select import Selection

Format = Literal["pdf", "html"]


def format_number(value: int | float, locale: str = "nl") -> str:
    """A number with the brief's grouping and decimal signs (Babel)."""
    from babel.numbers import format_decimal

    return format_decimal(value, locale=locale)


def css_string(value: str) -> Markup:
    """A Python string as a quoted CSS string literal, safe inside a ``<style>`` block."""
    escaped = "".join(ch if ch.isalnum() or ch in " .,-:;()'/" else f"\\{ord(ch):x} "
                      for ch in value)
    return Markup(f'"{escaped}"')


_MARKDOWN = None
_MARK_OPEN, _MARK_CLOSE = "\ue000", "\ue001"


def inline_markdown(text: str) -> str:
    """Inline Markdown to HTML (emphasis and strong only); raw HTML in ``text`` is escaped."""
    global _MARKDOWN
    if _MARKDOWN is None:
        from markdown_it import MarkdownIt

        _MARKDOWN = MarkdownIt("zero", {"html": False, "typographer": False}).enable(
            ["emphasis", "escape", "entity"])
    return _MARKDOWN.renderInline(text)


@dataclass
class Note:
    """One footnote: its number, the source, and the locator."""

    number: int
    source: Source
    locator: str | None
    first: bool
    html: Markup = field(default=Markup(""))


class Notes:
    """Numbers citations through one document and renders prose with footnotes.

    Call :meth:`prose` in document order (Jinja renders top to bottom). In PDF mode a
    citation becomes an inline ``<span class="fn">`` that CSS floats to the page foot; in
    HTML mode a linked superscript, with the notes listed at the end (:attr:`notes`).
    """

    def __init__(self, brief: Brief, fmt: Format, compact: bool = False) -> None:
        self.brief = brief
        self.fmt = fmt
        self.compact = compact  # one-page handout: references without URLs
        self.notes: list[Note] = []
        self.first_note: dict[str, int] = {}
        self.locale = brief.meta.language

    def _note_html(self, note: Note) -> Markup:
        source = note.source
        locator = f", {note.locator}" if note.locator else ""
        if note.first:
            text = escape(source_reference(source, self.locale)) + escape(locator)
            if source.url and not self.compact:
                text += Markup(". <a href=\"{0}\">{1}</a>").format(source.url,
                                                                   _breakable_url(source.url))
        else:
            text = escape(source_short(source, self.locale)) + escape(locator) + \
                Markup(", noot {0}").format(self.first_note[source.id])
        return text + Markup(".")

    def cite(self, source_id: str, locator: str | None = None, follows: bool = False) -> Markup:
        """Register one citation; returns the call (PDF: the floated note itself).

        ``follows`` marks the second and later notes of one group (``[@a; @b]``), whose
        calls are separated by a comma ("3,4")."""
        source = self.brief.source(source_id)
        number = len(self.notes) + 1
        first = source_id not in self.first_note
        if first:
            self.first_note[source_id] = number
        note = Note(number, source, locator, first)
        note.html = self._note_html(note)
        self.notes.append(note)
        if self.fmt == "pdf":
            # Repeated citations are short; they run on inline in the note area to save room.
            kind = ("fn" if first else "fn repeat") + (" fn-next" if follows else "")
            return Markup('<span class="{0}" data-source="{1}">{2}</span>').format(
                kind, source_id, note.html)
        return Markup('<sup class="fn-call" id="call-{0}"><a href="#fn-{0}">{0}</a></sup>'
                      ).format(number)

    def prose(self, text: str) -> Markup:
        """Brief prose → safe HTML: escaped, inline Markdown, citations as footnotes."""
        calls: list[Markup] = []

        def stash(match: re.Match[str]) -> str:
            rendered = Markup("").join(self.cite(key, locator, follows=i > 0) for i, (key, locator)
                                       in enumerate(citation_keys(match.group(0))))
            calls.append(rendered)
            return f"{_MARK_OPEN}{len(calls) - 1}{_MARK_CLOSE}"

        # Citations go out before Markdown sees the text, so their ids stay untouched.
        # The placeholders are private-use characters, removed from the input first so
        # that a brief cannot forge one.
        clean = text.replace(_MARK_OPEN, "").replace(_MARK_CLOSE, "")
        placeholder_text = CITATION_RE.sub(stash, clean)
        # Keep the note call against the word before it, as Dutch typesetting does.
        placeholder_text = re.sub(rf"\s+({_MARK_OPEN}\d+{_MARK_CLOSE})", r"\1",
                                  placeholder_text)
        html = inline_markdown(placeholder_text)
        html = re.sub(rf"{_MARK_OPEN}(\d+){_MARK_CLOSE}",
                      lambda m: str(calls[int(m.group(1))]), html)
        return Markup(html)

    def cited_sources(self) -> list[Source]:
        """The sources cited so far, in the brief's order (for the Bronnen list at the end)."""
        return [s for s in self.brief.sources if s.id in self.first_note]

    def checked_sources(self) -> list[Source]:
        """Cited sources with a correction or a caveat: what the source list must print."""
        return [s for s in self.cited_sources() if s.correction or s.caveat]

    def plain(self, text: str) -> str:
        """Prose with citations removed (for places that cannot hold notes)."""
        return re.sub(r"\s+([.,;:])", r"\1", CITATION_RE.sub("", text)).strip()


def _breakable_url(url: str) -> Markup:
    """A URL with break opportunities after / ? & = so it wraps inside the margin."""
    return Markup("").join(
        escape(part) + (Markup("<wbr>") if part and part[-1] in "/?&=_-" else Markup(""))
        for part in re.split(r"(?<=[/?&=_-])", url))


#: The latest moment a PDF date can hold (31-12-9999 23:59:59 UTC), as GCC also checks.
_LAST_EPOCH = 253402300799


def source_date_epoch() -> int | None:
    """``SOURCE_DATE_EPOCH`` as seconds since 1970 (UTC), or ``None`` when it is not set.

    The reproducible-builds specification says the value is an integer as ``date +%s``
    prints it, and that a build SHOULD fail on a malformed one; an empty or blank value
    counts as malformed (as in GCC), not as unset. Raises :class:`UsageError` (exit 2:
    a wrong setting, like a wrong option) with one Dutch line.
    """
    import os

    value = os.environ.get("SOURCE_DATE_EPOCH")
    if value is None:
        return None
    if value.isascii() and value.isdigit() and int(value) <= _LAST_EPOCH:
        return int(value)
    from .errors import UsageError
    raise UsageError(f"SOURCE_DATE_EPOCH={value!r} is geen geldig tijdstip: geef een geheel "
                     f"aantal seconden sinds 1 januari 1970 UTC (zoals 'date +%s' het geeft), "
                     f"of laat de variabele weg.")


def document_date(meta) -> str:
    """The date stamped in the PDF's metadata: ``SOURCE_DATE_EPOCH`` when set (reproducible
    builds), else the document's date; never the clock, so the same brief gives the same
    bytes. Raises UsageError for a malformed ``SOURCE_DATE_EPOCH``.
    """
    epoch = source_date_epoch()
    if epoch is not None:
        moment = dt.datetime.fromtimestamp(epoch, tz=dt.UTC)
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    return meta.document.date.isoformat()


class TemplateRefused(TemplateNotFound):
    """A template (or file) the loader will not read; ``reason`` says why, in Dutch."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(name)
        self.reason = reason


def template_path(templates_dir: Path, name: str) -> Path:
    """The file ``name`` inside ``templates_dir``, checked before anything reads it.

    Raises :class:`TemplateRefused` for a name that leaves the folder (``../x``, an
    absolute path) or a path through a symbolic link (a link could lead anywhere, and its
    target would end up in the briefing), and :class:`TemplateNotFound` when it is absent.
    """
    pieces = name.replace("\\", "/").split("/")
    if name.startswith("/") or any(piece in ("..", "") for piece in pieces if piece != "."):
        raise TemplateRefused(name, "ligt buiten de sjablonenmap; een sjabloon kan alleen "
                                    "bestanden uit die map gebruiken")
    path = Path(templates_dir, *[piece for piece in pieces if piece != "."])
    from .pdf import symlink_below
    link = symlink_below(Path(templates_dir), path)
    if link is not None:
        raise TemplateRefused(name, "is een symbolische koppeling; zet het bestand zelf in "
                                    "de sjablonenmap")
    if not path.is_file():
        raise TemplateNotFound(name)
    return path


def read_template_file(templates_dir: Path, name: str) -> str:
    """The text of ``name`` in ``templates_dir`` (see :func:`template_path`); raises
    :class:`RenderError` naming the problem."""
    try:
        return template_path(templates_dir, name).read_text(encoding="utf-8")
    except TemplateRefused as exc:
        raise RenderError(f"{paths.display(Path(templates_dir, name))}: {exc.reason}") from exc
    except (TemplateNotFound, OSError, UnicodeDecodeError) as exc:
        why = f" ({reason(exc)})" if isinstance(exc, OSError) else ""
        raise RenderError(f"{paths.display(Path(templates_dir, name))}: ontbreekt of is "
                          f"onleesbaar{why}; geef met --templates een map met "
                          f"briefing.html.j2 en briefing.css") from exc


class _TemplatesLoader(BaseLoader):
    """Loads templates only from the templates folder, never through a symbolic link."""

    def __init__(self, templates_dir: Path) -> None:
        self.templates_dir = Path(templates_dir)

    def get_source(self, environment: Environment, template: str):
        path = template_path(self.templates_dir, template)
        try:
            source = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise TemplateRefused(template, "is onleesbaar (geen UTF-8-tekst of geen "
                                            "toegang)") from exc
        mtime = path.stat().st_mtime
        return source, str(path), lambda: path.stat().st_mtime == mtime


def _finalize(value: Any) -> Any:
    """What ``{{ ... }}`` prints: Pandoc's escaped ``\\@`` is a literal "@" in brief text
    printed as it stands (prose gets the same from Markdown)."""
    if isinstance(value, str) and not isinstance(value, Markup) and "\\@" in value:
        return value.replace("\\@", "@")
    return value


def environment(templates_dir: Path) -> Environment:
    """The one Jinja environment: sandboxed, autoescape, strict undefined, Babel filters.

    Templates may come from anyone (``--templates DIR``), so they run in Jinja's
    immutable sandbox (no access to Python internals, no changing the data) and are read
    only from ``templates_dir`` (see :func:`template_path`).
    """
    env = ImmutableSandboxedEnvironment(
        loader=_TemplatesLoader(templates_dir), autoescape=True, undefined=StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, finalize=_finalize)
    env.filters["date"] = format_date
    env.filters["number"] = format_number
    env.filters["css_string"] = css_string
    env.filters["reference"] = source_reference
    env.filters["short"] = source_short
    env.filters["url"] = _breakable_url
    env.filters["citations"] = citation_keys
    env.globals["document_date"] = document_date
    return env


def render_template(templates_dir: Path, name: str, **context: Any) -> str:
    """Render one template to a string; template problems become :class:`RenderError`
    naming the template file and line."""
    try:
        return environment(templates_dir).get_template(name).render(**context)
    except TemplateRefused as exc:
        raise RenderError(f"{_where(exc, name)}: sjabloon '{exc.name}' {exc.reason}") from exc
    except TemplateNotFound as exc:
        if exc.name == name:
            raise RenderError(f"{paths.display(templates_dir / name)}: sjabloon ontbreekt; "
                              f"geef met --templates een map met de sjablonen (zie de "
                              f"meegeleverde templates/)") from exc
        raise RenderError(f"{_where(exc, name)}: sjabloon '{exc.name}' ontbreekt in "
                          f"{paths.display(templates_dir)}") from exc
    except SecurityError as exc:
        raise RenderError(f"{_where(exc, name)}: het sjabloon vraagt iets wat niet mag "
                          f"({exc.message or exc}); een sjabloon kan geen code uitvoeren of "
                          f"gegevens veranderen") from exc
    except TemplateError as exc:
        raise RenderError(f"{_where(exc, name)}: sjabloonfout: {exc.message or exc}") from exc
    except KeyError as exc:
        raise RenderError(f"{name}: verwijzing naar onbekende bron {exc}") from exc


def _where(exc: BaseException, name: str) -> str:
    """``template:line`` of a template error, as far as it is known."""
    line = getattr(exc, "lineno", None)
    filename = getattr(exc, "filename", None)
    shown = Path(filename).name if filename and line else name
    if not line:
        line = _template_line(exc, name)
    return f"{shown}:{line}" if line else shown


def _template_line(exc: BaseException, name: str) -> int | None:
    """The template line a runtime error came from (Jinja puts it in the traceback)."""
    import traceback

    lines = [frame.lineno for frame in traceback.extract_tb(exc.__traceback__)
             if frame.filename.endswith(name)]
    return lines[-1] if lines else None


def render_briefing(brief: Brief, selection: Selection, templates_dir: Path,
                    fmt: Format = "pdf") -> str:
    """The HTML of one briefing. ``fmt`` decides how footnotes are written (see Notes).
    ``seat_notes`` maps an ask id to the sentence on why this fractie's seats matter for it
    (see :func:`debatbrief.plan.seat_note`), for the asks where the arithmetic says so; a
    sentence that would repeat word for word is printed only at the first of its asks."""
    from .plan import seat_note

    seat_notes: dict[str, str] = {}
    for chosen in selection.asks:
        note = seat_note(brief, selection.fractie.id, chosen.ask.id)
        if note and note not in seat_notes.values():
            seat_notes[chosen.ask.id] = note
    return render_template(templates_dir, "briefing.html.j2", brief=brief, meta=brief.meta,
                           s=selection, fractie=selection.fractie,
                           notes=Notes(brief, fmt, compact=selection.length == "short"),
                           fmt=fmt, seat_notes=seat_notes)
