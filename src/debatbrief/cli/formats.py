"""Machine-readable output of the command line: ``list`` and ``rebut --format json``, and
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
        rows = [
            {"id": c["id"], "topic": c["topic"], "raised_by": c["raised_by"], "sources": c["source_ids"]}
            for c in data["cards"]
        ]
        return {"brief": ws.brief_folder().name, "cards": rows}
    brief = ws.brief()
    return {"brief": brief.id, what: _ROWS[what](brief)}


def _fracties(brief) -> list[dict]:
    rows = []
    for f in brief.kamer.fracties:
        stance = brief.subject_stance(f.id)
        rows.append(
            {
                "id": f.id,
                "abbreviation": f.abbreviation,
                "name": f.name,
                "zetels": f.zetels,
                "fractievoorzitter": f.fractievoorzitter,
                "fractievoorzitter_unconfirmed": bool(f.fractievoorzitter_unconfirmed),
                "roles": list(brief.kamer.roles(f.id)),
                "stance": {"stance": stance.stance, "source": stance.source},
            }
        )
    return rows


def _topics(brief) -> list[dict]:
    arguments = [a.topic for a in brief.arguments]
    cards = [c.topic for c in brief.cards]
    return [
        {"id": t.id, "title": t.title, "arguments": arguments.count(t.id), "cards": cards.count(t.id)}
        for t in brief.meta.topics
    ]


def _sources(brief) -> list[dict]:
    from debatbrief.brief.cite import source_reference

    return [
        {
            "id": s.id,
            "kind": s.kind,
            "reference": source_reference(s),
            "in_document": s.in_document,
            "correction": s.correction is not None,
            "caveat": s.caveat is not None,
        }
        for s in brief.sources
    ]


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


#: The fields of a card in ``rebut --format json`` (the cached card less its match data).
CARD_FIELDS = (
    "id",
    "topic",
    "topic_title",
    "claim",
    "rebuttal",
    "evidence",
    "say",
    "say_sources",
    "follow_up",
    "raised_by",
    "aliases",
    "sources",
    "source_ids",
)


def rebut_data(result, brief: str, all_: bool = False) -> dict:
    """What ``rebut`` found (a :class:`debatbrief.cards.lookup.LookupResult`), as JSON-ready
    data: ``brief``, ``query``, ``fractie`` (abbreviation or ``None``), ``found``
    (``"card"``: one sure card; ``"choice"``: several cards share the query; ``"none"``),
    ``cards`` (what the text form shows, best first, each card whole with its ``score``
    0..100 and ``fits``: false for the candidates ``--all`` adds up to three), ``nearest``
    (the three nearest cards overall: id, topic, topic_title, score) and ``warning`` (an error in
    the brief outside the cards, or ``None``)."""
    fitting = list(result.hits)
    shown = fitting if all_ or len(fitting) > 1 else fitting[:1]
    if all_ and fitting:
        shown += [h for h in result.ranked if h.score > 0 and h not in shown][: 3 - len(shown)]
    found = "none" if not fitting else "card" if len(fitting) == 1 else "choice"
    cards = [
        {**{k: hit.card[k] for k in CARD_FIELDS}, "score": round(hit.score, 1), "fits": hit in fitting}
        for hit in shown
    ]
    nearest = [
        {
            "id": h.card["id"],
            "topic": h.card["topic"],
            "topic_title": h.card["topic_title"],
            "score": round(h.score, 1),
        }
        for h in result.nearest
    ]
    return {
        "brief": brief,
        "query": result.query,
        "fractie": result.fractie,
        "found": found,
        "cards": cards,
        "nearest": nearest,
        "warning": result.warning,
    }
