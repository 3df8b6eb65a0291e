"""A title for a document that prints none, from its kind and its meeting."""

from datetime import date

from app.parsing.records import Body, DocumentKind, ParsedMeeting

_KIND = {
    "nl": {"report": "Verslag", "agenda": "Geannoteerde agenda", "communique": "Communiqué",
           "statement": "Verklaring", "other": "Document"},
    "en": {"report": "Report", "agenda": "Preview", "communique": "Communiqué",
           "statement": "Statement", "other": "Document"},
}
_BODY: dict[str, dict[Body, str]] = {
    "nl": {"foreign_ministers": "bijeenkomst NAVO-ministers van Buitenlandse Zaken",
           "defence_ministers": "bijeenkomst NAVO-ministers van Defensie", "summit": "NAVO-top",
           "other": "NAVO-bijeenkomst"},
    "en": {"foreign_ministers": "meeting of NATO Foreign Ministers",
           "defence_ministers": "meeting of NATO Defence Ministers", "summit": "NATO Summit",
           "other": "NATO meeting"},
}
_MONTHS = {
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
}


def derived_title(
    kind: DocumentKind, meeting: ParsedMeeting | None, language: str, doc_date: date | None = None
) -> str:
    """"Verslag bijeenkomst NAVO-ministers van Defensie, 13 en 14 februari 2025"; without a meeting,
    the kind and the document's own date ("Document, 31 mei 1984")."""
    words = "en" if language == "en" else "nl"
    if meeting is None:
        return _KIND[words][kind] + (", " + _days(doc_date, doc_date, words) if doc_date else "")
    joiner = " on the " if words == "en" and kind != "communique" else " "
    title = f"{_KIND[words][kind]}{joiner if words == 'en' else ' '}{_BODY[words][meeting.body]}"
    if meeting.location:
        title += f" ({meeting.location})" if words == "en" else f" in {_dutch_city(meeting.location)}"
    if meeting.start_date and meeting.end_date:
        title += ", " + _days(meeting.start_date, meeting.end_date, words)
    return title


def _days(start: date, end: date, words: str) -> str:
    months = _MONTHS[words]
    last = f"{end.day} {months[end.month - 1]} {end.year}"
    if start == end:
        return last
    joint = " en " if words == "nl" else "–"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}{joint}{last}"
    return f"{start.day} {months[start.month - 1]}{joint}{last}"


def _dutch_city(city: str) -> str:
    return {"Brussels": "Brussel", "The Hague": "Den Haag", "Warsaw": "Warschau", "London": "Londen",
            "Lisbon": "Lissabon", "Berlin": "Berlijn", "Prague": "Praag", "Bucharest": "Boekarest"}.get(city, city)
