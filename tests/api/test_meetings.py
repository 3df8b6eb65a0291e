"""GET /v1/meetings and /v1/meetings/{id} over the sample reports."""

from fastapi.testclient import TestClient

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
