"""Meetings from parses: one row per meeting, which every document about it joins; a document's
meeting found by body and overlapping days, its fields merged from the most authoritative one."""

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, and_, bindparam, delete, or_, union, update
from sqlmodel import Session, col, func, select

from app.parsing.records import ParsedMeeting
from app.storage.rows import StoredMeeting, content_hash, insert_rows, log_change, mark_changed
from app.storage.tables import (
    Change,
    Decision,
    Meeting,
    MeetingAlias,
    MeetingDocument,
)


def delete_orphan_meetings(
    session: Session, meeting_ids: set[str], successor: str | None, now: datetime
) -> set[str]:
    """Delete the meetings no document is about any more; the ids of those deleted.

    Their ids were published: with a `successor` (the meeting their last document moved to)
    each becomes an alias of it, as do the aliases they had, so that no chain forms."""
    deleted = set()
    for meeting_id in meeting_ids:
        linked = session.exec(
            select(func.count()).select_from(MeetingDocument).where(MeetingDocument.meeting_id == meeting_id)
        ).one()
        meeting = session.get(Meeting, meeting_id)
        if linked == 0 and meeting is not None:
            session.delete(meeting)
            log_change(session, "meetings", meeting_id, "deleted", now)
            mark_changed(session)
            deleted.add(meeting_id)
    session.flush()
    if deleted:
        _alias(session, deleted, successor, now)
    return deleted


def _alias(session: Session, old_ids: set[str], successor: str | None, now: datetime) -> None:
    """Old ids, and the aliases that pointed at them, point at `successor` (or nowhere, gone)."""
    pointing = update(MeetingAlias).where(col(MeetingAlias.meeting_id).in_(old_ids))
    if successor is None:
        session.execute(delete(MeetingAlias).where(col(MeetingAlias.meeting_id).in_(old_ids)))
        return
    session.execute(pointing.values(meeting_id=successor))
    insert_rows(session, MeetingAlias, [{"alias": old, "meeting_id": successor, "created_at": now}
                                        for old in sorted(old_ids)])


def meeting_key(meeting: ParsedMeeting) -> str:
    """The readable id a meeting gets unless it is taken: 2020-04-02-foreign-ministers."""
    if meeting.start_date is None:
        raise ValueError("a meeting the text does not date is kept as a hint on its document, not stored")
    return f"{meeting.start_date.isoformat()}-{meeting.body.replace('_', '-')}"


_MEETING_FIELDS = ("body", "start_date", "end_date", "location", "virtual", "informal")


def _meeting_fields(meeting: ParsedMeeting) -> dict[str, Any]:
    return {name: getattr(meeting, name) for name in _MEETING_FIELDS}


_MEETINGS = Meeting.__table__  # type: ignore[attr-defined]


_MEETINGS_SELECT = select(*(_MEETINGS.c[name] for name in ("id", *_MEETING_FIELDS, "content_hash")))


_ALIASES = MeetingAlias.__table__  # type: ignore[attr-defined]
# a published id is never given to another meeting, also once it is an alias
_IDS_TAKEN = union(
    select(_MEETINGS.c.id).where(_MEETINGS.c.id.in_(bindparam("ids", expanding=True))),
    select(_ALIASES.c.alias).where(_ALIASES.c.alias.in_(bindparam("ids", expanding=True))),
)


_MEETING_UPDATE = update(_MEETINGS).where(_MEETINGS.c.id == bindparam("meeting_id"))
_DECISIONS = Decision.__table__  # type: ignore[attr-defined]
_DECISIONS_DATE = update(_DECISIONS).where(
    _DECISIONS.c.meeting_id == bindparam("of_meeting"), _DECISIONS.c.meeting_date != bindparam("day")
).values(meeting_date=bindparam("day"))


def upsert_meeting(
    session: Session, parsed: ParsedMeeting, now: datetime, authoritative: bool = True
) -> StoredMeeting:
    """The stored meeting with this body, start date and form, created when new."""
    return upsert_meetings(session, [(parsed, authoritative)], now)[0]


def upsert_meetings(
    session: Session, meetings: list[tuple[ParsedMeeting, bool]], now: datetime
) -> list[StoredMeeting]:
    """For each meeting read from a document (and whether the document is authoritative), the
    stored meeting of its body and form on overlapping days: created when new, else merged with
    what the document says of it, in order (a report after an agenda letter or a news item
    corrects its days, place and form; its id stays as first published).

    For a batch of documents at once, with Core statements only: the meetings on their dates
    are read in one query, and new ones inserted in one statement; a query per document cost
    the round trips, and the ORM objects more than the rest of a save."""
    if not meetings:
        return []
    connection = session.connection()
    known = [row._asdict() for row in connection.execute(_meetings_near([m for m, _ in meetings]))]
    ids = _FreeIds(connection, [meeting_key(m) for m, _ in meetings if _same_meeting(known, m) is None])
    created: dict[str, dict[str, Any]] = {}
    updated: dict[str, dict[str, Any]] = {}
    changes: list[tuple[str, str]] = []
    stored = []
    for parsed, authoritative in meetings:
        row = _same_meeting(known, parsed)
        if row is None:
            fields = _meeting_fields(parsed)
            row = fields | {"id": ids.take(meeting_key(parsed)), "content_hash": content_hash(fields),
                            "created_at": now, "updated_at": now}
            known.append(row)
            created[row["id"]] = row
            changes.append((row["id"], "created"))
        elif _merge_meeting(row, parsed, now, authoritative):
            if row["id"] not in created:
                updated[row["id"]] = row
            changes.append((row["id"], "updated"))
        stored.append(StoredMeeting(row["id"], row["body"], row["start_date"], row["id"] in created))
    _write_meetings(session, list(created.values()), list(updated.values()), changes, now)
    return stored


