"""English vocabulary: NATO's own communiqués, statements and declarations."""

import re

from app.parsing.lexicon import DecisionRule, Lexicon, OtherMeetings, compile_all
from app.parsing.quick import quick, quick_all

_I = re.IGNORECASE

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
_MONTH = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_MONTH_NAMES = "january|february|march|april|may|june|july|august|september|october|november|december"

# other organisations, whose names hold their capitals; and what a meeting held to prepare another says
# (see OtherMeetings)
_ORGANISATIONS = (r"\b(?:Commonwealth|EU|European\s+Union|G-?7|G-?20|OSCE|ASEAN|African\s+Union|United\s+Nations|UN"
                  r"|Council\s+of\s+Europe|Nordic|Benelux|Weimar)\b")
_PREPARING = r"\b(?:in\s+preparation\s+for|to\s+prepare(?:\s+for)?|in\s+the\s+run-up\s+to)"

_WE = r"\b(?:we|ministers|allies|leaders|the\s+council|heads\s+of\s+state\s+(?:and|or)\s+government)\b"
_ADVERB = r"(?:\s+(?:have|has|also|today|further|jointly|formally|unanimously|therefore|now|all))*"


def _rule(kind: str, verbs: str) -> DecisionRule:
    """"We ... agreed": the verbs (an alternation) are the cues, as far as their first word."""
    cues = tuple(re.split(r"\\s", verb)[0] for verb in verbs.split("|"))
    return DecisionRule(kind, re.compile(rf"{_WE}{_ADVERB}\s+(?:{verbs})\b", _I), cues)  # type: ignore[arg-type]


def _coordinated(kind: str, verbs: str) -> DecisionRule:
    """"Ministers underlined …, and, in response to a request, directed ISAF to …": a decision verb
    in the past tense that goes on a sentence whose subject decides, after ", and"."""
    cues = tuple(verbs.split("|"))
    pattern = rf"{_WE}{_ADVERB}\s+\w+ed\b[^.;:]{{0,200}}?,\s+and,?\s+(?:[^.;:]{{0,120}}?,\s+)?(?:{verbs})\b"
    return DecisionRule(kind, re.compile(pattern, _I), cues)  # type: ignore[arg-type]


# a sentence about the meeting's results that lists them as nouns: "The meeting resulted in the
# approval of …", "The outcomes of the meeting included a decision on …"
_RESULTS = (r"\b(?:(?:the|this|today'?s)\s+(?:(?:informal|ministerial|defen[cs]e|foreign)\s+)?(?:meeting|session|summit"
            r"|ministerial)\s+(?:(?:has|have)\s+)?(?:resulted\s+in|led\s+to|concluded\s+with|produced|delivered)"
            r"|(?:outcomes?|results?)\s+of\s+(?:the|this|today'?s)\s+(?:\w+\s+)?(?:meeting|session|summit|ministerial)\b"
            r"[^.;]{0,40}?\b(?:included|were|was))\b[^.;]{0,160}?\b(?:the\s+|a\s+|an\s+)?")


def _outcome(kind: str, nouns: str) -> DecisionRule:
    """An outcome named by its noun ("the approval of"), in a sentence about the meeting's results."""
    return DecisionRule(kind, re.compile(rf"{_RESULTS}(?:{nouns})\s+(?:of|on|to|for)\b", _I),  # type: ignore[arg-type]
                        tuple(nouns.split("|")))


# Each kind's verbs after a deciding subject ("Ministers agreed"), and those of them in the past
# tense that go on a sentence after ", and" (see _coordinated)
_VERBS: tuple[tuple[str, str, str], ...] = (
    ("decided", r"decided|decide", r"decided"),
    ("agreed", r"agreed|agree|reached\s+agreement|concluded", r"agreed"),
    ("approved", r"approved|approve|endorsed|endorse", r"approved|endorsed"),
    ("adopted", r"adopted|adopt|launched|launch|established|establish|signed|invited|invite",
     r"adopted|launched|established"),
    ("tasked", r"tasked|task|directed|direct|instructed|instruct|mandated|commissioned",
     r"tasked|directed|instructed|mandated|commissioned"),
    ("postponed", r"postponed|postpone|deferred|defer", ""),
)

