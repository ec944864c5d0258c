"""The command line: parse options, call one core function, present the result.

Only this module imports typer and rich. Heavy modules (WeasyPrint, pydantic, the
loader) are imported inside the commands that need them, so ``debatbrief rebut`` starts
as fast as typer itself.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

from . import i18n

i18n.install()  # before typer, which translates its help headings once, at import

import click  # noqa: E402  (typer's own dependency: no extra start-up cost)
import typer  # noqa: E402

from debatbrief.base.chars import visible  # noqa: E402
from debatbrief.base.errors import DebatbriefError, shortage  # noqa: E402

#: Every command: name -> function. Registered on a Typer app by :func:`build_app`.
COMMANDS: dict = {}


def command(name: str | None = None):
    """Register a command function under ``name`` (default: its own name)."""

    def register(function):
        COMMANDS[name or function.__name__] = function
        return function

    return register


#: Example lines per command, shown at the end of its ``--help`` (and after a missing
#: argument). Commands run against the shipped brief; they explain, they decide nothing.
EXAMPLES: dict[str, list[str]] = {
    "make": [
        "debatbrief make --fractie PVV",
        "debatbrief make --fractie D66 --length kort",
        "debatbrief make --all --jobs 2",
    ],
    "rebut": ["debatbrief rebut noodwet", "debatbrief rebut asielcrisis --fractie VVD --short"],
    "cards": ["debatbrief cards --all", "debatbrief cards --fractie JA21"],
    "explain": ["debatbrief explain --fractie NSC", "debatbrief explain --fractie NSC --format json"],
    "check": ["debatbrief check", "debatbrief check --strict --brief vwn-2024-05-22"],
    "errata": ["debatbrief errata", "debatbrief errata --format pdf"],
    "plan": ["debatbrief plan", "debatbrief plan --kamer ek --fractie NSC"],
    "list": ["debatbrief list fracties", "debatbrief list onderwerpen"],
}

#: The exit codes, for the root ``--help`` (the README says the same).
EXIT_CODES = (
    "Afsluitcodes: 0 klaar; 1 niets gevonden (geen kaart, geen kaarten voor die "
    "keuze) of een probleem met de uitvoer of de sjablonen; 2 een verkeerde optie of "
    "instelling; 65 de brief is ongeldig (zie debatbrief check); 70 een fout in "
    "debatbrief (draai opnieuw met --debug); 130 afgebroken met Ctrl-C (143 na "
    "SIGTERM)."
)

#: Dutch words a user may type for a choice, by the value they stand for. A word is only
#: accepted where its value is one of the choices, so the table serves every command.
CHOICE_WORDS = {
    "kort": "short",
    "handout": "short",
    "volledig": "full",
    "lang": "full",
    "onderwerpen": "topics",
    "bronnen": "sources",
    "kaarten": "cards",
    "tekst": "text",
    "beide": "both",
}

#: The help of typer's completion options, in Dutch.
COMPLETION_HELP = {
    "install_completion": "Installeer het aanvullen met Tab voor deze shell (bash, zsh, fish, PowerShell).",
    "show_completion": "Toon het aanvulscript voor deze shell, om het zelf te installeren.",
}

#: What the help calls a value, by click type name ("TEXT", "INTEGER", ...) and by argument.
METAVARS = {
    "text": "TEKST",
    "integer": "GETAL",
    "integer range": "GETAL",
    "zoekwoord": "ZOEKWOORD",
    "soort": "SOORT",
}


def build_app(only: str | None = None) -> typer.Typer:
    """The Typer app with every command, or with just ``only``.

    Typer inspects every registered command's signature on each run; ``main`` registers
    only the command being run, which keeps ``rebut`` as quick to start as typer itself.
    The full app (``only`` is ``None``: the root's ``--help``, completion) also has
    ``--install-completion`` and ``--show-completion``.
    """
    application = typer.Typer(
        name="debatbrief",
        help="Maak van de argumenten over een document briefings per fractie, "
        "weerleggingskaarten en een snelle opzoekfunctie voor tijdens het debat.",
        epilog=_epilog(["debatbrief make --fractie PVV", "debatbrief rebut noodwet"]) + "\n\n" + EXIT_CODES,
        no_args_is_help=True,
        add_completion=only is None,
        pretty_exceptions_enable=False,
        options_metavar="[OPTIES]",
        subcommand_metavar="COMMANDO [ARGUMENTEN]...",
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    application.callback()(_root)
    for name, function in COMMANDS.items():
        if only is None or name == only:
            application.command(name, epilog=_epilog(EXAMPLES.get(name, [])), options_metavar="[OPTIES]")(
                function
            )
    for name, group in GROUPS.items():
        if only is None or name == only:
            application.add_typer(group, name=name)
    return application


def _resolved(function):
    """``function`` with its annotations evaluated, once per process (they are text in
    this module, ``from __future__ import annotations``). Typer would evaluate each text
    twice every time it builds the command (``inspect.signature`` and ``get_type_hints``):
    about a millisecond of ``rebut``'s start-up."""
    if any(isinstance(value, str) for value in function.__annotations__.values()):
        import typing

        function.__annotations__ = typing.get_type_hints(function, include_extras=True)
    return function


def _epilog(examples: list[str]) -> str:
    # Typer's help joins single newlines; paragraphs (blank lines) stay lines.
    return "\n\n".join(["Voorbeelden:", *(f"  {line}" for line in examples)])


def click_command(only: str | None = None):
    """The click command behind :func:`build_app`, speaking Dutch where typer does not:
    value names in the help (``TEKST``, ``GETAL``) and Dutch words for choices
    (``--length kort``)."""
    from debatbrief.cli.complete import attach
    from debatbrief.cli.config import wire

    for name, function in [("", _root), *COMMANDS.items()]:
        if only is None or name in ("", only):
            _resolved(function)
    command = typer.main.get_command(build_app(only))
    attach(command)
    wire(command)
    commands = [command, *getattr(command, "commands", {}).values()]
    for param in command.params:  # typer's own options, which it does not translate
        param.help = COMPLETION_HELP.get(param.name or "", param.help)
        if param.name == "install_completion":
            from debatbrief.cli.complete import install_completion

            param.callback = install_completion
    for cmd in commands:
        for param in cmd.params:
            if isinstance(param.type, click.Choice):
                param.type = DutchChoice(param.type)
                words = sorted(
                    f"{word} ({value})" for word, value in CHOICE_WORDS.items() if value in param.type.choices
                )
                if words and isinstance(param, click.Option) and param.help:
                    param.help += f" Ook: {', '.join(words)}."
            name = METAVARS.get(param.name or "") if isinstance(param, click.Argument) else None
            name = name or METAVARS.get(param.type.name)
            is_flag = getattr(param, "is_flag", False)
            if name and param.metavar is None and not is_flag:
                param.metavar = name + ("..." if param.nargs == -1 else "")
    return command


class DutchChoice(click.Choice):
    """A click choice that also takes the Dutch word for a value (``kort`` for ``short``)."""

    def __init__(self, original: click.Choice) -> None:
        super().__init__(list(original.choices), case_sensitive=original.case_sensitive)

    def convert(self, value, param, ctx):
        if isinstance(value, str):
            meant = CHOICE_WORDS.get(value.strip().casefold())
            if meant in self.choices:
                value = meant
        return super().convert(value, param, ctx)

    def get_invalid_choice_message(self, value, ctx) -> str:
        """Click's message, with the Dutch words this choice also takes."""
        message = super().get_invalid_choice_message(value, ctx)
        words = [f"'{word}'" for word, meant in CHOICE_WORDS.items() if meant in self.choices]
        return f"{message[:-1]}; of in het Nederlands {', '.join(words)}." if words else message


def _show_version(value: bool) -> None:
    if value:
        from debatbrief import __version__

        print(f"debatbrief {__version__}")
        raise typer.Exit()


def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", is_eager=True, callback=_show_version, help="Toon het versienummer en stop."
        ),
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Toon de volledige traceback bij een fout.")] = False,
    verbose: Annotated[
        bool,
        typer.Option("--verbose", "-v", help="Meld meer (make: omgevingswaarschuwingen van WeasyPrint)."),
    ] = False,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            help="Lees en schrijf de kaartencache niet (rebut controleert de brief dan elke keer).",
        ),
    ] = False,
) -> None:
    """Maak van de argumenten over een document briefings per fractie,
    weerleggingskaarten en een snelle opzoekfunctie voor tijdens het debat."""
    if no_cache:
        from debatbrief.base.paths import disable_cache

        disable_cache()


