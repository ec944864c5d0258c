"""Render a selection to HTML with Jinja2: the briefing and the card sheet.

One function, :func:`environment`, builds the Jinja environment: autoescape on,
undefined names are errors, Babel filters for dates and numbers in the brief's locale.
Prose from a brief passes through :class:`Notes`, which escapes it, applies inline
Markdown (emphasis only; raw HTML is escaped, never passed through) and turns Pandoc
citations into footnotes numbered through the document.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from jinja2 import (
    BaseLoader,
    BytecodeCache,
    Environment,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
)
from jinja2.bccache import Bucket
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from markupsafe import Markup, escape

from debatbrief.base import paths
from debatbrief.base.errors import DebatbriefError, RenderError, reason
from debatbrief.brief.cite import as_reported, format_date, source_short
from debatbrief.brief.models import CITATION_RE, Brief, Source, citation_keys
from debatbrief.brief.sentences import clauses
from debatbrief.brief.sentences import pieces as split_sentences
from debatbrief.briefing.select import Selection

Format = Literal["pdf", "html"]


def format_number(value: int | float, locale: str = "nl") -> str:
    """A number with the brief's grouping and decimal signs (Babel)."""
    from babel.numbers import format_decimal

    return format_decimal(value, locale=locale)


def css_string(value: str) -> Markup:
    """A Python string as a quoted CSS string literal, safe inside a ``<style>`` block; its
    right-to-left runs are isolated as in the body (:func:`~debatbrief.base.chars.isolate_rtl`),
    since generated content such as the footer is outside what the PDF step isolates."""
    from debatbrief.base.chars import isolate_rtl

    escaped = "".join(
        ch if ch.isalnum() or ch in " .,-:;()/" else f"\\{ord(ch):x} "
        for ch in isolate_rtl(typographic(value))
    )
    return Markup(f'"{escaped}"')


_MARKDOWN = None
#: What markdown-it's emphasis, escape and entity rules (and its input normalisation) act
#: on; a text without any of these renders as itself, HTML-escaped.
_MARKDOWN_SYNTAX_RE = re.compile(r"[*_\\&\r\0]")
_MARK_OPEN, _MARK_CLOSE = "\ue000", "\ue001"
_PLACEHOLDER_RE = re.compile(f"{_MARK_OPEN}(\\d+){_MARK_CLOSE}")


def inline_markdown(text: str) -> str:
    """Inline Markdown to HTML (emphasis and strong only), with typographic quotes;
    raw HTML in ``text`` is escaped."""
    global _MARKDOWN
    text = typographic(text)
    if not _MARKDOWN_SYNTAX_RE.search(text):
        # Nothing for the enabled rules to do: markdown-it would only escape, and the
        # briefing is made without importing it (about 45 ms of each `make`, issue 25).
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    if _MARKDOWN is None:
        from markdown_it import MarkdownIt

        _MARKDOWN = MarkdownIt("zero", {"html": False, "typographer": False}).enable(
            ["emphasis", "escape", "entity"]
        )
    return _MARKDOWN.renderInline(text)


#: An apostrophe, not an opening quote: 's, 't, 'n, 'k and years ('80) in Dutch.
_ELISION_RE = re.compile(r"(?<![\w\u2019])'(?=(?:s|t|n|k)(?![\w])|\d\d\b|s-)")


def typographic(text: str) -> str:
    """Straight quotes, apostrophes and three dots as a typesetter prints them (Dutch).

    ``"x"`` → “x”, ``'x'`` → ‘x’, ``risico's`` and ``'s-Hertogenbosch`` → ’, ``...`` → ….
    The brief's data keeps whatever quotes its authors typed; only the printed text changes.
    """
    if "'" not in text and '"' not in text and "..." not in text:
        return text
    text = text.replace("...", "…")
    text = _ELISION_RE.sub("\u2019", text)
    text = re.sub(r"(?<=\w)'(?=\w)", "\u2019", text)  # risico's, VluchtelingenWerk's
    text = re.sub(r"(?:^|(?<=[\s(\[{“\u2014\u2013/=]))'(?=\S)", "\u2018", text)
    text = text.replace("'", "\u2019")
    text = re.sub(r'(?:^|(?<=[\s(\[{‘\u2014\u2013/=]))"(?=\S)', "\u201c", text)
    return text.replace('"', "\u201d")


