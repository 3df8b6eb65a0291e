"""GET /v1/search: ranked full-text search across decisions, agenda items and documents."""

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from sqlmodel import Session, col, select

from app.api.deps import SessionDep
from app.api.filters import CursorParam, LimitParam, TopicParam, choices, list_pattern, topic_choices
from app.api.listing import json_response
from app.api.paging import decode_offset, encode_offset
from app.api.problems import PROBLEM_RESPONSES
from app.api.schemas import Page, SearchHit
from app.storage import search as fts
from app.storage.lookups import meeting_ids_of_documents
from app.storage.tables import AgendaItem, Decision, Document

router = APIRouter(prefix="/v1/search", tags=["search"], responses=PROBLEM_RESPONSES)
KINDS = ("decision", "agenda_item", "document")


@router.get("", summary="Search decisions, agenda items and documents", response_model=Page[SearchHit])
def search(
    request: Request,
    session: SessionDep,
    q: Annotated[str, Query(min_length=1, max_length=200, examples=["Irak"],
                            description="Words to find (all must occur); stemmed by each record's language")],
    kind: Annotated[str | None, Query(max_length=100, examples=["decision"], pattern=list_pattern(KINDS),
                                      description="decision, agenda_item or document; several separated by commas")]
    = None,
    topic: TopicParam = None,
    limit: LimitParam = 20,
    cursor: CursorParam = None,
) -> Response:
    """Hits ranked best first, each with a snippet whose matched words stand between <mark> and </mark>.

    Pages of a ranked list go by position: for a complete, stable pull use the lists (their `q=`
    finds the same records). On PostgreSQL a word found in more than 5,000 records is ranked among
    the first 5,000 the index yields; more words or `kind=` narrow it.
    """
    kinds = choices(kind, "kind", KINDS) or KINDS
    offset = decode_offset(cursor) if cursor else 0
    hits = fts.search(session, request.app.state.engine, q, kinds, offset, limit + 1, topic_choices(topic))
    page, more = hits[:limit], len(hits) > limit
    items = _describe(session, page)
    next_cursor = encode_offset(offset + limit) if more else None
    headers = {"Link": f'<{request.url.include_query_params(cursor=next_cursor)}>; rel="next"'} if next_cursor else None
    return json_response(Page[SearchHit](items=items, next_cursor=next_cursor), headers)


def _rows(session: Session, ids: list[int], key: Any, *fields: Any) -> dict[int, Any]:
    """The named columns of these records (never a document's whole text), by id."""
    if not ids:
        return {}
    return {r.id: r for r in session.execute(select(key, *fields).where(col(key).in_(ids)))}


def _describe(session: Session, hits: list[fts.Hit]) -> list[SearchHit]:
    """Attach meeting, document and text to each hit, one query per kind."""
    by_kind: dict[str, list[int]] = {k: [h.record_id for h in hits if h.kind == k] for k in KINDS}
    decisions = _rows(session, by_kind["decision"], Decision.id, Decision.meeting_id, Decision.document_id,
                      Decision.text)
    items = _rows(session, by_kind["agenda_item"], AgendaItem.id, AgendaItem.meeting_id, AgendaItem.document_id,
                  AgendaItem.title)
    documents = _rows(session, by_kind["document"], Document.id, Document.title)
    document_meetings = meeting_ids_of_documents(session, by_kind["document"])
    out: list[SearchHit] = []
    for hit in hits:
        common = {"kind": hit.kind, "id": hit.record_id, "snippet": hit.snippet, "rank": round(hit.rank, 6)}
        if hit.kind == "decision" and (d := decisions.get(hit.record_id)):
            out.append(SearchHit(**common, meeting_id=d.meeting_id, document_id=d.document_id, title=None,
                                 text=d.text))
        elif hit.kind == "agenda_item" and (i := items.get(hit.record_id)):
            out.append(SearchHit(**common, meeting_id=i.meeting_id, document_id=i.document_id, title=i.title,
                                 text=None))
        elif hit.kind == "document" and (doc := documents.get(hit.record_id)):
            meetings = document_meetings.get(doc.id, [])
            out.append(SearchHit(**common, meeting_id=meetings[0] if meetings else None, document_id=doc.id,
                                 title=doc.title, text=None))
    return out