#: The options of the program itself (before the command); none takes a value.
ROOT_FLAGS = {
    "--version",
    "--debug",
    "--verbose",
    "-v",
    "--no-cache",
    "--help",
    "-h",
    "--install-completion",
    "--show-completion",
}


def _root_flag(name: str) -> bool:
    """True when the program's own option ``name`` (``verbose``) was given before the
    command."""
    ctx = click.get_current_context(silent=True)
    return bool(ctx and ctx.find_root().params.get(name))


# --- Shared options ---------------------------------------------------------------------

BriefOpt = Annotated[
    str | None, typer.Option("--brief", help="Id van de brief (mapnaam); standaard de enige of nieuwste.")
]
BriefsOpt = Annotated[
    Path | None, typer.Option("--briefs", help="Map met briefs (standaard: de meegeleverde).")
]
TemplatesOpt = Annotated[
    Path | None, typer.Option("--templates", help="Map met sjablonen (standaard: de meegeleverde).")
]
OutOpt = Annotated[Path | None, typer.Option("--out", help="Uitvoermap (standaard: out/).")]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Toon de volledige traceback bij een fout.")]
FractieOpt = Annotated[
    str | None,
    typer.Option("--fractie", "-f", help="Fractie: afkorting of naam, hoofdletters maken niet uit."),
]
TopicOpt = Annotated[
    list[str] | None,
    typer.Option("--topic", "-t", help="Alleen dit onderwerp (herhaalbaar); zie 'debatbrief list topics'."),
]


class Length(str, Enum):
    full = "full"
    short = "short"


#: ``--length`` of make, watch and explain: one option, one help text.
LengthOpt = Annotated[
    Length,
    typer.Option(
        "--length",
        case_sensitive=False,
        help="full: volledige briefing (max. 4 pagina's); short: handout van 1 pagina.",
    ),
]


class Format(str, Enum):
    pdf = "pdf"
    html = "html"
    docx = "docx"


class CardsFormat(str, Enum):
    pdf = "pdf"
    html = "html"


class CheckFormat(str, Enum):
    text = "text"
    json = "json"


class CheckOutput(str, Enum):
    text = "text"
    json = "json"
    github = "github"


class ErrataFormat(str, Enum):
    text = "text"
    json = "json"
    pdf = "pdf"


class ListWhat(str, Enum):
    fracties = "fracties"
    topics = "topics"
    sources = "sources"
    cards = "cards"
    briefs = "briefs"


def _workspace(brief, briefs, templates, out, announce: bool = True):
    """The workspace of the options; says on stderr which brief is used when the user did
    not choose one and there are several (``announce``)."""
    from debatbrief.commands.workspace import Workspace

    ws = Workspace(briefs_dir=briefs, templates_dir=templates, out_dir=out, brief_id=brief)
    if announce and (line := ws.implicit_choice()):
        print(line, file=sys.stderr)
    return ws


def _console(stderr: bool = False):
    from debatbrief.cli.present import console

    return console(stderr)


def _show(path: Path) -> str:
    from debatbrief.base.paths import display

    return visible(display(path), one_line=True)  # --out may hold an escape


# --- Commands ---------------------------------------------------------------------------


