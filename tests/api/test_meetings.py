"""GET /v1/meetings and /v1/meetings/{id} over the sample reports."""

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session

import app.ingest.preparing as preparing_module
import app.ingest.saving as saving_module
from app.config import Settings
from app.ingest import ingest_paths, reparse_all
from app.main import create_app
from app.parsing import ParsedReport, parse_report
from app.storage.db import make_engine, upgrade
from app.storage.meetings import _FreeIds
from tests.meeting_texts import AGENDA_LETTER, NEWS_ITEM, written

SAMPLE_MEETINGS = [
    "2024-10-17-defence-ministers",
    "2022-05-14-foreign-ministers",
    "2020-04-02-foreign-ministers",
    "2016-07-08-summit",
    "2016-05-19-foreign-ministers",
    "2015-06-24-defence-ministers",
    "2008-12-03-foreign-ministers",
]


def test_meetings_newest_first(client: TestClient) -> None:
    response = client.get("/v1/meetings")
    assert response.status_code == 200
    body = response.json()
    assert [m["id"] for m in body["items"]] == SAMPLE_MEETINGS
    assert body["next_cursor"] is None


def test_paging_in_small_pages_returns_every_meeting_once(client: TestClient) -> None:
    seen: list[str] = []
    cursor = None
    while True:
        params = {"limit": 2} | ({"cursor": cursor} if cursor else {})
        body = client.get("/v1/meetings", params=params).json()
        assert len(body["items"]) <= 2
        seen += [m["id"] for m in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert seen == SAMPLE_MEETINGS


def test_filters(client: TestClient) -> None:
    def ids(**params: object) -> list[str]:
        response = client.get("/v1/meetings", params=params)
        assert response.status_code == 200, response.text
        return [m["id"] for m in response.json()["items"]]

    assert ids(body="summit") == ["2016-07-08-summit"]
    assert ids(body="summit,defence_ministers") == [
        "2024-10-17-defence-ministers", "2016-07-08-summit", "2015-06-24-defence-ministers",
    ]
    assert ids(**{"from": "2016-01-01", "to": "2020-12-31"}) == [
        "2020-04-02-foreign-ministers", "2016-07-08-summit", "2016-05-19-foreign-ministers",
    ]
    assert ids(member="POL") == ["2020-04-02-foreign-ministers", "2016-07-08-summit"]
    assert ids(member="mkd") == ["2020-04-02-foreign-ministers"]
    assert ids(member="FIN") == []  # named in 2022, but not yet a member


def test_meeting_detail(client: TestClient) -> None:
    response = client.get("/v1/meetings/2020-04-02-foreign-ministers")
    assert response.status_code == 200
    meeting = response.json()
    assert meeting["virtual"] is True
    assert meeting["location"] is None
    assert [d["kind"] for d in meeting["documents"]] == ["report"]
    titles = [a["title"] for a in meeting["agenda_items"]]
    assert titles[:3] == ["COVID-19", "Het Zuiden", "Irak"]
    by_id = {a["id"]: a for a in meeting["agenda_items"]}
    irak = next(a for a in meeting["agenda_items"] if a["title"] == "Irak")
    assert by_id[irak["parent_id"]]["title"] == "Het Zuiden"
    assert len(meeting["decisions"]) == 9  # 8 the gold requires, 1 it leaves optional
    assert {"NLD", "TUR", "MKD", "USA"} <= set(meeting["members"])
    assert meeting["updated_at"].endswith(("+00:00", "Z"))


def test_unknown_meeting_is_a_problem_404(client: TestClient) -> None:
    response = client.get("/v1/meetings/1999-01-01-summit")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["detail"] == "no meeting with id '1999-01-01-summit'"


def test_meeting_detail_with_only_some_children(client: TestClient) -> None:
    meeting = client.get("/v1/meetings/2020-04-02-foreign-ministers", params={"include": "decisions"}).json()
    assert len(meeting["decisions"]) == 9
    assert "agenda_items" not in meeting
    assert "documents" not in meeting


def test_a_meeting_carries_its_decision_and_document_counts(client: TestClient) -> None:
    listed = {m["id"]: m for m in client.get("/v1/meetings", params={"limit": 100}).json()["items"]}
    for meeting_id, meeting in listed.items():
        full = client.get(f"/v1/meetings/{meeting_id}").json()
        assert meeting["decision_count"] == len(full["decisions"])
        assert meeting["document_count"] == len(full["documents"])
    assert listed["2020-04-02-foreign-ministers"]["decision_count"] == 9


def test_meetings_with_a_document_of_a_kind_or_language(client: TestClient) -> None:
    every = client.get("/v1/meetings", params={"limit": 1000}).json()["items"]
    detail = {m["id"]: client.get(f"/v1/meetings/{m['id']}").json() for m in every}
    for params in ({"document_kind": "report"}, {"language": "en"}, {"document_kind": "statement", "language": "en"}):
        def fits(document: dict[str, str], params: dict[str, str] = params) -> bool:
            return all(document[field] == params[key] for key, field in
                       (("document_kind", "kind"), ("language", "language")) if key in params)

        expected = {mid for mid, m in detail.items() if any(fits(d) for d in m["documents"])}
        listed = {m["id"] for m in client.get("/v1/meetings", params={"limit": 1000, **params}).json()["items"]}
        assert listed == expected, params
        counted = client.get("/v1/stats/meetings", params={"group_by": "year", **params}).json()["items"]
        assert sum(b["count"] for b in counted) == len(expected), params
    english = client.get("/v1/meetings", params={"language": "en"}).json()["items"]
    assert 0 < len(english) < len(every)  # the samples hold meetings with and without an English document


def test_meeting_detail_groups_its_records_by_the_document_they_were_read_from(tmp_path: Path) -> None:
    """Two documents about one meeting: each source lists its own records, with its kind and
    language, so that a dashboard can count the decisions of one source."""
    folder = written(tmp_path / "texts", {"agenda.txt": AGENDA_LETTER, "news.txt": NEWS_ITEM})
    engine = make_engine(f"sqlite:///{tmp_path / 'two.db'}", for_writing=True)
    upgrade(str(engine.url))
    assert ingest_paths(engine, [folder]).failed == 0
    with TestClient(create_app(Settings(database_url=str(engine.url)), engine)) as client:
        meeting = client.get("/v1/meetings/2023-06-14-defence-ministers").json()
        only = client.get("/v1/meetings/2023-06-14-defence-ministers", params={"include": "sources"}).json()
    sources = {s["document"]["source"].rsplit("/", 1)[-1]: s for s in meeting["sources"]}
    assert {name: (s["document"]["kind"], s["document"]["language"]) for name, s in sources.items()} == {
        "agenda.txt": ("agenda", "nl"), "news.txt": ("report", "en")}
    assert sources["agenda.txt"]["decisions"] == []
    assert [d["text"] for d in sources["news.txt"]["decisions"]] == [d["text"] for d in meeting["decisions"]]
    assert meeting["decisions"], "the news item records what was agreed"
    assert all(d["document_id"] == s["document"]["id"] for s in meeting["sources"] for d in s["decisions"])
    assert only["sources"] == meeting["sources"]
    assert "decisions" not in only
    assert "documents" not in only


def test_a_meeting_id_moved_by_a_reparse_redirects_to_the_meeting_it_is_now(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A first parser misread the day; the reparse reads it right and the document moves to a
    meeting of another id. The published id answers 308 to the new one (its query kept), is
    never given to another meeting, and a second move leaves no chain."""
    report = written(tmp_path / "texts", {"news.txt": NEWS_ITEM}) / "news.txt"

    def misread(day: int) -> Callable[..., ParsedReport]:
        def parse(text: str, today: date | None = None) -> ParsedReport:
            parsed = parse_report(text, today=today)
            assert parsed.meeting is not None
            moved = replace(parsed.meeting, start_date=date(2023, 6, day), end_date=date(2023, 6, day))
            return replace(parsed, meeting=moved)
        return parse

    monkeypatch.setattr(preparing_module, "parse_report", misread(5))
    ingest_paths(engine, [report])
    monkeypatch.setattr(preparing_module, "parse_report", misread(25))
    monkeypatch.setattr(saving_module, "PARSER_VERSION", "second")
    reparse_all(engine)
    monkeypatch.setattr(preparing_module, "parse_report", parse_report)
    monkeypatch.setattr(saving_module, "PARSER_VERSION", "third")
    reparse_all(engine)
    with TestClient(create_app(Settings(database_url=str(engine.url)), engine)) as client:
        for old in ("2023-06-05-defence-ministers", "2023-06-25-defence-ministers"):
            moved = client.get(f"/v1/meetings/{old}", params={"include": "decisions"}, follow_redirects=False)
            assert moved.status_code == 308, old
            assert moved.headers["location"] == (
                "http://testserver/v1/meetings/2023-06-15-defence-ministers?include=decisions")
            assert client.get(f"/v1/meetings/{old}").json()["id"] == "2023-06-15-defence-ministers"
        assert client.get("/v1/meetings/2023-06-06-defence-ministers").status_code == 404
    with Session(engine) as session:
        connection = session.connection()
        assert _FreeIds(connection, ["2023-06-05-defence-ministers"]).take(
            "2023-06-05-defence-ministers") == "2023-06-05-defence-ministers-2"
