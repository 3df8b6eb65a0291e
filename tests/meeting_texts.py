"""Short texts of our own about one meeting (NATO Defence Ministers, 14-15 June 2023) as its
documents give it unevenly: an agenda letter both days, a news item the last, a report after it."""

from pathlib import Path

AGENDA_LETTER = ("Den Haag, 1 juni 2023\n\nHierbij zend ik u de geannoteerde agenda voor de bijeenkomst van de "
                 "NAVO-ministers van Defensie op 14 en 15 juni a.s. in Brussel.\n")
NEWS_ITEM = ("15 Jun. 2023 -\n\nNATO Defence Ministers met in Brussels on 15 June 2023.\n\nMinisters agreed to "
             "strengthen NATO's integrated air and missile defence.\n")
REPORT_LETTER = ("Den Haag, 20 juni 2023\n\nHierbij bied ik u het verslag aan van de bijeenkomst van de "
                 "NAVO-ministers van Defensie op 14 en 15 juni jl. in Brussel.\n")


def written(folder: Path, texts: dict[str, str]) -> Path:
    """The texts as files in `folder` (made), named by their keys."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder
