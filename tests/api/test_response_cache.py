"""The server-side response cache: repeated GETs answered from memory until the data changes."""

import io

import anyio
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session

from app.api.http import CachedAnswer, DataVersionClock, ResponseCache
from app.config import Settings
from app.ingest import ingest_paths, reparse_all, utc_now
from app.main import create_app
from app.storage.backup import export_to, import_from
from app.storage.keys import create_key
from app.storage.writes import data_version
from tests.conftest import CORPUS, SAMPLES

DMM = CORPUS / "nl-fixture-2017-06-dmm-verslag.txt"


def _client(engine: Engine, **settings: object) -> TestClient:
    return TestClient(create_app(Settings(database_url=str(engine.url), **settings), engine))  # type: ignore[arg-type]


@pytest.fixture
def loaded(engine: Engine) -> Engine:
    assert ingest_paths(engine, [SAMPLES]).failed == 0
    return engine


def _meeting_ids(client: TestClient) -> list[str]:
    response = client.get("/v1/meetings", params={"limit": 100})
    assert response.status_code == 200
    return [m["id"] for m in response.json()["items"]]


def test_a_repeated_get_is_answered_from_the_cache_with_the_same_body_and_etag(loaded: Engine) -> None:
    with _client(loaded) as client:
        first = client.get("/v1/meetings?limit=5")
        second = client.get("/v1/meetings?limit=5")
        assert (first.headers["x-cache"], second.headers["x-cache"]) == ("miss", "hit")
        assert second.content == first.content
        assert second.headers["etag"] == first.headers["etag"]
        assert second.headers["cache-control"] == first.headers["cache-control"]
        assert second.headers["x-content-type-options"] == "nosniff"  # outer middleware still apply
        not_modified = client.get("/v1/meetings?limit=5", headers={"If-None-Match": first.headers["etag"]})
        assert not_modified.status_code == 304
        assert not_modified.content == b""


def test_the_accept_header_and_the_query_are_part_of_the_key(loaded: Engine) -> None:
    with _client(loaded) as client:
        client.get("/v1/meetings?limit=5")
        csv = client.get("/v1/meetings?limit=5", headers={"Accept": "text/csv"})
        assert csv.headers["content-type"].startswith("text/csv")
        other = client.get("/v1/meetings?limit=6")
        assert other.headers["x-cache"] == "miss"
        assert len(other.json()["items"]) == 6


def test_compressed_and_plain_answers_are_kept_apart(loaded: Engine) -> None:
    with _client(loaded) as client:
        for _ in range(2):
            packed = client.get("/v1/meetings?include=decisions", headers={"Accept-Encoding": "gzip"})
            plain = client.get("/v1/meetings?include=decisions", headers={"Accept-Encoding": "identity"})
        assert packed.headers["x-cache"] == plain.headers["x-cache"] == "hit"
        assert packed.headers["content-encoding"] == "gzip"
        assert "content-encoding" not in plain.headers
        assert packed.json() == plain.json()


def test_cors_headers_follow_the_origin_of_each_request(loaded: Engine) -> None:
    with _client(loaded, cors_origins=["https://dashboard.example"]) as client:
        for _ in range(2):
            allowed = client.get("/v1/meetings", headers={"Origin": "https://dashboard.example"})
            other = client.get("/v1/meetings", headers={"Origin": "https://elsewhere.example"})
            none = client.get("/v1/meetings")
        assert allowed.headers["x-cache"] == other.headers["x-cache"] == none.headers["x-cache"] == "hit"
        assert allowed.headers["access-control-allow-origin"] == "https://dashboard.example"
        assert "access-control-allow-origin" not in other.headers
        assert "access-control-allow-origin" not in none.headers


def test_errors_and_feeds_are_never_cached(loaded: Engine) -> None:
    with _client(loaded) as client:
        for _ in range(2):
            assert "x-cache" not in client.get("/v1/meetings?limit=0").headers
            assert "x-cache" not in client.get("/v1/changes").headers
            assert "x-cache" not in client.get("/health").headers


