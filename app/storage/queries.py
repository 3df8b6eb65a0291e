"""Read queries for the API: filtered, sorted keyset pages and records with their children."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, exists, false, text
from sqlmodel import Session, col, func, select

from app.storage.listing import Sort, SortKey
from app.storage.search import matching_ids_sql, terms
from app.storage.tables import AgendaItem, Decision, Document, Meeting, MeetingDocument, Member, Mention
from app.storage.topics import meetings_covering, tagged


@dataclass(frozen=True)
class MeetingFilter:
    """Filters on meetings; an empty value means no filter."""

    bodies: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    member: str | None = None
    locations: tuple[str, ...] = ()
    virtual: bool | None = None
    informal: bool | None = None
    topics: tuple[str, ...] = ()  # whose documents cover one of these topics
    updated_since: datetime | None = None  # created or changed at or after
    document_kinds: tuple[str, ...] = ()  # with a document of one of these kinds (and languages)
    languages: tuple[str, ...] = ()


@dataclass(frozen=True)
class RecordFilter:
    """Filters on decisions and agenda items, which stand in a meeting and a document."""

    meetings: tuple[str, ...] = ()
    bodies: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    member: str | None = None
    languages: tuple[str, ...] = ()
    agenda_item: int | None = None
    document: int | None = None
    q: str | None = None
    topics: tuple[str, ...] = ()  # tagged with one of these topics
    updated_since: datetime | None = None
    document_kinds: tuple[str, ...] = ()  # read from a document of one of these kinds


@dataclass(frozen=True)
class DocumentFilter:
    """Filters on documents; dates are the documents' own dates."""

    kinds: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    meeting: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    dossier: str | None = None
    q: str | None = None
    doubts: bool | None = None  # True: only documents the parser doubts; False: only those it does not
    topics: tuple[str, ...] = ()  # covering one of these topics
    updated_since: datetime | None = None


@dataclass(frozen=True)
class MemberFilter:
    """Members on a date, or by code."""

    as_of: date | None = None
    codes: tuple[str, ...] = ()


def _sorts(*sorts: Sort) -> dict[str, Sort]:
    return {s.name: s for s in sorts}


MEETING_SORTS = _sorts(
    Sort("-start_date", (SortKey(Meeting.start_date, True, date), SortKey(Meeting.id, True, str))),
    Sort("start_date", (SortKey(Meeting.start_date, False, date), SortKey(Meeting.id, False, str))),
    Sort("id", (SortKey(Meeting.id, False, str),)),
    Sort("updated_at", (SortKey(Meeting.updated_at, False, datetime), SortKey(Meeting.id, False, str))),
)


def _record_sorts(model: type[Decision] | type[AgendaItem]) -> dict[str, Sort]:
    return _sorts(
        Sort("-date", (SortKey(Meeting.start_date, True, date), SortKey(Meeting.id, True, str),
                       SortKey(model.id, False, int))),
        Sort("date", (SortKey(Meeting.start_date, False, date), SortKey(Meeting.id, False, str),
                      SortKey(model.id, False, int))),
        Sort("id", (SortKey(model.id, False, int),)),
        Sort("-id", (SortKey(model.id, True, int),)),
        Sort("updated_at", (SortKey(model.updated_at, False, datetime), SortKey(model.id, False, int))),
    )


DECISION_SORTS = _record_sorts(Decision)
AGENDA_ITEM_SORTS = _record_sorts(AgendaItem)
DOCUMENT_SORTS = _sorts(
    Sort("-id", (SortKey(Document.id, True, int),)),
    Sort("id", (SortKey(Document.id, False, int),)),
    Sort("updated_at", (SortKey(Document.updated_at, False, datetime), SortKey(Document.id, False, int))),
)
MEMBER_SORTS = _sorts(
    Sort("accession_date", (SortKey(Member.accession_date, False, date), SortKey(Member.code, False, str))),
    Sort("code", (SortKey(Member.code, False, str),)),
)


def columns(model: Any) -> list[Any]:
    """A table's columns: selecting them gives plain rows, with none of the ORM's per-row objects
    (which cost more than the query on a page of 50)."""
    return list(model.__table__.c)


