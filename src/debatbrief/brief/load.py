"""Load a brief: YAML files -> validated :class:`~debatbrief.brief.models.Brief`.

Every problem is collected before anything is raised, so ``debatbrief check`` can name all
of them at once, each as ``file:line: what is wrong (what to do)``. YAML is read once,
with libyaml when it is installed: its events are scanned first (nesting depth, anchors,
characters that must not be printed), then the node graph is composed, which knows the
line of every key and item; duplicate keys are found on that graph so that all of them
are reported, and the later value never wins silently. A brief with problems costs no
second reading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.constructor import SafeConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from ruamel.yaml.main import CParser
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.resolver import VersionedResolver

from debatbrief.base import paths
from debatbrief.base.chars import UNSAFE_RE, unsafe
from debatbrief.base.errors import Problem, reason
from debatbrief.base.paths import (  # noqa: F401 - re-exported for callers
    list_briefs,
    reading,
    resolve_brief,
    source_bytes,
)
from debatbrief.brief import models

#: The files of a brief folder, the model each holds, and whether it must exist.
BRIEF_FILES: dict[str, tuple[Any, bool]] = {
    "brief.yaml": (models.BriefMeta, True),
    "sources.yaml": (list[models.Source], True),
    "arguments.yaml": (list[models.Argument], True),
    "profiles.yaml": (list[models.Profile], False),
    "stances.yaml": (list[models.StanceBlock], False),
    "cards.yaml": (list[models.Card], False),
}


#: Control characters YAML does not allow in a file (tab, newline and carriage return are
#: fine), and the C1 controls, which it reads as text: each is named with its line.
_CONTROL_RE = re.compile("[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]")
#: Deeper than this a YAML file is refused before it is composed: the composer recurses
#: once per level (libyaml's in C, where a deep enough file crashes the process), and a
#: brief nests a handful of levels.
MAX_DEPTH = 50


class _DatesAsText(SafeConstructor):
    """Constructor that leaves dates as text: the models parse them, so a wrong date
    (2024-02-30) is reported with its line instead of failing the whole file."""


_DatesAsText.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda constructor, node: constructor.construct_scalar(node)
)


class _OneVersion(VersionedResolver):
    """ruamel's resolver, asking once per file which YAML version it reads.

    ruamel looks the version up again for every scalar, through failed attribute lookups
    (``processing_version``): three quarters of the time of composing a large file. A
    file's version is fixed by its ``%YAML`` directive, which comes before its first
    scalar, and a brief file holds one document (:func:`_parse` composes exactly one), so
    the answer for the first scalar is the answer for all of them.
    """

    _resolvers: Any = None

    @property
    def versioned_resolver(self) -> Any:
        if self._resolvers is None:
            self._resolvers = super().versioned_resolver
        return self._resolvers


def _yaml(fast: bool) -> YAML:
    """A safe YAML reader: libyaml when ``fast`` (and installed), else ruamel's own
    parser, whose messages the brief's tests and users know."""
    yaml = YAML(typ="safe", pure=not fast)
    yaml.Constructor = _DatesAsText
    yaml.Resolver = _OneVersion
    yaml.allow_duplicate_keys = True  # every duplicate is reported, see _duplicate_keys
    return yaml


