"""Topics: what a document, an agenda item or a decision is about, from app/data/topics.csv.

Rules in both languages: for each topic, the names, acronyms, programmes and Dutch compounds
that say it. A document covers a topic when its cues weigh enough: a cue in a heading or the
title weighs most, one in a decision more than one in passing, and a long text needs more
than one passing mention. Letterhead, a page's chrome and the list of papers a debate record
names are not read.
"""

import re
from collections import Counter
from collections.abc import Iterable
from functools import cache

from app.parsing.records import Span

# slug -> cues (one regular expression, case-insensitive unless a cue says otherwise)
CUES: dict[str, str] = {
    "russia": r"rusland|russi(?:a|an|sche?)|sovjet|soviet|moskou|moscow|kremlin|poetin|putin|founding\s+act"
              r"|oost[-/]west|east[-/]west|warschaupact|warsaw\s+pact",
    "ukraine": r"oekra[iï]n|ukrain|kyiv|kiev|kyjiv|zelensk|nsatu|udcg|(?-i:NUC)\b",
    "georgia": r"georgi[eë]|georgia|tbilisi",
    "western-balkans": r"balkan|kosovo|kfor|bosni[eë]|bosnia|servi[eë]|serbia|(?-i:SFOR|IFOR)\b|macedoni|montenegr"
                       r"|belgrad|pristina|sarajevo",
    "afghanistan": r"afghan|(?-i:ISAF)|resolute\s+support|uruzgan|taliban|kabul",
    "iraq": r"\birak\b|\biraq|(?-i:NMI|NTM-I)\b",
    "the-south": r"midden-oosten|middle\s+east|noord-afrika|north\s+africa|sahel|syri[eë]|syria|libi[eë]|libya"
                 r"|\bgaza\b|zuidflank|southern\s+(?:flank|neighbourhood|neighborhood)|unified\s+protector"
                 r"|\bmigrat|(?-i:the\s+South|het\s+Zuiden)\b",
    "china": r"\bchina\b|\bchinese?\b|\bchinees|\bbeijing|\bpeking",
    "arctic-and-north": r"arctic|arctisch|high\s+north|hoge\s+noorden|groenland|greenland",
    "enlargement": r"uitbreiding|enlargement|open[- ](?:door|deur)|toetred|accession|aspirant|membership\s+action"
                   r"|(?-i:MAP)\b|lidmaatschap|membership|artikel\s+10|article\s+10|new\s+(?:member|all(?:y|ies))"
                   r"|as\s+an\s+ally|nieuwe\s+bondgeno",
    "partnerships": r"partnerships?\b|partnerschap|partnerlanden|partners\s+across|global\s+partners"
                    r"|(?-i:PfP|EAPC|IP4)\b|mediterran\w*\s+dialo|istanbul\s+cooperation|indo-pacif"
                    r"|capacity[- ]building|verenigde\s+naties|united\s+nations|(?-i:VN|UN|OSCE|OVSE)\b"
                    r"|african\s+union|afrikaanse\s+unie",
    "eu-nato": r"(?-i:EU)[- ](?:NAVO|NATO)|(?:NAVO|NATO)[- ](?-i:EU)\b"
               r"|(?:NATO|NAVO)\s+(?:and|en)\s+(?:the\s+|de\s+)?(?-i:EU)\b|(?-i:EU)\s+(?:and|en)\s+(?:NATO|(?:de\s+)?NAVO)|(?:with|met)\s+(?:the\s+|de\s+)?(?-i:EU)\b"
               r"|(?-i:PESCO|EDF)\b|berlin\s+plus|berlijn\s+plus",
    "transatlantic-relations": r"trans-?atlanti\w*\s+(?:relati|betrekkingen|verhouding)",
    "deterrence-and-defence": r"afschrikking|deterren|verdedigingsplan|defence\s+plans|forward\s+presence"
                              r"|(?-i:eFP|RAP|NRF|VJTF)\b|readiness\s+action|response\s+force|assurance\s+measures"
                              r"|defen[cs]e\s+posture|military\s+mobility|militaire\s+mobiliteit|air\s+policing"
                              r"|oostflank|eastern\s+flank|strengthen\w*\s+(?:our\s+)?collective\s+defen",
    "nuclear": r"nucle|kernwap|(?-i:NPG)\b",
    "missile-defence": r"missile\s+defen|raketverdediging|raketschild|(?-i:BMD)\b",
    "arms-control": r"arms\s+control|wapenbeheersing|ontwapening|disarmament|non-?proliferat|(?-i:INF|CFE|NPT|MBFR"
                    r"|SALT)\b|new\s+start|open\s+skies",
    "capabilities": r"capaciteit|capabilit|defen[cs]e\s+planning(?!\s+committee)|defensieplanning|(?-i:NDPP)\b"
                    r"|force\s+goals"
                    r"|smart\s+defen|defensie-?industrie|defen[cs]e\s+industr|munitie|ammunition|transformat"
                    r"|interoperab|ministerial\s+guidance|framework\s+nation|force\s+generation",
    "defence-spending": r"defensie-?uitgaven|defen[cs]e\s+(?:spending|expenditure|investment)|burden[- ]sharing"
                        r"|lastenverdeling|\d(?:[.,]\d)?\s?(?:%|procent|per\s?cent)|fair\s+share|free\s+ride"
                        r"|common\s+funding|defensiebudget|defence\s+budget|investment\s+in\s+(?:our\s+)?defen",
    "terrorism": r"terror|(?-i:ISIL|ISIS|Daesh|DAESH)|9/11|extremis",
    "cyber-and-space": r"cyber|\bspace\b|\bruimte(?:vaart|domein)?\b",
    "hybrid-and-disinformation": r"hybrid|hybride|desinformatie|disinformation|propaganda|sabota|interference"
                                 r"|inmenging",
    "maritime-security": r"maritie|maritime|naval|active\s+endeavour|sea\s+guardian|ocean\s+shield|pirat|aegean"
                         r"|egeïsche",
    "resilience": r"weerbaarheid|resilien|civil\s+preparedness|civiele\s+paraatheid|critical\s+infrastructure"
                  r"|vitale\s+infrastructuur|kritieke\s+infrastructuur|energy\s+security|energiezekerheid"
                  r"|supply\s+chains?",
    "climate-and-security": r"klimaat|climate",
    "covid-19": r"covid|corona|pandemi",
    "innovation-and-emerging-technologies": r"innovati(?:on|e)\b|emerging\s+(?:and\s+disruptive\s+)?technolog"
                                            r"|opkomende\s+technolog|artificial\s+intelligence"
                                            r"|kunstmatige\s+intelligentie|(?-i:DIANA)\b|technological\s+edge"
                                            r"|technologische\s+voorsprong|quantum",
    "crisis-management-and-operations": r"crisis\s?management|crisisbeheersing|comprehensive\s+approach"
                                        r"|stabilisation|stabilisatie|humanitarian\s+(?:assistance|aid|relief)"
                                        r"|disaster\s+relief|rampenhulp|darfur"
                                        r"|(?:navo|nato)-(?:missies|operaties)|missions\s+and\s+operations"
                                        r"|missies\s+en\s+operaties",
    "women-peace-and-security": r"\b1325\b|women,?\s+peace|vrouwen,?\s+vrede|gender|sexual\s+violence"
                                r"|protection\s+of\s+civilians",
    "strategic-concept": r"strategic\s+concept|strategisch\s+concept|group\s+of\s+experts|expertgroep"
                         r"|commissie-albright",
    "nato-adaptation": r"(?:nato|navo)\s?2030|(?:alliance|nato)'?s?\s+adaptation|adaptation\s+of\s+(?:the\s+)?"
                       r"(?:alliance|nato)|hervorming|\breform|command\s+structure|reflect(?:ion|ie)\w*"
                       r"|commandostructuur|political\s+role|politieke\s+rol|future\s+of\s+(?:the|our)\s+alliance"
                       r"|toekomst\s+van\s+de\s+(?:navo|alliantie)|agencies|headquarters\s+reform|new\s+headquarters",
}
SLUGS: tuple[str, ...] = tuple(CUES)

