"""Frozen records the parser returns; every extracted record carries its span."""

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

Language = Literal["nl", "en"]
DocumentKind = Literal["report", "agenda", "communique", "statement", "other"]
Body = Literal["foreign_ministers", "defence_ministers", "summit", "other"]
DecisionKind = Literal[
    "agreed", "decided", "approved", "adopted", "tasked", "postponed", "reaffirmed", "other"
]

BODIES: tuple[Body, ...] = ("foreign_ministers", "defence_ministers", "summit", "other")
DOCUMENT_KINDS: tuple[DocumentKind, ...] = ("report", "agenda", "communique", "statement", "other")
DECISION_KINDS: tuple[DecisionKind, ...] = (
    "agreed", "decided", "approved", "adopted", "tasked", "postponed", "reaffirmed", "other",
)


@dataclass(frozen=True, order=True)
class Span:
    """Half-open character range [start, end) into the normalised text."""

    start: int
    end: int


@dataclass(frozen=True)
class ParsedDocument:
    """What the parser knows about the document itself."""

    title: str | None
    language: Language
    kind: DocumentKind
    date: date | None
    dossier: str | None
    number: str | None
    text: str
    body_end: int  # offset where footnotes and other back matter start


@dataclass(frozen=True)
class ParsedMeeting:
    """The one meeting a document is about."""

    body: Body
    start_date: date | None  # None: the text names the meeting but nothing dates it
    end_date: date | None
    location: str | None
    virtual: bool
    informal: bool
    span: Span  # the sentence the meeting was read from


@dataclass(frozen=True)
class ParsedAgendaItem:
    """A section heading; `parent` is the index of the enclosing item."""

    title: str
    number: str | None
    parent: int | None
    heading: Span
    span: Span  # the whole section, heading included
    topics: tuple[str, ...] = ()  # slugs of app/data/topics.csv its section is about


@dataclass(frozen=True)
class ParsedDecision:
    """A sentence recording a decision taken at the meeting."""

    text: str
    kind: DecisionKind
    agenda_item: int | None
    span: Span
    topics: tuple[str, ...] = ()


@dataclass(frozen=True)
class ParsedMention:
    """A member state named in the text (whether or not a member on the date)."""

    code: str
    surface: str
    span: Span


@dataclass(frozen=True)
class ParsedReport:
    """Everything read from one document."""

    document: ParsedDocument
    meeting: ParsedMeeting | None
    agenda_items: tuple[ParsedAgendaItem, ...] = ()
    decisions: tuple[ParsedDecision, ...] = ()
    mentions: tuple[ParsedMention, ...] = ()
    members: tuple[str, ...] = field(default=())  # ISO3 codes, members on the meeting date
    topics: tuple[str, ...] = ()  # slugs of what the document substantively covers
    problems: tuple[str, ...] = ()  # what the parser doubts about the meeting it read

    @property
    def dated_meeting(self) -> ParsedMeeting | None:
        """The meeting, where the text dates it: a meeting named but not dated is only a hint."""
        if self.meeting is None or self.meeting.start_date is None:
            return None
        return self.meeting