@dataclass
class YamlFile:
    """One parsed YAML file: its data (plain dicts and lists) and the node graph it was
    constructed from, which knows the line of every key and item."""

    path: Path
    data: Any
    node: Node | None = field(default=None, repr=False)
    text: str = field(default="", repr=False)  # as parsed (its comments, for the checks)

    def line(self, loc: tuple[Any, ...]) -> int | None:
        """The 1-based line of the item at ``loc`` (keys and indexes), or the nearest parent;
        ``None`` for an empty file."""
        node = self.node
        if node is None:
            return None
        line = node.start_mark.line + 1
        for step in loc:
            if isinstance(node, MappingNode):
                # The last of duplicate keys: the value the data holds.
                pairs = [(k, v) for k, v in node.value if isinstance(k, ScalarNode) and k.value == str(step)]
                if not pairs:
                    break
                line = pairs[-1][0].start_mark.line + 1
                node = pairs[-1][1]
            elif isinstance(node, SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
                node = node.value[step]
                line = node.start_mark.line + 1
            else:
                break
        return line


@dataclass
class Loaded:
    """The outcome of loading: the brief (``None`` if it has errors) and every problem."""

    brief: models.Brief | None
    problems: list[Problem] = field(default_factory=list)
    files: dict[str, YamlFile] = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


# --- YAML -----------------------------------------------------------------------------


def _duplicate_keys(root: Node | None, problems: list[Problem], shown: str) -> None:
    """Report every key that appears twice in one mapping, anywhere under ``root`` (the
    later value never wins silently). Iterative: depth is bounded, but not by Python's
    recursion limit."""
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, MappingNode):
            seen: dict[Any, int] = {}
            for key_node, value_node in node.value:
                key = getattr(key_node, "value", None)
                if isinstance(key, str):
                    line = key_node.start_mark.line + 1
                    if key in seen:
                        problems.append(
                            Problem(
                                shown,
                                line,
                                f"sleutel '{key}' staat twee keer in dezelfde map (eerst op regel "
                                f"{seen[key]}); verwijder of hernoem er één",
                            )
                        )
                    else:
                        seen[key] = line
                stack.append(value_node)
        elif isinstance(node, SequenceNode):
            stack.extend(reversed(node.value))


def _scan(text: str, shown: str, problems: list[Problem], fast: bool) -> bool:
    """Walk the file's YAML events, building nothing, before it is composed.

    Refuses anchors and aliases (an alias bomb expands into billions of nodes, and a brief
    has no use for either), merge keys (``<<``: values taken over silently), explicit
    tags (``!!binary`` would turn any bytes into text behind the character check) and
    nesting deeper than :data:`MAX_DEPTH`, each once per file; reports every string, key
    or value, that holds a character that must not be printed
    (:func:`debatbrief.base.chars.unsafe`), written raw, as a YAML escape or as a
    character reference. Returns ``False`` when the file must not be composed. A syntax
    error ends the scan quietly: composing reports it, and gets no deeper than the scan.
    """
    # A string can only hold such a character if the text does, raw, behind a backslash
    # (escapes in double quotes) or as a reference (&...;): most files skip the check.
    check_strings = "\\" in text or "&" in text or UNSAFE_RE.search(text) is not None
    check_numbers = _LONG_RUN_RE.search(text) is not None
    compose = True
    depth = 0
    try:
        for event in _yaml(fast).parse(text):
            cls = event.__class__
            if cls is ScalarEvent:
                if (
                    event.anchor is not None
                    or event.tag is not None
                    or (event.value == "<<" and event.implicit[0])
                ):
                    return _refuse_node(event, shown, problems)
                if check_numbers and event.implicit[0] and _INTEGER_RE.fullmatch(event.value):
                    problems.append(_long_number(event, shown))
                    compose = False  # the constructor would fail on it, in English
                    continue
                if check_strings and (bad := unsafe(event.value)) is not None:
                    problems.append(_unsafe_character(event, shown, *bad))
            elif cls is MappingStartEvent or cls is SequenceStartEvent:
                if event.anchor is not None or event.tag is not None:
                    return _refuse_node(event, shown, problems)
                depth += 1
                if depth > MAX_DEPTH:
                    problems.append(_too_deep(event, shown))
                    return False
            elif cls is MappingEndEvent or cls is SequenceEndEvent:
                depth -= 1
            elif cls is AliasEvent:
                return _refuse_node(event, shown, problems)
    except YAMLError:
        pass
    return compose


def _unsafe_character(event: Any, shown: str, char: str, written: str | None) -> Problem:
    """The problem for a scalar holding ``char``, a character that must not be printed;
    ``written`` is the character reference that produced it, ``None`` when the character
    stands in the text itself (raw, or from a YAML escape)."""
    how = f" (geschreven als '{written}')" if written else ""
    return Problem(
        shown,
        event.start_mark.line + 1,
        f"onzichtbaar stuurteken U+{ord(char):04X}{how} in de tekst "
        f"(verwijder het; het kan de tekst op papier of in de terminal "
        f"omkeren, verbergen of veranderen)",
    )


