"""The change feed: replayed onto an empty copy it reproduces the database, deletions included."""

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

import app.ingest.preparing as preparing_module
import app.ingest.saving as saving_module
from app.config import Settings
from app.ingest import ingest_paths, reparse_all
from app.main import create_app
from app.parsing import ParsedReport, parse_report
from tests.conftest import SAMPLES

RESOURCES = {"meetings": "/v1/meetings", "decisions": "/v1/decisions", "agenda_items": "/v1/agenda-items",
             "documents": "/v1/documents"}


def _client(engine: Engine, settle: float = 0) -> TestClient:
    settings = Settings(database_url=str(engine.url), changes_settle_seconds=settle)
    return TestClient(create_app(settings, engine))


def _replay(client: TestClient, mirror: dict[str, dict[str, dict]], cursor: str | None) -> str:  # type: ignore[type-arg]
    while True:
        page = client.get("/v1/changes", params={"limit": 7} | ({"since": cursor} if cursor else {})).json()
        for change in page["items"]:
            table = mirror.setdefault(change["resource"], {})
            if change["op"] == "deleted":
                table.pop(change["id"], None)
            else:
                table[change["id"]] = change["record"]
        if not page["items"]:
            return page["next_cursor"]  # type: ignore[no-any-return]
        cursor = page["next_cursor"]


def _database(client: TestClient) -> dict[str, dict[str, dict]]:  # type: ignore[type-arg]
    tables = {}
    for resource, path in RESOURCES.items():
        lines = client.get(path, params={"format": "ndjson", "sort": "id"})
        records = [json.loads(line) for line in lines.text.splitlines()]
        tables[resource] = {str(r["id"]): r for r in records}
    return tables


def test_replaying_the_feed_reproduces_the_database(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    ingest_paths(engine, [SAMPLES])
    with _client(engine) as client:
        mirror: dict[str, dict[str, dict]] = {}  # type: ignore[type-arg]
        cursor = _replay(client, mirror, None)
        assert mirror == _database(client)

        def parse_without_first_decision(text: str, today: date | None = None) -> ParsedReport:
            report = parse_report(text, today)
            return replace(report, decisions=report.decisions[1:])

        monkeypatch.setattr(saving_module, "PARSER_VERSION", "next-version")
        monkeypatch.setattr(preparing_module, "parse_report", parse_without_first_decision)
        assert reparse_all(engine).counts["updated"] > 0
        cursor = _replay(client, mirror, cursor)
        assert mirror == _database(client)
        assert client.get("/v1/changes", params={"since": cursor}).json()["items"] == []


def test_fresh_changes_wait_for_the_settle_window(engine: Engine) -> None:
    ingest_paths(engine, [SAMPLES / "nl-2020-04-02-foreign-ministers-report.txt"])
    with _client(engine, settle=3600) as client:
        page = client.get("/v1/changes").json()
        assert page["items"] == []
        assert client.get("/v1/changes", params={"since": page["next_cursor"]}).status_code == 200
    with _client(engine, settle=0) as client:
        assert len(client.get("/v1/changes").json()["items"]) > 0


def test_a_second_document_about_a_stored_meeting_sends_the_meeting_again(engine: Engine, tmp_path: Path) -> None:
    # a meeting's decision_count, document_count and topics follow its documents: a mirror must hear of it
    ingest_paths(engine, [SAMPLES / "nl-2020-04-02-foreign-ministers-report.txt"])
    second = tmp_path / "statement.txt"
    second.write_text(
        "NATO Foreign Ministers met by video conference on 2 April 2020.\n\n"
        "Ministers agreed to step up support for Allies in the fight against the coronavirus pandemic.\n",
        encoding="utf-8")
    with _client(engine) as client:
        mirror: dict[str, dict[str, dict]] = {}  # type: ignore[type-arg]
        cursor = _replay(client, mirror, None)
        before = mirror["meetings"]["2020-04-02-foreign-ministers"]
        assert ingest_paths(engine, [second]).counts["inserted"] == 1
        _replay(client, mirror, cursor)
        assert mirror == _database(client)
        after = mirror["meetings"]["2020-04-02-foreign-ministers"]
        assert after["document_count"] == before["document_count"] + 1
        assert after["decision_count"] == before["decision_count"] + 1
