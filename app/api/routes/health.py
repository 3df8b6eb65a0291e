"""GET /health."""

from fastapi import APIRouter, Request

from app.api.schemas import Health
from app.storage.db import current_revision

router = APIRouter(tags=["health"])


@router.get("/health", summary="Liveness, database and schema revision")
def health(request: Request) -> Health:
    """200 while the service can reach its database."""
    engine = request.app.state.engine
    return Health(status="ok", database=engine.dialect.name, revision=current_revision(engine))
