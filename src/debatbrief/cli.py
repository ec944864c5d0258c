"""The command line: parse options, call one core function, present the result.

Only this module imports typer and rich. Heavy modules (WeasyPrint, pydantic, the
loader) are imported inside the commands that need them, so ``debatbrief rebut`` starts
as fast as typer itself.
"""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from .chars import visible
from .errors import DebatbriefError

#: Every command: name -> function. Registered on a Typer app by :func:`build_app`.
COMMANDS: dict = {}


def command(name: str | None = None):
    """Register a command function under ``name`` (default: its own name)."""
    def register(function):
        COMMANDS[name or function.__name__] = function
        return function
    return register


def build_app(only: str | None = None) -> typer.Typer:
    """The Typer app with every command, or with just ``only``.

    Typer inspects every registered command's signature on each run; ``main`` registers
    only the command being run, which keeps ``rebut`` as quick to start as typer itself.
    """
    application = typer.Typer(
        name="debatbrief",
        help="Maak uit de brief van een NGO briefings per fractie, weerleggingskaarten en een "
             "snelle opzoekfunctie voor tijdens het debat.",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    application.callback()(_root)
    for name, function in COMMANDS.items():
        if only is None or name == only:
            application.command(name)(function)
    return application


def _root() -> None:
    """Maak uit de brief van een NGO briefings per fractie, weerleggingskaarten en een
    snelle opzoekfunctie voor tijdens het debat."""

# --- Shared options ---------------------------------------------------------------------

BriefOpt = Annotated[str | None, typer.Option(
    "--brief", help="Id van de brief (mapnaam); standaard de enige of nieuwste.")]
BriefsOpt = Annotated[Path | None, typer.Option(
    "--briefs", help="Map met briefs (standaard: de meegeleverde).")]
TemplatesOpt = Annotated[Path | None, typer.Option(
    "--templates", help="Map met sjablonen (standaard: de meegeleverde).")]
OutOpt = Annotated[Path | None, typer.Option(
    "--out", help="Uitvoermap (standaard: out/).")]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Toon de volledige traceback bij een fout.")]
FractieOpt = Annotated[str | None, typer.Option(
    "--fractie", "-f", help="Fractie: afkorting of naam, hoofdletters maken niet uit.")]
TopicOpt = Annotated[list[str] | None, typer.Option(
    "--topic", "-t", help="Alleen dit onderwerp (herhaalbaar); zie 'debatbrief list topics'.")]


class Length(str, Enum):
    full = "full"
    short = "short"


class Format(str, Enum):
    pdf = "pdf"
    html = "html"


class CheckFormat(str, Enum):
    text = "text"
    json = "json"


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
    from .core import Workspace
    ws = Workspace(briefs_dir=briefs, templates_dir=templates, out_dir=out, brief_id=brief)
    if announce and (line := ws.implicit_choice()):
        print(line, file=sys.stderr)
    return ws


def _console(stderr: bool = False):
    from .present import console
    return console(stderr)


def _show(path: Path) -> str:
    from .paths import display
    return display(path)


# --- Commands ---------------------------------------------------------------------------


FractiesOpt = Annotated[list[str] | None, typer.Option(
    "--fractie", "-f", help="Fractie: afkorting of naam (herhaalbaar voor meer briefings).")]


@command()
def make(
    fractie: FractiesOpt = None,
    all_: Annotated[bool, typer.Option("--all", help="Alle fracties, met voortgangsbalk.")] = False,
    topic: TopicOpt = None,
    length: Annotated[Length, typer.Option(
        "--length", case_sensitive=False,
        help="full: volledige briefing (max. 4 pagina's); short: handout van 1 pagina.")
    ] = Length.full,
    format_: Annotated[Format, typer.Option("--format", case_sensitive=False,
                                            help="pdf of html.")] = Format.pdf,
    cards: Annotated[bool, typer.Option("--cards", help="Met --all: ook het kaartenvel.")] = False,
    jobs: Annotated[int | None, typer.Option(
        "--jobs", "-j", min=1, help="Aantal werkprocessen voor --all (standaard: aantal kernen).")
    ] = None,
    verbose: Annotated[bool, typer.Option(
        "--verbose", "-v", help="Meld ook omgevingswaarschuwingen van WeasyPrint.")] = False,
    brief: BriefOpt = None, briefs: BriefsOpt = None, templates: TemplatesOpt = None,
    out: OutOpt = None, debug: DebugOpt = False,
) -> None:
    """Maak de briefing voor een fractie (PDF in out/<brief>/)."""
    from .errors import UsageError
    ws = _workspace(brief, briefs, templates, out)
    if all_ == bool(fractie):
        raise UsageError("Geef --fractie X of --all (één van beide).")
    if all_:
        from .batch import make_all
        console = _console(stderr=True)
        result = make_all(ws, topics=topic, length=length.value, fmt=format_.value,
                          jobs=jobs or os.cpu_count() or 1, with_cards=cards,
                          progress=_progress_bar(console))
        for made in result.made:
            print(f"{_show(made.path)} ({_pages(made.pages)})")
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
        return
    from .core import make as make_briefing
    from .pdf import Engine
    engine = Engine() if format_ is Format.pdf else None
    from .select import find_fractie
    brief_data = ws.brief()
    for name in fractie:  # check every name before the first (slow) render
        find_fractie(brief_data, name)
    for name in fractie:
        made = make_briefing(ws, name, topic, length.value, format_.value, engine)
        print(f"{_show(made.path)} ({_pages(made.pages)})")
        for warning in made.warnings:
            print(warning, file=sys.stderr)
    if verbose and engine is not None:
        _environment_summary(engine.environment_warnings)


def _pages(pages: int | None) -> str:
    if pages is None:
        return "HTML"
    return "1 pagina" if pages == 1 else f"{pages} pagina's"


def _environment_summary(warnings: list[str]) -> None:
    from .pdf import environment_advice
    for line in environment_advice(warnings):
        print(line, file=sys.stderr)


def _progress_bar(console):
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    def run(total: int):
        progress = Progress(TextColumn("Briefings"), BarColumn(), MofNCompleteColumn(),
                            TextColumn("{task.description}"), console=console,
                            transient=True, disable=not console.is_terminal)
        return progress, progress.add_task("", total=total)

    return run


@command()
def rebut(
    query: Annotated[list[str] | None, typer.Argument(
        help="Wat u hoort: een woord, een claim, een kaart-id of bron-id. Zonder zoekwoord, in "
             "een terminal: zoeken terwijl u typt, het hele debat lang.")] = None,
    all_: Annotated[bool, typer.Option("--all", help="Alle treffers, best passend eerst.")] = False,
    short: Annotated[bool, typer.Option("--short", help="Alleen de oneliner en een korte bron.")] = False,
    fractie: FractieOpt = None,
    brief: BriefOpt = None, briefs: BriefsOpt = None, debug: DebugOpt = False,
) -> None:
    """Zoek de beste weerleggingskaart, direct in de terminal."""
    ws = _workspace(brief, briefs, None, None, announce=False)
    if not query and sys.stdin.isatty() and sys.stdout.isatty():
        from .live import run
        run(ws, fractie)
        return
    from .lookup import lookup
    from .present import print_rebut
    result = lookup(ws, " ".join(query or []), fractie=fractie, best_only=not all_)
    code = print_rebut(result, all_=all_, short=short)
    if code:
        raise typer.Exit(code)


@command()
def cards(
    fractie: FractieOpt = None,
    all_: Annotated[bool, typer.Option("--all", help="Alle kaarten.")] = False,
    topic: TopicOpt = None,
    source: Annotated[str | None, typer.Option(
        "--source", "-s", help="Alleen kaarten die deze bron citeren; zie 'debatbrief list "
                               "sources'.")] = None,
    brief: BriefOpt = None, briefs: BriefsOpt = None, templates: TemplatesOpt = None,
    out: OutOpt = None, debug: DebugOpt = False,
) -> None:
    """Maak een printbaar vel A6-kaarten (vier per A4, met snijtekens)."""
    from .cards import make_cards
    from .errors import UsageError
    if all_ and fractie:
        raise UsageError("Geef --fractie X of --all, niet allebei.")
    if not (all_ or fractie or topic or source):
        raise UsageError("Geef --all, --fractie X, --topic T of --source ID.")
    ws = _workspace(brief, briefs, templates, out)
    made = make_cards(ws, fractie=fractie, topics=topic, source=source)
    count = f"{made.cards} kaart" if made.cards == 1 else f"{made.cards} kaarten"
    print(f"{_show(made.path)} ({count}, {_pages(made.pages)})")


@command()
def explain(
    fractie: Annotated[str, typer.Option("--fractie", "-f", help="Fractie: afkorting of naam.")],
    topic: TopicOpt = None,
    length: Annotated[Length, typer.Option("--length", case_sensitive=False,
                                           help="full of short.")] = Length.full,
    format_: Annotated[CheckFormat, typer.Option("--format", case_sensitive=False, help="text of json.")
                       ] = CheckFormat.text,
    brief: BriefOpt = None, briefs: BriefsOpt = None, debug: DebugOpt = False,
) -> None:
    """Laat zien wat de briefing kiest, in welke volgorde, en waarom."""
    from .select import select
    ws = _workspace(brief, briefs, None, None)
    loaded = ws.brief()
    selection = select(loaded, fractie, topic, length.value)
    if format_ is CheckFormat.json:
        import json

        from .select import explanation
        print(json.dumps(explanation(selection), ensure_ascii=False, indent=2))
        return
    from .present import print_explain
    print_explain(loaded, selection, _console())


@command()
def check(
    strict: Annotated[bool, typer.Option("--strict", help="Ook waarschuwingen laten falen.")] = False,
    format_: Annotated[CheckFormat, typer.Option("--format", case_sensitive=False,
                                                 help="text of json.")] = CheckFormat.text,
    brief: BriefOpt = None, briefs: BriefsOpt = None, debug: DebugOpt = False,
) -> None:
    """Controleer een brief en meld alle problemen tegelijk."""
    import json

    from .load import load
    ws = _workspace(brief, briefs, None, None)
    folder = ws.brief_folder()
    loaded = load(folder)
    failed = bool(loaded.errors) or (strict and bool(loaded.warnings))
    if format_ is CheckFormat.json:
        print(json.dumps({"brief": visible(folder.name), "ok": not failed,
                          "problems": [p.as_dict() for p in loaded.problems]},
                         ensure_ascii=False, indent=2))
    else:
        for problem in loaded.problems:
            print(problem)
        errors, warnings = len(loaded.errors), len(loaded.warnings)
        verdict = "in orde" if not failed else "niet in orde"
        print(f"{visible(folder.name)}: {verdict} ({errors} fout{'en' if errors != 1 else ''}, "
              f"{warnings} waarschuwing{'en' if warnings != 1 else ''})")
    if failed:
        raise typer.Exit(1)


@command()
def errata(
    format_: Annotated[ErrataFormat, typer.Option(
        "--format", case_sensitive=False,
        help="text (terminal), json, of pdf (out/<brief>/errata.pdf, voor het kantoor).")
    ] = ErrataFormat.text,
    brief: BriefOpt = None, briefs: BriefsOpt = None, templates: TemplatesOpt = None,
    out: OutOpt = None, debug: DebugOpt = False,
) -> None:
    """Toon wat het document zelf fout had: correcties en kanttekeningen bij zijn bronnen."""
    from .errata import errata as find_errata
    ws = _workspace(brief, briefs, templates, out)
    loaded = ws.brief()
    if format_ is ErrataFormat.pdf:
        from .errata import make_errata_pdf
        made = make_errata_pdf(ws)
        print(f"{_show(made.path)} ({made.items} punten, {_pages(made.pages)})")
        return
    items = find_errata(loaded)
    if format_ is ErrataFormat.json:
        import json
        print(json.dumps({"brief": loaded.id, "errata": [i.as_dict() for i in items]},
                         ensure_ascii=False, indent=2))
        return
    from .present import print_errata
    print_errata(loaded, items, _console())


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
    ask: Annotated[list[str] | None, typer.Option(
        "--ask", "-a", help="Alleen dit punt (ask-id uit brief.yaml; herhaalbaar).")] = None,
    kamer: Annotated[KamerChoice, typer.Option(
        "--kamer", case_sensitive=False,
        help="tk (Tweede Kamer), ek (Eerste Kamer) of both (beide, standaard).")
    ] = KamerChoice.both,
    fractie: Annotated[str | None, typer.Option(
        "--fractie", "-f", help="Zeg per punt waarom deze fractie wel of geen swing is.")] = None,
    format_: Annotated[PlanFormat, typer.Option(
        "--format", case_sensitive=False,
        help="text (terminal), json, of pdf (out/<brief>/plan.pdf, één pagina).")
    ] = PlanFormat.text,
    brief: BriefOpt = None, briefs: BriefsOpt = None, templates: TemplatesOpt = None,
    out: OutOpt = None, debug: DebugOpt = False,
) -> None:
    """Per punt de zetels voor, tegen en onbekend in beide Kamers, en de swing-fracties."""
    from .errors import UsageError
    from .plan import find_fractie, plan
    ws = _workspace(brief, briefs, templates, out)
    loaded = ws.brief()
    chosen = find_fractie(loaded, fractie).id if fractie else None
    result = plan(loaded, ask, kamer.value)
    if format_ is PlanFormat.json:
        import json

        from .plan import as_dict
        print(json.dumps(as_dict(result, chosen), ensure_ascii=False, indent=2))
        return
    if format_ is PlanFormat.pdf:
        if chosen:
            raise UsageError("--fractie werkt met --format text of json; het plan-PDF toont "
                             "alle fracties.")
        from .planview import make_plan_pdf
        made = make_plan_pdf(ws, result)
        print(f"{_show(made.path)} ({made.asks} punten, {_pages(made.pages)})")
        if made.pages > 1:
            print(f"Let op: het plan telt {made.pages} pagina's (bedoeld: één); kies minder "
                  f"punten met --ask.", file=sys.stderr)
        return
    from .planview import print_plan
    print_plan(loaded, result, _console(), chosen)