_TRAILING_PUNCTUATION_RE = re.compile("[.!?\u2026,;:]+[\u2019\u201d'\")\\]]*$")


@dataclass
class Note:
    """One footnote: its number and the (source, locator) pairs it cites, in order."""

    number: int
    refs: list[tuple[Source, str | None]]
    html: Markup = field(default=Markup(""))


class Notes:
    """Numbers the notes of one document and renders prose with them.

    The note design of a professional briefing: **one note per sentence** (or per clause,
    up to a semicolon), listing every source it cites (``[@a] ... [@b; @c]`` in one
    sentence become one note, placed after the sentence's closing punctuation); notes give
    each source's short reference, and the full reference with its URL is printed once, in
    the source list at the end (:meth:`cited_sources`). So two note calls can never stand side by side, and
    a group of calls cannot break across a line: there is only ever one call per clause.

    Call :meth:`prose` in document order (Jinja renders top to bottom). In PDF mode a
    note becomes an inline ``<fn-note>`` element that CSS floats to the page foot (the
    PDF engine tags it as a /Note); in HTML mode a linked superscript, with the notes
    listed at the end (:attr:`notes`).
    """

    def __init__(self, brief: Brief, fmt: Format, compact: bool = False) -> None:
        self.brief = brief
        self.fmt = fmt
        self.compact = compact  # one-page handout
        self.notes: list[Note] = []
        self.cited: dict[str, Source] = {}
        self.locale = brief.meta.language
        self.names = names_in(brief)

    def short(self, source: Source) -> str:
        """The short reference of a source as notes print it (typographic quotes)."""
        return typographic(source_short(source, self.locale))

    def _note_html(self, note: Note) -> Markup:
        previous = self.notes[-1] if self.notes else None
        if previous is not None and [(s.id, loc) for s, loc in previous.refs] == [
            (s.id, loc) for s, loc in note.refs
        ]:
            # The same sources as the note before: "Idem.", as a typeset text has it.
            if self.fmt == "html":
                return Markup('<a href="#bron-{0}">Idem</a>.').format(note.refs[0][0].id)
            return Markup("Idem.")
        parts = []
        for source, locator in note.refs:
            text = escape(self.short(source))
            if self.fmt == "html":
                text = Markup('<a href="#bron-{0}">{1}</a>').format(source.id, text)
            parts.append(text + (escape(", " + typographic(locator)) if locator else ""))
        return Markup("; ").join(parts) + Markup(".")

    def cite(self, keys: str | list[tuple[str, str | None]], locator: str | None = None) -> Markup:
        """One note citing a source id (with ``locator``), or every ``(source_id,
        locator)`` in ``keys`` (repeats dropped); returns its call (PDF: the floated note
        element itself), joined to the word before it. Raises KeyError for an unknown
        source id."""
        if isinstance(keys, str):
            keys = [(keys, locator)]
        refs: list[tuple[Source, str | None]] = []
        seen: set[tuple[str, str | None]] = set()
        for key, locator in keys:
            if (key, locator) in seen:
                continue
            seen.add((key, locator))
            source = self.brief.source(key)
            self.cited.setdefault(key, source)
            refs.append((source, locator))
        note = Note(len(self.notes) + 1, refs)
        note.html = self._note_html(note)
        self.notes.append(note)
        if self.fmt == "pdf":
            # A word joiner keeps the call on the line of the word it follows.
            return Markup('\u2060<fn-note class="fn" id="fn-{0}" data-source="{1}">{2}</fn-note>').format(
                note.number, " ".join(s.id for s, _ in refs), note.html
            )
        return Markup('\u2060<sup class="fn-call"><a href="#fn-{0}" id="call-{0}">{0}</a></sup>').format(
            note.number
        )

    def prose(self, text: str) -> Markup:
        """Brief prose → safe HTML: escaped, typographic quotes, inline Markdown, and one
        note per clause for the citations that clause holds.

        A clause is a sentence, or the part of one up to a semicolon
        (:func:`~debatbrief.brief.sentences.clauses`): "... een gevaar [@a]; volgens de
        brief ..." gets its note after "gevaar;", never after the clause that follows.
        Only what is printed is cited: prose left out (a reasoning a handout has no room
        for) takes its citations with it, so a kept sentence ("Wij vinden ...") never
        carries a source that does not say it.
        """
        groups: list[list[tuple[str, str | None]]] = []

        def stash(match: re.Match[str]) -> str:
            groups.append(citation_keys(match.group(0)))
            return f"{_MARK_OPEN}{len(groups) - 1}{_MARK_CLOSE}"

        # Citations go out before Markdown sees the text, so their ids stay untouched.
        # The placeholders are private-use characters, removed from the input first so
        # that a brief cannot forge one.
        clean = text.replace(_MARK_OPEN, "").replace(_MARK_CLOSE, "").strip()
        marked = CITATION_RE.sub(stash, clean)
        calls: list[Markup] = []
        out = [
            self._clause(clause, groups, calls)
            for sentence in split_sentences(marked, _PLACEHOLDER_RE)
            for clause in clauses(sentence, _PLACEHOLDER_RE)
        ]
        html = keep_names_whole(inline_markdown("".join(out)), self.names)
        html = _PLACEHOLDER_RE.sub(lambda m: str(calls[int(m.group(1))]), html)
        return Markup(_break_urls(html, self.fmt))

    def _clause(self, clause: str, groups: list[list[tuple[str, str | None]]], calls: list[Markup]) -> str:
        """One clause with its citations (placeholders into ``groups``) made into one note,
        whose call (added to ``calls``) stands after the clause's closing punctuation,
        against it, as Dutch typesetting does."""
        keys = [key for i in _PLACEHOLDER_RE.findall(clause) for key in groups[int(i)]]
        if not keys:
            return clause
        bare = re.sub(rf"\s*{_PLACEHOLDER_RE.pattern}", "", clause)
        stripped = bare.rstrip()
        calls.append(self.cite(keys))
        return stripped + f"{_MARK_OPEN}{len(calls) - 1}{_MARK_CLOSE}" + bare[len(stripped) :]

    def cited_sources(self) -> list[Source]:
        """The sources cited so far, for the source list: alphabetical by the short
        reference the notes print (so a reader finds a note's source at once)."""
        return sorted(self.cited.values(), key=lambda s: (self.short(s).casefold(), s.id))

    def checked_sources(self) -> list[Source]:
        """Cited sources with a correction or a caveat (for an errata section)."""
        return [s for s in self.cited_sources() if s.correction or s.caveat]

    def reference(self, source: Source) -> str:
        """The full reference of a source for the source list (typographic quotes); a
        leak is referenced as reported (:func:`~debatbrief.brief.cite.as_reported`)."""
        return typographic(as_reported(source, self.locale))

    def source_columns(self, sources: list[Source]) -> list[list[Source]]:
        """``sources`` cut in two, in order, for the two columns of the source list: the
        first half read top to bottom, then the second, as in a printed bibliography. The
        cut is where the taller column is least tall, by each entry's height as
        :func:`~debatbrief.briefing.measure.entry_height` counts it; of two such cuts the
        later, so the first column is the longer (as CSS column balancing fills it).

        One list (for the engine's own balanced columns) when there are fewer than two
        sources, or when a column would be taller than
        :data:`~debatbrief.briefing.measure.PAGE_COLUMN`: the two halves are kept on one
        page, and across a page break only CSS columns keep the reading order.

        Two columns of our own are one pass for WeasyPrint; CSS ``columns`` balances by
        laying the list out again and again (see benchmarks/README.md)."""
        from debatbrief.briefing.measure import PAGE_COLUMN, entry_height

        heights = [entry_height(self.short(s), self.reference(s), self.url_text(s)) for s in sources]
        total, best, best_cut, running = sum(heights), float("inf"), 0, 0.0
        for cut in range(1, len(sources)):
            running += heights[cut - 1]
            taller = max(running, total - running)
            if taller <= best + 0.01:
                best, best_cut = min(best, taller), cut
        if not best_cut or best > PAGE_COLUMN:
            return [list(sources)]
        return [list(sources[:best_cut]), list(sources[best_cut:])]

    def url_text(self, source: Source) -> str:
        """The URL's text as the source list prints it, with its break points (zero-width
        spaces); empty when it prints none."""
        if not source.url or self.compact:
            return ""
        return breakable_url(source.url, "pdf").unescape()

    def url(self, source: Source) -> Markup:
        """The source's URL as a link whose text breaks only after / . - (empty if none,
        and in the one-page handout, which has room for the references only), on a line
        of its own.

        A line break, not a space, before it: with a space between the reference and the
        link, WeasyPrint 70 can break the reference's last full line after its first word
        (the fnv brief's "... draaien kiezers / rad / voor ogen ...")."""
        if not source.url or self.compact:
            return Markup("")
        return Markup('<br><a class="url" href="{0}">{1}</a>').format(
            source.url, breakable_url(source.url, self.fmt)
        )

    def name(self, text: str) -> Markup:
        """A name (or a phrase holding one) as a span that is never hyphenated."""
        return Markup('<span class="name">{0}</span>').format(typographic(text))

    def plain(self, text: str) -> str:
        """Prose with citations removed (for places that cannot hold notes)."""
        return re.sub(r"\s+([.,;:])", r"\1", CITATION_RE.sub("", text)).strip()