OpenOpt = Annotated[
    bool, typer.Option("--open", help="Open het gemaakte bestand na afloop (met het standaardprogramma).")
]
FractiesOpt = Annotated[
    list[str] | None,
    typer.Option("--fractie", "-f", help="Fractie: afkorting of naam (herhaalbaar voor meer briefings)."),
]


@command()
def make(
    fractie: FractiesOpt = None,
    all_: Annotated[bool, typer.Option("--all", help="Alle fracties, met voortgangsbalk.")] = False,
    topic: TopicOpt = None,
    length: LengthOpt = Length.full,
    format_: Annotated[
        Format,
        typer.Option(
            "--format",
            case_sensitive=False,
            help='pdf, html of docx (Word, met voetnoten; vraagt pip install "debatbrief[docx]").',
        ),
    ] = Format.pdf,
    cards: Annotated[bool, typer.Option("--cards", help="Met --all: ook het kaartenvel.")] = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs", "-j", min=1, help="Aantal werkprocessen voor --all (standaard: aantal kernen)."
        ),
    ] = None,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Meld ook omgevingswaarschuwingen van WeasyPrint.")
    ] = False,
    open_: OpenOpt = False,
    brief: BriefOpt = None,
    briefs: BriefsOpt = None,
    templates: TemplatesOpt = None,
    out: OutOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Maak de briefing voor een fractie (PDF in out/<brief>/)."""
    from debatbrief.base.errors import UsageError

    ws = _workspace(brief, briefs, templates, out)
    if all_ == bool(fractie):
        raise UsageError("Geef --fractie X of --all (één van beide).")
    verbose = verbose or _root_flag("verbose")
    if all_:
        made = _make_all(ws, topic, length.value, format_.value, jobs, cards, verbose)
        if open_ and made:
            _open(made[0], locate=True)  # the folder, with the first one chosen
        return
    for path in _make_each(ws, fractie or [], topic, length.value, format_, verbose):
        if open_:
            _open(path)


def _make_all(ws, topic, length: str, fmt: str, jobs: int | None, cards: bool, verbose: bool) -> list[Path]:
    """``make --all``: every fractie over ``jobs`` processes, with a progress bar; returns
    the files made (raises ``typer.Exit(1)`` when one failed)."""
    from debatbrief.commands.batch import make_all

    console = _console(stderr=True)
    result = make_all(
        ws,
        topics=topic,
        length=length,
        fmt=fmt,
        jobs=jobs or os.cpu_count() or 1,
        with_cards=cards,
        progress=_progress_bar(console),
    )
    for made in result.made:
        print(f"{_show(made.path)} ({_pages(made.pages, made.path)})")
        for warning in made.warnings:
            print(warning, file=sys.stderr)
    messages = {message for _, message in result.failed}
    if len(result.failed) > 1 and len(messages) == 1:  # one cause: say it once
        print(f"Alle {len(result.failed)} mislukt: {messages.pop()}", file=sys.stderr)
    else:
        for name, message in result.failed:
            print(f"{name}: {message}", file=sys.stderr)
    if verbose:
        _environment_summary(result.environment_warnings)
    if result.failed:
        raise typer.Exit(1)
    return [made.path for made in result.made]


def _make_each(ws, fractie: list[str], topic, length: str, format_: Format, verbose: bool) -> list[Path]:
    """``make --fractie X [--fractie Y]``: one briefing after the other, every name
    checked before the first (slow) render; returns the files made."""
    from debatbrief.briefing.pdf import Engine
    from debatbrief.briefing.select import find_fractie
    from debatbrief.commands.workspace import make as make_briefing

    engine = Engine() if format_ is Format.pdf else None
    brief_data = ws.brief()
    names = [find_fractie(brief_data, name).abbreviation for name in fractie]
    done: list[str] = []
    paths: list[Path] = []
    try:
        for name in names:
            made = make_briefing(ws, name, topic, length, format_.value, engine)
            done.append(name)
            paths.append(made.path)
            print(f"{_show(made.path)} ({_pages(made.pages, made.path)})")
            for warning in made.warnings:
                print(warning, file=sys.stderr)
    except KeyboardInterrupt:
        if not done:
            raise
        from debatbrief.commands.batch import BatchInterrupted

        raise BatchInterrupted(done, names[len(done) :]) from None
    if verbose and engine is not None:
        _environment_summary(engine.environment_warnings)
    return paths


def _open(path: Path, locate: bool = False) -> None:
    """``--open``: show a made file in the system's viewer (or, with ``locate``, its folder
    in the file manager). A viewer that cannot start is a warning: the file is made."""
    if click.launch(str(path), locate=locate) != 0:
        print(
            f"Kon {_show(path)} niet openen (geen programma om het te tonen?); het bestand is wel gemaakt.",
            file=sys.stderr,
        )


def _pages(pages: int | None, path: Path | None = None) -> str:
    if pages is None:
        return "Word" if path is not None and path.suffix == ".docx" else "HTML"
    return "1 pagina" if pages == 1 else f"{pages} pagina's"


def _environment_summary(warnings: list[str]) -> None:
    from debatbrief.briefing.pdf import environment_advice

    for line in environment_advice(warnings):
        print(line, file=sys.stderr)


def _progress_bar(console):
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    def run(total: int):
        progress = Progress(
            TextColumn("Briefings"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.description}"),
            console=console,
            transient=True,
            disable=not console.is_terminal,
        )
        return progress, progress.add_task("", total=total)

    return run


EXAMPLES["watch"] = [
    "debatbrief watch --fractie PVV",
    "debatbrief watch --fractie D66 --length kort --brief vwn-2024-05-22",
]


@command()
def watch(
    fractie: Annotated[str, typer.Option("--fractie", "-f", help="Fractie: afkorting of naam.")],
    topic: TopicOpt = None,
    length: LengthOpt = Length.full,
    brief: BriefOpt = None,
    briefs: BriefsOpt = None,
    templates: TemplatesOpt = None,
    out: OutOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Controleer de brief en maak de briefing opnieuw bij elke wijziging (stop met Ctrl-C).

    Bij elke opslag van de brief of de Kamer: de problemen (als bij 'check') en een nieuwe PDF."""
    from debatbrief.commands.watch import watch as watch_brief
    from debatbrief.commands.watch import watched_folders

    ws = _workspace(brief, briefs, templates, out)
    folders = ", ".join(_show(folder) for folder in watched_folders(ws))
    print(f"Kijkt naar {folders}; stop met Ctrl-C.", file=sys.stderr)
    watch_brief(ws, fractie, topic, length.value, _watch_report)


