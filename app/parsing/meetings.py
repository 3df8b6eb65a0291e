"""The document's own date and kind, and the one meeting it is about."""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from app.parsing.dates import DateRange, find_dates, parse_single_date
from app.parsing.lexicon import Lexicon
from app.parsing.places import find_city
from app.parsing.records import Body, DocumentKind, ParsedMeeting
from app.parsing.structure import Paragraph, Sentence, is_front_matter, split_sentences

HEAD_PARAGRAPHS = 15  # where letterheads, titles and the opening sentence stand
INTRO_PARAGRAPHS = 10

_DOSSIER = re.compile(r"\b(\d{2})\s?(\d{3})\s+(?:NAVO|Navo|NATO)\b")
_NUMBER = re.compile(r"^Nr\.\s*(\d+)\b|\b\d{2}\s?\d{3},?\s+nr\.\s*(\d+)\b")


@dataclass(frozen=True)
class _Anchor:
    sentence: Sentence
    paragraph: Paragraph
    body: Body


def find_document_date(paragraphs: list[Paragraph], lexicon: Lexicon) -> date | None:
    """The date the document itself carries ("Den Haag, 30 mei 2016", "Issued on 03 Dec. 2008")."""
    for paragraph in paragraphs[:HEAD_PARAGRAPHS]:
        for pattern in lexicon.document_date:
            match = pattern.search(paragraph.text)
            if match and (day := parse_single_date(match.group("date"), lexicon)):
                return day
    return None


def find_dossier(paragraphs: list[Paragraph]) -> tuple[str | None, str | None]:
    """Dossier and number of a parliamentary paper ("28676", "247"), where printed."""
    dossier = number = None
    for paragraph in paragraphs[:HEAD_PARAGRAPHS]:
        if dossier is None and (match := _DOSSIER.search(paragraph.text)):
            dossier = match.group(1) + match.group(2)
        if number is None and (match := _NUMBER.search(paragraph.text)):
            number = match.group(1) or match.group(2)
    return dossier, number


def detect_kind(paragraphs: list[Paragraph], lexicon: Lexicon) -> DocumentKind | None:
    """report, agenda, communique, statement or other; None when nothing says."""
    span = 2 if lexicon.language == "en" else 6
    head = " ".join(p.text for p in paragraphs[:span])
    if lexicon.no_meeting.search(head):
        return "other"
    for kind, pattern in lexicon.kinds:
        if pattern.search(head):
            return kind
    return None


def find_title(paragraphs: list[Paragraph], lexicon: Lexicon) -> str | None:
    """The document's title: an all-capitals title line, a letter's heading or the first line."""
    head = paragraphs[:HEAD_PARAGRAPHS]
    for paragraph in head:
        text = paragraph.text
        if re.match(r"^(?:VERSLAG|GEANNOTEERDE AGENDA|KABINETSINZET)\b", text):
            return text
    for paragraph in head:
        if match := re.search(r"\bBetreft:?\s+(.+?)(?:\s+(?:Datum|Kenmerk|Ons kenmerk|Bijlage)\b|$)", paragraph.text):
            return match.group(1)
    for paragraph in head:
        if match := re.match(r"^Nr\.\s*\d+\s+(.+)$", paragraph.text):
            return match.group(1)
    return head[0].text if head else None


def find_meeting(
    paragraphs: list[Paragraph], lexicon: Lexicon, doc_date: date | None, kind: DocumentKind | None
) -> ParsedMeeting | None:
    """Read body, dates, place and form of the meeting from the opening sentences."""
    intro = paragraphs[:INTRO_PARAGRAPHS]
    sentences = [(s, p) for p in intro for s in split_sentences(p, lexicon)]
    found = _first_dated_anchor(sentences, lexicon, doc_date)
    named = _first_named(sentences, lexicon)
    if found is None:
        found = _undated_or_unnamed(sentences, named, paragraphs, lexicon, doc_date, kind)
    if found is None:
        return None
    anchor, days = found
    context = [anchor.paragraph] + [p for p in intro if is_front_matter(p, lexicon)]
    virtual = _held_by_video(context, lexicon)
    location = None if virtual else _find_place(anchor, named, sentences, days, lexicon, doc_date)
    named_text = named.sentence.text if named else ""
    informal = bool(lexicon.informal.search(f"{anchor.sentence.text} {named_text}"))
    return ParsedMeeting(anchor.body, days[0], days[1], location, virtual, informal, anchor.sentence.span)


def _find_place(
    anchor: _Anchor,
    named: _Anchor | None,
    sentences: list[tuple[Sentence, Paragraph]],
    days: tuple[date, date],
    lexicon: Lexicon,
    doc_date: date | None,
) -> str | None:
    """The place in the anchor or title; else in another opening sentence about the same days."""
    summit = anchor.body == "summit"
    for text in _place_sentences(anchor, named, lexicon):
        if city := find_city(text, summit=summit):
            return city
    same_days = (s for s, _ in sentences if s is not anchor.sentence and _meeting_days(s, lexicon, doc_date) == days)
    return next((city for s in same_days if (city := find_city(s.text, summit=summit))), None)


def _undated_or_unnamed(
    sentences: list[tuple[Sentence, Paragraph]],
    named: _Anchor | None,
    paragraphs: list[Paragraph],
    lexicon: Lexicon,
    doc_date: date | None,
    kind: DocumentKind | None,
) -> tuple[_Anchor, tuple[date, date]] | None:
    """A communiqué dated only by its issue date, or a dated meeting whose body the letterhead tells."""
    if named is not None and doc_date is not None and kind in ("communique", "statement"):
        return named, (doc_date, doc_date)
    for sentence, paragraph in sentences:
        if not lexicon.meeting_words.search(sentence.text):
            continue
        days = _meeting_days(sentence, lexicon, doc_date)
        if days is None:
            continue
        body = named.body if named else _sender_body(paragraphs, lexicon)
        return _Anchor(sentence, paragraph, body), days
    return None


