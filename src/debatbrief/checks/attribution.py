"""Rules B8xx: every printed sentence is sourced or attributed (see
:mod:`debatbrief.brief.attribution` for what that means and the fields it covers).

See :mod:`debatbrief.checks.registry` for how to add a rule.
"""

from __future__ import annotations

from collections.abc import Iterator

from debatbrief.brief import attribution
from debatbrief.checks.context import Context, Finding
from debatbrief.checks.registry import rule


@rule(
    "B801",
    "zin zonder bron of toeschrijving",
    severity="waarschuwing",
    phase="attribution",
    reads=(
        "brief.yaml: intro",
        "arguments.yaml: kernzin, reasoning, angles.text",
        "profiles.yaml: assessment, record.text",
        "cards.yaml: rebuttal, evidence",
    ),
)
def unsupported_sentence(ctx: Context) -> Iterator[Finding]:
    """Each sentence of printed prose cites a source other than the document, or says
    whose view it is (the sender, the author, the document, "wij"; with a citation of the
    document, any named body: "volgens het Hof"), or is a question; a number always cites
    where it comes from. A field already reported gets no second message (one cause, one
    message), and nothing is checked while brief.yaml has errors: the names come from
    there. The hint suggests the sender's name only for the document's own views."""
    meta = ctx.meta
    if not meta or "brief.yaml" in ctx.incomplete:
        return
    sender, author = meta.sender.in_text, meta.writer.in_text
    names = list(dict.fromkeys(meta.sender.names + meta.writer.names))
    reported = ctx.problem_places()
    for name, loc, text in attribution.printed_prose(ctx.parts):
        if ctx.where(name, loc) in reported:
            continue
        for sentence, why in attribution.unsupported(text, meta.document.source, names, meta.document.the):
            yield name, loc, attribution.message(sentence, why, meta.document.the, sender, author)
