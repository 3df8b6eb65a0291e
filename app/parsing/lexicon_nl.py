"""Dutch vocabulary: letters to parliament in dossier 28676 (NAVO)."""

import re

from app.parsing.lexicon import DecisionRule, Lexicon, OtherMeetings, compile_all
from app.parsing.quick import quick, quick_all

_I = re.IGNORECASE

MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "febr": 2, "maart": 3, "mrt": 3,
    "april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7,
    "augustus": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10,
    "november": 11, "nov": 11, "december": 12, "dec": 12,
}

_MONTH = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_MONTH_NAMES = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"

# other organisations, whose names hold their capitals; and what a meeting held to prepare another says
# (see OtherMeetings)
_ORGANISATIONS = r"\b(?:EU|Europese|OVSE|VN|G-?7|G-?20|Benelux|Commonwealth)\b"
_PREPARING = r"\b(?:ter\s+voorbereiding\s+(?:op|van)|in\s+(?:de\s+)?aanloop\s+naar|vooruitlopend\s+op)"


# a sentence about the meeting's results that lists them as nouns: "De bijeenkomst resulteerde in de
# goedkeuring van …", "Belangrijkste uitkomsten van de vergadering waren de vaststelling van …"
_RESULTS = (r"\b(?:(?:de|het|deze)\s+(?:informele\s+)?(?:bijeenkomst|vergadering|top|ministeri[eë]le|overleg)\s+"
            r"(?:resulteerde\s+in|leidde\s+tot|mondde\s+uit\s+in|eindigde\s+met)"
            r"|(?:uitkomsten?|resulta(?:at|ten))\s+van\s+(?:de|het|deze)\s+(?:\w+\s+)?(?:bijeenkomst|vergadering|top"
            r"|ministeri[eë]le|overleg)\b[^.;]{0,40}?\b(?:was|waren))\b[^.;]{0,160}?\b(?:de|het|een)\s+")


def _outcomes(kind: str, *nouns: str) -> tuple[DecisionRule, ...]:
    """Outcomes named by their nouns ("de goedkeuring van"), in a sentence about the meeting's results."""
    return tuple(DecisionRule(kind, re.compile(rf"{_RESULTS}{noun}\s+(?:van|over|met|tot|om)\b", _I), (noun,))  # type: ignore[arg-type]
                 for noun in nouns)


def _rule(kind: str, *rules: tuple[str, str]) -> tuple[DecisionRule, ...]:
    """Rules as (cue, pattern): the cue is a word every match of the pattern contains."""
    return tuple(DecisionRule(kind, re.compile(p, _I), (cue,)) for cue, p in rules)  # type: ignore[arg-type]