def _too_deep(event: Any, shown: str) -> Problem:
    """The problem for a mapping or sequence that opens deeper than :data:`MAX_DEPTH`."""
    return Problem(
        shown,
        event.start_mark.line + 1,
        f"meer dan {MAX_DEPTH} niveaus diep genest; een brief heeft er "
        f"hooguit een paar nodig (controleer haken en inspringing)",
    )


#: The most digits a number in a brief may have. Seats, years and counts need a few (and
#: the models bound them, with their own message); Python refuses to read more than 4300,
#: in English, and takes its time below that.
MAX_DIGITS = 100
_LONG_RUN_RE = re.compile(rf"[0-9a-fA-F_]{{{MAX_DIGITS + 1}}}")
#: A plain scalar that YAML reads as an integer (with YAML 1.1's and 1.2's prefixes),
#: with more than MAX_DIGITS digits.
_MORE = f"{{{MAX_DIGITS + 1},}}"  # regular expression: more than MAX_DIGITS
_INTEGER_RE = re.compile(
    rf"[-+]?(?=[^0-9]*[0-9])(?:0[xX][0-9a-fA-F_]{_MORE}|0[oO][0-7_]{_MORE}"
    rf"|0[bB][01_]{_MORE}|[0-9_]{_MORE})"
)


def _long_number(event: Any, shown: str) -> Problem:
    digits = sum(char.isalnum() for char in event.value)
    return Problem(
        shown,
        event.start_mark.line + 1,
        f"getal van {digits} cijfers is te lang (ten hoogste {MAX_DIGITS}); is het "
        f"tekst, zet het dan tussen aanhalingstekens",
    )


def _refuse_node(event: Any, shown: str, problems: list[Problem]) -> bool:
    if getattr(event, "value", None) == "<<" and event.anchor is None and event.tag is None:
        # A plain << is YAML 1.1's merge key: its map's values would silently win over
        # (or lose to) the keys written beside it.
        message = (
            "samenvoegsleutel '<<' wordt niet ondersteund (die neemt stil waarden "
            "uit een andere map over); schrijf elke sleutel voluit"
        )
    elif getattr(event, "tag", None) is not None and event.anchor is None:
        tag = event.tag.replace("tag:yaml.org,2002:", "!!")
        message = f"YAML-labels zoals '{tag}' worden niet ondersteund; schrijf de waarde als gewone tekst"
    else:
        message = "ankers en aliassen (&naam, *naam) worden niet ondersteund; schrijf de waarde voluit"
    problems.append(Problem(shown, event.start_mark.line + 1, message))
    return False


def read_yaml(path: Path, problems: list[Problem], fast: bool = True) -> YamlFile | None:
    """Parse one YAML file, appending its problems; ``None`` if it cannot be used.

    The file is read once (:func:`source_bytes`): a symbolic link, a FIFO, a device or a
    file over :data:`debatbrief.base.paths.MAX_FILE_BYTES` is refused without being read.
    It is scanned first (:func:`_scan`) and only then composed and constructed; ``fast``
    reads with libyaml, and a file libyaml cannot parse is parsed again, from the same
    text, with ruamel's parser, whose message names the place.
    """
    shown = paths.display(path)
    text = _read_text(path, shown, problems)
    if text is None or _refused_lines(text, shown, problems) or not _scan(text, shown, problems, fast):
        return None
    return _parse(path, text, shown, problems, fast)


def _read_text(path: Path, shown: str, problems: list[Problem]) -> str | None:
    """The file's text, or ``None`` (and a problem) for a file that is refused (a symbolic
    link, a special file, too large: see :func:`source_bytes`), one that is not UTF-8
    (with the line of the first bad byte) or one that cannot be read."""
    try:
        data = source_bytes(path)
    except paths.FileRefused as exc:
        problems.append(Problem(shown, None, exc.why))
        return None
    except OSError as exc:
        problems.append(
            Problem(shown, None, f"kan het bestand niet lezen ({reason(exc)}); controleer de rechten")
        )
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.append(Problem(shown, line, "geen geldige UTF-8-tekst; sla het bestand op als UTF-8"))
    return None


