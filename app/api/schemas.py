"""What clients see: public shapes of meetings, decisions, members and documents."""

from datetime import date, datetime
from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")


class Public(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class MeetingPublic(Public):
    """A meeting in a list."""

    id: str = Field(examples=["2020-04-02-foreign-ministers"])
    body: str = Field(
        examples=["foreign_ministers"], description="foreign_ministers, defence_ministers, summit or other"
    )
    start_date: date = Field(examples=["2020-04-02"])
    end_date: date = Field(examples=["2020-04-02"])
    location: str | None = Field(examples=["Brussels"], description="English city name; null for a video meeting")
    virtual: bool = Field(examples=[False])
    informal: bool = Field(examples=[False])
    updated_at: datetime


class AgendaItemPublic(Public):
    """A section heading of a document about the meeting."""

    id: int
    document_id: int
    position: int
    title: str = Field(examples=["Irak"])
    number: str | None = Field(examples=["1"])
    parent_id: int | None
    span_start: int = Field(description="Offset of the section in the document's text")
    span_end: int


class DecisionPublic(Public):
    """A sentence recording a decision; document.text[span_start:span_end] == text."""

    id: int
    meeting_id: str
    agenda_item_id: int | None
    document_id: int
    text: str = Field(examples=["Ministers stemden in met een uitbreiding van de NAVO-missie in Irak."])
    kind: str = Field(examples=["agreed"])
    span_start: int
    span_end: int


class DocumentSummary(Public):
    """A document about a meeting, without its text."""

    id: int
    title: str | None
    language: str = Field(examples=["nl"])
    kind: str = Field(examples=["report"])
    date: date | None
    dossier: str | None = Field(examples=["28676"])
    number: str | None = Field(examples=["247"])
    source: str
    sha256: str
    parser_version: str
    ingested_at: datetime


class DocumentPublic(DocumentSummary):
    """A document with its normalised text, which every span points into."""

    text: str
    body_end: int = Field(description="Offset where footnotes and back matter start")
    meetings: list[str]


class MeetingDetailPublic(MeetingPublic):
    """A meeting with its documents, agenda items, decisions and the member states named."""

    documents: list[DocumentSummary]
    agenda_items: list[AgendaItemPublic]
    decisions: list[DecisionPublic]
    members: list[str] = Field(
        examples=[["NLD", "TUR"]], description="ISO3 codes of the states named that were members on the date"
    )


class MemberPublic(Public):
    """A NATO member state."""

    code: str = Field(examples=["NLD"], description="ISO 3166-1 alpha-3")
    name_en: str = Field(examples=["Netherlands"])
    name_nl: str = Field(examples=["Nederland"])
    dutch_spellings: list[str] = Field(examples=[["Nederland", "Nederlandse"]])
    accession_date: date = Field(examples=["1949-08-24"])


class MemberDetailPublic(MemberPublic):
    """A member state with the meetings at which it was a member and was named."""

    meetings: list[MeetingPublic]


class Page(BaseModel, Generic[T]):
    """One page of a list; pass next_cursor back as `cursor` for the next page."""

    items: list[T]
    next_cursor: str | None = Field(description="Opaque cursor of the next page; null on the last page")


class Health(BaseModel):
    """Liveness and the schema the service runs on."""

    status: str = Field(examples=["ok"])
    database: str = Field(examples=["sqlite"])
    revision: str | None = Field(examples=["0001"])


class Problem(BaseModel):
    """RFC 9457 problem details."""

    type: str = Field("about:blank", examples=["about:blank"])
    title: str = Field(examples=["Not Found"])
    status: int = Field(examples=[404])
    detail: str | None = Field(None, examples=["no meeting with id '1999-01-01-summit'"])
    errors: list[dict[str, object]] | None = Field(None, description="One entry per invalid parameter")
