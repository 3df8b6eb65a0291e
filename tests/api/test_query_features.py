"""Issue 4's features against hand-computed expectations on the sample reports."""

import csv
import io
import json
from collections import Counter
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, event

import app.storage.search as search_module
from app.config import Settings
from app.ingest import ingest_paths
from app.main import create_app

MEETING_2020 = "2020-04-02-foreign-ministers"


def _all(client: TestClient, path: str, **params: object) -> list[dict]:  # type: ignore[type-arg]
    items: list[dict] = []  # type: ignore[type-arg]
    cursor = None
    while True:
        page = client.get(path, params=params | ({"cursor": cursor} if cursor else {})).json()
        items += page["items"]
        if (cursor := page["next_cursor"]) is None:
            return items


@pytest.mark.parametrize(
    ("path", "sorts"),
    [
        ("/v1/meetings", ["-start_date", "start_date", "id", "updated_at"]),
        ("/v1/decisions", ["-date", "date", "id", "-id", "updated_at"]),
        ("/v1/agenda-items", ["-date", "date", "id", "-id", "updated_at"]),
        ("/v1/documents", ["-id", "id", "updated_at"]),
        ("/v1/members", ["accession_date", "code"]),
    ],
)
def test_small_pages_return_every_record_once_in_every_sort(client: TestClient, path: str, sorts: list[str]) -> None:
    key = "code" if path == "/v1/members" else "id"
    everything = {r[key] for r in client.get(path, params={"limit": 1000}).json()["items"]}
    for sort in sorts:
        paged = [r[key] for r in _all(client, path, limit=2, sort=sort)]
        assert len(paged) == len(set(paged)) == len(everything), sort
        assert set(paged) == everything


def test_sorts_order_as_named(client: TestClient) -> None:
    dates = [m["start_date"] for m in _all(client, "/v1/meetings", sort="start_date", limit=3)]
    assert dates == sorted(dates)
    codes = [m["code"] for m in _all(client, "/v1/members", sort="code", limit=5)]
    assert codes == sorted(codes)
    ids = [d["id"] for d in _all(client, "/v1/decisions", sort="-id", limit=4)]
    assert ids == sorted(ids, reverse=True)