DECISIONS: tuple[DecisionRule, ...] = (
    *(_rule(kind, verbs) for kind, verbs, _ in _VERBS),
    DecisionRule("decided", re.compile(r"\b(?:it\s+was|has\s+been|have\s+been)\s+(?:decided|agreed)\b", _I),
                 ("decided", "agreed")),
    *(_coordinated(kind, past) for kind, _, past in _VERBS if past),
    _outcome("decided", r"decision|decisions"),
    _outcome("agreed", r"agreement"),
    _outcome("approved", r"approval|endorsement"),
    _outcome("adopted", r"adoption|launch|establishment"),
    # agreement as a state of affairs, and support given to a proposal
    # ("consensus that …" is a view shared, as "agree that" is)
    DecisionRule("agreed", re.compile(r"\bthere\s+(?:was|is)\s+(?:(?:broad|full|general|strong|clear)\s+)?"
                                      r"(?:consensus|agreement)\s+(?:on|to)\b", _I),
                 ("consensus", "agreement")),
    # "Consensus existed among Allies on …", "agreement was reached on …" (not "… that": a view shared)
    DecisionRule("agreed", re.compile(r"\b(?:consensus|agreement)\s+(?:(?:has|had)\s+)?(?:existed|emerged|was\s+reached"
                                      r"|been\s+reached)\b(?![^.;]{0,40}\bthat\b)", _I), ("consensus", "agreement")),
    DecisionRule("agreed", re.compile(rf"{_WE}\s+were\s+(?:of\s+one\s+mind|united|unanimous)\s+(?:on|in|about)\b",
                                      _I), ("mind", "united", "unanimous")),
    DecisionRule("agreed", re.compile(rf"{_WE}{_ADVERB}\s+(?:expressed|voiced|gave|reaffirmed)\s+(?:their\s+)?"
                                      r"(?:(?:full|strong|broad|unanimous)\s+)?support\s+(?:for|to)\s+(?:the\s+|a\s+)?"
                                      # the proposal itself is what is supported, not one of a list
                                      r"(?:(?!(?:and|or|for)\b)[\w'’-]+\s+){0,4}(?:proposals?|plans?|initiative|package)\b",
                                      _I),
                 ("support",)),
    # a passive decision: "Finland and Sweden were invited to join", "the mission's mandate was extended"
    DecisionRule("adopted", re.compile(r"\b(?:was|were|has\s+been|have\s+been)\s+(?:formally\s+)?"
                                       r"(?:invited|established|extended)\b", _I),
                 ("invited", "established", "extended")),
)

