"""Where things live: the environment variables and ``debatbrief.toml`` of an office.

``--briefs``, ``--brief`` and ``--kamers`` may also come from ``DEBATBRIEF_BRIEFS``,
``DEBATBRIEF_BRIEF`` and ``DEBATBRIEF_KAMERS`` (click's ``envvar``), and from a
``debatbrief.toml`` in the working folder or a parent (read with tomllib, given to click as
its ``default_map``). The command line wins over the environment, the environment over the
file. In the file, top-level keys apply to every command that has the option; a table
``[make]`` holds options of one command (``[kamer.new]`` of a subcommand). Folders are
relative to the file's own folder::

    briefs = "briefs"
    kamers = "kamers"
    brief = "fnv-2026-02-03"

    [make]
    length = "short"
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import click

from debatbrief.base import paths
from debatbrief.base.errors import UsageError

#: The environment variable of each option, by its parameter name.
ENVVARS = {"briefs": "DEBATBRIEF_BRIEFS", "brief": "DEBATBRIEF_BRIEF", "kamers": "DEBATBRIEF_KAMERS"}
#: Options whose value is a folder: relative to the configuration file's folder.
FOLDERS = {"briefs", "kamers", "templates", "out"}
#: Options that may stand at the top of the file (for every command that has them).
GLOBAL_KEYS = {"briefs", "brief", "kamers", "templates", "out"}


def _use_kamers(ctx: click.Context, param: click.Parameter, value: Any) -> None:
    """``--kamers`` on a command that loads a brief: search that folder first."""
    if value:
        paths.use_kamers_dir(Path(value))


def wire(command: click.Command) -> None:
    """Give every command's ``--briefs``, ``--brief`` and ``--kamers`` its environment
    variable, and every command with ``--briefs`` a ``--kamers`` (the folder of the Kamer
    files, searched first)."""
    for cmd in _walk(command):
        names = {p.name for p in cmd.params}
        if "briefs" in names and "kamers" not in names:
            cmd.params.append(
                click.Option(
                    ["--kamers"],
                    type=click.Path(path_type=Path),
                    expose_value=False,
                    callback=_use_kamers,
                    is_eager=True,
                    help="Map met Kamerbestanden, eerst doorzocht (ook: DEBATBRIEF_KAMERS).",
                )
            )
        for param in cmd.params:
            if param.name in ENVVARS and isinstance(param, click.Option):
                param.envvar = ENVVARS[param.name]
                param.show_envvar = True


def _walk(command: click.Command):
    """The command and every subcommand, depth first."""
    yield command
    for sub in getattr(command, "commands", {}).values():
        yield from _walk(sub)


def default_map(
    command: click.Command, start: Path | None = None, known: set[str] | frozenset[str] = frozenset()
) -> dict | None:
    """The ``default_map`` of the nearest ``debatbrief.toml`` (``None`` without one).
    ``known`` are the names of every command (the app may hold only the one being run): a
    table for another known command is left alone.

    Raises :class:`UsageError` (one line with the file and line) for a file that is not
    TOML, or a key that is no option."""
    path = paths.find_config(start)
    if path is None:
        return None
    import tomllib  # only with a file: its regular expressions cost `rebut` 4 ms of start-up

    try:  # read once, never through a link or from a FIFO or device (which could block)
        text = paths.read_regular(path).decode("utf-8")
    except paths.FileRefused as exc:
        raise UsageError(f"{paths.display(path)}: {exc.why}") from None
    except UnicodeDecodeError:
        raise UsageError(
            f"{paths.display(path)}: geen geldige UTF-8-tekst; sla het bestand op als UTF-8"
        ) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        at = re.search(r"line (\d+), column (\d+)", str(exc))
        where = f"{paths.display(path)}:{at.group(1)}" if at else paths.display(path)
        column = f" (kolom {at.group(2)})" if at else ""
        raise UsageError(
            f'{where}: geen geldige TOML{column}; schrijf sleutel = "waarde" of [commando]'
        ) from None
    except ValueError:  # a number of thousands of digits: Python's own limit, in English
        line = next(
            (n for n, row in enumerate(text.splitlines(), start=1) if re.search(r"[0-9_]{100}", row)), None
        )
        where = f"{paths.display(path)}:{line}" if line else paths.display(path)
        raise UsageError(f"{where}: getal met te veel cijfers; schrijf een gewoon getal") from None
    return _defaults(command, data, path, text, frozenset(known))


def _defaults(
    command: click.Command, data: dict, path: Path, text: str, known: frozenset[str] = frozenset()
) -> dict:
    """The defaults for ``command`` and its subcommands from the file's ``data``."""
    found: dict[str, Any] = {}
    top = {k: v for k, v in data.items() if not isinstance(v, dict)}
    for key in top:
        if key not in GLOBAL_KEYS:
            _unknown(path, text, key, sorted(GLOBAL_KEYS))
    subs = getattr(command, "commands", {})
    for key, table in data.items():
        if isinstance(table, dict) and key not in subs and key not in known:
            _unknown(path, text, key, sorted(set(subs) | known))
    for name, sub in subs.items():
        options = _option_names(sub)
        table = given if isinstance(given := data.get(name), dict) else {}
        if getattr(sub, "commands", None):
            found[name] = _defaults(sub, {**top, **table}, path, text)
            continue
        for key in table:
            if key not in options:
                _unknown(path, text, key, sorted(options))
        values = {options[k]: v for k, v in {**top, **table}.items() if k in options}
        found[name] = {k: _folder(path, v) if k in FOLDERS else v for k, v in values.items()}
    return found


def _option_names(command: click.Command) -> dict[str, str]:
    """The keys a table may use for ``command``'s options (``format`` for ``--format``,
    ``debate-date`` or ``debate_date``), with the parameter name each stands for."""
    names: dict[str, str] = {}
    for param in command.params:
        if not isinstance(param, click.Option) or param.name in ("debug", "help"):
            continue
        for opt in param.opts:
            if opt.startswith("--"):
                names[opt[2:]] = names[opt[2:].replace("-", "_")] = param.name
    return names


def _folder(config: Path, value: Any) -> Any:
    """A folder named in the file, relative to the file's own folder."""
    return str(config.parent / value) if isinstance(value, str) else value


def _unknown(path: Path, text: str, key: str, known: list[str]) -> None:
    match = re.search(rf"^\s*\[?\s*{re.escape(key)}\b", text, re.M)
    line = text.count("\n", 0, match.start()) + 1 if match else None
    where = f"{paths.display(path)}:{line}" if line else paths.display(path)
    raise UsageError(
        f"{where}: onbekende sleutel '{key}' (bekend: {', '.join(known)}); "
        "verwijder hem of controleer de spelling"
    )
