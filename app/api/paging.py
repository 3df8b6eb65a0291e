"""Opaque keyset cursors: base64url JSON of the sort order and the last row's sort key."""

import base64
import binascii
import json

from app.errors import InvalidQuery
from app.storage.listing import Sort, encodable

MAX_CURSOR_LENGTH = 512


def encode_cursor(sort: Sort, key: tuple[object, ...]) -> str:
    """An opaque cursor pointing just after the row with this sort key."""
    raw = json.dumps({"s": sort.name, "k": [encodable(v) for v in key]}, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, sort: Sort) -> tuple[object, ...]:
    """The typed sort key in a cursor; a forged, damaged or foreign one is InvalidQuery."""
    payload = _payload(cursor)
    if not isinstance(payload, dict) or payload.get("s") != sort.name or not isinstance(payload.get("k"), list):
        raise InvalidQuery("cursor", f"not a cursor of this list in sort order {sort.name!r}")
    try:
        return sort.decode(payload["k"])
    except ValueError as exc:
        raise InvalidQuery("cursor", "not a cursor this API issued") from exc


def encode_offset(offset: int) -> str:
    """A cursor for ranked results, which have no stable key."""
    return base64.urlsafe_b64encode(json.dumps({"o": offset}).encode()).decode().rstrip("=")


def decode_offset(cursor: str) -> int:
    payload = _payload(cursor)
    offset = payload.get("o") if isinstance(payload, dict) else None
    if not isinstance(offset, int) or isinstance(offset, bool) or not 0 <= offset <= 100_000:
        raise InvalidQuery("cursor", "not a cursor of this list")
    return offset


def encode_seq(seq: int) -> str:
    """A change-feed cursor: the last sequence number served."""
    return base64.urlsafe_b64encode(json.dumps({"seq": seq}).encode()).decode().rstrip("=")


def decode_seq(cursor: str) -> int:
    try:
        payload = _payload(cursor)
    except InvalidQuery as exc:
        raise InvalidQuery("since", exc.reason) from exc
    seq = payload.get("seq") if isinstance(payload, dict) else None
    if not isinstance(seq, int) or isinstance(seq, bool) or seq < 0:
        raise InvalidQuery("since", "not a cursor of the change feed")
    return seq


def _payload(cursor: str) -> object:
    if len(cursor) > MAX_CURSOR_LENGTH:
        raise InvalidQuery("cursor", "too long")
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        return json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (ValueError, UnicodeError, binascii.Error) as exc:
        raise InvalidQuery("cursor", "not a cursor this API issued") from exc
