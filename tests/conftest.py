"""Shared fixtures: the shipped brief and briefings rendered once per session. The helpers
tests import live in tests/helpers.py (a plain module: nothing imports from conftest)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import BRIEF_ID, Made, run_cli

from debatbrief.commands.workspace import Workspace


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory):
    """The session's own cache folder (``XDG_CACHE_HOME``, inherited by the processes tests
    start), shared by its tests so decks and compiled templates stay warm: a test run must
    not fill the developer's own ``~/.cache/debatbrief`` with entries for its temporary
    brief folders. A test about the cache sets its own folder."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("session-cache")))
        yield


@pytest.fixture(scope="session", autouse=True)
def one_word_filter():
    """The language's word filter (``rank.word_filter``: a Bloom filter of wordfreq's
    100,000 Dutch words, 1.3 s of CPU) computed once per session, not once per deck a
    test builds: it depends only on its arguments and the installed wordfreq, so every
    deck gets the bits it would compute itself (each a deep copy, as a test may change
    its deck). ``index_deck`` still calls it and stores its answer in every deck."""
    import copy
    import functools

    from debatbrief.cards import rank

    original = getattr(rank, "word_filter", None)
    if original is None:  # renamed or gone: nothing to share
        yield
        return
    computed = functools.cache(original)

    @functools.wraps(original)
    def word_filter(*args, **kwargs):
        return copy.deepcopy(computed(*args, **kwargs))

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(rank, "word_filter", word_filter)
        yield


@pytest.fixture(scope="session")
def workspace() -> Workspace:
    return Workspace(brief_id=BRIEF_ID)


@pytest.fixture(scope="session")
def brief(workspace):
    return workspace.brief()


@pytest.fixture(scope="session")
def engine():
    from debatbrief.briefing.pdf import Engine

    return Engine()


@pytest.fixture(scope="session")
def pvv_pdf(tmp_path_factory) -> Path:
    """The PVV briefing made by the CLI under LC_ALL=C, as the README's first command does."""
    out = tmp_path_factory.mktemp("out")
    result = run_cli(
        "make", "--fractie", "PVV", "--out", str(out), process=True, env={"LC_ALL": "C", "LANG": "C"}
    )
    assert result.returncode == 0, result.stderr
    return out / BRIEF_ID / "pvv.pdf"


@pytest.fixture(scope="session")
def full_pdfs(every_document) -> Path:
    """The folder holding every fractie's full briefing of the shipped brief
    (``<fractie>.pdf``), its handouts (``<fractie>-handout.pdf``) and card sheet
    (``kaarten.pdf``): the files :func:`every_document` made, named as ``make`` names them."""
    return every_document[0].path.parent.parent / BRIEF_ID


@pytest.fixture(scope="session")
def short_pdfs(full_pdfs) -> Path:
    """The same folder (handouts and the card sheet are made with the full briefings)."""
    return full_pdfs


@pytest.fixture(scope="session")
def batch_pdfs(tmp_path_factory) -> Path:
    """Every fractie's handout and the card sheet, made by one ``make --all --cards
    --length short`` over two worker processes (one page each: the batch is under test,
    not the briefings)."""
    out = tmp_path_factory.mktemp("batch")
    result = run_cli(
        "make", "--all", "--cards", "--length", "short", "--out", str(out), "--jobs", "2", process=True
    )
    assert result.returncode == 0, result.stderr
    return out / BRIEF_ID


#: Fixtures that render every fractie: a test using one is end-to-end and slow.
SLOW_FIXTURES = {"every_document", "full_pdfs", "short_pdfs", "batch_pdfs", "layouts"}


#: The modules whose tests read :func:`every_document` (or the fixtures built on it). Under
#: pytest-xdist (``--dist loadfile`` in pyproject.toml) they are one unit of work, run by
#: one worker, so every briefing of every brief is rendered once per run, not once per
#: worker (``--dist loadgroup`` would say this with marks, but cannot group under pytest 9:
#: xdist 3.8 renames ``item._nodeid``, which pytest 9 no longer reads). A module missing
#: here still passes; it only renders everything on a second worker (a warning says so).
SHARED_RENDERINGS = (
    "tests/test_batch.py",
    "tests/test_layout.py",
    "tests/test_mp_page.py",
    "tests/test_tailoring.py",
)