def _refused_lines(text: str, shown: str, problems: list[Problem]) -> bool:
    """Whether a line has a tab in its indentation or a control character YAML does not
    allow (each is a problem with its line): such a file is not parsed."""
    refused = False
    for number, line in enumerate(text.split("\n"), start=1):  # YAML's lines, not Unicode's
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            problems.append(
                Problem(
                    shown,
                    number,
                    "tab in de inspringing; YAML kent alleen spaties (vervang de tab door spaties)",
                )
            )
            refused = True
        control = _CONTROL_RE.search(line)
        if control:
            problems.append(
                Problem(shown, number, f"onzichtbaar stuurteken U+{ord(control.group(0)):04X}; verwijder het")
            )
            refused = True
    return refused


def _parse(path: Path, text: str, shown: str, problems: list[Problem], fast: bool) -> YamlFile | None:
    """One parse of scanned ``text``: compose the node graph (to find every duplicate key
    and every line), then construct the data from that same graph. A file libyaml
    (``fast``) cannot parse is read again with ruamel's own parser, whose message says
    where and what in the words users know."""
    fast = fast and CParser is not None
    yaml = _yaml(fast)
    try:
        node = yaml.compose(text)
    except YAMLError as exc:
        if fast:
            return _parse_again(path, text, shown, problems)
        problems.append(
            _syntax_problem(shown, exc)
            if isinstance(exc, MarkedYAMLError)
            else Problem(shown, None, f"YAML-fout: {exc}")
        )
        return None
    _duplicate_keys(node, problems, shown)
    if node is None:
        return YamlFile(path, None, text=text)
    try:
        data = yaml.constructor.construct_document(node)
    except MarkedYAMLError as exc:
        problems.append(_syntax_problem(shown, exc))
        return None
    except (YAMLError, ValueError, TypeError, OverflowError) as exc:
        # A scalar the constructor cannot turn into a value.
        problems.append(Problem(shown, None, f"onleesbare waarde: {exc}"))
        return None
    return YamlFile(path, data, node, text)


def _parse_again(path: Path, text: str, shown: str, problems: list[Problem]) -> YamlFile | None:
    """Parse ``text``, which libyaml could not, with ruamel's own parser. Its scan runs
    again (it may read further than libyaml did), but a problem the first scan found is
    not reported twice."""
    scanned: list[Problem] = []
    fine = _scan(text, shown, scanned, False)
    known = {str(problem) for problem in problems}
    problems.extend(problem for problem in scanned if str(problem) not in known)
    return _parse(path, text, shown, problems, False) if fine else None


def _syntax_problem(shown: str, exc: MarkedYAMLError) -> Problem:
    # An unterminated quote or bracket is found only at the end of the file; the place
    # where it starts (the context) is where the user must look.
    ends = "end of stream" in (exc.problem or "")
    mark = (exc.context_mark if ends and exc.context_mark else None) or exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else None
    problem = (exc.problem or exc.context or "").strip()
    for english, dutch in _YAML_PROBLEMS.items():
        if english in problem:
            return Problem(shown, line, f"YAML-fout: {dutch}")
    what = problem or "onleesbare YAML"
    if exc.context and exc.problem:
        what = f"{exc.context.strip()}: {what}"
    return Problem(
        shown, line, f"YAML-fout: {what} (controleer inspringing, dubbele punten en aanhalingstekens)"
    )


