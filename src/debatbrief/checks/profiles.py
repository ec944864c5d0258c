"""Rules B5xx: the profiles: a record holds sourced facts known before the debate, every
fractie has a profile, and the emphasis a profile promises is what its briefing shows.

See :mod:`debatbrief.checks.registry` for how to add a rule.
"""

from __future__ import annotations

from collections.abc import Iterator

from debatbrief.brief.models import citation_keys
from debatbrief.checks.context import Context, Finding
from debatbrief.checks.registry import rule


@rule("B501", "feit van na het debat", reads=("profiles.yaml: record.date", "brief.yaml: debate.date"))
def record_after_debate(ctx: Context) -> Iterator[Finding]:
    """A vote or statement in a record predates the debate."""
    if not ctx.meta:
        return
    debate = ctx.meta.debate.date
    for i, profile in enumerate(ctx.profiles):
        for j, item in enumerate(profile.record):
            if item.date > debate:
                yield (
                    "profiles.yaml",
                    (i, "record", j, "date"),
                    (
                        f"dit feit is van {item.date}, na het debat van {debate}: een briefing voor "
                        f"dat debat kan het niet kennen (verwijder het of verbeter de datum)"
                    ),
                )


@rule("B502", "feit zonder bron", reads=("profiles.yaml: record.text",))
def record_without_source(ctx: Context) -> Iterator[Finding]:
    """A fact in a record cites the source that shows it."""
    for i, profile in enumerate(ctx.profiles):
        for j, item in enumerate(profile.record):
            if not citation_keys(item.text):
                yield (
                    "profiles.yaml",
                    (i, "record", j, "text"),
                    (
                        "een feit uit het stemgedrag of standpunt heeft een bron nodig (voeg "
                        "[@bron-id] toe, of zet het onder assessment)"
                    ),
                )


@rule(
    "B503",
    "fractie zonder profiel",
    severity="waarschuwing",
    phase="unused",
    reads=("profiles.yaml: fractie", "kamers/*.yaml: fracties"),
)
def fractie_without_profile(ctx: Context) -> Iterator[Finding]:
    """Every fractie of the Tweede Kamer has a profile (when the brief has profiles.yaml).
    Not checked while a citing file has errors."""
    if ctx.kamer is None or ctx.parts.get("profiles.yaml") is None or not ctx.citing_complete:
        return
    profiled = {profile.fractie for profile in ctx.profiles}
    for fractie in ctx.kamer.fracties:
        if fractie.id not in profiled:
            yield "profiles.yaml", (), f"fractie '{fractie.id}' heeft geen profiel"


@rule(
    "B504",
    "beloofde nadruk niet in de briefing",
    phase="selection",
    reads=("profiles.yaml: emphasis", "arguments.yaml", "de keuze van de briefing"),
)
def emphasis_not_kept(ctx: Context) -> Iterator[Finding]:
    """Every topic a profile promises emphasis on gets a detailed argument in that
    fractie's full briefing. Checked only for a brief without other errors."""
    if ctx.brief is None:
        return
    from debatbrief.briefing.select import emphasis_problems

    for index, message in emphasis_problems(ctx.brief):
        yield "profiles.yaml", (index, "emphasis"), message