DECISIONS: tuple[DecisionRule, ...] = (
    *_outcomes("decided", "besluit"),
    *_outcomes("agreed", "overeenstemming", "akkoord", "instemming"),
    *_outcomes("approved", "goedkeuring"),
    *_outcomes("adopted", "vaststelling", "aanname", "lancering", "oprichting"),
    *_rule(
        "agreed",
        ("stemde", r"\bstemde(?:n)?\b[^.;]{0,120}?\bin\s+met\b"),
        ("ingestemd", r"\b(?:hebben|heeft|is|werd|werden|zijn)\b[^.;]{0,80}\bingestemd\b"),
        ("overeen", r"\bkwamen\b[^.;]{0,80}\bovereen\b"),
        ("overeengekomen", r"\b(?:zijn|is|werd|werden|hebben)\b[^.;]{0,80}\bovereengekomen\b"),
        ("overeenstemming", r"\bbereikten\b[^.;]{0,40}\bovereenstemming\b"),
        ("overeenstemming", r"\bovereenstemming\b[^.;]{0,40}\bbereikt\b"),
        ("akkoord", r"\bgingen\b[^.;]{0,60}\bakkoord\b"),
        ("akkoord", r"\bakkoord\s+gegaan\b"),
        ("spraken", r"\bspraken\b[^.;]{0,100}?\baf\b(?!\s+(?:met|te))"),
        ("afgesproken", r"\b(?:is|werd|werden|zijn)\b[^.;]{0,80}\bafgesproken\b"),
        ("instemming", r"\bmet\s+instemming\s+van\s+alle\s+bondgenoten\b"),
        # agreement as a state of affairs, and support given to a proposal
        ("eens", r"\b(?:waren|was)\b[^.;]{0,40}?\beens\b(?!\s+met\s+(?:ons|mij|Nederland)\b)"),
        ("consensus", r"\b(?:was|bestond|is|ontstond)\s+(?:er\s+)?(?:brede\s+|volledige\s+)?consensus\s+(?:over|om)\b"),
        ("overeenstemming",
         r"\b(?:was|bestond|ontstond)\s+(?:er\s+)?(?:brede\s+|volledige\s+)?overeenstemming\s+(?:over|om)\b"),
        ("steun", r"\bspraken\b[^.;]{0,20}?\bsteun\s+uit\s+voor\s+(?:het\s+|de\s+|een\s+)?"
                  r"(?:(?!(?:en|of|voor)\b)[\w'-]+\s+){0,4}(?:voorstel(?:len)?|plan(?:nen)?|initiatief)\b"),
    ),
    *_rule(
        "decided",
        ("besloten", r"\bbesloten\b(?!\s+(?:vergadering|zitting|sessie|deel|karakter))"),
        ("besloot", r"\bbesloot\b"),
        ("besluit", r"\bnamen\b[^.;]{0,60}\bbesluit(?:en)?\b"),
        ("besluit", r"\bbesluit\b[^.;]{0,60}\b(?:genomen|gevallen)\b(?<!al\sgenomen)"),
    ),
    *_rule(
        "approved",
        ("keurde", r"\bkeurde(?:n)?\b[^.;]{0,200}?\bgoed\b"),
        ("goedgekeurd", r"\b(?:is|werd|werden|zijn|hebben|heeft)\b[^.;]{0,100}\bgoedgekeurd\b"),
        ("goedkeuring", r"\bgaven\b[^.;]{0,60}\bgoedkeuring\b"),
        ("goedkeuring", r"\bhechtten\b[^.;]{0,60}\bgoedkeuring\b"),
        ("groen", r"\bgaven\b[^.;]{0,80}\bgroen\s+licht\b"),
        ("groen", r"\b(?:is|werd)\b[^.;]{0,40}\bgroen\s+licht\s+gegeven\b"),
        ("bekrachtigden", r"\bbekrachtigden\b"),
        ("aanvaard", r"\b(?:is|werd|werden|zijn)\b[^.;]{0,80}\baanvaard\b(?!\s*dat)"),
    ),
    *_rule(
        "adopted",
        ("namen", r"\bnamen\b(?![^.;]{0,120}?\b(?:deel|kennis|afscheid|plaats)\s+aan\b)"
                  r"[^.;]{0,120}?\baan\b(?!\s+dat\b)"),
        ("aangenomen", r"\b(?:is|werd|werden|zijn|hebben|heeft)\b[^.;]{0,120}\baangenomen\b"),
        ("stelden", r"\bstelden\b[^.;]{0,120}?\bvast\b(?!\s*(?:dat|,))"),
        ("vastgesteld", r"\b(?:is|werd|werden|zijn|hebben)\b[^.;]{0,100}\bvastgesteld\b(?!\s*(?:dat|,))"),
        ("getekend", r"\b(?:is|werd|werden|zijn|hebben|heeft)\b[^.;]{0,120}\b(?:on)?getekend\b"),
        ("tekenden", r"\btekenden\b"),
        ("ondertekenden", r"\bondertekenden\b"),
        ("lanceerden", r"\blanceerden\b"),
        # a passive decision: "Finland werd uitgenodigd", "het mandaat werd verlengd"
        ("uitgenodigd", r"\b(?:werd|werden|is|zijn)\b[^.;]{0,80}\buitgenodigd\b"),
        ("verlengd", r"\b(?:werd|werden|is|zijn)\b[^.;]{0,80}\bverlengd\b"),
        ("opgericht", r"\b(?:werd|werden|is|zijn)\b[^.;]{0,80}\bopgericht\b"),
        ("ingesteld", r"\b(?:werd|werden|is|zijn)\b[^.;]{0,80}\bingesteld\b"),
        ("gelanceerd", r"\b(?:is|werd|werden|zijn|hebben)\b[^.;]{0,80}\bgelanceerd\b"),
    ),
    *_rule(
        "tasked",
        ("droegen", r"\bdroegen\b[^.;]{0,120}?\bop\b"),
        ("opdracht", r"\bgaven\b[^.;]{0,80}\bopdracht\b"),
        ("opdracht", r"\b(?:hebben|heeft|is|werd)\b[^.;]{0,80}\bopdracht\s+gegeven\b"),
        ("opgedragen", r"\b(?:is|werd|werden)\b[^.;]{0,80}\bopgedragen\b"),
        ("opdracht", r"\bkreeg\b[^.;]{0,60}\bopdracht\b"),
    ),
    *_rule(
        "postponed",
        ("uitgesteld", r"\b(?:is|werd|werden|zijn)\b[^.;]{0,100}\buitgesteld\b"),
        ("stelden", r"\bstelden\b[^.;]{0,80}\buit\b"),
    ),
)

