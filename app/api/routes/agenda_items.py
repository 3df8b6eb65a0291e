"""GET /v1/agenda-items and /v1/agenda-items/{id}."""

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request, Response

from app.api import builders
from app.api.deps import SessionDep
from app.api.filters import (
    BodyParam,
    CountParam,
    CursorParam,
    FormatParam,
    FromParam,
    IdParam,
    LanguageParam,
    LimitParam,
    MeetingIdsParam,
    MemberParam,
    SourceKindParam,
    TextParam,
    ToParam,
    TopicParam,
    UpdatedSinceParam,
    record_filter,
)
from app.api.listing import EXPORT_RESPONSES, json_response, list_response
from app.api.problems import PROBLEM_RESPONSES
from app.api.schemas import AgendaItemPublic, Page
from app.storage.lookups import get_record
from app.storage.queries import AGENDA_ITEM_SORTS, record_statement
from app.storage.tables import AgendaItem

ItemIdPath = Annotated[int, Path(ge=1, le=2**31 - 1, examples=[3], description="The agenda item's id")]
router = APIRouter(prefix="/v1/agenda-items", tags=["agenda items"], responses=PROBLEM_RESPONSES)

AgendaItemSort = Literal["-date", "date", "id", "-id", "updated_at"]



@router.get("", summary="List agenda items", responses=EXPORT_RESPONSES, response_model=Page[AgendaItemPublic])
def list_agenda_items(
    request: Request,
    session: SessionDep,
    meeting: MeetingIdsParam = None,
    body: BodyParam = None,
    date_from: FromParam = None,
    date_to: ToParam = None,
    member: MemberParam = None,
    language: LanguageParam = None,
    document_kind: SourceKindParam = None,
    document: Annotated[IdParam, Query(description="Only agenda items of this document")] = None,
    topic: TopicParam = None,
    q: TextParam = None,
    updated_since: UpdatedSinceParam = None,
    sort: Annotated[AgendaItemSort, Query(description="-date: newest meetings first, document order within one",
                                          examples=["-date"])] = "-date",
    limit: LimitParam = 50,
    cursor: CursorParam = None,
    count: CountParam = "none",
    format: FormatParam = None,
) -> Response:
    """Section headings of the documents, with parents and spans; `q` searches the titles."""
    filters = record_filter(meeting, body, None, date_from, date_to, member, language, q, document=document,
                            topic=topic, updated_since=updated_since, document_kind=document_kind)
    statement = record_statement(session, AgendaItem, filters)
    order = AGENDA_ITEM_SORTS[sort]
    return list_response(request, session, statement, order, (cursor, limit, count == "exact"), format,
                         builders.agenda_items, AgendaItemPublic)


@router.get("/{item_id}", summary="One agenda item", response_model=AgendaItemPublic)
def agenda_item(session: SessionDep, item_id: ItemIdPath) -> Response:
    """An agenda item by id."""
    return json_response(builders.agenda_items(session, [get_record(session, AgendaItem, item_id)])[0])