#: A URL in running text (a brief may quote one).
_URL_IN_TEXT_RE = re.compile(r"https?://[^\s<>\"]+[^\s<>\".,;:!?)\u2019\u201d]")


def _break_urls(html: str, fmt: Format) -> str:
    """Give URLs inside prose the same break points as listed URLs."""
    if "://" not in html:
        return html
    return _URL_IN_TEXT_RE.sub(lambda m: str(breakable_url(Markup(m.group(0)).unescape(), fmt)), html)


#: Break points in a URL: after / . - ? = & : in its path, never inside the scheme and host
#: (a query such as "?uri=CELEX:32013R0604" must break too in a narrow column).
_URL_BREAK_RE = re.compile(r"(?<=[/.\-?=&:])(?=[^/.\-?=&:])")


def breakable_url(url: str, fmt: Format = "pdf") -> Markup:
    """A URL whose text may break only after ``/ . - ? = & :`` in its path (never in
    the scheme or host), and never with a hyphen: a zero-width space in PDF (the link
    stays one box, so one link annotation, and the extracted text has no extra
    character), ``<wbr>`` in HTML (nothing extra when copied from a browser)."""
    scheme, sep, rest = url.partition("://")
    if not sep:
        scheme, rest = "", url
    host, slash, path = rest.partition("/")
    if not path:
        return escape(url)
    mark = Markup("<wbr>") if fmt == "html" else Markup("\u200b")
    return (
        escape(scheme + sep + host + slash)
        + mark
        + mark.join(escape(piece) for piece in _URL_BREAK_RE.split(path))
    )


