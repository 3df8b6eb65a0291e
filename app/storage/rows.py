"""The rows of records and how they go in: content hashes, row values, mentions, the change log,
and bulk inserts (COPY on PostgreSQL, one executemany elsewhere) with ids taken ahead."""

import hashlib
import json
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, NamedTuple

import psycopg
from sqlalchemy import Column, Connection, Dialect, MetaData, Table, insert, text
from sqlalchemy.dialects.postgresql import TSVECTOR
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, SQLModel

from app.parsing.records import ParsedReport, Span
from app.storage.search import index_new_entries
from app.storage.stems import tsvector
from app.storage.tables import (
    Change,
    SearchEntry,
)


class StoredMeeting(NamedTuple):
    """What a document's records need of their meeting."""

    id: str
    body: str
    start_date: date
    new: bool = False  # created by this save


# json.dumps with these options builds an encoder at every call; the bytes are the same
_HASH_ENCODER = json.JSONEncoder(sort_keys=True, default=str, ensure_ascii=False)


def content_hash(values: dict[str, Any]) -> str:
    """A stable hash of a record's content."""
    return hashlib.sha256(_HASH_ENCODER.encode(values).encode()).hexdigest()


def insert_rows(session: Session, model: type[SQLModel] | Table, rows: list[dict[str, Any]]) -> None:
    """Insert rows that all have the same keys, straight to the driver: COPY on PostgreSQL
    (psycopg), one executemany elsewhere.

    SQLAlchemy's executemany processes every value of every row in Python, which cost as much
    as SQLite's own work on a document's ~200 rows; here only the columns with a bind processor
    (a timestamp's, a date's on SQLite) are converted, each distinct value once (a document's
    rows share one timestamp). PostgreSQL ran an executemany row by row, each an execution
    of its own: COPY took a batch's rows in a third of the time (1,000 reports, side by side:
    changes 0.63 -> 0.17 s, decisions 0.68 -> 0.53 s, the driver's share 4.2 -> 1.7 s of CPU)."""
    if not rows:
        return
    connection = session.connection()
    keys = tuple(rows[0])
    table = model if isinstance(model, Table) else SQLModel.metadata.tables[str(model.__tablename__)]
    statement = _insert_statement(table, keys, connection.dialect)
    converted = {key: _converted(rows, key, process) for key, process in statement.processors if process}
    if connection.dialect.driver == "psycopg":
        _copy(connection, table.name, keys, _tuples(rows, keys, converted))
    elif statement.order is not None:
        connection.exec_driver_sql(statement.sql, _tuples(rows, statement.order, converted))
    elif converted:
        connection.exec_driver_sql(statement.sql, [
            row | {key: values[index] for key, values in converted.items()} for index, row in enumerate(rows)
        ])
    else:
        connection.exec_driver_sql(statement.sql, rows)


def _tuples(
    rows: list[dict[str, Any]], keys: tuple[str, ...], converted: dict[str, list[Any]]
) -> list[tuple[Any, ...]]:
    """The rows as tuples of these keys' values, converted where `converted` has the column."""
    columns = [converted[key] if key in converted else [row[key] for row in rows] for key in keys]
    return list(zip(*columns, strict=True))


def _copy(connection: Connection, table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    """Rows into a PostgreSQL table with COPY, in the connection's transaction; a database
    error comes out as SQLAlchemy's, as from any other statement."""
    sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        with cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)
    except psycopg.Error as exc:
        raise DBAPIError.instance(sql, None, exc, psycopg.Error, dialect=connection.dialect) from exc
    finally:
        cursor.close()


def _converted(rows: list[dict[str, Any]], key: str, process: Callable[[Any], Any]) -> list[Any]:
    """One column of the rows through its bind processor, each distinct value converted once."""
    done: dict[Any, Any] = {}
    values = []
    for row in rows:
        value = row[key]
        try:
            if value not in done:
                done[value] = process(value)
            values.append(done[value])
        except TypeError:  # an unhashable value
            values.append(process(value))
    return values


@dataclass(frozen=True)
class _InsertStatement:
    sql: str  # in the driver's parameter style
    order: tuple[str, ...] | None  # the columns in the order of positional parameters; None: named
    processors: tuple[tuple[str, Callable[[Any], Any] | None], ...]  # each column's bind processor


_INSERTS: dict[tuple[str, tuple[str, ...], str, str], _InsertStatement] = {}


def _insert_statement(table: Table, columns: tuple[str, ...], dialect: Dialect) -> _InsertStatement:
    """The driver's INSERT for these columns of a table, built once per dialect and parameter style."""
    key = (table.name, columns, dialect.name, dialect.paramstyle)
    if key not in _INSERTS:
        compiled = insert(table).compile(dialect=dialect, column_keys=list(columns))
        _INSERTS[key] = _InsertStatement(
            str(compiled), tuple(compiled.positiontup or ()) if compiled.positional else None,
            tuple((name, table.c[name].type.dialect_impl(dialect).bind_processor(dialect)) for name in columns),
        )
    return _INSERTS[key]


