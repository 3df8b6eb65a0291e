"""The explorer page in a real browser: headless Chromium against a running server."""

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from app.ingest import ingest_paths
from app.storage.db import make_engine, upgrade
from tests.conftest import SAMPLES

CHROMIUM = next((p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium on this machine (apt-get install chromium)")
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("explorer")
    url = f"sqlite:///{folder / 'explorer.db'}"
    upgrade(url)
    ingest_paths(make_engine(url), [SAMPLES])
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "app", "serve", "--database-url", url, "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


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
