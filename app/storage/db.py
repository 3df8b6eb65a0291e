"""Engine and session factory, SQLite pragmas, and migrations to head."""

from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, InterfaceError, NoSuchModuleError, OperationalError
from sqlmodel import Session


def make_engine(url: str, for_writing: bool = False, threads: int | None = None, pool_timeout: float = 30.0) -> Engine:
    """An engine for a SQLite or PostgreSQL URL; SQLite gets foreign keys and WAL.

    On SQLite the engine begins its transactions itself: pysqlite's own handling begins one
    only before a write, so that a SAVEPOINT (a document of an ingestion batch) would open
    and commit a transaction of its own. `for_writing` (the ingestion jobs) makes SQLite
    take its write lock when a transaction begins, so that two jobs queue for it instead of
    both reading and then failing to upgrade to writing.

    `threads` (the API): the pool holds a connection for each thread and as many again for
    finished requests whose sessions wait to be closed, and a request waits `pool_timeout`
    seconds at most for one, so that a load past the pool is answered, not queued for ever.
    """
    check_url(url)
    parsed = make_url(url)
    pool: dict[str, Any] = {"pool_timeout": pool_timeout}
    if threads is not None:
        pool |= {"pool_size": threads, "max_overflow": threads}
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 60}, **pool)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "connect", _sqlite_manual_transactions)
        event.listen(engine, "begin", _sqlite_begin_immediate if for_writing else _sqlite_begin)
        if for_writing:
            event.listen(engine, "connect", _sqlite_writer_cache)
        return engine
    return create_engine(url, pool_pre_ping=True, **pool)


def _sqlite_manual_transactions(connection, _record) -> None:
    connection.isolation_level = None  # pysqlite must not emit its own BEGIN


def _sqlite_begin(connection) -> None:
    connection.exec_driver_sql("BEGIN")


def _sqlite_begin_immediate(connection) -> None:
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def _sqlite_pragmas(connection, _record) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    # In WAL mode NORMAL cannot corrupt the database; after a power cut the last commits may be
    # missing, and ingesting again restores them. FULL's sync at every commit cost 1.5 ms each.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=60000")
    cursor.close()


def _sqlite_writer_cache(connection, _record) -> None:
    # A job's inserts touch index and full-text pages all over a growing file. 64 MiB of cache
    # instead of SQLite's default 2 MiB is a small gain (10,000 reports, interleaved runs:
    # 51-58 -> 48-52 s; later 48.5-51.9 -> 46.8-48.9 s), and most of the job's peak RSS
    connection.execute("PRAGMA cache_size=-65536")


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session that is closed afterwards; the caller commits."""
    with Session(engine, expire_on_commit=False) as session:
        yield session


def migrations_path() -> Path:
    """The Alembic scripts: inside the installed package, or the source tree's migrations/."""
    packaged = Path(str(resources.files("app"))) / "_migrations"
    if (packaged / "env.py").exists():
        return packaged
    return Path(__file__).resolve().parents[2] / "migrations"


def alembic_config(url: str) -> Config:
    """An Alembic configuration for `url`, without needing alembic.ini."""
    check_url(url)
    config = Config()
    config.set_main_option("script_location", str(migrations_path()))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str) -> None:
    """Apply every migration up to head."""
    with reaching(url):
        command.upgrade(alembic_config(url), "head")


def current_revision(engine: Engine) -> str | None:
    """The schema revision the database is at."""
    with engine.connect() as connection:
        return revision_of(connection)


def revision_of(connection: Connection) -> str | None:
    """The schema revision, asked on a connection the caller holds (a request's session's:
    checking out a second one while holding the first can wait for ever on a full pool)."""
    return MigrationContext.configure(connection).get_current_revision()


def head_revision(url: str) -> str | None:
    """The newest revision the code knows."""
    return ScriptDirectory.from_config(alembic_config(url)).get_current_head()


class UnusableDatabase(Exception):
    """A database URL that names no database, a database that cannot be reached, or one a
    command that only reads finds missing or at another schema: one line says which."""


def check_url(url: str) -> None:
    """Refuse a URL SQLAlchemy cannot use, naming it."""
    try:
        make_url(url).get_dialect()
    except (ArgumentError, NoSuchModuleError) as exc:
        raise UnusableDatabase(f"{redacted(url)!r} is not a database URL "
                               "(sqlite:///FILE or postgresql+psycopg://USER@HOST/DB)") from exc