def _watch_report(round_, changed: set[Path]) -> None:
    """One round of ``watch``: what changed, the problems as ``check`` lists them, and
    whether the PDF was written, with how long the round took."""
    import time

    stamp = time.strftime("%H:%M:%S")
    if changed:
        names = ", ".join(sorted(visible(path.name, one_line=True) for path in changed))
        print(f"[{stamp}] gewijzigd: {names}")
    for line in round_.lines:
        print(line)
    errors, warnings = round_.errors, round_.warnings
    counts = (
        f"{errors} fout{'en' if errors != 1 else ''}, {warnings} waarschuwing{'en' if warnings != 1 else ''}"
    )
    took = f"{round_.seconds:.1f}".replace(".", ",")
    if round_.made is not None:
        made = round_.made
        print(
            f"[{stamp}] {_show(made.path)} bijgewerkt ({_pages(made.pages, made.path)}, {took} s; {counts})"
        )
        for warning in made.warnings:
            print(warning)
    else:
        print(f"[{stamp}] niet bijgewerkt: {round_.error} ({counts})")
    sys.stdout.flush()


@command()
def rebut(
    zoekwoord: Annotated[
        list[str] | None,
        typer.Argument(
            help="Wat u hoort: een woord, een claim, een kaart-id of bron-id. Zonder zoekwoord, in "
            "een terminal: zoeken terwijl u typt, het hele debat lang."
        ),
    ] = None,
    all_: Annotated[
        bool,
        typer.Option(
            "--all", help="Alle treffers, en minstens de drie beste kandidaten, best passend eerst."
        ),
    ] = False,
    short: Annotated[bool, typer.Option("--short", help="Alleen de oneliner en een korte bron.")] = False,
    fractie: FractieOpt = None,
    format_: Annotated[
        CheckFormat,
        typer.Option(
            "--format",
            case_sensitive=False,
            help="text of json (de gevonden kaart of kaarten, anders de dichtstbijzijnde; zelfde exitcodes).",
        ),
    ] = CheckFormat.text,
    brief: BriefOpt = None,
    briefs: BriefsOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Zoek de beste weerleggingskaart, direct in de terminal.

    ZOEKWOORD: wat u hoort (een paar woorden, een kaart-id of een bron-id).
    Zonder zoekwoord, in een terminal: zoeken terwijl u typt, het hele debat lang.
    Afsluitcode 0: een kaart of een korte lijst; 1: geen kaart past; 65: de brief is
    ongeldig."""
    as_json = format_ is CheckFormat.json
    live = not zoekwoord and not as_json and sys.stdin.isatty() and sys.stdout.isatty()
    # Which brief answers matters most here (a draft for a later debate would win): say
    # it, unless the live search shows it in its own title.
    ws = _workspace(brief, briefs, None, None, announce=not live)
    if live:
        from debatbrief.cli.live import run

        run(ws, fractie)
        return
    code = _rebut_once(ws, zoekwoord or [], fractie, all_=all_, short=short, as_json=as_json)
    if code:
        raise typer.Exit(code)


def _rebut_once(ws, zoekwoord: list[str], fractie, all_: bool, short: bool, as_json: bool) -> int:
    """One lookup for ``rebut`` with a search term (not the live search): print the card or
    cards found, as text or JSON, and return the exit code (0 found, 1 nothing fits)."""
    from debatbrief.cards.lookup import lookup
    from debatbrief.cli.present import print_rebut, safe

    result = lookup(ws, " ".join(zoekwoord), fractie=fractie, best_only=not all_)
    if not as_json:
        return print_rebut(result, all_=all_, short=short)
    import json

    from debatbrief.cli.formats import rebut_data

    if result.warning:  # on stderr as in the text form, for whoever watches
        print(safe(result.warning), file=sys.stderr)
    data = rebut_data(result, ws.brief_folder().name, all_=all_)
    print(json.dumps(data, ensure_ascii=False, indent=2))
    return 0 if result.hits else 1


@command()
def cards(
    fractie: FractieOpt = None,
    all_: Annotated[bool, typer.Option("--all", help="Alle kaarten.")] = False,
    topic: TopicOpt = None,
    source: Annotated[
        str | None,
        typer.Option(
            "--source", "-s", help="Alleen kaarten die deze bron citeren; zie 'debatbrief list sources'."
        ),
    ] = None,
    format_: Annotated[
        CardsFormat,
        typer.Option(
            "--format",
            case_sensitive=False,
            help="pdf: A6-vel om te printen; html: één offline bestand voor de telefoon, met "
            "zoekvak (zelfde rangorde als rebut).",
        ),
    ] = CardsFormat.pdf,
    open_: OpenOpt = False,
    brief: BriefOpt = None,
    briefs: BriefsOpt = None,
    templates: TemplatesOpt = None,
    out: OutOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Maak een printbaar vel A6-kaarten (vier per A4, met snijtekens), of met --format html
    de kaarten voor de telefoon."""
    from debatbrief.base.errors import UsageError
    from debatbrief.commands.cards import make_cards

    if all_ and fractie:
        raise UsageError("Geef --fractie X of --all, niet allebei.")
    if not (all_ or fractie or topic or source):
        raise UsageError("Geef --all, --fractie X, --topic T of --source ID.")
    ws = _workspace(brief, briefs, templates, out)
    made = make_cards(ws, fractie=fractie, topics=topic, source=source, fmt=format_.value)
    count = f"{made.cards} kaart" if made.cards == 1 else f"{made.cards} kaarten"
    if format_ is CardsFormat.html:
        print(f"{_show(made.path)} ({count}, {made.queries} zoekvragen)")
    else:
        print(f"{_show(made.path)} ({count}, {_pages(made.pages)})")
    if open_:
        _open(made.path)


@command()
def explain(
    fractie: Annotated[str, typer.Option("--fractie", "-f", help="Fractie: afkorting of naam.")],
    topic: TopicOpt = None,
    length: LengthOpt = Length.full,
    format_: Annotated[
        CheckFormat, typer.Option("--format", case_sensitive=False, help="text of json.")
    ] = CheckFormat.text,
    brief: BriefOpt = None,
    briefs: BriefsOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Laat zien wat de briefing kiest, in welke volgorde, en waarom."""
    from debatbrief.briefing.fit import fitted_selection

    ws = _workspace(brief, briefs, None, None)
    loaded = ws.brief()
    # What the PDF shows: the selection fitted to its pages (briefing/fit.py).
    selection = fitted_selection(
        loaded, fractie, topic, length.value, ws.templates, [ws.templates, ws.brief_folder()]
    )
    if format_ is CheckFormat.json:
        import json

        from debatbrief.briefing.select import explanation

        print(json.dumps(explanation(selection), ensure_ascii=False, indent=2))
        return
    from debatbrief.cli.present import print_explain

    print_explain(loaded, selection, _console())


@command()
def check(
    strict: Annotated[bool, typer.Option("--strict", help="Ook waarschuwingen laten falen.")] = False,
    format_: Annotated[
        CheckOutput,
        typer.Option(
            "--format", case_sensitive=False, help="text, json, of github (annotaties voor GitHub Actions)."
        ),
    ] = CheckOutput.text,
    brief: BriefOpt = None,
    briefs: BriefsOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Controleer een brief en meld alle problemen tegelijk (afsluitcode 65 bij fouten)."""
    import json

    from debatbrief.checks import load

    ws = _workspace(brief, briefs, None, None)
    folder = ws.brief_folder()
    loaded = load(folder)
    failed = bool(loaded.errors) or (strict and bool(loaded.warnings))
    if format_ is CheckOutput.json:
        print(
            json.dumps(
                {
                    "brief": visible(folder.name),
                    "ok": not failed,
                    "problems": [p.as_dict() for p in loaded.problems],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    elif format_ is CheckOutput.github:
        from debatbrief.cli.formats import github_annotation

        for problem in loaded.problems:
            print(github_annotation(problem))
    else:
        from debatbrief.base.errors import shown_problems

        for line in shown_problems(loaded.problems):  # a million problems: capped
            print(line)
        errors, warnings = len(loaded.errors), len(loaded.warnings)
        verdict = "in orde" if not failed else "niet in orde"
        print(
            f"{visible(folder.name)}: {verdict} ({errors} fout{'en' if errors != 1 else ''}, "
            f"{warnings} waarschuwing{'en' if warnings != 1 else ''})"
        )
    if failed:
        from debatbrief.base.errors import BriefError

        raise typer.Exit(BriefError.exit_code)


@command()
def errata(
    format_: Annotated[
        ErrataFormat,
        typer.Option(
            "--format",
            case_sensitive=False,
            help="text (terminal), json, of pdf (out/<brief>/errata.pdf, voor het kantoor).",
        ),
    ] = ErrataFormat.text,
    open_: OpenOpt = False,
    brief: BriefOpt = None,
    briefs: BriefsOpt = None,
    templates: TemplatesOpt = None,
    out: OutOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Toon wat het document zelf fout had: correcties en kanttekeningen bij zijn bronnen."""
    from debatbrief.commands.errata import errata as find_errata

    _open_needs_pdf(open_, format_.value)
    ws = _workspace(brief, briefs, templates, out)
    loaded = ws.brief()
    if format_ is ErrataFormat.pdf:
        from debatbrief.commands.errata import make_errata_pdf

        made = make_errata_pdf(ws)
        points = "1 punt" if made.items == 1 else f"{made.items} punten"
        print(f"{_show(made.path)} ({points}, {_pages(made.pages)})")
        if open_:
            _open(made.path)
        return
    items = find_errata(loaded)
    if format_ is ErrataFormat.json:
        import json

        print(
            json.dumps(
                {"brief": loaded.id, "errata": [i.as_dict() for i in items]}, ensure_ascii=False, indent=2
            )
        )
        return
    from debatbrief.cli.present import print_errata

    print_errata(loaded, items, _console())


def _open_needs_pdf(open_: bool, fmt: str) -> None:
    if open_ and fmt != "pdf":
        from debatbrief.base.errors import UsageError

        raise UsageError("--open opent een gemaakt bestand: gebruik het met --format pdf.")


class PlanFormat(str, Enum):
    text = "text"
    json = "json"
    pdf = "pdf"


class KamerChoice(str, Enum):
    tk = "tk"
    ek = "ek"
    both = "both"


@command("plan")
def plan_(
    ask: Annotated[
        list[str] | None,
        typer.Option("--ask", "-a", help="Alleen dit punt (ask-id uit brief.yaml; herhaalbaar)."),
    ] = None,
    kamer: Annotated[
        KamerChoice | None,
        typer.Option(
            "--kamer",
            case_sensitive=False,
            help="tk (Tweede Kamer), ek (Eerste Kamer) of both (beide); standaard de Kamer van het debat.",
        ),
    ] = None,
    fractie: Annotated[
        str | None,
        typer.Option("--fractie", "-f", help="Zeg per punt waarom deze fractie wel of geen swing is."),
    ] = None,
    format_: Annotated[
        PlanFormat,
        typer.Option(
            "--format",
            case_sensitive=False,
            help="text (terminal), json, of pdf (out/<brief>/plan.pdf, één pagina).",
        ),
    ] = PlanFormat.text,
    open_: OpenOpt = False,
    brief: BriefOpt = None,
    briefs: BriefsOpt = None,
    templates: TemplatesOpt = None,
    out: OutOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Per motie, amendement of stemming de zetels voor, tegen en onbekend, en de
    swing-fracties; vragen en toezeggingen zonder telling."""
    from debatbrief.base.errors import UsageError
    from debatbrief.plan.seats import find_fractie, plan

    _open_needs_pdf(open_, format_.value)
    ws = _workspace(brief, briefs, templates, out)
    loaded = ws.brief()
    chosen = find_fractie(loaded, fractie).id if fractie else None
    result = plan(loaded, ask, kamer.value if kamer else None)
    if format_ is PlanFormat.json:
        import json

        from debatbrief.plan.seats import as_dict

        print(json.dumps(as_dict(result, chosen), ensure_ascii=False, indent=2))
        return
    if format_ is PlanFormat.pdf:
        if chosen:
            raise UsageError("--fractie werkt met --format text of json; het plan-PDF toont alle fracties.")
        _plan_pdf(ws, result, open_)
        return
    from debatbrief.cli.planview import print_plan

    print_plan(loaded, result, _console(), chosen)


def _plan_pdf(ws, result, open_: bool) -> None:
    """``plan --format pdf``: write out/<brief>/plan.pdf, say where and what it holds, warn
    on stderr when it runs past its one page, and open it if asked."""
    from debatbrief.commands.plan import make_plan_pdf

    made = make_plan_pdf(ws, result)
    print(f"{_show(made.path)} ({made.asks} met telling, {made.unvoted} zonder; {_pages(made.pages)})")
    if made.pages > 1:
        print(
            f"Let op: het plan telt {made.pages} pagina's (bedoeld: één); kies minder punten met --ask.",
            file=sys.stderr,
        )
    if open_:
        _open(made.path)


EXAMPLES["prep"] = ["debatbrief prep --fractie PVV", "debatbrief prep --all --format pdf"]


@command("prep")
def prep_(
    fractie: Annotated[
        list[str] | None,
        typer.Option(
            "--fractie", "-f", help="Fractie: afkorting of naam (herhaalbaar: één PDF voor deze fracties)."
        ),
    ] = None,
    all_: Annotated[bool, typer.Option("--all", help="Alle fracties: één PDF voor de dag.")] = False,
    kamer: Annotated[
        KamerChoice | None,
        typer.Option(
            "--kamer",
            case_sensitive=False,
            help="Zetels tellen in tk, ek of both (beide); standaard de Kamer van het debat.",
        ),
    ] = None,
    format_: Annotated[
        PlanFormat,
        typer.Option(
            "--format",
            case_sensitive=False,
            help="text (terminal), json, of pdf (out/<brief>/prep-<fractie>.pdf; met --all prep.pdf).",
        ),
    ] = PlanFormat.text,
    brief: BriefOpt = None,
    briefs: BriefsOpt = None,
    templates: TemplatesOpt = None,
    out: OutOpt = None,
    debug: DebugOpt = False,
) -> None:
    """De voorbereiding per fractie (INTERN): standpunten met hun basis, inschatting,
    stemgedrag, wat de zetels doen, wie eerst te bellen, de claims en hun kaarten."""
    from debatbrief.base.errors import UsageError
    from debatbrief.commands.prep import prep

    if all_ == bool(fractie):
        raise UsageError("Geef --fractie X of --all (één van beide).")
    ws = _workspace(brief, briefs, templates, out)
    sheets = prep(ws.brief(), None if all_ else fractie, kamer.value if kamer else None)
    if format_ is PlanFormat.json:
        import json

        print(json.dumps(sheets.as_dict(), ensure_ascii=False, indent=2))
    elif format_ is PlanFormat.pdf:
        from debatbrief.commands.prep import make_prep_pdf

        made = make_prep_pdf(ws, sheets, all_)
        count = "1 fractie" if made.fracties == 1 else f"{made.fracties} fracties"
        print(f"{_show(made.path)} ({count}, {_pages(made.pages)})")
    else:
        from debatbrief.cli.prepview import print_prep

        print_prep(sheets, _console())


@command("list")
def list_(
    soort: Annotated[ListWhat, typer.Argument(help="fracties, topics, sources, cards of briefs.")],
    format_: Annotated[
        CheckFormat, typer.Option("--format", case_sensitive=False, help="text (tabel) of json.")
    ] = CheckFormat.text,
    brief: BriefOpt = None,
    briefs: BriefsOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Toon de fracties, onderwerpen, bronnen, kaarten of briefs als tabel.

    SOORT is fracties, topics (onderwerpen), sources (bronnen), cards (kaarten) of briefs."""
    from debatbrief.cli.present import print_list

    ws = _workspace(brief, briefs, None, None, announce=soort is not ListWhat.briefs)
    if format_ is CheckFormat.json:
        import json

        from debatbrief.cli.formats import list_data

        print(json.dumps(list_data(ws, soort.value), ensure_ascii=False, indent=2))
        return
    print_list(ws, soort.value, _console())


EXAMPLES["new"] = [
    "debatbrief new mijn-brief --debate-date 2026-03-10 --kamer tweede-kamer-2026-02-03 --from brief.pdf",
    "debatbrief check --brief mijn-brief",
]
KamersOpt = Annotated[
    Path | None,
    typer.Option(
        "--kamers", help="Map met Kamerbestanden (standaard: kamers/ naast de briefs, dan de meegeleverde)."
    ),
]
#: ``--briefs`` of ``new``: it writes, so never into the shipped briefs.
NewBriefsOpt = Annotated[
    Path | None,
    typer.Option(
        "--briefs",
        help="Map waarin de nieuwe brief komt (standaard: briefs/ in de werkmap; "
        "of briefs uit debatbrief.toml).",
    ),
]


@command("new")
def new_(
    brief_id: Annotated[str, typer.Argument(help="Id van de nieuwe brief (mapnaam).", metavar="ID")],
    debate_date: Annotated[str, typer.Option("--debate-date", help="Datum van het debat, JJJJ-MM-DD.")],
    kamer: Annotated[
        str, typer.Option("--kamer", help="Id van het Kamerbestand (zonder .yaml), zie kamers/.")
    ],
    from_: Annotated[
        Path | None,
        typer.Option(
            "--from",
            help="Het document: PDF, DOCX of tekst; voetnoten en links worden bronnen, koppen worden punten.",
        ),
    ] = None,
    briefs: NewBriefsOpt = None,
    kamers: KamersOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Begin een nieuwe brief: een map die 'check' doorstaat met alleen TODO's.

    Zonder --briefs komt de brief in briefs/ in de werkmap, nooit bij de meegeleverde."""
    from debatbrief.commands.new import create

    date = _date_option(debate_date, "--debate-date")
    from debatbrief.base.paths import kamer_dirs

    briefs_dir = briefs or Path("briefs")  # never the shipped briefs of an installed copy
    dirs = ([kamers] if kamers else []) + kamer_dirs(briefs_dir)
    folder = create(briefs_dir, brief_id, date, kamer, from_, list(dict.fromkeys(dirs)))
    where = "" if briefs else f"--briefs {_show(briefs_dir)} "
    print(
        f"{_show(folder)} gemaakt; vul de TODO's in en draai 'debatbrief check {where}"
        f"--brief {visible(brief_id)}'"
    )


EXAMPLES["kamer"] = [
    "debatbrief kamer new 2026-03-10",
    "debatbrief kamer new 2026-03-10 --soort eerste-kamer --kamers kantoor/kamers",
]
#: Command groups (``debatbrief kamer new``): name -> Typer sub-app.
GROUPS: dict = {}
kamer_app = typer.Typer(
    help="Kamerbestanden: de samenstelling van een Kamer op een datum.",
    no_args_is_help=True,
    options_metavar="[OPTIES]",
)
GROUPS["kamer"] = kamer_app


@kamer_app.command("new", epilog=_epilog(EXAMPLES["kamer"]), options_metavar="[OPTIES]")
def kamer_new(
    date: Annotated[str, typer.Argument(help="Datum, JJJJ-MM-DD.", metavar="DATUM")],
    soort: Annotated[str, typer.Option("--soort", help="tweede-kamer of eerste-kamer.")] = "tweede-kamer",
    briefs: BriefsOpt = None,
    kamers: KamersOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Maak een Kamerbestand voor een nieuwe datum uit het dichtstbijzijnde (met TODO's).

    De kopie krijgt de nieuwe id en datum, elk met een TODO om te bevestigen; 'check' meldt
    ze tot ze weg zijn, en telt de zetels na."""
    from debatbrief.base.paths import kamer_dirs
    from debatbrief.commands.kamer import new_kamer

    day = _date_option(date, "DATUM")
    folders = kamer_dirs(briefs or Path("briefs"))  # kamers/ beside them, then the shipped
    target, origin = new_kamer(day, soort, ([kamers] if kamers else []) + folders, kamers or folders[0])
    print(f"{_show(target)} gemaakt uit {_show(origin)}; bevestig elke TODO en geef elke wijziging een bron")


def _date_option(text: str, name: str):
    """A date typed as JJJJ-MM-DD, or one Dutch line (exit 2)."""
    import datetime as dt

    from debatbrief.base.errors import UsageError

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{name} '{text}' is geen datum (schrijf JJJJ-MM-DD)") from None


app = build_app()

# --- Entry point ------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; user errors become one Dutch line on stderr and an exit code.

    Exit codes: 0 fine; 1 nothing found, or a problem with the output or the templates; 2
    bad usage (a wrong option, also click's own usage errors, or a malformed setting such
    as ``SOURCE_DATE_EPOCH``); 65 an invalid brief (sysexits' EX_DATAERR); 70 a bug in
    debatbrief (rerun with --debug); 130 interrupted by SIGINT (Ctrl-C), 143 by SIGTERM. A
    reader that goes away (``| head``) is not an error.

    click runs the command without its "standalone mode": typer's own handling would turn
    Ctrl-C into a silent exit 130, a closed pipe into a silent exit 1 and usage errors into
    an English box; here each becomes the one line the house rules ask for.
    """
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    if argv is None and _command_name(args) == "rebut":  # the process's own run, not a test's
        _freeze_imports()
    from debatbrief.cli.present import guard_streams

    guard_streams()
    received, restore = _catch_signals()
    try:
        code = _run(args)
        sys.stdout.flush()  # a reader gone by now is met here, not in Python's exit flush
    except BaseException as exc:  # noqa: BLE001 - each kind is sorted by _exit_code
        code = _exit_code(exc, debug, received)
    finally:
        restore()
    if code:
        sys.exit(code)


def _freeze_imports() -> None:
    """Leave what the imports made (typer's, click's and our modules, their functions
    and classes, all alive until the process ends) out of the cyclic garbage collector's
    work (``gc.freeze``), as a long-running program does after start-up: the collections
    ``rebut``'s own objects set off, and the one at exit, then look only at what ``rebut``
    made. It saves ``rebut`` about a tenth of its CPU time, half of it at exit (see
    ``benchmarks/README.md``); nothing changes in what it does or prints."""
    import gc

    gc.freeze()


def _exit_code(exc: BaseException, debug: bool, received: list[int]) -> int:
    """The exit code for what ``_run`` raised, after saying it in one line on stderr; raises
    ``exc`` again where it must go on (``--debug``, an exit not caused by a closed pipe)."""
    if isinstance(exc, DebatbriefError):
        if debug:
            raise exc
        print(str(exc), file=sys.stderr)
        if exc.exit_code == 130 and received:  # an interrupted batch: which signal
            return 128 + received[0]
        return exc.exit_code
    if isinstance(exc, KeyboardInterrupt):
        print("Afgebroken; er is niets half geschreven.", file=sys.stderr)
        return 128 + received[0] if received else 130
    if isinstance(exc, BrokenPipeError):
        # The reader went away (`| head`): not an error. Quieten Python's flush at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    if isinstance(exc, SystemExit):
        # rich meets a closed pipe by pointing stdout at /dev/null and exiting 1; for us
        # that is the same reader going away as above.
        if not isinstance(exc.__context__, BrokenPipeError):
            raise exc
        return 0
    if not isinstance(exc, Exception):  # GeneratorExit and the like: not ours to judge
        raise exc
    if not debug and (line := shortage(exc)):  # out of open files, memory or threads
        print(line, file=sys.stderr)
        return 1
    if isinstance(exc, OSError) and not (debug or exc.filename):
        from debatbrief.base.errors import reason

        print(
            f"Kan de uitvoer niet schrijven ({reason(exc)}); controleer waar de uitvoer heen gaat.",
            file=sys.stderr,
        )
        return 1
    return _internal_error(exc, debug, received)


def _internal_error(exc: Exception, debug: bool, received: list[int]) -> int:
    """A bug in debatbrief (or a file error that escaped): short message, traceback with
    ``--debug``. Ctrl-C that a library wrapped in its own error is still an interruption."""
    if received and not isinstance(exc, OSError):
        print("Afgebroken; er is niets half geschreven.", file=sys.stderr)
        return 128 + received[0]
    if debug:
        raise exc
    if isinstance(exc, OSError):
        print(
            f"Interne fout in debatbrief ({type(exc).__name__}: {visible(str(exc))}). Draai het "
            f"commando opnieuw met --debug.",
            file=sys.stderr,
        )
    else:
        print(
            f"Interne fout in debatbrief ({type(exc).__name__}: {visible(str(exc))}). "
            f"Draai het commando opnieuw met --debug en stuur de uitvoer naar de "
            f"ontwikkelaars.",
            file=sys.stderr,
        )
    return 70


#: The environment variable the shell's completion script sets (click's and typer's name).
COMPLETE_VAR = "_DEBATBRIEF_COMPLETE"


def _run(args: list[str]) -> int:
    """Parse ``args`` with click and run the command; returns the exit code.

    Raises what the command raises (DebatbriefError, KeyboardInterrupt, OSError, ...), and
    :class:`~debatbrief.base.errors.UsageError` with one Dutch line for click's usage errors.
    Under :data:`COMPLETE_VAR` it answers the shell's completion request instead.
    """
    from debatbrief.base.errors import UsageError

    if os.environ.get(COMPLETE_VAR):
        return _complete(os.environ[COMPLETE_VAR])
    if not args:
        args = ["--help"]
    name = _command_name(args)
    if name is not None and name not in COMMANDS and name not in GROUPS:
        raise UsageError(_unknown_command(name))
    command = click_command(name)
    try:
        from debatbrief.cli.config import default_map

        with command.make_context(
            "debatbrief", args, default_map=default_map(command, known=set(COMMANDS) | set(GROUPS))
        ) as ctx:
            command.invoke(ctx)
    except click.exceptions.Exit as exc:  # --help, --version, typer.Exit(code)
        return exc.exit_code
    except click.exceptions.Abort:  # click's word for Ctrl-C or end of input at a prompt
        raise KeyboardInterrupt from None
    except click.UsageError as exc:
        raise UsageError(_usage_line(exc, name)) from exc
    return 0


def _command_name(args: list[str]) -> str | None:
    """The command ``args`` name after the program's own options (``--debug make``);
    ``None`` when there is none or an unknown option comes first (click then says so)."""
    for arg in args:
        if arg in ROOT_FLAGS:
            continue
        return None if arg.startswith("-") else arg
    return None


def _complete(instruction: str) -> int:
    """Answer the shell (``complete_bash``, ``source_zsh``, ...) from the whole app; any
    failure offers nothing rather than a traceback in the user's prompt."""
    from typer.completion import completion_init, shell_complete

    try:
        completion_init()
        return shell_complete(click_command(), {}, "debatbrief", COMPLETE_VAR, instruction)
    except Exception:  # noqa: BLE001
        return 1


def _unknown_command(name: str) -> str:
    from debatbrief.base.suggest import closest

    guess = closest(name, COMMANDS)
    hint = f" Bedoelde u {guess}?" if guess else ""
    return f"Onbekend commando '{name}'.{hint} Kies uit: {', '.join(COMMANDS)}."


def _usage_line(exc: click.UsageError, name: str | None) -> str:
    """click's (Dutch) message on one line, with an example or where to find help.

    ``name`` is the command being run (click reports some errors of a command's options
    against the group).
    """
    message = " ".join(exc.format_message().split())
    if message[-1:] not in ".?!":
        message += "."
    path = f"debatbrief {name}" if name else "debatbrief"
    examples = EXAMPLES.get(name or "", [])
    if isinstance(exc, click.MissingParameter) and examples:
        return f"{message} Bijvoorbeeld: {examples[0]}"
    return f"{message} Zie: {path} --help"


def _catch_signals() -> tuple[list[int], Callable[[], None]]:
    """Turn SIGINT and SIGTERM into KeyboardInterrupt, remembering which came.

    Returns ``(received, restore)``: the list the signal numbers are appended to, and a
    function that puts the previous handlers back. A signal the process was started with
    ignored (``nohup``) stays ignored; so does everything when not on the main thread.
    (``__main__.run`` sets SIGINT to the system default while the CLI loads.)
    """
    import signal

    received: list[int] = []
    previous: dict[int, Any] = {}

    def on_signal(signum, frame):  # remember it: libraries may wrap KeyboardInterrupt
        received.append(signum)
        raise KeyboardInterrupt

    for signum in (signal.SIGINT, signal.SIGTERM):
        try:
            if signal.getsignal(signum) in (signal.default_int_handler, signal.SIG_DFL):
                previous[signum] = signal.signal(signum, on_signal)
        except ValueError:  # not the main thread
            pass

    def restore() -> None:
        for signum, handler in previous.items():
            signal.signal(signum, handler)

    return received, restore
