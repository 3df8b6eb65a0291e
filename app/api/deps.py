"""Dependencies: a session per request, the settings, strict query parameters."""

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlmodel import Session

from app.config import Settings
from app.errors import InvalidQuery


def get_session(request: Request) -> Iterator[Session]:
    with Session(request.app.state.engine) as session:
        yield session


def get_settings(request: Request) -> Settings:
    return request.app.state.settings  # type: ignore[no-any-return]


def reject_unknown_parameters(request: Request) -> None:
    """An unknown query parameter is an error, never silently ignored."""
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return
    known = {p.alias for p in _query_params(dependant)}
    for name in request.query_params:
        if name not in known:
            raise InvalidQuery(name, "unknown parameter")


def _query_params(dependant):  # type: ignore[no-untyped-def]
    yield from dependant.query_params
    for sub in dependant.dependencies:
        yield from _query_params(sub)


SessionDep = Annotated[Session, Depends(get_session)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
