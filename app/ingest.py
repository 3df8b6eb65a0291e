"""The ingestion job: read -> parse -> save in batches, each document whole or not at all; counts per outcome."""

import gc
import logging
import os
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from typing import Literal

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError
from sqlmodel import Session, select

from app.errors import UnreadableDocument
from app.parsing import PARSER_VERSION, ParsedReport, parse_report
from app.readers import SUFFIXES, SourceDocument, read_document
from app.storage.db import make_engine, refuses_writes
from app.storage.tables import Document
from app.storage.writes import (
    commit_writes,
    find_document,
    replace_records,
    save_new_report,
    save_new_reports,
    save_over_stored,
    save_report,
    stored_document,
    stored_documents,
)
from app.timeouts import TimeLimitExceeded, time_limit

FileOutcome = Literal["inserted", "updated", "unchanged", "failed"]
log = logging.getLogger("nato_records.ingest")
ATTEMPTS = 3  # a concurrent job may create the same meeting first: then try again
# A batch job commits up to this many documents at once, each in its own savepoint; a commit
# costs about as much as saving a small document. A slow stream still commits every second.
BATCH_DOCUMENTS = 50
BATCH_SECONDS = 1.0
PREPARE_CHUNK = 8  # files a parse worker takes at a time


@dataclass(frozen=True)
class Limits:
    """What one document may cost; None means no limit."""

    max_bytes: int | None = None
    max_pages: int | None = None
    max_parse_seconds: float | None = None


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


def ingest_paths(
    engine: Engine,
    paths: Iterable[Path],
    limits: Limits | None = None,
    on_result: Callable[[FileResult], None] | None = None,
    jobs: int = 1,
    named: Callable[[Path], str] = str,
) -> IngestSummary:
    """Ingest every report under `paths`; a failing file never stops the others.

    `named` gives the `source` a document records: by default the path as the caller gave it
    (relative stays relative); the bundled samples are named "samples/…", not by the folder an
    installation happens to put them in.

    Documents are saved in batches (`BATCH_DOCUMENTS`, or what a second brought), one
    transaction per batch (see store_batch): a document that fails leaves nothing behind and
    does not stop the batch, and results are reported once their batch is committed.
    With `jobs` > 1 on PostgreSQL, files are read, parsed and saved in that many processes,
    a chunk of files at a time (a conflict between two is retried, as between jobs); results
    come back in the files' order, and at most a few chunks per process are in flight, so
    memory does not grow with the number of files. On SQLite the workers read and parse, and
    this process saves.
    """
    with _fewer_collections():
        return _ingest_paths(engine, paths, limits or Limits(), on_result, jobs, named)


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Python's cyclic garbage collector, run less often while a job ingests.

    Unpickling a parsed report and building its rows allocate tens of thousands of objects
    that live on, and at the default thresholds each batch set off full collections over
    every object of the process: 1,000 parsed reports unpickled in 1.16 s, 0.31 s without the
    collector. What exists before the job is frozen (never scanned again), and a collection
    waits for 50,000 new objects instead of 700. Worker processes inherit both."""
    thresholds = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


def _ingest_paths(
    engine: Engine, paths: Iterable[Path], limits: Limits, on_result: Callable[[FileResult], None] | None, jobs: int,
    named: Callable[[Path], str],
) -> IngestSummary:
    summary = IngestSummary()
    # PostgreSQL takes several writers at once; SQLite one, and a waiting writer sleeps in steps
    # of up to 100 ms, so there this process saves what the workers parsed (side by side, 200
    # reports: PostgreSQL 16 -> 23 reports/s with the workers saving, SQLite 38 -> 35)
    shared = jobs > 1 and engine.dialect.name == "postgresql"
    files = ((path, named(path)) for path in iter_report_files(paths))
    if shared:
        done = _prepared_and_stored(files, limits, jobs, engine.url.render_as_string(hide_password=False))
    else:
        done = _stored_in_batches(engine, _prepared(files, limits, jobs))
    for result, seconds in done:
        level = logging.WARNING if result.outcome == "failed" else logging.INFO
        log.log(level, "%s %s%s", result.outcome, result.path, f": {result.reason}" if result.reason else "",
                 extra={"path": result.path, "outcome": result.outcome, "reason": result.reason,
                        "duration_ms": round(seconds * 1000, 1)})
        summary.results.append(result)
        if on_result is not None:
            on_result(result)
    return summary


Prepared = FileResult | tuple[SourceDocument, ParsedReport]
File = tuple[Path, str]  # a report file, and the source its document records
Done = tuple[FileResult, float]  # what became of a file, and the seconds it took (its batch's commit aside)


def _stored_in_batches(engine: Engine, prepared: Iterable[tuple[Path, Prepared, float]]) -> Iterator[Done]:
    """Save prepared files in batches; their results in the files' order, each batch once committed."""
    batch: list[tuple[Prepared, float]] = []
    opened = 0.0
    for _, item, seconds in prepared:
        if not batch:
            opened = time.perf_counter()
        batch.append((item, seconds))
        if len(batch) >= BATCH_DOCUMENTS or time.perf_counter() - opened >= BATCH_SECONDS:
            yield from store_batch(engine, batch)
            batch = []
    yield from store_batch(engine, batch)


