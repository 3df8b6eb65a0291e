"""Which documents, agenda items and decisions are about which topics: the link rows a parse gives."""

from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete
from sqlmodel import Session, col

from app.parsing import ParsedReport
from app.storage.tables import AgendaItemTopic, DecisionTopic, DocumentTopic

Rows = dict[type[Any], list[dict[str, Any]]]


def topic_rows(document_id: int, parsed: ParsedReport, item_ids: Sequence[int], decision_ids: Sequence[int]) -> Rows:
    """The link rows of one document's records, given the ids its agenda items and decisions got
    (none where the document has no dated meeting, and so keeps no such records)."""
    return {
        DocumentTopic: [{"document_id": document_id, "topic_slug": s} for s in parsed.topics],
        AgendaItemTopic: [{"agenda_item_id": i, "topic_slug": s}
                          for i, item in zip(item_ids, parsed.agenda_items, strict=False) for s in item.topics],
        DecisionTopic: [{"decision_id": i, "topic_slug": s}
                        for i, decision in zip(decision_ids, parsed.decisions, strict=False) for s in decision.topics],
    }


def merge(into: Rows, rows: Rows) -> None:
    for model, more in rows.items():
        into.setdefault(model, []).extend(more)


def clear_topics(session: Session, document_id: int, item_ids: Sequence[int], decision_ids: Sequence[int]) -> None:
    """Drop a stored document's topic links, before its new parse's are inserted."""
    session.execute(delete(DocumentTopic).where(col(DocumentTopic.document_id) == document_id))
    if item_ids:
        session.execute(delete(AgendaItemTopic).where(col(AgendaItemTopic.agenda_item_id).in_(item_ids)))
    if decision_ids:
        session.execute(delete(DecisionTopic).where(col(DecisionTopic.decision_id).in_(decision_ids)))
