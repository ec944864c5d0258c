"""The printed page, checked over every briefing (full and handout) and the card sheet.

All documents are made once per session (``every_document``) by the real pipeline; the
checks read WeasyPrint's layout boxes (where each line, note call and note landed) and
the PDF (text, structure tree, link annotations), as a reader and a screen reader get it.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest
from helpers import footnote_layout, pdf_pages_text

MM = 96 / 25.4  # CSS px per millimetre
#: The most blank space a page may leave above its footnote area (or its bottom margin)
#: when more text follows on the next page.
MAX_GAP_MM = 40
NO_HYPHENATION = {"kernzin", "say", "claim"}


def briefings(docs):
    return [d for d in docs if d.notes is not None]


def walk(box):
    yield box
    for child in getattr(box, "children", None) or []:
        yield from walk(child)


def leaves(box, in_call: bool = False):
    """(text, is_note_call) for every text box under ``box``, in reading order."""
    tag = getattr(box, "element_tag", "") or ""
    in_call = in_call or tag.endswith("::footnote-call")
    text = getattr(box, "text", None)
    if text is not None and not getattr(box, "children", None):
        yield text, in_call
    for child in getattr(box, "children", None) or []:
        yield from leaves(child, in_call)


def body_lines(page):
    """The line boxes of a page's main text (not its footnotes or margins)."""
    root = page._page_box.children[0]
    return [box for box in walk(root) if type(box).__name__ == "LineBox"]


def classes(element) -> set[str]:
    return set((element.get("class") or "").split()) if element is not None else set()


def test_note_calls_never_start_a_line_or_stand_beside_another(every_document):
    for made in briefings(every_document):
        for number, page in enumerate(made.document.pages, start=1):
            for line in body_lines(page):
                items = [item for item in leaves(line) if item[0]]
                for i, (text, is_call) in enumerate(items):
                    if not is_call:
                        continue
                    where = f"{made}, p. {number}: {''.join(t for t, _ in items)!r}"
                    assert i > 0, f"note call {text} opens a line ({where})"
                    before = items[i - 1]
                    assert not before[1], f"two note calls side by side ({where})"
                    assert not before[0][-1].isspace(), f"call apart from its word ({where})"
                    if i + 1 < len(items):
                        assert not items[i + 1][1], f"two note calls side by side ({where})"


def test_every_note_is_printed_on_the_page_that_calls_it(every_document):
    for made in briefings(every_document):
        layout = footnote_layout(made.document)
        assert len(layout) == len(made.notes.notes), made
        for placed in layout:
            assert placed["call_page"] == placed["body_page"], (made, placed)
        assert [p["marker"] for p in layout] == [f"{n}." for n in range(1, len(layout) + 1)]


def _first_unit_height(page) -> float:
    """Height of what opens a page and must stay together (the first block, with the
    blocks a heading keeps with it), plus the notes it calls, which need room too."""
    body = next(box for box in walk(page._page_box.children[0]) if box.element_tag == "body")
    called: set[str] = set()
    # A page drops the top margin of what opens it; at the foot of the page before, the
    # margin would have been there.
    height = getattr(body.children[0].style["margin_top"], "value", 0) if body.children else 0
    for box in body.children:
        height += box.margin_height()
        called |= {b.element.get("id") for b in walk(box) if b.element_tag == "fn-note::footnote-call"}
        if box.style["break_after"] != "avoid":
            break
    notes = page._page_box.children[1].children
    return height + sum(note.margin_height() for note in notes if note.element.get("id") in called)


def _starts_a_motion(page) -> bool:
    """Whether a page holds a concept-motie (which the stylesheet puts on a new page)."""
    return any("motie" in classes(getattr(box, "element", None)) for box in walk(page._page_box))


def test_no_page_leaves_a_large_unplanned_blank_above_its_notes(every_document):
    """Blank space at a page foot is planned when what follows could not have fitted
    there (a heading with the card it keeps together); anything else above 40 mm is not."""
    for made in briefings(every_document):
        pages = made.document.pages
        for number, page in enumerate(pages[:-1], start=1):  # the last page may end early
            root, footnote_area = page._page_box.children[:2]
            bottom = max(
                (
                    box.position_y + box.margin_height()
                    for box in walk(root)
                    if box is not root
                    and box.element_tag not in ("html", "body")
                    and box.position_y is not None
                ),
                default=root.position_y,
            )
            gap = footnote_area.position_y - bottom
            if _starts_a_motion(pages[number]):
                continue  # a concept-motie always starts a page of its own
            if gap / MM > MAX_GAP_MM:
                following = _first_unit_height(pages[number])
                # Half a millimetre for rounding: a unit as tall as the gap did not fit.
                assert following > gap - 0.5 * MM, (
                    f"{made}, p. {number}: {gap / MM:.0f} mm blank, next unit {following / MM:.0f} mm"
                )


def _unhyphenated_boxes(document):
    """Boxes of headings, kernzinnen, kernboodschap items, claims and say lines."""

    def visit(box, parent_classes):
        element = getattr(box, "element", None)
        tag = getattr(box, "element_tag", "") or ""
        own = classes(element) if "::" not in tag else set()
        if (
            element is not None
            and "::" not in tag
            and (
                tag in ("h1", "h2", "h3")
                or own & NO_HYPHENATION
                or (tag == "li" and "kern" in parent_classes)
            )
        ):
            yield box, element
            return
        for child in getattr(box, "children", None) or []:
            yield from visit(child, own if element is not None and own else parent_classes)

    for page in document.pages:
        yield from visit(page._page_box, set())