def store_batch(engine: Engine, batch: list[tuple[Prepared, float]]) -> list[Done]:
    """Save a batch of prepared files in one transaction.

    First all together, with no savepoint: the new documents' rows go in one statement per
    table. Should anything of that fail, nothing of it is kept, and the batch is saved again
    one document at a time, each in a savepoint (`store_apart`), where a failing document
    costs only itself."""
    together = _store_together(engine, batch)
    return together if together is not None else store_apart(engine, batch)


def _store_together(engine: Engine, batch: list[tuple[Prepared, float]]) -> list[Done] | None:
    """The batch in one transaction; None, with nothing kept, when any part of it failed."""
    started = time.perf_counter()
    with Session(engine, expire_on_commit=False) as session:
        try:
            results = _save_all(session, [item for item, _ in batch])
            commit_writes(session)
        except (SQLAlchemyError, RecursionError, ValueError):
            session.rollback()
            return None
    saved = sum(1 for item, _ in batch if not isinstance(item, FileResult)) or 1
    share = (time.perf_counter() - started) / saved  # each document's share of the batch's save
    return [(result, seconds + (0.0 if isinstance(item, FileResult) else share))
            for result, (item, seconds) in zip(results, batch, strict=True)]


def _save_all(session: Session, items: list[Prepared]) -> list[FileResult]:
    """Save every item of a batch (no commit): new documents together, stored ones one by one."""
    now = utc_now()
    stored = stored_documents(session, [item[0].sha256 for item in items if not isinstance(item, FileResult)])
    results: list[FileResult] = []
    new: list[tuple[SourceDocument, ParsedReport]] = []
    seen: set[str] = set()
    for item in items:
        if isinstance(item, FileResult):
            results.append(item)
            continue
        source, parsed = item
        if source.sha256 in seen:
            results.append(FileResult(source.source, "unchanged"))  # the same bytes earlier in the batch
        elif source.sha256 in stored:
            outcome = save_over_stored(session, stored[source.sha256], parsed, PARSER_VERSION, now)
            results.append(FileResult(source.source, outcome))
        else:
            new.append(item)
            results.append(FileResult(source.source, "inserted"))
        seen.add(source.sha256)
    save_new_reports(session, new, PARSER_VERSION, now)
    return results


def store_apart(engine: Engine, batch: list[tuple[Prepared, float]]) -> list[Done]:
    """One transaction for the batch, a savepoint for each document in it.

    A document that collides with another job's open transaction (on PostgreSQL, one may wait
    for a row of the other's while the other waits for one of this) has what is saved so far
    committed, so that the other can go on, and is then saved in a transaction of its own.
    Should a commit fail, its documents are saved again one transaction each: one bad
    document can never cost the others."""
    done: list[Done] = []
    saved: list[int] = []  # positions of the documents the open transaction holds
    with Session(engine, expire_on_commit=False) as session:
        for item, seconds in batch:
            started = time.perf_counter()
            if isinstance(item, FileResult):
                done.append((item, seconds))
                continue
            result = _save_in_savepoint(session, *item)
            if result is None:
                _commit(session, engine, batch, done, saved)
                result = _store(engine, *item)
            else:
                saved.append(len(done))
            done.append((result, seconds + time.perf_counter() - started))
        _commit(session, engine, batch, done, saved)
    return done