#: Units of work sent to the workers first, longest first (seconds of CPU over the whole
#: suite, measured on 6 December 2026: the shared renderings 211 of 472, test_cli 56 with
#: the wheel, test_hostile 32, test_issue23 28, test_environment 28, test_check 22,
#: test_phone 17, test_rebut 13): a long unit started last would leave the other worker
#: idle at the end. The other modules follow in file order. A stale list costs balance,
#: never a result.
LONG_FIRST = (
    "shared-renderings",
    "tests/test_cli.py",
    "tests/test_hostile.py",
    "tests/test_issue23.py",
    "tests/test_environment.py",
    "tests/test_check.py",
    "tests/test_phone.py",
    "tests/test_rebut.py",
)


def work_unit(nodeid: str) -> str:
    """The unit of work of a test for pytest-xdist: its module, or ``shared-renderings``
    for the modules of :data:`SHARED_RENDERINGS`."""
    module = nodeid.split("::", 1)[0]
    return "shared-renderings" if module in SHARED_RENDERINGS else module


def pytest_collection_modifyitems(config, items):
    """Mark every test that uses a slow fixture as ``slow`` (``-m "not slow"`` skips it),
    and put the units of :data:`LONG_FIRST` first (in that order; each unit's tests keep
    their order): pytest-xdist hands out units in collection order."""
    rendering = set()
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
            rendering.add(item.nodeid.split("::", 1)[0])
    if rendering - set(SHARED_RENDERINGS):
        import warnings

        warnings.warn(
            f"{sorted(rendering - set(SHARED_RENDERINGS))} use every_document: add them to "
            "SHARED_RENDERINGS in tests/conftest.py, or each xdist worker renders everything",
            stacklevel=1,
        )
    rank = {unit: number for number, unit in enumerate(LONG_FIRST)}
    items.sort(key=lambda item: rank.get(work_unit(item.nodeid), len(rank)))


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """``--dist loadfile`` with the modules of :data:`SHARED_RENDERINGS` as one unit, and
    the units in collection order (see :func:`pytest_collection_modifyitems`), not
    xdist's order by number of tests. Other ``--dist`` modes are xdist's own."""
    if config.getoption("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class SharedRenderingScheduling(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return work_unit(nodeid)

    config.option.loadscopereorder = False
    return SharedRenderingScheduling(config, log)


@pytest.fixture(scope="session")
def every_document(tmp_path_factory) -> list[Made]:
    """For every shipped brief: every fractie's full briefing and handout, and the card
    sheet, made once per test session through ``core.make`` / ``cards.make_cards`` (the
    real pipeline, one engine), keeping each layout for the layout tests and each
    briefing's selection (what ``explain`` lists)."""
    from debatbrief.base import paths
    from debatbrief.briefing import fit, render
    from debatbrief.briefing.pdf import Engine
    from debatbrief.commands.cards import make_cards
    from debatbrief.commands.workspace import make

    class Recording(Engine):
        def document(self, html, base_dir, allowed):
            self.last = super().document(html, base_dir, allowed)
            return self.last

    notes_made: list = []
    original = render.Notes
    chosen: list = []
    fit_briefing = fit.fit_briefing

    def recording_fit(*args, **kwargs):
        fitted = fit_briefing(*args, **kwargs)
        chosen.append(fitted[0])  # the selection the PDF shows
        return fitted

    class RecordingNotes(original):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            notes_made.append(self)

    out = tmp_path_factory.mktemp("every")
    engine = Recording()
    made: list[Made] = []
    briefs = sorted(p.name for p in paths.default_briefs_dir().iterdir() if (p / "brief.yaml").is_file())
    render.Notes, fit.fit_briefing = RecordingNotes, recording_fit
    try:
        for brief_id in briefs:
            ws = Workspace(out_dir=out, brief_id=brief_id)
            for fractie in ws.brief().kamer.fracties:
                for length in ("full", "short"):
                    result = make(ws, fractie.abbreviation, None, length, "pdf", engine)
                    made.append(
                        Made(
                            f"{brief_id}/{fractie.id}-{length}",
                            result.path,
                            engine.last,
                            notes_made[-1],
                            chosen[-1],
                        )
                    )
            cards = make_cards(ws, engine=engine)
            made.append(Made(f"{brief_id}/kaarten", cards.path, engine.last))
    finally:
        render.Notes, fit.fit_briefing = original, fit_briefing
    return made
