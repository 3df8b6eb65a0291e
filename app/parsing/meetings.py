"""The one meeting a document is about: its body, days, place and form, from its title and
opening sentences (its kind: app.parsing.kinds; what the parser doubts: app.parsing.doubts)."""

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from itertools import pairwise

from app.parsing.dates import DateRange, find_dates
from app.parsing.kinds import MARKER_PARAGRAPHS
from app.parsing.lexicon import Lexicon
from app.parsing.places import find_city
from app.parsing.quick import Automaton, automaton, grouped
from app.parsing.records import Body, DocumentKind, ParsedMeeting
from app.parsing.structure import Paragraph, Sentence, is_prose, split_sentences

INTRO_PARAGRAPHS = 10  # where the sentence that names the meeting stands

Days = tuple[date, date]

__all__ = ["Intro", "find_meeting", "read_intro"]


@dataclass(frozen=True)
class _Anchor:
    sentence: Sentence
    paragraph: Paragraph
    body: Body
    titled: bool  # named in a title or type line, not in prose
    preparatory: bool = False  # a meeting held to prepare the body it names: "other", and only where none else is


@dataclass
class Intro:
    """The opening sentences (each with its paragraph, and whether it stands in a title or type
    line before the first prose), those of them that name a meeting's body, and the days each
    of those gives its meeting (read when first asked)."""

    sentences: list[tuple[Sentence, Paragraph, bool]]
    named: list[_Anchor]
    lexicon: Lexicon
    doc_date: date | None
    reference: date | None
    _days: dict[int, Days | None] = field(default_factory=dict)

    def days(self, sentence: Sentence) -> Days | None:
        key = id(sentence)
        if key not in self._days:
            self._days[key] = meeting_days(sentence.text, self.lexicon, self.doc_date, self.reference)
        return self._days[key]


def read_intro(
    paragraphs: list[Paragraph], lexicon: Lexicon, lines: list[Paragraph], doc_date: date | None,
    reference: date | None,
) -> Intro:
    """The intro of a document whose head (chrome left out) is `lines`."""
    intro = lines[:INTRO_PARAGRAPHS]
    first_prose = next((i for i, p in enumerate(intro) if is_prose(p)), len(intro))
    sentences = [(s, p, i < first_prose) for i, p in enumerate(intro) for s in split_sentences(p, lexicon)]
    return Intro(sentences, _named(sentences, lexicon, paragraphs), lexicon, doc_date, reference)


def find_meeting(paragraphs: list[Paragraph], intro: Intro, kind: DocumentKind | None) -> ParsedMeeting | None:
    """Body, dates, place and form of the meeting, from the title and the opening sentences.

    A meeting that is named but that nothing dates comes back with null dates."""
    named = intro.named
    if not named:
        return _dated_by_letterhead(intro, paragraphs)
    anchor, days = _dated_anchor(intro)
    if days is None:
        days = (_dated_nearby(intro, anchor) or _undated_days(intro.sentences, intro.lexicon, intro.doc_date, kind)
                or _head_range(intro))
    return _meeting(anchor, _body(anchor, named), named, intro, days)


def _meeting(anchor: _Anchor, body: Body, named: list[_Anchor], intro: Intro, days: Days | None) -> ParsedMeeting:
    sentences, lexicon = intro.sentences, intro.lexicon
    naming = {id(a.sentence) for a in named}
    # a sentence that goes on about the meeting named just before it ("Deze wordt per videoverbinding
    # gehouden") is about it too
    after_naming = {id(s) for (prev, para, _), (s, same, _) in pairwise(sentences)
                    if id(prev) in naming and same is para}
    about = [s for s, _, _ in sentences
             if id(s) in naming or id(s) in after_naming or lexicon.meeting_words.search(s.text)]
    virtual = any(lexicon.virtual.search(s.text) and not lexicon.joined_remotely.search(s.text) for s in about)
    location = None if virtual else _find_place(anchor, named, intro, days, body)
    titles = " ".join(a.sentence.text for a in named if a.titled)
    informal = bool(lexicon.informal.search(f"{anchor.sentence.text} {titles}"))
    start, end = days if days else (None, None)
    return ParsedMeeting(body, start, end, location, virtual, informal, anchor.sentence.span)


