"""Records by id, and the children of many meetings at once, for the API's answers: an embedded
list costs one query per kind, never one per row."""

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Select, bindparam
from sqlmodel import Session, col, func, select

from app.errors import NotFound
from app.storage.queries import columns, document_summary_columns
from app.storage.tables import (
    AgendaItem,
    Decision,
    Document,
    Meeting,
    MeetingAlias,
    MeetingDocument,
    Member,
    Mention,
)


def _by_id(model: Any) -> Select[Any]:
    """One row by primary key, the statement built once: building a select of a dozen columns
    costs more than running it."""
    return select(*columns(model)).where(model.__table__.primary_key.columns[0] == bindparam("key"))


def _of_meetings(model: Any) -> Select[Any]:
    return (select(*columns(model)).where(col(model.meeting_id).in_(bindparam("ids", expanding=True)))
            .order_by(col(model.document_id), col(model.position)))


_MEETING = _by_id(Meeting)
_RECORD = {Decision: _by_id(Decision), AgendaItem: _by_id(AgendaItem)}
_DOCUMENT = _by_id(Document)
_OF_MEETINGS = {Decision: _of_meetings(Decision), AgendaItem: _of_meetings(AgendaItem)}


def get_meeting(session: Session, meeting_id: str) -> Any:
    meeting = session.execute(_MEETING, {"key": meeting_id}).first()
    if meeting is None:
        raise NotFound(f"no meeting with id {meeting_id!r}")
    return meeting


def meeting_alias(session: Session, meeting_id: str) -> str | None:
    """The meeting a published id that is no longer a meeting's own now stands for, if any."""
    return session.exec(select(MeetingAlias.meeting_id).where(MeetingAlias.alias == meeting_id)).first()


def get_record(session: Session, model: type[Decision] | type[AgendaItem], record_id: int) -> Any:
    row = session.execute(_RECORD[model], {"key": record_id}).first()
    if row is None:
        raise NotFound(f"no {'decision' if model is Decision else 'agenda item'} with id {record_id}")
    return row


def get_member(session: Session, code: str) -> Member:
    member = session.get(Member, code.upper())
    if member is None:
        raise NotFound(f"no member state with code {code!r}")
    return member


def get_document(session: Session, document_id: int) -> Any:
    document = session.execute(_DOCUMENT, {"key": document_id}).first()
    if document is None:
        raise NotFound(f"no document with id {document_id}")
    return document


def _records_of(session: Session, model: Any, meeting_ids: Iterable[str]) -> dict[str, list[Any]]:
    """Agenda items or decisions of many meetings, in document order, grouped by meeting."""
    rows = session.execute(_OF_MEETINGS[model], {"ids": list(meeting_ids)}).all()
    return _group(rows, lambda r: r.meeting_id)


def agenda_items_of(session: Session, meeting_ids: Iterable[str]) -> dict[str, list[Any]]:
    return _records_of(session, AgendaItem, meeting_ids)


def decisions_of(session: Session, meeting_ids: Iterable[str]) -> dict[str, list[Any]]:
    return _records_of(session, Decision, meeting_ids)


def documents_of(session: Session, meeting_ids: Iterable[str]) -> dict[str, list[Any]]:
    """The documents about each meeting, without their texts."""
    rows = session.execute(
        select(col(MeetingDocument.meeting_id).label("of_meeting"), *document_summary_columns())
        .join(Document, col(Document.id) == col(MeetingDocument.document_id))
        .where(col(MeetingDocument.meeting_id).in_(list(meeting_ids))).order_by(col(Document.id))
    ).all()
    return _group(rows, lambda r: r.of_meeting)


def members_of(session: Session, meeting_ids: Iterable[str]) -> dict[str, list[str]]:
    """ISO3 codes named in each meeting's documents that were members on its date."""
    rows = session.exec(
        select(MeetingDocument.meeting_id, Mention.member_code)
        .join(Mention, col(Mention.document_id) == col(MeetingDocument.document_id))
        .join(Meeting, col(Meeting.id) == col(MeetingDocument.meeting_id))
        .join(Member, col(Member.code) == col(Mention.member_code))
        .where(col(MeetingDocument.meeting_id).in_(list(meeting_ids)),
               col(Member.accession_date) <= col(Meeting.start_date))
        .distinct().order_by(col(MeetingDocument.meeting_id), col(Mention.member_code))
    ).all()
    grouped: dict[str, list[str]] = defaultdict(list)
    for meeting_id, code in rows:
        grouped[meeting_id].append(code)
    return grouped


def rows_by_id(session: Session, model: Any, ids: Iterable[Any]) -> dict[Any, Any]:
    """Rows of `model` by id, one query for all of them (None among the ids is skipped)."""
    wanted = [i for i in set(ids) if i is not None]
    if not wanted:
        return {}
    statement = select(*columns(model)).where(col(model.id).in_(wanted))
    return {r.id: r for r in session.execute(statement).all()}


def meeting_ids_of_documents(session: Session, ids: Iterable[int]) -> dict[int, list[str]]:
    rows = session.exec(select(MeetingDocument).where(col(MeetingDocument.document_id).in_(list(ids)))).all()
    return _group(rows, lambda r: r.document_id, lambda r: r.meeting_id)


def _group(rows: Iterable[Any], key: Any, value: Any = None) -> dict[Any, list[Any]]:
    grouped: dict[Any, list[Any]] = defaultdict(list)
    for row in rows:
        grouped[key(row)].append(value(row) if value else row)
    return grouped


def counts_of(session: Session, meeting_ids: list[str]) -> dict[str, tuple[int, int]]:
    """Each meeting's number of decisions and of documents, two queries for a page of meetings."""
    if not meeting_ids:
        return {}
    decisions = dict(session.execute(
        select(Decision.meeting_id, func.count()).where(col(Decision.meeting_id).in_(meeting_ids))
        .group_by(col(Decision.meeting_id))).all())
    documents = dict(session.execute(
        select(MeetingDocument.meeting_id, func.count()).where(col(MeetingDocument.meeting_id).in_(meeting_ids))
        .group_by(col(MeetingDocument.meeting_id))).all())
    return {m: (decisions.get(m, 0), documents.get(m, 0)) for m in meeting_ids}
