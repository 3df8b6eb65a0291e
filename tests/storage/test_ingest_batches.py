"""Saving in batches: a batch in one transaction, a failing document or a colliding job costing
only itself, bulk inserts that store what the ORM would, rows that break a rule."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, event, func, text
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlmodel import Session, col, select

import app.ingest.saving as saving_module
import app.storage.writes as writes_module
from app.ingest import ingest_paths
from app.parsing import PARSER_VERSION, parse_report
from app.storage.search import matching_ids_sql
from app.storage.tables import (
    Change,
    Decision,
    Document,
    Meeting,
    MeetingDocument,
)
from tests.conftest import CORPUS, SAMPLES
from tests.storage.stored import row_counts, stored_snapshot

INFORMAL_LETTER = (
    "28 676 NAVO\n\nNr. 991 BRIEF VAN DE MINISTER VAN BUITENLANDSE ZAKEN\n\nDen Haag, 10 april 2020\n\n"
    "Hierbij bied ik u het verslag aan van de informele bijeenkomst van de NAVO-ministers van Buitenlandse "
    "Zaken die op 2 april 2020 in Berlijn plaatsvond.\n\nOekraïne\n\nDe ministers spraken over de steun aan "
    "Oekraïne. Besloten werd de steun voort te zetten.\n"
)


def test_the_meetings_of_one_batch(engine: Engine, tmp_path: Path) -> None:
    """Reports saved together: two about one meeting share it, created once; an informal meeting
    of the same ministers on the same day is another meeting, with the next free id."""
    report = (SAMPLES / "nl-2020-04-02-foreign-ministers-report.txt").read_text(encoding="utf-8")
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.txt").write_text(report, encoding="utf-8")
    (folder / "b.txt").write_text(INFORMAL_LETTER, encoding="utf-8")
    (folder / "c.txt").write_text(report + "\nKenmerk BS-000001\n", encoding="utf-8")
    with _statements(engine) as statements:
        assert ingest_paths(engine, [folder]).counts["inserted"] == 3
    assert not [s for s in statements if s.upper().startswith("SAVEPOINT")]  # saved together
    with Session(engine) as session:
        meetings = {m.id: m.informal for m in session.exec(select(Meeting)).all()}
        links = session.exec(select(Document.source, MeetingDocument.meeting_id)
                             .join(MeetingDocument, col(MeetingDocument.document_id) == Document.id)).all()
        logged = session.exec(select(Change.record_id, Change.op).where(Change.resource == "meetings")
                              .order_by(col(Change.seq))).all()
    assert meetings == {"2020-04-02-foreign-ministers": False, "2020-04-02-foreign-ministers-2": True}
    assert sorted((Path(source).name, meeting) for source, meeting in links) == [
        ("a.txt", "2020-04-02-foreign-ministers"), ("b.txt", "2020-04-02-foreign-ministers-2"),
        ("c.txt", "2020-04-02-foreign-ministers")]
    assert logged == [("2020-04-02-foreign-ministers", "created"), ("2020-04-02-foreign-ministers-2", "created")]


@contextmanager
def _statements(engine: Engine) -> Iterator[list[str]]:
    """The SQL statements run on the engine inside the block."""
    statements: list[str] = []

    def record(connection, cursor, statement: str, *args: object) -> None:  # type: ignore[no-untyped-def]
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


def _copies(folder: Path, names: list[str]) -> None:
    folder.mkdir()
    for index, name in enumerate(names):
        (folder / f"{index}-{name}").write_bytes((CORPUS / name).read_bytes())


def _three_reports_saved_with(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, then: Callable[[Session, list[str], int], None]
) -> tuple[Path, list[str], list[list[str]]]:
    """Three corpus reports copied as "0-…", "1-…", "2-…", and the saves of new reports wrapped:
    each is recorded by its reports' prefixes, after which `then` runs with the session, those
    prefixes and the number of saves so far (it may write more, or raise)."""
    reports = sorted(p.name for p in CORPUS.glob("nl-*.txt"))[:3]
    _copies(tmp_path / "reports", reports)
    real = writes_module.save_new_reports
    tries: list[list[str]] = []

    def wrapped(session: Session, reports, *args):  # type: ignore[no-untyped-def]
        real(session, reports, *args)  # everything written, then `then`
        tries.append([Path(source.source).name[:2] for source, _ in reports])
        then(session, tries[-1], len(tries))

    monkeypatch.setattr(writes_module, "save_new_reports", wrapped)
    return tmp_path / "reports", reports, tries


def test_a_document_failing_inside_a_batch_costs_only_itself(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The batch is saved together first; that fails with the bad document in it, and the batch
    is saved again one document at a time, where only the bad one fails."""
    def fails_with_the_second(session: Session, names: list[str], saves: int) -> None:
        if "1-" in names:
            raise ValueError("simulated failure after the records were written")

    folder, reports, tries = _three_reports_saved_with(tmp_path, monkeypatch, fails_with_the_second)
    summary = ingest_paths(engine, [folder])
    assert tries == [["0-", "1-", "2-"], ["0-"], ["1-"], ["2-"]]
    assert [(Path(r.path).name[:2], r.outcome) for r in summary.results] == [
        ("0-", "inserted"), ("1-", "failed"), ("2-", "inserted")]
    with Session(engine) as session:
        sources = {Path(s).name for s in session.exec(select(Document.source)).all()}
        orphans = session.exec(select(func.count()).select_from(Decision).where(
            col(Decision.document_id).not_in(select(Document.id)))).one()
    assert sources == {f"0-{reports[0]}", f"2-{reports[2]}"}
    assert orphans == 0