#: The YAML parser's commonest complaints (ruamel.yaml speaks English), in Dutch with what
#: to do; anything else is shown as the parser says it.
_YAML_PROBLEMS = {
    "mapping values are not allowed here": (
        "een dubbele punt met een spatie erna midden in een waarde (zet de tekst tussen "
        "aanhalingstekens, of begin een nieuwe regel 'sleutel: waarde')"
    ),
    "end of stream": (
        "het bestand houdt op binnen een waarde: een aanhalingsteken of haakje wordt hier"
        " geopend en niet gesloten"
    ),
    "could not find expected ':'": (
        "hier ontbreekt de dubbele punt van 'sleutel: waarde' (of een aanhalingsteken sluit niet)"
    ),
    "expected <block end>": (
        "de inspringing klopt niet met de regels erboven (lijn de sleutels uit met spaties)"
    ),
    "did not find expected key": (
        "de inspringing klopt niet met de regels erboven (lijn de sleutels uit met spaties)"
    ),
    "did not find expected '-' indicator": (
        "de inspringing van de lijst klopt niet (elk item begint met '- ' op dezelfde hoogte)"
    ),
    "found unexpected ':'": (
        "een dubbele punt op een onverwachte plek (zet de tekst tussen aanhalingstekens)"
    ),
    "found character '\\t'": ("een tab; YAML kent alleen spaties (vervang de tab door spaties)"),
    "found unknown escape character": (
        "een onbekende escape met \\ in tekst tussen dubbele aanhalingstekens (schrijf \\\\ "
        "of gebruik enkele aanhalingstekens)"
    ),
}


# --- Validation messages ----------------------------------------------------------------


def _field_name(loc: tuple[Any, ...]) -> str:
    names = [str(step) for step in loc if not isinstance(step, int)]
    return ".".join(names) if names else "de lijst"


#: Fields of older briefs that were renamed or moved, with where they are now (for the
#: "onbekend veld" message of a brief written for an earlier version).
RENAMED = {
    "letter": "'document' (met kind: brief, position-paper, advies, ...)",
    "raised_by": ("'raises' per fractie in stances.yaml (claims: {<kaart-id>: raises}); haal het hier weg"),
}


def _dutch(error: dict[str, Any]) -> str:
    """A pydantic error as a Dutch sentence that says what to do."""
    kind, loc, ctx = error["type"], error["loc"], error.get("ctx") or {}
    name = _field_name(loc)
    value = error.get("input")
    shown_value = repr(value) if isinstance(value, (str, int, float)) else "deze waarde"
    if kind == "missing":
        return f"verplicht veld '{name}' ontbreekt (voeg het toe)"
    if kind == "extra_forbidden":
        if str(loc[-1]) in RENAMED:
            return f"onbekend veld '{loc[-1]}': heet nu {RENAMED[str(loc[-1])]}"
        return f"onbekend veld '{loc[-1]}' (verwijder het of controleer de spelling)"
    if kind == "string_pattern_mismatch":
        if ctx.get("pattern") == models.SLUG_PATTERN:
            example = (
                re.sub(r"[^a-z0-9]+", "-", str(value).casefold()).strip("-") if isinstance(value, str) else ""
            )
            example = example if re.match(models.SLUG_PATTERN, example) else "opt-out"
            return (
                f"'{name}' = {shown_value} is geen geldige id (alleen kleine letters, "
                f"cijfers en koppeltekens, zoals '{example}')"
            )
        return f"'{name}' = {shown_value} heeft niet de juiste vorm"
    if kind in ("string_type", "str_type"):
        return f"'{name}' moet tekst zijn, niet {shown_value} (zet de waarde tussen aanhalingstekens)"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"'{name}' moet een geheel getal zijn, niet {shown_value}"
    if kind in ("bool_parsing", "bool_type"):
        return f"'{name}' moet true of false zijn, niet {shown_value}"
    if kind.startswith("date") or kind.startswith("datetime"):
        return f"'{name}' = {shown_value} is geen geldige datum (schrijf JJJJ-MM-DD)"
    if kind == "literal_error":
        choices = str(ctx.get("expected", "")).replace(" or ", " of ")
        return f"'{name}' = {shown_value} is niet toegestaan (kies uit: {choices})"
    if kind in ("list_type", "tuple_type"):
        what = f"'{name}'" if loc else "het bestand"
        return f"{what} moet een lijst zijn (regels die beginnen met '- ')"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        what = f"'{name}'" if loc else "het bestand"
        return f"{what} moet een map zijn (regels 'sleutel: waarde')"
    if kind in ("too_short", "string_too_short"):
        return f"'{name}' mag niet leeg zijn"
    if kind == "string_too_long":
        return f"'{name}' is te lang (ten hoogste {ctx.get('max_length')} tekens)"
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        bound = next(iter(ctx.values()), "?")
        word = {
            "greater_than_equal": "minstens",
            "less_than_equal": "ten hoogste",
            "greater_than": "groter dan",
            "less_than": "kleiner dan",
        }[kind]
        return f"'{name}' = {shown_value} moet {word} {bound} zijn"
    return f"'{name}': {error['msg']}"


