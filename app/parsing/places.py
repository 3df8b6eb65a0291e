"""Meeting places: Dutch and English spellings -> the English city name."""

import re

# Surface form (Dutch or English) -> English city. NATO HQ stands for Brussels.
CITIES: dict[str, str] = {
    "Brussel": "Brussels", "Brussels": "Brussels", "Bruxelles": "Brussels", "Evere": "Brussels",
    "NAVO-hoofdkwartier": "Brussels", "NATO Headquarters": "Brussels", "NATO HQ": "Brussels",
    "hoofdkwartier van de NAVO": "Brussels", "bij de NAVO": "Brussels",  # "een ministeriële bijeenkomst bij de NAVO"
    # venues that stand for their city
    "Catshuis": "The Hague", "Binnenhof": "The Hague", "World Forum": "The Hague",
    "Lancaster House": "London", "Egmontpaleis": "Brussels", "Egmont Palace": "Brussels",
    "Washington": "Washington", "Den Haag": "The Hague", "The Hague": "The Hague",
    "'s-Gravenhage": "The Hague", "Londen": "London", "London": "London", "Rome": "Rome",
    "Praag": "Prague", "Prague": "Prague", "Boekarest": "Bucharest", "Bucharest": "Bucharest",
    "Vilnius": "Vilnius", "Madrid": "Madrid", "Warschau": "Warsaw", "Warsaw": "Warsaw",
    "Newport": "Newport", "Wales": "Newport", "Riga": "Riga", "Lissabon": "Lisbon", "Lisbon": "Lisbon",
    "Istanboel": "Istanbul", "Istanbul": "Istanbul", "Straatsburg": "Strasbourg",
    "Strasbourg": "Strasbourg", "Kehl": "Strasbourg", "Antalya": "Antalya", "Tallinn": "Tallinn",
    "Bratislava": "Bratislava", "Sevilla": "Seville", "Seville": "Seville", "Berlijn": "Berlin",
    "Berlin": "Berlin", "Dubrovnik": "Dubrovnik", "Oslo": "Oslo", "Helsinki": "Helsinki",
    "Parijs": "Paris", "Paris": "Paris", "Ankara": "Ankara", "Athene": "Athens", "Athens": "Athens",
    "Kopenhagen": "Copenhagen", "Copenhagen": "Copenhagen", "Reykjavik": "Reykjavik",
    "Stockholm": "Stockholm", "Napels": "Naples", "Naples": "Naples", "Krakau": "Krakow",
    "Krakow": "Krakow", "Kraków": "Krakow", "Sofia": "Sofia", "Boedapest": "Budapest",
    "Budapest": "Budapest", "Ljubljana": "Ljubljana", "Zagreb": "Zagreb", "Tirana": "Tirana",
    "Podgorica": "Podgorica", "Skopje": "Skopje", "Bergen": "Bergen", "Florence": "Florence",
    "Venetië": "Venice", "Venice": "Venice", "Izmir": "Izmir", "Noordwijk": "Noordwijk",
    "Rotterdam": "Rotterdam", "Amsterdam": "Amsterdam", "Ottawa": "Ottawa", "Berchtesgaden": "Berchtesgaden",
    "Mons": "Mons", "Chicago": "Chicago", "Lissabon, Portugal": "Lisbon", "Poznan": "Poznan",
    "Poznań": "Poznan", "Ämari": "Ämari", "Taormina": "Taormina", "Münich": "Munich",
    "München": "Munich", "Munich": "Munich", "Sintra": "Sintra", "Toledo": "Toledo",
    "Malbork": "Malbork", "Edinburgh": "Edinburgh",
}

_CITY = re.compile(
    r"(?<![\w-])(" + "|".join(re.escape(c) for c in sorted(CITIES, key=len, reverse=True)) + r")(?![\w-])"
)
_NOT_A_PLACE = re.compile(r"(?:Verdrag\s+van|Treaty\s+of)\s*$")
_LETTER_DATE = re.compile(r",\s*\d{1,2}\s+\w+\.?\s+\d{4}")  # "Den Haag, 30 mei 2016" dates a letter
_LOCATIVE = re.compile(r"\b(?:in|te|at|naar|held\s+at|held\s+in|op\s+het)\s+(?:(?:het|de|the)\s+)?$", re.IGNORECASE)
_SUMMIT_BEFORE = re.compile(r"(?:Summits?|[Tt]op)\s+(?:in|van|te|of)\b[^.;:]{0,30}$")


def find_city(text: str, *, summit: bool = False) -> str | None:
    """The first meeting place named in `text`, as an English city name.

    A ministers' meeting is not held where an earlier summit was: "halfway
    between the Summits in Wales and Warsaw" names no place unless `summit`.
    """
    candidates: list[tuple[bool, str]] = []
    for match in _CITY.finditer(text):
        before = text[max(0, match.start() - 45): match.start()]
        after = text[match.end(): match.end() + 30]
        if _NOT_A_PLACE.search(before) or after.startswith((" Treaty", " Verdrag")) or _LETTER_DATE.match(after):
            continue
        if not summit and _SUMMIT_BEFORE.search(before):
            continue
        candidates.append((bool(_LOCATIVE.search(before)), CITIES[match.group(1)]))
    # a place introduced as one ("in Brussel", "held at NATO Headquarters") beats a place merely named
    return next((city for introduced, city in candidates if introduced), candidates[0][1] if candidates else None)
