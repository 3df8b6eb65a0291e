"""English vocabulary: NATO's own communiqués, statements and declarations."""

import re

from app.parsing.lexicon import DecisionRule, Lexicon, compile_all

_I = re.IGNORECASE

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
_MONTH = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"

_WE = r"\b(?:we|ministers|allies|leaders|the\s+council|heads\s+of\s+state\s+and\s+government)\b"
_ADVERB = r"(?:\s+(?:have|has|also|today|further|jointly|formally|unanimously|therefore|now|all))*"


def _rule(kind: str, verbs: str) -> DecisionRule:
    """"We ... agreed": the verbs (an alternation) are the cues, as far as their first word."""
    cues = tuple(re.split(r"\\s", verb)[0] for verb in verbs.split("|"))
    return DecisionRule(kind, re.compile(rf"{_WE}{_ADVERB}\s+(?:{verbs})\b", _I), cues)  # type: ignore[arg-type]


DECISIONS: tuple[DecisionRule, ...] = (
    _rule("decided", r"decided|decide"),
    _rule("agreed", r"agreed|agree|reached\s+agreement|concluded"),
    _rule("approved", r"approved|approve|endorsed|endorse"),
    _rule("adopted", r"adopted|adopt|launched|launch|established|establish|signed|invited|invite"),
    _rule("tasked", r"tasked|task|directed|direct|instructed|instruct|mandated|commissioned"),
    _rule("postponed", r"postponed|postpone|deferred|defer"),
    DecisionRule("decided", re.compile(r"\b(?:it\s+was|has\s+been|have\s+been)\s+(?:decided|agreed)\b", _I),
                 ("decided", "agreed")),
)

NOT_DECISIONS = compile_all(
    r"\b(?:no|not)\s+(?:yet\s+)?(?:agreement|consensus|decision)\b|\bfailed\s+to\s+agree\b",
    r"\b(?:will|would|should|could|may|might|must)\s+(?:\w+\s+)?(?:decide|agree|approve|adopt|endorse|task)\b",
    r"\b(?:expected|intend|look\s+forward)\s+to\b",
    r"^(?:At|In|Since)\s+(?:the\s+|our\s+)?(?:\w+\s+){0,3}(?:Summit|meeting)\b",
    r"^(?:At|In|Since)\s+(?:[A-Z]\w+)(?:\s+(?:and|&)\s+[A-Z]\w+)?,\s+(?:we|Allies)\b",
    r"^(?:In|Since)\s+(?:\w+\s+)?\d{4}\b",
    r"\b(?:last\s+year|previously|earlier\s+this\s+year)\b",
)

_MEMBER_NAMES = {
    "Belgium": "BEL", "Belgian": "BEL",
    "Canada": "CAN", "Canadian": "CAN",
    "Denmark": "DNK", "Danish": "DNK",
    "France": "FRA", "French": "FRA",
    "Iceland": "ISL", "Icelandic": "ISL",
    "Italy": "ITA", "Italian": "ITA",
    "Luxembourg": "LUX", "Luxembourgish": "LUX",
    "the Netherlands": "NLD", "Netherlands": "NLD", "Dutch": "NLD",
    "Norway": "NOR", "Norwegian": "NOR",
    "Portugal": "PRT", "Portuguese": "PRT",
    "United Kingdom": "GBR", "UK": "GBR", "British": "GBR", "Britain": "GBR", "Great Britain": "GBR",
    "United States": "USA", "United States of America": "USA", "US": "USA", "U.S.": "USA", "American": "USA",
    "Greece": "GRC", "Greek": "GRC",
    "Türkiye": "TUR", "Turkey": "TUR", "Turkish": "TUR",
    "Germany": "DEU", "German": "DEU",
    "Spain": "ESP", "Spanish": "ESP",
    "Czech Republic": "CZE", "Czechia": "CZE", "Czech": "CZE",
    "Hungary": "HUN", "Hungarian": "HUN",
    "Poland": "POL", "Polish": "POL",
    "Bulgaria": "BGR", "Bulgarian": "BGR",
    "Estonia": "EST", "Estonian": "EST",
    "Latvia": "LVA", "Latvian": "LVA",
    "Lithuania": "LTU", "Lithuanian": "LTU",
    "Romania": "ROU", "Romanian": "ROU",
    "Slovakia": "SVK", "Slovak": "SVK", "Slovakian": "SVK",
    "Slovenia": "SVN", "Slovenian": "SVN",
    "Albania": "ALB", "Albanian": "ALB",
    "Croatia": "HRV", "Croatian": "HRV",
    "Montenegro": "MNE", "Montenegrin": "MNE",
    "North Macedonia": "MKD", "the former Yugoslav Republic of Macedonia": "MKD",
    "Finland": "FIN", "Finnish": "FIN",
    "Sweden": "SWE", "Swedish": "SWE",
}

