"""A stored document brought in line with a new parse, through the ORM: its meeting link, agenda
items and decisions updated in place (matched by text, then by place: ids stay), what is no
longer found deleted with a tombstone, its mentions, topics and search entries replaced."""

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import delete
from sqlmodel import Session, SQLModel, col, select

from app.parsing.records import ParsedReport
from app.storage.meetings import delete_orphan_meetings, upsert_meeting
from app.storage.rows import (
    StoredMeeting,
    add_search_entries,
    content_hash,
    decision_values,
    insert_rows,
    item_values,
    log_change,
    mark_changed,
    meeting_copies,
    mention_rows,
)
from app.storage.search import reindex_entry
from app.storage.tables import (
    AgendaItem,
    Decision,
    Document,
    MeetingDocument,
    Mention,
    SearchEntry,
)
from app.storage.topic_links import clear_topics, topic_rows


def sync_records(session: Session, document: Document, parsed: ParsedReport, now: datetime) -> bool:
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
    deleted = delete_orphan_meetings(session, old_meetings - ({meeting.id} if meeting else set()),
                                     meeting.id if meeting else None, now)
    changed = bool(session.info.pop("records_changed", False))
    if changed:  # a meeting's counts and topics follow its documents' records: a mirror fetches it again
        for meeting_id in sorted((old_meetings | ({meeting.id} if meeting else set())) - deleted):
            log_change(session, "meetings", meeting_id, "updated", now)
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


def _link_meeting(session: Session, document_id: int, old: set[str], meeting: StoredMeeting | None) -> None:
    if meeting is not None and meeting.id not in old:
        session.add(MeetingDocument(meeting_id=meeting.id, document_id=document_id))
        mark_changed(session)
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
        log_change(session, resource, row.id, "created", now)  # type: ignore[attr-defined]
        mark_changed(session)
    elif row.content_hash != new_hash:  # type: ignore[attr-defined]
        for key, value in values_and_copies.items():
            setattr(row, key, value)
        row.content_hash, row.updated_at = new_hash, now
        session.add(row)
        session.flush()
        log_change(session, resource, row.id, "updated", now)  # type: ignore[attr-defined]
        mark_changed(session)
    return row


def _sync_agenda_items(
    session: Session, document: Document, parsed: ParsedReport, meeting: StoredMeeting | None, now: datetime
) -> tuple[list[AgendaItem], list[AgendaItem]]:
    items = parsed.agenda_items if meeting is not None else ()
    stored = list(session.exec(select(AgendaItem).where(AgendaItem.document_id == document.id)))
    pairs, leftovers = _pair(session, stored, [item.title for item in items], lambda row: row.title)
    rows: list[AgendaItem] = []
    for position, (item, row) in enumerate(zip(items, pairs, strict=True)):
        values = item_values(document.id, meeting, position, item,  # type: ignore[arg-type]
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
        values = decision_values(document.id, meeting, position, decision,  # type: ignore[arg-type]
                                  items[decision.agenda_item].id if decision.agenda_item is not None else None)
        row = _upsert_row(session, row, Decision, values, "decisions", now,
                          meeting_copies(meeting))  # type: ignore[arg-type]
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
    log_change(session, resource, row.id, "deleted", now)
    mark_changed(session)


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
    insert_rows(session, Mention, mention_rows(document_id, parsed, [i.id for i in items], spans))  # type: ignore[misc]