def test_an_ingestion_by_another_process_shows_once_the_version_is_read_again(loaded: Engine) -> None:
    with _client(loaded, cache_check_seconds=3600) as client:
        before = _meeting_ids(client)
        assert ingest_paths(loaded, [DMM]).failed == 0  # another process, as far as the API knows
        assert _meeting_ids(client) == before  # within the check interval: the cached answer
        client.app.state.data_clock.expire()  # type: ignore[attr-defined]
        assert "2017-06-29-defence-ministers" in _meeting_ids(client)


def test_with_no_check_interval_every_request_sees_the_latest_data(loaded: Engine) -> None:
    with _client(loaded, cache_check_seconds=0) as client:
        before = _meeting_ids(client)
        assert ingest_paths(loaded, [DMM]).failed == 0
        assert _meeting_ids(client) == sorted({*before, "2017-06-29-defence-ministers"}, reverse=True)


def test_an_upload_shows_at_once_in_the_worker_that_took_it(engine: Engine) -> None:
    with Session(engine) as session:
        key = create_key(session, "tests", utc_now())
        session.commit()
    with _client(engine, cache_check_seconds=3600) as client:
        assert _meeting_ids(client) == []
        response = client.post("/v1/documents", content=DMM.read_bytes(), params={"filename": "dmm.txt"},
                               headers={"Authorization": f"Bearer {key}", "Content-Type": "text/plain"})
        assert response.status_code == 201, response.text
        assert _meeting_ids(client) == ["2017-06-29-defence-ministers"]


def test_the_cache_can_be_turned_off(loaded: Engine) -> None:
    with _client(loaded, response_cache_mb=0) as client:
        for _ in range(2):
            response = client.get("/v1/meetings?limit=5")
            assert "x-cache" not in response.headers
            assert response.headers["etag"]


def test_every_kind_of_write_raises_the_data_version(engine: Engine) -> None:
    def version() -> int:
        with engine.connect() as connection:
            return data_version(connection)

    start = version()
    ingest_paths(engine, [SAMPLES])
    after_ingest = version()
    assert after_ingest > start
    ingest_paths(engine, [SAMPLES])
    assert version() == after_ingest  # nothing new: nothing to drop
    reparse_all(engine, force=True)
    after_reparse = version()
    assert after_reparse > after_ingest
    backup = io.StringIO()
    export_to(engine, backup)
    backup.seek(0)
    with engine.begin() as connection:  # empty the database again, as a restore needs
        for table in ("mentions", "search_entries", "decisions", "agenda_items", "meeting_documents", "meetings",
                      "documents", "changes"):
            connection.exec_driver_sql(f"DELETE FROM {table}")
    import_from(engine, backup)
    assert version() > after_reparse


def test_the_clock_reads_the_version_at_most_once_per_interval() -> None:
    reads: list[int] = []
    now = [100.0]

    def read() -> int:
        reads.append(1)
        return len(reads)

    clock = DataVersionClock(read, interval=1.0, clock=lambda: now[0])

    async def scenario() -> list[object]:
        seen = [await clock.current(), await clock.current()]
        now[0] += 0.5
        seen.append(await clock.current())
        now[0] += 0.6
        seen.append(await clock.current())
        clock.expire()
        seen.append(await clock.current())
        return [v[0] for v in seen]  # type: ignore[index]

    assert anyio.run(scenario) == [1, 1, 1, 2, 3]


def test_the_cache_is_bounded_and_drops_the_least_recently_used() -> None:
    cache = ResponseCache(max_bytes=8 * 1024 * 8)
    answer = CachedAnswer(version=1, headers=[], body=b"x" * 7000, etag='"e"')
    for key in range(10):  # ten answers of 7.5 KB in 64 KB: two must go
        cache.put(key, answer)
        cache.get(0, 1)  # keeps 0 in use
    assert cache.size <= cache.max_bytes
    assert cache.get(0, 1) is not None
    assert cache.get(1, 1) is None
    assert cache.get(0, 2) is None  # another version: gone
    cache.put("huge", CachedAnswer(version=1, headers=[], body=b"x" * 60_000, etag='"h"'))
    assert cache.get("huge", 1) is None  # larger than an eighth of the cache: not kept
