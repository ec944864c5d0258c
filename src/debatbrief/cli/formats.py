"""Machine-readable output of the command line: ``list --format json`` and
``check --format github`` (GitHub Actions' workflow commands)."""

from __future__ import annotations


def list_data(ws, what: str) -> dict:
    """What ``debatbrief list WHAT`` shows, as JSON-ready data: ``{"brief": id, WHAT: [...]}``
    (``briefs`` has no brief)."""
    if what == "briefs":
        from debatbrief.brief.load import list_briefs
        return {"briefs": [{"id": f.name, "path": str(f)} for f in list_briefs(ws.briefs)]}
    if what == "cards":
        from debatbrief.cards.lookup import deck
        data = deck(ws)
        rows = [{"id": c["id"], "topic": c["topic"], "raised_by": c["raised_by"],
                 "sources": c["source_ids"]} for c in data["cards"]]
        return {"brief": ws.brief_folder().name, "cards": rows}
    brief = ws.brief()
    return {"brief": brief.id, what: _ROWS[what](brief)}


def _fracties(brief) -> list[dict]:
    rows = []
    for f in brief.kamer.fracties:
        stance = brief.subject_stance(f.id)
        rows.append({"id": f.id, "abbreviation": f.abbreviation, "name": f.name,
                     "zetels": f.zetels, "fractievoorzitter": f.fractievoorzitter,
                     "fractievoorzitter_unconfirmed": bool(f.fractievoorzitter_unconfirmed),
                     "roles": list(brief.kamer.roles(f.id)),
                     "stance": {"stance": stance.stance, "source": stance.source}})
    return rows


def _topics(brief) -> list[dict]:
    arguments = [a.topic for a in brief.arguments]
    cards = [c.topic for c in brief.cards]
    return [{"id": t.id, "title": t.title, "arguments": arguments.count(t.id),
             "cards": cards.count(t.id)} for t in brief.meta.topics]


def _sources(brief) -> list[dict]:
    from debatbrief.brief.cite import source_reference
    return [{"id": s.id, "kind": s.kind, "reference": source_reference(s),
             "in_document": s.in_document, "correction": s.correction is not None,
             "caveat": s.caveat is not None} for s in brief.sources]


_ROWS = {"fracties": _fracties, "topics": _topics, "sources": _sources}


def github_annotation(problem) -> str:
    """One problem as a GitHub Actions workflow command:
    ``::error file=briefs/x/cards.yaml,line=12::message`` (``::warning`` for a warning)."""
    level = "warning" if problem.severity == "warning" else "error"
    where = f"file={_property(problem.file)}"
    if problem.line:
        where += f",line={problem.line}"
    return f"::{level} {where}::{_data(problem.message)}"


def _data(text: str) -> str:
    # GitHub's escaping of a workflow command's message.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    # ... and of a property's value, which also may not hold ':' or ','.
    return _data(text).replace(":", "%3A").replace(",", "%2C")