def _named(
    sentences: list[tuple[Sentence, Paragraph, bool]], lexicon: Lexicon, paragraphs: list[Paragraph]
) -> list[_Anchor]:
    """Every opening sentence that names a meeting's body, in order. A title names the meeting
    even "ahead of" it; prose that names another meeting in passing does not count, except a
    coming meeting in a text that names no other (a preview: "the upcoming foreign ministerial")."""
    return _naming(sentences, lexicon, paragraphs, coming=False) or _naming(sentences, lexicon, paragraphs, coming=True)


def _naming(
    sentences: list[tuple[Sentence, Paragraph, bool]], lexicon: Lexicon, paragraphs: list[Paragraph], coming: bool
) -> list[_Anchor]:
    named: dict[int, _Anchor] = {}
    unqualified: list[int] = []  # "de NAVO-ministeriële": its portfolio is told elsewhere
    for index, (sentence, paragraph, titled) in enumerate(sentences):
        if found := _bodies_in(sentence.text, lexicon, titled, coming):
            _, _, _, body, preparatory = min(found)
            named[index] = _Anchor(sentence, paragraph, body, titled, preparatory)
        elif lexicon.unqualified_body.search(sentence.text):
            unqualified.append(index)
    sender = _sender_body(paragraphs, lexicon) if unqualified else None
    portfolios = {index: _portfolio(sentences[index][0].text, index, named, sender, lexicon) for index in unqualified}
    for index, portfolio in portfolios.items():
        if portfolio is not None:
            sentence, paragraph, titled = sentences[index]
            named[index] = _Anchor(sentence, paragraph, portfolio, titled)
    anchors = [named[index] for index in sorted(named)]
    return [a for a in anchors if not a.preparatory] or anchors


def _portfolio(text: str, index: int, named: dict[int, _Anchor], sender: Body | None, lexicon: Lexicon) -> Body | None:
    """The portfolio of a meeting named without one ("de NAVO-ministeriële", "the NATO informal"): the
    letter's sender's, else the office of a minister in the same sentence ("Minister van Defensie
    Kamp neemt deel aan de Navo-informele"), else the body of the nearest sentence that names a
    ministers' meeting."""
    body = sender or next((b for b, pattern in lexicon.portfolios if pattern.search(text)), None)
    nearest = sorted((abs(i - index), a.body) for i, a in named.items() if not a.preparatory and a.body in _MINISTERS)
    return body or (nearest[0][1] if nearest else None)


_MINISTERS: tuple[Body, ...] = ("foreign_ministers", "defence_ministers")


def _dated_anchor(intro: Intro) -> tuple[_Anchor, Days | None]:
    """The first naming sentence that dates the meeting, else the first that names it in prose."""
    named = intro.named
    for anchor in named:
        if (days := intro.days(anchor.sentence)) is not None:
            return anchor, days
    prose = [a for a in named if not a.titled and intro.lexicon.meeting_words.search(a.sentence.text)]
    return (prose or named)[0], None


def _dated_nearby(intro: Intro, anchor: _Anchor) -> Days | None:
    """The days of the meeting the anchor names but does not date, from the next opening sentence
    about a meeting that names no body at all, not even in passing ("… de bijeenkomst van de
    NAVO-ministers van Defensie. Op 15 en 16 juni jl. kwamen de ministers in Brussel bijeen."):
    a sentence that names one may date that one."""
    lexicon = intro.lexicon
    following = [s for s, _, titled in intro.sentences if not titled and s.span.start > anchor.sentence.span.start]
    for sentence in following[:_NEARBY_SENTENCES]:
        if not lexicon.meeting_words.search(sentence.text):
            continue
        if _bodies_in(sentence.text, lexicon, titled=True):
            return None
        if (days := intro.days(sentence)) is not None:
            return days
    return None


