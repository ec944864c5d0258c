"""Where the briefs, the Kamer data and the templates live.

Inside a source checkout the top-level ``briefs/``, ``kamers/`` and ``templates/`` folders
are read; an installed wheel carries copies under ``debatbrief/data/`` (see
``pyproject.toml``), reached through :mod:`importlib.resources` so it works from any
directory. Options such as ``--briefs DIR`` override both.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent
# src/debatbrief/ -> the checkout's root, when running from a source tree.
_CHECKOUT = _PACKAGE_DIR.parent.parent


def _resource_dir(name: str) -> Path:
    """The folder ``name`` from the checkout if there is one, else from the wheel."""
    if (_CHECKOUT / "pyproject.toml").is_file() and (_CHECKOUT / name).is_dir():
        return _CHECKOUT / name
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


def display(path: Path) -> str:
    """A path as the user should read it: relative to the working directory if inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
