"""nato-records export / import round-trip a database exactly, between SQLite and PostgreSQL both ways."""

import io
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func
from sqlmodel import Session, select

from app.config import Settings
from app.ingest import ingest_paths, utc_now
from app.main import create_app
from app.storage.backup import BackupError, export_lines, export_to, import_from
from app.storage.db import make_engine, upgrade
from app.storage.keys import create_key
from app.storage.tables import Document
from tests.conftest import CORPUS, PG_ENV, SAMPLES, _new_database


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def other_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A second empty database, of each kind in turn."""
    (tmp_path / "other").mkdir()
    for url in _new_database(request.param, tmp_path / "other"):
        upgrade(url)
        engine = make_engine(url)
        yield engine
        engine.dispose()


def _fill(engine: Engine) -> None:
    ingest_paths(engine, [SAMPLES, CORPUS / "nl-fixture-2017-06-dmm-verslag.txt"])
    with Session(engine) as session:
        create_key(session, "backup-test", utc_now())
        session.commit()


def test_round_trip_reproduces_every_record(engine: Engine, other_engine: Engine) -> None:
    """engine and other_engine run through sqlite/postgresql pairs: every direction is covered."""
    _fill(engine)
    backup = io.StringIO()
    rows = export_to(engine, backup)
    assert rows > 200
    backup.seek(0)
    assert import_from(other_engine, backup) == rows
    original = list(export_lines(engine))
    restored = list(export_lines(other_engine))
    assert restored == original  # every row of every table, texts and timestamps included


def _filled_and_restored(engine: Engine, other_engine: Engine) -> None:
    """Fill `engine`, back it up and restore the backup into `other_engine`."""
    _fill(engine)
    backup = io.StringIO()
    export_to(engine, backup)
    backup.seek(0)
    import_from(other_engine, backup)


def test_a_restored_database_keeps_working(engine: Engine, other_engine: Engine) -> None:
    _filled_and_restored(engine, other_engine)
    summary = ingest_paths(other_engine, [CORPUS / "nl-fixture-2008-04-top-boekarest-verslag.txt"])
    assert summary.counts["inserted"] == 1  # new ids continue after the restored ones
    with Session(other_engine) as session:
        assert session.exec(select(func.count()).select_from(Document)).one() == 9


def test_import_refuses_a_database_with_data(engine: Engine) -> None:
    _fill(engine)
    backup = io.StringIO()
    export_to(engine, backup)
    backup.seek(0)
    with pytest.raises(BackupError, match="not empty"):
        import_from(engine, backup)


def test_a_damaged_backup_restores_nothing(engine: Engine, other_engine: Engine) -> None:
    _fill(engine)
    lines = list(export_lines(engine))
    damaged = io.StringIO("\n".join([*lines[:150], "{not json", *lines[150:]]) + "\n")
    with pytest.raises(BackupError, match="line 151"):
        import_from(other_engine, damaged)
    with Session(other_engine) as session:
        assert session.exec(select(func.count()).select_from(Document)).one() == 0


@pytest.mark.parametrize("cut", ["at_a_line", "the_trailer", "rows_dropped"])
def test_a_backup_cut_short_restores_nothing(engine: Engine, other_engine: Engine, cut: str) -> None:
    # a copy interrupted at a line's end used to import "successfully", most rows missing
    _fill(engine)
    lines = list(export_lines(engine))
    kept = {"at_a_line": lines[: len(lines) * 3 // 4], "the_trailer": lines[:-1],
            "rows_dropped": lines[:40] + lines[60:]}[cut]
    with pytest.raises(BackupError, match=r"nothing restored|cut short"):
        import_from(other_engine, io.StringIO("\n".join(kept) + "\n"))
    with Session(other_engine) as session:
        assert session.exec(select(func.count()).select_from(Document)).one() == 0
    assert import_from(other_engine, io.StringIO("\n".join(lines) + "\n")) == len(lines) - 2  # whole: restored


def test_not_a_backup(other_engine: Engine) -> None:
    with pytest.raises(BackupError, match="not a nato-records backup"):
        import_from(other_engine, io.StringIO('{"hello": "world"}\n'))


@pytest.mark.skipif(not os.environ.get(PG_ENV), reason=f"{PG_ENV} is not set")
def test_postgres_to_sqlite_and_back(tmp_path: Path) -> None:
    for pg_url in _new_database("postgresql", tmp_path):
        upgrade(pg_url)
        pg = make_engine(pg_url)
        lite_url = f"sqlite:///{tmp_path / 'copy.db'}"
        upgrade(lite_url)
        lite = make_engine(lite_url)
        _fill(pg)
        backup = io.StringIO()
        export_to(pg, backup)
        backup.seek(0)
        import_from(lite, backup)
        assert list(export_lines(lite)) == list(export_lines(pg))
        pg.dispose()
        lite.dispose()


def test_a_restored_database_finds_what_the_original_found(engine: Engine, other_engine: Engine) -> None:
    """The full-text index is rebuilt on import: a search after a round trip finds the same records."""
    _filled_and_restored(engine, other_engine)

    def hits(database: Engine, q: str) -> list[tuple[str, int]]:
        with TestClient(create_app(Settings(), engine=database)) as client:
            return sorted((h["kind"], h["id"]) for h in client.get("/v1/search", params={"q": q}).json()["items"])

    for q in ("Irak", "Oekraïne", "Russia"):
        found = hits(engine, q)
        assert found, q
        assert hits(other_engine, q) == found, q