_NEARBY_SENTENCES = 3


def _head_range(intro: Intro) -> Days | None:
    """A range of a few days in the title or type lines ("Press briefing by … / 24-25 Oct 2007" on an
    event's page): an event's days, since a document is issued on one day."""
    for sentence, _, titled in intro.sentences:
        if not titled:
            continue
        for found in find_dates(sentence.text, intro.lexicon, intro.reference):
            if timedelta(days=1) <= found.end - found.start <= _MEETING_DAYS:
                return found.start, found.end
    return None


_MEETING_DAYS = timedelta(days=4)  # the longest a meeting lasts


def _body(anchor: _Anchor, named: list[_Anchor]) -> Body:
    """The anchor's body; but a title that names a ministers' meeting beats prose that calls it a summit
    (a leaders' meeting named in a ministers' press conference is another meeting)."""
    titled = next((a.body for a in named if a.titled), None)
    if titled is not None and titled != "summit" and anchor.body == "summit":
        return titled
    return anchor.body


def _undated_days(
    sentences: list[tuple[Sentence, Paragraph, bool]], lexicon: Lexicon, doc_date: date | None,
    kind: DocumentKind | None,
) -> Days | None:
    """A meeting the naming sentences do not date: "today … tomorrow" in sentences about its
    sessions, read from the document's date; else a communiqué's issue date, or the date of a
    statement whose speaker stands at the meeting ("here in Noordwijk")."""
    if doc_date is None:
        return None
    offsets: list[int] = []
    for sentence, _, _ in sentences:
        if lexicon.meeting_talk.search(sentence.text) or lexicon.meeting_words.search(sentence.text):
            offsets += [o for pattern, first, last in lexicon.relative_days if pattern.search(sentence.text)
                        for o in (first, last)]
    if offsets:
        return doc_date + timedelta(days=min(offsets)), doc_date + timedelta(days=max(offsets))
    if kind == "communique" or (kind == "statement" and any(lexicon.here.search(s.text) for s, _, _ in sentences)):
        return doc_date, doc_date  # issued at the meeting; a speaker "here in Noordwijk" speaks at it
    return None


def _dated_by_letterhead(intro: Intro, paragraphs: list[Paragraph]) -> ParsedMeeting | None:
    """A dated meeting sentence that names no body ("de bijeenkomst op 3 juni") in a letter whose
    sender tells it."""
    lexicon = intro.lexicon
    body = _sender_body(paragraphs, lexicon)
    if body is None:
        return None
    for sentence, paragraph, titled in intro.sentences:
        if titled or not lexicon.meeting_words.search(sentence.text):
            continue
        if (days := intro.days(sentence)) is not None:
            anchor = _Anchor(sentence, paragraph, body, titled)
            return _meeting(anchor, body, [anchor], intro, days)
    return None


def _sender_body(paragraphs: list[Paragraph], lexicon: Lexicon) -> Body | None:
    """The body a letter's sender stands for ("BRIEF VAN DE MINISTER VAN DEFENSIE"): a letterhead line."""
    for paragraph in paragraphs[:MARKER_PARAGRAPHS]:
        if len(paragraph.text) > _LETTERHEAD_CHARS:
            continue
        for body, pattern in lexicon.letter_senders:
            if pattern.search(paragraph.text):
                return body
    return None


_LETTERHEAD_CHARS = 200


