"""GET /v1/documents and /v1/documents/{id}."""

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request, Response

from app.api import builders
from app.api.deps import SessionDep
from app.api.filters import (
    CountParam,
    CursorParam,
    DocumentKindParam,
    FormatParam,
    IsoDate,
    LanguageParam,
    LimitParam,
    TextParam,
    TopicParam,
    UpdatedSinceParam,
    as_utc,
    check_range,
    choices,
    topic_choices,
)
from app.api.listing import EXPORT_RESPONSES, json_response, list_response
from app.api.problems import PROBLEM_RESPONSES
from app.api.schemas import DocumentPublic, DocumentSummary, Page
from app.parsing.records import DOCUMENT_KINDS
from app.storage.lookups import get_document
from app.storage.queries import DOCUMENT_SORTS, DocumentFilter, documents_statement

DocumentIdPath = Annotated[int, Path(ge=1, le=2**31 - 1, examples=[1], description="The document's id")]
router = APIRouter(prefix="/v1/documents", tags=["documents"], responses=PROBLEM_RESPONSES)

DocumentSort = Literal["-id", "id", "updated_at"]


@router.get("", summary="List documents", responses=EXPORT_RESPONSES, response_model=Page[DocumentSummary])
def list_documents(
    request: Request,
    session: SessionDep,
    kind: DocumentKindParam = None,
    language: LanguageParam = None,
    meeting: Annotated[str | None, Query(max_length=100, description="Only documents about this meeting",
                                         examples=["2020-04-02-foreign-ministers"])] = None,
    date_from: Annotated[IsoDate | None, Query(alias="from", examples=["2016-01-01"],
                                            description="Documents dated on or after this date")] = None,
    date_to: Annotated[IsoDate | None, Query(alias="to", examples=["2020-12-31"],
                                          description="Documents dated on or before this date")] = None,
    dossier: Annotated[str | None, Query(max_length=20, description="Parliamentary dossier", examples=["28676"])]
    = None,
    topic: TopicParam = None,
    doubts: Annotated[bool | None, Query(
        description="true: only documents the parser has doubts about (to review); false: only those it has none",
        examples=[True])] = None,
    q: TextParam = None,
    updated_since: UpdatedSinceParam = None,
    sort: Annotated[DocumentSort, Query(description="-id is the latest ingested first", examples=["-id"])] = "-id",
    limit: LimitParam = 50,
    cursor: CursorParam = None,
    count: CountParam = "none",
    format: FormatParam = None,
) -> Response:
    """Ingested documents without their text; `q` searches the texts."""
    check_range(date_from, date_to)
    document_filter = DocumentFilter(
        choices(kind, "kind", DOCUMENT_KINDS), choices(language, "language", ("nl", "en")), meeting, date_from, date_to,
        dossier, q, doubts, topic_choices(topic), as_utc(updated_since),
    )
    statement = documents_statement(session, document_filter)
    order = DOCUMENT_SORTS[sort]
    return list_response(request, session, statement, order, (cursor, limit, count == "exact"), format,
                         builders.documents, DocumentSummary)


@router.get("/{document_id}", summary="One document with its normalised text", response_model=DocumentPublic)
def document(
    session: SessionDep, document_id: DocumentIdPath
) -> Response:
    """Metadata, the meetings it reports on, and the normalised text that every span points into."""
    return json_response(builders.document(session, get_document(session, document_id)))
