"""Shared fixtures: the shipped brief and briefings rendered once per session. The helpers
tests import live in tests/helpers.py (a plain module: nothing imports from conftest)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import BRIEF_ID, Made, run_cli

from debatbrief.commands.workspace import Workspace


@pytest.fixture(scope="session", autouse=True)
def one_word_filter():
    """The language's word filter (``rank.word_filter``: a Bloom filter of wordfreq's
    100,000 Dutch words, 1.3 s of CPU) computed once per session, not once per deck a
    test builds: it depends only on the language and the installed wordfreq, so every
    deck gets the same bits it would compute itself (each a copy, as a test may change
    its deck). ``index_deck`` still calls it and stores its answer in every deck."""
    import functools

    from debatbrief.cards import rank

    computed = functools.cache(rank.word_filter)

    def word_filter(language: str) -> dict | None:
        found = computed(language)
        return None if found is None else dict(found)

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


def pytest_collection_modifyitems(items):
    """Mark every test that uses a slow fixture as ``slow`` (``-m "not slow"`` skips it)."""
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


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