def _meetings_near(meetings: list[ParsedMeeting]) -> Any:
    """The stored meetings of the same bodies whose days overlap those of the batch's meetings."""
    windows = {(m.body, m.start_date, m.end_date or m.start_date) for m in meetings if m.start_date is not None}
    # the start bounded on both sides, so that the index on (body, start_date) reads a few rows
    # for each window, not every meeting of the body that started before it ended
    return _MEETINGS_SELECT.where(or_(*(
        and_(_MEETINGS.c.body == body, _MEETINGS.c.start_date.between(first - _LONGEST_MEETING, last),
             _MEETINGS.c.end_date >= first)
        for body, first, last in sorted(windows)
    )))


_LONGEST_MEETING = timedelta(days=7)  # no NATO meeting has lasted longer


def _same_meeting(known: list[dict[str, Any]], parsed: ParsedMeeting) -> dict[str, Any] | None:
    """The stored meeting a document's meeting is: the same body and form on overlapping days
    (an agenda letter gives "14 en 15 juni", a news item the last day, a press release the
    first), the one that starts on the same day first."""
    first, last = parsed.start_date, parsed.end_date or parsed.start_date
    if first is None or last is None:
        return None
    overlapping = [row for row in known if row["body"] == parsed.body and row["informal"] == parsed.informal
                   and row["start_date"] <= last and first <= row["end_date"]]
    return min(overlapping, key=lambda row: (row["start_date"] != first, row["start_date"]), default=None)


def _write_meetings(
    session: Session, created: list[dict[str, Any]], updated: list[dict[str, Any]], changes: list[tuple[str, str]],
    now: datetime,
) -> None:
    insert_rows(session, Meeting, created)
    if updated:
        session.connection().execute(_MEETING_UPDATE, [
            {name: row[name] for name in (*_MEETING_FIELDS, "content_hash", "updated_at")} | {"meeting_id": row["id"]}
            for row in updated
        ])
        # decisions carry their meeting's first day, for the date filters: a report may move it
        session.connection().execute(_DECISIONS_DATE, [
            {"of_meeting": row["id"], "day": row["start_date"]} for row in updated])
    insert_rows(session, Change, [
        {"resource": "meetings", "record_id": meeting_id, "op": op, "changed_at": now} for meeting_id, op in changes
    ])
    if changes:
        mark_changed(session)


def _merged_fields(stored: dict[str, Any], parsed: ParsedMeeting, authoritative: bool) -> dict[str, Any]:
    """A report written after the meeting corrects what an agenda letter announced;
    an agenda letter only fills in what is missing."""
    fields = {name: stored[name] for name in _MEETING_FIELDS}
    if authoritative:
        one_known_day = parsed.start_date == parsed.end_date and stored["start_date"] <= parsed.start_date
        if not one_known_day:  # a news item that gives only the last day does not shorten the meeting
            fields["start_date"], fields["end_date"] = parsed.start_date, parsed.end_date
        fields["virtual"] = parsed.virtual
        if parsed.location or parsed.virtual:
            fields["location"] = parsed.location
    elif fields["location"] is None and not fields["virtual"]:
        fields["location"] = parsed.location
    return fields


def _merge_meeting(row: dict[str, Any], parsed: ParsedMeeting, now: datetime, authoritative: bool) -> bool:
    """Bring a meeting's row (its values) in line with what a new document says of it;
    True when that changed it."""
    fields = _merged_fields(row, parsed, authoritative)
    new_hash = content_hash(fields)
    if new_hash == row["content_hash"]:
        return False
    row.update(fields, content_hash=new_hash, updated_at=now)
    return True


class _FreeIds:
    """Readable meeting ids not yet taken: the key itself, else the key with -2, -3 and so on.
    The keys a batch needs are looked up in one query; a suffix, rarely needed, one by one."""

    def __init__(self, connection: Connection, keys: list[str]) -> None:
        self.connection = connection
        self.looked_up = set(keys)
        self.taken = set(connection.execute(_IDS_TAKEN, {"ids": sorted(self.looked_up)}).scalars()) if keys else set()

    def take(self, key: str) -> str:
        candidate, suffix = key, 2
        while self._taken(candidate):
            candidate, suffix = f"{key}-{suffix}", suffix + 1
        self.taken.add(candidate)
        return candidate

    def _taken(self, candidate: str) -> bool:
        if candidate in self.taken:
            return True
        if candidate in self.looked_up:
            return False
        return self.connection.execute(_IDS_TAKEN, {"ids": [candidate]}).first() is not None
