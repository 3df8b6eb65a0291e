"""save_reports: parsed records -> rows, the one storage entry point of a save. Flushes, never
commits: the job owns the transaction and ends it with commit_writes, which raises the data
version once if anything was written.

New documents are planned here, a batch's rows together, and inserted in bulk (rows.py);
a stored document is brought in line with a new parse in place (resync.py: ids stay, what
is no longer found leaves a tombstone); meetings are shared by their documents (meetings.py).
Every record carries a content hash; `updated_at` moves and a change is logged only when
that hash changes.
"""

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import Connection, Row, bindparam, insert, update
from sqlmodel import Session, SQLModel, select

from app.parsing.records import ParsedReport
from app.source import SourceDocument
from app.storage.meetings import upsert_meetings
from app.storage.resync import sync_records
from app.storage.rows import (
    StoredMeeting,
    add_search_entries,
    content_hash,
    decision_values,
    insert_rows,
    item_values,
    log_change,
    meeting_copies,
    mention_rows,
    new_ids,
)
from app.storage.tables import (
    AgendaItem,
    Change,
    DataVersion,
    Decision,
    Document,
    MeetingDocument,
    Mention,
)
from app.storage.topic_links import Rows, merge, topic_rows

Outcome = Literal["inserted", "updated", "unchanged"]


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


def save_reports(
    session: Session, reports: list[tuple[SourceDocument, ParsedReport]], parser_version: str, now: datetime,
    force: bool = False,
) -> list[Outcome]:
    """Store parsed reports, each "inserted", "updated" or "unchanged": the one entry point of a
    save. Reports whose bytes are new are planned together and inserted in bulk; stored ones are
    brought in line in place (the same parser version is a no-op unless `force`); the same
    bytes twice in one call are stored once. Whether the bytes are stored is asked in one query,
    without loading the documents."""
    stored = stored_documents(session, [source.sha256 for source, _ in reports])
    outcomes: list[Outcome] = []
    new: list[tuple[SourceDocument, ParsedReport]] = []
    seen: set[str] = set()
    for source, parsed in reports:
        if source.sha256 in seen:
            outcomes.append("unchanged")
        elif source.sha256 in stored:
            outcomes.append(save_over_stored(session, stored[source.sha256], parsed, parser_version, now, force))
        else:
            new.append((source, parsed))
            outcomes.append("inserted")
        seen.add(source.sha256)
    save_new_reports(session, new, parser_version, now)
    return outcomes


def save_over_stored(
    session: Session, stored: Row[Any], parsed: ParsedReport, parser_version: str, now: datetime,
    force: bool = False,
) -> Outcome:
    """A report whose bytes are stored (`stored_documents`): nothing to do at the same parser
    version unless `force`, else its records are brought in line with the new parse, in place."""
    if stored.parser_version == parser_version and not force:
        return "unchanged"
    existing = session.get_one(Document, stored.id)
    return "updated" if replace_records(session, existing, parsed, parser_version, now) else "unchanged"


def stored_documents(session: Session, sha256s: list[str]) -> dict[str, Any]:
    """The id and parser version of the stored documents with these bytes, by sha256."""
    if not sha256s:
        return {}
    rows = session.connection().execute(_DOCUMENTS_OF_BYTES, {"sha256s": sha256s})
    return {row.sha256: row for row in rows}


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
    """Commit, with the data version raised if save_reports or replace_records wrote anything.

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
        log_change(session, "documents", document.id, "updated", now)
    document.parser_version = parser_version
    session.add(document)
    session.flush()
    session.info[_WRITTEN] = True  # the parser version at least
    return sync_records(session, document, parsed, now) or changed


def _document_fields(parsed: ParsedReport) -> dict[str, Any]:
    doc = parsed.document
    hint = parsed.meeting if parsed.dated_meeting is None else None  # named, not dated
    return {
        "title": doc.title, "language": doc.language, "kind": doc.kind, "date": doc.date,
        "dossier": doc.dossier, "number": doc.number, "text": doc.text, "body_end": doc.body_end,
        "doubts": json.dumps(list(parsed.problems), ensure_ascii=False),
        "hint_body": hint.body if hint else None, "hint_location": hint.location if hint else None,
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
        mentions += mention_rows(plan.document_id, plan.parsed, [row["id"] for row in item_rows], decision_rows)
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


def _agenda_item_rows(plan: _Planned, ids: list[int], stamps: dict[str, datetime]) -> list[dict[str, Any]]:
    """A new document's agenda items with their ids; a parent always comes before its children."""
    if plan.meeting is None:
        return []
    rows = []
    for position, (item_id, item) in enumerate(zip(ids, plan.items, strict=True)):
        parent = ids[item.parent] if item.parent is not None else None
        values = item_values(plan.document_id, plan.meeting, position, item, parent)
        rows.append(values | stamps | {"id": item_id, "content_hash": content_hash(values)})
    return rows


def _decision_rows(
    plan: _Planned, item_ids: list[int], ids: list[int], stamps: dict[str, datetime]
) -> list[dict[str, Any]]:
    if plan.meeting is None:
        return []
    copies = meeting_copies(plan.meeting)
    rows = []
    for position, (decision_id, decision) in enumerate(zip(ids, plan.decisions, strict=True)):
        item = item_ids[decision.agenda_item] if decision.agenda_item is not None else None
        values = decision_values(plan.document_id, plan.meeting, position, decision, item)
        rows.append(values | stamps | copies | {"id": decision_id, "content_hash": content_hash(values)})
    return rows


