"""GET /v1/meetings and /v1/meetings/{id}."""

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request, Response
from fastapi.responses import RedirectResponse

from app.api import builders
from app.api.deps import SessionDep
from app.api.filters import (
    LANGUAGES,
    BodyParam,
    CountParam,
    CursorParam,
    FormatParam,
    FromParam,
    InformalParam,
    LimitParam,
    LocationParam,
    MeetingLanguageParam,
    MeetingSourceKindParam,
    MemberParam,
    ToParam,
    UpdatedSinceParam,
    VirtualParam,
    as_utc,
    check_range,
    choices,
    list_pattern,
    locations,
    topic_choices,
)
from app.api.listing import EXPORT_RESPONSES, json_response, list_response
from app.api.problems import PROBLEM_RESPONSES
from app.api.schemas import MeetingPublic, Page
from app.errors import NotFound
from app.parsing.records import BODIES, DOCUMENT_KINDS
from app.parsing.topics import SLUGS
from app.storage.lookups import get_meeting, meeting_alias
from app.storage.queries import MEETING_SORTS, MeetingFilter, meetings_statement

router = APIRouter(prefix="/v1/meetings", tags=["meetings"], responses=PROBLEM_RESPONSES)

MeetingSort = Literal["-start_date", "start_date", "id", "updated_at"]
IncludeParam = Annotated[
    str | None,
    Query(max_length=100, examples=["agenda_items,decisions"], pattern=list_pattern(builders.MEETING_INCLUDES),
          description="Embed per meeting: " + ", ".join(builders.MEETING_INCLUDES) + "; several separated by commas"),
]


@router.get("", summary="List meetings", responses=EXPORT_RESPONSES, response_model=Page[MeetingPublic])
def list_meetings(
    request: Request,
    session: SessionDep,
    body: BodyParam = None,
    date_from: FromParam = None,
    date_to: ToParam = None,
    member: MemberParam = None,
    location: LocationParam = None,
    virtual: VirtualParam = None,
    informal: InformalParam = None,
    topic: Annotated[str | None, Query(max_length=1000, examples=["ukraine"], pattern=list_pattern(SLUGS),
                                       description="Only meetings whose documents cover one of these topics "
                                       "(slugs separated by commas; GET /v1/topics lists them)")] = None,
    updated_since: UpdatedSinceParam = None,
    document_kind: MeetingSourceKindParam = None,
    language: MeetingLanguageParam = None,
    include: IncludeParam = None,
    sort: Annotated[MeetingSort, Query(description="Order; -start_date is newest first", examples=["start_date"])]
    = "-start_date",
    limit: LimitParam = 50,
    cursor: CursorParam = None,
    count: CountParam = "none",
    format: FormatParam = None,
) -> Response:
    """Meetings in the chosen order, ties broken by id; follow `next_cursor` (or the Link header) for more."""
    check_range(date_from, date_to)
    meeting_filter = MeetingFilter(
        choices(body, "body", BODIES), date_from, date_to, member.upper() if member else None, locations(location),
        virtual, informal, topic_choices(topic), as_utc(updated_since),
        choices(document_kind, "document_kind", DOCUMENT_KINDS), choices(language, "language", LANGUAGES),
    )
    embed = choices(include, "include", builders.MEETING_INCLUDES)
    statement = meetings_statement(meeting_filter)
    order = MEETING_SORTS[sort]

    def build(s, rows):
        return builders.meetings(s, rows, embed)

    return list_response(request, session, statement, order, (cursor, limit, count == "exact"), format,
                         build, MeetingPublic)


MOVED: dict[int | str, dict[str, Any]] = {308: {
    "description": "The id was the meeting's before a reparse read its dates better; Location gives its id now "
                   "(the old one stays an alias)",
    "headers": {"Location": {"description": "/v1/meetings/{its id now}", "schema": {"type": "string"}}},
}}


@router.get("/{meeting_id}", summary="One meeting with its documents, agenda and decisions",
            response_model=MeetingPublic, responses=MOVED)
def meeting(
    request: Request,
    session: SessionDep,
    meeting_id: Annotated[str, Path(max_length=100, examples=["2020-04-02-foreign-ministers"],
                                                     description="The meeting's id: its first day and body")],
    include: IncludeParam = None,
) -> Response:
    """The meeting with its documents, agenda items in order, decisions and the member states named
    (or only those that `include` names), and under `sources` each document with the agenda items
    and decisions read from it.

    A Dutch report and a NATO statement about one meeting often report the same decision in their
    own words: to count decisions, take them from one source (`document_kind=` and `language=`
    on the lists and stats)."""
    try:
        row = get_meeting(session, meeting_id)
    except NotFound:
        if (target := meeting_alias(session, meeting_id)) is None:
            raise
        moved = request.url_for("meeting", meeting_id=target).include_query_params(**request.query_params)
        return RedirectResponse(str(moved), status_code=308)
    embed = choices(include, "include", builders.MEETING_INCLUDES) or builders.MEETING_INCLUDES
    return json_response(builders.meetings(session, [row], embed)[0])
