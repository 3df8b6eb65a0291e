"""GET /v1/meetings and /v1/meetings/{id}."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Path

from app.api.deps import SessionDep
from app.api.filters import (
    BodyParam,
    CursorParam,
    FromParam,
    LimitParam,
    MemberParam,
    ToParam,
    check_range,
    split_choices,
)
from app.api.paging import decode_cursor, encode_cursor
from app.api.problems import PROBLEM_RESPONSES
from app.api.schemas import (
    AgendaItemPublic,
    DecisionPublic,
    DocumentSummary,
    MeetingDetailPublic,
    MeetingPublic,
    Page,
)
from app.parsing.records import BODIES
from app.storage.queries import MeetingQuery, get_meeting, list_meetings

router = APIRouter(prefix="/v1/meetings", tags=["meetings"], responses=PROBLEM_RESPONSES)


@router.get("", summary="List meetings, newest first")
def meetings(
    session: SessionDep,
    body: BodyParam = None,
    date_from: FromParam = None,
    date_to: ToParam = None,
    member: MemberParam = None,
    limit: LimitParam = 50,
    cursor: CursorParam = None,
) -> Page[MeetingPublic]:
    """Meetings ordered by start date (newest first) and id; follow `next_cursor` for more."""
    check_range(date_from, date_to)
    query = MeetingQuery(split_choices(body, "body", BODIES), date_from, date_to, member.upper() if member else None)
    after = decode_cursor(cursor, (date, str)) if cursor else None
    rows = list_meetings(session, query, after, limit)  # type: ignore[arg-type]
    page, more = rows[:limit], len(rows) > limit
    next_cursor = encode_cursor(page[-1].start_date, page[-1].id) if more else None
    return Page[MeetingPublic](items=[MeetingPublic.model_validate(m) for m in page], next_cursor=next_cursor)


@router.get("/{meeting_id}", summary="One meeting with its documents, agenda and decisions")
def meeting(
    session: SessionDep,
    meeting_id: Annotated[str, Path(max_length=100, examples=["2020-04-02-foreign-ministers"])],
) -> MeetingDetailPublic:
    """The meeting, the documents reporting on it, its agenda items in order and its decisions."""
    detail = get_meeting(session, meeting_id)
    return MeetingDetailPublic(
        **MeetingPublic.model_validate(detail.meeting).model_dump(),
        documents=[DocumentSummary.model_validate(d) for d in detail.documents],
        agenda_items=[AgendaItemPublic.model_validate(i) for i in detail.agenda_items],
        decisions=[DecisionPublic.model_validate(d) for d in detail.decisions],
        members=detail.members,
    )
