"""GET /v1/stats/decisions and /v1/stats/meetings: counts for dashboards."""

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Response

from app.api.deps import SessionDep
from app.api.filters import (
    LANGUAGES,
    BodyParam,
    DecisionKindParam,
    FromParam,
    InformalParam,
    LanguageParam,
    LocationParam,
    MeetingIdsParam,
    MeetingLanguageParam,
    MeetingSourceKindParam,
    MemberParam,
    SourceKindParam,
    TextParam,
    ToParam,
    TopicParam,
    VirtualParam,
    check_range,
    choices,
    locations,
    record_filter,
    topic_choices,
)
from app.api.listing import json_response
from app.api.problems import PROBLEM_RESPONSES
from app.api.schemas import Bucket, Stats, TopicYearCell, TopicYears
from app.parsing.records import BODIES, DOCUMENT_KINDS
from app.storage import stats
from app.storage.queries import MeetingFilter

router = APIRouter(prefix="/v1/stats", tags=["stats"], responses=PROBLEM_RESPONSES)


DECISION_GROUPS = ("year", "body", "kind", "member", "topic")
PAIRS = [f"{a},{b}" for a in stats.PAIRABLE for b in stats.PAIRABLE if a != b]


@router.get("/decisions", summary="Decisions counted per year, body, kind, member or topic", response_model=Stats)
def decision_stats(
    session: SessionDep,
    group_by: Annotated[str, Query(
        pattern="^(?:" + "|".join([*DECISION_GROUPS, *PAIRS]) + ")$", examples=["year", "year,kind"],
        description="What to count per: year, body, kind, member (the decisions naming each member state) or "
        "topic (with topic=, year gives a topic's time series); or two of year, body and kind, "
        "such as year,kind, each bucket then with its `keys`")],
    meeting: MeetingIdsParam = None,
    body: BodyParam = None,
    kind: DecisionKindParam = None,
    date_from: FromParam = None,
    date_to: ToParam = None,
    member: MemberParam = None,
    language: LanguageParam = None,
    document_kind: SourceKindParam = None,
    topic: TopicParam = None,
    q: TextParam = None,
) -> Response:
    """The same filters as /v1/decisions; buckets ordered by key."""
    filters = record_filter(meeting, body, kind, date_from, date_to, member, language, q, topic=topic,
                            document_kind=document_kind)
    if "," in group_by:
        first, second = group_by.split(",")
        buckets = stats.decision_pairs(session, filters, first, second)
    else:
        buckets = stats.decision_stats(session, filters, group_by)  # type: ignore[arg-type]
    items = [Bucket(key=b.key, count=b.count, **({"keys": list(b.keys)} if b.keys else {})) for b in buckets]
    return json_response(Stats(group_by=group_by, items=items))


def meeting_filter(
    body: BodyParam = None,
    date_from: FromParam = None,
    date_to: ToParam = None,
    member: MemberParam = None,
    location: LocationParam = None,
    virtual: VirtualParam = None,
    informal: InformalParam = None,
    topic: TopicParam = None,
    document_kind: MeetingSourceKindParam = None,
    language: MeetingLanguageParam = None,
) -> MeetingFilter:
    """The meeting filters of /v1/meetings, checked: a dependency of the meeting aggregates."""
    check_range(date_from, date_to)
    return MeetingFilter(choices(body, "body", BODIES), date_from, date_to, member.upper() if member else None,
                         locations(location), virtual, informal, topic_choices(topic),
                         document_kinds=choices(document_kind, "document_kind", DOCUMENT_KINDS),
                         languages=choices(language, "language", LANGUAGES))


MeetingFilterParams = Annotated[MeetingFilter, Depends(meeting_filter)]


@router.get("/meetings", summary="Meetings counted per year, body, location or topic", response_model=Stats)
def meeting_stats(
    session: SessionDep,
    group_by: Annotated[Literal["year", "body", "location", "topic"],
                        Query(description="What to count per; topic: the meetings whose documents cover each topic",
                              examples=["body"])],
    filters: MeetingFilterParams,
) -> Response:
    """Filtered as /v1/meetings (body, from, to, member, location, virtual, informal, topic); buckets ordered by
    key (a null location last)."""
    buckets = stats.meeting_stats(session, filters, group_by)
    return json_response(Stats(group_by=group_by, items=[Bucket(key=b.key, count=b.count) for b in buckets]))


@router.get("/topics", summary="Meetings and decisions per topic, year and body", response_model=TopicYears)
def topic_years(session: SessionDep, filters: MeetingFilterParams) -> Response:
    """A topic x year heatmap in one call: for each topic, year and body, the meetings whose
    documents cover the topic and the decisions they took about it. The filters of /v1/meetings."""
    cells = stats.topic_year_counts(session, filters)
    return json_response(TopicYears(items=[TopicYearCell(**c.__dict__) for c in cells]))
