"""GET /v1/members, /v1/members/{code} and /v1/members/{code}/timeline."""

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request, Response

from app.api import builders
from app.api.deps import SessionDep
from app.api.filters import CountParam, CursorParam, FormatParam, IsoDate, LimitParam
from app.api.listing import EXPORT_RESPONSES, json_response, list_response
from app.api.problems import PROBLEM_RESPONSES
from app.api.schemas import MemberDetailPublic, MemberPublic, Page, Timeline, TimelineEvent
from app.storage import stats
from app.storage.lookups import get_member
from app.storage.queries import MEMBER_SORTS, MemberFilter, meetings_named, members_statement

router = APIRouter(prefix="/v1/members", tags=["members"], responses=PROBLEM_RESPONSES)

CodePath = Annotated[str, Path(pattern=r"^[A-Za-z]{3}$", examples=["NLD"], description="ISO 3166-1 alpha-3")]


@router.get("", summary="List the member states", responses=EXPORT_RESPONSES, response_model=Page[MemberPublic])
def list_members(
    request: Request,
    session: SessionDep,
    as_of: Annotated[IsoDate | None, Query(description="Only the states that were members on this date",
                                        examples=["2016-05-19"])] = None,
    code: Annotated[str | None, Query(max_length=200, description="ISO3 codes separated by commas",
                                      examples=["NLD,BEL,LUX"])] = None,
    sort: Annotated[Literal["accession_date", "code"], Query(description="Order", examples=["code"])]
    = "accession_date",
    limit: LimitParam = 50,
    cursor: CursorParam = None,
    count: CountParam = "none",
    format: FormatParam = None,
) -> Response:
    """The NATO member states with their accession dates; `as_of` gives the members on a date."""
    codes = tuple(c.strip().upper() for c in code.split(",") if c.strip()) if code else ()
    statement = members_statement(MemberFilter(as_of, codes))
    order = MEMBER_SORTS[sort]
    return list_response(request, session, statement, order, (cursor, limit, count == "exact"), format,
                         builders.members, MemberPublic)


@router.get("/{code}", summary="One member state and the meetings that named it", response_model=MemberDetailPublic)
def member(session: SessionDep, code: CodePath) -> Response:
    """The member state, with the meetings (newest first) at which it was a member and was named."""
    row = get_member(session, code)
    meetings = builders.meetings(session, meetings_named(session, row))
    return json_response(MemberDetailPublic(**builders.member(row).model_dump(), meetings=meetings))


@router.get("/{code}/timeline", summary="Meetings and decisions naming a member state", response_model=Timeline)
def timeline(session: SessionDep, code: CodePath) -> Response:
    """Meetings whose documents name the state and decisions that name it, newest first, from its accession on."""
    row = get_member(session, code)
    events = [TimelineEvent(**e.__dict__) for e in stats.member_timeline(session, row)]
    return json_response(Timeline(code=row.code, items=events))
