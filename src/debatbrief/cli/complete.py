"""Shell completion: the values a brief offers for ``--fractie``, ``--topic``, ``--source``,
``--brief`` and ``rebut``'s search words (card and source ids).

Completion runs on every Tab, so it reads the cached deck (:func:`debatbrief.cards.lookup.deck`,
validated once per edit of the brief) and never fails: any problem offers nothing
rather than a traceback in the user's prompt.
"""

from __future__ import annotations

from click.shell_completion import CompletionItem

#: Which values a parameter completes, by its name in the command's signature.
KINDS = {
    "fractie": "fracties",
    "topic": "topics",
    "source": "sources",
    "zoekwoord": "cards",
    "brief": "briefs",
}


def attach(command) -> None:
    """Give every parameter of ``command`` (and of its sub-commands) named in :data:`KINDS`
    a completion of the chosen brief's values."""
    for cmd in [command, *getattr(command, "commands", {}).values()]:
        for param in cmd.params:
            kind = KINDS.get(param.name or "")
            if kind:
                # click's hook for a custom completion (the ``shell_complete=`` argument);
                # typer's own ``autocompletion`` would only match case-sensitively.
                param._custom_shell_complete = _completer(kind)


def _completer(kind: str):
    def complete(ctx, param, incomplete: str) -> list[CompletionItem]:
        try:
            return [
                CompletionItem(value, help=help_text)
                for value, help_text in candidates(ctx.params, kind, incomplete)
            ]
        except Exception:  # noqa: BLE001 - a completion never shows an error
            return []

    return complete


def candidates(params: dict, kind: str, incomplete: str) -> list[tuple[str, str]]:
    """``(value, description)`` pairs of ``kind`` whose value or name starts with
    ``incomplete`` (any case), for the brief ``params`` choose (``brief``, ``briefs``)."""
    from debatbrief.commands.workspace import Workspace

    ws = Workspace(briefs_dir=params.get("briefs"), brief_id=params.get("brief"))
    if kind == "briefs":
        from debatbrief.base.paths import list_briefs

        pairs: list[tuple[str, ...]] = [(folder.name, "") for folder in list_briefs(ws.briefs)]
    else:
        from debatbrief.cards.lookup import deck

        pairs = _pairs(deck(ws), kind)
    typed = incomplete.casefold()
    return [(pair[0], pair[1]) for pair in pairs if any(name.casefold().startswith(typed) for name in pair)]


def _pairs(data: dict, kind: str) -> list[tuple[str, ...]]:
    if kind == "fracties":
        return [(f["id"], f["name"], f["abbreviation"]) for f in data["fracties"]]
    if kind == "topics":
        return [(t["id"], t["title"]) for t in data["topics"]]
    sources = sorted({s for card in data["cards"] for s in card["source_ids"]})
    if kind == "sources":
        return [(s, "bron") for s in sources]
    return [(c["id"], c["topic_title"]) for c in data["cards"]] + [(s, "bron") for s in sources]


def install_completion(ctx, param, value):
    """``--install-completion``: typer installs the script for the shell it detects (bash,
    zsh, fish, PowerShell); this says so in Dutch, or why not."""
    if not value or ctx.resilient_parsing:
        return value
    import contextlib
    import io

    import click
    from typer._completion_shared import install

    from debatbrief.base.errors import UsageError

    try:
        with contextlib.redirect_stdout(io.StringIO()):  # typer's English lines
            shell, path = install(prog_name="debatbrief", complete_var="_DEBATBRIEF_COMPLETE")
    except click.exceptions.Exit:
        raise UsageError(
            "Deze shell is niet herkend of wordt niet ondersteund (wel: bash, zsh, "
            "fish, PowerShell); zie debatbrief --show-completion."
        ) from None
    print(f"Aanvullen met Tab is geïnstalleerd voor {shell} ({path}); het werkt in een nieuwe terminal.")
    raise click.exceptions.Exit(0)
