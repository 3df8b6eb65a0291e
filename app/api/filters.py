"""Query parameters shared by the list endpoints, validated in one place."""

from datetime import date
from typing import Annotated

from fastapi import Query

from app.errors import InvalidQuery
from app.parsing.records import BODIES, DECISION_KINDS

MAX_LIMIT = 500

BodyParam = Annotated[
    str | None,
    Query(
        max_length=200,
        description="Meeting body, or several separated by commas: " + ", ".join(BODIES),
        examples=["foreign_ministers,summit"],
    ),
]
KindParam = Annotated[
    str | None,
    Query(
        max_length=200,
        description="Decision kind, or several separated by commas: " + ", ".join(DECISION_KINDS),
        examples=["agreed,decided"],
    ),
]
FromParam = Annotated[
    date | None, Query(alias="from", description="Meetings starting on or after this date", examples=["2016-01-01"])
]
ToParam = Annotated[
    date | None, Query(alias="to", description="Meetings starting on or before this date", examples=["2020-12-31"])
]
MemberParam = Annotated[
    str | None,
    Query(
        pattern=r"^[A-Za-z]{3}$",
        description="ISO 3166-1 alpha-3 code of a member state named (and a member on the meeting date)",
        examples=["NLD"],
    ),
]
LimitParam = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Records per page (1–500)", examples=[50])]
CursorParam = Annotated[
    str | None,
    Query(
        max_length=512,
        description="The next_cursor of the previous page",
        examples=["WyIyMDIwLTA0LTAyIiwiMjAyMC0wNC0wMi1mb3JlaWduLW1pbmlzdGVycyJd"],
    ),
]


def split_choices(value: str | None, parameter: str, allowed: tuple[str, ...]) -> tuple[str, ...]:
    """"a,b" -> ("a", "b"), every value one of `allowed`."""
    if not value:
        return ()
    chosen = tuple(v.strip() for v in value.split(",") if v.strip())
    for choice in chosen:
        if choice not in allowed:
            raise InvalidQuery(parameter, f"{choice!r} is not one of {', '.join(allowed)}")
    return chosen


def check_range(date_from: date | None, date_to: date | None) -> None:
    """`from` may not lie after `to`."""
    if date_from and date_to and date_from > date_to:
        raise InvalidQuery("from", "lies after 'to'")
