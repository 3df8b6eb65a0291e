"""Aggregates for dashboards, a member's timeline, the service status and the change feed."""

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any, Literal

from sqlalchemy import extract
from sqlmodel import Session, col, func, select

from app.parsing.topics import SLUGS
from app.storage.queries import MeetingFilter, RecordFilter, meeting_conditions, record_statement
from app.storage.tables import (
    AgendaItem,
    Change,
    Decision,
    DecisionTopic,
    Document,
    DocumentTopic,
    Meeting,
    MeetingDocument,
    Member,
    Mention,
)

DecisionGroup = Literal["year", "body", "kind", "member", "topic"]
MeetingGroup = Literal["year", "body", "location", "topic"]


@dataclass(frozen=True)
class Bucket:
    """One group of an aggregate; `keys` when it is grouped by two fields."""

    key: str | None
    count: int
    keys: tuple[str | None, ...] | None = None


def _year(session: Session, column: Any) -> Any:
    """The year of a date column, as a number (`_key` makes it text). PostgreSQL's extract()
    gives a numeric, slower to group by than date_part's float."""
    if session.get_bind().dialect.name == "postgresql":
        return func.date_part("year", column)
    return extract("year", column)


def decision_stats(session: Session, f: RecordFilter, group_by: DecisionGroup) -> list[Bucket]:
    """Decisions counted per year, body, kind, member state named (a member on the date) or topic."""
    if group_by == "topic":
        tagged = record_statement(session, Decision, f, join_meeting=bool(f.member))
        return _buckets(session, tagged.join(DecisionTopic, col(DecisionTopic.decision_id) == col(Decision.id))
                        .with_only_columns(col(DecisionTopic.topic_slug), func.count(func.distinct(Decision.id)))
                        .group_by(col(DecisionTopic.topic_slug)))
    if group_by != "member" and not f.member:
        return _buckets(session, _from_decisions(session, f, group_by))
    base = record_statement(session, Decision, f)
    if group_by == "member":
        statement: Any = (
            base.join(Mention, col(Mention.decision_id) == col(Decision.id))
            .join(Member, col(Member.code) == col(Mention.member_code))
            .where(col(Member.accession_date) <= col(Meeting.start_date))
            .with_only_columns(col(Mention.member_code), func.count(func.distinct(Decision.id)))
            .group_by(col(Mention.member_code))
        )
    else:
        key = {"year": _year(session, Meeting.start_date), "body": Meeting.body, "kind": Decision.kind}[group_by]
        statement = base.with_only_columns(key, func.count(col(Decision.id))).group_by(key)
    return _buckets(session, statement)


PAIRABLE = ("year", "body", "kind")  # what decisions can be counted per two of at once


def decision_pairs(session: Session, f: RecordFilter, first: str, second: str) -> list[Bucket]:
    """Decisions counted per two of year, body and kind (a chart stacked by kind per year, in one
    query), on the copies decisions keep of their meeting's date and body."""
    base = record_statement(session, Decision, f, join_meeting=bool(f.member))
    columns = {"year": _year(session, Decision.meeting_date), "body": col(Decision.meeting_body),
               "kind": col(Decision.kind)}
    statement = base.with_only_columns(columns[first], columns[second], func.count()).group_by(
        columns[first], columns[second])
    rows = session.execute(statement).all()
    buckets = [Bucket(_key(a), int(n), (_key(a), _key(b))) for a, b, n in rows]
    return sorted(buckets, key=lambda b: tuple((k is None, k or "") for k in b.keys or ()))


def _from_decisions(session: Session, f: RecordFilter, group_by: DecisionGroup) -> Any:
    """Decisions counted on the copies they keep of their meeting's date and body: no join with
    the meetings, and an index covers it (benchmarks/scale.py, 1,000,000 decisions on PostgreSQL:
    p95 372 ms with the join, 126-130 ms so)."""
    base = record_statement(session, Decision, f, join_meeting=False)
    if group_by == "year":  # per day first, in index order; then the few thousand days per year
        per_day = (base.with_only_columns(col(Decision.meeting_date).label("day"), func.count().label("n"))
                   .group_by(col(Decision.meeting_date)).subquery())
        year = _year(session, per_day.c.day)
        return select(year, func.sum(per_day.c.n)).group_by(year)
    key = col({"body": Decision.meeting_body, "kind": Decision.kind}[group_by])
    return base.with_only_columns(key, func.count()).group_by(key)  # count(*): the index holds what it reads


def meeting_stats(session: Session, f: MeetingFilter, group_by: MeetingGroup) -> list[Bucket]:
    """Meetings counted per year, body, location or topic (the meetings whose documents cover it)."""
    if group_by == "topic":
        return _buckets(session, select(DocumentTopic.topic_slug, func.count(func.distinct(Meeting.id)))
                        .join(MeetingDocument, col(MeetingDocument.meeting_id) == col(Meeting.id))
                        .join(DocumentTopic, col(DocumentTopic.document_id) == col(MeetingDocument.document_id))
                        .where(*meeting_conditions(f)).group_by(col(DocumentTopic.topic_slug)))
    key = {"year": _year(session, Meeting.start_date), "body": Meeting.body, "location": Meeting.location}[group_by]
    statement = select(key, func.count(col(Meeting.id))).where(*meeting_conditions(f)).group_by(key)
    return _buckets(session, statement)


def _key(value: object) -> str | None:
    """A bucket's key as text; a year comes as a number of some kind."""
    if value is None:
        return None
    if isinstance(value, int | float | Decimal):
        return str(int(value))
    return str(value)