@command("list")
def list_(
    what: Annotated[ListWhat, typer.Argument(help="fracties, topics, sources, cards of briefs.")],
    brief: BriefOpt = None, briefs: BriefsOpt = None, debug: DebugOpt = False,
) -> None:
    """Toon de fracties, onderwerpen, bronnen, kaarten of briefs als tabel."""
    from .present import print_list
    ws = _workspace(brief, briefs, None, None, announce=what is not ListWhat.briefs)
    print_list(ws, what.value, _console())


app = build_app()

# --- Entry point ------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; user errors become one line on stderr and an exit code.

    Exit codes: 0 fine, 1 a problem in the brief, the output or no match, 2 bad usage
    (typer's own usage errors too), 70 a bug in debatbrief (rerun with --debug), 130
    interrupted.
    """
    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args
    import signal

    interrupted: list[int] = []

    def on_interrupt(signum, frame):  # remember it: libraries may wrap KeyboardInterrupt
        interrupted.append(signum)
        raise KeyboardInterrupt

    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        signal.signal(signal.SIGINT, on_interrupt)
    if sys.stdout is None:  # started with stdout closed: write into the void, not crash
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
    only = args[0] if args and args[0] in COMMANDS else None
    try:
        build_app(only)(args=args, prog_name="debatbrief")
    except DebatbriefError as exc:
        if debug:
            raise
        print(str(exc), file=sys.stderr)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        print("Afgebroken; er is niets half geschreven.", file=sys.stderr)
        sys.exit(130)
    except BrokenPipeError:
        # The reader went away (`| head`): not an error. Quieten Python's flush at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
    except OSError as exc:
        if debug or exc.filename:  # a file we were asked to read or write: a bug if it escaped
            if debug:
                raise
            print(f"Interne fout in debatbrief ({type(exc).__name__}: {visible(str(exc))}). Draai het "
                  f"commando opnieuw met --debug.", file=sys.stderr)
            sys.exit(70)
        from .errors import reason
        print(f"Kan de uitvoer niet schrijven ({reason(exc)}); controleer waar de uitvoer "
              f"heen gaat.", file=sys.stderr)
        sys.exit(1)
    except Exception as exc:  # a bug in debatbrief: short message, traceback on request
        if interrupted:  # Ctrl-C arrived inside a library that wrapped it in its own error
            print("Afgebroken; er is niets half geschreven.", file=sys.stderr)
            sys.exit(130)
        if debug:
            raise
        print(f"Interne fout in debatbrief ({type(exc).__name__}: {visible(str(exc))}). Draai het commando "
              f"opnieuw met --debug en stuur de uitvoer naar de ontwikkelaars.", file=sys.stderr)
        sys.exit(70)
