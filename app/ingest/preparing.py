"""A document read and parsed within the limits, the same for every job: ingestion, upload, reparse.

The parse time limit is an alarm, which rings only in a process's main thread. A job's own
process and its workers parse there; the API parses an upload in a request thread, so it hands
the text to a parse process of its own (`_parse_elsewhere`), where the alarm can ring.
"""

import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import date
from multiprocessing import get_context
from pathlib import Path

from app.config import Settings
from app.errors import UnreadableDocument
from app.ingest.saving import FileResult, Prepared
from app.parsing import ParsedReport, parse_report
from app.readers import read_document
from app.source import SourceDocument
from app.timeouts import TimeLimitExceeded, time_limit

File = tuple[Path, str]  # a report file, and the source its document records
PARSE_ERRORS = (TimeLimitExceeded, RecursionError, ValueError, MemoryError)
PARSE_PROCESSES = 2  # an API worker's parse processes: two uploads at once parse side by side
STUCK_GRACE_SECONDS = 5.0  # past the limit, a parse the alarm could not stop is killed with its process
PARENT_CHECK_SECONDS = 0.5  # how often a worker looks whether the process that started it is still there


@dataclass(frozen=True)
class Limits:
    """What one document may cost; None means no limit."""

    max_bytes: int | None = None
    max_pages: int | None = None
    max_parse_seconds: float | None = None

    @classmethod
    def of(cls, settings: Settings) -> "Limits":
        """The limits the settings give, the same for ingestion, uploads and reparse."""
        return cls(settings.max_file_bytes, settings.max_pdf_pages, settings.max_parse_seconds)


def prepare(file: File, limits: Limits) -> tuple[Path, Prepared, float]:
    """Read and parse one file (in a worker process when a job has several); no database."""
    path, name = file
    started = time.perf_counter()
    try:
        source = read_document(path, limits.max_bytes, limits.max_pages, source=name)
    except UnreadableDocument as exc:
        return path, FileResult(name, "failed", str(exc)), time.perf_counter() - started
    return path, parsed(source, limits), time.perf_counter() - started


def parsed(source: SourceDocument, limits: Limits) -> Prepared:
    """A document read, parsed within the time limit; or the parser's failure as its result."""
    try:
        return source, parse_within(source.text, limits.max_parse_seconds)
    except PARSE_ERRORS as exc:
        return FileResult(source.source, "failed", f"parser error: {exc}")


def parse_within(text: str, seconds: float | None) -> ParsedReport:
    """parse_report, raising TimeLimitExceeded after `seconds`; the reference date is today."""
    if seconds is not None and threading.current_thread() is not threading.main_thread():
        return _parse_elsewhere(text, seconds)
    with time_limit(seconds):
        return parse_report(text, today=date.today())


_pool: ProcessPoolExecutor | None = None
_pool_lock = threading.Lock()


def _parse_elsewhere(text: str, seconds: float) -> ParsedReport:
    """Parse in one of this process's parse processes, within the time limit.

    They are started (not forked: this process has threads) on the first upload and kept. A
    parse the alarm cannot stop (stuck in a C extension) is given up after a grace period, and
    the processes are replaced; so are processes that died."""
    pool = _parse_pool()
    future = pool.submit(parse_within, text, seconds)
    try:
        return future.result(timeout=seconds + STUCK_GRACE_SECONDS)
    except FutureTimeout:
        _discard(pool)
        raise TimeLimitExceeded(f"took longer than {seconds:g} s") from None
    except BrokenProcessPool:
        _discard(pool)
        raise ValueError("the parse process stopped (out of memory?)") from None


def _parse_pool() -> ProcessPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ProcessPoolExecutor(PARSE_PROCESSES, mp_context=get_context("spawn"),
                                        initializer=end_with_parent, initargs=(os.getpid(),))
        return _pool


def end_with_parent(parent: int) -> None:
    """A worker process's initializer: a thread that ends the worker once `parent`, the process that
    started it, is gone. A pool tells its workers to stop when it shuts down; a parent that is killed
    (SIGKILL, the out-of-memory killer) never does, and its workers, each holding an end of the task
    queue's pipe, would wait for work for ever, 100 MiB each."""
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(0)

    threading.Thread(target=watch, name="end-with-parent", daemon=True).start()


def _discard(pool: ProcessPoolExecutor) -> None:
    """Kill a pool's processes (one may be stuck) and forget it; the next parse starts another."""
    global _pool
    with _pool_lock:
        if _pool is pool:
            _pool = None
    for process in list((pool._processes or {}).values()):  # no public way to stop a busy worker
        process.kill()
    pool.shutdown(wait=False, cancel_futures=True)
