"""Keyset pagination over a total order: sort specs, the 'after' condition, cursor values."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, or_


@dataclass(frozen=True)
class SortKey:
    """One column of a sort order; the last key of every sort is unique."""

    column: Any  # a column expression
    descending: bool
    kind: type  # date, datetime, int or str: how the cursor value is decoded


@dataclass(frozen=True)
class Sort:
    """A named total order of a list."""

    name: str
    keys: tuple[SortKey, ...]

    def order_by(self) -> list[Any]:
        return [k.column.desc() if k.descending else k.column.asc() for k in self.keys]

    def labelled(self) -> list[Any]:
        return [k.column.label(f"sort_{i}") for i, k in enumerate(self.keys)]

    def after(self, values: Sequence[object]) -> ColumnElement[bool]:
        """Rows strictly after the row whose sort key is `values`.

        The first key's bound comes again in front of the alternatives: it says nothing new, but
        lets the database scan the index from the cursor on instead of reading from the top."""
        clauses = []
        for i, key in enumerate(self.keys):
            equal = [k.column == v for k, v in zip(self.keys[:i], values[:i], strict=True)]
            beyond = key.column < values[i] if key.descending else key.column > values[i]
            clauses.append(and_(*equal, beyond))
        first = self.keys[0]
        if len(self.keys) == 1:
            return clauses[0]
        bound = first.column <= values[0] if first.descending else first.column >= values[0]
        return and_(bound, or_(*clauses))

    def decode(self, values: Sequence[object]) -> tuple[object, ...]:
        """Typed key values from a cursor's JSON; ValueError when they do not fit."""
        if len(values) != len(self.keys):
            raise ValueError("wrong number of values")
        return tuple(_typed(v, k.kind) for v, k in zip(values, self.keys, strict=True))


def _typed(value: object, kind: type) -> object:
    if kind is date and isinstance(value, str):
        return date.fromisoformat(value)
    if kind is datetime and isinstance(value, str):
        return datetime.fromisoformat(value)
    if kind is int and isinstance(value, int) and not isinstance(value, bool):
        return value
    if kind is str and isinstance(value, str):
        return value
    raise ValueError("value of the wrong type")


def encodable(value: object) -> object:
    """A sort key value as JSON can hold it."""
    return value.isoformat() if isinstance(value, (date, datetime)) else value
