"""The schema is built by migrations on both databases and matches the models."""

import csv
import os
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine, inspect, text
from sqlmodel import Session, select

from app.parsing.member_states import MEMBER_STATES
from app.storage.db import alembic_config, current_revision, head_revision, make_engine, upgrade
from app.storage.tables import Member
from tests.conftest import PG_ENV, _new_database


def test_upgrade_reaches_head_and_models_match(engine: Engine, database_url: str) -> None:
    assert current_revision(engine) == head_revision(database_url)
    command.check(alembic_config(database_url))  # raises when models and migrations differ
    tables = set(inspect(engine).get_table_names())
    assert {"documents", "meetings", "meeting_documents", "agenda_items", "decisions", "members", "mentions"} <= tables


def test_members_seeded_from_the_reference_list(engine: Engine) -> None:
    reference_file = resources.files("app") / "data" / "nato-members.csv"
    with reference_file.open(encoding="utf-8") as handle:
        reference = {row["code"]: row for row in csv.DictReader(handle)}
    with Session(engine) as session:
        members = {m.code: m for m in session.exec(select(Member)).all()}
    assert len(members) == 32
    for code, row in reference.items():
        assert members[code].name_en == row["name_en"]
        assert members[code].name_nl == row["name_nl"]
        assert members[code].accession_date.isoformat() == row["accession_date"]
    assert {m.code: m.accession_date for m in MEMBER_STATES} == {c: m.accession_date for c, m in members.items()}


def test_downgrade_to_base_and_back(database_url: str, engine: Engine) -> None:
    config = alembic_config(database_url)
    command.downgrade(config, "base")
    assert "meetings" not in inspect(engine).get_table_names()
    command.upgrade(config, "head")
    assert current_revision(engine) == head_revision(database_url)


def test_decisions_stored_before_0005_get_their_meetings_date_and_body(database_url: str, engine: Engine) -> None:
    config = alembic_config(database_url)
    command.downgrade(config, "0004")
    stamp = "'2026-11-01 00:00:00'"
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO documents (id, source, sha256, format, language, kind, source_text, text, body_end, "
            f"parser_version, content_hash, ingested_at, updated_at) VALUES (1, 'a.txt', 'x', 'txt', 'nl', 'report', "
            f"'t', 't', 1, 'v', 'h', {stamp}, {stamp})"
        ))
        connection.execute(text(
            "INSERT INTO meetings (id, body, start_date, end_date, virtual, informal, content_hash, created_at, "
            f"updated_at) VALUES ('2020-04-02-foreign-ministers', 'foreign_ministers', '2020-04-02', '2020-04-02', "
            f"false, false, 'h', {stamp}, {stamp})"
        ))
        connection.execute(text(
            "INSERT INTO decisions (id, meeting_id, document_id, position, text, kind, span_start, span_end, "
            f"content_hash, created_at, updated_at) VALUES (1, '2020-04-02-foreign-ministers', 1, 0, 't', 'agreed', "
            f"0, 1, 'h', {stamp}, {stamp})"
        ))
    command.upgrade(config, "head")
    with engine.connect() as connection:
        row = connection.execute(text("SELECT meeting_date, meeting_body FROM decisions WHERE id = 1")).one()
    assert (str(row.meeting_date), row.meeting_body) == ("2020-04-02", "foreign_ministers")


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_several_processes_migrating_one_fresh_database_take_turns(tmp_path: Path, backend: str) -> None:
    # serve --workers, replicas or compose start together; each runs the migrations first
    if backend == "postgresql" and not os.environ.get(PG_ENV):
        pytest.skip(f"{PG_ENV} is not set")
    for url in _new_database(backend, tmp_path):
        processes = [subprocess.Popen([sys.executable, "-m", "app", "migrate", "--database-url", url],
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(4)]
        results = [(p.wait(timeout=180), p.stderr.read() if p.stderr else "") for p in processes]
        assert [code for code, _ in results] == [0, 0, 0, 0], [err[-500:] for _, err in results]
        engine = make_engine(url)
        assert current_revision(engine) == head_revision(url)
        engine.dispose()


def test_member_filters_on_sqlite_read_mentions_by_their_record(engine: Engine) -> None:
    # without an index on the mention's record, SQLite read every mention of the member for
    # each decision: 58 s for 10 decisions over 400 reports (benchmarks/member_filter.py)
    if engine.dialect.name != "sqlite":
        pytest.skip("SQLite's query plan")
    from app.storage.queries import RecordFilter, record_statement
    from app.storage.tables import AgendaItem, Decision

    with Session(engine) as session:
        for model, index in ((Decision, "ix_mentions_decision_member"), (AgendaItem, "ix_mentions_agenda_item_member")):
            statement = record_statement(session, model, RecordFilter(member="NLD"))
            compiled = statement.compile(engine, compile_kwargs={"literal_binds": True})
            rows = session.connection().exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}")
            plan = " ".join(str(row[-1]) for row in rows)
            assert index in plan, plan


def test_a_database_at_head_on_a_read_only_volume_still_upgrades_to_nothing(tmp_path: Path) -> None:
    """`serve` migrates first; on files it may not write (a read-only volume), taking the migration
    lock must not fail when there is nothing to migrate."""
    url = f"sqlite:///{tmp_path / 'records.db'}"
    upgrade(url)
    files = [str(tmp_path / name) for name in ("records.db", "records.db.migrate-lock")]
    if subprocess.run(["chattr", "+i", *files], capture_output=True).returncode != 0:
        pytest.skip("chattr +i is refused here (root and ext4, xfs or tmpfs needed): root writes read-only files")
    try:
        upgrade(url)  # raised PermissionError opening the lock file to write
    finally:
        subprocess.run(["chattr", "-i", *files], check=True)
