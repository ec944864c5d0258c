"""The cards on a phone (`debatbrief cards --format html`, issue 26): one offline HTML
file whose search box answers as `rebut` does.

The page's answers are `rebut`'s own, stored at build time (commands/cardsweb.py); these
tests hold that the page's lookup of the typed text gives `cards.lookup.search`'s answer
for every phrase of the evaluation sets that the page claims to support (its normalised
form is a stored query), and, in headless Chromium when it is installed, that the shown
card is `rebut`'s first card, that the page makes no network request, and what it looks
like (screenshots in the test's temporary folder).
"""

from __future__ import annotations

import functools
import re
import shutil
from pathlib import Path

import pytest

from debatbrief.cards.lookup import deck, ranker, scope, search
from debatbrief.commands.cards import make_cards
from debatbrief.commands.cardsweb import page_answer, phone_deck_data
from debatbrief.commands.workspace import Workspace

EVAL_DIR = Path(__file__).parent / "rebut_eval"
SETS = sorted(EVAL_DIR.glob("*.yaml"))


def eval_queries(path: Path) -> list[str]:
    """The phrases of one evaluation set (see tests/test_rebut_eval.py)."""
    from ruamel.yaml import YAML

    return [str(item["query"]) for item in YAML(typ="safe").load(path.read_text("utf-8"))]


def rebut_answer(rank, query: str, cards: list[dict]) -> tuple[list[str], list[str]]:
    """`rebut`'s cards shown for ``query`` (at most five) and, when none, the nearest."""
    result = search(rank, query, cards)
    hits = [h.card["id"] for h in result.hits[:5]]
    return hits, [] if hits else [h.card["id"] for h in result.nearest[:5]]


def supported(ws: Workspace, fractie: str | None = None):
    """Per evaluation phrase the page answers exactly: (phrase, page's ids, rebut's ids)."""
    data = deck(ws)
    cards, _ = scope(data, fractie)
    ids = [c["id"] for c in cards]
    shown, answers, table = phone_deck_data(ws, ids)
    rank = ranker(data)
    found = []
    for query in eval_queries(EVAL_DIR / f"{ws.brief().id}.yaml"):
        answer, exact = page_answer(answers, table, query)
        if exact:
            page = ([shown[p]["id"] for p in answer[1]], [shown[p]["id"] for p in answer[2]])
            found.append((query, page, rebut_answer(rank, query, cards)))
    return found


@functools.cache
def supported_of(brief_id: str, fractie: str | None = None) -> tuple:
    """:func:`supported` for the shipped brief ``brief_id``, worked out once per module
    (each is thousands of ``rebut`` searches); the tests only read it."""
    return tuple(supported(Workspace(brief_id=brief_id), fractie))


@pytest.fixture(scope="module")
def vwn_page(tmp_path_factory) -> tuple[Path, int]:
    """The phone deck of the shipped brief (``cards --format html``, every card), made once
    for the tests that read it: its path and the number of cards ``make_cards`` reported."""
    ws = Workspace(brief_id="vwn-2024-05-22", out_dir=tmp_path_factory.mktemp("phone"))
    made = make_cards(ws, fmt="html")
    return made.path, made.cards


@pytest.mark.parametrize("path", SETS, ids=[p.stem for p in SETS])
def test_page_answers_as_rebut_on_the_evaluation_set(path):
    found = supported_of(path.stem)
    assert len(found) >= 5, f"{path.stem}: the page supports only {len(found)} phrases"
    wrong = [(q, page, rebut) for q, page, rebut in found if page != rebut]
    assert not wrong, wrong[:5]


def test_page_answers_as_rebut_for_one_fractie():
    ws = Workspace(brief_id="vwn-2024-05-22")
    found = supported(ws, "NSC")
    assert found
    assert all(page == rebut for _, page, rebut in found)


def test_the_page_holds_every_card_and_asks_for_nothing(vwn_page):
    path, cards = vwn_page
    ws = Workspace(brief_id="vwn-2024-05-22")
    html = path.read_text(encoding="utf-8")
    assert path.name == "kaarten.html"
    assert cards == len(ws.brief().cards)
    for card in ws.brief().cards:
        assert f'data-card="{card.id}"' in html
    assert "default-src 'none'" in html
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", html)
    assert "@import" not in html and "url(" not in html
    assert "prefers-color-scheme: dark" in html


