"""``debatbrief new``: start a brief folder from a document (PDF, DOCX or text).

The folder written passes ``check`` with TODO warnings only: every field the author must
still write holds a text starting with :data:`TODO`, which the rule of
:mod:`debatbrief.checks.todo` counts. With ``--from`` the document's own footnotes and links
become sources, and each heading an argument skeleton with the paragraph under it kept as a
YAML comment to paraphrase.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from debatbrief.base import paths
from debatbrief.base.errors import DebatbriefError, UsageError

#: What a field the author must still fill starts with (``check`` counts these).
TODO = "TODO"
_URL_RE = re.compile(r"https?://[^\s<>\"')\]]+")
#: A footnote at a page end: a number, then its text ("3 Rapport ..., p. 4").
_NOTE_RE = re.compile(r"^\s*(\d{1,3})\s+(\S.{3,})$")
#: A note as a text lists it under its notes heading: "1. ...", "2) ...", "[3] ...".
_LISTED_NOTE_RE = re.compile(r"^\s*(?:\[(\d{1,3})\]|(\d{1,3})[.)])\s+(\S.{3,})$")
#: The heading of a text's notes section ("Noten", "Voetnoten:", "Bronnen"): the body of
#: the text ends there, and a numbered list under it is its notes.
_NOTES_HEADING_RE = re.compile(
    r"^#*\s*(?:voet|eind)?noten(?: en bronnen)?\s*:?$|"
    r"^#*\s*(?:bronnen|bronvermelding|referenties)\s*:?$",
    re.I,
)
_SLUG_CLEAN = re.compile(r"[^a-z0-9]+")
#: A URL a PDF broke at the line end ("https://" + newline + "www..."): joined again, but
#: never with a line that starts the next note ("2 ...", "2. ...", "[2] ...").
_BROKEN_URL_RE = re.compile(r"(https?:\S*[/.\-_?=&#])\n(?!\[?\d{1,3}[.)\]]?\s)(?=\w)")
#: The end of a sentence, perhaps followed by a note marker ("kosten.[2]", "kosten.2").
_SENTENCE_END_RE = re.compile(
    r"[.?!:\u2019'](?:\[\d{1,3}\]|\(\d{1,3}\)|\d{1,3}|"
    r"[\u00b9\u00b2\u00b3\u2070-\u2079]+)?$"
)


@dataclass
class FoundSource:
    """A source the document cites: its footnote number (if any), text and URL."""

    note: str | None
    title: str | None
    url: str | None


@dataclass
class Section:
    """A heading of the document and the paragraph text under it."""

    heading: str
    text: str = ""


@dataclass
class Document:
    """What was read from ``--from``: its sources and its sections."""

    sources: list[FoundSource] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)


def read_text(path: Path) -> tuple[str, list[str]]:
    """The text of a PDF, DOCX or text file, and the link targets it holds (PDF
    annotations, DOCX hyperlinks), which need not be in its text."""
    if not path.is_file():
        raise DebatbriefError(
            f"{paths.display(path)}: bestaat niet (of is geen bestand); geef "
            "het pad van het document, een PDF-, DOCX- of tekstbestand"
        )
    try:
        suffix = path.suffix.lower()
        if suffix == ".pdf":
            return _pdf_text(path)
        if suffix == ".docx":
            return _docx_text(path)
        return path.read_text(encoding="utf-8", errors="replace"), []
    except OSError as exc:
        raise DebatbriefError(
            f"{paths.display(path)}: kan het document niet lezen "
            f"({exc.strerror}); geef een bestaand PDF-, DOCX- of tekstbestand"
        ) from exc


def _pdf_text(path: Path) -> tuple[str, list[str]]:
    """The PDF's text, page by page, and the URIs of its link annotations. pypdf's own
    warnings (English, on stderr) are silenced: a broken file is one Dutch line."""
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    try:
        reader = PdfReader(path)
        pages, links = [], []
        for page in reader.pages:
            pages.append(page.extract_text() or "")
            for annot in page.get("/Annots") or []:
                action = annot.get_object().get("/A") or {}
                if action.get("/URI"):
                    links.append(str(action["/URI"]))
    except (PdfReadError, ValueError, KeyError) as exc:
        raise DebatbriefError(
            f"{paths.display(path)}: geen leesbare PDF; sla het document opnieuw op als PDF of als tekst"
        ) from exc
    return "\n".join(pages), links


def _docx_text(path: Path) -> tuple[str, list[str]]:
    import docx

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several kinds for a bad file
        raise DebatbriefError(
            f"{paths.display(path)}: geen leesbaar DOCX-bestand; sla het opnieuw op als DOCX of als tekst"
        ) from exc
    lines = []
    for para in document.paragraphs:
        style = (para.style.name or "") if para.style is not None else ""
        lines.append(("# " if style.startswith(("Heading", "Kop", "Title")) else "") + para.text)
    links = [rel.target_ref for rel in document.part.rels.values() if "hyperlink" in rel.reltype]
    return "\n".join(lines), links


def parse(text: str, links: Sequence[str] = (), *, wrapped: bool = True) -> Document:
    """The document's sources (footnotes, then links not in one) and its sections.

    ``wrapped``: the text's lines were broken by the page (a PDF), so a URL cut at a line
    end is joined again; in a text file a URL ends at its line break."""
    if wrapped:
        text = _BROKEN_URL_RE.sub(r"\1", text)
    found = footnotes(text)
    seen = {f.url for f in found if f.url}
    for url in [*_URL_RE.findall(text), *links]:
        url = url.rstrip(".,;:")
        if url not in seen:
            seen.add(url)
            found.append(FoundSource(None, None, url))
    return Document(found, sections(text, blocks=not wrapped))


def footnotes(text: str) -> list[FoundSource]:
    """The footnotes: lines "1 ...", "2 ...", numbered one after another (a line starting
    with another number is body text), and under a notes heading ("Noten") also "1. ...",
    "2) ..." or "[3] ...", a wrapped note going on on the next line. A note's first URL
    is its link, the rest of its text its title."""
    notes: list[tuple[str, str]] = []
    in_notes = False
    for line in text.splitlines():
        if _NOTES_HEADING_RE.match(line.strip()):
            in_notes = True
            continue
        number, body = _note(line, in_notes)
        if number is not None and int(number) == len(notes) + 1:
            notes.append((number, body))
        elif in_notes and notes and line.strip() and number is None:
            notes[-1] = (notes[-1][0], f"{notes[-1][1]} {line.strip()}")
    found = []
    for number, body in notes:
        title = " ".join(_URL_RE.sub("", body).split()).strip(" .,;:")
        found.append(FoundSource(number, title if len(title) > 12 else None, _first_url(body)))
    return found


def _note(line: str, in_notes: bool) -> tuple[str | None, str]:
    """``(number, text)`` of a note line, or ``(None, "")``."""
    note = _NOTE_RE.match(line)
    if note:
        return note.group(1), note.group(2)
    listed = _LISTED_NOTE_RE.match(line) if in_notes else None
    if listed:
        return listed.group(1) or listed.group(2), listed.group(3)
    return None, ""


def _first_url(text: str) -> str | None:
    match = _URL_RE.search(text)
    return match.group(0).rstrip(".,;:") if match else None


def sections(text: str, blocks: bool = False) -> list[Section]:
    """The document cut at its headings, up to its notes heading ("Noten").

    A heading is a Markdown ``#`` line; in a text whose paragraphs are set apart by blank
    lines (``blocks``), a short line alone between blank lines, followed by a paragraph;
    else (a PDF's lines) a short line without a full stop between a finished sentence (a
    note marker after it is allowed: "kosten.[2]") and a paragraph that starts a new
    sentence (a letter's "Spreidingswet"; a wrapped line of body text goes on in lower
    case). Footnotes and lines of links are left out of the paragraphs."""
    found: list[Section] = []
    raw = [line.strip() for line in text.splitlines()]
    blocks = blocks and any(not line for line in raw)
    lines = [(i, line) for i, line in enumerate(raw) if line]
    for k, (i, line) in enumerate(lines):
        if _NOTES_HEADING_RE.match(line):
            break
        after = lines[k + 1][1] if k + 1 < len(lines) else ""
        if blocks:
            alone = (i == 0 or not raw[i - 1]) and i + 1 < len(raw) and not raw[i + 1]
            heading = alone and _heading_line(line) and _paragraph(after)
        else:
            before = lines[k - 1][1] if k else "."
            before = "." if k == 1 else before  # the line after a title
            heading = (
                _heading_line(line) and _paragraph(after) and _SENTENCE_END_RE.search(before) is not None
            )
        if line.startswith("#") or heading:
            found.append(Section(line.lstrip("# ").strip()))
        elif found and not _NOTE_RE.match(line) and not line.startswith("http"):
            found[-1].text += (" " if found[-1].text else "") + line
    return [s for s in found if s.heading]


def _paragraph(line: str) -> bool:
    """Whether ``line`` starts a paragraph of body text (long, a new sentence)."""
    return len(line) > 60 and not line[0].islower()


def _heading_line(line: str) -> bool:
    return (
        2 < len(line) <= 90
        and not line.endswith((".", ",", ";", ":"))
        and not _URL_RE.search(line)
        and line[0].isupper()
    )


def slug(text: str, fallback: str) -> str:
    """A slug of ``text`` (lowercase, hyphens, at most 40 characters, cut after a whole
    word when it can be) or ``fallback``."""
    import unicodedata

    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    whole = _SLUG_CLEAN.sub("-", plain).strip("-")
    cut = whole[:40].strip("-")
    if len(whole) > len(cut) and whole[len(cut)] != "-" and "-" in cut:
        cut = cut.rsplit("-", 1)[0]  # "...-en-tege" -> "...-en"
    return cut or fallback


def q(text: str) -> str:
    """A YAML scalar for ``text`` (a JSON string is valid YAML)."""
    return json.dumps(" ".join(str(text).split()), ensure_ascii=False)


# --- Writing the folder -------------------------------------------------------------------


def create(
    briefs_dir: Path,
    brief_id: str,
    debate_date: dt.date,
    kamer_id: str,
    source: Path | None = None,
    kamer_dirs: list[Path] | None = None,
) -> Path:
    """Write the brief folder ``briefs_dir/brief_id`` (see the module docstring); returns it.

    Refuses an existing folder, a malformed id and a Kamer file that is not found (naming
    the folders searched)."""
    from debatbrief.brief.load import is_slug

    if not is_slug(brief_id):
        raise UsageError(
            f"'{brief_id}' is geen geldige id (alleen kleine letters, cijfers "
            f"en koppeltekens, zoals '{slug(brief_id, 'mijn-brief')}')"
        )
    folder = briefs_dir / brief_id
    if folder.exists() or folder.is_symlink():
        raise UsageError(
            f"{paths.display(folder)} bestaat al; kies een andere id of verwijder "
            "die map eerst (new overschrijft niets)"
        )
    fracties = kamer_fracties(kamer_id, kamer_dirs or paths.kamer_dirs(briefs_dir))
    document = (
        parse(*read_text(source), wrapped=source.suffix.lower() == ".pdf")
        if source is not None
        else Document()
    )
    files = {
        "brief.yaml": brief_yaml(debate_date, kamer_id, document),
        "sources.yaml": sources_yaml(document, source),
        "arguments.yaml": arguments_yaml(document),
        "cards.yaml": cards_yaml(document),
        "stances.yaml": stances_yaml(fracties),
        "profiles.yaml": profiles_yaml(fracties),
    }
    try:
        folder.mkdir(parents=True)
        for name, text in files.items():
            (folder / name).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise DebatbriefError(
            f"{paths.display(folder)}: kan de brief niet schrijven "
            f"({exc.strerror}); controleer de map en de rechten"
        ) from exc
    return folder


def kamer_fracties(kamer_id: str, folders: list[Path]) -> list[str]:
    """The fractie ids of the Kamer file ``kamer_id``, looked for in ``folders``."""
    from ruamel.yaml import YAML

    for folder in folders:
        path = folder / f"{kamer_id}.yaml"
        if path.is_file():
            data = YAML(typ="safe").load(path.read_text(encoding="utf-8")) or {}
            return [str(f.get("id")) for f in data.get("fracties") or [] if isinstance(f, dict)]
    searched = ", ".join(paths.display(f) for f in folders)
    raise UsageError(
        f"Kamer '{kamer_id}' niet gevonden (gezocht naar {kamer_id}.yaml in "
        f"{searched}); maak er een met 'debatbrief kamer new DATUM' of geef --kamers"
    )


def _topics(document: Document) -> list[tuple[str, str]]:
    """``(id, title)`` per heading of the document (one TODO topic without headings)."""
    found: dict[str, str] = {}
    for i, section in enumerate(document.sections, 1):
        found.setdefault(slug(section.heading, f"onderwerp-{i}"), section.heading)
    return list(found.items()) or [("todo-onderwerp", f"{TODO}: onderwerp")]


def brief_yaml(debate_date: dt.date, kamer_id: str, document: Document) -> str:
    """brief.yaml: the document, its sender, the briefing's author, the debate, TODO intros,
    a value, the topics."""
    todo = f"{TODO}: schrijf de opening voor een fractie die het onderwerp"
    topics = "\n".join(f"  - {{id: {tid}, title: {q(title)}}}" for tid, title in _topics(document))
    return f"""# Begonnen met 'debatbrief new'. Vul elke {TODO} in; 'debatbrief check' telt wat er nog