def _find_place(anchor: _Anchor, named: list[_Anchor], intro: Intro, days: Days | None, body: Body) -> str | None:
    """The place in the anchor, then in the titles and sentences that name the meeting (the same
    body, on no other days: "The meeting of NATO Foreign Ministers in Washington, D.C., marks …"),
    then in another opening sentence about the same days."""
    sentences, lexicon, summit = intro.sentences, intro.lexicon, body == "summit"
    others = [a for a in named if a is not anchor and (
        a.titled or days is None
        or (a.body == body and intro.days(a.sentence) in (None, days)))]
    own = _place_clause(_own_stretches(anchor.sentence.text, lexicon), lexicon)
    texts = [own] + [a.sentence.text for a in others]
    for text in texts:
        if city := find_city(text, summit=summit):
            return city
    for sentence, _, _ in sentences:
        if (here := lexicon.here.search(sentence.text)) and (city := find_city(sentence.text[here.start():])):
            return city  # the speaker's "here in Noordwijk"
    if days is None:
        return None
    same_days = (s for s, _, _ in sentences if s is not anchor.sentence and lexicon.meeting_words.search(s.text)
                 and intro.days(s) == days)
    return next((city for s in same_days if (city := find_city(s.text, summit=summit))), None)


def _own_stretches(text: str, lexicon: Lexicon) -> str:
    """The text without what follows another meeting's name up to the next name or the clause's end:
    "the G7 Defence Ministers' Meeting in Naples, Italy, from May 12 to 13, and then the meeting of
    NATO Defence Ministers" does not place the NATO meeting in Naples."""
    for end in reversed(_other_meetings(text, lexicon)):
        stops = [m.start() for _, pattern in _cued_bodies(text, lexicon) if (m := pattern.search(text, end))]
        if clause := _CLAUSE_END.search(text, end):
            stops.append(clause.start())
        stop = min(stops, default=len(text))
        text = text[:end] + " " * (stop - end) + text[stop:]
    return text


_CLAUSE_END = re.compile(r"[.;]")
_CLAUSE_MARK = re.compile(r"[,.;]")


def _place_clause(text: str, lexicon: Lexicon) -> str:
    """A sentence dated "yesterday and today" goes on about other places: what follows the clause
    of the relative day does not count."""
    for pattern, _, _ in lexicon.relative_days:
        if match := pattern.search(text):
            return text[:match.start()] + _CLAUSE_MARK.split(text[match.start():], maxsplit=1)[0]
    return text


def _bodies_in(
    text: str, lexicon: Lexicon, titled: bool, coming: bool = False
) -> list[tuple[bool, int, int, Body, bool]]:
    """The bodies `text` names, each once: (an office, where, minus its length, the body, whether it
    is a meeting held to prepare the body named: "other")."""
    found: list[tuple[bool, int, int, Body, bool]] = []
    another_organisation = False
    for body, pattern in _cued_bodies(text, lexicon):
        names: list[tuple[bool, int, int, Body, bool]] = []
        for match in pattern.finditer(text):
            before = _before(text, match.start())
            if lexicon.other_meetings.organisation.search(before):
                another_organisation = True  # "the Commonwealth Foreign Affairs Ministers Meeting"
            elif lexicon.other_meetings.prepared.search(before):
                names.append((False, match.start(), 0, "other", True))
            elif titled or not lexicon.not_the_meeting.search(before) or (coming and lexicon.coming.search(before)):
                office = bool(lexicon.office.search(match.group()))
                names.append((office, match.start(), -(match.end() - match.start()), body, False))
            if names and not names[-1][0]:
                break  # a meeting's name, not an office's: what follows cannot change the sentence's body
        if names:
            found.append(min(names))
    # an office names a person: it tells the body only where no meeting is named besides, not even
    # another organisation's ("…, Minister of Foreign Affairs, will attend the Commonwealth … Meeting");
    # where only offices are named, every name was looked at
    return [f for f in found if not f[0]] if another_organisation else found


def _cued_bodies(text: str, lexicon: Lexicon) -> list[tuple[Body, re.Pattern[str]]]:
    """The bodies whose names `text` may hold: those whose cue it holds (most sentences name none,
    and a substring test costs far less than a search)."""
    cued: set[Body] = set()
    for _, bodies in _body_cue_automaton(lexicon).iter(text.lower()):
        cued.update(bodies)
    return [(body, pattern) for body, pattern in lexicon.bodies if body in cued]


