"""What the parser doubts about the meeting it read: none found, not dated, dated implausibly or
after the report, contradictory dates. A document with doubts is stored all the same; its doubts
are data (served on /v1/documents)."""

from datetime import date, timedelta

from app.parsing.meetings import Intro
from app.parsing.records import DocumentKind, ParsedMeeting

EARLIEST_MEETING = date(1949, 4, 4)  # the North Atlantic Treaty was signed


def contradictory_dates(intro: Intro) -> tuple[str, ...]:
    """A title that names the meeting with other days than the opening text contradicts it."""
    title = next((days for a in intro.named if a.titled and (days := intro.days(a.sentence)) is not None), None)
    text = next((days for a in intro.named if not a.titled and (days := intro.days(a.sentence)) is not None), None)
    if title is None or text is None or (title[1] >= text[0] and title[0] <= text[1]):
        return ()
    return (f"contradictory meeting dates: the title says {title[0].isoformat()}, the text {text[0].isoformat()}",)


def meeting_problems(
    doc_date: date | None, kind: DocumentKind | None, meeting: ParsedMeeting | None, today: date | None
) -> tuple[str, ...]:
    """What the parser doubts about the meeting it read; empty when nothing.

    The caller asks only of a document that does not say it is about no meeting."""
    if meeting is None:
        return ("no NATO meeting found in the text",)
    if meeting.start_date is None:
        return ("names the meeting but gives no date for it",)
    latest = max(doc_date or EARLIEST_MEETING, today or EARLIEST_MEETING) + timedelta(days=2 * 365)
    if not EARLIEST_MEETING <= meeting.start_date <= (latest if (doc_date or today) else date.max):
        return (f"implausible meeting date {meeting.start_date.isoformat()}",)
    if doc_date is not None and kind != "agenda" and meeting.start_date > doc_date + timedelta(days=1):
        return (f"the report is dated {doc_date.isoformat()}, before the meeting on {meeting.start_date.isoformat()}",)
    return ()