def fetch_page(
    session: Session, statement: Select[Any], sort: Sort, after: tuple[object, ...] | None, limit: int | None
) -> list[tuple[Any, tuple[object, ...]]]:
    """Rows of `statement` after the cursor in `sort` order, each with its sort key; limit + 1 of them.

    `statement` selects columns (see `columns`); each row is returned whole, its sort key besides."""
    statement = statement.add_columns(*sort.labelled())
    if after is not None:
        statement = statement.where(sort.after(after))
    statement = statement.order_by(*sort.order_by())
    if limit is not None:
        statement = statement.limit(limit + 1)
    width = len(sort.keys)
    return [(row, tuple(row[-width:])) for row in session.execute(statement).all()]


def count_rows(session: Session, statement: Select[Any]) -> int:
    """How many rows `statement` selects."""
    return session.exec(select(func.count()).select_from(statement.order_by(None).subquery())).one()


def _named_as_member(member: str) -> ColumnElement[bool]:
    """The meeting's documents name `member`, and it was a member on the meeting's date."""
    return exists(
        select(Mention.id)
        .join(MeetingDocument, col(MeetingDocument.document_id) == col(Mention.document_id))
        .join(Member, col(Member.code) == col(Mention.member_code))
        .where(
            col(MeetingDocument.meeting_id) == col(Meeting.id),
            col(Mention.member_code) == member,
            col(Member.accession_date) <= col(Meeting.start_date),
        )
    )


def _bodies_and_dates(
    body: Any, start_date: Any, bodies: tuple[str, ...], date_from: date | None, date_to: date | None
) -> list[ColumnElement[bool]]:
    """The meeting body and date conditions, on a meeting's columns or a decision's copies."""
    conditions: list[ColumnElement[bool]] = []
    if bodies:
        conditions.append(col(body).in_(bodies))
    if date_from:
        conditions.append(col(start_date) >= date_from)
    if date_to:
        conditions.append(col(start_date) <= date_to)
    return conditions


def meeting_conditions(f: MeetingFilter) -> list[ColumnElement[bool]]:
    """WHERE clauses for a meeting filter."""
    conditions = _bodies_and_dates(Meeting.body, Meeting.start_date, f.bodies, f.date_from, f.date_to)
    if f.member:
        conditions.append(_named_as_member(f.member))
    if f.locations:  # as a person types them: "brussels" is Brussels
        conditions.append(func.lower(col(Meeting.location)).in_([place.lower() for place in f.locations]))
    if f.virtual is not None:
        conditions.append(col(Meeting.virtual) == f.virtual)
    if f.informal is not None:
        conditions.append(col(Meeting.informal) == f.informal)
    if f.topics:
        conditions.append(col(Meeting.id).in_(meetings_covering(f.topics)))
    if f.updated_since:
        conditions.append(col(Meeting.updated_at) >= f.updated_since)
    if f.document_kinds or f.languages:
        conditions.append(col(Meeting.id).in_(_meetings_with_documents(f.document_kinds, f.languages)))
    return conditions


def _meetings_with_documents(kinds: tuple[str, ...], languages: tuple[str, ...]) -> Select[Any]:
    """Ids of the meetings one of whose documents is of one of `kinds` and in one of `languages`."""
    statement = select(col(MeetingDocument.meeting_id)).join(
        Document, col(Document.id) == col(MeetingDocument.document_id))
    if kinds:
        statement = statement.where(col(Document.kind).in_(kinds))
    if languages:
        statement = statement.where(col(Document.language).in_(languages))
    return statement


def meetings_statement(f: MeetingFilter) -> Select[Any]:
    return select(*columns(Meeting)).where(*meeting_conditions(f))


def _matching(session: Session, kind: str, q: str, id_column: Any) -> ColumnElement[bool]:
    if not terms(q):
        return false()  # nothing searchable in the text: no record matches
    sql, params = matching_ids_sql(session.get_bind(), kind, q)  # type: ignore[arg-type]
    bound = text(sql).bindparams(**params)
    return id_column.in_(bound.columns(record_id=id_column.type))