_ADAPTERS: dict[Any, TypeAdapter] = {}


def validate_file(yaml_file: YamlFile, schema: Any, problems: list[Problem]) -> Any:
    """Validate one parsed file against ``schema``; ``None`` (and problems) if invalid.

    A file holding a list is validated item by item, so one bad item does not hide the
    problems of the others: the valid items are returned and every invalid one is
    reported (the brief as a whole is still refused).
    """
    shown = paths.display(yaml_file.path)
    item_type = _list_item(schema)
    if item_type is not None and isinstance(yaml_file.data, list):
        adapter = _ADAPTERS.setdefault(item_type, TypeAdapter(item_type))
        valid = []
        for index, item in enumerate(yaml_file.data):
            try:
                valid.append(adapter.validate_python(item))
            except ValidationError as exc:
                _report(exc, yaml_file, shown, problems, prefix=(index,))
        return valid
    adapter = _ADAPTERS.setdefault(schema, TypeAdapter(schema))
    try:
        return adapter.validate_python(yaml_file.data)
    except ValidationError as exc:
        _report(exc, yaml_file, shown, problems)
        return None


def _list_item(schema: Any) -> Any:
    from typing import get_args, get_origin

    return get_args(schema)[0] if get_origin(schema) is list else None


#: How pydantic names the members of a union in an error's location: a literal
#: ("literal['raises','agrees']") or a model ("SourcedStance"). Not a field of the brief.
_UNION_MEMBER_RE = re.compile(r"^(?:literal\[.*\]|[A-Z][A-Za-z]+)$")


def _report(
    exc: ValidationError, yaml_file: YamlFile, shown: str, problems: list[Problem], prefix: tuple = ()
) -> None:
    """Add one Dutch problem per error; a value that fits no member of a union (a stance
    that is neither a word nor a map) is one problem, not one per member."""
    unions: dict[tuple, list[dict]] = {}
    errors = exc.errors()
    # A misspelt key is one mistake: "onbekend veld 'rebutal'; bedoelde u 'rebuttal'?",
    # not that plus "verplicht veld 'rebuttal' ontbreekt".
    missing = {(tuple(e["loc"][:-1]), e["loc"][-1]) for e in errors if e["type"] == "missing"}
    meant: dict[tuple, str] = {}
    for error in errors:
        if error["type"] == "extra_forbidden":
            parent, key = tuple(error["loc"][:-1]), str(error["loc"][-1])
            from debatbrief.base.suggest import closest

            guess = closest(key, [str(name) for p, name in missing if p == parent], cutoff=70)
            if guess:
                meant[tuple(error["loc"])] = guess
                missing.discard((parent, guess))
    for error in errors:
        loc = prefix + tuple(error["loc"])
        if error["type"] == "missing" and (tuple(error["loc"][:-1]), error["loc"][-1]) not in missing:
            continue
        if tuple(error["loc"]) in meant:
            problems.append(
                Problem(
                    shown,
                    yaml_file.line(loc),
                    f"onbekend veld '{loc[-1]}'; bedoelde u '{meant[tuple(error['loc'])]}'?",
                )
            )
            continue
        member = next(
            (i for i, step in enumerate(loc) if isinstance(step, str) and _UNION_MEMBER_RE.match(step)), None
        )
        if member is not None:
            unions.setdefault(loc[:member], []).append({**error, "loc": loc})
            continue
        problems.append(Problem(shown, yaml_file.line(loc), _dutch({**error, "loc": loc})))
    for loc, group in unions.items():
        problems.append(Problem(shown, yaml_file.line(loc), _union_dutch(loc, group)))