#: The latest moment a PDF date can hold (31-12-9999 23:59:59 UTC), as GCC also checks.
_LAST_EPOCH = 253402300799


def source_date_epoch() -> int | None:
    """``SOURCE_DATE_EPOCH`` as seconds since 1970 (UTC), or ``None`` when it is not set.

    The reproducible-builds specification says the value is an integer as ``date +%s``
    prints it, and that a build SHOULD fail on a malformed one; an empty or blank value
    counts as malformed (as in GCC), not as unset. Raises :class:`UsageError` (exit 2:
    a wrong setting, like a wrong option) with one Dutch line.
    """
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if value is None:
        return None
    if value.isascii() and value.isdigit() and int(value) <= _LAST_EPOCH:
        return int(value)
    from debatbrief.base.errors import UsageError

    raise UsageError(
        f"SOURCE_DATE_EPOCH={value!r} is geen geldig tijdstip: geef een geheel "
        f"aantal seconden sinds 1 januari 1970 UTC (zoals 'date +%s' het geeft), "
        f"of laat de variabele weg."
    )


def document_date(meta) -> str:
    """The date stamped in the PDF's metadata: ``SOURCE_DATE_EPOCH`` when set (reproducible
    builds), else the document's date (the debate's when only its ``date_text`` is
    known); never the clock, so the same brief gives the same
    bytes. Raises UsageError for a malformed ``SOURCE_DATE_EPOCH``.
    """
    epoch = source_date_epoch()
    if epoch is not None:
        moment = dt.datetime.fromtimestamp(epoch, tz=dt.UTC)
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    return (meta.document.date or meta.debate.date).isoformat()  # date_text only: the debate's


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
        raise TemplateRefused(
            name, "ligt buiten de sjablonenmap; een sjabloon kan alleen bestanden uit die map gebruiken"
        )
    path = Path(templates_dir, *[piece for piece in pieces if piece != "."])
    from debatbrief.briefing.pdf import symlink_below

    link = symlink_below(Path(templates_dir), path)
    if link is not None:
        raise TemplateRefused(name, "is een symbolische koppeling; zet het bestand zelf in de sjablonenmap")
    kind = paths.special_kind(path)
    if kind is not None:  # a FIFO or device would block or act when opened
        raise TemplateRefused(name, paths.refusal(kind))
    if not path.is_file():
        raise TemplateNotFound(name)
    return path