NOT_DECISIONS = quick_all(
    r"\b(?:kabinet|regering|ik|wij|mijn\s+ambtgeno(?:ot|te))\b[^.;]{0,60}\b(?:heb|hebben|heeft|besloten|besloot)\b",
    r"\bNederland\s+(?:heeft|besloot|stemde|keurde)\b",
    r"\b(?:zal|zullen|zou|zouden|moet|moeten|kan|kunnen)\b[^.;]{0,80}"
    r"\b(?:besluiten|instemmen|goedkeuren|aannemen|vaststellen|worden\s+(?:besloten|genomen|goedgekeurd|aangenomen))\b",
    r"\b(?:naar\s+verwachting|wordt\s+verwacht|worden\s+verwacht|beoogd|voornemen)\b",
    r"\b(?:geen|niet)\s+(?:overeenstemming|akkoord|besluit|consensus)\b",
    r"\b(?:eerder|destijds|vorig\s+jaar|al\s+tijdens|reeds\s+tijdens)\b",
    r"\b(?:waartoe|waarin|waarbij|toen)\b[^.;]{0,80}\b(?:besloten|afgesproken|overeengekomen)\b",
    # a historic act dated
    r"\b(?:opgericht|ingesteld|getekend|ondertekend|verlengd)\s+(?:in|op)\s+(?:\d{1,2}\s+\w+\s+)?(?:19|20)\d{2}\b",
    r"\b(?:zoals|conform|overeenkomstig)\b[^.;]{0,60}\b(?:afgesproken|besloten|overeengekomen|vastgesteld)\b",
)

_MEMBER_NAMES = {
    "België": "BEL", "Belgische": "BEL", "Belgisch": "BEL",
    "Canada": "CAN", "Canadese": "CAN", "Canadees": "CAN",
    "Denemarken": "DNK", "Deense": "DNK", "Deens": "DNK",
    "Frankrijk": "FRA", "Franse": "FRA",
    "IJsland": "ISL", "IJslandse": "ISL", "IJslands": "ISL",
    "Italië": "ITA", "Italiaanse": "ITA", "Italiaans": "ITA",
    "Luxemburg": "LUX", "Luxemburgse": "LUX", "Luxemburgs": "LUX",
    "Nederland": "NLD", "Nederlandse": "NLD", "Nederlands": "NLD", "Nederlanders": "NLD",
    "Noorwegen": "NOR", "Noorse": "NOR", "Noors": "NOR",
    "Portugal": "PRT", "Portugese": "PRT", "Portugees": "PRT",
    "Verenigd Koninkrijk": "GBR", "VK": "GBR", "Britse": "GBR", "Brits": "GBR", "Groot-Brittannië": "GBR",
    "Verenigde Staten": "USA", "VS": "USA", "Amerikaanse": "USA", "Amerikaans": "USA",
    "Amerika": "USA", "Amerikanen": "USA",
    "Griekenland": "GRC", "Griekse": "GRC", "Grieks": "GRC",
    "Turkije": "TUR", "Türkiye": "TUR", "Turkse": "TUR", "Turks": "TUR",
    "Duitsland": "DEU", "Duitse": "DEU", "Duits": "DEU",
    "Spanje": "ESP", "Spaanse": "ESP", "Spaans": "ESP",
    "Tsjechië": "CZE", "Tsjechische": "CZE", "Tsjechisch": "CZE", "Tsjechische Republiek": "CZE",
    "Hongarije": "HUN", "Hongaarse": "HUN", "Hongaars": "HUN",
    "Polen": "POL", "Poolse": "POL", "Pools": "POL",
    "Bulgarije": "BGR", "Bulgaarse": "BGR", "Bulgaars": "BGR",
    "Estland": "EST", "Estse": "EST", "Estische": "EST", "Estlandse": "EST",
    "Letland": "LVA", "Letse": "LVA", "Letlandse": "LVA",
    "Litouwen": "LTU", "Litouwse": "LTU", "Litouws": "LTU",
    "Roemenië": "ROU", "Roemeense": "ROU", "Roemeens": "ROU",
    "Slowakije": "SVK", "Slowaakse": "SVK", "Slowaaks": "SVK",
    "Slovenië": "SVN", "Sloveense": "SVN", "Sloveens": "SVN",
    "Albanië": "ALB", "Albanese": "ALB", "Albanees": "ALB",
    "Kroatië": "HRV", "Kroatische": "HRV", "Kroatisch": "HRV",
    "Montenegro": "MNE", "Montenegrijnse": "MNE", "Montenegrijns": "MNE",
    "Noord-Macedonië": "MKD", "Noord-Macedonische": "MKD", "Macedonië": "MKD", "Macedonische": "MKD",
    "Finland": "FIN", "Finse": "FIN", "Fins": "FIN",
    "Zweden": "SWE", "Zweedse": "SWE", "Zweeds": "SWE",
}

