"""Alembic environment: one revision chain for SQLite and PostgreSQL."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO

from alembic import context
from sqlalchemy import engine_from_config, pool, text
from sqlalchemy.engine import make_url
from sqlmodel import SQLModel

try:
    import fcntl
except ImportError:  # Windows: no lock between processes; start one first
    fcntl = None  # type: ignore[assignment]

import app.storage.tables  # noqa: F401  (registers the tables on the metadata)

config = context.config
target_metadata = SQLModel.metadata

# Full-text indexes are database-specific and made by hand in the migrations.
_HAND_MADE = ("search_fts", "search_entries_tsv", "ix_search_entries_tsv")


def include_name(name, type_, parent_names):  # type: ignore[no-untyped-def]
    return not (name or "").startswith(_HAND_MADE)


def include_object(obj, name, type_, reflected, compare_to):  # type: ignore[no-untyped-def]
    if type_ == "column" and name == "tsv":
        return False
    return not (name or "").startswith(_HAND_MADE)


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
        include_name=include_name,
        include_object=include_object,
    )
    with context.begin_transaction():
        context.run_migrations()


# Several processes may start at once (`serve --workers`, replicas, compose): they take turns,
# so that the second finds the schema made instead of racing to make it ("table documents
# already exists", UniqueViolation). On PostgreSQL by an advisory lock held for the whole
# upgrade; on SQLite by a lock on a file beside the database (its own locks do not span the
# several transactions of an upgrade).
MIGRATION_LOCK = 0x6E61746F  # "nato"


@contextmanager
def _file_lock(url: str) -> Iterator[None]:
    database = make_url(url).database
    if not url.startswith("sqlite") or database in (None, "", ":memory:") or fcntl is None:
        yield
        return
    lock = _open_lock(f"{database}.migrate-lock")
    if lock is None:  # a folder nothing may be written in: nothing can be migrated there either
        yield
        return
    with lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _open_lock(path: str) -> IO[str] | None:
    """The lock file, opened to write if it may be, else to read (a lock needs no more): a database
    on a read-only volume is still served, and `upgrade` finds it at head."""
    for mode in ("a", "r"):
        try:
            return open(path, mode)
        except OSError:
            continue
    return None


def run_migrations_online() -> None:
    url = config.get_main_option("sqlalchemy.url") or ""
    with _file_lock(url):
        _run_migrations_online(url)


def _run_migrations_online(url: str) -> None:
    connectable = engine_from_config(
        config.get_section(config.config_ini_section, {}), prefix="sqlalchemy.", poolclass=pool.NullPool,
        **({"connect_args": {"timeout": 60}} if url.startswith("sqlite") else {}),
    )
    with connectable.connect() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATION_LOCK})
            connection.commit()  # the lock is the session's; the migrations run in transactions of their own
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
            include_name=include_name,
            include_object=include_object,
        )
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
