"""Dependencies: a session per request, the settings, strict query parameters."""

from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import Depends, Request
from sqlmodel import Session

from app.config import Settings
from app.errors import InvalidQuery


async def get_session(request: Request) -> AsyncIterator[Session]:
    """A session for the request. Making one connects to nothing (the endpoint's first query
    does, in its thread). Closing it returns the connection to the pool (a rollback, local and
    short) right here, as the request ends: closing it in the thread pool queued the close
    behind the requests waiting there, whose threads waited for the connections those closes
    would return, and at 32 concurrent clients the API wedged."""
    session = Session(request.app.state.engine)
    try:
        yield session
    finally:
        session.close()


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


async def reject_unknown_parameters(request: Request) -> None:
    """An unknown query parameter is an error, never silently ignored; so is a NUL character.

    Async, though it awaits nothing: FastAPI runs a sync dependency in the thread pool, and that
    hop cost more than the check."""
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return
    known = _known_parameters(dependant)
    for name, value in request.query_params.multi_items():
        if name not in known:
            raise InvalidQuery(name, "unknown parameter")
        if "\x00" in value:
            raise InvalidQuery(name, "contains a NUL character")  # PostgreSQL cannot even compare with one
    for name, value in request.path_params.items():
        if isinstance(value, str) and "\x00" in value:
            raise InvalidQuery(name, "contains a NUL character")


_KNOWN: dict[int, tuple[Any, frozenset[str]]] = {}


def _known_parameters(dependant: Any) -> frozenset[str]:
    """A route's query parameter names, worked out once per route (the entry keeps the route's
    dependant alive, so its id is never reused)."""
    known = _KNOWN.get(id(dependant))
    if known is None:
        known = _KNOWN[id(dependant)] = (dependant, frozenset(p.alias for p in _query_params(dependant)))
    return known[1]


def _query_params(dependant):
    yield from dependant.query_params
    for sub in dependant.dependencies:
        yield from _query_params(sub)


SessionDep = Annotated[Session, Depends(get_session)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
