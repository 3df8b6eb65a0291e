"""The explorer page in a real browser: headless Chromium against a running server."""

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from app.ingest import ingest_paths
from app.storage.db import make_engine, upgrade
from tests.conftest import SAMPLES
from tests.serving import served

CHROMIUM = next((p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium on this machine (apt-get install chromium)")
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def _serving(folder: Path, reports: list[Path]) -> Iterator[str]:
    url = f"sqlite:///{folder / 'explorer.db'}"
    upgrade(url)
    ingest_paths(make_engine(url), reports)
    with served(url) as base:
        yield base


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from _serving(tmp_path_factory.mktemp("explorer"), [SAMPLES])


@pytest.fixture(scope="module")
def many_meetings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server holding 30 statements of defence ministers, one a month: more meetings than a page."""
    folder = tmp_path_factory.mktemp("many")
    for month in range(30):
        year, number = 2020 + month // 12, month % 12 + 1
        (folder / f"statement-{month:02}.txt").write_text(
            f"Statement by NATO Defence Ministers\n\nNATO Defence Ministers met in Brussels on 14 "
            f"{MONTHS[number - 1]} {year}. Ministers agreed to strengthen deterrence and defence.\n",
            encoding="utf-8")
    yield from _serving(folder, [folder])


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def _chromium(tmp_path: Path, *arguments: str) -> str:
    result = subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=15000", *arguments],
        capture_output=True, text=True, timeout=120, check=False,
    )
    return result.stdout


def test_overview_renders_the_chart_and_the_meeting_list(server: str, tmp_path: Path) -> None:
    dom = _chromium(tmp_path, "--dump-dom", f"{server}/")
    assert 'data-ready="true"' in dom
    assert dom.count('<tr data-id="') == 7
    assert 'id="decision-bars"' in dom
    assert dom.count('class="bar"') >= 3
    assert dom.count('class="meeting-dot"') == 7
    screenshot = Path(os.environ.get("NATO_RECORDS_SCREENSHOTS", tmp_path)) / "explorer.png"
    screenshot.parent.mkdir(parents=True, exist_ok=True)
    _chromium(tmp_path, "--window-size=1280,1000", f"--screenshot={screenshot}", f"{server}/")
    assert screenshot.stat().st_size > 10_000


def test_search_shows_results(server: str, tmp_path: Path) -> None:
    dom = _chromium(tmp_path, "--dump-dom", f"{server}/#/search/Irak")
    assert dom.count('class="hit"') >= 3
    assert "<mark>Irak</mark>" in dom


def test_a_decision_is_highlighted_in_its_source(server: str, tmp_path: Path) -> None:
    decision = httpx.get(f"{server}/v1/decisions", params={"q": "Sahel"}).json()["items"][0]
    dom = _chromium(tmp_path, "--dump-dom", f"{server}/#/meeting/{decision['meeting_id']}/decision/{decision['id']}")
    assert f'<mark id="sentence-{decision["id"]}">{decision["text"]}</mark>' in dom


def test_the_topic_heatmap_and_the_meeting_chips(server: str, tmp_path: Path) -> None:
    cells = httpx.get(f"{server}/v1/stats/topics").json()["items"]
    shaded = {(c["topic"], c["year"]) for c in cells if c["meetings"]}
    dom = _chromium(tmp_path, "--dump-dom", f"{server}/")
    assert 'id="heatmap"' in dom
    assert dom.count('class="heat-cell"') == len(shaded)
    topic, year = sorted(shaded)[0]
    assert f'data-topic="{topic}" data-year="{year}"' in dom
    meetings = httpx.get(f"{server}/v1/meetings").json()["items"]
    assert dom.count('class="chip"') == sum(len(m["topics"]) for m in meetings)
    summits = {(c["topic"], c["year"]) for c in cells if c["meetings"] and c["body"] == "summit"}
    assert summits < shaded  # the body buttons have something to narrow


def test_a_topic_page_lists_its_meetings_and_links_each_decision_to_its_source(server: str, tmp_path: Path) -> None:
    topic = httpx.get(f"{server}/v1/topics/iraq").json()
    dom = _chromium(tmp_path, "--dump-dom", f"{server}/#/topic/iraq")
    assert "<h2>Iraq" in dom
    assert "Irak" in dom  # the Dutch label beside the English
    assert dom.count('class="topic-meeting"') == len(topic["timeline"])
    for meeting in topic["timeline"]:
        assert f'href="#/meeting/{meeting["meeting_id"]}"' in dom
        for decision in meeting["decisions"]:
            assert f'href="#/meeting/{meeting["meeting_id"]}/decision/{decision["id"]}"' in dom


def test_a_meeting_shows_the_topics_of_the_meeting_and_of_each_decision(server: str, tmp_path: Path) -> None:
    meeting = httpx.get(f"{server}/v1/meetings/2020-04-02-foreign-ministers").json()
    dom = _chromium(tmp_path, "--dump-dom", f"{server}/#/meeting/{meeting['id']}")
    assert 'class="meeting-topics"' in dom
    chips = len(meeting["topics"]) + sum(len(d["topics"]) for d in meeting["decisions"])
    assert chips > len(meeting["topics"])
    assert dom.count('class="chip"') == chips
    assert 'href="#/topic/iraq"' in dom


def test_the_overview_pages_its_meetings(many_meetings: str, tmp_path: Path) -> None:
    assert httpx.get(f"{many_meetings}/v1/meetings", params={"count": "exact"}).json()["total"] == 30
    dom = _chromium(tmp_path, "--dump-dom", f"{many_meetings}/")
    assert dom.count('<tr data-id="') == 25
    assert "30 meetings · page 1 of 2" in dom
    assert 'class="page-next"' in dom


def test_an_unknown_meeting_says_so(server: str, tmp_path: Path) -> None:
    dom = _chromium(tmp_path, "--dump-dom", f"{server}/#/meeting/1999-01-01-summit")
    assert 'class="not-found"' in dom
    assert "1999-01-01-summit" in dom
    assert "Could not load" not in dom


def test_one_result_is_one_result(server: str, tmp_path: Path) -> None:
    words = ("Sahel", "Montenegro", "Warschau", "Irak", "coronavirus", "Berlijn", "Kosovo", "Wolters")
    counts = {w: len(httpx.get(f"{server}/v1/search", params={"q": w, "limit": 50}).json()["items"]) for w in words}
    single = next(w for w, n in counts.items() if n == 1)
    dom = _chromium(tmp_path, "--dump-dom", f"{server}/#/search/{single}")
    assert f"1 result for “{single}”" in dom


def test_a_meeting_shows_each_documents_agenda_apart(server: str, tmp_path: Path) -> None:
    meeting = httpx.get(f"{server}/v1/meetings/2020-04-02-foreign-ministers").json()
    dom = _chromium(tmp_path, "--dump-dom", f"{server}/#/meeting/{meeting['id']}")
    assert dom.count('class="document-agenda"') == len(meeting["documents"])
    for document in meeting["documents"]:
        assert f'data-document="{document["id"]}"' in dom


def test_the_decision_chart_draws_every_year_and_kind_of_one_stats_call(server: str, tmp_path: Path) -> None:
    pairs = httpx.get(f"{server}/v1/stats/decisions", params={"group_by": "year,kind"}).json()["items"]
    dom = _chromium(tmp_path, "--dump-dom", f"{server}/")
    assert dom.count('class="bar"') == len([p for p in pairs if p["count"]])


@pytest.mark.parametrize("page", ["/", "/#/meeting/2020-04-02-foreign-ministers", "/#/topic/iraq", "/#/search/Irak"])
def test_usable_at_420_pixels(server: str, tmp_path: Path, page: str) -> None:
    dom = _chromium(tmp_path, "--window-size=420,900", "--dump-dom", f"{server}{page}")
    assert 'data-ready="true"' in dom
    assert 'data-fits="true"' in dom, page


def test_search_results_come_a_page_at_a_time(many_meetings: str, tmp_path: Path) -> None:
    first = httpx.get(f"{many_meetings}/v1/search", params={"q": "deterrence", "limit": 50}).json()
    assert first["next_cursor"]  # more than a page
    dom = _chromium(tmp_path, "--dump-dom", f"{many_meetings}/#/search/deterrence")
    assert dom.count('class="hit"') == 50
    assert "50 results so far for “deterrence”" in dom
    assert '<button type="button" class="more-results">' in dom  # shown: not hidden


@pytest.fixture(scope="module")
def with_a_doubt(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The samples and a report that names its meeting but never dates it: stored, with its doubt."""
    folder = tmp_path_factory.mktemp("doubt")
    (folder / "undated-verslag.txt").write_text(
        "Verslag van de bijeenkomst van de NAVO-ministers van Defensie in Brussel\n\n"
        "Tijdens de bijeenkomst van de NAVO-ministers van Defensie in Brussel spraken de ministers over de steun "
        "aan Oekraine en de afschrikking.\n", encoding="utf-8")
    yield from _serving(folder, [SAMPLES, folder])


def test_needs_review_lists_the_documents_the_parser_doubts(with_a_doubt: str, tmp_path: Path) -> None:
    doubtful = httpx.get(f"{with_a_doubt}/v1/documents", params={"doubts": "true"}).json()["items"]
    assert any(d["hint_body"] == "defence_ministers" for d in doubtful)
    dom = _chromium(tmp_path, "--dump-dom", f"{with_a_doubt}/#/review")
    assert 'data-ready="true"' in dom
    assert dom.count('class="review-item"') == len(doubtful)
    assert f"Needs review: {len(doubtful)} document" in dom
    for document in doubtful:
        for doubt in document["doubts"]:
            assert doubt in dom
    assert "Names a meeting it does not date" in dom  # the undated meeting's body and place
    overview = _chromium(tmp_path, "--dump-dom", f"{with_a_doubt}/")
    assert 'href="#/review"' in overview  # reached from every page's header
