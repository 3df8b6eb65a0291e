"""Read queries for the API: filtered keyset pages and single records with their children."""

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import ColumnElement, and_, exists, func, or_
from sqlmodel import Session, col, select

from app.errors import NotFound
from app.storage.tables import AgendaItem, Decision, Document, Meeting, MeetingDocument, Member, Mention


@dataclass(frozen=True)
class MeetingQuery:
    """Filters on meetings; empty means no filter."""

    bodies: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    member: str | None = None


@dataclass(frozen=True)
class DecisionQuery:
    """Filters on decisions; `q` is a case-insensitive substring of the text."""

    meeting: str | None = None
    bodies: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    member: str | None = None
    q: str | None = None


@dataclass(frozen=True)
class MeetingDetail:
    """A meeting with everything recorded about it."""

    meeting: Meeting
    documents: list[Document]
    agenda_items: list[AgendaItem]
    decisions: list[Decision]
    members: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class MemberDetail:
    """A member state with the meetings at which it was a member and was named."""

    member: Member
    meetings: list[Meeting]


def _named_as_member(member: str) -> ColumnElement[bool]:
    """The meeting's documents name `member`, and it was a member on the meeting's date."""
    return exists(
        select(Mention.id)
        .join(MeetingDocument, col(MeetingDocument.document_id) == col(Mention.document_id))
        .join(Member, col(Member.code) == col(Mention.member_code))
        .where(
            col(MeetingDocument.meeting_id) == col(Meeting.id),
            col(Mention.member_code) == member,
            col(Member.accession_date) <= col(Meeting.start_date),
        )
    )


def _meeting_filters(query: MeetingQuery) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if query.bodies:
        conditions.append(col(Meeting.body).in_(query.bodies))
    if query.date_from:
        conditions.append(col(Meeting.start_date) >= query.date_from)
    if query.date_to:
        conditions.append(col(Meeting.start_date) <= query.date_to)
    if query.member:
        conditions.append(_named_as_member(query.member))
    return conditions


def list_meetings(
    session: Session, query: MeetingQuery, after: tuple[date, str] | None, limit: int
) -> list[Meeting]:
    """Meetings newest first (start date, then id); at most `limit + 1` so the caller sees if more follow."""
    statement = select(Meeting).where(*_meeting_filters(query))
    if after is not None:
        day, meeting_id = after
        statement = statement.where(
            or_(col(Meeting.start_date) < day, and_(col(Meeting.start_date) == day, col(Meeting.id) < meeting_id))
        )
    statement = statement.order_by(col(Meeting.start_date).desc(), col(Meeting.id).desc()).limit(limit + 1)
    return list(session.exec(statement).all())


def get_meeting(session: Session, meeting_id: str) -> MeetingDetail:
    """One meeting with its documents, agenda items in order, decisions and members named."""
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound(f"no meeting with id {meeting_id!r}")
    documents = list(session.exec(
        select(Document).join(MeetingDocument, col(MeetingDocument.document_id) == col(Document.id))
        .where(MeetingDocument.meeting_id == meeting_id).order_by(col(Document.id))
    ).all())
    items = list(session.exec(
        select(AgendaItem).where(AgendaItem.meeting_id == meeting_id)
        .order_by(col(AgendaItem.document_id), col(AgendaItem.position))
    ).all())
    decisions = list(session.exec(
        select(Decision).where(Decision.meeting_id == meeting_id)
        .order_by(col(Decision.document_id), col(Decision.position))
    ).all())
    return MeetingDetail(meeting, documents, items, decisions, _members_of(session, meeting))


def _members_of(session: Session, meeting: Meeting) -> list[str]:
    statement = (
        select(Mention.member_code)
        .join(MeetingDocument, col(MeetingDocument.document_id) == col(Mention.document_id))
        .join(Member, col(Member.code) == col(Mention.member_code))
        .where(MeetingDocument.meeting_id == meeting.id, col(Member.accession_date) <= meeting.start_date)
        .distinct()
        .order_by(col(Mention.member_code))
    )
    return list(session.exec(statement).all())


def list_decisions(
    session: Session, query: DecisionQuery, after: tuple[date, str, int] | None, limit: int
) -> list[tuple[Decision, Meeting]]:
    """Decisions of the newest meetings first, in document order within a meeting."""
    statement = select(Decision, Meeting).join(Meeting, col(Meeting.id) == col(Decision.meeting_id))
    meeting_query = MeetingQuery(query.bodies, query.date_from, query.date_to)
    statement = statement.where(*_meeting_filters(meeting_query))
    if query.meeting:
        statement = statement.where(Decision.meeting_id == query.meeting)
    if query.kinds:
        statement = statement.where(col(Decision.kind).in_(query.kinds))
    if query.q:
        statement = statement.where(func.lower(Decision.text).contains(query.q.lower(), autoescape=True))
    if query.member:
        statement = statement.where(_decision_names(query.member))
    if after is not None:
        day, meeting_id, decision_id = after
        statement = statement.where(or_(
            col(Meeting.start_date) < day,
            and_(col(Meeting.start_date) == day, col(Meeting.id) < meeting_id),
            and_(col(Meeting.start_date) == day, col(Meeting.id) == meeting_id, col(Decision.id) > decision_id),
        ))
    statement = statement.order_by(
        col(Meeting.start_date).desc(), col(Meeting.id).desc(), col(Decision.id)
    ).limit(limit + 1)
    return [(d, m) for d, m in session.exec(statement).all()]


def _decision_names(member: str) -> ColumnElement[bool]:
    return exists(
        select(Mention.id)
        .join(Member, col(Member.code) == col(Mention.member_code))
        .where(
            col(Mention.decision_id) == col(Decision.id),
            col(Mention.member_code) == member,
            col(Member.accession_date) <= col(Meeting.start_date),
        )
    )


def list_members(session: Session) -> list[Member]:
    """All member states, oldest members first, then by code."""
    return list(session.exec(select(Member).order_by(col(Member.accession_date), col(Member.code))).all())


def get_member(session: Session, code: str) -> MemberDetail:
    """A member state and the meetings, newest first, at which it was a member and was named."""
    member = session.get(Member, code.upper())
    if member is None:
        raise NotFound(f"no member state with code {code!r}")
    meetings = session.exec(
        select(Meeting).where(_named_as_member(member.code))
        .order_by(col(Meeting.start_date).desc(), col(Meeting.id).desc())
    ).all()
    return MemberDetail(member, list(meetings))


def get_document(session: Session, document_id: int) -> tuple[Document, list[str]]:
    """A document and the ids of the meetings it reports on."""
    document = session.get(Document, document_id)
    if document is None:
        raise NotFound(f"no document with id {document_id}")
    meetings = session.exec(
        select(MeetingDocument.meeting_id).where(MeetingDocument.document_id == document_id)
    ).all()
    return document, list(meetings)
