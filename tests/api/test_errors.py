"""Every error path answers problem+json naming the parameter; nothing produces a 500."""

import asyncio
import base64
import json
from pathlib import Path

import anyio
import httpx
import pytest
from anyio import to_thread
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from app.api.paging import encode_cursor
from app.config import Settings
from app.main import create_app
from app.storage.db import make_engine, upgrade
from app.storage.queries import DOCUMENT_SORTS


@pytest.mark.parametrize(
    ("url", "status", "parameter"),
    [
        ("/v1/meetings?limit=0", 422, "limit"),
        ("/v1/meetings?limit=1001", 422, "limit"),
        ("/v1/meetings?sort=colour", 400, "sort"),
        ("/v1/meetings?include=everything", 400, "include"),
        ("/v1/meetings?count=maybe", 400, "count"),
        ("/v1/meetings?format=xml", 400, "format"),
        ("/v1/meetings?virtual=perhaps", 422, "virtual"),
        ("/v1/members?as_of=soon", 422, "as_of"),
        ("/v1/search", 422, "q"),
        ("/v1/search?q=x&kind=people", 400, "kind"),
        ("/v1/stats/decisions", 422, "group_by"),
        ("/v1/stats/decisions?group_by=colour", 400, "group_by"),
        ("/v1/changes?since=garbage", 400, "since"),
        ("/v1/export/people.ndjson", 400, "resource"),
        ("/v1/documents?dossier=%00", 400, "dossier"),
        ("/v1/decisions?q=a%00b", 400, "q"),
        ("/v1/meetings/x%00y", 400, "meeting_id"),
        ("/v1/meetings?limit=abc", 422, "limit"),
        ("/v1/meetings?from=yesterday", 422, "from"),
        ("/v1/documents?from=0", 422, "from"),  # not 1 January 1970: the schema says YYYY-MM-DD
        ("/v1/stats/topics?to=0", 422, "to"),
        ("/v1/members?as_of=0", 422, "as_of"),
        ("/v1/meetings?updated_since=0.5", 422, "updated_since"),
        ("/v1/meetings?updated_since=2026-11-01", 422, "updated_since"),
        ("/v1/meetings?from=2020-01-01&to=2019-01-01", 400, "from"),
        ("/v1/meetings?body=council", 400, "body"),
        ("/v1/meetings?member=NL", 422, "member"),
        ("/v1/meetings?colour=red", 400, "colour"),
        ("/v1/meetings?cursor=not-a-cursor", 400, "cursor"),
        ("/v1/decisions?kind=vetoed", 400, "kind"),
        ("/v1/decisions?q=", 422, "q"),
        ("/v1/decisions?meeting_id=x", 400, "meeting_id"),
        ("/v1/documents/0", 422, "document_id"),
        ("/v1/documents/abc", 422, "document_id"),
    ],
)
def test_bad_parameters(client: TestClient, url: str, status: int, parameter: str) -> None:
    # 422: a value of the wrong form; 400: an unknown parameter, a value outside its choices, a
    # combination that cannot be used
    response = client.get(url)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == status
    assert parameter in {e["parameter"] for e in problem["errors"]}


