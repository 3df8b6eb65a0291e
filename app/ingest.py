"""The ingestion job: read -> parse -> save, one transaction per document."""

import logging
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlmodel import Session, select

from app.errors import UnreadableDocument
from app.parsing import PARSER_VERSION, parse_report
from app.readers import SUFFIXES, SourceDocument, read_document
from app.storage.tables import Document
from app.storage.writes import find_document, replace_records, save_report

FileOutcome = Literal["inserted", "updated", "unchanged", "failed"]


@dataclass(frozen=True)
class FileResult:
    """What ingestion did with one file."""

    path: str
    outcome: FileOutcome
    reason: str | None = None


@dataclass
class IngestSummary:
    """Counts per outcome over a batch."""

    results: list[FileResult] = field(default_factory=list)

    @property
    def counts(self) -> Counter[str]:
        return Counter(r.outcome for r in self.results)

    @property
    def failed(self) -> int:
        return self.counts["failed"]


def utc_now() -> datetime:
    """Timestamps are stored in UTC with their offset."""
    return datetime.now(UTC)


def iter_report_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Files named directly, and report files inside folders (recursively, sorted, links not followed)."""
    for path in paths:
        if path.is_dir():
            for root, dirs, files in os.walk(path, followlinks=False):
                dirs.sort()
                for name in sorted(files):
                    if name.lower().endswith(SUFFIXES) and not name.startswith("."):
                        yield Path(root) / name
        else:
            yield path


log = logging.getLogger("nato_records.ingest")


def ingest_paths(
    engine: Engine,
    paths: Iterable[Path],
    max_bytes: int | None = None,
    on_result: Callable[[FileResult], None] | None = None,
) -> IngestSummary:
    """Ingest every report under `paths`; a failing file never stops the others."""
    summary = IngestSummary()
    for path in iter_report_files(paths):
        started = time.perf_counter()
        result = ingest_file(engine, path, max_bytes)
        duration = round((time.perf_counter() - started) * 1000, 1)
        log.info("%s %s%s", result.outcome, result.path, f": {result.reason}" if result.reason else "",
                 extra={"path": result.path, "outcome": result.outcome, "reason": result.reason,
                        "duration_ms": duration})
        summary.results.append(result)
        if on_result is not None:
            on_result(result)
    return summary


def ingest_file(engine: Engine, path: Path, max_bytes: int | None = None) -> FileResult:
    """Read, parse and store one file in its own transaction."""
    try:
        source = read_document(path, max_bytes)
    except UnreadableDocument as exc:
        return FileResult(str(path), "failed", str(exc))
    return ingest_source(engine, source)


def ingest_source(engine: Engine, source: SourceDocument) -> FileResult:
    """Parse and store a document already read; nothing of it is kept if this fails."""
    with Session(engine, expire_on_commit=False) as session:
        existing = find_document(session, source.sha256)
        if existing is not None and existing.parser_version == PARSER_VERSION:
            return FileResult(source.source, "unchanged")
        try:
            parsed = parse_report(source.text)
            outcome = save_report(session, source, parsed, PARSER_VERSION, utc_now())
            session.commit()
        except IntegrityError:
            session.rollback()
            if find_document(session, source.sha256) is not None:
                return FileResult(source.source, "unchanged")  # a concurrent job stored it first
            return FileResult(source.source, "failed", "conflicting records in the database")
        except SQLAlchemyError as exc:
            session.rollback()
            return FileResult(source.source, "failed", f"database error: {type(exc).__name__}")
        except (RecursionError, ValueError, MemoryError) as exc:
            session.rollback()
            return FileResult(source.source, "failed", f"parser error: {exc}")
    return FileResult(source.source, outcome)


def reparse_all(
    engine: Engine, force: bool = False, on_result: Callable[[FileResult], None] | None = None
) -> IngestSummary:
    """Re-run the current parser over stored texts, updating records in place."""
    summary = IngestSummary()
    with Session(engine) as session:
        ids = session.exec(select(Document.id).order_by(Document.id)).all()  # type: ignore[arg-type]
    for document_id in ids:
        result = _reparse_one(engine, document_id, force)  # type: ignore[arg-type]
        summary.results.append(result)
        if on_result is not None:
            on_result(result)
    return summary


def _reparse_one(engine: Engine, document_id: int, force: bool) -> FileResult:
    with Session(engine, expire_on_commit=False) as session:
        document = session.get(Document, document_id)
        if document is None:
            return FileResult(str(document_id), "failed", "document vanished during reparse")
        if document.parser_version == PARSER_VERSION and not force:
            return FileResult(document.source, "unchanged")
        try:
            changed = replace_records(session, document, parse_report(document.source_text), PARSER_VERSION, utc_now())
            session.commit()
        except (SQLAlchemyError, ValueError, RecursionError) as exc:
            session.rollback()
            return FileResult(document.source, "failed", str(exc))
        return FileResult(document.source, "updated" if changed else "unchanged")
