"""save_report: parsed records -> rows. Flushes, never commits: the job owns the transaction
and ends it with commit_writes, which raises the data version once if anything was written.

Every record carries a content hash; `updated_at` moves and a change is logged
only when that hash changes. Re-parsing a document updates its agenda items and
decisions in place, matched by their text first and then by their place (_pair), so
their ids stay; what a new parse no longer finds is deleted and leaves a tombstone in
the change log.
"""

import hashlib
import json
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Literal, NamedTuple

import psycopg
from sqlalchemy import Connection, Dialect, Row, and_, bindparam, delete, insert, or_, text, update
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, SQLModel, col, func, select

from app.parsing.records import ParsedMeeting, ParsedReport, Span
from app.source import SourceDocument
from app.storage.search import index_new_entries, reindex_entry
from app.storage.tables import (
    AgendaItem,
    Change,
    DataVersion,
    Decision,
    Document,
    Meeting,
    MeetingDocument,
    Mention,
    SearchEntry,
)
from app.storage.topic_links import Rows, clear_topics, merge, topic_rows

Outcome = Literal["inserted", "updated", "unchanged"]


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


def find_document(session: Session, sha256: str) -> Document | None:
    """The stored document with these bytes, if any."""
    return session.exec(select(Document).where(Document.sha256 == sha256)).first()


_DOCUMENTS = Document.__table__  # type: ignore[attr-defined]
# Built once: building and hashing a statement for every document cost more than its answer
_DOCUMENTS_OF_BYTES = select(_DOCUMENTS.c.sha256, _DOCUMENTS.c.id, _DOCUMENTS.c.parser_version).where(
    _DOCUMENTS.c.sha256.in_(bindparam("sha256s", expanding=True))
)
# several rows in one statement, their ids in the rows' order (SQLAlchemy's "insertmanyvalues")
_NEW_DOCUMENTS = insert(_DOCUMENTS).returning(_DOCUMENTS.c.id, sort_by_parameter_order=True)


def save_report(
    session: Session, source: SourceDocument, parsed: ParsedReport, parser_version: str, now: datetime
) -> Outcome:
    """Store a parsed report; the same bytes parsed by the same parser version are a no-op.

    Whether the bytes are stored is asked without loading the document (mostly they are not)."""
    stored = stored_document(session, source.sha256)
    if stored is not None:
        return save_over_stored(session, stored, parsed, parser_version, now)
    save_new_report(session, source, parsed, parser_version, now)
    return "inserted"


def save_over_stored(
    session: Session, stored: Row[Any], parsed: ParsedReport, parser_version: str, now: datetime
) -> Outcome:
    """A report whose bytes are stored (`stored_document`): nothing to do at the same parser
    version, else its records are brought in line with the new parse, through the ORM."""
    if stored.parser_version == parser_version:
        return "unchanged"
    existing = session.get_one(Document, stored.id)
    return "updated" if replace_records(session, existing, parsed, parser_version, now) else "unchanged"


def stored_document(session: Session, sha256: str) -> Row[Any] | None:
    """The id and parser version of the stored document with these bytes, if any."""
    return stored_documents(session, [sha256]).get(sha256)


def stored_documents(session: Session, sha256s: list[str]) -> dict[str, Any]:
    """`stored_document` for many: by sha256, those stored."""
    if not sha256s:
        return {}
    rows = session.connection().execute(_DOCUMENTS_OF_BYTES, {"sha256s": sha256s})
    return {row.sha256: row for row in rows}


def save_new_report(
    session: Session, source: SourceDocument, parsed: ParsedReport, parser_version: str, now: datetime
) -> None:
    """Store a report whose bytes are not stored, with Core statements only (no ORM object)."""
    save_new_reports(session, [(source, parsed)], parser_version, now)


