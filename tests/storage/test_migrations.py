"""The schema is built by migrations on both databases and matches the models."""

import csv
from importlib import resources

from alembic import command
from sqlalchemy import Engine, inspect
from sqlmodel import Session, select

from app.parsing.member_states import MEMBER_STATES
from app.storage.db import alembic_config, current_revision, head_revision
from app.storage.tables import Member


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
