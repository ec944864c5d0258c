"""The MP's briefing as a Word document (``make --format docx``, the ``docx`` extra).

The briefing's HTML (what ``make --format html`` writes) is converted by pandoc (shipped
inside ``pypandoc-binary``): its headings become Word's heading styles, its notes Word
footnotes. pandoc reads notes from HTML only in its own form, so before conversion
:func:`pandoc_notes` rewrites the briefing's notes (calls ``<a href="#ID">`` to the items
``<li id="ID">`` of ``<section class="notes">``) into that form; the templates stay as
they are. The text and its order are the HTML's, which are the PDF's.
"""

from __future__ import annotations

import re
from pathlib import Path

from debatbrief.base.errors import DebatbriefError

_NOTES_RE = re.compile(r'<section class="notes"[^>]*>(.*?)</section>', re.S)
_ITEM_ID_RE = re.compile(r'<li id="([^"]+)"')
_HEADING_RE = re.compile(r"<h[1-6][^>]*>.*?</h[1-6]>", re.S)


def pandoc_notes(html: str) -> str:
    """``html`` with its notes in pandoc's form: each call a ``<a class="footnote-ref"
    role="doc-noteref">`` (no ``<sup>`` around it: Word sets the number), the notes a
    ``<section class="footnotes" role="doc-endnotes">`` whose items hold no back link and
    no heading. HTML without such a section is returned unchanged."""
    section = _NOTES_RE.search(html)
    if section is None:
        return html
    ids = _ITEM_ID_RE.findall(section.group(1))
    if not ids:
        return html
    alternatives = "|".join(re.escape(i) for i in ids)
    call = re.compile(
        r'(?:<sup[^>]*>\s*)?<a href="#(' + alternatives + r')"([^>]*)>(.*?)</a>'
        r"(?:\s*</sup>)?",
        re.S,
    )
    calls: list[str] = []

    def rewrite(match: re.Match) -> str:
        own = re.search(r'\bid="([^"]+)"', match.group(2))
        if own:
            calls.append(own.group(1))
        attributes = re.sub(r'\s*\bclass="[^"]*"', "", match.group(2))
        return (
            f'<a href="#{match.group(1)}" class="footnote-ref" role="doc-noteref"'
            f"{attributes}><sup>{match.group(3)}</sup></a>"
        )

    body = call.sub(rewrite, html[: section.start()])
    items = _HEADING_RE.sub("", section.group(1))
    items = re.sub(r'<li id="([^"]+)"', r'<li id="\1" role="doc-endnote"', items)
    for own in calls:
        items = re.sub(r'\s*<a href="#' + re.escape(own) + r'"[^>]*>.*?</a>', "", items, flags=re.S)
    notes = f'<section class="footnotes" role="doc-endnotes">{items}</section>'
    return body + notes + call.sub(rewrite, html[section.end() :])


def docx_bytes(html: str) -> bytes:
    """The Word document of the briefing ``html``. Its document properties carry no title
    (pandoc would print a title paragraph that the PDF does not have); the date stamps are
    the document's own (``dcterms.modified``), so the same briefing gives the same bytes.
    Raises DebatbriefError when pypandoc is not installed."""
    import tempfile

    try:
        import pypandoc
    except ImportError as exc:
        raise DebatbriefError('Word-uitvoer vraagt pandoc: pip install "debatbrief[docx]"') from exc
    from debatbrief.briefing.pdf import document_clock

    moment = re.search(r'<meta name="dcterms.modified" content="([^"]*)"', html)
    lang = re.search(r'<html[^>]*\blang="([^"]+)"', html)
    source = re.sub(
        r"<title>.*?</title>|<meta name=\"(author|description)\"[^>]*>", "", pandoc_notes(html), flags=re.S
    )
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "briefing.docx"
        with document_clock(moment.group(1) if moment else None):
            pypandoc.convert_text(
                source,
                "docx",
                format="html",
                outputfile=str(target),
                extra_args=[f"--metadata=lang:{lang.group(1) if lang else 'nl'}"],
            )
        return target.read_bytes()
