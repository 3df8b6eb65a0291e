"""Topics read back: the vocabulary with its counts, a topic's timeline, and the conditions of `topic=`."""

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement
from sqlmodel import Session, col, func, select

from app.errors import NotFound
from app.parsing.topics import SLUGS
from app.storage.tables import (
    AgendaItemTopic,
    Decision,
    DecisionTopic,
    DocumentTopic,
    Meeting,
    MeetingDocument,
    Topic,
)


@dataclass(frozen=True)
class TopicCount:
    """A topic with the meetings whose documents cover it and the decisions about it."""

    topic: Topic
    meetings: int
    decisions: int


@dataclass(frozen=True)
class TopicMeeting:
    """A meeting on a topic's timeline, with the decisions taken there about it."""

    meeting: Meeting
    decisions: list[Decision]


def topic_counts(session: Session) -> list[TopicCount]:
    """Every topic in the vocabulary's order (its slug order in the seed), with its counts."""
    meetings = dict(session.exec(
        select(DocumentTopic.topic_slug, func.count(func.distinct(MeetingDocument.meeting_id)))
        .join(MeetingDocument, col(MeetingDocument.document_id) == col(DocumentTopic.document_id))
        .group_by(DocumentTopic.topic_slug)
    ).all())
    decisions = dict(session.exec(
        select(DecisionTopic.topic_slug, func.count()).group_by(DecisionTopic.topic_slug)
    ).all())
    topics = session.exec(select(Topic)).all()
    return [TopicCount(t, meetings.get(t.slug, 0), decisions.get(t.slug, 0)) for t in topics]


def get_topic(session: Session, slug: str) -> Topic:
    topic = session.get(Topic, slug)
    if topic is None:
        raise NotFound(f"no topic {slug!r}; GET /v1/topics lists them")
    return topic


def topic_timeline(session: Session, slug: str) -> list[TopicMeeting]:
    """The meetings whose documents cover the topic or took decisions about it, oldest first,
    each with those decisions in document order."""
    decisions = session.exec(
        select(Decision).join(DecisionTopic, col(DecisionTopic.decision_id) == col(Decision.id))
        .where(col(DecisionTopic.topic_slug) == slug)
        .order_by(col(Decision.meeting_id), col(Decision.document_id), col(Decision.position))
    ).all()
    by_meeting: dict[str, list[Decision]] = {}
    for decision in decisions:
        by_meeting.setdefault(decision.meeting_id, []).append(decision)
    meetings = session.exec(
        select(Meeting).where(col(Meeting.id).in_(meetings_covering((slug,))) | col(Meeting.id).in_(list(by_meeting)))
        .order_by(col(Meeting.start_date), col(Meeting.id))
    ).all()
    return [TopicMeeting(m, by_meeting.get(m.id, [])) for m in meetings]


def meetings_covering(slugs: tuple[str, ...]) -> Any:
    """The ids of the meetings whose documents cover one of the topics (a subquery)."""
    return (select(MeetingDocument.meeting_id)
            .join(DocumentTopic, col(DocumentTopic.document_id) == col(MeetingDocument.document_id))
            .where(col(DocumentTopic.topic_slug).in_(slugs)))


def tagged(model_id: Any, slugs: tuple[str, ...], kind: str) -> ColumnElement[bool]:
    """`topic=`: the record (a document, agenda item or decision) is tagged with one of the topics."""
    column, slug = _links(kind)
    return col(model_id).in_(select(column).where(col(slug).in_(slugs)))


def _links(kind: str) -> tuple[Any, Any]:
    """The columns of a record kind's link table: the record's id and the topic's slug."""
    return {
        "document": (DocumentTopic.document_id, DocumentTopic.topic_slug),
        "agenda_item": (AgendaItemTopic.agenda_item_id, AgendaItemTopic.topic_slug),
        "decision": (DecisionTopic.decision_id, DecisionTopic.topic_slug),
    }[kind]


def topics_of(session: Session, kind: str, ids: list[Any]) -> dict[Any, list[str]]:
    """The topics of these records (of kind document, agenda_item, decision or meeting: a meeting
    has those its documents cover), each list in the vocabulary's order; a page's worth in one query."""
    if not ids:
        return {}
    if kind == "meeting":
        statement: Any = (select(MeetingDocument.meeting_id, DocumentTopic.topic_slug)
                          .join(DocumentTopic, col(DocumentTopic.document_id) == col(MeetingDocument.document_id))
                          .where(col(MeetingDocument.meeting_id).in_(ids)).distinct())
    else:
        record, slug = _links(kind)
        statement = select(record, slug).where(col(record).in_(ids))
    found: dict[Any, set[str]] = {}
    for record_id, topic in session.execute(statement).all():
        found.setdefault(record_id, set()).add(topic)
    return {record_id: [s for s in SLUGS if s in slugs] for record_id, slugs in found.items()}
