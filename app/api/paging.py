"""Opaque keyset cursors: a base64url JSON list of the last row's sort key."""

import base64
import binascii
import json
from datetime import date

from app.errors import InvalidQuery

MAX_CURSOR_LENGTH = 512


def encode_cursor(*key: object) -> str:
    """Encode a sort key (dates as ISO strings) as an opaque cursor."""
    raw = json.dumps([k.isoformat() if isinstance(k, date) else k for k in key], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, types: tuple[type, ...]) -> tuple[object, ...]:
    """Decode and type-check a cursor; a forged or damaged one is InvalidQuery."""
    if len(cursor) > MAX_CURSOR_LENGTH:
        raise InvalidQuery("cursor", "too long")
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
        if not isinstance(values, list) or len(values) != len(types):
            raise ValueError("wrong shape")
        return tuple(_typed(v, t) for v, t in zip(values, types, strict=True))
    except (ValueError, UnicodeError, binascii.Error, TypeError) as exc:
        raise InvalidQuery("cursor", "not a cursor this API issued") from exc


def _typed(value: object, kind: type) -> object:
    if kind is date and isinstance(value, str):
        return date.fromisoformat(value)
    if kind is int and isinstance(value, int) and not isinstance(value, bool):
        return value
    if kind is str and isinstance(value, str):
        return value
    raise ValueError("wrong type")