NOT_DECISIONS = quick_all(
    r"\b(?:no|not)\s+(?:yet\s+)?(?:agreement|consensus|decision)\b|\bfailed\s+to\s+agree\b",
    r"\b(?:will|would|should|could|may|might|must)\s+(?:\w+\s+)?(?:decide|agree|approve|adopt|endorse|task)\b",
    r"\b(?:expected|intend|look\s+forward)\s+to\b",
    r"\bagree\s+that\b",  # a view shared, not a decision taken
    r"^(?:At|In|Since)\s+(?:the\s+|our\s+)?(?:\w+\s+){0,3}(?:Summit|meeting)\b",
    # a place's name is capitalised: "In Wales, we agreed", not "In addition, we agreed" (the rules ignore case)
    r"^(?:At|In|Since)\s+(?:(?-i:[A-Z])\w+)(?:\s+(?:and|&)\s+(?-i:[A-Z])\w+)?,\s+(?:we|Allies)\b",
    r"^(?:In|Since)\s+(?:\w+\s+)?\d{4}\b",
    r"\b(?:last\s+year|previously|earlier\s+this\s+year)\b",
    r"\b(?:at|during|in)\s+(?:our|the|its|their)\s+(?:last|previous|earlier|recent|past)\s+(?:meeting|summit|session)",
    r"\b(?:agreed|decided|approved|adopted|endorsed|launched)\s+(?:at|in)\s+(?:the\s+)?(?-i:[A-Z])\w+(?:\s+Summit)?\b",
    r"\bconcluded\s+(?:\w+\s+){0,3}(?:talks|meetings?|sessions?|discussions|visit|summit)\b",  # the meeting ended
    # a decision recalled in a relative clause, or a historic act dated
    r"\b(?:which|that|when)\s+(?:\w+\s+){0,3}(?:was|were)\s+(?:decided|agreed|signed|established|founded)\b",
    r"\b(?:established|signed|founded|created|extended)\s+(?:in|on)\s+(?:\d{1,2}\s+\w+\s+)?(?:19|20)\d{2}\b",
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
    document_date=quick_all(
        rf"\bIssued\s+on\s*:?\s+(?P<date>\d{{1,2}}\s+{_MONTH}\s+\d{{4}})",
        rf"\bissued\s+(?:on\s+)?(?P<date>{_MONTH}\s+\d{{1,2}},?\s+\d{{4}})",
        r"^\s*date\s+(?P<date>\d{4}-\d{2}-\d{2})\b",  # a scraped page's stamp: "date 2022-03-17"
        # a release's dateline, after its label or not ("News release April 2, 2024 - Ottawa, Ontario"),
        # and the date that ends a byline block ("Remarks / Antony J. Blinken, Secretary of State /
        # Riga, Latvia / December 1, 2021"; a sentence that ends in a date ends in a full stop). The
        # lookahead finds the form's shape before the months are tried, which would cost a try of
        # every month at every word of the head
        rf"\b(?=[a-z]{{3,9}}\.?\s+\d{{1,2}},\s+\d{{4}})(?P<date>(?:{_MONTH})\s+\d{{1,2}},\s+\d{{4}})"
        r"(?:\s+[-–]\s+(?-i:[A-Z])|$)",
        rf"^(?:•\s*)?(?P<date>\d{{1,2}}\s+{_MONTH}\s+\d{{4}})\s*-?$",
        r"^Updated:\s*(?P<date>\d{1,2}-[A-Za-z]{3}-\d{4})\b",
        flags=_I | re.MULTILINE,  # searched in the head joined line by line
    ),
    document_date_cue=quick(r"(?:Issued\s+on:?|Last\s+updated:?|Updated:?|^•?)\s*$", _I),
    cited_date_cue=quick(
        r"(?:letter|communiqu[eé]|statement|declaration|report|note)\s+(?:of|dated|from)\s+(?:the\s+)?$"
        r"|\b(?:dated|signed|founded|accession\s+to\s+\w+\s+on|joined\s+\w+\s+on)\s+(?:on\s+)?$", _I),
    month_year=quick(rf"\b(?P<month>{_MONTH_NAMES})\s+(?P<year>(?:19|20)\d{{2}})\b", _I),
    text_starts=compile_all(
        r"^(?:Final\s+communiqu|Communiqu|Declaration|Statement|Press\s+(?:conference|release|point)"
        r"|News\s+release|Opening\s+(?:statement|remarks)|Remarks\s+by|Speech\s+by|Written\s+(?:answers?|statement))\b",
        r"^(?:(?-i:[A-Z])[\w'’.-]*\s+){1,3}Summit\s+Declaration\b",  # the title line, not one named in prose
        r"^§\s*\d",  # Hansard's numbered contribution
    ),
    title_line=quick(r"^(?P<subject>)(?P<title>(?:\S+\s+){0,8}(?:Summit\s+Declaration|Final\s+Communiqu[eé]|Communiqu[eé]"
                          r"|Declaration|Joint\s+Statement|Chair'?s\s+Statement)\b(?:\s+\S+){0,12})$", _I),
    letterhead=compile_all(
        r"^[•|]?\s*(?:Press\s+Release\s+\(|\|)",
        r"^(?:Ministry\s+of|Department\s+of|Global\s+Affairs|Government\s+of|Embassy\s+of|Permanent\s+"
        r"(?:Mission|Representation)|Prime\s+Minister'?s\s+Office|NATO\s+Press\s+Releases?|NATO\s+Update|News\s+release"
        r"|Press\s+Release(?:\s+No\.?\s*\S+)?(?:\s+\S+)?|Press\s+conference|\(As\s+delivered\)|Quotes|Quick\s+facts"
        r"|Opening\s+(?:statement|remarks)|Speech|Remarks|Events)\s*$",
        r"^(?:by|By)\s+(?:Mr|Mrs|Ms|NATO|the)\b",
        r"^Issued\s+(?:on|by)\b",
        r"^\(Source:",
        r"^Press\s+Release\s+(?:\(\d{4}\)|No\.)",
    ),
    body_cues={
        "other": ("foreign",), "summit": ("summit", "heads", "leader"), "defence_ministers": ("defen", "nuclear"),
        "foreign_ministers": ("foreign", "atlantic"),
    },
    bodies=(
        ("other", re.compile(
            r"\bForeign\s+and\s+Defen[cs]e\s+Ministers?\b|\bMinisters?\s+of\s+Foreign\s+Affairs\s+and\s+(?:(?:of|NATO)\s+)*"
            r"Ministers?\s+of\s+Defen[cs]e\b|\bDefen[cs]e\s+and\s+Foreign\s+Ministers?\b", _I)),
        ("summit", re.compile(
            r"\bSummit\b|\bHeads\s+of\s+State\s+and\s+(?:\w+\s+)?Government\b|\bLeaders'?\s*(?:’\s*)?Meeting\b"
            r"|\b(?:Allied|NATO)\s+leaders\s+(?:will\s+)?(?:meet|met|gather)", _I)),
        ("defence_ministers", re.compile(
            r"\bDefen[cs]e\s+Ministers?\b|\bMinisters?\s+of\s+Defen[cs]e\b|\blevel\s+of\s+Defen[cs]e\b"
            r"|\bDefen[cs]e\s+Ministerials?\b|\bDefen[cs]e\s+Planning\s+Committee\b|\bNuclear\s+Planning\s+Group\b"
            r"|\bDefen[cs]e\s+(?:Secretary|Secretaries)\s+(?:meets?|met|attend)", _I)),
        ("foreign_ministers", re.compile(
            r"\bForeign\s+(?:Affairs\s+)?Ministers?\b|\bMinisters?\s+of\s+Foreign\s+Affairs\b"
            r"|\blevel\s+of\s+Foreign\b|\bForeign\s+Ministerials?\b"
            r"|\bMinisterial\s+(?:meeting|session)\s+of\s+the\s+North\s+Atlantic\s+Council\b"
            r"|\bNorth\s+Atlantic\s+Council\s+(?:met\s+)?in\s+(?:Foreign\s+)?Ministerial\s+Session\b", _I)),
    ),
    unqualified_body=quick(r"\bNATO\s+(?:[Mm]inisterial|[Ii]nformal)\b|\bMinisterial\s+(?:meeting|session)\b"),
    not_the_meeting=quick(
        r"(?:preparations?\s+for|ahead\s+of|run-up\s+to|since|decisions\s+(?:taken|made)\s+at|agreed\s+at|between"
        r"|by\s+the\s+time\s+of|look(?:s|ing)?\s+forward\s+to|after|follow(?:ing|-up\s+to)|building\s+on"
        r"|(?:at|in|of)\s+(?:the|our)\s+(?:last|previous|next|upcoming|forthcoming|recent)|until|before|towards?)"
        r"\s+(?:the\s+|our\s+|this\s+year'?s\s+)?(?:\w+\s+){0,2}$", _I),
    other_meetings=OtherMeetings.of(
        _ORGANISATIONS, _PREPARING, nouns=r"meeting|gathering|dinner|mini-summit",
        articles=r"the\s+|this\s+year'?s\s+"),
    coming=re.compile(r"\b(?:upcoming|forthcoming|next|coming)\s+(?:\w+\s+){0,2}$", _I),
    letter_senders=(),
    portfolios=(
        ("defence_ministers", re.compile(
            r"\b(?:Minister\s+(?:of|for)\s+(?:National\s+)?Defen[cs]e|Defen[cs]e\s+(?:Minister|Secretary)"
            r"|Secretary\s+of\s+(?:State\s+for\s+)?Defen[cs]e)\b", _I)),
        ("foreign_ministers", re.compile(
            r"\b(?:Minister\s+(?:of|for)\s+Foreign\s+Affairs|Foreign\s+(?:Minister|Secretary)"
            r"|Secretary\s+of\s+State\s+for\s+Foreign)\b", _I)),
    ),
    kinds=(
        # a scraped page may have lost the é: "Final Communiqu"
        ("communique", quick(r"\bcommuniqu(?:[eé]\b|(?![\w�]))|\bdeclaration\b", _I)),
        ("statement", quick(r"\bstatement\b|\bchair'?s\s+conclusions\b", _I)),
    ),
    no_meeting=quick(r"\bWritten\s+(?:Answers?|Questions?)\b(?!\s+statement)", _I),
    debate_markers=re.compile(
        r"asked\s+(?:the\s+)?(?:Secretary\s+of\s+State|Minister|Prime\s+Minister|Chancellor"
        r"|(?:Her|His)\s+Majesty'?s\s+Government)\b", re.MULTILINE),
    debate_cues=("asked",),
    statement_kinds=quick(
        r"^(?:Press\s+conference|Opening\s+(?:statement|remarks)|(?:Doorstep\s+)?(?:Remarks|Speech|Statement)\s+by"
        r"|(?:Remarks|Speech)(?=\s+(?-i:[A-Z]))(?!\s+(?:of|on|to|at)\b)"  # a type line above its speaker's name
        r"|[^.]{0,80}?(?:\b(?:opening|closing|introductory)\s+remarks|\bpress\s+conference|\bspeech)\s+(?:by|at)\b[^.]*$"
        r"|Doorstep|Joint\s+press\s+(?:point|conference)|Transcript|Keynote)\b", _I),
    announces=quick(r"\b(?:will|shall|is\s+to|are\s+to|to\s+attend|to\s+travel|travel(?:s|ling)?\s+to)\b", _I),
    informal=quick(r"\binformal\b", _I),
    virtual=quick(
        r"\b(?:by|via|through)\s+(?:secure\s+)?(?:video|VTC)|\bvideo[- ]?(?:tele)?conferenc|\bvirtual(?:ly)?\b"
        r"|\bVTC\b|\bteleconferenc|\bonline\s+meeting", _I),
    joined_remotely=re.compile(r"\b(?:joined|participated|addressed|took\s+part)\b", _I),
    meeting_words=quick(
        r"\b(?:meeting|meetings|met|meet|meets|summit|session|held|gather(?:ed)?|ministerial)\b", _I),
    meeting_talk=quick(r"\b(?:discuss(?:ed|es|ion|ions)?|meet|met|meeting|session|talks|address)\b", _I),
    here=quick(r"\bhere\s+(?:in|at)\s+", _I),
    # one minister's office ("…, Minister of Foreign Affairs, will attend the NATO Summit") names the
    # person: it gives the body only where no meeting is named besides
    office=re.compile(r"\bMinister\b(?!s|ial)", _I),
    two_days_ended=quick(r"\b(?:concluded|ended|closed|wrapped\s+up|after)\s+(?:\w+\s+)?two\s+days\b", _I),
    relative_days=(
        (quick(r"\byesterday\s+and\s+today\b", _I), -1, 0),
        (quick(r"\btoday\s+and\s+tomorrow\b", _I), 0, 1),
        (quick(r"\btomorrow\s+and\s+the\s+day\s+after\b", _I), 1, 2),
        # a meeting's day named by its place, by a speaker on that day ("we have just concluded the
        # first day"; a report written later that recalls "the last day" is not read so)
        (quick(r"\b(?:just|today|this\s+is|here\s+on)\b[^.]{0,40}?\b(?:second|final|last|closing)\s+day\b", _I),
         -1, 0),
        (quick(r"\b(?:just|today|this\s+is|here\s+on)\b[^.]{0,40}?\b(?:first|opening)\s+day\b", _I), 0, 1),
        (quick(r"\b(?:just|today)\s+(?:concluded|finished|completed|wrapped\s+up)\s+two\s+days\s+of\b", _I),
         -1, 0),
        (quick(r"(?<!from\s)\btoday\b", _I), 0, 0),
        (quick(r"\bthis\s+(?:morning|afternoon|evening)\b|\btonight\b", _I), 0, 0),
        (quick(r"\btomorrow\b", _I), 1, 1),
        (quick(r"\byesterday\b", _I), -1, -1),
    ),
    not_headings=compile_all(
        r"^(?:Final\s+communiqu(?:[eé]\b|(?![\w�]))|(?:Statement|Declaration|Press\s+Release|Issued|Last\s+updated)\b)",
        r"^(?:Meeting|Chair'?s|Joint)\b",
    ),
    decisions=DECISIONS,
    not_decisions=NOT_DECISIONS,
    deciders=re.compile(rf"{_WE}{_ADVERB}\s*:?$", _I),
    bare_decisions=(
        ("decided", re.compile(r"decided\b", _I)),
        ("agreed", re.compile(r"agreed\b", _I)),
        ("approved", re.compile(r"(?:approved|endorsed)\b", _I)),
        ("adopted", re.compile(r"(?:adopted|launched|established|signed|invited)\b", _I)),
        ("tasked", re.compile(r"(?:tasked|directed|instructed|mandated|commissioned)\b", _I)),
        ("postponed", re.compile(r"(?:postponed|deferred)\b", _I)),
    ),
    member_names=_MEMBER_NAMES,
    abbreviations=frozenset(
        "Mr. Mrs. Ms. Dr. Prof. St. Gen. Lt. Col. Rt. Hon. hon. H.E. No. Nos. vs. e.g. i.e. etc. Art. para. "
        "Jan. Feb. Mar. Apr. Jun. Jul. "
        "Aug. Sep. Sept. Oct. Nov. Dec. U.S. U.K.".split()
    ),
)
