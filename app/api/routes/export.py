"""GET /v1/export/{resource}.ndjson: a whole table, streamed."""

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Request
from fastapi.responses import StreamingResponse

from app.api import builders
from app.api.deps import SessionDep
from app.api.listing import NDJSON, export_response
from app.api.problems import PROBLEM_RESPONSES
from app.api.schemas import AgendaItemPublic, DecisionPublic, DocumentPublic, MeetingPublic, MemberPublic
from app.storage.queries import (
    AGENDA_ITEM_SORTS,
    DECISION_SORTS,
    DOCUMENT_SORTS,
    MEETING_SORTS,
    MEMBER_SORTS,
    DocumentFilter,
    MeetingFilter,
    MemberFilter,
    RecordFilter,
    documents_statement,
    meetings_statement,
    members_statement,
    record_statement,
)
from app.storage.tables import AgendaItem, Decision

router = APIRouter(prefix="/v1/export", tags=["export"], responses=PROBLEM_RESPONSES)

Resource = Literal["meetings", "agenda-items", "decisions", "documents", "members"]


@router.get(
    "/{resource}.ndjson",
    summary="A whole table as NDJSON",
    response_class=StreamingResponse,
    responses={200: {"content": {NDJSON: {"schema": {"type": "string"}}}, "description": "One JSON record a line"}},
)
def export(
    request: Request,
    session: SessionDep,
    resource: Annotated[Resource, Path(description="Which table; documents come with their text",
                                       examples=["decisions"])],
) -> StreamingResponse:
    """Every record of one resource, oldest id first, one JSON object per line; memory stays flat."""
    engine = request.app.state.engine
    if resource == "meetings":
        return export_response(engine, meetings_statement(MeetingFilter()), MEETING_SORTS["id"], None, "ndjson",
                               builders.meetings, MeetingPublic)
    if resource == "decisions":
        return export_response(engine, record_statement(session, Decision, RecordFilter()), DECISION_SORTS["id"],
                               None, "ndjson", builders.decisions, DecisionPublic)
    if resource == "agenda-items":
        return export_response(engine, record_statement(session, AgendaItem, RecordFilter()),
                               AGENDA_ITEM_SORTS["id"], None, "ndjson", builders.agenda_items, AgendaItemPublic)
    if resource == "documents":
        return export_response(engine, documents_statement(session, DocumentFilter(), with_text=True),
                               DOCUMENT_SORTS["id"], None, "ndjson", builders.full_documents, DocumentPublic)
    return export_response(engine, members_statement(MemberFilter()), MEMBER_SORTS["code"], None, "ndjson",
                           builders.members, MemberPublic)
