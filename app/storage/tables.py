"""SQLModel table classes; the schema itself is built by Alembic migrations."""

import datetime as dt

from sqlalchemy import BigInteger, Column, DateTime, Dialect, Index, MetaData, Text, TypeDecorator, UniqueConstraint
from sqlmodel import Field, SQLModel

# Named constraints, so that migrations can address them on both databases.
SQLModel.metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


class UtcDateTime(TypeDecorator[dt.datetime]):
    """A timestamp that always comes back aware, in UTC (SQLite drops the offset)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime; store UTC with its offset")
        return value.astimezone(dt.UTC) if value is not None else None

    def process_result_value(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def _utc_column() -> Column:
    return Column(UtcDateTime(), nullable=False)


class Document(SQLModel, table=True):
    """One ingested file."""

    __tablename__ = "documents"

    id: int | None = Field(default=None, primary_key=True)
    source: str = Field(max_length=1000)
    sha256: str = Field(max_length=64, unique=True)
    format: str = Field(max_length=10)
    title: str | None = Field(default=None, sa_type=Text)
    language: str = Field(max_length=2)
    kind: str = Field(max_length=20, index=True)
    date: dt.date | None = Field(default=None)
    dossier: str | None = Field(default=None, max_length=20)
    number: str | None = Field(default=None, max_length=20)
    source_text: str = Field(sa_type=Text)
    text: str = Field(sa_type=Text)
    body_end: int
    parser_version: str = Field(max_length=40)
    doubts: str = Field(default="[]", sa_type=Text)  # JSON list: what the parser doubts about it
    hint_body: str | None = Field(default=None, max_length=30)  # a meeting it names but does not date
    hint_location: str | None = Field(default=None, max_length=100)
    content_hash: str = Field(max_length=64)
    ingested_at: dt.datetime = Field(sa_column=_utc_column())
    updated_at: dt.datetime = Field(sa_column=_utc_column())


class Meeting(SQLModel, table=True):
    """A NATO meeting, with a readable id such as 2020-04-02-foreign-ministers."""

    __tablename__ = "meetings"
    __table_args__ = (
        Index("ix_meetings_start_date_id", "start_date", "id"),
        # a meeting's identity: how a report finds the meeting it is about
        Index("ix_meetings_body_start_date_informal", "body", "start_date", "informal"),
    )

    id: str = Field(primary_key=True, max_length=80)
    body: str = Field(max_length=30, index=True)
    start_date: dt.date
    end_date: dt.date
    location: str | None = Field(default=None, max_length=100)
    virtual: bool = False
    informal: bool = False
    content_hash: str = Field(max_length=64)
    created_at: dt.datetime = Field(sa_column=_utc_column())
    updated_at: dt.datetime = Field(sa_column=_utc_column())


class MeetingAlias(SQLModel, table=True):
    """A meeting id once published and no longer a meeting's own: a reparse moved its documents
    to a meeting on better-read dates. The old URL redirects to `meeting_id`."""

    __tablename__ = "meeting_aliases"

    alias: str = Field(primary_key=True, max_length=80)
    meeting_id: str = Field(max_length=80, index=True)
    created_at: dt.datetime = Field(sa_column=_utc_column())


class MeetingDocument(SQLModel, table=True):
    """Which documents report on which meeting."""

    __tablename__ = "meeting_documents"

    meeting_id: str = Field(foreign_key="meetings.id", primary_key=True, max_length=80, ondelete="CASCADE")
    document_id: int = Field(foreign_key="documents.id", primary_key=True, ondelete="CASCADE", index=True)


class AgendaItem(SQLModel, table=True):
    """A section of a document about a meeting."""

    __tablename__ = "agenda_items"
    __table_args__ = (UniqueConstraint("document_id", "position", name="uq_agenda_items_document_position"),)

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: str = Field(foreign_key="meetings.id", max_length=80, index=True, ondelete="CASCADE")
    document_id: int = Field(foreign_key="documents.id", ondelete="CASCADE")
    position: int
    title: str = Field(sa_type=Text)
    number: str | None = Field(default=None, max_length=20)
    parent_id: int | None = Field(default=None, foreign_key="agenda_items.id", ondelete="SET NULL")
    span_start: int
    span_end: int
    content_hash: str = Field(max_length=64)
    created_at: dt.datetime = Field(sa_column=_utc_column())
    updated_at: dt.datetime = Field(sa_column=_utc_column())


class Decision(SQLModel, table=True):
    """A sentence recording a decision; document.text[span_start:span_end] == text."""

    __tablename__ = "decisions"
    __table_args__ = (
        UniqueConstraint("document_id", "position", name="uq_decisions_document_position"),
        # covers counting per year, body and kind without touching the rows or the meetings
        Index("ix_decisions_meeting_date_body_kind", "meeting_date", "meeting_body", "kind"),
    )

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: str = Field(foreign_key="meetings.id", max_length=80, index=True, ondelete="CASCADE")
    agenda_item_id: int | None = Field(default=None, foreign_key="agenda_items.id", ondelete="SET NULL")
    document_id: int = Field(foreign_key="documents.id", ondelete="CASCADE")
    position: int
    text: str = Field(sa_type=Text)
    kind: str = Field(max_length=20, index=True)
    span_start: int
    span_end: int
    # the meeting's start date and body, copied: they never change for a meeting (its identity)
    meeting_date: dt.date
    meeting_body: str = Field(max_length=30)
    content_hash: str = Field(max_length=64)
    created_at: dt.datetime = Field(sa_column=_utc_column())
    updated_at: dt.datetime = Field(sa_column=_utc_column())


class Member(SQLModel, table=True):
    """A NATO member state; a member on a date when accession_date <= that date."""

    __tablename__ = "members"

    code: str = Field(primary_key=True, max_length=3)
    name_en: str = Field(max_length=100)
    name_nl: str = Field(max_length=100)
    dutch_spellings: str = Field(sa_type=Text)  # "|"-separated forms reports use
    accession_date: dt.date


class Mention(SQLModel, table=True):
    """A member state named in a document, and in which agenda item or decision."""

    __tablename__ = "mentions"
    __table_args__ = (
        # member= on decisions and agenda items asks, for each record, whether a mention of the
        # member points at it (migration 0012)
        Index("ix_mentions_decision_member", "decision_id", "member_code"),
        Index("ix_mentions_agenda_item_member", "agenda_item_id", "member_code"),
    )

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="documents.id", index=True, ondelete="CASCADE")
    member_code: str = Field(foreign_key="members.code", max_length=3, index=True)
    agenda_item_id: int | None = Field(default=None, foreign_key="agenda_items.id", ondelete="CASCADE")
    decision_id: int | None = Field(default=None, foreign_key="decisions.id", ondelete="CASCADE")
    surface: str = Field(max_length=100)
    span_start: int
    span_end: int


class Change(SQLModel, table=True):
    """The change log a sync client replays: created, updated, deleted, in order."""

    __tablename__ = "changes"

    seq: int | None = Field(default=None, primary_key=True)
    resource: str = Field(max_length=20)
    record_id: str = Field(max_length=80)
    op: str = Field(max_length=10)
    changed_at: dt.datetime = Field(sa_column=_utc_column())


class SearchEntry(SQLModel, table=True):
    """Text to search: decisions, agenda item titles and document texts.

    The full-text index over it is database-specific, made by the migrations
    and written by the job: FTS5 tables on SQLite, a tsvector column on
    PostgreSQL (left out of the model; see rows.add_search_entries).
    """

    __tablename__ = "search_entries"
    __table_args__ = (UniqueConstraint("kind", "record_id", name="uq_search_entries_kind_record_id"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=20)
    record_id: int
    language: str = Field(max_length=2)
    text: str = Field(sa_type=Text)


class ApiKey(SQLModel, table=True):
    """A key that may write (upload reports); only its sha256 is stored."""

    __tablename__ = "api_keys"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=100, unique=True)
    prefix: str = Field(max_length=12, description="The key's first characters, to recognise it in a list")
    key_hash: str = Field(max_length=64, unique=True)
    created_at: dt.datetime = Field(sa_column=_utc_column())
    revoked_at: dt.datetime | None = Field(default=None, sa_column=Column(UtcDateTime(), nullable=True))


class DataVersion(SQLModel, table=True):
    """One row whose number every write of served data raises: API response caches compare it."""

    __tablename__ = "data_version"

    id: int = Field(default=1, primary_key=True)
    version: int = Field(default=0, sa_type=BigInteger)


class Topic(SQLModel, table=True):
    """A subject of NATO's ministerial meetings (app/data/topics.csv), seeded by migration 0010."""

    __tablename__ = "topics"

    slug: str = Field(primary_key=True, max_length=60)
    label_en: str = Field(max_length=200)
    label_nl: str = Field(max_length=200)
    scope: str = Field(sa_type=Text)


class DocumentTopic(SQLModel, table=True):
    """A topic a document substantively covers."""

    __tablename__ = "document_topics"

    document_id: int = Field(foreign_key="documents.id", primary_key=True, ondelete="CASCADE")
    topic_slug: str = Field(foreign_key="topics.slug", primary_key=True, max_length=60, index=True)


class AgendaItemTopic(SQLModel, table=True):
    """A topic an agenda item's section is about."""

    __tablename__ = "agenda_item_topics"

    agenda_item_id: int = Field(foreign_key="agenda_items.id", primary_key=True, ondelete="CASCADE")
    topic_slug: str = Field(foreign_key="topics.slug", primary_key=True, max_length=60, index=True)


class DecisionTopic(SQLModel, table=True):
    """A topic a decision is about."""

    __tablename__ = "decision_topics"

    decision_id: int = Field(foreign_key="decisions.id", primary_key=True, ondelete="CASCADE")
    topic_slug: str = Field(foreign_key="topics.slug", primary_key=True, max_length=60, index=True)