def _forge(payload: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")


@pytest.mark.parametrize(("method", "url", "allow"), [
    ("PUT", "/v1/documents", "GET, HEAD, POST"),  # two routes at one path: Starlette named only the first
    ("DELETE", "/v1/meetings/2016-05-19-foreign-ministers", "GET, HEAD"),
    ("TRACE", "/health", "GET, HEAD"),
    ("POST", "/", "GET, HEAD"),
])
def test_a_method_a_path_does_not_take_is_405_with_allow(client: TestClient, method: str, url: str,
                                                         allow: str) -> None:
    response = client.request(method, url)
    assert response.status_code == 405
    assert response.headers["allow"] == allow
    assert response.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize(
    "cursor",
    [
        _forge({"s": "-start_date", "k": ["2020-13-45", "x"]}),
        _forge({"s": "-start_date", "k": [1, 2]}),
        _forge({"s": "-start_date", "k": ["2020-01-01"]}),
        _forge({"s": "-start_date", "k": ["2020-01-01", "x", "extra"]}),
        _forge({"s": "no-such-sort", "k": []}),
        _forge({"s": "-start_date", "k": "2020-01-01"}),
        _forge(["2020-01-01", "x"]),
        encode_cursor(DOCUMENT_SORTS["-id"], (5,)),
        "A" * 600,
        "%%%",
        "W10",
    ],
)
def test_forged_cursors_are_400(client: TestClient, cursor: str) -> None:
    assert client.get("/v1/meetings", params={"cursor": cursor}).status_code in (400, 422)
    assert client.get("/v1/decisions", params={"cursor": cursor}).status_code in (400, 422)


@pytest.mark.parametrize("q", ["' OR 1=1 --", "%", "_", "\\", "\"); DROP TABLE decisions; --", "NEAR(a b)"])
def test_sql_in_search_is_just_text(client: TestClient, q: str) -> None:
    response = client.get("/v1/decisions", params={"q": q})
    assert response.status_code == 200
    assert response.json()["items"] == []


def test_docs_are_served_from_the_package(client: TestClient) -> None:
    page = client.get("/docs").text
    assert "/static/swagger-ui/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower()
    assert client.get("/static/swagger-ui/swagger-ui-bundle.js").status_code == 200
    redoc = client.get("/redoc").text
    assert "/static/redoc/redoc.standalone.js" in redoc
    assert "fonts.googleapis" not in redoc


def test_openapi_documents_every_parameter(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    for path, operations in schema["paths"].items():
        for operation in operations.values():
            assert operation.get("description"), path
            for parameter in operation.get("parameters", []):
                assert parameter.get("description") or parameter.get("example") or parameter.get("examples") or (
                    parameter["schema"].get("examples")
                ), f"{path} {parameter['name']}"


def test_cors_for_configured_origins(client: TestClient) -> None:
    response = client.get("/v1/members", headers={"Origin": "https://dashboard.example"})
    assert response.headers["access-control-allow-origin"] == "https://dashboard.example"
    response = client.get("/v1/members", headers={"Origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in response.headers


def test_a_full_pool_is_answered_503_with_retry_after_and_recovers(tmp_path: Path) -> None:
    """Load past the pool degrades, it does not wedge: a request that finds no free connection
    within the pool timeout is answered at once, and the next one, with a connection free, is served."""
    url = f"sqlite:///{tmp_path / 'pool.db'}"
    upgrade(url)
    engine = make_engine(url, threads=1, pool_timeout=0.2)
    held = [engine.connect(), engine.connect()]  # the pool's one connection and its one overflow
    with TestClient(create_app(Settings(response_cache_mb=0), engine=engine)) as client:
        busy = client.get("/v1/meetings")
        assert busy.status_code == 503
        assert busy.headers["retry-after"] == "1"
        assert busy.headers["content-type"].startswith("application/problem+json")
        for connection in held:
            connection.close()
        assert client.get("/v1/meetings").status_code == 200
        assert client.get("/v1/status").status_code == 200  # one connection is enough for it


def test_an_unavailable_database_is_a_503_naming_it(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'missing-folder' / 'gone.db'}")
    with TestClient(create_app(Settings(response_cache_mb=0), engine=engine)) as client:
        for path in ("/v1/meetings", "/health"):
            caplog.clear()
            response = client.get(path)
            assert response.status_code == 503, path
            assert response.json()["detail"] == "the database is unavailable; try again shortly"
            assert response.headers["retry-after"] == "5"
            warnings = [r for r in caplog.records if "database unavailable" in r.getMessage()]
            assert len(warnings) == 1
            assert warnings[0].exc_info is None  # one line, no traceback


def test_many_concurrent_requests_on_few_threads_are_all_served(tmp_path: Path) -> None:
    """48 clients at once on 2 threads and a pool of 4 connections: every request is answered 200.

    A session closed in the thread pool queued its close behind the waiting requests, whose
    threads waited for the connections those closes would return: the API wedged (and with a
    pool timeout, answered 503s)."""
    url = f"sqlite:///{tmp_path / 'busy.db'}"
    upgrade(url)
    engine = make_engine(url, threads=2, pool_timeout=2.0)
    app = create_app(Settings(response_cache_mb=0, threads=2), engine=engine)

    async def burst() -> list[int]:
        to_thread.current_default_thread_limiter().total_tokens = 2
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            with anyio.fail_after(30):
                responses = await asyncio.gather(*(client.get("/v1/status") for _ in range(48)))
        return [r.status_code for r in responses]

    assert anyio.run(burst) == [200] * 48


def test_a_dashboard_on_any_origin_may_read_by_default(sample_engine: Engine) -> None:
    with TestClient(create_app(Settings(), engine=sample_engine)) as client:
        response = client.get("/v1/members", headers={"Origin": "https://anywhere.example"})
        assert response.headers["access-control-allow-origin"] == "*"
        assert "access-control-allow-credentials" not in response.headers
        preflight = client.options("/v1/documents", headers={
            "Origin": "https://anywhere.example", "Access-Control-Request-Method": "POST"})
        assert preflight.status_code == 400  # uploads keep their own rules: no cross-origin writes


@pytest.mark.parametrize(("value", "origins"), [
    ("*", ["*"]),
    ("https://a.example, https://b.example", ["https://a.example", "https://b.example"]),
    ('["https://a.example"]', ["https://a.example"]),
    ("", []),
])
def test_cors_origins_from_the_environment(monkeypatch: pytest.MonkeyPatch, value: str, origins: list[str]) -> None:
    monkeypatch.setenv("NATO_RECORDS_CORS_ORIGINS", value)
    assert Settings().cors_origins == origins


def test_a_value_outside_its_choices_is_named_with_them(client: TestClient) -> None:
    for url, parameter, allowed in [
        ("/v1/meetings?body=council", "body", "foreign_ministers, defence_ministers, summit, other"),
        ("/v1/decisions?topic=mars", "topic", "russia, ukraine"),
        ("/v1/stats/decisions?group_by=colour", "group_by", "year, body, kind, member, topic"),
    ]:
        answer = client.get(url)
        assert answer.status_code == 400, url
        error = answer.json()["errors"][0]
        assert error["parameter"] == parameter
        assert error["message"].startswith(f"must be one of {allowed}"), error
