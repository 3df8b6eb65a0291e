"""GET /v1/topics, /v1/topics/{slug} and topic= on the lists: the topics the parser tags, as stored."""

from fastapi.testclient import TestClient

from app.parsing import parse_report
from app.parsing.topics import SLUGS
from tests.conftest import SAMPLES


def _parsed() -> list:  # type: ignore[type-arg]
    return [parse_report(p.read_text(encoding="utf-8")) for p in sorted(SAMPLES.glob("*.txt"))]


def test_the_vocabulary_with_its_counts(client: TestClient) -> None:
    page = client.get("/v1/topics").json()
    topics = {t["slug"]: t for t in page["items"]}
    assert tuple(topics) == SLUGS
    assert topics["ukraine"]["label_nl"] == "Oekraïne"
    assert "Kosovo" in topics["western-balkans"]["scope"]
    reports = _parsed()
    decisions = sum(1 for r in reports if r.dated_meeting for d in r.decisions if "iraq" in d.topics)
    assert decisions > 0
    assert topics["iraq"]["decision_count"] == decisions


def test_a_topic_timeline_and_the_topic_filters(client: TestClient) -> None:
    timeline = client.get("/v1/topics/iraq").json()
    assert timeline["label_en"] == "Iraq"
    days = [m["start_date"] for m in timeline["timeline"]]
    assert days == sorted(days)
    tagged = [d for m in timeline["timeline"] for d in m["decisions"]]
    assert tagged
    assert all("Irak" in d["text"] or "Iraq" in d["text"] for d in tagged)
    decisions = client.get("/v1/decisions", params={"topic": "iraq", "limit": 100}).json()["items"]
    assert {d["id"] for d in decisions} == {d["id"] for d in tagged}
    meetings = client.get("/v1/meetings", params={"topic": "iraq", "limit": 100}).json()["items"]
    assert {m["id"] for m in meetings} == {m["meeting_id"] for m in timeline["timeline"]}
    documents = client.get("/v1/documents", params={"topic": "iraq,covid-19", "limit": 100}).json()["items"]
    assert documents
    everything = client.get("/v1/decisions", params={"limit": 1000}).json()["items"]
    assert len(decisions) < len(everything)


def test_an_unknown_topic_is_refused_with_its_parameter(client: TestClient) -> None:
    response = client.get("/v1/decisions", params={"topic": "iraq,mars"})
    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert error["parameter"] == "topic"
    assert error["message"].startswith("must be one of russia, ukraine, ")
    assert "ukraine" in error["message"]
    missing = client.get("/v1/topics/mars")
    assert missing.status_code == 404
    assert missing.headers["content-type"].startswith("application/problem+json")


def test_stats_per_topic_and_a_topics_time_series(client: TestClient) -> None:
    topics = {t["slug"]: t for t in client.get("/v1/topics").json()["items"]}
    decisions = {b["key"]: b["count"] for b in
                 client.get("/v1/stats/decisions", params={"group_by": "topic"}).json()["items"]}
    assert decisions == {slug: t["decision_count"] for slug, t in topics.items() if t["decision_count"]}
    meetings = {b["key"]: b["count"] for b in
                client.get("/v1/stats/meetings", params={"group_by": "topic"}).json()["items"]}
    assert meetings == {slug: t["meeting_count"] for slug, t in topics.items() if t["meeting_count"]}
    series = client.get("/v1/stats/decisions", params={"group_by": "year", "topic": "iraq"}).json()["items"]
    assert sum(b["count"] for b in series) == topics["iraq"]["decision_count"]
    per_year = client.get("/v1/stats/meetings", params={"group_by": "year", "topic": "iraq"}).json()["items"]
    assert sum(b["count"] for b in per_year) == topics["iraq"]["meeting_count"]


def test_search_keeps_the_hits_tagged_with_the_topic(client: TestClient) -> None:
    every = client.get("/v1/search", params={"q": "NAVO", "limit": 100}).json()["items"]
    iraq = client.get("/v1/search", params={"q": "NAVO", "topic": "iraq", "limit": 100}).json()["items"]
    assert iraq
    assert len(iraq) < len(every)
    lists = {"decision": "decisions", "agenda_item": "agenda-items", "document": "documents"}
    tagged = {kind: {r["id"] for r in client.get(f"/v1/{path}", params={"topic": "iraq", "limit": 999}).json()["items"]}
              for kind, path in lists.items()}
    assert all(hit["id"] in tagged[hit["kind"]] for hit in iraq)
    expected = [h for h in every if h["id"] in tagged[h["kind"]]]
    assert [(h["kind"], h["id"]) for h in iraq] == [(h["kind"], h["id"]) for h in expected]
    refused = client.get("/v1/search", params={"q": "NAVO", "topic": "mars"})
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["parameter"] == "topic"


def test_every_record_carries_its_topics(client: TestClient) -> None:
    tagged = {d["id"] for d in client.get("/v1/decisions", params={"topic": "iraq", "limit": 999}).json()["items"]}
    decisions = client.get("/v1/decisions", params={"limit": 999}).json()["items"]
    assert {d["id"] for d in decisions if "iraq" in d["topics"]} == tagged
    assert all(d["topics"] == [s for s in SLUGS if s in d["topics"]] for d in decisions)  # vocabulary order
    meeting = client.get("/v1/meetings/2020-04-02-foreign-ministers").json()
    covered = {s for d in meeting["documents"] for s in d["topics"]}
    assert covered
    assert set(meeting["topics"]) == covered
    assert [d["topics"] for d in meeting["decisions"]] == [
        client.get(f"/v1/decisions/{d['id']}").json()["topics"] for d in meeting["decisions"]]
    item = meeting["agenda_items"][0]
    assert client.get(f"/v1/agenda-items/{item['id']}").json()["topics"] == item["topics"]
    document = client.get(f"/v1/documents/{meeting['documents'][0]['id']}").json()
    assert document["topics"] == meeting["documents"][0]["topics"]


def test_the_topic_year_heatmap_in_one_call(client: TestClient) -> None:
    topics = {t["slug"]: t for t in client.get("/v1/topics").json()["items"]}
    cells = client.get("/v1/stats/topics").json()["items"]
    assert cells
    for slug, topic in topics.items():
        mine = [c for c in cells if c["topic"] == slug]
        assert sum(c["meetings"] for c in mine) == topic["meeting_count"]
        assert sum(c["decisions"] for c in mine) == topic["decision_count"]
    assert [c["topic"] for c in cells] == sorted((c["topic"] for c in cells), key=SLUGS.index)
    meetings = client.get("/v1/meetings", params={"limit": 999}).json()["items"]
    iraq = [m for m in meetings if "iraq" in m["topics"]]
    expected: dict[tuple[str, str], int] = {}
    for m in iraq:
        key = (m["start_date"][:4], m["body"])
        expected[key] = expected.get(key, 0) + 1
    assert {(c["year"], c["body"]): c["meetings"] for c in cells if c["topic"] == "iraq" and c["meetings"]} == expected
    summits = client.get("/v1/stats/topics", params={"body": "summit"}).json()["items"]
    assert summits
    assert {c["body"] for c in summits} == {"summit"}