def _union_dutch(loc: tuple, errors: list[dict]) -> str:
    """One Dutch line for a value that fits none of a union's forms: the words it may be,
    and the map it may be instead."""
    value = errors[0].get("input")
    shown = repr(value) if isinstance(value, (str, int, float)) else "deze waarde"
    words = next(
        (str(e.get("ctx", {}).get("expected")) for e in errors if e["type"] == "literal_error"), None
    )
    model = next((e["loc"][len(loc)] for e in errors if e["type"].startswith(("model", "dict"))), None)
    fields = {"SourcedStance": "{stance: ..., source: bron-id}"}.get(str(model), "een map")
    words = words.replace(" or ", " of ") if words else None
    choice = f"kies uit: {words}, of {fields}" if words else f"schrijf {fields}"
    guess = _STANCE_WORDS.get(str(value).strip().casefold()) if model == "SourcedStance" else None
    hint = f"; bedoelde u '{guess}'?" if guess else ""
    return f"'{_field_name(loc)}' = {shown} is niet toegestaan ({choice}{hint})"


#: Dutch words people write for a stance, and the stance they mean.
_STANCE_WORDS = {
    "voor": "agrees",
    "eens": "agrees",
    "steunt": "agrees",
    "tegen": "opposes",
    "oneens": "opposes",
    "onbekend": "unknown",
    "indiener": "raises",
    "brengt in": "raises",
    "zelf": "raises",
}


# --- Briefs ---------------------------------------------------------------------------


def find_kamer(kamer_id: str, briefs_dir: Path) -> Path | None:
    """The Kamer file for ``kamer_id``: beside the briefs folder first, then the built-in one.

    Raises :class:`OSError` when a folder that may hold it cannot be searched (no access):
    silently taking the built-in file instead would hide the user's own.
    """
    for folder in paths.kamer_dirs(briefs_dir):
        candidate = folder / f"{kamer_id}.yaml"
        # Anything but a folder is the Kamer file: a link or a FIFO is refused when it is
        # read, never passed over for the built-in file of the same name.
        if candidate.is_symlink() or (candidate.exists() and not candidate.is_dir()):
            return candidate
    return None


@dataclass
class Parts:
    """A brief as read, before the cross-file checks: each file's validated content (in
    ``parts``, by file name; missing where the file is absent or invalid), the files
    themselves (for line numbers), the Kamer files, the files that had errors
    (``incomplete``: warnings that depend on them are moot) and the problems found."""

    folder: Path
    parts: dict[str, Any] = field(default_factory=dict)
    files: dict[str, YamlFile] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    incomplete: set[str] = field(default_factory=set)
    kamer: Any = None
    eerste_kamer: Any = None
    refused: bool = False  # the folder itself is refused (a symbolic link): nothing was read

    def brief(self) -> models.Brief | None:
        """The brief, when every required file (and Kamer) was read without error."""
        meta = self.parts.get("brief.yaml")
        complete = (
            all(
                self.parts.get(name) is not None
                for name, (_, req) in BRIEF_FILES.items()
                if req or name in self.parts
            )
            and self.kamer is not None
            and (self.eerste_kamer is not None or not (meta and meta.debate.eerste_kamer))
        )
        if meta is None or not complete or any(p.severity == "error" for p in self.problems):
            return None
        return models.Brief(
            id=self.folder.name if is_slug(self.folder.name) else "brief",
            meta=meta,
            kamer=self.kamer,
            eerste_kamer=self.eerste_kamer,
            sources=self.parts["sources.yaml"],
            arguments=self.parts["arguments.yaml"],
            profiles=self.parts.get("profiles.yaml") or [],
            stances=self.parts.get("stances.yaml") or [],
            cards=self.parts.get("cards.yaml") or [],
        )