# PostgreSQL's search entries with their tsvector column, which the migrations make and the model
# leaves out (on SQLite the index is FTS5 tables of its own)
_POSTGRES_SEARCH_ENTRIES = SearchEntry.__table__.to_metadata(MetaData())  # type: ignore[attr-defined]
_POSTGRES_SEARCH_ENTRIES.append_column(Column("tsv", TSVECTOR))


def add_search_entries(session: Session, entries: list[dict[str, Any]]) -> None:
    """Insert search entries (kind, record_id, language, text) with their full-text index.

    On PostgreSQL an entry's row holds its tsvector, computed here (stems.tsvector). On SQLite
    the FTS5 tables need each entry's id, so ids are taken ahead (see new_ids)."""
    if session.get_bind().dialect.name != "sqlite":
        insert_rows(session, _POSTGRES_SEARCH_ENTRIES, [
            entry | {"tsv": tsvector(str(entry["text"]), str(entry["language"]))} for entry in entries])
        return
    ids = new_ids(session, SearchEntry, len(entries))
    entries = [entry | {"id": entry_id} for entry, entry_id in zip(entries, ids, strict=True)]
    insert_rows(session, SearchEntry, entries)
    index_new_entries(session.connection(), entries)


def new_ids(session: Session, model: type[SQLModel], count: int) -> list[int]:
    """`count` unused ids of a table with an integer key, ascending, taken inside the transaction.

    PostgreSQL draws them from the key's sequence in one statement. SQLite gives a new row the
    largest id plus one; that is safe to take ahead only while this transaction holds the write
    lock, which it does from its first write on (the document's row)."""
    if count == 0:
        return []
    table = model.__table__  # type: ignore[attr-defined]
    if session.get_bind().dialect.name == "postgresql":
        drawn = session.execute(
            text("SELECT nextval(pg_get_serial_sequence(:table, 'id')) FROM generate_series(1, :count)"),
            {"table": table.name, "count": count},
        ).scalars().all()
        return sorted(drawn)
    largest = session.connection().exec_driver_sql(f"SELECT max(id) FROM {table.name}").scalar() or 0
    return list(range(largest + 1, largest + 1 + count))


def mention_rows(
    document_id: int, parsed: ParsedReport, item_ids: list[int], decision_rows: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """A document's mentions, each linked to the innermost agenda item and the decision holding it."""
    spans = [Span(i.span.start, i.span.end) for i in parsed.agenda_items] if item_ids else []
    span_starts = [span.start for span in spans]
    sentences = sorted((d["span_start"], d["span_end"], d["id"]) for d in decision_rows)
    starts = [start for start, _, _ in sentences]
    rows = []
    for mention in parsed.mentions:
        item = _innermost(spans, span_starts, mention.span)
        at = bisect_right(starts, mention.span.start) - 1  # decision sentences never overlap
        decision = sentences[at][2] if at >= 0 and mention.span.start < sentences[at][1] else None
        rows.append({
            "document_id": document_id, "member_code": mention.code, "surface": mention.surface,
            "span_start": mention.span.start, "span_end": mention.span.end,
            "agenda_item_id": item_ids[item] if item is not None else None, "decision_id": decision,
        })
    return rows


def _innermost(spans: list[Span], starts: list[int], target: Span) -> int | None:
    """The last of the spans (in document order, `starts` theirs) that holds the target's start:
    the innermost section. Searched back from the last span starting before it."""
    for index in range(bisect_right(starts, target.start) - 1, -1, -1):
        if target.start < spans[index].end:
            return index
    return None


def log_change(session: Session, resource: str, record_id: object, op: str, now: datetime) -> None:
    session.add(Change(resource=resource, record_id=str(record_id), op=op, changed_at=now))


def meeting_copies(meeting: StoredMeeting) -> dict[str, Any]:
    """What a decision copies of its meeting (never part of its content hash: it follows meeting_id)."""
    return {"meeting_date": meeting.start_date, "meeting_body": meeting.body}


def item_values(
    document_id: int | None, meeting: StoredMeeting, position: int, item: Any, parent_id: int | None
) -> dict[str, Any]:
    return {
        "meeting_id": meeting.id, "document_id": document_id, "position": position, "title": item.title,
        "number": item.number, "parent_id": parent_id, "span_start": item.span.start, "span_end": item.span.end,
    }


def decision_values(
    document_id: int | None, meeting: StoredMeeting, position: int, decision: Any, item_id: int | None
) -> dict[str, Any]:
    return {
        "meeting_id": meeting.id, "document_id": document_id, "position": position, "text": decision.text,
        "kind": decision.kind, "agenda_item_id": item_id, "span_start": decision.span.start,
        "span_end": decision.span.end,
    }


def mark_changed(session: Session) -> None:
    """Note in the session that a document's records changed (its meetings are logged again)."""
    session.info["records_changed"] = True