def read_template_file(templates_dir: Path, name: str) -> str:
    """The text of ``name`` in ``templates_dir`` (see :func:`template_path`); raises
    :class:`RenderError` naming the problem."""
    try:
        return paths.read_regular(template_path(templates_dir, name)).decode("utf-8")
    except TemplateRefused as exc:
        raise RenderError(f"{paths.display(Path(templates_dir, name))}: {exc.reason}") from exc
    except paths.FileRefused as exc:
        raise RenderError(f"{paths.display(Path(templates_dir, name))}: {exc.why}") from exc
    except (TemplateNotFound, OSError, UnicodeDecodeError) as exc:
        why = f" ({reason(exc)})" if isinstance(exc, OSError) else ""
        raise RenderError(
            f"{paths.display(Path(templates_dir, name))}: ontbreekt of is "
            f"onleesbaar{why}; geef met --templates een map met "
            f"briefing.html.j2 en briefing.css"
        ) from exc


class _TemplatesLoader(BaseLoader):
    """Loads templates only from the templates folder, never through a symbolic link."""

    def __init__(self, templates_dir: Path) -> None:
        self.templates_dir = Path(templates_dir)

    def get_source(self, environment: Environment, template: str):
        path = template_path(self.templates_dir, template)
        try:
            source = paths.read_regular(path).decode("utf-8")
        except paths.FileRefused as exc:
            raise TemplateRefused(template, exc.why) from exc
        except (OSError, UnicodeDecodeError) as exc:
            raise TemplateRefused(template, "is onleesbaar (geen UTF-8-tekst of geen toegang)") from exc
        mtime = path.stat().st_mtime

        def uptodate() -> bool:  # a template removed since: read again (and refused)
            try:
                return path.stat().st_mtime == mtime
            except OSError:
                return False

        return source, str(path), uptodate