def read_brief(folder: Path, fast: bool = True) -> Parts:
    """Read the files of the brief in ``folder`` and validate each against its model;
    never raises for a bad brief. The checks across files are :mod:`debatbrief.checks`'s.
    ``fast`` reads with libyaml when it is installed (see :func:`read_yaml`)."""
    read = Parts(folder)
    problems = read.problems
    if folder.is_symlink():
        problems.append(
            Problem(
                paths.display(folder),
                None,
                "de map van de brief is een symbolische koppeling; zet de map zelf in de map met briefs",
            )
        )
        read.refused = True
        return read
    for name, (schema, required) in BRIEF_FILES.items():
        _read_part(read, name, schema, required, fast)
    meta = read.parts.get("brief.yaml")
    if meta is not None:
        read.kamer = _load_kamer(
            meta.debate.kamer, ("debate", "kamer"), "kamer", folder, read.files, problems, fast
        )
        if meta.debate.eerste_kamer:
            read.eerste_kamer = _load_kamer(
                meta.debate.eerste_kamer,
                ("debate", "eerste_kamer"),
                "eerste_kamer",
                folder,
                read.files,
                problems,
                fast,
            )
    return read


def _read_part(read: Parts, name: str, schema: Any, required: bool, fast: bool) -> None:
    """Read and validate one file of the brief into ``read``."""
    problems = read.problems
    path = read.folder / name
    try:
        present = path.is_symlink() or path.exists()
    except OSError as exc:
        problems.append(
            Problem(
                paths.display(path),
                None,
                f"kan het bestand niet lezen ({reason(exc)}); controleer de rechten van de map",
            )
        )
        read.incomplete.add(name)
        return
    if not present:
        if required:
            problems.append(
                Problem(paths.display(path), None, f"bestand ontbreekt (elke brief heeft een {name})")
            )
        return
    before = len(problems)
    yaml_file = read_yaml(path, problems, fast)
    if yaml_file is None:
        read.incomplete.add(name)
        return
    read.files[name] = yaml_file
    if yaml_file.data is None:
        if required:
            problems.append(
                Problem(paths.display(path), None, "het bestand is leeg; zie README.md voor wat erin hoort")
            )
            read.incomplete.add(name)
        else:
            read.parts[name] = []
        return
    read.parts[name] = validate_file(yaml_file, schema, problems)
    if len(problems) > before:
        read.incomplete.add(name)


def _load_kamer(
    kamer_id: str,
    loc: tuple[str, ...],
    key: str,
    folder: Path,
    files: dict[str, YamlFile],
    problems: list[Problem],
    fast: bool,
):
    """Read and validate the Kamer file ``kamer_id`` named at ``loc`` in brief.yaml; it is
    kept in ``files`` under ``key``. ``None`` (and a problem) when missing or invalid."""
    try:
        kamer_path = find_kamer(kamer_id, folder.parent)
    except OSError as exc:
        problems.append(
            Problem(
                paths.display(folder / "brief.yaml"),
                files["brief.yaml"].line(loc),
                f"kan Kamer '{kamer_id}' niet zoeken in "
                f"{paths.display(Path(exc.filename or 'kamers').parent)} ({reason(exc)}); "
                f"controleer de rechten van die map",
            )
        )
        return None
    if kamer_path is None:
        problems.append(
            Problem(
                paths.display(folder / "brief.yaml"),
                files["brief.yaml"].line(loc),
                f"Kamer '{kamer_id}' niet gevonden (gezocht naar {kamer_id}.yaml in "
                f"{', '.join(paths.display(d) for d in paths.kamer_dirs(folder.parent))}; geef "
                f"de map met --kamers of maak het bestand met 'debatbrief kamer new')",
            )
        )
        return None
    kamer_file = read_yaml(kamer_path, problems, fast)
    if kamer_file is None:
        return None
    files[key] = kamer_file
    return validate_file(kamer_file, models.Kamer, problems)


def is_slug(text: str) -> bool:
    """Whether ``text`` may be an id (a folder name that names a brief)."""
    import re

    return re.match(models.SLUG_PATTERN, text) is not None
