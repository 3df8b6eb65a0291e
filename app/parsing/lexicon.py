"""The shape of a language's rule set; lexicon_nl and lexicon_en fill it in."""

import re
from dataclasses import dataclass
from functools import cache

from app.parsing.quick import Quick, quick
from app.parsing.records import Body, DecisionKind, DocumentKind


@dataclass(frozen=True)
class DecisionRule:
    """A pattern that marks a sentence as a decision of a given kind.

    `cues` are lower-case words of which every match of the pattern contains one: a sentence
    without any of them is not searched with the pattern (most sentences have none)."""

    kind: DecisionKind
    pattern: re.Pattern[str]
    cues: tuple[str, ...]


@dataclass(frozen=True)
class OtherMeetings:
    """What stands just before a body's name when the meeting is not the sentence's own: another
    organisation's ("the Commonwealth Foreign Affairs Ministers Meeting", "EU-ministers"), or the one
    a meeting of the sentence is held to prepare ("een bijeenkomst op het Catshuis ter voorbereiding
    op de NAVO-top"), which is itself no NATO body's meeting."""

    organisation: Quick
    prepared: Quick
    cue: Quick  # where either may match: a quick test of the whole sentence

    @classmethod
    def of(cls, organisations: str, preparing: str, nouns: str, articles: str) -> "OtherMeetings":
        """From a language's words: the organisations' names (they hold their capitals), what a
        preparing meeting says, the nouns of a meeting, and the articles before a name."""
        return cls(
            quick(rf"{organisations}(?:-|\s+(?:\w+\s+)?)$"),
            quick(rf"\b(?:{nouns})\b[^.;:]{{0,60}}?{preparing}\s+(?:{articles})?(?:\w+\s+){{0,2}}$",
                  re.IGNORECASE),
            quick(rf"{organisations}|(?i:{preparing})"),
        )


@dataclass(frozen=True, eq=False)  # hashed by identity: one instance per language
class Lexicon:
    """Everything language-specific the parser needs."""

    language: str
    stopwords: frozenset[str]
    months: dict[str, int]
    weekdays: str  # regex alternation
    range_words: str  # regex alternation joining the two days of a range
    past_marker: re.Pattern[str]  # "jl." after a date: the date lies before the document
    future_marker: re.Pattern[str]  # "a.s." after a date: the date lies after it
    document_date: tuple[Quick, ...]  # group "date" holds the document's own date
    document_date_cue: Quick  # what stands right before the document's own date
    cited_date_cue: Quick  # what stands right before a cited document's date ("brief van", "d.d.")
    month_year: Quick  # "maart 2011" in a title: groups month, year
    text_starts: tuple[re.Pattern[str], ...]  # where a document's own text starts, after a page's chrome
    title_line: Quick  # a line that prints the title: group "title"
    letterhead: tuple[re.Pattern[str], ...]  # letterhead, sender and site lines: never a title
    body_cues: dict[Body, tuple[str, ...]]  # lower-case: every name of the body holds one (a quick test)
    bodies: tuple[tuple[Body, re.Pattern[str]], ...]  # the longest match that stands first wins
    unqualified_body: Quick  # "NATO ministerial" without a portfolio: the sender tells
    not_the_meeting: Quick  # text just before a body name that refers to another meeting
    other_meetings: "OtherMeetings"  # names of meetings that are not the sentence's own
    coming: re.Pattern[str]  # text just before a body name: a coming meeting ("the upcoming"), a preview's own
    letter_senders: tuple[tuple[Body, re.Pattern[str]], ...]  # a letterhead naming the sending minister
    portfolios: tuple[tuple[Body, re.Pattern[str]], ...]  # one minister's office: the body he or she sits in
    kinds: tuple[tuple[DocumentKind, Quick], ...]  # first match wins
    no_meeting: Quick  # a title or type line of a document about no meeting (a debate record)
    debate_markers: re.Pattern[str]  # a paragraph that only a debate record or a written answer opens with
    debate_cues: tuple[str, ...]  # lower-case: every debate marker holds one (a substring test tells most texts)
    statement_kinds: Quick  # remarks, press conferences, speeches: statements
    announces: Quick  # a sentence that announces a coming meeting ("will attend", "zal")
    informal: Quick
    virtual: Quick
    joined_remotely: re.Pattern[str]  # one participant by video does not make the meeting virtual
    meeting_words: Quick
    meeting_talk: Quick  # what a sentence about the meeting's sessions says ("discuss")
    here: Quick  # "here in": the place a speaker stands
    office: re.Pattern[str]  # one minister's office in a body's name: names a person, not the meeting
    two_days_ended: Quick  # before a single date that ends two days of meeting ("concluded two days")
    relative_days: tuple[tuple[Quick, int, int], ...]  # first and last day, from the doc's date
    not_headings: tuple[re.Pattern[str], ...]
    decisions: tuple[DecisionRule, ...]
    not_decisions: tuple[Quick, ...]
    deciders: re.Pattern[str]  # a list's lead-in that names who decided ("we have also:")
    bare_decisions: tuple[tuple[DecisionKind, re.Pattern[str]], ...]  # a list item's opening verb
    member_names: dict[str, str]  # surface form -> ISO3
    abbreviations: frozenset[str]  # tokens ending in "." that do not end a sentence


def compile_all(*patterns: str, flags: int = re.IGNORECASE) -> tuple[re.Pattern[str], ...]:
    """Compile several patterns with the same flags."""
    return tuple(re.compile(p, flags) for p in patterns)


@cache
def any_of(patterns: tuple[re.Pattern[str], ...]) -> re.Pattern[str]:
    """One pattern matching where any of these (compiled with the same flags) would: a line is
    tried once, not once per pattern."""
    flags = {p.flags for p in patterns}
    if len(flags) != 1:
        raise ValueError("any_of needs patterns compiled with the same flags")
    return re.compile("|".join(f"(?:{p.pattern})" for p in patterns), flags.pop())
