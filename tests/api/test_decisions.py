"""GET /v1/decisions: filters, text search and paging."""

from fastapi.testclient import TestClient


def _texts(client: TestClient, **params: object) -> list[str]:
    response = client.get("/v1/decisions", params=params)
    assert response.status_code == 200, response.text
    return [d["text"] for d in response.json()["items"]]


def test_filter_by_meeting_and_kind(client: TestClient) -> None:
    assert len(_texts(client, meeting="2020-04-02-foreign-ministers")) == 9
    assert _texts(client, meeting="2020-04-02-foreign-ministers", kind="postponed") == [
        "Een discussie over eventuele NAVO-betrokkenheid in de Sahel is uitgesteld."
    ]
    assert len(_texts(client, kind="agreed,decided", body="summit")) == 1


def test_text_search_is_case_insensitive(client: TestClient) -> None:
    texts = _texts(client, q="IRAK")
    assert len(texts) == 2
    assert all("Irak" in t for t in texts)
    assert _texts(client, q="100%_nothing") == []


def test_member_filter_uses_mentions_inside_decisions(client: TestClient) -> None:
    texts = _texts(client, member="MNE")
    assert texts == []  # Montenegro was not yet a member in May 2016


def test_paging_returns_every_decision_once(client: TestClient) -> None:
    everything = [d["id"] for d in client.get("/v1/decisions", params={"limit": 500}).json()["items"]]
    paged: list[int] = []
    cursor = None
    while True:
        params = {"limit": 3} | ({"cursor": cursor} if cursor else {})
        body = client.get("/v1/decisions", params=params).json()
        paged += [d["id"] for d in body["items"]]
        if (cursor := body["next_cursor"]) is None:
            break
    assert paged == everything
    assert len(set(paged)) == len(paged) > 10


def test_decisions_point_into_their_documents(client: TestClient) -> None:
    for decision in client.get("/v1/decisions", params={"limit": 50}).json()["items"]:
        text = client.get(f"/v1/documents/{decision['document_id']}").json()["text"]
        assert text[decision["span_start"]:decision["span_end"]] == decision["text"]


def test_decisions_of_one_source_kind(client: TestClient) -> None:
    """A dashboard counting decisions from one kind of source: a Dutch report and a NATO statement
    about one meeting often report the same decision."""
    kinds = {d["id"]: d["kind"] for d in client.get("/v1/documents", params={"limit": 1000}).json()["items"]}
    every = client.get("/v1/decisions", params={"limit": 1000}).json()["items"]
    per_kind = {}
    for kind in sorted(set(kinds.values())):
        chosen = client.get("/v1/decisions", params={"limit": 1000, "document_kind": kind}).json()["items"]
        assert all(kinds[d["document_id"]] == kind for d in chosen)
        per_kind[kind] = len(chosen)
        stats = client.get("/v1/stats/decisions", params={"group_by": "year", "document_kind": kind}).json()
        assert sum(b["count"] for b in stats["items"]) == len(chosen)
        items = client.get("/v1/agenda-items", params={"limit": 1000, "document_kind": kind}).json()["items"]
        assert all(kinds[i["document_id"]] == kind for i in items)
    assert sum(per_kind.values()) == len(every)
    assert len([k for k, n in per_kind.items() if n]) >= 2  # the samples hold decisions from two kinds at least
    refused = client.get("/v1/decisions", params={"document_kind": "tweet"})
    assert refused.status_code == 400
    assert "document_kind" in refused.text
