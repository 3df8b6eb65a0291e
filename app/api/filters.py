"""Query parameters shared by the endpoints, each with a description and an example."""

import re
from datetime import UTC, date, datetime
from typing import Annotated, Literal

from fastapi import Query
from pydantic import BeforeValidator

from app.errors import InvalidQuery
from app.parsing.records import BODIES, DECISION_KINDS, DOCUMENT_KINDS
from app.parsing.topics import SLUGS
from app.storage.queries import RecordFilter

MAX_LIMIT = 1000
LANGUAGES = ("nl", "en")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?([Zz]|[+-]\d{2}:?\d{2})?")


def _written_as(pattern: re.Pattern[str], form: str) -> BeforeValidator:
    """Only the form the schema gives: pydantic alone reads "0" or "0.5" as a Unix time."""
    def check(value: object) -> object:
        if isinstance(value, str) and not pattern.fullmatch(value):
            raise ValueError(f"must be written as {form}")
        return value
    return BeforeValidator(check)


IsoDate = Annotated[date, _written_as(_ISO_DATE, "YYYY-MM-DD")]
IsoDateTime = Annotated[datetime, _written_as(_ISO_DATETIME, "ISO 8601, as 2026-11-01T00:00:00Z")]


def choices(value: str | None, parameter: str, allowed: tuple[str, ...]) -> tuple[str, ...]:
    """"a,b" -> ("a", "b"), every value one of `allowed`."""
    if not value:
        return ()
    chosen = tuple(dict.fromkeys(v.strip() for v in value.split(",") if v.strip()))
    for choice in chosen:
        if choice not in allowed:
            raise InvalidQuery(parameter, f"{choice!r} is not one of {', '.join(allowed)}")
    return chosen


def check_range(date_from: date | None, date_to: date | None) -> None:
    """`from` may not lie after `to`."""
    if date_from and date_to and date_from > date_to:
        raise InvalidQuery("from", "lies after 'to'")


def list_pattern(allowed: tuple[str, ...]) -> str:
    """A regex accepting comma lists of the allowed values, so the schema says what the API accepts."""
    one = "(?:" + "|".join(allowed) + ")"
    return rf"^{one}(?:,{one})*$"


def _list(description: str, allowed: tuple[str, ...], example: str) -> object:
    return Query(max_length=300, pattern=list_pattern(allowed), examples=[example],
                 description=f"{description}: {', '.join(allowed)}; several separated by commas")


BodyParam = Annotated[str | None, _list("Meeting body", BODIES, "foreign_ministers,summit")]
DecisionKindParam = Annotated[str | None, _list("Decision kind", DECISION_KINDS, "agreed,decided")]
DocumentKindParam = Annotated[str | None, _list("Document kind", DOCUMENT_KINDS, "report")]
SourceKindParam = Annotated[str | None, _list(
    "Only records read from documents of this kind (a Dutch report and a NATO statement about one meeting "
    "often report the same decision: count one source)", DOCUMENT_KINDS, "report")]
LanguageParam = Annotated[str | None, _list("Language of the document", LANGUAGES, "nl")]
MeetingSourceKindParam = Annotated[str | None, _list(
    "Only meetings with a document of this kind (and language, with language=)", DOCUMENT_KINDS, "report")]
MeetingLanguageParam = Annotated[str | None, _list("Only meetings with a document in this language", LANGUAGES, "nl")]
FromParam = Annotated[
    IsoDate | None,
    Query(alias="from", description="On or after this date (meeting start date)", examples=["2016-01-01"]),
]
ToParam = Annotated[
    IsoDate | None,
    Query(alias="to", description="On or before this date (meeting start date)", examples=["2020-12-31"]),
]
MemberParam = Annotated[
    str | None,
    Query(pattern=r"^[A-Za-z]{3}$", examples=["NLD"],
          description="ISO 3166-1 alpha-3 code of a member state named (and a member on the meeting date)"),
]
MeetingIdsParam = Annotated[
    str | None, Query(max_length=1000, description="Meeting id, or several separated by commas",
                      examples=["2020-04-02-foreign-ministers"]),
]
TextParam = Annotated[
    str | None,
    Query(min_length=1, max_length=200, examples=["Irak"],
          description="Full-text search (all words must occur; Dutch and English stemming by the record's language)"),
]
LimitParam = Annotated[
    int, Query(ge=1, le=MAX_LIMIT, description=f"Records per page (1–{MAX_LIMIT})", examples=[50])
]
CursorParam = Annotated[
    str | None,
    # No example: a cursor is good only for the list and order that issued it.
    Query(max_length=512, description="The next_cursor of the previous page of this list, in this order "
          "(opaque: any other value is a 400)"),
]
CountParam = Annotated[
    Literal["none", "exact"], Query(description="exact adds the total number of matches", examples=["exact"])
]
FormatParam = Annotated[
    Literal["json", "csv", "ndjson"] | None,
    Query(description="json (a page), or csv / ndjson (the whole list, streamed); else the Accept header decides",
          examples=["csv"]),
]
IdParam = Annotated[int | None, Query(ge=1, le=2**31 - 1, examples=[5])]
TopicParam = Annotated[str | None, Query(
    max_length=1000, pattern=list_pattern(SLUGS), examples=["ukraine,defence-spending"],
    description="Topic slug, or several separated by commas (GET /v1/topics lists them)")]


UpdatedSinceParam = Annotated[IsoDateTime | None, Query(
    examples=["2026-11-01T00:00:00Z"],
    description="Only records created or changed at or after this time (ISO 8601; UTC when no offset is given). "
    "Deletions are in GET /v1/changes")]
LocationParam = Annotated[str | None, Query(
    max_length=300, examples=["Brussels"], description="English city name, in any case; several separated by commas")]


VirtualParam = Annotated[bool | None, Query(description="Only video meetings (true) or only others",
                                            examples=[False])]
InformalParam = Annotated[bool | None, Query(description="Only informal meetings (true) or only formal ones",
                                             examples=[False])]


def as_utc(moment: datetime | None) -> datetime | None:
    """`updated_since`, in UTC: a time without an offset is taken as UTC."""
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def locations(location: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in location.split(",") if v.strip()) if location else ()


def topic_choices(topic: str | None) -> tuple[str, ...]:
    """`topic=`, each slug one of the vocabulary's (a 400 naming them otherwise)."""
    return choices(topic, "topic", SLUGS)


def record_filter(
    meeting: str | None = None, body: str | None = None, kind: str | None = None, date_from: date | None = None,
    date_to: date | None = None, member: str | None = None, language: str | None = None, q: str | None = None,
    agenda_item: int | None = None, document: int | None = None, topic: str | None = None,
    updated_since: datetime | None = None, document_kind: str | None = None,
) -> RecordFilter:
    """Query parameters of the decision and agenda-item endpoints, checked, as a storage filter."""
    check_range(date_from, date_to)
    return RecordFilter(
        meetings=tuple(dict.fromkeys(v.strip() for v in (meeting or "").split(",") if v.strip())),
        bodies=choices(body, "body", BODIES), kinds=choices(kind, "kind", DECISION_KINDS),
        date_from=date_from, date_to=date_to, member=member.upper() if member else None,
        languages=choices(language, "language", LANGUAGES), agenda_item=agenda_item, document=document, q=q,
        topics=topic_choices(topic), updated_since=as_utc(updated_since),
        document_kinds=choices(document_kind, "document_kind", DOCUMENT_KINDS),
    )