def save_new_reports(
    session: Session, reports: list[tuple[SourceDocument, ParsedReport]], parser_version: str, now: datetime
) -> None:
    """Store reports whose bytes are not stored (each different), in one statement per table.

    Statements for a batch's documents together: per document, each of the dozen statements
    a save runs cost SQLAlchemy's and the driver's overhead (and a round trip on PostgreSQL)
    on top of the rows. Two documents about one meeting share it (upsert_meetings)."""
    if not reports:
        return
    rows = [_document_row(source, parsed, parser_version, now) for source, parsed in reports]
    # the first write: on SQLite the transaction holds the write lock from here (see new_ids)
    document_ids = session.connection().execute(_NEW_DOCUMENTS, rows).scalars().all()
    meetings = iter(upsert_meetings(session, [
        (parsed.dated_meeting, parsed.document.kind != "agenda") for _, parsed in reports
        if parsed.dated_meeting is not None
    ], now))
    plans = [_Planned(document_id, next(meetings) if parsed.dated_meeting is not None else None, parsed)
             for document_id, (_, parsed) in zip(document_ids, reports, strict=True)]
    _insert_new_records(session, plans, now)
    session.info[_WRITTEN] = True


def _document_row(source: SourceDocument, parsed: ParsedReport, parser_version: str, now: datetime) -> dict[str, Any]:
    fields = _document_fields(parsed)
    return {
        "source": source.source, "sha256": source.sha256, "format": source.format, "source_text": source.text,
        "parser_version": parser_version, "content_hash": content_hash(fields), "ingested_at": now,
        "updated_at": now, **fields,
    }


_WRITTEN = "nato_records.written"  # session.info: this transaction wrote records


def commit_writes(session: Session) -> None:
    """Commit, with the data version raised if save_report or replace_records wrote anything.

    Raised once, right before the commit: its one row stays locked until then, and on
    PostgreSQL a job that held it while waiting for a row of another job would deadlock
    with that job waiting for it."""
    if session.info.pop(_WRITTEN, False):
        bump_data_version(session)
    session.commit()


def bump_data_version(session: Session) -> None:
    """Raise the data version in this transaction, so that response caches drop what they hold."""
    session.execute(update(DataVersion).values(version=DataVersion.version + 1))


def data_version(connection: Connection) -> int:
    """The current data version (0 where nothing was ever written)."""
    return connection.execute(select(DataVersion.version)).scalar() or 0


def replace_records(
    session: Session, document: Document, parsed: ParsedReport, parser_version: str, now: datetime
) -> bool:
    """Bring a stored document's records in line with a new parse; True when anything changed."""
    fields = _document_fields(parsed)
    new_hash = content_hash(fields)
    changed = new_hash != document.content_hash
    if changed:
        for key, value in fields.items():
            setattr(document, key, value)
        document.content_hash = new_hash
        document.updated_at = now
    if changed or document.parser_version != parser_version:
        # a new parser version is news to a mirror, though the content (and updated_at) stay
        _log(session, "documents", document.id, "updated", now)
    document.parser_version = parser_version
    session.add(document)
    session.flush()
    session.info[_WRITTEN] = True  # the parser version at least
    return _sync_records(session, document, parsed, now) or changed


def _document_fields(parsed: ParsedReport) -> dict[str, Any]:
    doc = parsed.document
    hint = parsed.meeting if parsed.dated_meeting is None else None  # named, not dated
    return {
        "title": doc.title, "language": doc.language, "kind": doc.kind, "date": doc.date,
        "dossier": doc.dossier, "number": doc.number, "text": doc.text, "body_end": doc.body_end,
        "doubts": json.dumps(list(parsed.problems), ensure_ascii=False),
        "hint_body": hint.body if hint else None, "hint_location": hint.location if hint else None,
    }


def _item_values(
    document_id: int | None, meeting: StoredMeeting, position: int, item: Any, parent_id: int | None
) -> dict[str, Any]:
    return {
        "meeting_id": meeting.id, "document_id": document_id, "position": position, "title": item.title,
        "number": item.number, "parent_id": parent_id, "span_start": item.span.start, "span_end": item.span.end,
    }


def _decision_values(
    document_id: int | None, meeting: StoredMeeting, position: int, decision: Any, item_id: int | None
) -> dict[str, Any]:
    return {
        "meeting_id": meeting.id, "document_id": document_id, "position": position, "text": decision.text,
        "kind": decision.kind, "agenda_item_id": item_id, "span_start": decision.span.start,
        "span_end": decision.span.end,
    }