def _buckets(session: Session, statement: Any) -> list[Bucket]:
    rows = session.execute(statement).all()
    buckets = [Bucket(_key(k), int(n)) for k, n in rows]
    return sorted(buckets, key=lambda b: (b.key is None, b.key or ""))


@dataclass(frozen=True)
class TimelineEvent:
    """A meeting or decision naming a member state, on the meeting's date."""

    date: Any
    meeting_id: str
    body: str
    decision_id: int | None
    text: str | None


def member_timeline(session: Session, member: Member) -> list[TimelineEvent]:
    """Meetings whose documents name the member, and decisions that name it, by date (newest first)."""
    meetings = session.exec(
        select(Meeting).join(MeetingDocument, col(MeetingDocument.meeting_id) == col(Meeting.id))
        .join(Mention, col(Mention.document_id) == col(MeetingDocument.document_id))
        .where(col(Mention.member_code) == member.code, col(Meeting.start_date) >= member.accession_date)
        .distinct()
    ).all()
    decisions = session.exec(
        select(Decision, Meeting).join(Meeting, col(Meeting.id) == col(Decision.meeting_id))
        .join(Mention, col(Mention.decision_id) == col(Decision.id))
        .where(col(Mention.member_code) == member.code, col(Meeting.start_date) >= member.accession_date)
        .distinct()
    ).all()
    events = [TimelineEvent(m.start_date, m.id, m.body, None, None) for m in meetings]
    events += [TimelineEvent(m.start_date, m.id, m.body, d.id, d.text) for d, m in decisions]
    return sorted(events, key=lambda e: (e.date, e.meeting_id, e.decision_id or 0), reverse=True)


@dataclass(frozen=True)
class Status:
    """Record counts and the time of the last ingestion."""

    counts: dict[str, int]
    last_ingested_at: datetime | None


def status(session: Session) -> Status:
    tables = {"documents": Document, "meetings": Meeting, "agenda_items": AgendaItem,
              "decisions": Decision, "members": Member}
    counts = {name: session.exec(select(func.count()).select_from(t)).one() for name, t in tables.items()}
    counts["documents_with_doubts"] = session.exec(
        select(func.count()).select_from(Document).where(col(Document.doubts) != "[]")).one()
    last = session.exec(select(func.max(Document.updated_at))).one()
    if isinstance(last, str):  # SQLite returns max() of a timestamp as text
        last = datetime.fromisoformat(last)
    if last is not None and last.tzinfo is None:
        last = last.replace(tzinfo=UTC)
    return Status(counts, last)


def list_changes(session: Session, after: int, limit: int, settled_before: datetime) -> list[Change]:
    """Changes after sequence number `after`, oldest first, logged before `settled_before`.

    The settle window keeps a change whose transaction committed late, with a
    lower sequence number than one already served, from being skipped.
    """
    return list(session.exec(
        select(Change).where(col(Change.seq) > after, col(Change.changed_at) < settled_before)
        .order_by(col(Change.seq)).limit(limit)
    ).all())


@dataclass(frozen=True)
class BodyYear:
    """Meetings and decisions of one body in one year."""

    year: str
    body: str
    meetings: int
    decisions: int


def body_year_counts(session: Session) -> list[BodyYear]:
    """Meetings and decisions per body and year, oldest year first."""
    year = _year(session, Meeting.start_date)
    meetings = session.execute(select(year, Meeting.body, func.count()).group_by(year, Meeting.body)).all()
    decisions = {
        (y, body): n for y, body, n in session.execute(
            select(year, Meeting.body, func.count(col(Decision.id)))
            .join(Decision, col(Decision.meeting_id) == col(Meeting.id)).group_by(year, Meeting.body)
        ).all()
    }
    return sorted(
        (BodyYear(_key(y) or "", body, n, decisions.get((y, body), 0)) for y, body, n in meetings),
        key=lambda r: (r.year, r.body),
    )


@dataclass(frozen=True)
class TopicYear:
    """Meetings of one body in one year whose documents cover a topic, and their decisions about it."""

    topic: str
    year: str
    body: str
    meetings: int
    decisions: int


def topic_year_counts(session: Session, f: MeetingFilter) -> list[TopicYear]:
    """Per topic, year and body: the meetings covering the topic and the decisions about it, the
    cells of a topic x year heatmap, by topic (in the vocabulary's order), then year and body.
    A cell may count decisions and no meeting: decisions tagged with a topic their documents do
    not cover as a whole."""
    year = _year(session, Meeting.start_date)
    meetings = {
        (slug, _key(y) or "", body): n for slug, y, body, n in session.execute(
            select(DocumentTopic.topic_slug, year, Meeting.body, func.count(func.distinct(Meeting.id)))
            .join(MeetingDocument, col(MeetingDocument.meeting_id) == col(Meeting.id))
            .join(DocumentTopic, col(DocumentTopic.document_id) == col(MeetingDocument.document_id))
            .where(*meeting_conditions(f)).group_by(col(DocumentTopic.topic_slug), year, col(Meeting.body))
        ).all()
    }
    decisions = {
        (slug, _key(y) or "", body): n for slug, y, body, n in session.execute(
            select(DecisionTopic.topic_slug, year, Meeting.body, func.count())
            .join(Decision, col(Decision.id) == col(DecisionTopic.decision_id))
            .join(Meeting, col(Meeting.id) == col(Decision.meeting_id))
            .where(*meeting_conditions(f)).group_by(col(DecisionTopic.topic_slug), year, col(Meeting.body))
        ).all()
    }
    order = {slug: i for i, slug in enumerate(SLUGS)}
    keys = sorted(meetings.keys() | decisions.keys(), key=lambda k: (order[k[0]], k[1], k[2]))
    return [TopicYear(*key, meetings.get(key, 0), decisions.get(key, 0)) for key in keys]
