"""What clients see: public shapes of meetings, decisions, agenda items, members and documents."""

import datetime as dt
import json
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field, field_validator

T = TypeVar("T")


class Public(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class AgendaItemPublic(Public):
    """A section heading of a document about a meeting."""

    id: int = Field(examples=[3])
    meeting_id: str = Field(examples=["2020-04-02-foreign-ministers"])
    document_id: int = Field(examples=[5])
    position: int = Field(description="Order within its document, from 0", examples=[2])
    title: str = Field(examples=["Irak"])
    number: str | None = Field(examples=["1"])
    parent_id: int | None = Field(description="The enclosing agenda item", examples=[2])
    span_start: int = Field(description="Offset of the section in the document's text", examples=[3620])
    span_end: int = Field(examples=[4180])
    topics: list[str] = Field(examples=[["iraq", "counter-terrorism"]],
                              description="Slugs of the topics it is about (GET /v1/topics lists them)")
    created_at: dt.datetime
    updated_at: dt.datetime = Field(description="Moves only when the content changes")


class DocumentSummary(Public):
    """A document about a meeting, without its text."""

    id: int = Field(examples=[5])
    title: str | None = Field(examples=["Verslag bijeenkomst NAVO-ministers van Buitenlandse Zaken"])
    language: str = Field(examples=["nl"])
    kind: str = Field(examples=["report"], description="report, agenda, communique, statement or other")
    date: dt.date | None = Field(examples=["2016-05-30"], description="The document's own date")
    dossier: str | None = Field(examples=["28676"])
    number: str | None = Field(examples=["247"])
    source: str = Field(examples=["reports/kst-28676-247.html"])
    sha256: str
    parser_version: str
    doubts: list[str] = Field(
        examples=[["names the meeting but gives no date for it"]],
        description="What the parser doubts about the meeting it read; empty when nothing (needs review when not)",
    )
    hint_body: str | None = Field(
        examples=["defence_ministers"],
        description="The body of a meeting the text names but does not date (the document then has no meeting)",
    )
    hint_location: str | None = Field(examples=["Brussels"], description="The place of that undated meeting")
    topics: list[str] = Field(examples=[["iraq", "counter-terrorism"]],
                              description="Slugs of the topics it substantively covers (GET /v1/topics lists them)")
    ingested_at: dt.datetime
    updated_at: dt.datetime

    @field_validator("doubts", mode="before")
    @classmethod
    def _stored_as_json(cls, value: Any) -> Any:
        return json.loads(value) if isinstance(value, str) else value


class MeetingPublic(Public):
    """A meeting; `include=` embeds its agenda items, decisions, documents and members."""

    id: str = Field(examples=["2020-04-02-foreign-ministers"])
    body: str = Field(
        examples=["foreign_ministers"], description="foreign_ministers, defence_ministers, summit or other"
    )
    start_date: dt.date = Field(examples=["2020-04-02"])
    end_date: dt.date = Field(examples=["2020-04-02"])
    location: str | None = Field(examples=["Brussels"], description="English city name; null for a video meeting")
    virtual: bool = Field(examples=[False])
    informal: bool = Field(examples=[False])
    decision_count: int = Field(examples=[9], description="Decisions recorded for it, over all its documents")
    document_count: int = Field(examples=[3], description="Documents about it")
    topics: list[str] = Field(examples=[["iraq", "counter-terrorism"]],
                              description="Slugs of the topics its documents cover (GET /v1/topics lists them)")
    created_at: dt.datetime
    updated_at: dt.datetime = Field(description="Moves only when the content changes")
    documents: list[DocumentSummary] | None = None
    agenda_items: list[AgendaItemPublic] | None = None
    decisions: list["DecisionPublic"] | None = None
    members: list[str] | None = Field(
        None, examples=[["NLD", "TUR"]], description="ISO3 codes of the states named that were members on the date"
    )
    sources: list["MeetingSource"] | None = Field(
        None, description="Each document about it with the agenda items and decisions read from it, in document "
        "order: a Dutch report and a NATO statement often report one decision twice, in their own words")


class DecisionPublic(Public):
    """A sentence recording a decision; document.text[span_start:span_end] == text."""

    id: int = Field(examples=[12])
    meeting_id: str = Field(examples=["2020-04-02-foreign-ministers"])
    agenda_item_id: int | None = Field(examples=[3])
    document_id: int = Field(examples=[5])
    position: int = Field(description="Order within its document, from 0", examples=[4])
    text: str = Field(examples=["Ministers stemden in met een uitbreiding van de NAVO-missie in Irak."])
    kind: str = Field(examples=["agreed"])
    span_start: int = Field(examples=[3650])
    span_end: int = Field(examples=[3720])
    topics: list[str] = Field(examples=[["iraq", "counter-terrorism"]],
                              description="Slugs of the topics it is about (GET /v1/topics lists them)")
    created_at: dt.datetime
    updated_at: dt.datetime = Field(description="Moves only when the content changes")
    meeting: MeetingPublic | None = None
    agenda_item: AgendaItemPublic | None = None


class MeetingSource(Public):
    """One document about a meeting and the records read from it."""

    document: DocumentSummary
    agenda_items: list[AgendaItemPublic]
    decisions: list[DecisionPublic]


class DocumentPublic(DocumentSummary):
    """A document with its normalised text, which every span points into."""

    text: str
    body_end: int = Field(description="Offset where footnotes and back matter start")
    meetings: list[str] = Field(examples=[["2016-05-19-foreign-ministers"]])


class MemberPublic(Public):
    """A NATO member state."""

    code: str = Field(examples=["NLD"], description="ISO 3166-1 alpha-3")
    name_en: str = Field(examples=["Netherlands"])
    name_nl: str = Field(examples=["Nederland"])
    dutch_spellings: list[str] = Field(examples=[["Nederland", "Nederlandse"]])
    accession_date: dt.date = Field(examples=["1949-08-24"])


class MemberDetailPublic(MemberPublic):
    """A member state with the meetings at which it was a member and was named."""

    meetings: list[MeetingPublic]


class Page(BaseModel, Generic[T]):
    """One page of a list; pass next_cursor back as `cursor` for the next page."""

    items: list[T]
    next_cursor: str | None = Field(
        description="Opaque cursor of the next page; null on the last page",
        examples=["eyJzIjoiLXN0YXJ0X2RhdGUiLCJrIjpbIjIwMjAtMDQtMDIiLCIyMDIwLTA0LTAyLWZvcmVpZ24tbWluaXN0ZXJzIl19"])
    total: int | None = Field(None, description="All matching records; only with count=exact", examples=[87])


class SearchHit(BaseModel):
    """A decision, agenda item or document whose text matches, best first."""

    kind: str = Field(examples=["decision"], description="decision, agenda_item or document")
    id: int = Field(examples=[12])
    meeting_id: str | None = Field(examples=["2020-04-02-foreign-ministers"])
    document_id: int = Field(examples=[5])
    title: str | None = Field(description="Agenda item or document title", examples=["Irak"])
    text: str | None = Field(description="The decision's text", examples=["Ministers stemden in met …"])
    snippet: str = Field(
        description="HTML: the text escaped, its matched words between <mark> and </mark> (the only tags)",
        examples=["… missie in <mark>Irak</mark> &amp; Syrië …"],
    )
    rank: float = Field(description="Higher is a better match", examples=[3.2])


class Bucket(BaseModel):
    """One group of an aggregate."""

    key: str | None = Field(examples=["2020"])
    count: int = Field(examples=[9])
    keys: list[str | None] | None = Field(
        None, examples=[["2020", "agreed"]], description="With two fields in group_by: the key of each, in order")


class Stats(BaseModel):
    """Counts per group, ordered by key."""

    group_by: str = Field(examples=["year"])
    items: list[Bucket]


class TopicYearCell(BaseModel):
    """One cell of a topic x year heatmap: a body's meetings that year covering the topic."""

    topic: str = Field(examples=["ukraine"])
    year: str = Field(examples=["2022"])
    body: str = Field(examples=["defence_ministers"])
    meetings: int = Field(examples=[3], description="Meetings whose documents cover the topic")
    decisions: int = Field(examples=[5], description="Decisions of those meetings tagged with the topic")


class TopicYears(BaseModel):
    """The cells with at least one meeting, by topic (vocabulary order), year and body."""

    items: list[TopicYearCell]


class TimelineEvent(BaseModel):
    """A meeting that named the member, or a decision that names it."""

    date: dt.date = Field(examples=["2020-04-02"])
    meeting_id: str = Field(examples=["2020-04-02-foreign-ministers"])
    body: str = Field(examples=["foreign_ministers"])
    decision_id: int | None = Field(examples=[None])
    text: str | None = Field(examples=[None])


class Timeline(BaseModel):
    """A member state's appearances, newest first."""

    code: str = Field(examples=["TUR"])
    items: list[TimelineEvent]


class Health(BaseModel):
    """Liveness and the schema the service runs on."""

    status: str = Field(examples=["ok"])
    database: str = Field(examples=["sqlite"])
    revision: str | None = Field(examples=["0002"])


class Status(BaseModel):
    """What the service holds and when it last ingested."""

    counts: dict[str, int] = Field(examples=[{"documents": 7, "meetings": 7, "decisions": 15}])
    last_ingested_at: dt.datetime | None
    parser_version: str = Field(examples=["2026.11.1"])
    revision: str | None = Field(examples=["0002"])


class ChangePublic(BaseModel):
    """A record created, updated or deleted; `record` is its current state (null when deleted)."""

    seq: int = Field(examples=[42])
    resource: str = Field(examples=["decisions"], description="meetings, agenda_items, decisions or documents")
    id: str = Field(examples=["12"])
    op: str = Field(examples=["updated"], description="created, updated or deleted")
    changed_at: dt.datetime
    record: dict[str, Any] | None


class ChangesPage(BaseModel):
    """Changes in order; always pass next_cursor back, even when items is empty, to poll for more."""

    items: list[ChangePublic]
    next_cursor: str = Field(examples=["eyJzIjo0Mn0"])


class UploadResult(BaseModel):
    """What an upload did."""

    outcome: str = Field(examples=["inserted"], description="inserted, updated or unchanged")
    document_id: int = Field(examples=[8])
    meetings: list[str] = Field(examples=[["2020-04-02-foreign-ministers"]])


class Problem(BaseModel):
    """RFC 9457 problem details."""

    type: str = Field("about:blank", examples=["about:blank"])
    title: str = Field(examples=["Not Found"])
    status: int = Field(examples=[404])
    detail: str | None = Field(None, examples=["no meeting with id '1999-01-01-summit'"])
    errors: list[dict[str, object]] | None = Field(None, description="One entry per invalid parameter")


MeetingPublic.model_rebuild()


class TopicPublic(BaseModel):
    """A subject of NATO's ministerial meetings, with its labels in English and Dutch."""

    slug: str = Field(examples=["ukraine"])
    label_en: str = Field(examples=["Ukraine"])
    label_nl: str = Field(examples=["Oekraïne"])
    scope: str = Field(description="What belongs to the topic and what does not: the annotators' rulebook")
    meeting_count: int = Field(examples=[12], description="Meetings whose documents cover it")
    decision_count: int = Field(examples=[30], description="Decisions tagged with it")


class TopicDecision(BaseModel):
    """A decision about the topic, with where its sentence stands in its document."""

    id: int = Field(examples=[12])
    text: str = Field(examples=["Ministers stemden in met extra steun aan Oekraïne."])
    kind: str = Field(examples=["agreed"])
    document_id: int = Field(examples=[5])
    span_start: int = Field(description="Offset of the sentence in the document's text", examples=[3620])
    span_end: int = Field(examples=[3680])


class TopicMeeting(BaseModel):
    """A meeting on a topic's timeline."""

    meeting_id: str = Field(examples=["2023-10-11-defence-ministers"])
    body: str = Field(examples=["defence_ministers"])
    start_date: dt.date = Field(examples=["2023-10-11"])
    end_date: dt.date = Field(examples=["2023-10-12"])
    location: str | None = Field(examples=["Brussels"])
    decisions: list[TopicDecision]


class TopicDetail(TopicPublic):
    """A topic with its timeline: the meetings that covered it, oldest first, and what they decided about it."""

    timeline: list[TopicMeeting]
