"""Backups: every table as NDJSON, in dependency order, restorable into an empty database of either kind."""

import json
from collections.abc import Iterator
from datetime import date, datetime
from typing import IO, Any

from sqlalchemy import Date, DateTime, Engine, Table, func, insert, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import SQLModel

from app.parsing import PARSER_VERSION
from app.storage.db import current_revision, reason_of
from app.storage.search import rebuild_index
from app.storage.tables import DataVersion

FORMAT = "nato-records-backup"
VERSION = 2  # 2: a trailer with each table's row count ends the file; 1 (no trailer) is still read
BATCH = 1000


class BackupError(Exception):
    """A backup that cannot be restored here, with the reason."""


SEEDED = ("members", "topics")  # tables the migrations fill, so that even an empty database has rows


def _tables() -> list[Table]:
    # parents before children; the data version is the restoring database's own
    return [t for t in SQLModel.metadata.sorted_tables if t.name != "data_version"]


def _encode(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date | datetime) else value


def export_lines(engine: Engine) -> Iterator[str]:
    """The header, one line per row of every table, streamed, and a trailer that counts them: a
    file cut short (at a line's end or not) is known by its missing or disagreeing trailer."""
    yield json.dumps({"format": FORMAT, "version": VERSION, "revision": current_revision(engine),
                      "parser_version": PARSER_VERSION})
    counts: dict[str, int] = {}
    with engine.connect() as connection:
        for table in _tables():
            order = list(table.primary_key.columns)
            result = connection.execution_options(yield_per=BATCH).execute(select(table).order_by(*order))
            counts[table.name] = 0
            for row in result.mappings():
                counts[table.name] += 1
                yield json.dumps({"table": table.name, "row": {k: _encode(v) for k, v in row.items()}},
                                 ensure_ascii=False)
    yield json.dumps({"end": FORMAT, "rows": counts})


def export_to(engine: Engine, out: IO[str]) -> int:
    """Write a backup; returns the number of rows."""
    rows = -2  # the header and the trailer are no rows
    for line in export_lines(engine):
        out.write(line + "\n")
        rows += 1
    return rows


def import_from(engine: Engine, lines: IO[str]) -> int:
    """Restore a backup into an empty, migrated database, all or nothing; returns the rows restored."""
    try:
        return _import(engine, lines)
    except IntegrityError as exc:  # a row whose parent the backup lacks: rows were lost from it
        reason = reason_of(exc)
        raise BackupError(f"the backup is damaged or incomplete ({reason}); nothing restored") from exc


def _import(engine: Engine, lines: IO[str]) -> int:
    header = json.loads(lines.readline() or "{}")
    if header.get("format") != FORMAT or header.get("version") not in (1, VERSION):
        raise BackupError(f"not a nato-records backup (version 1 or {VERSION})")
    if header.get("revision") != current_revision(engine):
        raise BackupError(f"backup of schema {header.get('revision')}, database at {current_revision(engine)}: "
                          "upgrade the older one first")
    tables = {t.name: t for t in _tables()}
    restored = 0
    with engine.begin() as connection:
        for name, table in tables.items():
            if name not in SEEDED and connection.execute(select(func.count()).select_from(table)).scalar_one():
                raise BackupError(f"the database is not empty (table {name} has rows)")
        for name in SEEDED:  # the seeded members and topics come back from the backup
            connection.execute(tables[name].delete())
        pending: dict[str, list[dict[str, Any]]] = {}
        read: dict[str, int] = dict.fromkeys(tables, 0)
        trailer: dict[str, Any] | None = None
        for number, line in enumerate(lines, start=2):
            if trailer is not None:
                raise BackupError(f"line {number}: rows after the end of the backup")
            try:
                item = json.loads(line)
                if item.get("end") == FORMAT:
                    trailer = item
                    continue
                table = tables[item["table"]]
            except (ValueError, KeyError, TypeError, AttributeError) as exc:
                raise BackupError(f"line {number}: not a row of a known table (a file cut short?)") from exc
            read[table.name] += 1
            batch = pending.setdefault(table.name, [])
            batch.append(_decode(table, item["row"]))
            if len(batch) >= BATCH:
                restored += _flush(connection, tables, pending, upto=table.name)
        restored += _flush(connection, tables, pending, upto=None)
        if header["version"] >= 2:
            _check_complete(trailer, read)
        rebuild_index(connection)
        if connection.dialect.name == "postgresql":
            _reset_sequences(connection)
        connection.execute(update(DataVersion).values(version=DataVersion.version + 1))
    return restored


def _check_complete(trailer: dict[str, Any] | None, read: dict[str, int]) -> None:
    """A backup restores only whole: its trailer there, and every table's count as it says."""
    if trailer is None:
        raise BackupError("the backup has no trailer: it was cut short; nothing restored")
    counted = {name: int(n) for name, n in (trailer.get("rows") or {}).items()}
    short = {name: (n, read.get(name, 0)) for name, n in counted.items() if read.get(name, 0) != n}
    if short:
        name, (expected, found) = next(iter(short.items()))
        raise BackupError(f"table {name}: {found} rows where the backup counts {expected}; nothing restored")


def _flush(connection: Any, tables: dict[str, Table], pending: dict[str, list[dict[str, Any]]],
           upto: str | None) -> int:
    """Insert what is pending, parents first (rows arrive in dependency order)."""
    count = 0
    for name in list(tables):
        rows = pending.pop(name, [])
        if rows:
            connection.execute(insert(tables[name]), rows)
            count += len(rows)
        if name == upto:
            break
    return count


def _decode(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    """JSON values back into the column types (ISO strings into dates and times)."""
    decoded = {}
    for key, value in row.items():
        column = table.columns.get(key)
        if column is None:
            raise BackupError(f"table {table.name} has no column {key}")
        kind = getattr(column.type, "impl", column.type)
        if isinstance(value, str) and isinstance(kind, DateTime):
            value = datetime.fromisoformat(value)
        elif isinstance(value, str) and isinstance(kind, Date):
            value = date.fromisoformat(value)
        decoded[key] = value
    return decoded


def _reset_sequences(connection: Any) -> None:
    """After explicit ids, PostgreSQL's sequences must continue above them."""
    for table in _tables():
        for column in table.primary_key.columns:
            if len(table.primary_key.columns) == 1 and column.type.python_type is int:
                connection.execute(text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', '{column.name}'), "
                    f"COALESCE((SELECT MAX({column.name}) FROM {table.name}), 0) + 1, false)"
                ))
