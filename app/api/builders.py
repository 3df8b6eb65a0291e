"""Rows -> public models, with embedded records fetched once per page, never once per row.

Rows are plain SQLAlchemy rows (see `queries.columns`); validating a model from a row's mapping
(as a dict) costs a quarter of validating it from an ORM object's attributes.
"""

from collections.abc import Sequence
from typing import Any

from sqlmodel import Session

from app.api.schemas import (
    AgendaItemPublic,
    DecisionPublic,
    DocumentPublic,
    DocumentSummary,
    MeetingPublic,
    MeetingSource,
    MemberPublic,
)
from app.storage import lookups
from app.storage.tables import AgendaItem, Meeting, Member
from app.storage.topics import topics_of

MEETING_INCLUDES = ("agenda_items", "decisions", "documents", "members", "sources")
_GROUPED = ("agenda_items", "decisions", "documents")  # what `sources` groups by document
DECISION_INCLUDES = ("meeting", "agenda_item")


def meetings(session: Session, rows: Sequence[Any], include: tuple[str, ...] = ()) -> list[MeetingPublic]:
    ids = [m.id for m in rows]
    embedded: dict[str, dict[str, Any]] = {}
    needed = set(include) | (set(_GROUPED) if "sources" in include else set())
    for name, kind, model, children_of in (
        ("agenda_items", "agenda_item", AgendaItemPublic, lookups.agenda_items_of),
        ("decisions", "decision", DecisionPublic, lookups.decisions_of),
        ("documents", "document", DocumentSummary, lookups.documents_of),
    ):
        if name in needed:
            embedded[name] = _tagged_groups(session, model, kind, children_of(session, ids))
    if "sources" in include:
        embedded["sources"] = {m: _sources(*(embedded[name].get(m, []) for name in _GROUPED)) for m in ids}
    for name in needed - set(include):
        del embedded[name]
    if "members" in include:
        embedded["members"] = dict(lookups.members_of(session, ids))
    topics = topics_of(session, "meeting", ids)
    counts = lookups.counts_of(session, ids)
    return [
        MeetingPublic.model_validate(
            m._asdict() | {"topics": topics.get(m.id, []), "decision_count": counts[m.id][0],
                           "document_count": counts[m.id][1]}
            | {name: embedded[name].get(m.id, []) for name in embedded})
        for m in rows
    ]


def _sources(
    items: list[AgendaItemPublic], decisions: list[DecisionPublic], documents: list[DocumentSummary]
) -> list[MeetingSource]:
    """A meeting's records grouped by the document they were read from, in document order."""
    return [MeetingSource(document=document, agenda_items=[i for i in items if i.document_id == document.id],
                          decisions=[d for d in decisions if d.document_id == document.id])
            for document in documents]


def _tagged_groups(
    session: Session, model: type[Any], kind: str, groups: dict[str, list[Any]]
) -> dict[str, list[Any]]:
    """Each meeting's rows of one kind as public models with their topics, in one query for all."""
    models = iter(_tagged(session, model, kind, [r for rows in groups.values() for r in rows]))
    return {key: [next(models) for _ in rows] for key, rows in groups.items()}


def _tagged(session: Session, model: type[Any], kind: str, rows: Sequence[Any]) -> list[Any]:
    """Rows of one kind as public models, each with its topics."""
    topics = topics_of(session, kind, [r.id for r in rows])
    return [model.model_validate(r._asdict() | {"topics": topics.get(r.id, [])}) for r in rows]


def decisions(session: Session, rows: Sequence[Any], include: tuple[str, ...] = ()) -> list[DecisionPublic]:
    meetings_by_id = lookups.rows_by_id(session, Meeting, (d.meeting_id for d in rows)) if "meeting" in include else {}
    items_by_id = (
        lookups.rows_by_id(session, AgendaItem, (d.agenda_item_id for d in rows)) if "agenda_item" in include else {}
    )
    meetings_public = {m.id: m for m in meetings(session, list(meetings_by_id.values()))}
    items_public = {i.id: i for i in agenda_items(session, list(items_by_id.values()))}
    out = []
    for decision in _tagged(session, DecisionPublic, "decision", rows):
        if "meeting" in include:
            decision.meeting = meetings_public[decision.meeting_id]
        if "agenda_item" in include:
            decision.agenda_item = items_public.get(decision.agenda_item_id) if decision.agenda_item_id else None
        out.append(decision)
    return out


def agenda_items(session: Session, rows: Sequence[Any]) -> list[AgendaItemPublic]:
    return _tagged(session, AgendaItemPublic, "agenda_item", rows)


def documents(session: Session, rows: Sequence[Any]) -> list[DocumentSummary]:
    return _tagged(session, DocumentSummary, "document", rows)


def full_documents(session: Session, rows: Sequence[Any]) -> list[DocumentPublic]:
    meetings_of = lookups.meeting_ids_of_documents(session, [r.id for r in rows])
    return [
        DocumentPublic(**summary.model_dump(), text=row.text, body_end=row.body_end,
                       meetings=meetings_of.get(row.id, []))
        for row, summary in zip(rows, documents(session, rows), strict=True)
    ]


def document(session: Session, row: Any) -> DocumentPublic:
    return full_documents(session, [row])[0]


def member(row: Member) -> MemberPublic:
    return MemberPublic(
        code=row.code, name_en=row.name_en, name_nl=row.name_nl,
        dutch_spellings=row.dutch_spellings.split("|"), accession_date=row.accession_date,
    )


def members(session: Session, rows: Sequence[Member]) -> list[MemberPublic]:
    return [member(r) for r in rows]