def test_headings_kernzinnen_and_say_lines_are_never_hyphenated(every_document):
    checked = 0
    for made in every_document:
        for box, element in _unhyphenated_boxes(made.document):
            printed = "".join(text for text, is_call in leaves(box) if not is_call)
            source = "".join(element.itertext())
            # A hyphen the layout added is a hyphen the text does not have.
            assert printed.count("-") + printed.count("\u2010") <= source.count("-") + source.count(
                "\u2010"
            ), (made, printed)
            checked += 1
    assert checked > 500


def test_running_text_is_hyphenated_in_dutch(every_document):
    hyphenated = set()
    for made in briefings(every_document):
        for page in made.document.pages:
            for line in body_lines(page):
                text = "".join(t for t, _ in leaves(line))
                if re.search("[a-zà-ÿ]{4}[-\u2010]$", text):
                    hyphenated.add(text.split()[-1])
    assert len(hyphenated) > 10  # the check above cannot pass for want of hyphenation


def test_urls_break_only_after_slash_dot_or_hyphen(every_document):
    urls = 0
    for made in briefings(every_document):
        for page in made.document.pages:
            for box in walk(page._page_box):
                if "url" not in classes(getattr(box, "element", None)) or type(box).__name__ not in (
                    "BlockBox",
                    "InlineBlockBox",
                ):
                    continue
                lines = ["".join(t for t, _ in leaves(line)).replace("\u200b", "") for line in box.children]
                urls += 1
                for line in lines[:-1]:
                    assert line[-1] in "/.-?=&:", (made, lines)
                assert "".join(lines) == box.element.get("href"), (made, lines)
    assert urls > 100


def test_no_straight_quotes_in_printed_text(every_document):
    for made in every_document:
        for number, text in enumerate(pdf_pages_text(made.path), start=1):
            assert "'" not in text and '"' not in text, (
                made,
                number,
                re.findall(r".{30}['\"].{30}", text)[:3],
            )


def test_page_limits_hold(every_document):
    for made in briefings(every_document):
        limit = 1 if made.name.endswith("-short") else 4
        assert len(made.document.pages) <= limit, made


def _structure(path):
    from pypdf import PdfReader

    reader = PdfReader(path)
    found: list[tuple[str, object]] = []

    def visit(node):
        node = node.get_object()
        if not hasattr(node, "get") or node.get("/Type") == "/OBJR":
            return
        if "/S" in node:
            found.append((node["/S"], node.get("/ID")))
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [kids]:
            if kid is not None and hasattr(kid, "get_object"):
                visit(kid)

    visit(reader.trailer["/Root"]["/StructTreeRoot"])
    return reader, found


def test_footnotes_are_tagged_as_notes_with_their_reference(every_document):
    for made in briefings(every_document):
        _, found = _structure(made.path)
        kinds = Counter(kind for kind, _ in found)
        assert kinds["/Note"] == len(made.notes.notes) > 0, (made, kinds)
        assert kinds["/Reference"] == len(made.notes.notes), (made, kinds)
        ids = [str(ident) for kind, ident in found if kind == "/Note"]
        assert len(set(ids)) == len(ids) and all(ids), made


def test_one_link_annotation_per_url(every_document):
    for made in briefings(every_document):
        reader, _ = _structure(made.path)
        uris = Counter()
        for page in reader.pages:
            for annotation in page.get("/Annots") or []:
                action = annotation.get_object().get("/A")
                if action is not None:
                    uris[action["/URI"]] += 1
        # One annotation for each URL the source list prints (two sources of a brief
        # and its Kamer file may share one).
        expected = Counter(s.url for s in made.notes.cited_sources() if s.url)
        if made.name.endswith("-short"):
            expected = Counter()  # the handout lists references without URLs
        assert uris == expected, (made, (uris - expected).most_common(3))


@pytest.mark.parametrize("length", ["full", "short"])
def test_every_cited_source_is_listed_once(every_document, length):
    for made in briefings(every_document):
        if not made.name.endswith(length):
            continue
        text = " ".join(pdf_pages_text(made.path))
        if length == "short":
            # The handout's sources are its footnotes: no second list beside them.
            assert "Bronnen" not in text, made
            listed = text
        else:
            listed = text[text.rindex("Bronnen") :]
        for source in made.notes.cited_sources():
            assert made.notes.short(source) in listed, (made, source.id)


def test_no_text_passes_the_right_margin(every_document):
    """Every line of text stays inside its page's content box (a briefing) or inside its
    card's A6 cell (the card sheet): long words and URLs break instead."""
    checked = 0

    def visit(box, right, where):
        nonlocal checked
        if getattr(box, "element_tag", None) == "article":  # a card's cell
            right = box.position_x + box.border_width()
        if type(box).__name__ == "TextBox" and box.text.strip():
            checked += 1
            overshoot = box.position_x + box.width - right
            assert overshoot <= 0.5, (*where, box.text, f"{overshoot / MM:.1f} mm")
        for child in getattr(box, "children", None) or []:
            visit(child, right, where)

    for made in every_document:
        for number, page in enumerate(made.document.pages, start=1):
            page_box = page._page_box
            visit(page_box.children[0], page_box.content_box_x() + page_box.width, (made, number))
    # Not vacuous: every document has its lines checked (a briefing has hundreds).
    assert checked > 100 * len(every_document)