def record_statement(
    session: Session, model: type[Decision] | type[AgendaItem], f: RecordFilter, join_meeting: bool = True
) -> Select[Any]:
    """Decisions or agenda items joined with their meeting, filtered.

    `join_meeting=False` leaves the meeting out: decisions filter on the copies they keep of its
    date and body (a member filter needs the meeting)."""
    statement = select(*columns(model))
    if join_meeting:
        statement = statement.join(Meeting, col(Meeting.id) == col(model.meeting_id))
        statement = statement.where(*meeting_conditions(MeetingFilter(f.bodies, f.date_from, f.date_to)))
    elif model is not Decision or f.member:
        raise ValueError("this filter needs the meeting joined")
    else:
        statement = statement.where(
            *_bodies_and_dates(Decision.meeting_body, Decision.meeting_date, f.bodies, f.date_from, f.date_to))
    if f.meetings:
        statement = statement.where(col(model.meeting_id).in_(f.meetings))
    if f.kinds and model is Decision:
        statement = statement.where(col(Decision.kind).in_(f.kinds))
    if f.languages or f.document_kinds:  # joined only when asked: every record has its document
        statement = statement.join(Document, col(Document.id) == col(model.document_id))
    if f.languages:
        statement = statement.where(col(Document.language).in_(f.languages))
    if f.document_kinds:
        statement = statement.where(col(Document.kind).in_(f.document_kinds))
    if f.document is not None:
        statement = statement.where(col(model.document_id) == f.document)
    if f.agenda_item is not None and model is Decision:
        statement = statement.where(col(Decision.agenda_item_id) == f.agenda_item)
    if f.member:
        mention_column = Mention.decision_id if model is Decision else Mention.agenda_item_id
        statement = statement.where(exists(
            select(Mention.id).join(Member, col(Member.code) == col(Mention.member_code)).where(
                col(mention_column) == col(model.id), col(Mention.member_code) == f.member,
                col(Member.accession_date) <= col(Meeting.start_date),
            )
        ))
    kind = "decision" if model is Decision else "agenda_item"
    if f.topics:
        statement = statement.where(tagged(model.id, f.topics, kind))
    if f.updated_since:
        statement = statement.where(col(model.updated_at) >= f.updated_since)
    if f.q:
        statement = statement.where(_matching(session, kind, f.q, model.id))
    return statement


def document_summary_columns() -> list[Any]:
    """A document's columns but its two texts, which a list or an embedding never shows."""
    return [c for c in columns(Document) if c.name not in ("text", "source_text", "body_end")]


def documents_statement(session: Session, f: DocumentFilter, with_text: bool = False) -> Select[Any]:
    """Documents filtered; their texts only `with_text` (a page of summaries need not read 50 reports)."""
    statement = select(*(columns(Document) if with_text else document_summary_columns()))
    if f.kinds:
        statement = statement.where(col(Document.kind).in_(f.kinds))
    if f.languages:
        statement = statement.where(col(Document.language).in_(f.languages))
    if f.meeting:
        statement = statement.where(exists(select(MeetingDocument.document_id).where(
            col(MeetingDocument.document_id) == col(Document.id), col(MeetingDocument.meeting_id) == f.meeting,
        )))
    if f.date_from:
        statement = statement.where(col(Document.date) >= f.date_from)
    if f.date_to:
        statement = statement.where(col(Document.date) <= f.date_to)
    if f.dossier:
        statement = statement.where(col(Document.dossier) == f.dossier)
    if f.topics:
        statement = statement.where(tagged(Document.id, f.topics, "document"))
    if f.doubts is not None:
        statement = statement.where((col(Document.doubts) != "[]") if f.doubts else (col(Document.doubts) == "[]"))
    if f.updated_since:
        statement = statement.where(col(Document.updated_at) >= f.updated_since)
    if f.q:
        statement = statement.where(_matching(session, "document", f.q, Document.id))
    return statement


def members_statement(f: MemberFilter) -> Select[Any]:
    statement = select(*columns(Member))
    if f.as_of:
        statement = statement.where(col(Member.accession_date) <= f.as_of)
    if f.codes:
        statement = statement.where(col(Member.code).in_(f.codes))
    return statement


def meetings_named(session: Session, member: Member) -> list[Any]:
    """Meetings, newest first, at which `member` was a member and was named."""
    return list(session.execute(
        select(*columns(Meeting)).where(_named_as_member(member.code))
        .order_by(col(Meeting.start_date).desc(), col(Meeting.id).desc())
    ).all())
