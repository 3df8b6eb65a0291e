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
    MemberPublic,
)
from app.storage import queries
from app.storage.tables import AgendaItem, Meeting, Member

MEETING_INCLUDES = ("agenda_items", "decisions", "documents", "members")
DECISION_INCLUDES = ("meeting", "agenda_item")


def meetings(session: Session, rows: Sequence[Any], include: tuple[str, ...] = ()) -> list[MeetingPublic]:
    ids = [m.id for m in rows]
    embedded: dict[str, dict[str, Any]] = {}
    if "agenda_items" in include:
        embedded["agenda_items"] = {
            k: agenda_items(session, v) for k, v in queries.agenda_items_of(session, ids).items()
        }
    if "decisions" in include:
        embedded["decisions"] = {
            k: [_public(DecisionPublic, d) for d in v] for k, v in queries.decisions_of(session, ids).items()
        }
    if "documents" in include:
        embedded["documents"] = {
            k: documents(session, v) for k, v in queries.documents_of(session, ids).items()
        }
    if "members" in include:
        embedded["members"] = dict(queries.members_of(session, ids))
    return [
        MeetingPublic.model_validate(m._asdict() | {name: embedded[name].get(m.id, []) for name in embedded})
        for m in rows
    ]


def _public(model: type[Any], row: Any) -> Any:
    return model.model_validate(row._asdict())


def decisions(session: Session, rows: Sequence[Any], include: tuple[str, ...] = ()) -> list[DecisionPublic]:
    meetings_by_id = queries.rows_by_id(session, Meeting, (d.meeting_id for d in rows)) if "meeting" in include else {}
    items_by_id = (
        queries.rows_by_id(session, AgendaItem, (d.agenda_item_id for d in rows)) if "agenda_item" in include else {}
    )
    out = []
    for row in rows:
        fields: dict[str, object] = row._asdict()
        if "meeting" in include:
            fields["meeting"] = _public(MeetingPublic, meetings_by_id[row.meeting_id])
        if "agenda_item" in include:
            item = items_by_id.get(row.agenda_item_id) if row.agenda_item_id is not None else None
            fields["agenda_item"] = _public(AgendaItemPublic, item) if item else None
        out.append(DecisionPublic.model_validate(fields))
    return out


def agenda_items(session: Session, rows: Sequence[Any]) -> list[AgendaItemPublic]:
    return [_public(AgendaItemPublic, r) for r in rows]


def documents(session: Session, rows: Sequence[Any]) -> list[DocumentSummary]:
    return [_public(DocumentSummary, r) for r in rows]


def full_documents(session: Session, rows: Sequence[Any]) -> list[DocumentPublic]:
    meetings_of = queries.meeting_ids_of_documents(session, [r.id for r in rows])
    return [
        DocumentPublic(
            **_public(DocumentSummary, row).model_dump(), text=row.text, body_end=row.body_end,
            meetings=meetings_of.get(row.id, []),
        )
        for row in rows
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
