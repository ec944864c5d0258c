"""Rules B4xx: brief.yaml itself: the document's date, the asks, the intros, the topics.

See :mod:`debatbrief.checks.registry` for how to add a rule.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from debatbrief.brief.models import CITATION_RE
from debatbrief.checks.context import Context, Finding
from debatbrief.checks.registry import rule

#: The most words a question may have: what fits one interruption at the microphone.
MAX_QUESTION_WORDS = 30


@rule("B401", "document na het debat", reads=("brief.yaml: document.date, debate.date",))
def document_after_debate(ctx: Context) -> Iterator[Finding]:
    """The document is dated on or before the debate."""
    meta = ctx.meta
    if meta and meta.document.date is not None and meta.document.date > meta.debate.date:
        yield (
            "brief.yaml",
            ("document", "date"),
            (
                f"{meta.document.the} is gedateerd {meta.document.date} maar het debat is op "
                f"{meta.debate.date} (het document komt vóór het debat; verbeter een van beide)"
            ),
        )


@rule("B402", "vraag te lang", reads=("brief.yaml: asks.text, asks.kind",))
def question_too_long(ctx: Context) -> Iterator[Finding]:
    """A question fits one interruption: at most 30 words, citations not counted."""
    for i, ask in enumerate(ctx.meta.asks if ctx.meta else []):
        words = len(CITATION_RE.sub("", ask.text).split())
        if ask.kind == "question" and words > MAX_QUESTION_WORDS:
            yield (
                "brief.yaml",
                ("asks", i, "text"),
                (
                    f"vraag '{ask.id}' telt {words} woorden; bij de interruptiemicrofoon past er "
                    f"ten hoogste {MAX_QUESTION_WORDS}"
                ),
            )


@rule(
    "B403",
    "intro.unknown ontbreekt",
    severity="waarschuwing",
    reads=("brief.yaml: intro", "stances.yaml: subject", "kamers/*.yaml: fracties"),
)
def intro_for_unknown_missing(ctx: Context) -> Iterator[Finding]:
    """A fractie whose stance on the subject is unknown gets ``intro.unknown``: the brief
    has one when any fractie of the Tweede Kamer has no stated stance."""
    meta, kamer = ctx.meta, ctx.kamer
    if not (meta and kamer is not None and ctx.stances and not meta.intro.unknown):
        return
    stated = {
        b.fractie
        for b in ctx.stances
        if b.chamber is None and "subject" in b.model_fields_set and _stance_word(b.subject) != "unknown"
    }
    undecided = [f.abbreviation for f in kamer.fracties if f.id not in stated]
    if undecided:
        yield (
            "brief.yaml",
            ("intro",),
            (
                f"geen intro.unknown, terwijl het standpunt over het "
                f"onderwerp onbekend is voor {', '.join(undecided)} "
                f"(voeg intro.unknown toe of vul stances.yaml aan)"
            ),
        )


@rule(
    "B404",
    "onderwerp zonder argument",
    severity="waarschuwing",
    phase="unused",
    reads=("brief.yaml: topics", "arguments.yaml: topic"),
)
def topic_without_argument(ctx: Context) -> Iterator[Finding]:
    """Every topic has an argument. Not checked while a citing file has errors."""
    if not ctx.meta or not ctx.citing_complete:
        return
    used = {argument.topic for argument in ctx.arguments}
    for i, topic in enumerate(ctx.meta.topics):
        if topic.id not in used:
            yield "brief.yaml", ("topics", i, "id"), f"onderwerp '{topic.id}' heeft geen argument"


def _stance_word(value: Any) -> str:
    return value if isinstance(value, str) else value.stance


@rule("B405", "geen contactpersoon", severity="waarschuwing", reads=("brief.yaml: contact_person, contact",))
def no_contact_person(ctx: Context) -> Iterator[Finding]:
    """Every page handed to an MP names a person to call: without ``contact_person`` the
    briefing names only the organisation."""
    meta = ctx.meta
    if meta and meta.contact_person is None:
        yield (
            "brief.yaml",
            ("contact",) if meta.contact else (),
            (
                "geen contactpersoon: de briefing noemt alleen de organisatie (voeg "
                "contact_person toe met naam, rol, telefoon en e-mail, zoals een bron ze laat zien)"
            ),
        )
