"""POST /v1/documents: upload a report with an API key; it is ingested like `nato-records ingest`."""

from collections.abc import AsyncGenerator
from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from sqlmodel import Session
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException, MultiPartParser

from app.api.listing import json_response
from app.api.problems import MEDIA_TYPE, PROBLEM_RESPONSES, problem, unavailable
from app.api.schemas import UploadResult
from app.errors import UnreadableDocument
from app.ingest import Limits, ingest_source
from app.readers import read_bytes
from app.storage.db import file_gone
from app.storage.keys import check_key
from app.storage.lookups import meeting_ids_of_documents
from app.storage.writes import find_document

router = APIRouter(prefix="/v1/documents", tags=["documents"])

RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "Already stored (same bytes), or stored again by a newer parser"},
    400: PROBLEM_RESPONSES[400],
    401: {"description": "No valid API key", "content": {MEDIA_TYPE: {}}},
    413: {"description": "Larger than the upload limit", "content": {MEDIA_TYPE: {}}},
    422: {"description": "Not a readable report, with the reason", "content": {MEDIA_TYPE: {}}},
    429: {"description": "Too many uploads; see Retry-After", "content": {MEDIA_TYPE: {}}},
    503: PROBLEM_RESPONSES[503],
}
REQUEST_BODY = {
    "required": True,
    "content": {
        "multipart/form-data": {"schema": {"type": "object", "required": ["file"], "additionalProperties": False,
                                           "properties": {"file": {"type": "string", "format": "binary"}}}},
        "application/pdf": {"schema": {"type": "string", "format": "binary"}},
        "text/plain": {"schema": {"type": "string"}, "example": "Den Haag, 30 mei 2016\n\nHierbij bied ik u …"},
        "text/html": {"schema": {"type": "string"}},
    },
}


class TooLarge(Exception):
    pass


@router.post("", summary="Upload a report (API key required)", status_code=201, response_model=UploadResult,
              responses=RESPONSES, openapi_extra={"requestBody": REQUEST_BODY})
async def upload(
    request: Request,
    # Not a parameter of the schema (OpenAPI ignores one named Authorization): the bearer security
    # scheme documents it.
    authorization: Annotated[str | None, Header(include_in_schema=False)] = None,
    filename: Annotated[str | None, Query(max_length=200, description="The file's name, for a raw body",
                                          examples=["kst-28676-247.pdf"])] = None,
) -> Response:
    """Store a report sent as multipart (field `file`) or as the raw body; read endpoints need no key."""
    state = request.app.state
    address = request.client.host if request.client else "unknown"
    if wait := state.write_limiter.acquire(f"address:{address}"):
        return _too_many(wait)
    key = await run_in_threadpool(_authorise, state.engine, authorization)
    if key is None:
        response = problem(401, "a valid API key is required: Authorization: Bearer <key>")
        response.headers["WWW-Authenticate"] = "Bearer"
        return response
    if wait := state.write_limiter.acquire(f"key:{key}"):
        return _too_many(wait)
    limit = state.settings.max_file_bytes
    try:
        data, name = await _read_upload(request, limit, filename)
    except TooLarge:
        return problem(413, f"the upload is larger than the limit of {limit} bytes")
    return await run_in_threadpool(_ingest, state, data, name)


def _too_many(wait: float) -> Response:
    response = problem(429, f"too many uploads; try again in {int(wait)} s")
    response.headers["Retry-After"] = str(int(wait))
    return response


def _authorise(engine: Any, authorization: str | None) -> int | None:
    scheme, _, secret = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        return None
    with Session(engine) as session:
        key = check_key(session, secret.strip())
        return key.id if key else None


FORM_OVERHEAD = 64 * 1024  # a multipart body's boundaries and part headers, beyond the file itself


async def _read_upload(request: Request, limit: int, filename: str | None) -> tuple[bytes, str]:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit + FORM_OVERHEAD:
        raise TooLarge
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        return b"".join([chunk async for chunk in _counted(request, limit)]), filename or "upload.txt"
    parser = MultiPartParser(request.headers, _counted(request, limit + FORM_OVERHEAD), max_files=1, max_fields=5)
    try:
        form = await parser.parse()
    except MultiPartException as exc:
        raise HTTPException(400, exc.message) from exc
    try:
        upload = form.get("file")
        if upload is None or isinstance(upload, str):
            return b"", filename or "upload"
        data = await upload.read(limit + 1)
        if len(data) > limit:
            raise TooLarge
        return data, upload.filename or filename or "upload"
    finally:
        await form.close()


async def _counted(request: Request, limit: int) -> AsyncGenerator[bytes]:
    """The body as it arrives, stopped as soon as it passes `limit`: a chunked upload declares no
    length to refuse it by, and would otherwise be written to disk in full first."""
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise TooLarge
        yield chunk


def _ingest(state: Any, data: bytes, name: str) -> Response:
    if gone := file_gone(state.database_file, state.database_identity):
        return unavailable(gone)  # saved now, the document would be lost at the next start
    settings = state.settings
    try:
        source = read_bytes(data, name, f"upload:{name}", settings.max_pdf_pages)
    except UnreadableDocument as exc:
        return problem(422, f"{name}: {exc}")
    result = ingest_source(state.write_engine, source, Limits.of(settings))
    state.data_clock.expire()  # this worker's next request sees the new records
    if result.outcome == "failed":
        return problem(422, f"{name}: {result.reason}")
    with Session(state.engine) as session:
        document = find_document(session, source.sha256)
        assert document is not None
        assert document.id is not None
        meetings = meeting_ids_of_documents(session, [document.id]).get(document.id, [])
    body = UploadResult(outcome=result.outcome, document_id=document.id, meetings=meetings)
    response = json_response(body)
    response.status_code = 201 if result.outcome == "inserted" else 200
    response.headers["Location"] = f"/v1/documents/{document.id}"
    return response
