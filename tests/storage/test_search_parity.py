"""The same search on both databases: SQLite's index holds PostgreSQL's stems and stop words."""

import os
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy import text as sql_text
from sqlmodel import Session, select

from app.config import Settings
from app.ingest import ingest_paths
from app.main import create_app
from app.storage.db import make_engine, upgrade
from app.storage.rows import add_search_entries
from app.storage.search import matching_ids_sql, reindex_entry
from app.storage.tables import SearchEntry
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


def test_an_entry_indexed_again_is_found_by_its_new_words_only(engine: Engine) -> None:
    """A search entry whose text changed under a reparse is indexed again by the writer, on both
    databases (SQLite's FTS5 rows, PostgreSQL's tsvector)."""
    with Session(engine) as session:
        add_search_entries(session, [{"kind": "decision", "record_id": 7, "language": "nl",
                                      "text": "De ministers besloten tot een actieplan."}])
        entry = session.exec(select(SearchEntry).where(SearchEntry.record_id == 7)).one()
        entry.text, entry.language = "Allies agreed on deterrence.", "en"  # as a reparse changes it
        session.add(entry)
        session.flush()
        reindex_entry(session.connection(), entry.id or 0, entry.language, entry.text)
        session.commit()

    def found(query: str) -> list[int]:
        sql, params = matching_ids_sql(engine, "decision", query)
        with engine.connect() as connection:
            return list(connection.execute(sql_text(sql), params).scalars())

    assert found("agreeing deterrence") == [7]
    assert found("actieplan") == []
