"""GET /v1/changes: created, updated and deleted records in order, to mirror the database."""

from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Query, Response
from sqlmodel import Session

from app.api import builders
from app.api.deps import SessionDep, SettingsDep
from app.api.filters import LimitParam
from app.api.listing import json_response
from app.api.paging import decode_seq, encode_seq
from app.api.problems import PROBLEM_RESPONSES
from app.api.schemas import ChangePublic, ChangesPage
from app.storage.lookups import rows_by_id
from app.storage.stats import list_changes
from app.storage.tables import AgendaItem, Change, Decision, Document, Meeting

router = APIRouter(prefix="/v1/changes", tags=["sync"], responses=PROBLEM_RESPONSES)


@router.get("", summary="Changes since a cursor, for incremental sync", response_model=ChangesPage)
def changes(
    session: SessionDep,
    settings: SettingsDep,
    since: Annotated[str | None, Query(max_length=512, examples=["eyJzZXEiOiA0Mn0"],
                                       description="The next_cursor of the previous call; omit to start from the "
                                                   "beginning")] = None,
    limit: LimitParam = 500,
) -> Response:
    """Each change once, oldest first, with the record's current state (null for a tombstone).

    Replaying the feed onto an empty copy reproduces meetings, agenda items, decisions and
    documents; changes younger than the settle window are held back until they are final.
    """
    after = decode_seq(since) if since else 0
    settled = datetime.now(UTC) - timedelta(seconds=settings.changes_settle_seconds)
    rows = list_changes(session, after, limit, settled)
    records = _current_records(session, rows)
    items = [
        ChangePublic(seq=c.seq, resource=c.resource, id=c.record_id, op=c.op, changed_at=c.changed_at,
                     record=None if c.op == "deleted" else records.get((c.resource, c.record_id)))
        for c in rows
    ]
    return json_response(ChangesPage(items=items, next_cursor=encode_seq(rows[-1].seq if rows else after)))  # type: ignore[arg-type]


def _current_records(session: Session, changes: list[Change]) -> dict[tuple[str, str], dict[str, Any]]:
    wanted: dict[str, set[str]] = {}
    for change in changes:
        wanted.setdefault(change.resource, set()).add(change.record_id)
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for resource, model, build, key in (
        ("meetings", Meeting, builders.meetings, str),
        ("decisions", Decision, builders.decisions, int),
        ("agenda_items", AgendaItem, builders.agenda_items, int),
        ("documents", Document, builders.documents, int),
    ):
        if ids := wanted.get(resource):
            rows = list(rows_by_id(session, model, (key(i) for i in ids)).values())
            out |= {(resource, str(r.id)): r.model_dump(mode="json", exclude_unset=True) for r in build(session, rows)}
    return out
