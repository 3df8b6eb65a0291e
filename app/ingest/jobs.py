"""The ingestion jobs: files read -> parsed -> saved in batches (ingest_paths), an upload saved
as a batch of one (ingest_source), stored texts parsed again (reparse_all). All three prepare
documents with `preparing` and save them with `saving.save_documents`: the same limits, the
same rules, one save path."""

import gc
import logging
import os
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from sqlalchemy import Engine, select
from sqlmodel import Session

from app.ingest import saving
from app.ingest.preparing import File, Limits, end_with_parent, parsed, prepare
from app.ingest.saving import Done, FileResult, Prepared, save_documents, stored_at_this_version
from app.readers import SUFFIXES
from app.source import SourceDocument
from app.storage.db import make_engine
from app.storage.tables import Document

log = logging.getLogger("nato_records.ingest")
# A batch job commits up to this many documents at once; a commit costs about as much as
# saving a small document. A slow stream still commits every second.
BATCH_DOCUMENTS = 50
BATCH_SECONDS = 1.0
PREPARE_CHUNK = 8  # files a parse worker takes at a time


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
    transaction per batch (see saving.save_documents): a document that fails leaves nothing behind and
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


def _stored_in_batches(engine: Engine, prepared: Iterable[tuple[Path, Prepared, float]]) -> Iterator[Done]:
    """Save prepared files in batches; their results in the files' order, each batch once committed."""
    batch: list[tuple[Prepared, float]] = []
    opened = 0.0
    for _, item, seconds in prepared:
        if not batch:
            opened = time.perf_counter()
        batch.append((item, seconds))
        if len(batch) >= BATCH_DOCUMENTS or time.perf_counter() - opened >= BATCH_SECONDS:
            yield from save_documents(engine, batch)
            batch = []
    yield from save_documents(engine, batch)


def prepare_and_store(paths: list["File"], limits: Limits, url: str) -> list[Done]:
    """Read, parse and save a chunk of files in a worker process, with that process's own engine."""
    return save_documents(_worker_engine(url), [(prepared, seconds) for _, prepared, seconds in
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
    with ProcessPoolExecutor(max_workers=jobs, initializer=_parse_behind_saving, initargs=(os.getpid(),)) as pool:
        in_flight: deque[Future[list[tuple[Path, Prepared, float]]]] = deque()
        for chunk in _chunks(files, PREPARE_CHUNK):
            in_flight.append(pool.submit(prepare_all, chunk, limits))
            if len(in_flight) >= window:
                yield from in_flight.popleft().result()
        while in_flight:
            yield from in_flight.popleft().result()


def _parse_behind_saving(parent: int) -> None:
    """A parse worker yields the CPU to the process that saves, when both want it, and ends with
    the job's process (see preparing.end_with_parent).

    On SQLite one process saves everything, and it is the job's bottleneck: at equal priority
    beside two workers it ran 32.5 s of CPU in 47 s, about two thirds of a core. 10,000
    reports, side by side: 47.0 / 47.1 s -> 44.4 / 45.4 / 45.8 / 47.2 s."""
    os.nice(5)
    end_with_parent(parent)


def prepare_all(paths: list["File"], limits: Limits) -> list[tuple[Path, Prepared, float]]:
    """Read and parse a few files in a worker process."""
    return [prepare(path, limits) for path in paths]


def _prepared_and_stored(files: Iterator["File"], limits: Limits, jobs: int, url: str) -> Iterator[Done]:
    """Files read, parsed and saved by `jobs` worker processes, a batch each at a time; in order."""
    with ProcessPoolExecutor(max_workers=jobs, initializer=end_with_parent, initargs=(os.getpid(),)) as pool:
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


def ingest_source(engine: Engine, source: SourceDocument, limits: Limits | None = None) -> FileResult:
    """Parse and save a document already read (an upload): a batch of one, within the same limits.

    A database that takes no writes (read-only, full) is raised, not reported as the document's
    failure: the document is fine. The API answers it 503 and drops its connections
    (api/problems.py), so that the file is opened afresh once fixed."""
    with Session(engine) as session:
        if stored_at_this_version(session, source):
            return FileResult(source.source, "unchanged")
    started = time.perf_counter()
    item = parsed(source, limits or Limits())
    return save_documents(engine, [(item, time.perf_counter() - started)])[0][0]


def reparse_all(
    engine: Engine, limits: Limits | None = None, force: bool = False,
    on_result: Callable[[FileResult], None] | None = None,
) -> IngestSummary:
    """Parse the stored texts again with the current parser and save them as ingestion does:
    records updated in place (ids stay), what is no longer found tombstoned, doubts kept.

    Documents already at this parser version are "unchanged" without a parse, unless `force`.
    A text the parser fails on keeps its records and is reported failed."""
    summary = IngestSummary()
    for batch in _stored_batches(engine, force):
        for result, _ in save_documents(engine, [_prepared_again(row, limits or Limits()) for row in batch],
                                        force):
            summary.results.append(result)
            if on_result is not None:
                on_result(result)
    return summary


_DOCUMENTS = Document.__table__  # type: ignore[attr-defined]
_STORED_SOURCES = select(_DOCUMENTS.c.id, _DOCUMENTS.c.source, _DOCUMENTS.c.sha256, _DOCUMENTS.c.format,
                         _DOCUMENTS.c.parser_version).order_by(_DOCUMENTS.c.id)


def _stored_batches(engine: Engine, force: bool) -> Iterator[list[tuple[SourceDocument, bool]]]:
    """The stored documents, a batch at a time, each with whether it is to be parsed again.
    Texts are read for those only, and a batch at a time: a large database never sits in memory."""
    with Session(engine) as session:
        rows = session.execute(_STORED_SOURCES).all()
    for start in range(0, len(rows), BATCH_DOCUMENTS):
        chunk = rows[start:start + BATCH_DOCUMENTS]
        again = [row.id for row in chunk if force or row.parser_version != saving.PARSER_VERSION]
        with Session(engine) as session:
            texts = dict(session.execute(select(_DOCUMENTS.c.id, _DOCUMENTS.c.source_text).where(
                _DOCUMENTS.c.id.in_(again))).all()) if again else {}
        yield [(SourceDocument(row.source, row.sha256, row.format, texts.get(row.id, "")), row.id in texts)
               for row in chunk]


def _prepared_again(stored: tuple[SourceDocument, bool], limits: Limits) -> tuple[Prepared, float]:
    source, again = stored
    if not again:
        return FileResult(source.source, "unchanged"), 0.0
    started = time.perf_counter()
    return parsed(source, limits), time.perf_counter() - started
