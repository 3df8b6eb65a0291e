"""save_documents: the one way a job saves parsed documents (ingestion, upload, reparse).

A batch is saved together, in one transaction, its new documents' rows in one statement per
table. Should anything of it fail, nothing of it is kept, and each document is saved again in a
transaction of its own, tried again after a collision with another job: one bad document costs
only itself, and a re-run finds the others stored. A batch that collided with another job (both
created the same meeting) is tried together once more first; rows that break a rule or a limit of
the database are not tried again, and their document fails with the database's reason.
"""

import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError, SQLAlchemyError
from sqlmodel import Session

from app.parsing import PARSER_VERSION, ParsedReport
from app.source import SourceDocument
from app.storage.db import reason_of, refuses_writes, rows_at_fault
from app.storage.writes import commit_writes, find_document, save_reports

FileOutcome = Literal["inserted", "updated", "unchanged", "failed"]
ATTEMPTS = 3  # a concurrent job may create the same meeting first: then try again
# A batch that collided with another job is tried together once more before its documents are
# saved one by one: two PostgreSQL workers often create the same meeting at once (10,000
# generated reports: 7 of 200 batches), and a batch saved alone costs its documents a
# transaction each
BATCH_ATTEMPTS = 2


@dataclass(frozen=True)
class FileResult:
    """What a job did with one file."""

    path: str
    outcome: FileOutcome
    reason: str | None = None


Prepared = FileResult | tuple[SourceDocument, ParsedReport]  # a file read and parsed, or why not
Done = tuple[FileResult, float]  # what became of a file, and the seconds it took


def utc_now() -> datetime:
    """Timestamps are stored in UTC with their offset."""
    return datetime.now(UTC)


def save_documents(engine: Engine, batch: list[tuple[Prepared, float]], force: bool = False) -> list[Done]:
    """Save a batch of prepared documents (each with the seconds its preparing took), in order.

    A document whose bytes are stored at this parser version is "unchanged" unless `force`
    (a reparse asked to read every text again). A database that takes no writes (read-only,
    full) is raised, not reported as the documents' failure: they are fine."""
    for _ in range(BATCH_ATTEMPTS):
        together = _save_together(engine, batch, force)
        if isinstance(together, list):
            return together
        if together == "failed":
            break  # saving each document alone tells which one failed
    done = []
    for item, seconds in batch:
        started = time.perf_counter()
        result = item if isinstance(item, FileResult) else _save_alone(engine, *item, force)
        done.append((result, seconds + time.perf_counter() - started))
    return done


def _save_together(
    engine: Engine, batch: list[tuple[Prepared, float]], force: bool
) -> list[Done] | Literal["collided", "failed"]:
    """The batch in one transaction. When any part of it failed nothing is kept, and the answer
    says whether it collided with another job (a meeting both created, a deadlock: the batch may
    go in at the next try) or failed otherwise."""
    started = time.perf_counter()
    with Session(engine, expire_on_commit=False) as session:
        try:
            results = _save_all(session, [item for item, _ in batch], force)
            commit_writes(session)
        except (IntegrityError, OperationalError) as exc:
            session.rollback()
            return "failed" if refuses_writes(exc) or rows_at_fault(exc) else "collided"
        except (SQLAlchemyError, RecursionError, ValueError):
            session.rollback()
            return "failed"
    saved = sum(1 for item, _ in batch if not isinstance(item, FileResult)) or 1
    share = (time.perf_counter() - started) / saved  # each document's share of the batch's save
    return [(result, seconds + (0.0 if isinstance(item, FileResult) else share))
            for result, (item, seconds) in zip(results, batch, strict=True)]


def _save_all(session: Session, items: list[Prepared], force: bool) -> list[FileResult]:
    """Save every item of a batch (no commit); a failure prepared earlier stays as it is."""
    documents = [item for item in items if not isinstance(item, FileResult)]
    outcomes = iter(save_reports(session, documents, PARSER_VERSION, utc_now(), force))
    return [item if isinstance(item, FileResult) else FileResult(item[0].source, next(outcomes)) for item in items]


def _save_alone(engine: Engine, source: SourceDocument, parsed: ParsedReport, force: bool) -> FileResult:
    """One document in its own transaction, tried again after a collision with another job."""
    for attempt in range(1, ATTEMPTS + 1):
        result = _attempt(engine, source, parsed, force, last=attempt == ATTEMPTS)
        if result is not None:
            return result
    raise AssertionError("unreachable: the last attempt always answers")


def _attempt(
    engine: Engine, source: SourceDocument, parsed: ParsedReport, force: bool, last: bool
) -> FileResult | None:
    """One transaction; None when a concurrent job got in the way and another try may succeed."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            [outcome] = save_reports(session, [(source, parsed)], PARSER_VERSION, utc_now(), force)
            commit_writes(session)
            return FileResult(source.source, outcome)
        except (IntegrityError, OperationalError) as exc:
            session.rollback()
            if isinstance(exc, OperationalError) and refuses_writes(exc):
                raise  # no retry helps: the database takes no writes
            if rows_at_fault(exc):  # nor when the document's rows break a rule or a limit
                return FileResult(source.source, "failed", f"could not store: {reason_of(exc)}")
            if not force and stored_at_this_version(session, source):
                return FileResult(source.source, "unchanged")  # a concurrent job stored it first
            if last:
                return FileResult(source.source, "failed", f"database conflict: {type(exc.orig).__name__}")
            return None
        except DBAPIError as exc:  # bad data
            session.rollback()
            return FileResult(source.source, "failed", f"could not store: {reason_of(exc)}")
        except SQLAlchemyError as exc:
            session.rollback()
            return FileResult(source.source, "failed", f"database error: {type(exc).__name__}")
        except (RecursionError, ValueError) as exc:
            session.rollback()
            return FileResult(source.source, "failed", f"could not store: {exc}")


def stored_at_this_version(session: Session, source: SourceDocument) -> bool:
    """The same bytes are stored, parsed by this parser version: there is nothing to do (before an
    upload's parse; after a collision, a concurrent job stored it first)."""
    existing = find_document(session, source.sha256)
    return existing is not None and existing.parser_version == PARSER_VERSION