def _commit(
    session: Session, engine: Engine, batch: list[tuple[Prepared, float]], done: list[Done], saved: list[int]
) -> None:
    """Commit the documents saved so far; should that fail, save each again on its own."""
    if not saved:
        return
    try:
        commit_writes(session)
    except SQLAlchemyError:
        session.rollback()
        for position in saved:
            item, seconds = batch[position]
            done[position] = (_store(engine, *item), seconds)  # type: ignore[misc]
    saved.clear()


def _save_in_savepoint(session: Session, source: SourceDocument, parsed: ParsedReport) -> FileResult | None:
    """Save one document of a batch; what fails is rolled back to where the document began.
    None: it collided with another job, and may succeed in a transaction of its own."""
    try:
        stored = stored_document(session, source.sha256)
        if stored is None:
            with _core_savepoint(session):
                save_new_report(session, source, parsed, PARSER_VERSION, utc_now())
            return FileResult(source.source, "inserted")
        with session.begin_nested():
            outcome = save_over_stored(session, stored, parsed, PARSER_VERSION, utc_now())
        return FileResult(source.source, outcome)
    except (IntegrityError, OperationalError):
        if find_document(session, source.sha256) is not None:
            return FileResult(source.source, "unchanged")  # a concurrent job stored it first
        return None
    except SQLAlchemyError as exc:
        return FileResult(source.source, "failed", f"database error: {type(exc).__name__}")
    except (RecursionError, ValueError) as exc:
        return FileResult(source.source, "failed", f"could not store: {exc}")


@contextmanager
def _core_savepoint(session: Session) -> Iterator[None]:
    """A savepoint on the session's connection, for a new document of a batch.

    A new document is saved with Core statements only, so the ORM's savepoint, which tracks
    the objects the session holds and cost a tenth of the document's save, is not needed; a
    stored document (a new parser version) is updated through the ORM, in the ORM's savepoint."""
    savepoint = session.connection().begin_nested()
    try:
        yield
    except BaseException:
        savepoint.rollback()
        raise
    savepoint.commit()


def prepare(file: "File", limits: Limits) -> tuple[Path, Prepared, float]:
    """Read and parse one file (in a worker process when jobs > 1); no database."""
    path, name = file
    started = time.perf_counter()
    try:
        source = read_document(path, limits.max_bytes, limits.max_pages, source=name)
    except UnreadableDocument as exc:
        return path, FileResult(name, "failed", str(exc)), time.perf_counter() - started
    try:
        parsed = _parse(source.text, limits.max_parse_seconds)
    except (TimeLimitExceeded, RecursionError, ValueError, MemoryError) as exc:
        return path, FileResult(source.source, "failed", f"parser error: {exc}"), time.perf_counter() - started
    return path, (source, parsed), time.perf_counter() - started


def prepare_and_store(paths: list["File"], limits: Limits, url: str) -> list[Done]:
    """Read, parse and save a chunk of files in a worker process, with that process's own engine."""
    return store_batch(_worker_engine(url), [(prepared, seconds) for _, prepared, seconds in
                                             (prepare(path, limits) for path in paths)])


@cache
def _worker_engine(url: str) -> Engine:
    return make_engine(url, for_writing=True)


def _prepared(files: Iterator["File"], limits: Limits, jobs: int) -> Iterator[tuple[Path, Prepared, float]]:
    """Files read and parsed, in order; by `jobs` worker processes when more than one.

    The workers take files a few at a time (PREPARE_CHUNK): a task per file cost each
    process its share of pickling, queueing and waking up for every file."""
    if jobs <= 1:
        yield from (prepare(path, limits) for path in files)
        return
    # While this process saves a batch the workers go on parsing the next: a window of a few
    # files would leave them idle for most of each batch (side by side, 1,000 reports into
    # SQLite with 2 workers: 15 s with 8 files in flight)
    window = (2 * BATCH_DOCUMENTS + 4 * jobs) // PREPARE_CHUNK
    with ProcessPoolExecutor(max_workers=jobs, initializer=_parse_behind_saving) as pool:
        in_flight: deque[Future[list[tuple[Path, Prepared, float]]]] = deque()
        for chunk in _chunks(files, PREPARE_CHUNK):
            in_flight.append(pool.submit(prepare_all, chunk, limits))
            if len(in_flight) >= window:
                yield from in_flight.popleft().result()
        while in_flight:
            yield from in_flight.popleft().result()