def _finalize(value: Any) -> Any:
    """What ``{{ ... }}`` prints: Pandoc's escaped ``\\@`` is a literal "@" in brief text
    printed as it stands (prose gets the same from Markdown), and every plain string gets
    typographic quotes; markup made by :class:`Notes` or a filter passes unchanged."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return typographic(value.replace("\\@", "@") if "\\@" in value else value)
    return value


def environment(templates_dir: Path) -> Environment:
    """The one Jinja environment: sandboxed, autoescape, strict undefined, Babel filters.

    Templates may come from anyone (``--templates DIR``), so they run in Jinja's
    immutable sandbox (no access to Python internals, no changing the data) and are read
    only from ``templates_dir`` (see :func:`template_path`).
    """
    env = ImmutableSandboxedEnvironment(
        loader=_TemplatesLoader(templates_dir),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_finalize,
        bytecode_cache=CompiledTemplates(),
    )
    env.filters["date"] = format_date
    # A date that wraps leaves "2026" alone on a line: keep its words together.
    env.filters["nobreak"] = lambda text: str(text).replace(" ", "\u00a0")
    env.filters["number"] = format_number
    env.filters["css_string"] = css_string
    env.filters["reference"] = as_reported
    env.filters["short"] = source_short
    env.filters["url"] = breakable_url
    env.filters["typographic"] = typographic
    env.filters["citations"] = citation_keys
    env.globals["document_date"] = document_date
    return env


class CompiledTemplates(BytecodeCache):
    """Jinja's cache of compiled templates, as files in ``<cache>/templates/`` (the user's
    cache folder, :func:`debatbrief.base.paths.cache_dir`, looked up at each use).

    Compiling the briefing template costs about 0.1 s of CPU in every ``make`` process
    (issue 25). Jinja names an entry after the template's name and file (one file per
    template, replaced when it changes) and stores a checksum of the source in it, so an
    edited template is compiled afresh. Like the other caches it is optional: with the cache
    off (``--no-cache``) or unwritable it compiles as before, an entry that is not a regular
    file (a FIFO would block, issue 23) or not Jinja's is ignored, and an entry is written
    via a temporary file and a rename.
    """

    def _file(self, bucket: Bucket) -> Path | None:
        folder = paths.cache_dir()
        return None if folder is None else folder / "templates" / f"{bucket.key}.cache"

    def load_bytecode(self, bucket: Bucket) -> None:
        path = self._file(bucket)
        if path is None:
            return
        try:
            data = paths.read_regular(path)
        except OSError:  # absent, refused or unreadable: compile
            return
        try:
            bucket.bytecode_from_string(data)
        except Exception:  # a damaged entry (pickle may raise anything): compile afresh
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        path = self._file(bucket)
        if path is not None:
            paths.write_cache_file(path, bucket.bytecode_to_string())


_ENVIRONMENTS: dict[Path, Environment] = {}


def _environment_of(templates_dir: Path) -> Environment:
    """:func:`environment` for ``templates_dir``, made once per process: Jinja then
    compiles each template once (50 ms for the briefing) and compiles it again only when
    the file changes (the loader's ``uptodate``), as during ``watch``."""
    if templates_dir not in _ENVIRONMENTS:
        _ENVIRONMENTS[templates_dir] = environment(templates_dir)
    return _ENVIRONMENTS[templates_dir]


def render_template(templates_dir: Path, name: str, **context: Any) -> str:
    """Render one template to a string; template problems become :class:`RenderError`
    naming the template file and line."""
    try:
        return _environment_of(Path(templates_dir)).get_template(name).render(**context)
    except TemplateRefused as exc:
        raise RenderError(f"{_where(exc, name)}: sjabloon '{exc.name}' {exc.reason}") from exc
    except TemplateNotFound as exc:
        if exc.name == name:
            raise RenderError(
                f"{paths.display(templates_dir / name)}: sjabloon ontbreekt; "
                f"geef met --templates een map met de sjablonen (zie de "
                f"meegeleverde templates/)"
            ) from exc
        raise RenderError(
            f"{_where(exc, name)}: sjabloon '{exc.name}' ontbreekt in {paths.display(templates_dir)}"
        ) from exc
    except SecurityError as exc:
        raise RenderError(
            f"{_where(exc, name)}: het sjabloon vraagt iets wat niet mag "
            f"({exc.message or exc}); een sjabloon kan geen code uitvoeren of "
            f"gegevens veranderen"
        ) from exc
    except TemplateError as exc:
        raise RenderError(f"{_where(exc, name)}: sjabloonfout: {exc.message or exc}") from exc
    except KeyError as exc:
        raise RenderError(f"{name}: verwijzing naar onbekende bron {exc}") from exc
    except (DebatbriefError, MemoryError):
        raise
    except Exception as exc:  # {{ 1/0 }}, {{ "a" + 1 }}: whatever a template computes is its own
        said = str(exc).strip() or type(exc).__name__
        raise RenderError(
            f"{_where(exc, name)}: fout bij het invullen van het sjabloon "
            f"({type(exc).__name__}: {said}); pas het sjabloon aan"
        ) from exc


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

    lines = [
        frame.lineno for frame in traceback.extract_tb(exc.__traceback__) if frame.filename.endswith(name)
    ]
    return lines[-1] if lines else None


def render_briefing(brief: Brief, selection: Selection, templates_dir: Path, fmt: Format = "pdf") -> str:
    """The HTML of one briefing, written to the fractie's MP: nothing internal (no stance
    estimates, assessment or seat counts; those are for the prep sheet). ``fmt`` decides
    how footnotes are written (see Notes)."""
    notes = Notes(brief, fmt, compact=selection.length == "short")
    return render_template(
        templates_dir,
        "briefing.html.j2",
        brief=brief,
        meta=brief.meta,
        s=selection,
        fractie=selection.fractie,
        notes=notes,
        fmt=fmt,
    )


def names_in(brief: Brief) -> list[str]:
    """Every proper name a briefing may print that must never be hyphenated: the sender,
    the author, the signatory and contact person, and the fracties (abbreviation, name, how
    running text calls them, fractievoorzitter, woordvoerders)."""
    meta = brief.meta
    found = list(dict.fromkeys(meta.sender.names + meta.writer.names))
    for person in (meta.document.signatory, meta.contact_person):
        if person is not None:
            found.append(person.name)
    for fractie in brief.kamer.fracties:
        found += (
            [fractie.abbreviation, fractie.name]
            + [n for n in (fractie.called, fractie.fractievoorzitter) if n]
            + [w.name for w in fractie.woordvoerders.values()]
        )
    return sorted({n for n in found if len(n) >= 6}, key=len, reverse=True)


_TAG_RE = re.compile(r"(<[^>]*>)")


#: The tags of an HTML page, and the elements whose text is not shown as running text.
_HTML_TAG_RE = re.compile(r"(<[^>]*>)")
_NOT_SHOWN = ("<style", "<script", "<title")


def isolate_rtl_html(html: str) -> str:
    """``html`` for a browser, with every right-to-left run of its shown text in a
    ``<bdi>`` element (which isolates it: ``unicode-bidi: isolate``), so that a number
    after Arabic or Hebrew words keeps the order it was written in ("هاتف 020 346 72 00"),
    as :func:`debatbrief.briefing.pdf.isolate_directions` does before PDF layout with
    isolate characters. Tags, attributes, styles and the title are left alone."""
    from debatbrief.base.chars import RTL_RE, RTL_RUN_RE

    if not RTL_RE.search(html):
        return html
    parts = _HTML_TAG_RE.split(html)
    for index in range(0, len(parts), 2):
        if index and parts[index - 1].lower().startswith(_NOT_SHOWN):
            continue
        parts[index] = RTL_RUN_RE.sub(lambda run: f"<bdi>{run.group(0)}</bdi>", parts[index])
    return "".join(parts)


def keep_names_whole(html: str, names: list[str]) -> str:
    """Wrap each of ``names`` in the text of ``html`` (never inside a tag) in a
    ``<span class="name">``, which the stylesheet never hyphenates."""
    if not names:
        return html
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(str(escape(n))) for n in names) + r")(?![\w-])")
    return "".join(
        piece if piece.startswith("<") else pattern.sub(r'<span class="name">\1</span>', piece)
        for piece in _TAG_RE.split(html)
    )