@dataclass
class _Planned:
    """A new document, its meeting, and the records it will have (none without a meeting)."""

    document_id: int
    meeting: StoredMeeting | None
    parsed: ParsedReport

    @property
    def items(self) -> tuple[Any, ...]:
        return self.parsed.agenda_items if self.meeting else ()

    @property
    def decisions(self) -> tuple[Any, ...]:
        return self.parsed.decisions if self.meeting else ()


def _insert_new_records(session: Session, plans: list[_Planned], now: datetime) -> None:
    """The records of new documents, inserted together: ids are taken ahead, one statement per
    table, so that no insert has to return them (SQLite returns them one statement per row)."""
    item_ids = iter(new_ids(session, AgendaItem, sum(len(p.items) for p in plans)))
    decision_ids = iter(new_ids(session, Decision, sum(len(p.decisions) for p in plans)))
    stamps = {"created_at": now, "updated_at": now}
    links, items, decisions, mentions, entries, changes = [], [], [], [], [], []
    topics: Rows = {}
    for plan in plans:
        if plan.meeting is not None:
            links.append({"meeting_id": plan.meeting.id, "document_id": plan.document_id})
        item_rows = _agenda_item_rows(plan, [next(item_ids) for _ in plan.items], stamps)
        decision_rows = _decision_rows(plan, [row["id"] for row in item_rows],
                                       [next(decision_ids) for _ in plan.decisions], stamps)
        items += item_rows
        decisions += decision_rows
        mentions += _mention_rows(plan.document_id, plan.parsed, [row["id"] for row in item_rows], decision_rows)
        entries += _search_rows(plan, item_rows, decision_rows)
        merge(topics, topic_rows(plan.document_id, plan.parsed, [row["id"] for row in item_rows],
                                 [row["id"] for row in decision_rows]))
        changes += [("documents", plan.document_id)] + [("agenda_items", row["id"]) for row in item_rows]
        changes += [("decisions", row["id"]) for row in decision_rows]
    # a meeting's counts and topics follow its documents: one that had some already changes
    changes += [("meetings", m) for m in sorted({p.meeting.id for p in plans if p.meeting and not p.meeting.new})]
    tables: list[tuple[type[SQLModel], list[dict[str, Any]]]] = [
        (MeetingDocument, links), (AgendaItem, items), (Decision, decisions), (Mention, mentions), *topics.items()]
    for model, rows in tables:
        insert_rows(session, model, rows)
    add_search_entries(session, entries)
    insert_rows(session, Change, [
        {"resource": resource, "record_id": str(i), "op": "updated" if resource == "meetings" else "created",
         "changed_at": now} for resource, i in changes
    ])


