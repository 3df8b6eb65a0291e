"""GET /v1/topics and /v1/topics/{slug}: what NATO ministers worked on, meeting by meeting."""

from typing import Annotated

from fastapi import APIRouter, Path, Response

from app.api.deps import SessionDep
from app.api.listing import json_response
from app.api.problems import PROBLEM_RESPONSES
from app.api.schemas import Page, TopicDecision, TopicDetail, TopicMeeting, TopicPublic
from app.storage.topics import TopicCount, get_topic, topic_counts, topic_timeline

router = APIRouter(prefix="/v1/topics", tags=["topics"], responses=PROBLEM_RESPONSES)

SlugPath = Annotated[str, Path(pattern=r"^[a-z0-9-]{1,60}$", examples=["ukraine"], description="A topic's slug")]


def _public(count: TopicCount) -> TopicPublic:
    topic = count.topic
    return TopicPublic(slug=topic.slug, label_en=topic.label_en, label_nl=topic.label_nl, scope=topic.scope,
                       meeting_count=count.meetings, decision_count=count.decisions)


@router.get("", summary="List the topics", response_model=Page[TopicPublic])
def list_topics(session: SessionDep) -> Response:
    """The 31 topics with their labels in both languages and how many meetings and decisions have each."""
    items = [_public(c) for c in topic_counts(session)]
    return json_response(Page[TopicPublic](items=items, next_cursor=None, total=len(items)))


@router.get("/{slug}", summary="One topic with its timeline", response_model=TopicDetail)
def topic(session: SessionDep, slug: SlugPath) -> Response:
    """The meetings whose documents cover the topic, oldest first, each with the decisions about it."""
    row = get_topic(session, slug)
    count = next(c for c in topic_counts(session) if c.topic.slug == row.slug)
    timeline = [
        TopicMeeting(
            meeting_id=entry.meeting.id, body=entry.meeting.body, start_date=entry.meeting.start_date,
            end_date=entry.meeting.end_date, location=entry.meeting.location,
            decisions=[TopicDecision(id=d.id or 0, text=d.text, kind=d.kind, document_id=d.document_id,
                                     span_start=d.span_start, span_end=d.span_end) for d in entry.decisions],
        )
        for entry in topic_timeline(session, row.slug)
    ]
    return json_response(TopicDetail(**_public(count).model_dump(), timeline=timeline))
