"""The NATO member states and their accession dates (from reference/nato-members.csv)."""

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class MemberState:
    """A member state: ISO 3166-1 alpha-3 code, names, accession date."""

    code: str
    name_en: str
    name_nl: str
    accession_date: date


MEMBER_STATES: tuple[MemberState, ...] = (
    MemberState("BEL", "Belgium", "België", date(1949, 8, 24)),
    MemberState("CAN", "Canada", "Canada", date(1949, 8, 24)),
    MemberState("DNK", "Denmark", "Denemarken", date(1949, 8, 24)),
    MemberState("FRA", "France", "Frankrijk", date(1949, 8, 24)),
    MemberState("ISL", "Iceland", "IJsland", date(1949, 8, 24)),
    MemberState("ITA", "Italy", "Italië", date(1949, 8, 24)),
    MemberState("LUX", "Luxembourg", "Luxemburg", date(1949, 8, 24)),
    MemberState("NLD", "Netherlands", "Nederland", date(1949, 8, 24)),
    MemberState("NOR", "Norway", "Noorwegen", date(1949, 8, 24)),
    MemberState("PRT", "Portugal", "Portugal", date(1949, 8, 24)),
    MemberState("GBR", "United Kingdom", "Verenigd Koninkrijk", date(1949, 8, 24)),
    MemberState("USA", "United States", "Verenigde Staten", date(1949, 8, 24)),
    MemberState("GRC", "Greece", "Griekenland", date(1952, 2, 18)),
    MemberState("TUR", "Türkiye", "Turkije", date(1952, 2, 18)),
    MemberState("DEU", "Germany", "Duitsland", date(1955, 5, 6)),
    MemberState("ESP", "Spain", "Spanje", date(1982, 5, 30)),
    MemberState("CZE", "Czechia", "Tsjechië", date(1999, 3, 12)),
    MemberState("HUN", "Hungary", "Hongarije", date(1999, 3, 12)),
    MemberState("POL", "Poland", "Polen", date(1999, 3, 12)),
    MemberState("BGR", "Bulgaria", "Bulgarije", date(2004, 3, 29)),
    MemberState("EST", "Estonia", "Estland", date(2004, 3, 29)),
    MemberState("LVA", "Latvia", "Letland", date(2004, 3, 29)),
    MemberState("LTU", "Lithuania", "Litouwen", date(2004, 3, 29)),
    MemberState("ROU", "Romania", "Roemenië", date(2004, 3, 29)),
    MemberState("SVK", "Slovakia", "Slowakije", date(2004, 3, 29)),
    MemberState("SVN", "Slovenia", "Slovenië", date(2004, 3, 29)),
    MemberState("ALB", "Albania", "Albanië", date(2009, 4, 1)),
    MemberState("HRV", "Croatia", "Kroatië", date(2009, 4, 1)),
    MemberState("MNE", "Montenegro", "Montenegro", date(2017, 6, 5)),
    MemberState("MKD", "North Macedonia", "Noord-Macedonië", date(2020, 3, 27)),
    MemberState("FIN", "Finland", "Finland", date(2023, 4, 4)),
    MemberState("SWE", "Sweden", "Zweden", date(2024, 3, 7)),
)

BY_CODE: dict[str, MemberState] = {m.code: m for m in MEMBER_STATES}


def members_on(day: date) -> frozenset[str]:
    """Codes of the states that had joined NATO on `day`."""
    return frozenset(m.code for m in MEMBER_STATES if m.accession_date <= day)