HEADING_WEIGHT = 3  # a cue in a heading or title: the section or document is about it
DECISION_WEIGHT = 2
PASSING_WEIGHT = 1
SHORT_TEXT = 12000  # characters: a press release or a letter names a subject once
LONG_TEXT_NEEDS = 2  # what a longer text must weigh for a topic


@cache
def _pattern() -> re.Pattern[str]:
    """One pattern for all topics, a named group each: the text is scanned once."""
    groups = "|".join(f"(?P<{slug.replace('-', '_')}>{cue})" for slug, cue in CUES.items())
    return re.compile(groups, re.IGNORECASE)


_GROUP_SLUG = {slug.replace("-", "_"): slug for slug in CUES}


def find_cues(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """(offset, slug) of every topic cue in `text[start:end]`."""
    return [(m.start(), _GROUP_SLUG[m.lastgroup]) for m in _pattern().finditer(text, start, end) if m.lastgroup]


def topics_in(cues: list[tuple[int, str]], span: Span) -> tuple[str, ...]:
    """The topics whose cues stand inside `span`, in the vocabulary's order."""
    found = {slug for at, slug in cues if span.start <= at < span.end}
    return tuple(slug for slug in SLUGS if slug in found)


def document_topics(
    cues: list[tuple[int, str]], strong: Iterable[Span], decisions: Iterable[Span], skipped: Iterable[Span],
    length: int,
) -> tuple[str, ...]:
    """The topics a document substantively covers: its cues weighed by where they stand (in a
    heading or title, a decision, or in passing), those in `skipped` spans not counted."""
    strong, decisions, skipped = list(strong), list(decisions), list(skipped)
    weights: Counter[str] = Counter()
    for at, slug in cues:
        if any(s.start <= at < s.end for s in skipped):
            continue
        if any(s.start <= at < s.end for s in strong):
            weights[slug] += HEADING_WEIGHT
        elif any(s.start <= at < s.end for s in decisions):
            weights[slug] += DECISION_WEIGHT
        else:
            weights[slug] += PASSING_WEIGHT
    needed = PASSING_WEIGHT if length <= SHORT_TEXT else LONG_TEXT_NEEDS
    return tuple(slug for slug in SLUGS if weights[slug] >= needed)
