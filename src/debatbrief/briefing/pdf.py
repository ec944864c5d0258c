"""HTML string -> PDF file with WeasyPrint, safely and atomically.

* Nothing is fetched from the network, and no file outside the allowed folders (the
  templates folder and the brief's own folder): other URLs are refused.
* Any WeasyPrint warning caused by our HTML or CSS is an error (as WeasyPrint's own test
  suite does); warnings about the machine (fonts, HarfBuzz subsetting) are collected for
  ``--verbose`` instead of reaching the lobbyist as noise.
* The PDF is written to a temporary file beside the target and renamed into place, so a
  failed or interrupted render leaves the previous file intact and no partial file.
* Same input, same bytes, on every machine: the PDF's dates and /ID come from the
  document, and so does the clock fontTools stamps into each embedded font (see
  :func:`document_clock`).
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

from debatbrief.base import errors, paths
from debatbrief.base.errors import OutputError, RenderError, ResourceError, reason
from debatbrief.briefing.libraries import import_weasyprint

#: WeasyPrint messages that describe the machine, not our templates.
ENVIRONMENT_HINTS = ("harfbuzz", "fontconfig", "fonttools")


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextlib.contextmanager
def _captured_warnings() -> Iterator[_Collector]:
    logger = logging.getLogger("weasyprint")
    collector = _Collector()
    old_propagate = logger.propagate
    logger.addHandler(collector)
    logger.propagate = False
    try:
        yield collector
    finally:
        logger.removeHandler(collector)
        logger.propagate = old_propagate


def _fetcher(allowed: list[Path]):
    """A WeasyPrint URL fetcher that only serves files under ``allowed`` folders, reached
    without a symbolic link (a link could lead anywhere); see :func:`local_file`."""
    from weasyprint.urls import URLFetcher

    roots = [Path(os.path.abspath(folder)) for folder in allowed]

    class LocalOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if not url.startswith("file:"):
                raise ValueError(f"debatbrief haalt geen externe bronnen op: {url}")
            # Open the path that was checked, never the URL as written.
            return super().fetch(local_file(url, roots).as_uri(), headers)

    return LocalOnlyFetcher()


def local_file(url: str, roots: list[Path]) -> Path:
    """The file a ``file:`` URL names, if it may be read: inside one of ``roots`` (absolute
    folders), by a path without ``..`` (however it is written: ``%2e%2e`` decodes to it)
    and without a symbolic link below the root, and inside that root once the kernel has
    resolved it. Returns the resolved path; raises :class:`ValueError` (a Dutch reason)."""
    from urllib.parse import unquote, urlsplit

    raw = unquote(urlsplit(url).path)
    if ".." in raw.split("/") or "\0" in raw:
        raise ValueError(
            f"{raw}: een pad met '..' wordt niet gevolgd; verwijs naar een bestand in de sjablonenmap zelf"
        )
    target = Path(os.path.abspath(raw))
    for root in roots:
        if not target.is_relative_to(root):
            continue
        link = symlink_below(root, target)
        if link is not None:
            raise ValueError(f"{link} is een symbolische koppeling; debatbrief volgt die niet")
        real = Path(os.path.realpath(target))
        if real.is_relative_to(os.path.realpath(root)):
            kind = paths.special_kind(real)
            if kind is not None and kind != "map":  # a FIFO or device would block the render
                raise ValueError(f"{paths.display(real)}: {paths.refusal(kind)}")
            return real
    raise ValueError(f"debatbrief leest geen bestanden buiten de sjablonen- en briefmap: {raw}")


def symlink_below(root: Path, target: Path) -> Path | None:
    """The first path from ``root`` (exclusive) down to ``target`` that is a symbolic
    link, or ``None``. ``target`` must be lexically inside ``root``."""
    current = root
    for part in target.relative_to(root).parts:
        current = current / part
        if current.is_symlink():
            return current
    return None


def machine_warnings() -> list[str]:
    """What is missing on this machine that makes WeasyPrint slower (not an error)."""
    import_weasyprint()
    from weasyprint.text import ffi

    if getattr(ffi, "harfbuzz_subset", True) is None:
        return [
            "libharfbuzz-subset ontbreekt: lettertypen worden met fontTools ingesloten "
            "(ongeveer een derde trager per briefing)"
        ]
    return []


#: PDF structure types for the elements WeasyPrint 70 has no mapping for: our footnote
#: element (see render.Notes), its call in the text and its number at the page foot.
#: WeasyPrint would tag them /NonStruct and /Span; PDF/UA wants /Note (with an /ID).
NOTE_TAGS = {"fn-note": "Note", "fn-note::footnote-call": "Reference", "fn-note::footnote-marker": "Lbl"}


@contextlib.contextmanager
def _note_tags() -> Iterator[None]:
    """While a PDF is written, map our note elements to PDF structure types.

    WeasyPrint maps HTML tags to structure types in one private function and offers no
    option for notes; wrapping that function is the smallest change that gives footnotes
    their standard type. If a WeasyPrint release renames it, nothing breaks: the notes
    are tagged as before, and ``tests/test_layout.py`` fails on the missing /Note.
    """
    try:
        from weasyprint.pdf import tags
    except ImportError:  # pragma: no cover - a WeasyPrint without tagging
        yield
        return
    original = getattr(tags, "_get_pdf_tag", None)
    if original is None:  # pragma: no cover
        yield
        return

    def pdf_tag(tag):
        return NOTE_TAGS.get(tag) or original(tag)

    tags._get_pdf_tag = pdf_tag
    try:
        yield
    finally:
        tags._get_pdf_tag = original


def remember_selectors() -> None:
    """Compile each CSS selector once per process, not once per document.

    WeasyPrint parses a document's stylesheets anew for every document it lays out, and
    cssselect2 compiles every selector into a Python function with ``eval``: for
    ``briefing.css`` about 70 ms of each layout, paid again for every fractie of
    ``make --all``, every fitting attempt and every ``watch`` round. A compiled selector
    is a pure function of the selector's text, so one compiled list serves every document.
    Wrapping the one function WeasyPrint calls is the smallest change; if a release
    renames it, nothing breaks and layouts only compile as before. Idempotent.
    """
    from weasyprint.css import validation

    original = getattr(validation, "compile_selector_list", None)
    if original is None or getattr(original, "remembers", False):
        return
    from tinycss2 import serialize

    compiled: dict[str, list] = {}

    def compile_selector_list(prelude, namespaces=None):
        if namespaces is not None:  # not what WeasyPrint passes; keep its meaning
            return original(prelude, namespaces)
        key = prelude if isinstance(prelude, str) else serialize(prelude)
        if key not in compiled:
            compiled[key] = original(prelude)
        return list(compiled[key])

    compile_selector_list.remembers = True  # type: ignore[attr-defined]
    validation.compile_selector_list = compile_selector_list


class _OpenArrays:
    """WeasyPrint's cffi ``FFI``, but a sized array type with an initializer of its own
    length (``hb_codepoint_t[137]``) is made as the open type (``hb_codepoint_t[]``).

    cffi parses every new type string with pycparser (about 4 ms) and keeps it per
    string; the subsetter names each array by its length, so every font of every
    document paid new parses. The open type is parsed once per process and makes the
    same array. Everything else goes to the real ``FFI``.
    """

    _SIZED = re.compile(r"([A-Za-z_][A-Za-z0-9_ ]*)\[(\d+)\]")

    def __init__(self, ffi) -> None:
        self._ffi = ffi

    def new(self, cdecl, init=None):
        sized = self._SIZED.fullmatch(cdecl) if isinstance(cdecl, str) else None
        if sized and isinstance(init, (list, tuple)) and len(init) == int(sized[2]):
            return self._ffi.new(f"{sized[1]}[]", init)
        return self._ffi.new(cdecl, init)

    def __getattr__(self, name: str):
        return getattr(self._ffi, name)


def share_array_types() -> None:
    """Let WeasyPrint's font subsetter parse its array types once per process (see
    :class:`_OpenArrays`). If a release moves the module or the name, nothing breaks and
    subsetting only parses as before. Idempotent."""
    try:
        from weasyprint.pdf import fonts
    except ImportError:  # pragma: no cover - a WeasyPrint without this module
        return
    ffi = getattr(fonts, "ffi", None)
    if ffi is not None and not isinstance(ffi, _OpenArrays):
        fonts.ffi = _OpenArrays(ffi)


def _identify_notes(document, pdf) -> None:
    """WeasyPrint finisher: give every /Note structure element the /ID PDF/UA-1 requires
    (ISO 14289-1, 7.9), numbered in document order."""
    import pydyf

    number = 0
    for obj in pdf.objects:
        if isinstance(obj, pydyf.Dictionary) and obj.get("S") == "/Note":
            number += 1
            obj["ID"] = pydyf.String(f"note-{number}")


def _misplaced_notes(html: str, document) -> tuple[int, int]:
    """(lost, moved): notes the HTML holds that no page prints, and notes printed on
    another page than the one that calls them."""
    written = html.count("<fn-note ")
    if not written:
        return 0, 0
    calls: dict[str, int] = {}
    bodies: dict[str, int] = {}
    for number, page in enumerate(document.pages):
        stack = [page._page_box.children[0]]
        while stack:
            box = stack.pop()
            if box.element_tag == "fn-note::footnote-call":
                calls.setdefault(box.element.get("id"), number)
            stack.extend(getattr(box, "children", None) or [])
        for area in page._page_box.children[1:2]:
            for box in area.children:
                if box.element_tag == "fn-note":
                    bodies.setdefault(box.element.get("id"), number)
    moved = sum(1 for note, page in bodies.items() if calls.get(note) != page)
    return written - len(bodies), moved


def _unprintable_note(document) -> str | None:
    """A Dutch line for the first note that is not printed whole beside its call: on
    another page than its call, drawn over the text or past the page's foot, or taking
    more than half the page; ``None`` when every note is. Names the note's sources (the
    sentence that cites them is where the brief must change)."""
    calls: dict[str, int] = {}
    for number, page in enumerate(document.pages):
        for box in page._page_box.children[0].descendants():
            if box.element_tag == "fn-note::footnote-call":
                calls.setdefault(box.element.get("id"), number)
    for number, page in enumerate(document.pages):
        page_box = page._page_box
        bottom = page_box.content_box_y() + page_box.height
        text_end = max(
            (
                line.position_y + line.margin_height()
                for line in page_box.children[0].descendants()
                if type(line).__name__ == "LineBox"
            ),
            default=0.0,
        )
        for area in page_box.children[1:2]:
            for note in (box for box in area.children if box.element_tag == "fn-note"):
                top, end = note.position_y, note.position_y + note.margin_height()
                if (
                    calls.get(note.element.get("id"), number) != number
                    or top < text_end - 0.5
                    or end > bottom + 0.5
                    or end - top > page_box.height / 2
                ):
                    return _note_line(note.element)
    return None


def _note_line(element) -> str:
    """'voetnoot 3 (bij bron-a, bron-b en 118 andere) ...': what the lobbyist must fix."""
    sources = (element.get("data-source") or "").split()
    named = ", ".join(sources[:3]) + (f" en {len(sources) - 3} andere" if len(sources) > 3 else "")
    number = (element.get("id") or "").removeprefix("fn-")
    return (
        f"voetnoot {number} (bij {named or 'de tekst'}) past niet in zijn geheel op de "
        f"pagina die ernaar verwijst; verdeel de verwijzingen van die zin over meer zinnen "
        f"of kort ze in"
    )


#: Layout variants tried, in order, when WeasyPrint 70 leaves a note off its calling page
#: or drops it: its footnote reporting for orphans (WeasyPrint #2432/#2437) misplaces a
#: note at some page breaks. Moving the break (three lines kept together at a page foot,
#: or at a page head) avoids that path; a single line alone is the last resort.
FOOTNOTE_FALLBACKS = (
    "html, p, li { orphans: 3 !important }",
    "html, p, li { widows: 3 !important }",
    "html, p, li { orphans: 1 !important }",
)


#: The language of a document's root element (``<html lang="nl">``), whose hyphenation
#: patterns are read before the layout needs them.
_ROOT_LANG_RE = re.compile(r"<html\b[^>]*?\blang=[\"']?([A-Za-z0-9-]+)")

#: A tag of our HTML (the templates escape ``<`` and ``>`` in text and attributes), and
#: the elements whose text is not printed prose.
_TAG_RE = re.compile(r"(<[^>]*>)")
_NOT_PROSE = ("<style", "<script", "<title")


def isolate_directions(html: str) -> str:
    """``html`` with the right-to-left runs of its printed text isolated
    (:func:`debatbrief.base.chars.isolate_rtl`), so that a number after Arabic or Hebrew
    words is not printed reversed. Tags, attributes, styles and the title are untouched."""
    from debatbrief.base.chars import RTL_RE, isolate_rtl

    if not RTL_RE.search(html):
        return html
    parts = _TAG_RE.split(html)
    for index in range(2, len(parts), 2):
        if not parts[index - 1].lower().startswith(_NOT_PROSE):
            parts[index] = isolate_rtl(parts[index])
    parts[0] = isolate_rtl(parts[0])
    return "".join(parts)


#: Address space a render needs beyond what is in use when the engine is set up (Pango's
#: font threads, the layout); reserved and given back at once, never touched.
HEADROOM = 64 * 1024 * 1024
#: The least address space (``ulimit -v``) a render is known to finish in: a full
#: briefing peaks near 340 MB; below this, Pango's threads fail at random and GLib aborts.
MIN_ADDRESS_SPACE = 400 * 1024 * 1024


def _check_resources() -> None:
    """Fail with one Dutch line while Python can still speak: with too little memory,
    Pango cannot start its font thread and GLib aborts the process without a word."""
    import mmap
    import resource
    import threading

    limit = resource.getrlimit(resource.RLIMIT_AS)[0]
    if limit != resource.RLIM_INFINITY and limit < MIN_ADDRESS_SPACE:
        raise ResourceError(
            errors.memory_line() + f"; een PDF vraagt ten minste {MIN_ADDRESS_SPACE // 1024} kB"
        )
    try:
        mmap.mmap(-1, HEADROOM).close()
        probe = threading.Thread(target=bool)
        probe.start()
        probe.join()
    except (OSError, RuntimeError, MemoryError) as exc:
        raise ResourceError(errors.memory_line()) from exc


def _font_trouble(exc: RenderError) -> str:
    """Why the bundled fonts, which are known to load, did not: too few open files (the
    usual cause; fontconfig's files are closed again by the time we could look), else
    what WeasyPrint said."""
    import resource

    if errors.out_of_files() or resource.getrlimit(resource.RLIMIT_NOFILE)[0] < 256:
        return errors.files_line()
    said = str(exc).split(": ", 1)[-1]
    return f"De meegeleverde lettertypen laden niet ({said}); installeer debatbrief opnieuw"


class Engine:
    """One WeasyPrint set-up reused across documents (font configuration, the bundled
    fonts, caches).

    ``environment_warnings`` collects, over all documents, what WeasyPrint said about the
    machine (for example a missing HarfBuzz subsetting library).
    """

    def __init__(self) -> None:
        import_weasyprint()  # first, so that its system libraries are found from the cache
        remember_selectors()
        share_array_types()
        from weasyprint import CSS
        from weasyprint.text.fonts import FontConfiguration

        from debatbrief.base.typeface import font_dir, font_face_css

        _check_resources()
        self.font_config = FontConfiguration()
        self.cache: dict = {}
        self.environment_warnings: list[str] = machine_warnings()
        self.font_dir = font_dir()
        # The bundled faces, registered once per engine under names of their own.
        try:
            with self._watch():
                self.stylesheets = [
                    CSS(
                        string=font_face_css(),
                        font_config=self.font_config,
                        url_fetcher=_fetcher([self.font_dir]),
                    )
                ]
        except RenderError as exc:  # our own fonts: the machine is short of something
            raise ResourceError(_font_trouble(exc)) from exc

    def document(self, html: str, base_dir: Path, allowed: list[Path]):
        """Lay out ``html`` (its relative URLs resolve against ``base_dir``).

        Returns WeasyPrint's ``Document``. Raises :class:`RenderError` on any warning that
        our HTML or CSS caused.
        """
        from weasyprint import CSS, HTML

        from debatbrief.briefing.hyphenation import preload

        html = isolate_directions(html)
        root = _ROOT_LANG_RE.search(html)
        preload(root[1] if root else None)

        def lay_out(extra: str | None):
            sheets = self.stylesheets + ([CSS(string=extra)] if extra else [])
            with self._watch():
                return HTML(
                    string=html,
                    base_url=str(base_dir) + os.sep,
                    url_fetcher=_fetcher([*allowed, self.font_dir]),
                ).render(stylesheets=sheets, font_config=self.font_config, cache=self.cache)

        document = lay_out(None)
        best, problems = document, _misplaced_notes(html, document)
        for extra in FOOTNOTE_FALLBACKS:
            if problems == (0, 0):
                break
            document = lay_out(extra)
            found = _misplaced_notes(html, document)
            if found < problems:
                best, problems = document, found
        if problems[0]:
            raise RenderError(
                f"{problems[0]} voetnoot/voetnoten past niet op een pagina; "
                f"kort de tekst of de verwijzingen in de brief in"
            )
        unprintable = _unprintable_note(best)
        if unprintable is not None:
            raise RenderError(unprintable)
        return best

    def pdf_bytes(self, document, identifier: bytes) -> bytes:
        """The tagged PDF (PDF/UA-1) of a laid-out document; ``identifier`` is its /ID.

        The same document gives the same bytes, with or without libharfbuzz-subset.
        Footnotes are tagged /Note (with an /ID), their calls /Reference.
        """
        moment = document.metadata.modified or document.metadata.created
        with self._watch(), document_clock(moment), _note_tags():
            return document.write_pdf(
                pdf_variant="pdf/ua-1", pdf_identifier=identifier, finisher=_identify_notes
            )

    @contextlib.contextmanager
    def _watch(self) -> Iterator[None]:
        """Sort WeasyPrint's warnings: ours fail the render, the machine's are kept."""
        with _captured_warnings() as collector:
            yield
        ours = []
        for message in collector.messages:
            if any(hint in message.lower() for hint in ENVIRONMENT_HINTS):
                if message not in self.environment_warnings:
                    self.environment_warnings.append(message)
            else:
                ours.append(message)
        if ours and errors.out_of_files():  # a font or image that could not be opened
            raise ResourceError(errors.files_line())
        if ours:
            raise RenderError(f"WeasyPrint meldt een probleem in het sjabloon: {ours[0]}")

    def write(self, html: str, target: Path, base_dir: Path, allowed: list[Path], identifier: bytes) -> int:
        """Render ``html`` to the PDF ``target`` atomically; returns the page count.

        ``identifier`` becomes the PDF's /ID so the same input gives the same bytes.
        Raises :class:`RenderError` or :class:`OutputError`.
        """
        document = self.document(html, base_dir, allowed)
        write_atomic(target, self.pdf_bytes(document, identifier))
        return len(document.pages)


def epoch_of(moment: str | None) -> int:
    """Seconds since 1970 (UTC) of a W3C date (``2024-05-21``, ``2024-05-22T00:00:00Z``), as
    WeasyPrint reads it from ``<meta name="dcterms.modified">``; 0 when there is none."""
    import datetime as dt

    if not moment:
        return 0
    text = moment.strip()
    text += "-01-01"[len(text) - 4 :] if len(text) < 10 else ""  # "2024" and "2024-05"
    try:
        parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return 0
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    return max(0, int(parsed.timestamp()))


@contextlib.contextmanager
def document_clock(moment: str | None) -> Iterator[None]:
    """While writing a PDF, let the clock read the document's own date.

    Without libharfbuzz-subset, WeasyPrint subsets fonts with fontTools, which stamps each
    embedded font's ``head.modified`` with ``fontTools.misc.timeTools.timestampNow()``:
    the wall clock, unless ``SOURCE_DATE_EPOCH`` is set. So the variable is set to the
    document's date (``moment``, a W3C date; which honours the user's own
    ``SOURCE_DATE_EPOCH`` through the template's ``document_date``) for the duration, and
    the environment is restored after. Not thread-safe (the environment is per process);
    debatbrief renders in one thread per process.
    """
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch_of(moment))
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


def write_atomic(target: Path, data: bytes | str) -> None:
    """Write ``data`` to ``target`` via a temporary file and a rename.

    The temporary file is named after our process (:func:`debatbrief.base.paths.temp_prefix`);
    those left by a process that was killed while writing are removed first. Raises
    :class:`OutputError` with one clear line when the folder cannot be written.
    """
    from debatbrief.base.paths import remove_stale_temps, temp_prefix

    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_temps(target.parent)
        fd, temp_name = tempfile.mkstemp(prefix=temp_prefix(target), suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise OutputError(
            f"{target.parent}: kan de uitvoermap niet schrijven "
            f"({reason(exc)}); kies een andere map met --out"
        ) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp_name, 0o644)
        os.replace(temp_name, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        if isinstance(exc, OSError):
            raise OutputError(
                f"{target}: schrijven mislukt ({reason(exc)}); controleer "
                f"schijfruimte en rechten, of kies een andere map met --out"
            ) from exc
        raise


def environment_advice(warnings: list[str]) -> list[str]:
    """One summary of WeasyPrint's machine warnings, with what to install (Dutch lines)."""
    if not warnings:
        return []
    lines = [
        f"WeasyPrint meldde {len(warnings)} omgevingswaarschuwing"
        f"{'en' if len(warnings) != 1 else ''} (de PDF is wel gemaakt):"
    ]
    lines += [f"  - {message}" for message in warnings]
    if any("harfbuzz" in m.lower() or "subset" in m.lower() for m in warnings):
        lines.append(
            "  Installeer libharfbuzz-subset0 (Debian/Ubuntu) zodat lettertypen sneller worden ingesloten."
        )
    return lines
