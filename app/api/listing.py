"""Lists as JSON pages (with a Link header), or the whole filtered list streamed as CSV or NDJSON."""

import csv
import io
import json
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Literal

from fastapi import Request, Response
from fastapi.responses import StreamingResponse
from pydantic import BaseModel
from sqlalchemy import Engine, Select
from sqlmodel import Session

from app.api.paging import decode_cursor, encode_cursor
from app.api.schemas import Page
from app.errors import InvalidQuery
from app.storage.listing import Sort
from app.storage.queries import count_rows, fetch_page

Format = Literal["json", "csv", "ndjson"]
EXPORT_BATCH = 1000
JSON = "application/json"
CSV = "text/csv; charset=utf-8"
NDJSON = "application/x-ndjson"

EXPORT_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "A page as JSON; with format=csv or ndjson (or that Accept header) the whole list, streamed",
        "content": {
            "text/csv": {"schema": {"type": "string"}, "example": "id,body,start_date\n2020-04-02-foreign-ministers,…"},
            NDJSON: {"schema": {"type": "string"}, "example": '{"id": "2020-04-02-foreign-ministers", …}\n'},
        },
    }
}


def negotiate(request: Request, format: Format | None) -> Format:
    """format= wins; else the Accept header; else JSON."""
    if format is not None:
        return format
    accept = request.headers.get("accept", "")
    if "text/csv" in accept:
        return "csv"
    if "ndjson" in accept:
        return "ndjson"
    return "json"


def json_response(model: BaseModel, headers: dict[str, str] | None = None) -> Response:
    """Serialise with pydantic's fast path; fields an answer leaves out stay out."""
    return Response(model.model_dump_json(exclude_unset=True), media_type=JSON, headers=headers)


def page_response(
    request: Request,
    session: Session,
    statement: Select[Any],
    sort: Sort,
    cursor: str | None,
    limit: int,
    count: bool,
    build: Callable[[Session, list[Any]], Sequence[BaseModel]],
    page_type: type[BaseModel],
) -> Response:
    """One page of `statement` in `sort` order, with next_cursor, a Link header and maybe the total."""
    after = decode_cursor(cursor, sort) if cursor else None
    rows = fetch_page(session, statement, sort, after, limit)
    page, more = rows[:limit], len(rows) > limit
    next_cursor = encode_cursor(sort, page[-1][1]) if more else None
    fields: dict[str, Any] = {"items": build(session, [r for r, _ in page]), "next_cursor": next_cursor}
    if count:
        fields["total"] = count_rows(session, statement)
    headers = {}
    if next_cursor:
        # relative (RFC 8288 allows it): a link built from the client's Host would be cached and
        # handed to every later client, whatever host the first one named
        query = request.url.include_query_params(cursor=next_cursor).query
        headers["Link"] = f'<{request.url.path}?{query}>; rel="next"'
    return json_response(page_type(**fields), headers)


def export_response(
    engine: Engine,
    statement: Select[Any],
    sort: Sort,
    cursor: str | None,
    fmt: Format,
    build: Callable[[Session, list[Any]], Sequence[BaseModel]],
    item_type: type[BaseModel],
    limit: int | None = None,
) -> StreamingResponse:
    """Every row after the cursor (the first `limit` of them, when given), streamed in keyset
    batches; memory stays flat however long the list."""
    after = decode_cursor(cursor, sort) if cursor else None

    def records() -> Iterator[dict[str, Any]]:
        position, left = after, limit
        while left is None or left > 0:
            size = EXPORT_BATCH if left is None else min(EXPORT_BATCH, left)
            with Session(engine) as session:
                rows = fetch_page(session, statement, sort, position, size)
                batch = rows[:size]
                models = build(session, [r for r, _ in batch])
            for model in models:
                yield model.model_dump(mode="json", exclude_unset=True)
            if len(rows) <= size:
                return
            position = batch[-1][1]
            left = None if left is None else left - len(batch)

    if fmt == "csv":
        body: Iterator[str] = _csv_lines(records(), csv_columns(item_type))
        media = CSV
    else:
        body = (json.dumps(r, ensure_ascii=False) + "\n" for r in records())
        media = NDJSON
    return StreamingResponse(body, media_type=media)


def csv_columns(item_type: type[BaseModel]) -> list[str]:
    """The fields every record has; embedded lists and records are left to JSON and NDJSON."""
    return [name for name, field in item_type.model_fields.items() if field.is_required()]


def _csv_lines(records: Iterator[dict[str, Any]], columns: list[str]) -> Iterator[str]:
    """Flat CSV with a header even when no record matches; lists become JSON text."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    for record in records:
        writer.writerow({k: json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v
                         for k, v in record.items()})
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    if buffer.tell():  # no record matched: the header alone
        yield buffer.getvalue()


def list_response(
    request: Request,
    session: Session,
    statement: Select[Any],
    sort: Sort,
    paging: tuple[str | None, int, bool],
    format: Format | None,
    build: Callable[[Session, list[Any]], Sequence[BaseModel]],
    item_type: type[BaseModel],
) -> Response:
    """A list endpoint's answer: a JSON page, or the whole list as CSV / NDJSON when asked for."""
    cursor, limit, count = paging
    fmt = negotiate(request, format)
    if fmt != "json":
        if fmt == "csv" and "include" in request.query_params:
            raise InvalidQuery("include", "embedded records do not fit CSV's flat rows; use format=ndjson or json")
        given = limit if "limit" in request.query_params else None  # a stream is the whole list unless limited
        return export_response(request.app.state.engine, statement, sort, cursor, fmt, build, item_type, given)
    return page_response(request, session, statement, sort, cursor, limit, count, build,
                         Page[item_type])  # type: ignore[valid-type]