def test_a_cursor_belongs_to_its_sort_order(client: TestClient) -> None:
    cursor = client.get("/v1/meetings", params={"limit": 1}).json()["next_cursor"]
    response = client.get("/v1/meetings", params={"limit": 1, "cursor": cursor, "sort": "start_date"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["parameter"] == "cursor"


def test_link_header_and_exact_count(client: TestClient) -> None:
    response = client.get("/v1/meetings", params={"limit": 2, "count": "exact", "body": "foreign_ministers"})
    body = response.json()
    assert body["total"] == 4
    assert response.headers["link"].endswith('rel="next"')
    assert f"cursor={body['next_cursor']}" in response.headers["link"]
    assert "total" not in client.get("/v1/meetings", params={"limit": 2}).json()


def test_filters_on_every_list(client: TestClient) -> None:
    def ids(path: str, **params: object) -> set[object]:
        return {r.get("id", r.get("code")) for r in _all(client, path, **params)}

    assert ids("/v1/meetings", location="Brussels,Berlin") == {
        "2024-10-17-defence-ministers", "2022-05-14-foreign-ministers", "2016-05-19-foreign-ministers",
        "2008-12-03-foreign-ministers",
    }
    assert ids("/v1/meetings", virtual="true") == {MEETING_2020}
    assert ids("/v1/meetings", informal="true") == {"2022-05-14-foreign-ministers"}
    assert len(ids("/v1/decisions", language="en")) == 1
    assert len(ids("/v1/agenda-items", meeting=MEETING_2020)) == 8
    assert len(ids("/v1/documents", kind="agenda")) == 1
    assert len(ids("/v1/documents", language="en")) == 2
    assert len(ids("/v1/documents", dossier="28676")) == 4
    assert ids("/v1/members", as_of="2016-05-19") == ids("/v1/members") - {"MNE", "MKD", "FIN", "SWE"}
    assert ids("/v1/members", as_of="1949-08-24") == {
        "BEL", "CAN", "DNK", "FRA", "ISL", "ITA", "LUX", "NLD", "NOR", "PRT", "GBR", "USA",
    }


def test_full_text_search_is_ranked_with_snippets(client: TestClient) -> None:
    hits = client.get("/v1/search", params={"q": "Irak"}).json()["items"]
    assert {(h["kind"], h.get("title")) for h in hits if h["kind"] == "agenda_item"} == {("agenda_item", "Irak")}
    assert any(h["kind"] == "document" and h["meeting_id"] == MEETING_2020 for h in hits)
    assert all("<mark>" in h["snippet"] for h in hits)
    ranks = [h["rank"] for h in hits]
    assert ranks == sorted(ranks, reverse=True)
    decisions = client.get("/v1/search", params={"q": "irak", "kind": "decision"}).json()["items"]
    assert len(decisions) == 2
    assert all("Irak" in h["text"] for h in decisions)


def test_postgresql_ranks_at_most_the_first_matches_its_index_yields(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A word found everywhere must not make PostgreSQL rank every record (docs/benchmarks.md)."""
    if client.app.state.engine.dialect.name != "postgresql":  # type: ignore[attr-defined]
        pytest.skip("SQLite's FTS5 ranks every match itself")
    every = client.get("/v1/search", params={"q": "Irak", "limit": 100}).json()["items"]
    assert len(every) > 3
    monkeypatch.setattr(search_module, "MAX_RANKED", 3)
    # another query string than the first, which the response cache holds
    capped = client.get("/v1/search", params={"q": "Irak", "limit": 100, "kind": "decision,agenda_item,document"})
    items = capped.json()["items"]
    assert len(items) == 3
    assert capped.json()["next_cursor"] is None
    assert {(h["kind"], h["id"]) for h in items} <= {(h["kind"], h["id"]) for h in every}


def test_search_stems_by_language(client: TestClient) -> None:
    english = client.get("/v1/search", params={"q": "agreeing", "kind": "decision"}).json()["items"]
    assert [h["text"][:20] for h in english] == ["We agreed today on a"]


@pytest.mark.parametrize(("query", "title", "snippet"), [
    ("Turkije", "Turkije/Syrië", "<mark>Turkije</mark>/Syrië"),
    ("covid 19", "COVID-19", "<mark>COVID</mark>-<mark>19</mark>"),
])
def test_search_finds_words_joined_by_a_slash_or_hyphen(
    client: TestClient, query: str, title: str, snippet: str
) -> None:
    # PostgreSQL's parser once kept "Turkije/Syrië" as one token and read "-19" as a number;
    # the snippet marks the words and keeps the title's own slash and hyphen
    hits = client.get("/v1/search", params={"q": query, "kind": "agenda_item"}).json()["items"]
    assert snippet in [h["snippet"] for h in hits if h["title"] == title]


@pytest.mark.parametrize("q", ["de", "a", "the de", "de Irak"])
def test_q_of_words_one_language_stops_is_answered_on_every_list(client: TestClient, q: str) -> None:
    """"de" is a stop word in Dutch, not in English, and "a" the other way round: each language is
    asked only what it has words for, on the lists as on /v1/search (a schemathesis find)."""
    for path in ("/v1/decisions", "/v1/documents", "/v1/agenda-items", "/v1/search"):
        assert client.get(path, params={"q": q}).status_code == 200, path
    irak = client.get("/v1/decisions", params={"q": "de Irak"}).json()["items"]
    assert irak
    assert all("Irak" in d["text"] for d in irak)


def test_q_on_lists_uses_the_index(client: TestClient) -> None:
    texts = [d["text"] for d in _all(client, "/v1/decisions", q="toetredingsprotocol Montenegro")]
    assert len(texts) == 2
    assert all("toetredingsprotocol" in t for t in texts)
    titles = [a["title"] for a in _all(client, "/v1/agenda-items", q="stabiliteit")]
    assert titles == ["Strategische stabiliteit"]


def test_include_embeds_children_without_a_query_per_row(client: TestClient) -> None:
    engine = client.app.state.engine  # type: ignore[attr-defined]
    statements: list[str] = []

    def count(conn, cursor, statement, *args):  # type: ignore[no-untyped-def]
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        page = client.get("/v1/meetings", params={"include": "agenda_items,decisions,documents,members"}).json()
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert len(statements) <= 12  # the page, one query per embedded kind, one per kind for its topics, two counts
    by_id = {m["id"]: m for m in page["items"]}
    assert len(by_id[MEETING_2020]["agenda_items"]) == 8
    assert len(by_id[MEETING_2020]["decisions"]) == 9
    assert [d["kind"] for d in by_id[MEETING_2020]["documents"]] == ["report"]
    assert by_id["2016-07-08-summit"]["members"] == ["POL"]
    decision = client.get("/v1/decisions", params={"meeting": MEETING_2020, "include": "meeting,agenda_item",
                                                   "limit": 100}).json()["items"]
    assert all(d["meeting"]["id"] == MEETING_2020 for d in decision)
    assert {d["agenda_item"]["title"] for d in decision if d["agenda_item"]} >= {"Irak", "Reflectieproces van de NAVO"}
    assert "agenda_items" not in client.get("/v1/meetings").json()["items"][0]


def test_stats(client: TestClient) -> None:
    def buckets(path: str, **params: object) -> dict[str | None, int]:
        return {b["key"]: b["count"] for b in client.get(path, params=params).json()["items"]}

    assert buckets("/v1/stats/meetings", group_by="body") == {
        "defence_ministers": 2, "foreign_ministers": 4, "summit": 1,
    }
    assert buckets("/v1/stats/meetings", group_by="location") == {"Berlin": 1, "Brussels": 3, "Warsaw": 1, None: 2}
    assert buckets("/v1/stats/decisions", group_by="year") == {"2008": 1, "2016": 5, "2020": 9}
    assert buckets("/v1/stats/decisions", group_by="year", body="summit") == {"2016": 3}
    kinds = buckets("/v1/stats/decisions", group_by="kind", meeting=MEETING_2020)
    assert kinds == {"adopted": 1, "agreed": 3, "approved": 2, "decided": 1, "postponed": 1, "tasked": 1}


@pytest.mark.parametrize("filters", [
    {}, {"body": "summit"}, {"from": "2010-01-01"}, {"to": "2016-12-31", "kind": "agreed,decided"},
    {"language": "nl"}, {"q": "Irak"}, {"body": "foreign_ministers", "kind": "agreed"},
    {"meeting": MEETING_2020, "body": "foreign_ministers"},
])
@pytest.mark.parametrize("group_by", ["year", "body", "kind"])
def test_stats_count_what_the_list_holds(client: TestClient, group_by: str, filters: dict[str, str]) -> None:
    listed = client.get("/v1/decisions", params=filters | {"limit": 1000, "include": "meeting"}).json()["items"]
    expected: Counter[str | None] = Counter()
    for decision in listed:
        meeting = decision["meeting"]
        expected[{"year": meeting["start_date"][:4], "body": meeting["body"], "kind": decision["kind"]}[group_by]] += 1
    assert listed, "every filter here matches some decisions of the samples"
    counted = client.get("/v1/stats/decisions", params=filters | {"group_by": group_by}).json()["items"]
    assert {b["key"]: b["count"] for b in counted} == dict(expected)


def test_member_timeline(client: TestClient) -> None:
    timeline = client.get("/v1/members/POL/timeline").json()
    assert [(e["meeting_id"], e["decision_id"]) for e in timeline["items"]] == [
        (MEETING_2020, None), ("2016-07-08-summit", None),
    ]


def test_csv_parsed_back_equals_json(client: TestClient) -> None:
    json_items = _all(client, "/v1/decisions", limit=4)
    response = client.get("/v1/decisions", params={"format": "csv"})
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [int(r["id"]) for r in rows] == [d["id"] for d in json_items]
    for row, item in zip(rows, json_items, strict=True):
        assert row["text"] == item["text"]
        assert row["meeting_id"] == item["meeting_id"]
        assert int(row["span_start"]) == item["span_start"]
    by_accept = client.get("/v1/decisions", headers={"Accept": "text/csv"})
    assert by_accept.text == response.text


def test_csv_of_an_empty_list_still_has_its_header(client: TestClient) -> None:
    response = client.get("/v1/meetings", params={"format": "csv", "body": "other"})
    header = ("id,body,start_date,end_date,location,virtual,informal,decision_count,document_count,topics,"
              "created_at,updated_at")
    assert response.text.splitlines() == [header]


def test_ndjson_lists_and_exports(client: TestClient) -> None:
    lines = client.get("/v1/meetings", headers={"Accept": "application/x-ndjson"}).text.splitlines()
    assert [json.loads(line)["id"] for line in lines] == [m["id"] for m in _all(client, "/v1/meetings")]
    documents = [json.loads(line) for line in client.get("/v1/export/documents.ndjson").text.splitlines()]
    assert len(documents) == 7
    assert all(d["text"] and d["meetings"] for d in documents)
    members = client.get("/v1/export/members.ndjson").text.splitlines()
    assert len(members) == 32


def test_etag_round_trip(client: TestClient) -> None:
    first = client.get(f"/v1/meetings/{MEETING_2020}")
    etag = first.headers["etag"]
    assert etag.startswith('"')
    assert not etag.startswith("W/")
    assert first.headers["cache-control"] == "public, max-age=60"
    again = client.get(f"/v1/meetings/{MEETING_2020}", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    other = client.get(f"/v1/meetings/{MEETING_2020}", headers={"If-None-Match": '"something-else"'})
    assert other.status_code == 200
    assert other.headers["etag"] == etag


def test_large_answers_are_gzipped(client: TestClient) -> None:
    response = client.get("/v1/export/documents.ndjson", headers={"Accept-Encoding": "gzip"})
    assert response.headers["content-encoding"] == "gzip"


def test_status(client: TestClient) -> None:
    status = client.get("/v1/status").json()
    assert status["counts"] == {"documents": 7, "meetings": 7, "agenda_items": 13, "decisions": 15, "members": 32,
                                "documents_with_doubts": 0}
    assert status["last_ingested_at"].endswith("Z")
    assert client.get("/v1/status").headers["cache-control"] == "no-cache"


def test_a_forged_host_never_reaches_the_next_link(client: TestClient) -> None:
    """The Link header is relative: a request naming another Host cannot make the shared response
    cache hand later clients a link to that host."""
    forged = client.get("/v1/meetings", params={"limit": 1}, headers={"Host": "evil.example"})
    assert forged.headers["link"].startswith("</v1/meetings?")
    later = client.get("/v1/meetings", params={"limit": 1})
    assert "evil.example" not in later.headers["link"]
    assert later.headers["link"] == forged.headers["link"]


def test_a_snippet_escapes_the_reports_own_markup(engine: Engine, tmp_path: Path) -> None:
    # a dashboard that sets a snippet as innerHTML must not run script from a report's text
    report = tmp_path / "markup.txt"
    report.write_text(
        "Den Haag, 3 april 2020\n\nHierbij bied ik u het verslag aan van de NAVO-ministers van Buitenlandse Zaken "
        "van 2 april 2020. Zij spraken over de missie in Irak <b onmouseover=\"alert(1)\">en</b> Syrië & Libië.\n",
        encoding="utf-8")
    ingest_paths(engine, [report])
    with TestClient(create_app(Settings(database_url=str(engine.url)), engine)) as markup_client:
        hits = markup_client.get("/v1/search", params={"q": "Irak", "kind": "document"}).json()["items"]
    snippet = hits[0]["snippet"]
    assert "<mark>Irak</mark>" in snippet
    assert "&amp; Libië" in snippet
    assert "<" not in snippet.replace("<mark>", "").replace("</mark>", "")
    if engine.dialect.name == "sqlite":  # PostgreSQL's ts_headline leaves a tag out of the snippet
        assert "&lt;b onmouseover=&quot;alert(1)&quot;&gt;" in snippet


def test_filters_mean_what_they_say(client: TestClient) -> None:
    def ids(path: str, **params: object) -> list[str]:
        return [str(r["id"]) for r in _all(client, path, **params)]

    brussels = ids("/v1/meetings", location="Brussels")
    assert brussels
    assert ids("/v1/meetings", location="brussels") == brussels
    assert ids("/v1/meetings", location="BRUSSELS,warsaw") == ids("/v1/meetings", location="Brussels,Warsaw")
    for path in ("/v1/meetings", "/v1/decisions", "/v1/agenda-items", "/v1/documents"):
        every = ids(path)
        assert every, path
        assert ids(path, updated_since="2000-01-01T00:00:00Z") == every
        assert ids(path, updated_since="2000-01-01T00:00:00") == every  # no offset: UTC
        assert ids(path, updated_since="2999-01-01T00:00:00+02:00") == [], path
    videos = client.get("/v1/stats/meetings", params={"group_by": "body", "virtual": "true"})
    assert videos.status_code == 200
    assert sum(b["count"] for b in videos.json()["items"]) == len(ids("/v1/meetings", virtual="true"))
    places = client.get("/v1/stats/meetings", params={"group_by": "year", "location": "brussels"}).json()["items"]
    assert sum(b["count"] for b in places) == len(brussels)


def test_a_stream_honours_limit_and_include_or_refuses_them(client: TestClient) -> None:
    rows = list(csv.DictReader(io.StringIO(client.get("/v1/meetings", params={"format": "csv", "limit": 2}).text)))
    assert [r["id"] for r in rows] == [m["id"] for m in client.get("/v1/meetings", params={"limit": 2}).json()["items"]]
    lines = client.get("/v1/decisions", params={"format": "ndjson", "limit": 3}).text.splitlines()
    assert len(lines) == 3
    embedded = [json.loads(line) for line in
                client.get("/v1/meetings", params={"format": "ndjson", "include": "decisions"}).text.splitlines()]
    assert sum(len(m["decisions"]) for m in embedded) == len(_all(client, "/v1/decisions"))
    refused = client.get("/v1/meetings", params={"format": "csv", "include": "decisions"})
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["parameter"] == "include"


def test_etags_revalidate_weakly_and_name_their_encoding(client: TestClient) -> None:
    path = f"/v1/meetings/{MEETING_2020}"
    gzipped = client.get(path, headers={"Accept-Encoding": "gzip"})
    plain = client.get(path, headers={"Accept-Encoding": "identity"})
    assert gzipped.headers["content-encoding"] == "gzip"
    assert "content-encoding" not in plain.headers
    assert gzipped.content == plain.content  # httpx decodes: the same JSON
    assert gzipped.headers["etag"] != plain.headers["etag"]  # two bodies on the wire, two strong tags
    for answer in (gzipped, plain):
        assert "accept-encoding" in answer.headers["vary"].lower()
    for held, encoding in ((gzipped.headers["etag"], "gzip"), (plain.headers["etag"], "identity")):
        for sent in (held, f"W/{held}", f'"other", {held}', "*"):
            again = client.get(path, headers={"If-None-Match": sent, "Accept-Encoding": encoding})
            assert again.status_code == 304, (sent, encoding)
            assert again.headers["etag"] == held
    assert client.get(path, headers={"If-None-Match": 'W/"other"'}).status_code == 200


def test_decisions_per_year_and_kind_in_one_call(client: TestClient) -> None:
    pairs = client.get("/v1/stats/decisions", params={"group_by": "year,kind"}).json()["items"]
    yearly = client.get("/v1/stats/decisions", params={"group_by": "year"}).json()["items"]
    per_year = {b["key"]: b["count"] for b in yearly}
    summed: Counter[str] = Counter()
    for bucket in pairs:
        year, kind = bucket["keys"]
        assert bucket["key"] == year
        summed[year] += bucket["count"]
        alone = client.get("/v1/stats/decisions", params={"group_by": "year", "kind": kind}).json()["items"]
        assert {"key": year, "count": bucket["count"]} in alone
    assert dict(summed) == per_year
    refused = client.get("/v1/stats/decisions", params={"group_by": "year,member"})
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["message"].startswith("must be one of year, body, kind, member, topic, ")
