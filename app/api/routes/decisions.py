"""GET /v1/decisions."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from app.api.deps import SessionDep
from app.api.filters import (
    BodyParam,
    CursorParam,
    FromParam,
    KindParam,
    LimitParam,
    MemberParam,
    ToParam,
    check_range,
    split_choices,
)
from app.api.paging import decode_cursor, encode_cursor
from app.api.problems import PROBLEM_RESPONSES
from app.api.schemas import DecisionPublic, Page
from app.parsing.records import BODIES, DECISION_KINDS
from app.storage.queries import DecisionQuery, list_decisions

router = APIRouter(prefix="/v1/decisions", tags=["decisions"], responses=PROBLEM_RESPONSES)


@router.get("", summary="List decisions, newest meetings first")
def decisions(
    session: SessionDep,
    meeting: Annotated[
        str | None, Query(max_length=100, description="Meeting id", examples=["2020-04-02-foreign-ministers"])
    ] = None,
    body: BodyParam = None,
    kind: KindParam = None,
    date_from: FromParam = None,
    date_to: ToParam = None,
    member: MemberParam = None,
    q: Annotated[
        str | None, Query(min_length=1, max_length=200, description="Case-insensitive text", examples=["Irak"])
    ] = None,
    limit: LimitParam = 50,
    cursor: CursorParam = None,
) -> Page[DecisionPublic]:
    """Decisions of the newest meetings first, in document order within a meeting."""
    check_range(date_from, date_to)
    query = DecisionQuery(
        meeting=meeting,
        bodies=split_choices(body, "body", BODIES),
        kinds=split_choices(kind, "kind", DECISION_KINDS),
        date_from=date_from,
        date_to=date_to,
        member=member.upper() if member else None,
        q=q,
    )
    after = decode_cursor(cursor, (date, str, int)) if cursor else None
    rows = list_decisions(session, query, after, limit)  # type: ignore[arg-type]
    page, more = rows[:limit], len(rows) > limit
    next_cursor = None
    if more:
        last, last_meeting = page[-1]
        next_cursor = encode_cursor(last_meeting.start_date, last_meeting.id, last.id)
    return Page[DecisionPublic](items=[DecisionPublic.model_validate(d) for d, _ in page], next_cursor=next_cursor)