@cache
def _body_cue_automaton(lexicon: Lexicon) -> Automaton:
    """Every body's cues, found in one pass: each with the bodies it is a cue of."""
    return automaton(grouped((cue, body) for body, cues in lexicon.body_cues.items() for cue in cues))


_LOOK_BACK = 80  # what a cue before a name or date ("in aanloop naar de", "letter of") can span


def _before(text: str, position: int) -> str:
    """The stretch right before `position`: cues that end there are searched in it alone (a
    pattern that ends in $ would be tried from every character of the text before)."""
    return text[max(0, position - _LOOK_BACK):position]


def meeting_days(text: str, lexicon: Lexicon, doc_date: date | None, reference: date | None) -> Days | None:
    """The days a sentence gives for its meeting: the first date after a meeting word, else the
    first date; a cited letter's date and the document's own dateline are never the meeting's.
    Without a date, a relative day ("yesterday", "vandaag en morgen") read from the document's
    date; and "today (12 February 2019)" on a page stamped 2020 is the page's today."""
    others = _other_meetings(text, lexicon)
    dates: list[DateRange] = [
        d for d in find_dates(text, lexicon, reference)
        if not lexicon.document_date_cue.search(_before(text, d.span.start))
        and not lexicon.cited_date_cue.search(_before(text, d.span.start))
        and not any(_dates_that_meeting(text, end, d, lexicon) for end in others)
    ]
    relative = _relative_days(text, lexicon, doc_date)
    if relative is not None and (not dates or _RELATIVE_GLOSS.search(_before(text, dates[0].span.start))):
        return relative
    if not dates:
        return None
    words = [m.start() for m in lexicon.meeting_words.finditer(text)]
    after_word = [d for d in dates if any(w < d.span.start for w in words)]
    chosen = (after_word or dates)[0]
    if chosen.start == chosen.end and lexicon.two_days_ended.search(_before(text, chosen.span.start)):
        return chosen.start - timedelta(days=1), chosen.end  # "concluded two days of talks on … 13 February"
    return chosen.start, chosen.end




def _other_meetings(text: str, lexicon: Lexicon) -> list[int]:
    """Where the names end of meetings that are not the sentence's own: another organisation's
    ("the G7 Defence Ministers' Meeting in Naples from May 12 to 13") and one that a meeting of the
    sentence prepares ("… ter voorbereiding op de NAVO-top in Vilnius op 11 en 12 juli")."""
    if not lexicon.other_meetings.cue.search(text):
        return []
    return [match.end() for _, pattern in _cued_bodies(text, lexicon) for match in pattern.finditer(text)
            if lexicon.other_meetings.prepared.search(before := _before(text, match.start()))
            or lexicon.other_meetings.organisation.search(before)]


def _dates_that_meeting(text: str, name_end: int, found: DateRange, lexicon: Lexicon) -> bool:
    """Whether a date right after a meeting's name, in the same clause and before any other
    meeting's name, is that meeting's."""
    between = text[name_end:found.span.start] if found.span.start >= name_end else ";"
    return len(between) <= _DATES_IT_CHARS and not _CLAUSE_END.search(between) \
        and not any(pattern.search(between) for _, pattern in _cued_bodies(between, lexicon))


_DATES_IT_CHARS = 60


_RELATIVE_GLOSS = re.compile(r"\b(?:today|yesterday|tomorrow|vandaag|gisteren|morgen)\s*\($", re.IGNORECASE)


def _relative_days(text: str, lexicon: Lexicon, doc_date: date | None) -> Days | None:
    if doc_date is None:
        return None
    for pattern, first, last in lexicon.relative_days:
        if pattern.search(text):
            return doc_date + timedelta(days=first), doc_date + timedelta(days=last)
    return None
