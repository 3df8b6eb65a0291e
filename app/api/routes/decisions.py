"""GET /v1/decisions and /v1/decisions/{id}."""

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request, Response

from app.api import builders
from app.api.deps import SessionDep
from app.api.filters import (
    BodyParam,
    CountParam,
    CursorParam,
    DecisionKindParam,
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
    choices,
    list_pattern,
    record_filter,
)
from app.api.listing import EXPORT_RESPONSES, json_response, list_response
from app.api.problems import PROBLEM_RESPONSES
from app.api.schemas import DecisionPublic, Page
from app.storage.lookups import get_record
from app.storage.queries import DECISION_SORTS, record_statement
from app.storage.tables import Decision

DecisionIdPath = Annotated[int, Path(ge=1, le=2**31 - 1, examples=[12], description="The decision's id")]
router = APIRouter(prefix="/v1/decisions", tags=["decisions"], responses=PROBLEM_RESPONSES)

DecisionSort = Literal["-date", "date", "id", "-id", "updated_at"]


@router.get("", summary="List decisions", responses=EXPORT_RESPONSES, response_model=Page[DecisionPublic])
def list_decisions(
    request: Request,
    session: SessionDep,
    meeting: MeetingIdsParam = None,
    body: BodyParam = None,
    kind: DecisionKindParam = None,
    date_from: FromParam = None,
    date_to: ToParam = None,
    member: MemberParam = None,
    language: LanguageParam = None,
    document_kind: SourceKindParam = None,
    agenda_item: Annotated[IdParam, Query(description="Only decisions in this agenda item")] = None,
    document: Annotated[IdParam, Query(description="Only decisions from this document")] = None,
    topic: TopicParam = None,
    q: TextParam = None,
    updated_since: UpdatedSinceParam = None,
    include: Annotated[str | None, Query(max_length=100, examples=["meeting,agenda_item"],
                                         pattern=list_pattern(builders.DECISION_INCLUDES),
                                         description="Embed per decision: meeting, agenda_item")] = None,
    sort: Annotated[DecisionSort, Query(description="-date: newest meetings first, document order within one",
                                        examples=["-date"])] = "-date",
    limit: LimitParam = 50,
    cursor: CursorParam = None,
    count: CountParam = "none",
    format: FormatParam = None,
) -> Response:
    """Decisions with their meeting, agenda item and document ids; `q` searches their text."""
    filters = record_filter(meeting, body, kind, date_from, date_to, member, language, q, agenda_item, document, topic,
                            updated_since, document_kind)
    embed = choices(include, "include", builders.DECISION_INCLUDES)
    statement = record_statement(session, Decision, filters)
    order = DECISION_SORTS[sort]

    def build(s, rows):
        return builders.decisions(s, rows, embed)

    return list_response(request, session, statement, order, (cursor, limit, count == "exact"), format,
                         build, DecisionPublic)


@router.get("/{decision_id}", summary="One decision with its meeting and agenda item", response_model=DecisionPublic)
def decision(
    session: SessionDep, decision_id: DecisionIdPath
) -> Response:
    """The decision, its meeting and its agenda item embedded."""
    row = get_record(session, Decision, decision_id)
    return json_response(builders.decisions(session, [row], builders.DECISION_INCLUDES)[0])