def _sender_body(paragraphs: list[Paragraph], lexicon: Lexicon) -> Body:
    for paragraph in paragraphs[:HEAD_PARAGRAPHS]:
        for body, pattern in lexicon.letter_senders:
            if pattern.search(paragraph.text):
                return body
    return "other"


def _place_sentences(anchor: _Anchor, named: _Anchor | None, lexicon: Lexicon) -> list[str]:
    """Where to look for the meeting's place: the anchor sentence, then the title.

    A sentence dated "yesterday and today" goes on about other places; only the
    clause around "met" counts there.
    """
    text = anchor.sentence.text
    places: list[str] = []
    for pattern, _, _ in lexicon.relative_meeting_days:
        if match := pattern.search(text):
            places.append(re.split(r"[,.;]", text[match.start():], maxsplit=1)[0])
            break
    else:
        places.append(text)
    if named is not None:
        places.append(named.sentence.text)
    return places


def _held_by_video(paragraphs: list[Paragraph], lexicon: Lexicon) -> bool:
    for paragraph in paragraphs:
        for sentence in split_sentences(paragraph, lexicon):
            if lexicon.virtual.search(sentence.text) and not lexicon.joined_remotely.search(sentence.text):
                return True
    return False


def _body_of(text: str, lexicon: Lexicon) -> Body | None:
    """The body named first in `text`, passing over references to other meetings."""
    found: list[tuple[int, Body]] = []
    for body, pattern in lexicon.bodies:
        for match in pattern.finditer(text):
            if not lexicon.not_the_meeting.search(text[:match.start()]):
                found.append((match.start(), body))
                break
    return min(found)[1] if found else None


def _first_named(sentences: list[tuple[Sentence, Paragraph]], lexicon: Lexicon) -> _Anchor | None:
    for sentence, paragraph in sentences:
        if body := _body_of(sentence.text, lexicon):
            return _Anchor(sentence, paragraph, body)
    return None


def _first_dated_anchor(
    sentences: list[tuple[Sentence, Paragraph]], lexicon: Lexicon, doc_date: date | None
) -> tuple[_Anchor, tuple[date, date]] | None:
    for sentence, paragraph in sentences:
        body = _body_of(sentence.text, lexicon)
        if body is None:
            continue
        days = _meeting_days(sentence, lexicon, doc_date)
        if days is not None:
            return _Anchor(sentence, paragraph, body), days
    return None


def _meeting_days(sentence: Sentence, lexicon: Lexicon, doc_date: date | None) -> tuple[date, date] | None:
    if doc_date is not None:
        for pattern, before_start, before_end in lexicon.relative_meeting_days:
            if pattern.search(sentence.text):
                return doc_date - timedelta(days=before_start), doc_date - timedelta(days=before_end)
    dates: list[DateRange] = [
        d for d in find_dates(sentence.text, lexicon, doc_date)
        if not lexicon.document_date_cue.search(sentence.text[: d.span.start])
    ]
    return (dates[0].start, dates[0].end) if dates else None


EARLIEST_MEETING = date(1949, 4, 4)  # the North Atlantic Treaty was signed


def meeting_problems(
    paragraphs: list[Paragraph],
    lexicon: Lexicon,
    doc_date: date | None,
    kind: DocumentKind | None,
    meeting: ParsedMeeting | None,
) -> tuple[str, ...]:
    """Why a text cannot be stored as a record of a meeting; empty when it can.

    A document that says it is about no meeting (a debate record) has no problem.
    """
    if kind == "other":
        return ()
    if meeting is None:
        sentences = [s for p in paragraphs[:INTRO_PARAGRAPHS] for s in split_sentences(p, lexicon)]
        if any(_body_of(s.text, lexicon) for s in sentences):
            return ("names a NATO meeting but gives no date for it",)
        return ("no NATO meeting found in the text",)
    latest = max(doc_date or date.today(), date.today()) + timedelta(days=2 * 365)
    if not EARLIEST_MEETING <= meeting.start_date <= latest:
        return (f"implausible meeting date {meeting.start_date.isoformat()}",)
    if doc_date is not None and kind != "agenda" and meeting.start_date > doc_date + timedelta(days=1):
        return (f"the report is dated {doc_date.isoformat()}, before the meeting on {meeting.start_date.isoformat()}",)
    return _conflicting_title_dates(paragraphs, lexicon, doc_date)


def _conflicting_title_dates(paragraphs: list[Paragraph], lexicon: Lexicon, doc_date: date | None) -> tuple[str, ...]:
    """A title naming the meeting with other dates than the opening text contradicts it."""
    title = text = None
    for paragraph in paragraphs[:INTRO_PARAGRAPHS]:
        front = is_front_matter(paragraph, lexicon)
        if (title if front else text) is not None:
            continue
        for sentence in split_sentences(paragraph, lexicon):
            if _body_of(sentence.text, lexicon) and (days := _meeting_days(sentence, lexicon, doc_date)):
                title, text = (days, text) if front else (title, days)
                break
    if title is None or text is None or (title[1] >= text[0] and title[0] <= text[1]):
        return ()
    return (f"contradictory meeting dates: the title says {title[0].isoformat()}, the text {text[0].isoformat()}",)
