"""Every error as application/problem+json (RFC 9457), never a stack trace."""

import functools
import logging
import re
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException

from app.errors import InvalidQuery, NotFound
from app.storage import reopen
from app.storage.db import reason_of, refuses_writes

log = logging.getLogger(__name__)
MEDIA_TYPE = "application/problem+json"


def problem(status: int, detail: str | None = None, **extra: object) -> JSONResponse:
    """A problem details response."""
    body: dict[str, object] = {"type": "about:blank", "title": HTTPStatus(status).phrase, "status": status}
    if detail is not None:
        body["detail"] = detail
    body.update(extra)
    return JSONResponse(body, status_code=status, media_type=MEDIA_TYPE)


def _location(loc: tuple[object, ...] | list[object]) -> str:
    """("query", "limit") -> "limit"; the first part only says where the parameter was."""
    parts = [str(p) for p in loc]
    if parts and parts[0] in ("query", "path", "body", "header", "cookie"):
        parts = parts[1:]
    return ".".join(parts) or "request"


# The pattern `filters.list_pattern` gives a comma list of allowed values: ^(?:a|b)(?:,(?:a|b))*$
_LIST_PATTERN = re.compile(r"^\^\(\?:([^()]*)\)\(\?:,\(\?:\1\)\)\*\$$")


_CHOICE_PATTERN = re.compile(r"^\^\(\?:([\w,|-]*)\)\$$")  # one of several values: ^(?:a|b)$


def _message(error: dict[str, Any]) -> str:
    """Pydantic's message, in plain words where it would print a regex: the values allowed."""
    pattern = str((error.get("ctx") or {}).get("pattern", ""))
    if error.get("type") == "string_pattern_mismatch" and (allowed := _LIST_PATTERN.match(pattern)):
        return f"must be one of {', '.join(allowed.group(1).split('|'))} (several separated by commas)"
    if error.get("type") == "string_pattern_mismatch" and (allowed := _CHOICE_PATTERN.match(pattern)):
        return f"must be one of {', '.join(allowed.group(1).split('|'))}"
    return str(error.get("msg", ""))


def _is_choice(error: dict[str, Any]) -> bool:
    """A value outside a parameter's list of allowed values (rather than one of the wrong form)."""
    pattern = str((error.get("ctx") or {}).get("pattern", ""))
    if error.get("type") == "string_pattern_mismatch":
        return bool(_LIST_PATTERN.match(pattern) or _CHOICE_PATTERN.match(pattern))
    return error.get("type") == "literal_error"


async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
    """422 for a value of the wrong form (not a number, out of range, not a date); 400 for a value
    that is not one of the parameter's choices, as for an unknown parameter: the message names them."""
    found = list(exc.errors())
    errors = [{"parameter": _location(e.get("loc", ())), "message": _message(e)} for e in found]
    detail = "; ".join(f"{e['parameter']}: {e['message']}" for e in errors)
    return problem(400 if all(_is_choice(e) for e in found) else 422, detail, errors=errors)


async def _http(request: Request, exc: HTTPException) -> JSONResponse:
    """Starlette's own errors keep their headers; a 405 lists in `Allow` every method the path takes."""
    response = problem(exc.status_code, str(exc.detail) if exc.detail else None)
    response.headers.update(exc.headers or {})
    if exc.status_code == 405:
        response.headers["Allow"] = ", ".join(allowed_methods(request, response.headers.get("Allow", "")))
    return response


def allowed_methods(request: Request, named: str) -> list[str]:
    """The methods Starlette `named` (those of the first route that matches), every one the OpenAPI
    document gives the request's path, and HEAD wherever GET is, since the app answers it."""
    methods = {method.strip() for method in named.split(",") if method.strip()}
    for template, operations in request.app.openapi()["paths"].items():
        if _path_pattern(template).fullmatch(request.url.path):
            methods |= {method.upper() for method in operations if method.upper() in _METHODS}
    if "GET" in methods:
        methods.add("HEAD")
    return sorted(methods)


_METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}


@functools.cache
def _path_pattern(template: str) -> re.Pattern[str]:
    """/v1/meetings/{meeting_id} -> a regex matching /v1/meetings/<one segment>."""
    parts = re.split(r"\{[^}]+\}", template)
    return re.compile("[^/]+".join(re.escape(part) for part in parts))


async def _not_found(_: Request, exc: NotFound) -> JSONResponse:
    return problem(404, str(exc))


async def _invalid_query(_: Request, exc: InvalidQuery) -> JSONResponse:
    return problem(400, str(exc), errors=[{"parameter": exc.parameter, "message": exc.reason}])


def unavailable(reason: str) -> JSONResponse:
    """503: the database cannot be used now; the reason names it. Logged once, as a warning."""
    log.warning("database unavailable: %s", reason)
    response = problem(503, f"{reason}; restart the service once the file is back")
    response.headers["Retry-After"] = "30"
    return response


async def _pool_busy(request: Request, exc: PoolTimeout) -> JSONResponse:
    log.warning("%s %s: no database connection free in time (%s)", request.method, request.url.path, exc)
    response = problem(503, "the service is busy: no database connection was free in time; try again shortly")
    response.headers["Retry-After"] = "1"
    return response


async def _database_unavailable(request: Request, exc: DBAPIError) -> JSONResponse:
    """A database that went away, or refuses: 503 naming it, in one log line (no traceback)."""
    if not exc.connection_invalidated and not isinstance(exc, OperationalError | InterfaceError):
        return await _unexpected(request, exc)
    reason = reason_of(exc)
    log.warning("%s %s: database unavailable: %s", request.method, request.url.path, reason)
    if refuses_writes(exc):  # read-only or full: the document is fine, the database takes none
        _reopen_later(request)
        response = problem(503, f"the database takes no writes now ({reason}); try again once it does")
    else:
        response = problem(503, "the database is unavailable; try again shortly")
    response.headers["Retry-After"] = "5"
    return response


def _reopen_later(request: Request) -> None:
    """Drop every connection of this process, readers' too, so that the file is opened afresh once it
    takes writes again: SQLite shares one mapping of a WAL file's index among a process's
    connections, and one opened read-only keeps every new connection read-only (storage/reopen.py)."""
    if request.app.state.database_file is not None:
        reopen.reopen(request.app.state.database_file)
    request.app.state.write_engine.dispose()
    request.app.state.engine.dispose()


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return problem(500, "internal error; the incident was logged")


def install_problem_handlers(app: FastAPI) -> None:
    """Map validation, HTTP and domain errors to problem details."""
    app.add_exception_handler(RequestValidationError, _validation)  # type: ignore[arg-type]
    app.add_exception_handler(HTTPException, _http)  # type: ignore[arg-type]
    app.add_exception_handler(NotFound, _not_found)  # type: ignore[arg-type]
    app.add_exception_handler(InvalidQuery, _invalid_query)  # type: ignore[arg-type]
    app.add_exception_handler(PoolTimeout, _pool_busy)  # type: ignore[arg-type]
    app.add_exception_handler(DBAPIError, _database_unavailable)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _unexpected)


PROBLEM_RESPONSES: dict[int | str, dict[str, object]] = {
    400: {"description": "A parameter is unknown, has a value outside its choices (named in the message), or "
               "cannot be used so", "content": {MEDIA_TYPE: {}}},
    404: {"description": "No record with that id", "content": {MEDIA_TYPE: {}}},
    422: {"description": "A parameter's value has the wrong form: not a number, out of range, not a date",
          "content": {MEDIA_TYPE: {}}},
    503: {"description": "The database is unavailable or busy; see Retry-After", "content": {MEDIA_TYPE: {}}},
}
