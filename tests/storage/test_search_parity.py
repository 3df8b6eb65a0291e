"""The same search on both databases: SQLite's index holds PostgreSQL's stems and stop words."""

import os
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from app.config import Settings
from app.ingest import ingest_paths
from app.main import create_app
from app.storage.db import make_engine, upgrade
from tests.conftest import CORPUS, PG_ENV, SAMPLES, _new_database

QUERIES = [
    # Dutch: inflected forms, plurals, compounds, diacritics, slashes and hyphens
    "besluiten", "besloten", "besluit", "ministers", "minister", "bondgenoten", "bondgenoot", "Oekraïne",
    "Oekraine", "Rusland", "Russische", "afspraken", "verdediging", "defensie-uitgaven", "uitgaven",
    "Turkije/Syrië", "COVID-19", "Irak", "NAVO-missie", "missie", "lidstaten", "toetreding", "Montenegro",
    "samenwerking", "veiligheid", "steun aan Oekraïne", "de NAVO", "versterking van de afschrikking",
    # English
    "agreed", "agreeing", "agreement", "allies", "ally", "decided", "decisions", "defence spending", "Ukraine",
    "Russian", "terrorism", "counter-terrorism", "operations", "missile defence", "Afghanistan", "Allies agreed",
    # where PostgreSQL's own reading differed (migration 0014): its english stemmer reads "internal" and
    # "internationally" alike, its parser kept "14.02" and "d.d." whole
    "international", "internationally", "internal", "14.02", "d.d.",
    # stop words only: nothing, on both
    "de het", "the and of",
]


def _serving(url: str) -> Iterator[TestClient]:
    upgrade(url)
    engine = make_engine(url)
    summary = ingest_paths(engine, [SAMPLES, CORPUS])
    assert summary.failed == 0
    with TestClient(create_app(Settings(database_url=url, response_cache_mb=0), engine)) as client:
        yield client
    engine.dispose()


def _found(client: TestClient, query: str) -> set[tuple[str, str]]:
    hits = client.get("/v1/search", params={"q": query, "limit": 1000}).json()["items"]
    documents = {d["id"]: d["sha256"] for d in client.get("/v1/documents", params={"limit": 1000}).json()["items"]}
    # a record by what it is, not by its id: the text of a decision, the title of an agenda item, a document's hash
    return {(h["kind"], documents[h["document_id"]], h["text"] or h["title"] or "") for h in hits}


@pytest.mark.postgres
def test_the_same_queries_find_the_same_records_on_both_databases(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    if not os.environ.get(PG_ENV):
        pytest.skip(f"{PG_ENV} is not set")
    sqlite_url = next(_new_database("sqlite", tmp_path_factory.mktemp("parity")))
    postgres = _new_database("postgresql", tmp_path_factory.mktemp("parity-pg"))
    postgres_url = next(postgres)
    try:
        lite, pg = _serving(sqlite_url), _serving(postgres_url)
        lite_client, pg_client = next(lite), next(pg)
        found = 0
        for query in QUERIES:
            on_sqlite, on_postgres = _found(lite_client, query), _found(pg_client, query)
            assert on_sqlite == on_postgres, (query, on_sqlite ^ on_postgres)
            found += bool(on_sqlite)
        assert found >= 35  # most of the queries find something
        for stop_words in ("de het", "the and of"):
            assert _found(lite_client, stop_words) == set()
        lite.close()
        pg.close()
    finally:
        postgres.close()


def test_sqlite_finds_dutch_inflections_by_their_stem(sample_engine: Engine) -> None:
    # besluiten, besloten and besluit share no FTS5 token; their Snowball stems do
    with TestClient(create_app(Settings(database_url=str(sample_engine.url)), sample_engine)) as client:
        besluiten = client.get("/v1/search", params={"q": "besluiten", "limit": 100}).json()["items"]
        assert len(besluiten) > 1
        marked = [h["snippet"] for h in besluiten]
        assert any("<mark>besloten</mark>" in s or "<mark>besluit</mark>" in s or "<mark>besluiten</mark>" in s
                   for s in marked)