# te doen is. Zie README.md voor wat elk veld betekent.
title: {q(TODO + ": titel van de brief")}
language: nl

sender:  # wie het document uitbracht; de standpunten van het document staan op diens naam
  organisation: {q(TODO + ": naam van de afzender van het document")}

author:  # wie de briefings schrijft en er 'wij' zegt; dezelfde als sender bij een eigen document
  organisation: {q(TODO + ": naam van uw organisatie")}

document:
  kind: brief  # {TODO}: brief, position-paper, advies, rapport, notitie, factsheet of reactie
  source: document
  date: {debate_date.isoformat()}  # {TODO}: de datum van het document (dag onbekend? date_text: oktober 2024)
  subject: {q(TODO + ": onderwerp van het document")}

contact_person:  # wie een Kamerlid kan bellen; alleen naam en nummer die een bron laat zien
  name: {q(TODO + ": naam")}
  role: {q(TODO + ": functie")}

debate:
  title: {q(TODO + ": titel van het debat")}
  subject: {q(TODO + ": waar de fracties een standpunt over hebben")}
  date: {debate_date.isoformat()}
  kamer: {kamer_id}
  # plenair (aan de fractievoorzitters), commissiedebat of wetgevingsoverleg (aan de
  # woordvoerders van de portefeuille: geef dan portfolio, een id onder portfolios van het
  # Kamerbestand, en de woordvoerders met bron in dat bestand)
  kind: plenair
  # portfolio: asiel

