"""Opening a SQLite file afresh once it takes writes again, even under load.

SQLite maps a WAL database's index (the -shm file) once per process and shares that mapping
among all of the process's connections to the file; while one connection opened when the file
could not be written holds it, every new connection is read-only too. Under a steady stream of
reads some connection always holds it, so dropping the pools is not enough: the connections
opened before the refusal must all be closed before a new one opens.

The API watches its two engines (main.py). `reopen(path)` marks every connection to the file as
stale: idle ones are closed at once (the caller disposes its engines), busy ones as they are
checked in, and a new connection waits, a couple of seconds at most, until no stale one is left
(and only in the seconds after a refusal).
"""

import threading
import time
from pathlib import Path

from sqlalchemy import Engine, event

WAIT_SECONDS = 2.0  # at most: a thread that holds a stale connection while opening another must not wait for itself
# Only so long after a refusal: a stale connection whose close is never seen (one left in a pool
# nobody holds any more) must not slow every later connect.
WINDOW_SECONDS = 10.0


class _File:
    def __init__(self) -> None:
        self.changed = threading.Condition()
        self.opened: dict[int, float] = {}  # id of each open DBAPI connection -> when it was opened
        self.stale_before = 0.0

    def stale_ones(self) -> int:
        return sum(1 for opened in self.opened.values() if opened < self.stale_before)

    def connect(self, dbapi_connection: object, _record: object) -> None:
        with self.changed:
            now = time.monotonic()
            deadline = min(now + WAIT_SECONDS, self.stale_before + WINDOW_SECONDS)
            while self.stale_ones() and (left := deadline - time.monotonic()) > 0:
                self.changed.wait(left)
            self.opened[id(dbapi_connection)] = time.monotonic()

    def checkin(self, dbapi_connection: object, record: object) -> None:
        with self.changed:
            stale = self.opened.get(id(dbapi_connection), time.monotonic()) < self.stale_before
        if stale:
            record.invalidate()  # type: ignore[attr-defined]  # closes it: the close event follows

    def invalidated(self, dbapi_connection: object, record: object, _exception: object) -> None:
        self.close(dbapi_connection, record)

    def close(self, dbapi_connection: object, _record: object) -> None:
        with self.changed:
            self.opened.pop(id(dbapi_connection), None)
            self.changed.notify_all()


_files: dict[Path, _File] = {}
_registry = threading.Lock()


def _file(path: Path) -> _File:
    with _registry:
        return _files.setdefault(path, _File())


def watch(engine: Engine, path: Path) -> None:
    """Track the engine's connections to `path`; the wait comes before every other connect listener.
    Watching an engine again adds nothing: its listeners are the same bound methods."""
    tracked = _file(path)
    event.listen(engine, "connect", tracked.connect, insert=True)
    event.listen(engine, "checkin", tracked.checkin)
    event.listen(engine, "close", tracked.close)
    event.listen(engine, "close_detached", tracked.close)
    event.listen(engine, "invalidate", tracked.invalidated)


def reopen(path: Path) -> None:
    """Every connection to `path` open now is stale; the next one opens the file afresh."""
    tracked = _file(path)
    with tracked.changed:
        tracked.stale_before = time.monotonic()