def _search_rows(
    plan: _Planned, item_rows: list[dict[str, Any]], decision_rows: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The search entries of a new document: its body, its agenda items' titles, its decisions."""
    document = plan.parsed.document
    language = document.language
    entries = [{"kind": "document", "record_id": plan.document_id, "language": language,
                "text": document.text[: document.body_end]}]
    entries += [{"kind": "agenda_item", "record_id": row["id"], "language": language, "text": row["title"]}
                for row in item_rows]
    entries += [{"kind": "decision", "record_id": row["id"], "language": language, "text": row["text"]}
                for row in decision_rows]
    return entries


def _meeting_copies(meeting: StoredMeeting) -> dict[str, Any]:
    """What a decision copies of its meeting (never part of its content hash: it follows meeting_id)."""
    return {"meeting_date": meeting.start_date, "meeting_body": meeting.body}


def _agenda_item_rows(plan: _Planned, ids: list[int], stamps: dict[str, datetime]) -> list[dict[str, Any]]:
    """A new document's agenda items with their ids; a parent always comes before its children."""
    if plan.meeting is None:
        return []
    rows = []
    for position, (item_id, item) in enumerate(zip(ids, plan.items, strict=True)):
        parent = ids[item.parent] if item.parent is not None else None
        values = _item_values(plan.document_id, plan.meeting, position, item, parent)
        rows.append(values | stamps | {"id": item_id, "content_hash": content_hash(values)})
    return rows


def _decision_rows(
    plan: _Planned, item_ids: list[int], ids: list[int], stamps: dict[str, datetime]
) -> list[dict[str, Any]]:
    if plan.meeting is None:
        return []
    copies = _meeting_copies(plan.meeting)
    rows = []
    for position, (decision_id, decision) in enumerate(zip(ids, plan.decisions, strict=True)):
        item = item_ids[decision.agenda_item] if decision.agenda_item is not None else None
        values = _decision_values(plan.document_id, plan.meeting, position, decision, item)
        rows.append(values | stamps | copies | {"id": decision_id, "content_hash": content_hash(values)})
    return rows


def insert_rows(session: Session, model: type[SQLModel], rows: list[dict[str, Any]]) -> None:
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
    table = str(model.__tablename__)
    statement = _insert_statement(table, keys, connection.dialect)
    converted = {key: _converted(rows, key, process) for key, process in statement.processors if process}
    if connection.dialect.driver == "psycopg":
        _copy(connection, table, keys, _tuples(rows, keys, converted))
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


def _insert_statement(table_name: str, columns: tuple[str, ...], dialect: Dialect) -> _InsertStatement:
    """The driver's INSERT for these columns of a table, built once per dialect and parameter style."""
    key = (table_name, columns, dialect.name, dialect.paramstyle)
    if key not in _INSERTS:
        table = SQLModel.metadata.tables[table_name]
        compiled = insert(table).compile(dialect=dialect, column_keys=list(columns))
        _INSERTS[key] = _InsertStatement(
            str(compiled), tuple(compiled.positiontup or ()) if compiled.positional else None,
            tuple((name, table.c[name].type.dialect_impl(dialect).bind_processor(dialect)) for name in columns),
        )
    return _INSERTS[key]


def add_search_entries(session: Session, entries: list[dict[str, Any]]) -> None:
    """Insert search entries (kind, record_id, language, text) and add them to the full-text index.

    On SQLite the index needs each entry's id, so ids are taken ahead (see new_ids)."""
    if session.get_bind().dialect.name == "sqlite":
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


def _mention_rows(
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


def _log(session: Session, resource: str, record_id: object, op: str, now: datetime) -> None:
    session.add(Change(resource=resource, record_id=str(record_id), op=op, changed_at=now))


def _sync_records(session: Session, document: Document, parsed: ParsedReport, now: datetime) -> bool:
    """Meeting link, agenda items, decisions, mentions and search entries of one document."""
    assert document.id is not None
    session.info.pop("records_changed", None)
    old_meetings = set(session.exec(
        select(MeetingDocument.meeting_id).where(MeetingDocument.document_id == document.id)
    ).all())
    meeting = None
    if parsed.dated_meeting is not None:
        meeting = upsert_meeting(session, parsed.dated_meeting, now, authoritative=parsed.document.kind != "agenda")
    _link_meeting(session, document.id, old_meetings, meeting)
    item_rows, leftover_items = _sync_agenda_items(session, document, parsed, meeting, now)
    decision_rows = _sync_decisions(session, document, parsed, meeting, item_rows, now)
    for row in leftover_items:
        _delete(session, row, "agenda_items", now)
    _replace_mentions(session, document.id, parsed, item_rows, decision_rows)
    _replace_topics(session, document.id, parsed, item_rows, decision_rows)
    _index(session, "document", document.id, document.language, document.text[: document.body_end])
    session.flush()
    deleted = _delete_orphan_meetings(session, old_meetings - ({meeting.id} if meeting else set()), now)
    changed = bool(session.info.pop("records_changed", False))
    if changed:  # a meeting's counts and topics follow its documents' records: a mirror fetches it again
        for meeting_id in sorted((old_meetings | ({meeting.id} if meeting else set())) - deleted):
            _log(session, "meetings", meeting_id, "updated", now)
    return changed


def _replace_topics(
    session: Session, document_id: int, parsed: ParsedReport, items: list[AgendaItem], decisions: list[Decision]
) -> None:
    """A reparse re-tags: the document's topic links are those of its new parse."""
    item_ids = [row.id for row in items if row.id is not None]
    decision_ids = [row.id for row in decisions if row.id is not None]
    clear_topics(session, document_id, item_ids, decision_ids)
    session.flush()
    for model, rows in topic_rows(document_id, parsed, item_ids, decision_ids).items():
        insert_rows(session, model, rows)


def _mark_changed(session: Session) -> None:
    session.info["records_changed"] = True


def _link_meeting(session: Session, document_id: int, old: set[str], meeting: StoredMeeting | None) -> None:
    if meeting is not None and meeting.id not in old:
        session.add(MeetingDocument(meeting_id=meeting.id, document_id=document_id))
        _mark_changed(session)
    for meeting_id in old - ({meeting.id} if meeting else set()):
        session.execute(delete(MeetingDocument).where(
            col(MeetingDocument.document_id) == document_id, col(MeetingDocument.meeting_id) == meeting_id
        ))
    session.flush()


def _upsert_row(
    session: Session, row: SQLModel | None, model: type[SQLModel], values: dict[str, Any], resource: str,
    now: datetime, copies: dict[str, Any] | None = None,
) -> Any:
    """Insert a row, or update it when its content hash changed; log either. `copies` are set
    with the values but not hashed: they follow from them."""
    new_hash = content_hash(values)
    values_and_copies = values | (copies or {})
    if row is None:
        row = model(**values_and_copies, content_hash=new_hash, created_at=now, updated_at=now)
        session.add(row)
        session.flush()
        _log(session, resource, row.id, "created", now)  # type: ignore[attr-defined]
        _mark_changed(session)
    elif row.content_hash != new_hash:  # type: ignore[attr-defined]
        for key, value in values_and_copies.items():
            setattr(row, key, value)
        row.content_hash, row.updated_at = new_hash, now
        session.add(row)
        session.flush()
        _log(session, resource, row.id, "updated", now)  # type: ignore[attr-defined]
        _mark_changed(session)
    return row


def _sync_agenda_items(
    session: Session, document: Document, parsed: ParsedReport, meeting: StoredMeeting | None, now: datetime
) -> tuple[list[AgendaItem], list[AgendaItem]]:
    items = parsed.agenda_items if meeting is not None else ()
    stored = list(session.exec(select(AgendaItem).where(AgendaItem.document_id == document.id)))
    pairs, leftovers = _pair(session, stored, [item.title for item in items], lambda row: row.title)
    rows: list[AgendaItem] = []
    for position, (item, row) in enumerate(zip(items, pairs, strict=True)):
        values = _item_values(document.id, meeting, position, item,  # type: ignore[arg-type]
                              rows[item.parent].id if item.parent is not None else None)
        row = _upsert_row(session, row, AgendaItem, values, "agenda_items", now)
        rows.append(row)
        _index(session, "agenda_item", row.id, document.language, item.title)
    return rows, leftovers


def _sync_decisions(
    session: Session, document: Document, parsed: ParsedReport, meeting: StoredMeeting | None,
    items: list[AgendaItem], now: datetime,
) -> list[Decision]:
    decisions = parsed.decisions if meeting is not None else ()
    stored = list(session.exec(select(Decision).where(Decision.document_id == document.id)))
    pairs, leftovers = _pair(session, stored, [decision.text for decision in decisions], lambda row: row.text)
    rows: list[Decision] = []
    for position, (decision, row) in enumerate(zip(decisions, pairs, strict=True)):
        values = _decision_values(document.id, meeting, position, decision,  # type: ignore[arg-type]
                                  items[decision.agenda_item].id if decision.agenda_item is not None else None)
        row = _upsert_row(session, row, Decision, values, "decisions", now,
                          _meeting_copies(meeting))  # type: ignore[arg-type]
        rows.append(row)
        _index(session, "decision", row.id, document.language, decision.text)
    for row in leftovers:
        _delete(session, row, "decisions", now)
    return rows


def _pair(session: Session, stored: list[Any], texts: list[str], text_of: Callable[[Any], str]) -> tuple[
        list[Any], list[Any]]:
    """Which stored row each new record of a document updates: the one with the same text first, in
    order (so that a record keeps its id when a record before it is no longer found); else a stored
    row left between the same two matched neighbours (an edited sentence keeps its id); and the
    stored rows no new record takes (tombstoned).

    Rows that move, and those left over, are first set aside (a position of their own below zero),
    since positions are unique within a document."""
    order = sorted(stored, key=lambda row: row.position)
    by_text: dict[str, list[Any]] = {}
    for row in order:
        by_text.setdefault(text_of(row), []).append(row)
    pairs: list[Any] = [None] * len(texts)
    taken: set[int] = set()
    for position, value in enumerate(texts):
        same = [row for row in by_text.get(value, []) if row.id not in taken]
        if same:
            pairs[position] = same[0]
            taken.add(same[0].id)
    _pair_between_neighbours(order, pairs, taken)
    leftovers = [row for row in order if row.id not in taken]
    moving = [row for position, row in enumerate(pairs) if row is not None and row.position != position]
    for row in [*moving, *leftovers]:
        row.position = -row.id
        session.add(row)
    if moving or leftovers:
        session.flush()
    return pairs, leftovers


def _pair_between_neighbours(order: list[Any], pairs: list[Any], taken: set[int]) -> None:
    """A new record no stored text matched takes the first unmatched stored row that lies between
    the stored rows its matched neighbours took."""
    index = {row.id: i for i, row in enumerate(order)}
    matched = [index[row.id] if row is not None else None for row in pairs]
    for position, row in enumerate(pairs):
        if row is not None:
            continue
        before = max((i for i in matched[:position] if i is not None), default=-1)
        after = min((i for i in matched[position + 1:] if i is not None), default=len(order))
        free = [candidate for candidate in order[before + 1:after] if candidate.id not in taken]
        if free:
            pairs[position] = free[0]
            taken.add(free[0].id)


def _delete(session: Session, row: AgendaItem | Decision, resource: str, now: datetime) -> None:
    kind = "agenda_item" if resource == "agenda_items" else "decision"
    session.execute(delete(SearchEntry).where(col(SearchEntry.kind) == kind, col(SearchEntry.record_id) == row.id))
    session.execute(delete(Mention).where(
        col(Mention.decision_id if kind == "decision" else Mention.agenda_item_id) == row.id
    ))
    session.delete(row)
    session.flush()
    _log(session, resource, row.id, "deleted", now)
    _mark_changed(session)


def _index(session: Session, kind: str, record_id: int | None, language: str, text: str) -> None:
    """Keep the search entry of a record in step with its text."""
    entry = session.exec(
        select(SearchEntry).where(SearchEntry.kind == kind, SearchEntry.record_id == record_id)
    ).first()
    if entry is None:
        add_search_entries(session, [{"kind": kind, "record_id": record_id, "language": language, "text": text}])
    elif entry.text != text or entry.language != language:
        entry.text, entry.language = text, language
        session.add(entry)
        session.flush()
        reindex_entry(session.connection(), entry.id or 0, language, text)


def _replace_mentions(
    session: Session, document_id: int, parsed: ParsedReport, items: list[AgendaItem], decisions: list[Decision]
) -> None:
    session.execute(delete(Mention).where(col(Mention.document_id) == document_id))
    spans = [{"id": d.id, "span_start": d.span_start, "span_end": d.span_end} for d in decisions]
    insert_rows(session, Mention, _mention_rows(document_id, parsed, [i.id for i in items], spans))  # type: ignore[misc]


def _innermost(spans: list[Span], starts: list[int], target: Span) -> int | None:
    """The last of the spans (in document order, `starts` theirs) that holds the target's start:
    the innermost section. Searched back from the last span starting before it."""
    for index in range(bisect_right(starts, target.start) - 1, -1, -1):
        if target.start < spans[index].end:
            return index
    return None


def _delete_orphan_meetings(session: Session, meeting_ids: set[str], now: datetime) -> set[str]:
    """Delete the meetings no document is about any more; the ids of those deleted."""
    deleted = set()
    for meeting_id in meeting_ids:
        linked = session.exec(
            select(func.count()).select_from(MeetingDocument).where(MeetingDocument.meeting_id == meeting_id)
        ).one()
        meeting = session.get(Meeting, meeting_id)
        if linked == 0 and meeting is not None:
            session.delete(meeting)
            _log(session, "meetings", meeting_id, "deleted", now)
            _mark_changed(session)
            deleted.add(meeting_id)
    session.flush()
    return deleted


def meeting_key(meeting: ParsedMeeting) -> str:
    """The readable id a meeting gets unless it is taken: 2020-04-02-foreign-ministers."""
    if meeting.start_date is None:
        raise ValueError("a meeting the text does not date is kept as a hint on its document, not stored")
    return f"{meeting.start_date.isoformat()}-{meeting.body.replace('_', '-')}"


_MEETING_FIELDS = ("body", "start_date", "end_date", "location", "virtual", "informal")


def _meeting_fields(meeting: ParsedMeeting) -> dict[str, Any]:
    return {name: getattr(meeting, name) for name in _MEETING_FIELDS}


_MEETINGS = Meeting.__table__  # type: ignore[attr-defined]
_MEETINGS_SELECT = select(*(_MEETINGS.c[name] for name in ("id", *_MEETING_FIELDS, "content_hash")))
_IDS_TAKEN = select(_MEETINGS.c.id).where(_MEETINGS.c.id.in_(bindparam("ids", expanding=True)))
_MEETING_UPDATE = update(_MEETINGS).where(_MEETINGS.c.id == bindparam("meeting_id"))


def upsert_meeting(
    session: Session, parsed: ParsedMeeting, now: datetime, authoritative: bool = True
) -> StoredMeeting:
    """The stored meeting with this body, start date and form, created when new."""
    return upsert_meetings(session, [(parsed, authoritative)], now)[0]


def upsert_meetings(
    session: Session, meetings: list[tuple[ParsedMeeting, bool]], now: datetime
) -> list[StoredMeeting]:
    """For each meeting read from a document (and whether the document is authoritative), the
    stored meeting of its body and form on overlapping days: created when new, else merged with
    what the document says of it, in order (a report after an agenda letter corrects its end,
    place and form; its id and first day stay as first published).

    For a batch of documents at once, with Core statements only: the meetings on their dates
    are read in one query, and new ones inserted in one statement; a query per document cost
    the round trips, and the ORM objects more than the rest of a save."""
    if not meetings:
        return []
    connection = session.connection()
    known = [row._asdict() for row in connection.execute(_meetings_near([m for m, _ in meetings]))]
    ids = _FreeIds(connection, [meeting_key(m) for m, _ in meetings if _same_meeting(known, m) is None])
    created: dict[str, dict[str, Any]] = {}
    updated: dict[str, dict[str, Any]] = {}
    changes: list[tuple[str, str]] = []
    stored = []
    for parsed, authoritative in meetings:
        row = _same_meeting(known, parsed)
        if row is None:
            fields = _meeting_fields(parsed)
            row = fields | {"id": ids.take(meeting_key(parsed)), "content_hash": content_hash(fields),
                            "created_at": now, "updated_at": now}
            known.append(row)
            created[row["id"]] = row
            changes.append((row["id"], "created"))
        elif _merge_meeting(row, parsed, now, authoritative):
            if row["id"] not in created:
                updated[row["id"]] = row
            changes.append((row["id"], "updated"))
        stored.append(StoredMeeting(row["id"], row["body"], row["start_date"], row["id"] in created))
    _write_meetings(session, list(created.values()), list(updated.values()), changes, now)
    return stored


def _meetings_near(meetings: list[ParsedMeeting]) -> Any:
    """The stored meetings of the same bodies whose days overlap those of the batch's meetings."""
    windows = {(m.body, m.start_date, m.end_date or m.start_date) for m in meetings if m.start_date is not None}
    # the start bounded on both sides, so that the index on (body, start_date) reads a few rows
    # for each window, not every meeting of the body that started before it ended
    return _MEETINGS_SELECT.where(or_(*(
        and_(_MEETINGS.c.body == body, _MEETINGS.c.start_date.between(first - _LONGEST_MEETING, last),
             _MEETINGS.c.end_date >= first)
        for body, first, last in sorted(windows)
    )))


_LONGEST_MEETING = timedelta(days=7)  # no NATO meeting has lasted longer


def _same_meeting(known: list[dict[str, Any]], parsed: ParsedMeeting) -> dict[str, Any] | None:
    """The stored meeting a document's meeting is: the same body and form on overlapping days
    (an agenda letter gives "14 en 15 juni", a news item the last day, a press release the
    first), the one that starts on the same day first."""
    first, last = parsed.start_date, parsed.end_date or parsed.start_date
    if first is None or last is None:
        return None
    overlapping = [row for row in known if row["body"] == parsed.body and row["informal"] == parsed.informal
                   and row["start_date"] <= last and first <= row["end_date"]]
    return min(overlapping, key=lambda row: (row["start_date"] != first, row["start_date"]), default=None)


def _write_meetings(
    session: Session, created: list[dict[str, Any]], updated: list[dict[str, Any]], changes: list[tuple[str, str]],
    now: datetime,
) -> None:
    insert_rows(session, Meeting, created)
    if updated:
        session.connection().execute(_MEETING_UPDATE, [
            {name: row[name] for name in (*_MEETING_FIELDS, "content_hash", "updated_at")} | {"meeting_id": row["id"]}
            for row in updated
        ])
    insert_rows(session, Change, [
        {"resource": "meetings", "record_id": meeting_id, "op": op, "changed_at": now} for meeting_id, op in changes
    ])
    if changes:
        _mark_changed(session)


def _merged_fields(stored: dict[str, Any], parsed: ParsedMeeting, authoritative: bool) -> dict[str, Any]:
    """A report written after the meeting corrects what an agenda letter announced;
    an agenda letter only fills in what is missing."""
    fields = {name: stored[name] for name in _MEETING_FIELDS}
    if authoritative:
        one_known_day = parsed.start_date == parsed.end_date and stored["start_date"] <= parsed.start_date
        if not one_known_day:  # a news item that gives only the last day does not shorten the meeting
            fields["end_date"] = parsed.end_date
        fields["virtual"] = parsed.virtual
        if parsed.location or parsed.virtual:
            fields["location"] = parsed.location
    elif fields["location"] is None and not fields["virtual"]:
        fields["location"] = parsed.location
    return fields


def _merge_meeting(row: dict[str, Any], parsed: ParsedMeeting, now: datetime, authoritative: bool) -> bool:
    """Bring a meeting's row (its values) in line with what a new document says of it;
    True when that changed it."""
    fields = _merged_fields(row, parsed, authoritative)
    new_hash = content_hash(fields)
    if new_hash == row["content_hash"]:
        return False
    row.update(fields, content_hash=new_hash, updated_at=now)
    return True


class _FreeIds:
    """Readable meeting ids not yet taken: the key itself, else the key with -2, -3 and so on.
    The keys a batch needs are looked up in one query; a suffix, rarely needed, one by one."""

    def __init__(self, connection: Connection, keys: list[str]) -> None:
        self.connection = connection
        self.looked_up = set(keys)
        self.taken = set(connection.execute(_IDS_TAKEN, {"ids": sorted(self.looked_up)}).scalars()) if keys else set()

    def take(self, key: str) -> str:
        candidate, suffix = key, 2
        while self._taken(candidate):
            candidate, suffix = f"{key}-{suffix}", suffix + 1
        self.taken.add(candidate)
        return candidate

    def _taken(self, candidate: str) -> bool:
        if candidate in self.taken:
            return True
        if candidate in self.looked_up:
            return False
        return self.connection.execute(_IDS_TAKEN, {"ids": [candidate]}).first() is not None
