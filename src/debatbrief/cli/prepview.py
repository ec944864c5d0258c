"""The prep sheet in the terminal (``debatbrief prep`` without ``--format pdf``).

Plain text to a pipe or under ``NO_COLOR``, bold headings on a terminal; fits 60 columns.
The data comes from :func:`debatbrief.commands.prep.prep`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from debatbrief.cli.planview import Writer

if TYPE_CHECKING:
    from rich.console import Console

    from debatbrief.commands.prep import AskLine, FractiePrep, Prep


def print_prep(sheets: Prep, out: Console) -> None:
    """Print every fractie's sheet, separated by a blank line and a rule."""
    w = Writer(out)
    for number, sheet in enumerate(sheets.fracties):
        if number:
            w.say()
            w.say("-" * min(60, w.width))
        print_sheet(sheets, sheet, w)


def print_sheet(sheets: Prep, sheet: FractiePrep, w: Writer) -> None:
    """One fractie: who it is, the author's reading, whom to call, the asks, the claims,
    the record."""
    _print_head(sheets, sheet, w)
    _print_assessment(sheets, sheet, w)
    _print_calls(sheets, sheet, w)
    _print_briefing(sheet, w)
    _print_asks(sheet, w)
    _print_claims(sheet, w)
    if sheet.record:
        _heading("Stemgedrag en standpunten", w)
        for line in sheet.record:
            w.say(f"- {line}", indent=1, hang=2)


def _heading(text: str, w: Writer) -> None:
    w.say()
    w.say(text, style="bold")


def _print_head(sheets: Prep, sheet: FractiePrep, w: Writer) -> None:
    name = sheet.abbreviation if sheet.name == sheet.abbreviation else f"{sheet.abbreviation} ({sheet.name})"
    w.say(f"INTERN · voorbereiding {name}", style="bold")
    w.say(f"{sheets.title} · {sheets.debate}, {sheets.date}")
    senate = f"; {sheet.senate_zetels} in de Eerste Kamer" if sheet.senate_zetels else ""
    w.say(f"Zetels: {sheet.zetels} van {sheet.seats} in de Tweede Kamer{senate}")
    w.say(f"Rol: {'; '.join(sheet.roles)}")
    if sheet.woordvoerder:
        w.say(f"{sheet.woordvoerder[0]}: {sheet.woordvoerder[1]}")
    if sheet.fractievoorzitter:
        w.say(f"{sheet.chair_label}: {sheet.fractievoorzitter}")
    subject = sheet.subject
    w.say(f"Standpunt: {subject.word} {sheets.subject} ({subject.basis})")


#: Said when the brief has no profile for a fractie.
NO_PROFILE = (
    "Geen profiel in profiles.yaml: geen inschatting, notities, waarden of "
    "stemgedrag; de briefing weegt alle waarden gelijk."
)


def _print_assessment(sheets: Prep, sheet: FractiePrep, w: Writer) -> None:
    if not sheet.profiled:
        _heading(NO_PROFILE, w)
    if sheet.assessment:
        _heading(f"Inschatting van {sheets.author}", w)
        w.say(sheet.assessment, indent=1, hang=0)
    if sheet.notes:
        _heading("Notities", w)
        w.say(sheet.notes, indent=1, hang=0)


def _print_calls(sheets: Prep, sheet: FractiePrep, w: Writer) -> None:
    _heading("Eerst bellen", w)
    for line in sheets.calls:
        w.say(line, indent=1)
    if sheet.swing:
        w.say(f"{sheet.abbreviation}: {sheet.swing}", indent=1)


def _print_briefing(sheet: FractiePrep, w: Writer) -> None:
    """What the MP reads: the kernboodschap and the cards of its briefing."""
    if not (sheet.messages or sheet.cards):
        return
    _heading(f"Wat de {sheet.noun} in haar briefing leest", w)
    for number, message in enumerate(sheet.messages, start=1):
        w.say(f"{number}. {message}", indent=1, hang=3)
    if sheet.cards:
        w.say(f"Kaarten in de briefing: {', '.join(sheet.cards)}", indent=1)


def _print_asks(sheet: FractiePrep, w: Writer) -> None:
    _heading("Wat wij vragen: standpunt en zetels", w)
    for number, ask in enumerate(sheet.asks, start=1):
        _print_ask(number, ask, w)
    opposed = sheet.opposed_asks
    if opposed:
        _heading(f"Niet in de briefing: {sheet.abbreviation} is naar verwachting tegen", w)
        w.say(", ".join(a.id for a in opposed), indent=1)


def _print_ask(number: int, ask: AskLine, w: Writer) -> None:
    shown = "; in de briefing" if ask.in_briefing else ""
    w.say(f"{number:>2}. {ask.id} ({ask.kind_word}{shown}): {ask.stance.word} ({ask.stance.basis})", hang=4)
    w.say(ask.text, indent=4, hang=0)
    if not ask.in_briefing and ask.stance.stance != "opposes":  # those are listed below
        w.say(f"Niet in de briefing: {ask.left_out}.", indent=4)
    for line in ask.seats:
        w.say(f"Zetels: {line}", indent=4)


def _print_claims(sheet: FractiePrep, w: Writer) -> None:
    raises = sheet.raises
    _heading(f"Verwachte claims van {sheet.abbreviation} ({len(raises)})", w)
    for claim in raises:
        w.say(f"- kaart {claim.card} ({claim.stance.basis}): {claim.claim}", indent=1)
        w.say(f"Zeg: {claim.say}", indent=3)
    if not raises:
        w.say("geen", indent=1)
    for label, ids in sheet.other_claims:
        listed = (
            ", ".join(ids) if label != "Onbekend" else f"{len(ids)} {'claim' if len(ids) == 1 else 'claims'}"
        )
        w.say(f"{label}: {listed}", indent=1)