def test_the_command_line(tmp_path):
    from helpers import run_cli

    made = run_cli("cards", "--fractie", "NSC", "--format", "html", "--out", str(tmp_path))
    assert made.returncode == 0, made.stderr
    assert "kaarten-nsc.html" in made.stdout and "zoekvragen" in made.stdout
    html = (tmp_path / "vwn-2024-05-22" / "kaarten-nsc.html").read_text(encoding="utf-8")
    ws = Workspace(brief_id="vwn-2024-05-22")
    raised = {c["id"] for c in scope(deck(ws), "NSC")[0]}
    assert set(re.findall(r'<article id="kaart-[^"]+" data-card="([^"]+)"', html)) == raised
    wrong = run_cli("cards", "--all", "--format", "odt", "--out", str(tmp_path))
    assert wrong.returncode == 2


def test_same_bytes_twice(tmp_path):
    ws = Workspace(brief_id="fnv-2026-02-03", out_dir=tmp_path)
    first = make_cards(ws, fmt="html").path.read_bytes()
    assert make_cards(ws, fmt="html").path.read_bytes() == first


# --- in a real browser ---------------------------------------------------------------------

CHROMIUM = shutil.which("chromium")
CHROMEDRIVER = shutil.which("chromedriver")
needs_browser = pytest.mark.skipif(
    not (CHROMIUM and CHROMEDRIVER),
    reason="Chromium of chromedriver ontbreekt (apt-get install chromium chromium-driver; "
    ".ci/run installeert ze)",
)


@pytest.fixture
def browser(tmp_path):
    """Headless Chromium through chromedriver, with its performance log (every network
    event) on."""
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium ontbreekt")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-dev-shm-usage",
        f"--user-data-dir={tmp_path / 'profile'}",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    yield driver
    driver.quit()


def network_requests(driver, page: str) -> list[str]:
    """The URLs of the requests sent since the log was last read, other than ``page``
    itself, from Chrome's performance log."""
    import json

    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return [url for url in urls if url != page]


def viewport(driver, width: int, height: int) -> None:
    """The page's viewport in CSS px, whatever the window around it (a phone's for 360)."""
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600},
    )


@needs_browser
def test_the_phone_deck_in_chromium(browser, tmp_path, vwn_page):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    ws = Workspace(brief_id="vwn-2024-05-22")
    page = vwn_page[0]
    phrases = [(q, rebut) for q, _, rebut in supported_of(ws.brief().id) if rebut[0]][:10]
    assert len(phrases) == 10
    viewport(browser, 360, 640)
    network_requests(browser, "")  # the browser's own start page: not the deck's
    browser.get(page.as_uri())
    box = browser.find_element(By.ID, "q")
    status = browser.find_element(By.ID, "status")
    for query, rebut in phrases:
        box.clear()
        box.send_keys(query)
        assert status.get_attribute("data-card") == rebut[0][0], query
        visible = [
            a.get_attribute("data-card")
            for a in browser.find_elements(By.CSS_SELECTOR, "article:not([hidden])")
        ]
        first = min(
            visible,
            key=lambda i: int(browser.find_element(By.ID, f"kaart-{i}").value_of_css_property("order")),
        )
        assert first == rebut[0][0], query
    assert browser.execute_script("return document.documentElement.scrollWidth") <= 360
    rank, cards = ranker(deck(ws)), deck(ws)["cards"]
    for query, _ in phrases[:3]:  # case, accents, hyphens and punctuation: as rebut reads them
        variant = query.upper().replace("E", "É").replace(" ", "-") + "?!"
        box.clear()
        box.send_keys(variant)
        expected = rebut_answer(rank, variant, cards)[0]
        assert status.get_attribute("data-card") == (expected[0] if expected else ""), variant
        assert status.get_attribute("data-exact") == "ja", variant
    box.clear()
    box.send_keys("de minister zegt dat het echt niet anders kan")
    assert status.get_attribute("data-exact") == "nee"
    box.clear()
    box.send_keys(phrases[0][0])
    browser.save_screenshot(str(tmp_path / "phone-360x640.png"))
    browser.execute_cdp_cmd(
        "Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "dark"}]}
    )
    assert (
        browser.execute_script("return getComputedStyle(document.body).backgroundColor") == "rgb(18, 18, 18)"
    )
    browser.save_screenshot(str(tmp_path / "phone-360x640-dark.png"))
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys(Keys.BACKSPACE)  # an empty query: every card, one per screen
    assert status.get_attribute("data-card") == ""
    assert len(browser.find_elements(By.CSS_SELECTOR, "article:not([hidden])")) == 22
    viewport(browser, 1280, 800)
    browser.save_screenshot(str(tmp_path / "desktop-1280x800.png"))
    requests = network_requests(browser, page.as_uri())
    assert not requests, requests
