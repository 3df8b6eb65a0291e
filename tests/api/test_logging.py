"""One log line per request, as JSON when asked."""

import asyncio
import io
import json
import logging
from datetime import datetime

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from app.config import Settings
from app.logs import PIPE_ATOMIC, AccessLog, JsonFormatter
from app.main import create_app


def _requests_logged(engine: Engine, log_format: str, capsys) -> list[str]:  # type: ignore[no-untyped-def]
    app = create_app(Settings(database_url=str(engine.url), log_format=log_format), engine)  # type: ignore[arg-type]
    with TestClient(app) as client:
        client.get("/v1/meetings", params={"limit": 1})
        client.get("/v1/meetings/nope")
    return [line for line in capsys.readouterr().err.splitlines() if "nato_records.access" in line]


def test_each_request_is_logged_as_json_with_status_and_duration(engine: Engine, capsys) -> None:  # type: ignore[no-untyped-def]
    lines = [json.loads(line) for line in _requests_logged(engine, "json", capsys)]
    assert [(x["method"], x["path"], x["status"]) for x in lines] == [
        ("GET", "/v1/meetings", 200), ("GET", "/v1/meetings/nope", 404),
    ]
    assert lines[0]["logger"] == "nato_records.access"
    assert lines[0]["level"] == "info"
    assert lines[0]["duration_ms"] >= 0
    assert lines[0]["time"].endswith("+00:00")
    assert lines[1]["message"].startswith("GET /v1/meetings/nope 404 ")


def test_text_lines_look_like_the_other_logs(engine: Engine, capsys) -> None:  # type: ignore[no-untyped-def]
    lines = _requests_logged(engine, "text", capsys)
    assert len(lines) == 2
    stamp, rest = lines[1][:19], lines[1][20:]
    datetime.strptime(stamp, "%Y-%m-%d %H:%M:%S")
    assert rest.startswith("INFO    nato_records.access: GET /v1/meetings/nope 404 ")
    assert rest.endswith(" ms")


def test_a_batch_is_written_in_whole_lines_that_a_pipe_keeps_apart() -> None:
    writes: list[str] = []

    class Recorder(io.StringIO):
        def write(self, text: str) -> int:
            writes.append(text)
            return super().write(text)

    stream = Recorder()
    log = AccessLog("text", stream, flush_seconds=0.05, max_lines=10_000)

    async def serve() -> None:
        for number in range(400):
            log.record("GET", f"/v1/meetings/{number}", 200, 1.0)
        assert writes == []  # not yet: the lines wait for the flush
        await asyncio.sleep(0.2)

    asyncio.run(serve())
    assert len(writes) > 1
    assert all(len(w) <= PIPE_ATOMIC and w.endswith("\n") for w in writes)
    assert [line.split()[5] for line in stream.getvalue().splitlines()] == [f"/v1/meetings/{n}" for n in range(400)]


def test_answers_tell_the_time_the_server_took(client: TestClient) -> None:
    timing = client.get("/v1/meetings", params={"limit": 3}).headers["server-timing"]
    name, duration = timing.split(";dur=")
    assert name == "app"
    assert 0 < float(duration) < 60_000


def test_an_access_line_names_the_query_string() -> None:
    out = io.StringIO()
    log = AccessLog("json", stream=out)
    log.record("GET", "/v1/decisions", 200, 3.2, "topic=ukraine&limit=5")
    log.flush()
    entry = json.loads(out.getvalue())
    assert entry["message"] == "GET /v1/decisions?topic=ukraine&limit=5 200 3.2 ms"
    assert entry["query"] == "topic=ukraine&limit=5"
    text = io.StringIO()
    AccessLog("text", stream=text).record("GET", "/v1/meetings", 200, 1.0, "body=summit")
    assert "GET /v1/meetings?body=summit 200" in text.getvalue()


def test_json_lines_carry_no_terminal_colour_codes() -> None:
    # uvicorn logs "Uvicorn running on …" with a coloured copy of the message as an extra field
    record = logging.LogRecord("uvicorn.error", logging.INFO, "", 0, "Started server process [%d]", (7,), None)
    record.color_message = "Started server process [\x1b[36m%d\x1b[0m]"
    line = JsonFormatter().format(record)
    assert "\x1b" not in line
    assert "\\u001b" not in line
    assert json.loads(line)["message"] == "Started server process [7]"
    coloured = logging.LogRecord("uvicorn.error", logging.INFO, "", 0, "\x1b[32mINFO\x1b[0m ready", None, None)
    assert json.loads(JsonFormatter().format(coloured))["message"] == "INFO ready"
