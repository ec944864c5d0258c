"""A hemicycle (seat diagram) as SVG: one mark per member, grouped by vote.

The arch geometry comes from ``parliamentarch`` (BSD-3-Clause, pure Python, no
dependencies): it places the seat centres of a 180° hemicycle in rows, the way the
Wikipedia parliament diagrams do. The drawing is ours, because every seat needs a mark that
says its vote without colour: a colour-blind reader, or a greyscale print, tells them apart
by shape and fill, and the counts are printed beside each diagram.

==========  ==================================  ==========================
vote        mark                                colour (Okabe-Ito palette)
==========  ==================================  ==========================
voor        filled disc                         blue ``#0072B2``
swing       disc with a thick black ring        yellow ``#F0E442``
onbekend    open ring                           grey ``#8C8C8C``
tegen       filled square                       vermilion ``#D55E00``
==========  ==================================  ==========================

Seats fill the arch from left to right in that order (voor, swing, onbekend, tegen), each
fractie's seats together; a dashed line marks the middle, past which the *voor* seats must
reach for a majority.
"""

from __future__ import annotations

from html import escape

#: The marks, in left-to-right order: (vote, fill, stroke).
MARKS: dict[str, tuple[str, str]] = {
    "voor": ("#0072B2", "none"),
    "swing": ("#F0E442", "#000000"),
    "onbekend": ("#FFFFFF", "#8C8C8C"),
    "tegen": ("#D55E00", "none"),
}
#: The Dutch words for the marks, for legends.
LABELS = {
    "voor": "voor",
    "swing": "swing (onbekend, telt mee in een kleinste combinatie)",
    "onbekend": "onbekend",
    "tegen": "tegen",
}

#: The seat's radius as a share of the row thickness (parliamentarch's default).
SEAT_FACTOR = 0.8


def mark(vote: str, x: float, y: float, r: float) -> str:
    """One seat's SVG element, centred on ``(x, y)`` with radius ``r`` (viewBox units)."""
    fill, stroke = MARKS[vote]
    if vote == "tegen":
        side = 1.7 * r
        return (
            f'<rect class="seat" x="{x - side / 2:.2f}" y="{y - side / 2:.2f}" '
            f'width="{side:.2f}" height="{side:.2f}" fill="{fill}"/>'
        )
    width = {"swing": 0.35, "onbekend": 0.3}.get(vote, 0)
    stroke_attrs = f' stroke="{stroke}" stroke-width="{width * r:.2f}"' if width else ""
    radius = r - width * r / 2 if width else r
    return f'<circle class="seat" cx="{x:.2f}" cy="{y:.2f}" r="{radius:.2f}" fill="{fill}"{stroke_attrs}/>'


def hemicycle_svg(groups: list[tuple[str, str, int]], label: str, width_mm: float = 30) -> str:
    """An SVG hemicycle of ``groups`` (``(vote, title, seats)`` in left-to-right order; a
    vote is a key of :data:`MARKS`), one mark per seat, ``width_mm`` millimetres wide and
    half as high. ``label`` is the diagram's text alternative. Raises
    ``ValueError`` for an unknown vote."""
    from parliamentarch.geometry import get_nrows_from_nseats, get_row_thickness, get_seats_centers

    total = sum(count for _, _, count in groups)
    for vote, _, _ in groups:
        if vote not in MARKS:
            raise ValueError(f"unknown vote {vote!r}")
    # Outer radius 100 viewBox units: x from 0 to 200, y from 0 (top) to 100 (bottom).
    centres = get_seats_centers(total) if total else {}
    seats = sorted(centres, key=centres.__getitem__, reverse=True)  # left to right
    r = SEAT_FACTOR * get_row_thickness(get_nrows_from_nseats(total)) * 100 if total else 0
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="hemicycle" viewBox="-2 -2 204 104" '
        f'width="{width_mm:.1f}mm" height="{width_mm * 104 / 204:.1f}mm" role="img" '
        f'aria-label="{escape(label)}">',
        f"<title>{escape(label)}</title>",
    ]
    index = 0
    for vote, title, count in groups:
        if count <= 0:
            continue
        parts.append(f'<g class="{vote}"><title>{escape(title)}</title>')
        for x, y in seats[index : index + count]:
            parts.append(mark(vote, x * 100, (1 - y) * 100, r))
        parts.append("</g>")
        index += count
    parts.append(
        '<line class="middle" x1="100" y1="-1" x2="100" y2="50" stroke="#000000" '
        'stroke-width="0.8" stroke-dasharray="2.5 2"/>'
    )
    parts.append("</svg>")
    return "".join(parts)


def legend_svg(vote: str, size_mm: float = 3) -> str:
    """One mark alone, ``size_mm`` millimetres wide, for a legend."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="legend-mark" viewBox="0 0 10 10" '
        f'width="{size_mm:.1f}mm" height="{size_mm:.1f}mm" aria-hidden="true">'
        f"{mark(vote, 5, 5, 4.2)}</svg>"
    )
