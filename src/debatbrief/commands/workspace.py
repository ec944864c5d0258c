"""The library API behind each command; free of CLI concerns (no typer, no rich).

Each public function takes a :class:`Workspace` and plain options and returns a plain
result, raising :class:`~debatbrief.base.errors.DebatbriefError` subclasses for anything the
user can fix.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from debatbrief.base import paths
from debatbrief.base.errors import OutputError, UsageError

if TYPE_CHECKING:  # the models pull in pydantic, which `rebut` must not pay for
    from debatbrief.brief.models import Brief
    from debatbrief.briefing.select import Length
    from debatbrief.commands.made import Made


class Workspace:
    """Where to read briefs and templates and where to write output.

    ``None`` means the default: the checkout's folders, or the copies inside the installed
    package; ``out/`` in the working directory.

    Written out rather than a dataclass (as it was, with the same fields, order, ``repr``
    and equality): ``rebut`` imports this module, and ``dataclasses`` with the class it
    makes cost its start-up about 2 ms.
    """

    def __init__(
        self,
        briefs_dir: Path | None = None,
        templates_dir: Path | None = None,
        out_dir: Path | None = None,
        brief_id: str | None = None,
        _brief: Brief | None = None,
        brief_key: str | None = None,
    ) -> None:
        self.briefs_dir = briefs_dir
        self.templates_dir = templates_dir
        self.out_dir = out_dir
        self.brief_id = brief_id
        self._brief = _brief
        #: What the loaded brief was read from (see :func:`brief_key`); ``None`` before it
        #: is loaded or when its files could not all be read up front.
        self.brief_key = brief_key

    def _fields(self) -> tuple:
        return (self.briefs_dir, self.templates_dir, self.out_dir, self.brief_id, self._brief, self.brief_key)

    def __repr__(self) -> str:
        return (
            f"Workspace(briefs_dir={self.briefs_dir!r}, templates_dir={self.templates_dir!r}, "
            f"out_dir={self.out_dir!r}, brief_id={self.brief_id!r})"
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._fields() == other._fields()

    __hash__ = None  # type: ignore[assignment]  # mutable and compared by value, as a dataclass

    @property
    def briefs(self) -> Path:
        return self.briefs_dir or paths.default_briefs_dir()

    @property
    def templates(self) -> Path:
        return self.templates_dir or paths.default_templates_dir()

    @property
    def out(self) -> Path:
        return self.out_dir or Path("out")

    def out_folder(self, brief_id: str) -> Path:
        """``out/<brief_id>``, where every file made from the brief goes. Raises
        :class:`OutputError` when it is a symbolic link: written through, a file would land
        wherever the link points (``--out`` itself may be one: the user chose it)."""
        folder = self.out / brief_id
        if folder.is_symlink():
            from debatbrief.base.chars import visible

            raise OutputError(
                f"{visible(paths.display(folder), one_line=True)}: is een "
                f"symbolische koppeling; debatbrief schrijft niet via een "
                f"koppeling (verwijder die, of kies met --out een andere map)"
            )
        return folder

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
        return (
            f"Brief: {chosen} (de nieuwste van {len(folders)}; kies een andere met "
            f"--brief, zie 'debatbrief list briefs')"
        )

    def brief(self) -> Brief:
        """The chosen brief, loaded and validated once per workspace, and once per content
        across runs (:func:`cached_brief`; raises BriefError)."""
        if self._brief is None:
            self._brief, self.brief_key = cached_brief(self.brief_folder())
        return self._brief


#: Part of every cache key: bumped when the cached form of a brief changes.
BRIEF_CACHE_FORMAT = 1
#: The packages whose code decides what a valid brief is: a change to one of their files
#: (size or modification time) is a new cache key, also in a checkout whose version
#: number has not moved.
CODE_PACKAGES = ("brief", "checks")


def code_stamp(packages: tuple[str, ...], pattern: str = "*.py") -> str:
    """Name, size and modification time of each file matching ``pattern`` in ``packages``
    (folders of :mod:`debatbrief`), joined: cheap (a stat per file) and new after any
    edit."""
    root = Path(__file__).resolve().parent.parent
    parts = []
    for package in packages:
        for path in sorted((root / package).glob(pattern)):
            if not path.is_file():  # __pycache__ changes as modules are compiled
                continue
            info = path.stat()
            parts.append(f"{package}/{path.name}:{info.st_size}:{info.st_mtime_ns}")
    return "|".join(parts)


def brief_files(folder: Path) -> dict[str, bytes]:
    """The bytes of every file loading the brief in ``folder`` may read: its YAML files
    and those of the folders searched for Kamer files, each read once, by absolute path.
    A file :func:`~debatbrief.base.paths.read_regular` refuses (a symbolic link, a special
    file, one too large) is left out: the loader refuses it in turn, with its name. Raises
    :class:`OSError` when one cannot be read."""
    import os

    files: dict[str, bytes] = {}
    for directory in dict.fromkeys([folder, *paths.kamer_dirs(folder.parent)]):
        if not directory.is_dir():
            continue
        for path in sorted(directory.glob("*.yaml")):
            try:
                files[os.path.abspath(path)] = paths.source_bytes(path)
            except paths.FileRefused:
                continue
    return files


def brief_key(folder: Path, files: dict[str, bytes]) -> str:
    """A key for the brief as these exact bytes (SHA-256 of debatbrief's version, the
    loader's code, the folder and every file's name and bytes)."""
    import hashlib

    from debatbrief import __version__

    digest = hashlib.sha256()
    for part in (__version__, f"brief{BRIEF_CACHE_FORMAT}", code_stamp(CODE_PACKAGES), str(folder.resolve())):
        digest.update(part.encode() + b"\0")
    for name, data in files.items():
        digest.update(f"{name}:{len(data)}".encode() + b"\0" + data)
    return digest.hexdigest()[:32]


def cached_brief(folder: Path) -> tuple[Brief, str | None]:
    """The brief in ``folder`` and its :func:`brief_key`: from the cache when these bytes
    were validated before, else loaded (from the very bytes the key was made of) and
    cached. Raises BriefError for an invalid brief, which is never cached. A cache that
    cannot be read or written only costs speed; a file that cannot be read up front is
    left to the loader, which names it."""
    try:
        files = brief_files(folder)
    except OSError:
        from debatbrief.checks import load_brief

        return load_brief(folder), None
    key = brief_key(folder, files)
    cache = _brief_cache_file(folder, key)
    if cache is not None and (brief := _read_brief_cache(cache)) is not None:
        return brief, key  # without importing the loader, YAML or the checks
    from debatbrief.brief.load import reading
    from debatbrief.checks import load_brief

    with reading(files):
        brief = load_brief(folder)
    if cache is not None:
        _write_sealed(cache, brief.model_dump_json().encode("utf-8"), "brief-")
    return brief, key


def _brief_cache_file(folder: Path, key: str) -> Path | None:
    """``<cache>/brief-<folder>-<key>.json``, or ``None`` without a cache."""
    import zlib

    directory = paths.cache_dir()
    if directory is None:
        return None
    return directory / f"brief-{zlib.crc32(str(folder.resolve()).encode()):08x}-{key}.json"


def read_sealed(path: Path) -> bytes | None:
    """The body of a file written by :func:`_write_sealed` (a CRC-32 seal on the first
    line), or ``None`` when it is absent, unreadable or changed by anything else."""
    import zlib

    try:
        seal, _, body = path.read_bytes().partition(b"\n")
    except OSError:
        return None
    return body if seal == f"{zlib.crc32(body):08x}".encode() else None


def _read_brief_cache(path: Path) -> Brief | None:
    """The cached brief, validated again by its model (cheap from JSON), or ``None`` when
    it is absent, damaged or holds a character the loader refuses (a brief read from YAML
    never does; a cache file made by hand might, and the PDF would print it)."""
    import json

    from pydantic import ValidationError

    from debatbrief.base.chars import UNSAFE_RE
    from debatbrief.brief.models import Brief

    body = read_sealed(path)
    if body is None:
        return None
    try:
        data = json.loads(body)
        stack = [data]
        while stack:  # every string, keys too, whether written raw or as \u escapes
            value = stack.pop()
            if isinstance(value, str) and UNSAFE_RE.search(value):
                return None
            if isinstance(value, dict):
                stack.extend([*value.keys(), *value.values()])
            elif isinstance(value, list):
                stack.extend(value)
        return Brief.model_validate_json(body)
    except (ValidationError, ValueError):
        return None


def _write_sealed(path: Path, body: bytes, prefix: str) -> None:
    """Store ``body`` atomically behind its seal, removing the files an earlier content of
    the same brief folder left (``<prefix><folder>-*``); a failure costs only speed."""
    import zlib

    if not paths.write_cache_file(path, f"{zlib.crc32(body):08x}\n".encode() + body):
        return
    folder_part = path.name[len(prefix) :].split("-", 1)[0]
    try:
        for old in path.parent.glob(f"{prefix}{folder_part}-*.json"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass


def __getattr__(name: str):
    """``Made``, from :mod:`debatbrief.commands.made` when first asked for (``rebut``
    imports this module and never needs it)."""
    if name == "Made":
        from debatbrief.commands.made import Made

        return Made
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def output_path(
    ws: Workspace, brief: Brief, fractie_id: str, topics: tuple[str, ...], length: str, fmt: str
) -> Path:
    """``out/<brief-id>/<fractie>[-<topics>][-handout].<pdf|html>``; always inside ``out``.

    Ids are slugs (checked when loading), so the name cannot leave the output folder, nor
    can a link: ``out/<brief-id>`` is never one (raises :class:`OutputError`, see
    :meth:`Workspace.out_folder`).
    """
    name = fractie_id
    if topics != tuple(t.id for t in brief.meta.topics):
        name += "-" + "-".join(topics)
    if length == "short":
        name += "-handout"
    return ws.out_folder(brief.id) / f"{name}.{fmt}"


def pdf_identifier(html: str) -> bytes:
    """A stable PDF /ID: the same HTML always gives the same identifier (and bytes)."""
    import hashlib  # here, not at the top: `rebut` imports this module and needs no hashing

    return hashlib.md5(html.encode("utf-8"), usedforsecurity=False).hexdigest().encode()


def make(
    ws: Workspace,
    fractie: str,
    topics: list[str] | None = None,
    length: str = "full",
    fmt: str = "pdf",
    engine=None,
) -> Made:
    """Write one fractie's briefing and return where it went.

    ``fmt`` is ``"pdf"``, ``"html"`` or ``"docx"`` (Word, from the HTML:
    :mod:`debatbrief.commands.docx`); ``engine`` (a :class:`debatbrief.briefing.pdf.Engine`) is
    reused across calls when given. Raises UsageError (unknown fractie, topic, length or
    format), BriefError, RenderError or OutputError.
    """
    from debatbrief.briefing.render import render_briefing
    from debatbrief.briefing.select import PAGE_LIMITS, select
    from debatbrief.commands.made import Made

    if fmt not in ("pdf", "html", "docx"):
        raise UsageError(f"Onbekend formaat '{fmt}'. Kies uit: pdf, html, docx.")
    brief = ws.brief()
    from debatbrief.briefing.pdf import Engine, write_atomic

    size = cast("Length", length)  # select() refuses any other length (UsageError)
    document: Any = None
    if fmt == "pdf":  # laid out until it fits its pages (briefing/fit.py)
        engine = engine or Engine()
        selection, html, document = _fitted(ws, fractie, topics, length, engine)
    else:
        selection = select(brief, fractie, topics, size)
        html = render_briefing(brief, selection, ws.templates, "html")
    target = output_path(ws, brief, selection.fractie.id, selection.topics, length, fmt)
    name = selection.fractie.abbreviation
    warnings = _selection_warnings(selection)
    if fmt == "html":  # right-to-left runs isolated for the browser, as for the PDF
        from debatbrief.briefing.render import isolate_rtl_html

        write_atomic(target, isolate_rtl_html(_inline_stylesheet(html, ws.templates)))
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
        warnings.append(
            f"Let op: de {'handout' if length == 'short' else 'briefing'} voor "
            f"{name} telt {pages} pagina's (bedoeld: ten hoogste {limit}); kort de "
            f"tekst in de brief in of kies minder onderwerpen met --topic."
        )
    return Made(selection.fractie.id, target, pages, tuple(warnings))


def _selection_warnings(selection) -> list[str]:
    """What the lobbyist should know about a briefing's content before reading it (Dutch
    lines): no profile for the fractie, no sourced addressee, no arguments at all."""
    name = selection.fractie.abbreviation
    warnings = []
    if selection.profile is None:
        warnings.append(
            f"Let op: de brief heeft geen profiel voor {name}; alle waarden wegen "
            f"even zwaar (voeg een profiel toe aan profiles.yaml)."
        )
    if selection.addressee is not None and selection.addressee.missing:
        warnings.append(
            f"Let op: het Kamerbestand noemt geen {selection.addressee.title} van "
            f'{name} met bron; de briefing is gericht aan "de '
            f"{selection.addressee.title}\", zonder naam (zie 'debatbrief check')."
        )
    if not selection.sections:
        warnings.append(
            "Let op: de gekozen onderwerpen hebben geen argumenten; de briefing bevat geen punten."
        )
    return warnings


#: The code that turns a brief into a laid-out page (with the bundled faces beside it).
LAYOUT_PACKAGES = ("base", "brief", "briefing", "fonts")


def fit_memo(ws: Workspace, fractie: str, topics: list[str] | None, length: str) -> Path | None:
    """Where the fit verdicts of this briefing are kept (see
    :func:`debatbrief.briefing.fit.fitted`), or ``None`` without a cache or a brief key.

    The name holds a key of everything the layout depends on: the brief's bytes
    (:func:`brief_key`), debatbrief's code and fonts, every file of the templates folder,
    WeasyPrint's version, ``SOURCE_DATE_EPOCH`` (the printed date) and the options.
    """
    import hashlib
    import os
    import zlib

    directory = paths.cache_dir()
    if directory is None or ws.brief_key is None:
        return None
    from debatbrief.briefing.libraries import import_weasyprint

    weasyprint = import_weasyprint()
    options = f"{ws.brief_key[:8]}|{fractie}|{topics}|{length}|{ws.templates.resolve()}"
    digest = hashlib.sha256(
        f"{options}|{ws.brief_key}|{weasyprint.__version__}|"
        f"{os.environ.get('SOURCE_DATE_EPOCH')}|"
        f"{code_stamp(LAYOUT_PACKAGES, '*')}".encode()
    )
    try:
        for path in sorted(ws.templates.iterdir()):
            if path.is_file() and not path.is_symlink():
                digest.update(path.name.encode() + b"\0" + path.read_bytes())
    except OSError:
        return None
    variant = f"{zlib.crc32(options.encode()):08x}"
    return directory / f"fit-{variant}-{digest.hexdigest()[:32]}.json"


def _read_verdicts(memo: Path | None) -> dict[str, bool]:
    """The verdicts stored in ``memo`` (label -> fits), or none when there are none."""
    import json

    body = read_sealed(memo) if memo is not None else None
    try:
        data = json.loads(body) if body is not None else {}
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, bool)}


def _fitted(ws: Workspace, fractie: str, topics: list[str] | None, length: str, engine):
    """The briefing fitted to its pages (selection, HTML, layout), with the fit verdicts
    of earlier runs on the same content (:func:`fit_memo`), and the new ones kept."""
    from debatbrief.briefing.fit import fit_briefing

    memo = fit_memo(ws, fractie, topics, length)
    verdicts = _read_verdicts(memo)
    known = dict(verdicts)
    fitted = fit_briefing(
        ws.brief(),
        fractie,
        topics,
        length,  # type: ignore[arg-type]
        ws.templates,
        engine,
        [ws.templates, ws.brief_folder()],
        verdicts,
    )
    if memo is not None and verdicts != known:
        import json

        _write_sealed(memo, json.dumps(verdicts, sort_keys=True).encode(), "fit-")
    return fitted


def _inline_stylesheet(html: str, templates: Path) -> str:
    """Put briefing.css inside the HTML so the file reads well wherever it is opened.
    The stylesheet is read like a template: from the templates folder, never through a
    symbolic link (raises RenderError)."""
    from debatbrief.briefing.render import read_template_file

    css = read_template_file(templates, "briefing.css")
    return html.replace('<link rel="stylesheet" href="briefing.css">', f"<style>\n{css}</style>", 1)