LEXICON = Lexicon(
    language="nl",
    stopwords=frozenset(
        "de het een van en niet zijn werd werden met voor op dat die deze ook bij over naar "
        "hebben heeft wordt worden zich uit aan als door er nog om".split()
    ),
    months=MONTHS,
    weekdays="maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag",
    range_words=r"en|tot\s+en\s+met|t/m|tot|-|–|—",
    past_marker=re.compile(r"^\s*(?:jl\.?|j\.l\.|jongstleden|afgelopen|l\.l\.)", _I),
    future_marker=re.compile(r"^\s*(?:a\.s\.?|aanstaande|aanst\.|e\.k\.?|eerstkomend|eerstvolgend)", _I),
    document_date=quick_all(
        rf"(?:^|\s)(?:Den\s+Haag,|'s-Gravenhage,|Datum:?|Vastgesteld|Gepubliceerd:?|Publicatiedatum:?)\s+"
        rf"(?P<date>\d{{1,2}}\s+{_MONTH}\s+\d{{4}})",
        r"\bdatum:?\s+(?P<date>\d{4}-\d{2}-\d{2})\b",
        r"^\s*date\s+(?P<date>\d{4}-\d{2}-\d{2})\b",
        flags=_I | re.MULTILINE,  # searched in the head joined line by line
    ),
    document_date_cue=quick(r"(?:Den\s+Haag,|'s-Gravenhage,|Datum:?|Vastgesteld|Gepubliceerd:?)\s*$", _I),
    cited_date_cue=quick(
        r"(?:brief|brieven|verslag|nota|Kamerbrief|motie|antwoorden?)\s+(?:van|d\.d\.|gedateerd)\s+(?:de\s+\w+\s+)?$"
        r"|\bd\.d\.\s*$|\b(?:gedateerd|ondertekend|opgericht|toegetreden)\s+(?:op\s+)?$", _I),
    month_year=quick(rf"\b(?P<month>{_MONTH_NAMES})\s+(?P<year>(?:19|20)\d{{2}})\b", _I),
    text_starts=compile_all(
        r"^\d{2}\s?\d{3}(?:-[\w-]+)?\s+\S",  # the dossier line: "28 676 NAVO"
        r"^(?:Nr\.|nr\.)\s*\d+\b",
        r"^BRIEF\s+VAN\s+(?:DE|HET)\b",
        r"^Aan\s+de\s+Voorzitter\b",
        r"^(?:Den\s+Haag|'s-Gravenhage),\s+\d",
        r"^Kamerstuk\s+\d",
    ),
    title_line=quick(
        r"^(?:Nr\.\s*\d+\s+)?(?P<title>(?:VERSLAG|GEANNOTEERDE\s+AGENDA|KABINETSINZET)\b.{0,190})$"
        # the same title in running case, a line of its own: "Verslag van de bijeenkomst van de NAVO-ministers …"
        r"|^(?P<plain>(?:Verslag|Geannoteerde\s+agenda)\s+(?:van\s+)?(?:de\s+)?(?:bijeenkomst|vergadering|NAVO|informele)"
        r"\b.{0,170}(?<!\.))$"
        r"|\bBetreft:?\s+(?P<subject>.+?)(?:\s+(?:Datum|Kenmerk|Ons\s+kenmerk|Bijlage)\b|$)"),
    letterhead=compile_all(
        r"^(?:Nr\.\s*\d+\s+)?BRIEF\s+VAN\s+(?:DE|HET)\b",
        r"^(?:Tweede|Eerste)\s+Kamer\s+der\s+Staten-Generaal\b",
        r"^Aan\s+de\s+Voorzitter\b",
        r"^(?:Den\s+Haag|'s-Gravenhage)\b",
        r"^\d{2}\s?\d{3}(?:-[\w-]+)?\s+(?:NAVO|Navo)\s*$",
        r"^(?:NAVO|Navo|Nieuwsbericht|Persbericht|Nieuws|Federale\s+instellingen|Rijksoverheid|Ministerie\s+van\s+\w+"
        r"|Defensie|Buitenlandse\s+Zaken|Kamerstuk\s+\S+|Nr\.\s*\d+)\s*$",
        r"^(?:Gepubliceerd|Indiener|Onderwerpen|Bron|ID|Nummer|Vergaderjaar|Datum)\b",
    ),
    body_cues={
        "other": ("buitenland",), "summit": ("top", "leider", "leader", "summit"),
        "defence_ministers": ("defen", "dmm", "nucle"), "foreign_ministers": ("buitenland", "fmm", "foreign", "nar-"),
    },
    bodies=(
        ("other", re.compile(
            r"\bministers\s+van\s+Buitenlandse\s+Zaken\s+en\s+(?:van\s+)?Defensie\b"
            r"|\b(?:buitenland|Buitenlandse\s+Zaken)-?\s+en\s+defensieministers\b", _I)),
        ("summit", re.compile(r"\b(?:NAVO|Navo|NATO)[- ]?(?:top|Top)\b|\btop\s+van\s+(?:de\s+)?(?:NAVO|Navo)\b"
                              r"|\bstaatshoofden\s+en\s+regeringsleiders\b|\bNAVO-?(?:topontmoeting|topbijeenkomst)\b"
                              r"|\b(?:de|het)\s+Top\s+(?:in|van|te)\b"
                              r"|\b(?:NAVO-|Navo-)?(?:regeringsleiders|leiders)(?:bijeenkomst|top)?\b(?=[^.]{0,40}\bbijeen)"
                              r"|\bbijeenkomst\s+(?:plaats\s+)?van\s+(?:de\s+)?(?:NAVO-|Navo-)?(?:regeringsleiders|leiders)\b"
                              r"|\bleidersbijeenkomst\b|\bLeaders'?\s+Meeting\b|\bSummit\b", _I)),
        ("defence_ministers", re.compile(
            r"\bministers\s+van\s+Defensie\b|\bdefensieministers\b|\bdefensieministeri[eë]le?\b|\bDMM\b"
            r"|\bDefen[cs]e\s+Ministers|\bDefensie\s+ministeri[eë]le?\b|\bNuclear\s+Planning\s+Group\b"
            r"|\bNucleaire\s+Planningsgroep\b|\bDefence\s+Planning\s+Committee\b", _I)),
        ("foreign_ministers", re.compile(
            r"\bministers\s+van\s+Buitenlandse\s+Zaken\b|\bbuitenlandministers\b|\bFMM\b"
            r"|\bministeri[eë]le?\s+(?:bijeenkomst|vergadering)\s+van\s+Buitenlandse\s+Zaken\b"
            r"|\bForeign\s+Ministers|\bNAR-ministeri[eë]le\b", _I)),
    ),
    unqualified_body=quick(
        r"\b(?:NAVO|Navo|NATO)-?\s?(?:ministeri[eë]le|informele)\b"
        r"|\bministeri[eë]le\s+(?:NAVO-?raad|bijeenkomst|vergadering)\b"
        r"|\bNAVO-?ministers\b|\bNAVO-?ministerraad\b", _I),
    not_the_meeting=quick(
        r"(?:voorbereiding\s+(?:op|van)|aanloop\s+naar|vooruitlopend\s+op|sinds|besluiten\s+van|afspraken\s+van"
        r"|uitvoering\s+van|implementatie\s+van|opvolging\s+van|na|tot|tussen|richting|voorafgaand\s+aan"
        r"|(?:de|het)\s+(?:vorige|volgende|komende|aanstaande|laatste))\s+(?:de\s+|het\s+)?(?:\w+\s+){0,2}$", _I),
    other_meetings=OtherMeetings.of(
        _ORGANISATIONS, _PREPARING, nouns=r"bijeenkomst|vergadering|overleg|ontmoeting|(?:werk)?diner",
        articles=r"de\s+|het\s+"),
    coming=re.compile(r"\b(?:komende|aanstaande|volgende|eerstvolgende|eerstkomende)\s+(?:\w+\s+){0,2}$", _I),
    letter_senders=(
        ("foreign_ministers", re.compile(r"\bBRIEF\s+VAN\s+DE\s+MINISTER\s+VAN\s+BUITENLANDSE\s+ZAKEN\s*$", _I)),
        ("defence_ministers", re.compile(r"\bBRIEF\s+VAN\s+DE\s+MINISTER\s+VAN\s+DEFENSIE\s*$", _I)),
    ),
    portfolios=(
        ("defence_ministers", re.compile(r"\bminister\s+van\s+Defensie\b|\bdefensieminister\b", _I)),
        ("foreign_ministers", re.compile(r"\bminister\s+van\s+Buitenlandse\s+Zaken\b|\bbuitenlandminister\b", _I)),
    ),
    kinds=(
        ("agenda", quick(r"\bgeannoteerde\s+agenda\b|\bkabinetsinzet\b|\bvooruitblik\b", _I)),
        ("report", quick(
            r"\bverslag\b|\bHierbij\s+informeer\s+ik\s+u\s+over\s+de\s+(?:bijeenkomst|vergadering|top)\b", _I)),
    ),
    no_meeting=quick(
        r"\bverslag\s+van\s+(?:een|het)\s+(?:algemeen|schriftelijk|nota)\s*overleg\b|\bcommissiedebat\b"
        r"|\bverslag\s+van\s+een\s+(?:wetgevings|notaoverleg)|\blijst\s+van\s+vragen\s+en\s+antwoorden\b"
        r"|\bbeantwoording\s+van\s+(?:de\s+)?(?:schriftelijke\s+)?vragen\b|\binbreng\s+verslag\b"
        r"|\bschriftelijk\s+overleg\b|\b(?:Kamer)?vragen\s+van\s+(?:het|de)\s+leden?\b|\bplenair\s+debat\b"
        r"|\bHandelingen\b|\bRaad\s+(?:Buitenlandse|Algemene)\s+Zaken\b(?!\s+Defensie)|\bEuropese\s+Raad\b"
        r"|\bEU-(?:Raad|ministers)\b|^21\s?501\b", _I | re.MULTILINE),
    debate_markers=re.compile(
        r"\bhebben?\s+op\s+\d{1,2}\s+\w+\s+\d{4}\s+overleg\s+gevoerd\s+met\b|^(?:Voorzitter|Griffier):\s"
        r"|^Aanwezig\s+zijn\s+\w+\s+leden\b|^De\s+(?:voorzitter|heer|mevrouw)\s+[\w\s.-]{0,40}\([\w-]+\):"
        r"|\bVragen\s+en\s+opmerkingen\s+(?:van|vanuit)\s+de\s+(?:leden|fracties)\b", re.MULTILINE),
    debate_cues=("overleg", "voorzitter:", "griffier:", "aanwezig", "):", "opmerkingen"),
    statement_kinds=quick(r"^(?:Toespraak|Speech|Persconferentie|Openingswoord)\b", _I),
    announces=quick(r"\b(?:zal|zullen|gaat|gaan|vindt|vinden)\b|\ba\.s\.|\baanstaande\b", _I),
    informal=quick(r"\binformele?\b", _I),
    virtual=quick(
        r"\bvideo[- ]?(?:tele)?(?:verbinding|conferentie|vergadering|overleg|call)|\b(?:per|via)\s+(?:video|VTC)\b"
        r"|\bvirtu[eë]le?\b|\bdigitale?\s+(?:bijeenkomst|vergadering)\b|\bteleconferentie\b|\bVTC\b"
        r"|\bonline\s+(?:bijeenkomst|vergadering)\b", _I),
    joined_remotely=re.compile(r"\bdeel\b|\bsloot\b[^.]{0,60}\baan\b|\bsprak\b[^.]{0,40}\btoe\b|\bgeschakeld\b", _I),
    meeting_words=quick(
        r"\b(?:bijeenkomst|vergadering|top|ministeriële|overleg|plaats(?:vond|vindt|gevonden)?"
        r"|bijeen(?:kwam|komt|kwamen|komen)?|ministeri[eë]le|NAVO-?raad)\b", _I),
    meeting_talk=quick(
        r"\b(?:spreken|spraken|bespreken|besproken|bespraken|discussie|sessie|overleg|bijeenkomst)\b", _I),
    here=quick(r"\bhier\s+(?:in|te)\s+", _I),
    office=re.compile(r"\bminister\b(?!s|ie)", _I),  # "minister van Defensie": a person, the bodies are plural
    two_days_ended=quick(r"\b(?:sloten|afgesloten|na)\s+(?:\w+\s+)?twee\s+dagen\b", _I),
    relative_days=(
        (quick(r"\bgisteren\s+en\s+vandaag\b", _I), -1, 0),
        (quick(r"\bvandaag\s+en\s+morgen\b", _I), 0, 1),
        (quick(r"\bmorgen\s+en\s+overmorgen\b", _I), 1, 2),
        (quick(r"\b(?:vandaag|zojuist|net)\b[^.]{0,40}?\b(?:tweede|laatste|slot)\s*dag\b", _I), -1, 0),
        (quick(r"\b(?:vandaag|zojuist|net)\b[^.]{0,40}?\b(?:eerste|openings)\s*dag\b", _I), 0, 1),
        (quick(r"(?<!tot\s)(?<!op\s)\bvandaag\b", _I), 0, 0),
        (quick(r"(?<![\w-])morgen\b(?!\s*(?:ochtend|middag))", _I), 1, 1),
        (quick(r"\bgisteren\b", _I), -1, -1),
        (quick(r"\bovermorgen\b", _I), 2, 2),
    ),
    not_headings=compile_all(
        r"^(?:De|Het)\s+(?:Minister|Staatssecretaris|Minister-President)\b",
        r"^Aan\s+de\s+Voorzitter\b",
        r"^(?:Den\s+Haag|'s-Gravenhage)\b",
        r"^Nr\.\s*\d",
        r"^\d{2}\s?\d{3}\s+(?:NAVO|Navo)\b",
        r"^(?:Kamerstuk|Tweede\s+Kamer|Eerste\s+Kamer|Datum|Vergaderjaar|Bijlage|Bijlagen|Noot|Betreft|Kenmerk"
        r"|Ons\s+kenmerk|Onze\s+referentie|Uw\s+referentie|Uw\s+kenmerk|Contactpersoon|Postbus|Directie"
        r"|Hoogachtend|Met\s+vriendelijke\s+groet|Pagina|www\.)\b",
        r"^(?:[A-Z]\.\s?){1,4}(?:van\s+|de\s+|der\s+|den\s+)*[A-Z][a-zà-ÿ]",
        r"^(?:Verslag|Geannoteerde\s+agenda)\s+(?:van\s+)?(?:de\s+)?(?:bijeenkomst|vergadering|NAVO|informele)\b",
    ),
    decisions=DECISIONS,
    not_decisions=NOT_DECISIONS,
    deciders=re.compile(
        r"\b(?:ministers|bondgenoten|regeringsleiders|leiders|staatshoofden\s+en\s+regeringsleiders|de\s+NAVO)"
        r"(?:\s+\w+){0,3}\s+(?:hebben|heeft|zijn)(?:\s+(?:onder\s+meer|o\.a\.|ook|verder))?\s*:?$", _I),
    bare_decisions=(
        ("decided", re.compile(r"besloten\b", _I)),
        ("agreed", re.compile(r"(?:ingestemd|overeenstemming\s+bereikt|afgesproken|overeengekomen)\b", _I)),
        ("approved", re.compile(r"goedgekeurd\b|(?:\w+\s+){1,8}goedgekeurd\b", _I)),
        ("adopted", re.compile(r"(?:aangenomen|vastgesteld|gelanceerd|opgericht)\b|(?:\w+\s+){1,8}aangenomen\b", _I)),
        ("tasked", re.compile(r"opdracht\s+gegeven\b", _I)),
    ),
    member_names=_MEMBER_NAMES,
    abbreviations=frozenset(
        "o.a. w.o. d.w.z. i.c.m. m.b.t. t.a.v. i.v.m. bijv. resp. nr. Nr. mr. dr. drs. ir. "
        "prof. vs. ca. m.n. z.g. zgn. t.b.v. n.a.v. c.q. mld. mln. art. blz. e.k. d.d. "
        "p. St. jan. feb. febr. mrt. apr. jun. jul. aug. sep. sept. okt. nov. dec.".split()
    ),
)
