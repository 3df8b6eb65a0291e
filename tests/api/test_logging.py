"""One log line per request, as JSON when asked."""

import json
import logging

import pytest
from fastapi.testclient import TestClient

from app.logs import JsonFormatter


def test_each_request_is_logged_with_status_and_duration(client: TestClient, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="nato_records.access"):
        client.get("/v1/meetings", params={"limit": 1})
        client.get("/v1/meetings/nope")
    records = [r for r in caplog.records if r.name == "nato_records.access"]
    assert [(r.method, r.path, r.status) for r in records] == [  # type: ignore[attr-defined]
        ("GET", "/v1/meetings", 200), ("GET", "/v1/meetings/nope", 404),
    ]
    line = json.loads(JsonFormatter().format(records[0]))
    assert line["logger"] == "nato_records.access"
    assert line["status"] == 200
    assert line["duration_ms"] >= 0
    assert line["time"].endswith("+00:00")