LEXICON = Lexicon(
    language="en",
    stopwords=frozenset(
        "the of and to that with for is are was were we our on this these by from as be has have "
        "will its their which at".split()
    ),
    months=MONTHS,
    weekdays="monday|tuesday|wednesday|thursday|friday|saturday|sunday",
    range_words=r"and|to|until|through|-|–|—",
    past_marker=re.compile(r"^\s*(?:last)\b", _I),
    future_marker=re.compile(r"^\s*(?:next)\b", _I),
    document_date=compile_all(
        rf"\bIssued\s+on\s*:?\s+(?P<date>\d{{1,2}}\s+{_MONTH}\s+\d{{4}})",
        rf"^(?:•\s*)?(?P<date>\d{{1,2}}\s+{_MONTH}\s+\d{{4}})\s*-?$",
    ),
    document_date_cue=re.compile(r"(?:Issued\s+on:?|Last\s+updated:?|^•?)\s*$", _I),
    bodies=(
        ("summit", re.compile(
            r"\bSummit\b|\bHeads\s+of\s+State\s+and\s+Government\b|\bLeaders'?\s*(?:’\s*)?Meeting\b", _I)),
        ("defence_ministers", re.compile(
            r"\bDefen[cs]e\s+Ministers?\b|\bMinisters?\s+of\s+Defen[cs]e\b|\blevel\s+of\s+Defen[cs]e\b", _I)),
        ("foreign_ministers", re.compile(
            r"\bForeign\s+(?:Affairs\s+)?Ministers?\b|\bMinisters?\s+of\s+Foreign\s+Affairs\b"
            r"|\blevel\s+of\s+Foreign\b", _I)),
    ),
    not_the_meeting=re.compile(
        r"(?:preparation\s+for|ahead\s+of|since|decisions\s+(?:taken|made)\s+at|between)\s+(?:the\s+|our\s+)?"
        r"(?:\w+\s+){0,2}$", _I),
    letter_senders=(),
    kinds=(
        ("communique", re.compile(r"\bcommuniqu[eé]\b|\bdeclaration\b", _I)),
        ("statement", re.compile(r"\bstatement\b|\bchair'?s\s+conclusions\b", _I)),
    ),
    no_meeting=re.compile(r"(?!x)x"),
    informal=re.compile(r"\binformal\b", _I),
    virtual=re.compile(r"\b(?:by|via|through)\s+(?:secure\s+)?video|\bvideo[- ]?conference|\bvirtual(?:ly)?\b", _I),
    joined_remotely=re.compile(r"\b(?:joined|participated|addressed|took\s+part)\b", _I),
    meeting_words=re.compile(r"\b(?:meeting|met|summit|session|held)\b", _I),
    relative_meeting_days=(
        (re.compile(r"\bmet\s+(?:here\s+)?(?:in\s+\w+\s+)?yesterday\s+and\s+today\b", _I), 1, 0),
        (re.compile(r"\bmet\s+(?:here\s+)?(?:in\s+\w+\s+)?today\b", _I), 0, 0),
        (re.compile(r"\bmet\s+(?:here\s+)?(?:in\s+\w+\s+)?yesterday\b", _I), 1, 1),
    ),
    not_headings=compile_all(
        r"^(?:Final\s+communiqu[eé]|Statement|Declaration|Press\s+Release|Issued|Last\s+updated)\b",
        r"^(?:Meeting|Chair'?s|Joint)\b",
    ),
    decisions=DECISIONS,
    not_decisions=NOT_DECISIONS,
    member_names=_MEMBER_NAMES,
    abbreviations=frozenset(
        "Mr. Mrs. Ms. Dr. Prof. St. No. Nos. vs. e.g. i.e. etc. Art. para. Jan. Feb. Mar. Apr. Jun. Jul. "
        "Aug. Sep. Sept. Oct. Nov. Dec. U.S. U.K.".split()
    ),
)