intro:
  agrees: {q(todo + " steunt.")}
  opposes: {q(todo + " afwijst.")}
  unknown: {q(todo + " (nog) geen standpunt heeft.")}

values:
  - {{id: todo-waarde, label: {q(TODO + ": een waarde waar een invalshoek op inspeelt")}}}

topics:
{topics}
"""


def sources_yaml(document: Document, path: Path | None) -> str:
    """sources.yaml: the document itself, then each footnote and link it has."""
    name = path.name if path is not None else "het document"
    lines = [
        f"# De bronnen van het document, gevonden in {name}. Vul auteur, titel en datum in.",
        "- id: document",
        "  kind: letter",
        f"  author: {q(TODO + ': afzender')}",
        f"  title: {q(TODO + ': titel van het document')}",
        "  in_document: het document zelf",
    ]
    for i, found in enumerate(document.sources, 1):
        lines += [
            "",
            f"- id: bron-{i}",
            "  kind: webpage",
            f"  author: {q(TODO + ': auteur')}",
            f"  title: {q(found.title or f'{TODO}: titel van bron {i}')}",
        ]
        if found.url:
            lines.append(f"  url: {q(found.url)}")
        where = f"voetnoot {found.note}" if found.note else "link in het document"
        lines.append(f"  in_document: {q(where)}")
    return "\n".join(lines) + "\n"


def arguments_yaml(document: Document) -> str:
    """arguments.yaml: one skeleton per heading, the paragraph beside it as a comment."""
    blocks = [
        "# Eén punt per kop van het document. Parafraseer de tekst in het commentaar; een\n"
        "# letterlijk citaat hoort onder quote:, met wie het zei."
    ]
    sections = document.sections or [Section(f"{TODO}: punt")]
    for (topic, _), section in zip(_topics(document) * len(sections), sections, strict=False):
        comment = "\n".join(f"#   {line}" for line in _wrap(section.text)) or "#   (geen tekst)"
        blocks.append(f"""
