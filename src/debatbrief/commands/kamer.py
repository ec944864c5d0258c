"""``debatbrief kamer new DATE``: a Kamer file for a new date, started from the nearest one.

The nearest existing file of the same chamber (``<kind>-<JJJJ-MM-DD>.yaml``, before or after
the date) is copied with its id and date changed; a ``TODO`` comment beside each change and
at the top asks to confirm what changed in between (zetels, fracties, fractievoorzitters,
woordvoerders, the government) and to source it; a file without ``portfolios`` gets a
commented example of them and of a woordvoerder. ``check`` on a brief that uses it proves the seat sum.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from debatbrief.base import paths
from debatbrief.base.errors import DebatbriefError, UsageError

KINDS = ("tweede-kamer", "eerste-kamer")
_DATE_RE = re.compile(r"(\d{4}-\d{2}-\d{2})\.yaml$")


def nearest(kind: str, date: dt.date, folders: list[Path]) -> Path:
    """The Kamer file of ``kind`` in ``folders`` whose date is nearest ``date`` (of two
    as near, the earlier: its changes since are known)."""
    found: list[tuple[int, dt.date, Path]] = []
    for folder in folders:
        for path in sorted(folder.glob(f"{kind}-*.yaml")) if folder.is_dir() else []:
            match = _DATE_RE.search(path.name)
            try:
                day = dt.date.fromisoformat(match.group(1)) if match else None
            except ValueError:
                day = None
            if match and day is not None and path.name[: -len(match.group(0)) - 1] == kind:
                found.append((abs((day - date).days), day, path))
    if not found:
        searched = ", ".join(paths.display(f) for f in folders)
        raise UsageError(
            f"geen Kamerbestand {kind}-JJJJ-MM-DD.yaml gevonden in {searched} om "
            "van te beginnen; geef de map met --kamers"
        )
    return min(found, key=lambda item: (item[0], item[1]))[2]


def new_kamer(date: dt.date, kind: str, folders: list[Path], target_dir: Path) -> tuple[Path, Path]:
    """Write ``target_dir/<kind>-<date>.yaml`` from the nearest file; returns (new, origin).
    Refuses to overwrite an existing file."""
    if kind not in KINDS:
        raise UsageError(f"onbekende Kamer '{kind}' (kies tweede-kamer of eerste-kamer)")
    new_id = f"{kind}-{date.isoformat()}"
    target = target_dir / f"{new_id}.yaml"
    if target.exists() or target.is_symlink():
        raise UsageError(
            f"{paths.display(target)} bestaat al; pas dat bestand aan (kamer new overschrijft niets)"
        )
    origin = nearest(kind, date, folders)
    text = origin.read_text(encoding="utf-8")
    try:
        target_dir.mkdir(parents=True, exist_ok=True)
        target.write_text(changed(text, origin.stem, new_id, date), encoding="utf-8")
    except OSError as exc:
        raise DebatbriefError(
            f"{paths.display(target)}: kan het bestand niet schrijven "
            f"({exc.strerror}); controleer de map en de rechten"
        ) from exc
    return target, origin


def changed(text: str, old_id: str, new_id: str, date: dt.date) -> str:
    """``text`` with its id and date changed, each change marked TODO, and a TODO header."""
    old_date = re.search(r"^date: (\S+)", text, re.M)
    since = old_date.group(1) if old_date else "?"
    header = (
        f"# TODO (debatbrief kamer new): begonnen als kopie van {old_id}. Bevestig wat er "
        f"sinds {since} veranderde\n# (zetels, fracties, fractievoorzitters, "
        f"woordvoerders, de regering) en geef elke wijziging een bron en datum;\n# haal "
        f"daarna deze TODO's weg.\n"
    )
    text = re.sub(r"^id: .*$", f"id: {new_id}  # TODO: bevestig (was {old_id})", text, count=1, flags=re.M)
    text = re.sub(
        r"^date: .*$",
        f"date: {date.isoformat()}  # TODO: bevestig de samenstelling op deze datum (was {since})",
        text,
        count=1,
        flags=re.M,
    )
    if not re.search(r"^portfolios:", text, re.M):
        text = text.rstrip("\n") + "\n" + PORTFOLIOS_EXAMPLE
    return header + text


#: Appended to a new Kamer file that has no ``portfolios``: how to name the woordvoerders a
#: commissiedebat or wetgevingsoverleg is addressed to (commented out: no name without a
#: source).
PORTFOLIOS_EXAMPLE = """\
# Woordvoerders, voor een commissiedebat of wetgevingsoverleg (debate.kind en
# debate.portfolio in brief.yaml): de portefeuilles met hun naam zoals die na "woordvoerder"
# leest, en per fractie de woordvoerder met een bron onder sources die haar of hem zo noemt.
# portfolios:
#   asiel: asiel en migratie
# en bij een fractie:
#   woordvoerders:
#     asiel: {name: Voornaam Achternaam, source: id-van-de-bron}
"""
