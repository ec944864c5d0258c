"""Where the briefs, the Kamer data and the templates live.

Inside a source checkout the top-level ``briefs/``, ``kamers/`` and ``templates/`` folders
are read; an installed wheel carries copies under ``debatbrief/data/`` (see
``pyproject.toml``), reached through :mod:`importlib.resources` so it works from any
directory. Options such as ``--briefs DIR`` override both.
"""

from __future__ import annotations

import re
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent
# src/debatbrief/ -> the checkout's root, when running from a source tree.
_CHECKOUT = _PACKAGE_DIR.parent.parent


def _resource_dir(name: str) -> Path:
    """The folder ``name`` from the checkout if there is one, else from the wheel."""
    if (_CHECKOUT / "pyproject.toml").is_file() and (_CHECKOUT / name).is_dir():
        return _CHECKOUT / name
    from importlib import resources  # only an installed wheel needs it

    return Path(str(resources.files("debatbrief") / "data" / name))


def default_briefs_dir() -> Path:
    """The folder holding one sub-folder per brief."""
    return _resource_dir("briefs")


def default_kamers_dir() -> Path:
    """The folder holding one YAML file per chamber composition (``<id>.yaml``)."""
    return _resource_dir("kamers")


def default_templates_dir() -> Path:
    """The folder holding the Jinja2 templates and their CSS."""
    return _resource_dir("templates")


def kamer_dirs(briefs_dir: Path) -> list[Path]:
    """Where a brief's Kamer file is looked for, in order: a ``kamers/`` folder beside the
    briefs folder, then the built-in one."""
    return [briefs_dir.parent / "kamers", default_kamers_dir()]


def display(path: Path) -> str:
    """A path as the user should read it: relative to the working directory if inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def list_briefs(briefs_dir: Path) -> list[Path]:
    """Every brief folder (one holding ``brief.yaml``) under ``briefs_dir``, sorted by name."""
    if not briefs_dir.is_dir():
        return []
    return sorted(p for p in briefs_dir.iterdir() if (p / "brief.yaml").is_file())


def resolve_brief(briefs_dir: Path, brief_id: str | None) -> Path:
    """The folder of brief ``brief_id``, or of the only/newest brief when ``None``.

    "Newest" is the latest debate date, read cheaply from each ``brief.yaml``.
    Raises :class:`UsageError` for an unknown id or an empty folder.
    """
    folders = list_briefs(briefs_dir)
    if not folders:
        from .errors import DebatbriefError
        raise DebatbriefError(
            f"{display(briefs_dir)}: geen briefs gevonden (een brief is een map met "
            f"brief.yaml; geef een andere map met --briefs)")
    if brief_id is not None:
        for folder in folders:
            if folder.name == brief_id:
                return folder
        if "/" not in brief_id and (briefs_dir / brief_id).is_dir():
            from .errors import DebatbriefError
            raise DebatbriefError(f"{display(briefs_dir / brief_id)}: deze map heeft geen "
                                  f"brief.yaml en is dus geen brief (zie README.md)")
        from .errors import UsageError
        from .suggest import unknown_choice
        raise UsageError(unknown_choice("brief", brief_id, [f.name for f in folders]))
    if len(folders) == 1:
        return folders[0]
    return max(folders, key=lambda f: (_debate_date(f), f.name))


def _debate_date(folder: Path) -> str:
    text = (folder / "brief.yaml").read_text(encoding="utf-8", errors="replace")
    match = re.search(r"^debate:\s*\n(?:[ ]+.*\n)*?[ ]+date:\s*(\S+)", text, re.M)
    return match.group(1) if match else ""