# Uit het document, "{" ".join(section.heading.split())}":
{comment}
- id: {topic}
  topic: {topic}
  kernzin: {q(TODO + ": de kern van dit punt in één zin")}
  reasoning: {q(TODO + ": de redenering in eigen woorden, elk feit met zijn bron")}
  angles:
    - value: todo-waarde
      text: {q(TODO + ": dit punt vanuit die waarde")}""")
    return "\n".join(blocks) + "\n"


def cards_yaml(document: Document) -> str:
    """cards.yaml: one rebuttal card skeleton per argument skeleton (per heading)."""
    blocks = [
        "# Weerleggingskaarten: per punt de claim die u in het debat verwacht, en uw\n"
        "# antwoord. Wie de claim inbrengt, staat per fractie in stances.yaml (claims:).\n"
        "# Een kaart die u niet nodig hebt, mag weg."
    ]
    for topic, _ in _topics(document):
        blocks.append(f"""
- id: {topic}-claim
  topic: {topic}
  claim: {q(TODO + ": wat een tegenstander over dit punt zegt")}
  rebuttal: {q(TODO + ": uw antwoord, in ten hoogste twee zinnen")}
  evidence: {q(TODO + ": het bewijs, elk feit met zijn bron [@bron-id]")}
  say: {q(TODO + ": één zin om hardop te zeggen")}
  follow_up: {q(TODO + ": een vervolgvraag aan de minister of de indiener")}
  aliases: []  # woorden waarop 'debatbrief rebut' deze kaart vindt""")
    return "\n".join(blocks) + "\n"


def _wrap(text: str, width: int = 90) -> list[str]:
    import textwrap

    return textwrap.wrap(" ".join(text.split()), width)


def stances_yaml(fracties: list[str]) -> str:
    """stances.yaml: every fractie of the Kamer file, its stance unknown."""
    lines = [
        f"# Elke fractie van de Kamer, standpunt onbekend. Vervang 'unknown' door raises, "
        f"agrees of opposes\n# ({TODO}: met {{stance, source}} als een bron het laat zien)."
    ]
    lines += [f"- fractie: {fractie}\n  subject: unknown" for fractie in fracties]
    return "\n".join(lines) + "\n"


def profiles_yaml(fracties: list[str]) -> str:
    """profiles.yaml: a skeleton per fractie (every value weighed 1 until filled in)."""
    lines = [
        f"# Per fractie: hoe zwaar elke waarde weegt (0-3), en feiten met bron onder record.\n"
        f"# {TODO}: weeg de waarden per fractie."
    ]
    lines += [
        f"- fractie: {fractie}\n  values: {{todo-waarde: 1}}\n  record: []\n"
        f"  assessment: {q(TODO + ': uw inschatting van deze fractie')}"
        for fractie in fracties
    ]
    return "\n".join(lines) + "\n"
