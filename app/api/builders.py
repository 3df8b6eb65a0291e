"""Rows -> public models, with embedded records fetched once per page, never once per row."""

from collections.abc import Sequence

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
from app.storage.tables import AgendaItem, Decision, Document, Meeting, Member

MEETING_INCLUDES = ("agenda_items", "decisions", "documents", "members")
DECISION_INCLUDES = ("meeting", "agenda_item")


def meetings(session: Session, rows: Sequence[Meeting], include: tuple[str, ...] = ()) -> list[MeetingPublic]:
    ids = [m.id for m in rows]
    embedded: dict[str, dict[str, list[object]]] = {}
    if "agenda_items" in include:
        embedded["agenda_items"] = {
            k: [AgendaItemPublic.model_validate(i) for i in v] for k, v in queries.agenda_items_of(session, ids).items()
        }
    if "decisions" in include:
        embedded["decisions"] = {
            k: [DecisionPublic.model_validate(d) for d in v] for k, v in queries.decisions_of(session, ids).items()
        }
    if "documents" in include:
        embedded["documents"] = {
            k: [DocumentSummary.model_validate(d) for d in v] for k, v in queries.documents_of(session, ids).items()
        }
    if "members" in include:
        embedded["members"] = dict(queries.members_of(session, ids))
    return [
        MeetingPublic.model_validate(m).model_copy(update={name: embedded[name].get(m.id, []) for name in embedded})
        for m in rows
    ]


def decisions(session: Session, rows: Sequence[Decision], include: tuple[str, ...] = ()) -> list[DecisionPublic]:
    meetings_by_id = queries.meetings_by_id(session, (d.meeting_id for d in rows)) if "meeting" in include else {}
    items_by_id = (
        queries.agenda_items_by_id(session, (d.agenda_item_id for d in rows)) if "agenda_item" in include else {}
    )
    out = []
    for row in rows:
        public = DecisionPublic.model_validate(row)
        update: dict[str, object] = {}
        if "meeting" in include:
            update["meeting"] = MeetingPublic.model_validate(meetings_by_id[row.meeting_id])
        if "agenda_item" in include:
            item = items_by_id.get(row.agenda_item_id) if row.agenda_item_id is not None else None
            update["agenda_item"] = AgendaItemPublic.model_validate(item) if item else None
        out.append(public.model_copy(update=update) if update else public)
    return out


def agenda_items(session: Session, rows: Sequence[AgendaItem]) -> list[AgendaItemPublic]:
    return [AgendaItemPublic.model_validate(r) for r in rows]


def documents(session: Session, rows: Sequence[Document]) -> list[DocumentSummary]:
    return [DocumentSummary.model_validate(r) for r in rows]


def full_documents(session: Session, rows: Sequence[Document]) -> list[DocumentPublic]:
    meetings_of = queries.meeting_ids_of_documents(session, [r.id for r in rows])  # type: ignore[misc]
    return [
        DocumentPublic(
            **DocumentSummary.model_validate(row).model_dump(), text=row.text, body_end=row.body_end,
            meetings=meetings_of.get(row.id, []),  # type: ignore[arg-type]
        )
        for row in rows
    ]


def document(session: Session, row: Document) -> DocumentPublic:
    return full_documents(session, [row])[0]


def member(row: Member) -> MemberPublic:
    return MemberPublic(
        code=row.code, name_en=row.name_en, name_nl=row.name_nl,
        dutch_spellings=row.dutch_spellings.split("|"), accession_date=row.accession_date,
    )


def members(session: Session, rows: Sequence[Member]) -> list[MemberPublic]:
    return [member(r) for r in rows]
