"""GET /v1/documents/{id}."""

from typing import Annotated

from fastapi import APIRouter, Path

from app.api.deps import SessionDep
from app.api.problems import PROBLEM_RESPONSES
from app.api.schemas import DocumentPublic, DocumentSummary
from app.storage.queries import get_document

router = APIRouter(prefix="/v1/documents", tags=["documents"], responses=PROBLEM_RESPONSES)


@router.get("/{document_id}", summary="One document with its normalised text")
def document(
    session: SessionDep,
    document_id: Annotated[int, Path(ge=1, le=2**31 - 1, examples=[1])],
) -> DocumentPublic:
    """Metadata and the normalised text that every span points into."""
    row, meetings = get_document(session, document_id)
    return DocumentPublic(
        **DocumentSummary.model_validate(row).model_dump(), text=row.text, body_end=row.body_end, meetings=meetings,
    )