def _parse_behind_saving() -> None:
    """A parse worker yields the CPU to the process that saves, when both want it.

    On SQLite one process saves everything, and it is the job's bottleneck: at equal priority
    beside two workers it ran 32.5 s of CPU in 47 s, about two thirds of a core. 10,000
    reports, side by side: 47.0 / 47.1 s -> 44.4 / 45.4 / 45.8 / 47.2 s."""
    os.nice(5)


def prepare_all(paths: list["File"], limits: Limits) -> list[tuple[Path, Prepared, float]]:
    """Read and parse a few files in a worker process."""
    return [prepare(path, limits) for path in paths]


def _prepared_and_stored(files: Iterator["File"], limits: Limits, jobs: int, url: str) -> Iterator[Done]:
    """Files read, parsed and saved by `jobs` worker processes, a batch each at a time; in order."""
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        in_flight: deque[Future[list[Done]]] = deque()
        for chunk in _chunks(files, BATCH_DOCUMENTS):
            in_flight.append(pool.submit(prepare_and_store, chunk, limits, url))
            if len(in_flight) >= 2 * jobs:
                yield from in_flight.popleft().result()
        while in_flight:
            yield from in_flight.popleft().result()


def _chunks(files: Iterator["File"], size: int) -> Iterator[list["File"]]:
    chunk: list[File] = []
    for path in files:
        chunk.append(path)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _store(engine: Engine, source: SourceDocument, parsed: ParsedReport) -> FileResult:
    """Save one parsed document in its own transaction, trying again after a conflict.

    The same bytes stored by this parser version come back "unchanged" from save_report,
    within the transaction; asking first would cost one more."""
    for attempt in range(1, ATTEMPTS + 1):
        result = _save(engine, source, parsed, last_attempt=attempt == ATTEMPTS)
        if result is not None:
            return result
    raise AssertionError("unreachable: the last attempt always answers")


def ingest_source(engine: Engine, source: SourceDocument, limits: Limits | None = None) -> FileResult:
    """Parse and store a document already read (an upload); nothing of it is kept if this fails.

    A database that takes no writes (read-only, full) is raised, not reported as the document's
    failure: the document is fine. The API answers it 503 and drops its connections
    (api/problems.py), so that the file is opened afresh once fixed."""
    if _stored_already(engine, source):
        return FileResult(source.source, "unchanged")
    try:
        parsed = _parse(source.text, (limits or Limits()).max_parse_seconds)
    except (TimeLimitExceeded, RecursionError, ValueError, MemoryError) as exc:
        return FileResult(source.source, "failed", f"parser error: {exc}")
    return _store(engine, source, parsed)


def _stored_already(engine: Engine, source: SourceDocument) -> bool:
    """The same bytes, parsed by this parser version, are stored: nothing to do."""
    with Session(engine) as session:
        existing = find_document(session, source.sha256)
        return existing is not None and existing.parser_version == PARSER_VERSION


def _parse(text: str, seconds: float | None) -> ParsedReport:
    with time_limit(seconds):
        return parse_report(text, today=date.today())


def _save(engine: Engine, source: SourceDocument, parsed: ParsedReport, last_attempt: bool) -> FileResult | None:
    """One transaction; None when a concurrent job got in the way and another try may succeed."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            outcome = save_report(session, source, parsed, PARSER_VERSION, utc_now())
            commit_writes(session)
            return FileResult(source.source, outcome)
        except (IntegrityError, OperationalError) as exc:
            session.rollback()
            if isinstance(exc, OperationalError) and refuses_writes(exc):
                raise  # no retry helps: the database takes no writes (the API drops its connections)
            if find_document(session, source.sha256) is not None:
                return FileResult(source.source, "unchanged")  # a concurrent job stored it first
            if last_attempt:
                return FileResult(source.source, "failed", f"database conflict: {type(exc.orig).__name__}")
            return None
        except SQLAlchemyError as exc:
            session.rollback()
            return FileResult(source.source, "failed", f"database error: {type(exc).__name__}")
        except (RecursionError, ValueError) as exc:
            session.rollback()
            return FileResult(source.source, "failed", f"could not store: {exc}")


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
            changed = replace_records(
                session, document, parse_report(document.source_text, today=date.today()), PARSER_VERSION, utc_now()
            )
            commit_writes(session)
        except (SQLAlchemyError, ValueError, RecursionError) as exc:
            session.rollback()
            return FileResult(document.source, "failed", str(exc))
        return FileResult(document.source, "updated" if changed else "unchanged")
