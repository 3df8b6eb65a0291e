"""Security headers on every answer; a strict CSP on pages; no server version; no stack traces."""

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from app.config import Settings
from app.main import create_app


@pytest.mark.parametrize("path", ["/", "/docs", "/redoc", "/v1/meetings", "/v1/meetings/nope", "/openapi.json",
                                  "/static/explorer/app.js"])
def test_headers_everywhere(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert "server" not in response.headers
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]


@pytest.mark.parametrize("path", ["/", "/docs", "/redoc"])
def test_pages_run_only_their_own_scripts(client: TestClient, path: str) -> None:
    response = client.get(path)
    policy = response.headers["content-security-policy"]
    assert "script-src 'self';" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert "<script>" not in response.text  # every script is a file: nothing inline to allow


def test_an_internal_error_shows_no_trace(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("SELECT secret FROM internals")

    monkeypatch.setattr("app.api.routes.meetings.get_meeting", explode)
    response = TestClient(client.app, raise_server_exceptions=False).get("/v1/meetings/x")
    assert response.status_code == 500
    assert "SELECT" not in response.text
    assert "Traceback" not in response.text
    assert response.json()["detail"] == "internal error; the incident was logged"


@pytest.mark.parametrize("path", ["/health", "/v1/meetings?limit=1", "/v1/topics", "/"])
def test_head_works_wherever_get_does(client: TestClient, path: str) -> None:
    get, head = client.get(path), client.head(path)
    assert head.status_code == get.status_code == 200
    assert head.content == b""
    assert head.headers["content-type"] == get.headers["content-type"]
    assert head.headers.get("etag") == get.headers.get("etag")


def test_only_trusted_hosts_are_answered(sample_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NATO_RECORDS_TRUSTED_HOSTS", "records.example.org, *.nato-records.example")
    settings = Settings(database_url=str(sample_engine.url))
    assert settings.trusted_hosts == ["records.example.org", "*.nato-records.example"]
    with TestClient(create_app(settings, sample_engine)) as client:
        for host in ("records.example.org", "RECORDS.example.org:8443", "eu.nato-records.example"):
            assert client.get("/v1/meetings", headers={"Host": host}).status_code == 200, host
        # a forged host is refused before the response cache can answer it, even for a cached URL
        forged = client.get("/v1/meetings", headers={"Host": "evil.example"})
        assert forged.status_code == 400
        assert forged.headers["content-type"] == "application/problem+json"
        assert "NATO_RECORDS_TRUSTED_HOSTS" in forged.json()["detail"]
        assert client.get("/health", headers={"Host": "nato-records.example.evil"}).status_code == 400


def test_any_host_by_default(client: TestClient) -> None:
    assert client.get("/v1/meetings", headers={"Host": "anything.example"}).status_code == 200