def test_a_batch_is_saved_in_one_transaction_without_savepoints(engine: Engine, tmp_path: Path) -> None:
    """The fast path: documents that all save are saved together, one statement per table, and
    each has exactly the records it would have alone."""
    reports = sorted(p.name for p in CORPUS.glob("nl-*.txt"))[:4]
    _copies(tmp_path / "reports", reports)
    with _statements(engine) as statements:
        summary = ingest_paths(engine, [tmp_path / "reports"])
    assert summary.counts["inserted"] == 4
    assert not [s for s in statements if s.upper().startswith("SAVEPOINT")]
    # one executemany for all the decisions; PostgreSQL COPYs them, which runs no statement here
    inserts = [s for s in statements if s.startswith("INSERT INTO decisions")]
    assert len(inserts) == (0 if engine.dialect.name == "postgresql" else 1)
    with Session(engine) as session:
        for document in session.exec(select(Document)).all():
            parsed = parse_report(document.source_text)
            decisions = session.exec(select(Decision.text).where(Decision.document_id == document.id)
                                     .order_by(Decision.position)).all()
            assert decisions == [d.text for d in parsed.decisions], document.source


def test_a_stored_document_failing_to_update_inside_a_batch_costs_only_itself(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new parser version updates stored documents through the ORM, in the ORM's savepoint:
    one that fails mid-update is rolled back alone, and the batch goes on."""
    reports = sorted(p.name for p in CORPUS.glob("nl-*.txt"))[:3]
    _copies(tmp_path / "reports", reports)
    ingest_paths(engine, [tmp_path / "reports"])
    before = stored_snapshot(engine)
    real = writes_module.replace_records

    def fails_for_the_second(session: Session, document: Document, *args):  # type: ignore[no-untyped-def]
        changed = real(session, document, *args)  # flushed, then it fails
        if Path(document.source).name.startswith("1-"):
            raise ValueError("simulated failure after the update was flushed")
        return changed

    monkeypatch.setattr(writes_module, "replace_records", fails_for_the_second)
    monkeypatch.setattr(saving_module, "PARSER_VERSION", "next-version")
    summary = ingest_paths(engine, [tmp_path / "reports"])
    assert [(Path(r.path).name[:2], r.outcome) for r in summary.results] == [
        ("0-", "unchanged"), ("1-", "failed"), ("2-", "unchanged")]
    with Session(engine) as session:
        versions = dict(session.exec(select(Document.source, Document.parser_version)).all())
    assert {Path(source).name[:2]: version for source, version in versions.items()} == {
        "0-": "next-version", "1-": PARSER_VERSION, "2-": "next-version"}
    assert stored_snapshot(engine) == before


def test_a_failed_commit_saves_the_batch_one_document_at_a_time(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _copies(tmp_path / "reports", sorted(p.name for p in CORPUS.glob("nl-*.txt"))[:3])
    commits = {"failed": 0}
    real = Session.commit

    def fails_for_the_batch(self: Session) -> None:  # both tries of the batch together
        if commits["failed"] < saving_module.BATCH_ATTEMPTS:
            commits["failed"] += 1
            raise OperationalError("COMMIT", {}, Exception("disk I/O error"))
        real(self)

    monkeypatch.setattr(Session, "commit", fails_for_the_batch)
    summary = ingest_paths(engine, [tmp_path / "reports"])
    assert commits["failed"] == 2
    assert summary.counts["inserted"] == 3
    assert row_counts(engine)["documents"] == 3


def test_a_batch_that_collided_with_another_job_is_saved_together_at_the_next_try(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two jobs that create the same meeting at once: the one that loses rolls back and tries the
    batch together again (the meeting is there now), instead of a transaction per document."""
    def collides_once(session: Session, names: list[str], saves: int) -> None:
        if saves == 1:
            raise IntegrityError("INSERT INTO meetings", {}, Exception("duplicate key value"))

    folder, _, tries = _three_reports_saved_with(tmp_path, monkeypatch, collides_once)
    summary = ingest_paths(engine, [folder])
    assert tries == [["0-", "1-", "2-"], ["0-", "1-", "2-"]]
    assert summary.counts["inserted"] == 3
    assert row_counts(engine)["documents"] == 3


def test_the_same_bytes_twice_in_one_batch_are_stored_once(engine: Engine, tmp_path: Path) -> None:
    name = "nl-2020-04-02-foreign-ministers-report.txt"
    _copies(tmp_path / "reports", [name, name])
    summary = ingest_paths(engine, [tmp_path / "reports"])
    assert [r.outcome for r in summary.results] == ["inserted", "unchanged"]
    assert row_counts(engine)["documents"] == 1


def test_a_bulk_insert_that_breaks_a_constraint_raises_sqlalchemys_error(engine: Engine) -> None:
    """Rows go straight to the driver (COPY on PostgreSQL), but a database error still comes out
    as SQLAlchemy's, which is what lets a batch fall back to saving its documents one by one."""
    now = datetime.now(UTC)
    with Session(engine) as session:
        with pytest.raises(IntegrityError):
            writes_module.insert_rows(session, Change, [
                {"resource": "documents", "record_id": "1", "op": "created", "changed_at": now},
                {"resource": "documents", "record_id": None, "op": "created", "changed_at": now},
            ])
        session.rollback()
        writes_module.insert_rows(session, Change, [
            {"resource": "documents", "record_id": "2", "op": "created", "changed_at": now}])
        session.commit()
        assert session.exec(select(Change.record_id)).all() == ["2"]


def test_bulk_inserted_rows_store_values_as_the_orm_does(engine: Engine) -> None:
    # rows of a new document go straight to the driver; a timestamp stored in another text form
    # would sort apart from the same instant written through SQLAlchemy, and break keyset pages
    assert ingest_paths(engine, [SAMPLES / "nl-2020-04-02-foreign-ministers-report.txt"]).failed == 0
    with engine.connect() as connection:
        document = connection.exec_driver_sql("SELECT updated_at, date FROM documents").one()
        for table in ("decisions", "agenda_items"):
            stamps = connection.exec_driver_sql(f"SELECT DISTINCT updated_at, created_at FROM {table}").all()
            assert stamps == [(document[0], document[0])], table
        meeting_dates = connection.exec_driver_sql("SELECT DISTINCT meeting_date FROM decisions").scalars().all()
        stored_dates = connection.exec_driver_sql("SELECT start_date FROM meetings").scalars().all()
    assert meeting_dates == stored_dates


def test_a_text_too_large_for_one_tsvector_is_stored_and_found_by_its_first_words(
    engine: Engine, tmp_path: Path
) -> None:
    """A readable report is stored whatever its size: on PostgreSQL its index keeps the lexemes
    of its first words that fit in one tsvector (PostgreSQL's own to_tsvector refused the whole
    report: "string is too long for tsvector")."""
    paragraphs = [" ".join(f"w{n:06d}x" for n in range(start, start + 12)) + "." for start in range(0, 150_000, 12)]
    path = tmp_path / "long.txt"
    path.write_text("Verslag van de bijeenkomst van de NAVO-ministers van Defensie op 14 en 15 juni 2023 in "
                    "Brussel.\n\n" + "\n\n".join(paragraphs), encoding="utf-8")
    summary = ingest_paths(engine, [path])
    assert summary.counts["inserted"] == 1, summary.results
    sql, params = matching_ids_sql(engine, "document", "w000001x w000100x")
    with engine.connect() as connection:
        assert len(connection.execute(text(sql), params).all()) == 1


def test_a_document_whose_rows_break_a_rule_fails_at_once_with_the_databases_reason(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A collision with another job may pass at the next try; rows that break a rule of the
    database (here a missing value) never will: the batch goes straight to its documents one by
    one, and the bad one fails at its first try, with the database's reason."""
    def second_breaks_a_rule(session: Session, names: list[str], saves: int) -> None:
        if "1-" in names:
            writes_module.insert_rows(session, Change, [
                {"resource": "documents", "record_id": None, "op": "created", "changed_at": datetime.now(UTC)}])

    folder, _, tries = _three_reports_saved_with(tmp_path, monkeypatch, second_breaks_a_rule)
    summary = ingest_paths(engine, [folder])
    assert tries == [["0-", "1-", "2-"], ["0-"], ["1-"], ["2-"]]
    assert [r.outcome for r in summary.results] == ["inserted", "failed", "inserted"]
    reason = summary.results[1].reason or ""
    assert reason.startswith("could not store: "), reason
    assert "record_id" in reason, reason