# what a driver says when it never got to the database
_UNREACHED = ("connect", "could not", "refused", "does not exist", "unable to open", "timeout", "timed out",
              "no such host", "name or service")


@contextmanager
def reaching(url: str) -> Iterator[None]:
    """A database that refuses the connection, or is not there, named in one line."""
    try:
        yield
    except (OperationalError, InterfaceError) as exc:
        reason = reason_of(exc)
        reached = not any(sign in reason.lower() for sign in _UNREACHED)
        state = "the database refused the work" if reached else "the database is unavailable"
        raise UnusableDatabase(f"{redacted(url)}: {state}: {reason}") from exc


def redacted(url: str) -> str:
    """The URL with its password hidden, fit for a message or a log line."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def open_existing(url: str, for_writing: bool = False) -> Engine:
    """An engine on a database that exists and holds this version's schema: what a command that
    reads (or changes a few rows) needs, which must neither create a database nor migrate one."""
    check_url(url)
    parsed = make_url(url)
    in_a_file = parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:")
    if in_a_file and not Path(str(parsed.database)).is_file():
        raise UnusableDatabase(f"{redacted(url)}: no such database file "
                               "(`nato-records migrate` or `ingest` creates one)")
    engine = make_engine(url, for_writing=for_writing)
    with reaching(url):
        revision, head = current_revision(engine), head_revision(url)
    if revision is None:
        engine.dispose()
        raise UnusableDatabase(f"{redacted(url)}: holds no nato-records schema (`nato-records migrate` creates it)")
    if revision != head:
        engine.dispose()
        raise UnusableDatabase(f"{redacted(url)}: its schema is at revision {revision}, this version reads {head} "
                       "(`nato-records migrate` upgrades it)")
    return engine


def database_file(engine: Engine) -> Path | None:
    """The file of a SQLite database; None for PostgreSQL or an in-memory one."""
    url = engine.url
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(str(url.database)).absolute()


def file_identity(path: Path | None) -> tuple[int, int] | None:
    """The device and inode a database file has now (None when there is none)."""
    try:
        found = path.stat() if path is not None else None
    except OSError:
        return None
    return (found.st_dev, found.st_ino) if found is not None else None


def file_gone(path: Path | None, identity: tuple[int, int] | None) -> str | None:
    """Why the database file the service opened is not the one at its path any more, or None.
    SQLite goes on reading and writing a deleted file through the handles it holds: what it
    writes then is lost at the next start, which finds no file (or another one)."""
    if path is None or identity is None:
        return None
    now = file_identity(path)
    if now is None:
        return f"the database file {path} was deleted while the service ran"
    if now != identity:
        return f"the database file {path} was replaced while the service ran"
    return None


# What SQLite and PostgreSQL say when the database takes no writes at all
_REFUSALS = ("readonly", "read-only", "read only", "disk is full", "database or disk is full", "no space left")


def refuses_writes(exc: DBAPIError) -> bool:
    """Whether the database refuses every write (read-only, disk full), not this one only."""
    return any(sign in str(exc.orig).lower() for sign in _REFUSALS)


# PostgreSQL's SQLSTATE classes of a statement's own fault: bad data (22), a broken rule (23; but a
# unique key, which two jobs may both insert, and a reference to a row another job may have just
# removed), a limit exceeded (54); SQLite's names for the same
_OWN_FAULT_STATES = ("22", "23", "54")
_OTHER_JOBS_STATES = ("23505", "23503")
_OWN_FAULT_SQLITE = ("SQLITE_CONSTRAINT_NOTNULL", "SQLITE_CONSTRAINT_CHECK", "SQLITE_TOOBIG", "SQLITE_MISMATCH",
                     "SQLITE_RANGE")


def rows_at_fault(exc: DBAPIError) -> bool:
    """Whether the rows written broke a rule or a limit of the database (a value too long, a
    missing one): writing them again cannot succeed, unlike after a collision with another job."""
    state = getattr(exc.orig, "sqlstate", None) or ""  # psycopg
    if state:
        return state.startswith(_OWN_FAULT_STATES) and state not in _OTHER_JOBS_STATES
    return getattr(exc.orig, "sqlite_errorname", "") in _OWN_FAULT_SQLITE


def reason_of(exc: DBAPIError) -> str:
    """The database's own one-line reason for a failed statement (or the error's kind)."""
    message = str(exc.orig).strip() if exc.orig is not None else ""
    return message.splitlines()[0] if message else type(exc).__name__
