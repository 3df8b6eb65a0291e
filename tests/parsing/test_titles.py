"""Titles derived for documents that print none."""

from datetime import date

from app.parsing.records import ParsedMeeting, Span
from app.parsing.titles import derived_title


def test_a_document_about_no_meeting_is_named_by_its_kind_and_date() -> None:
    # a parliamentary record or a written answer prints no title line: it still gets one
    assert derived_title("other", None, "en", date(1984, 5, 31)) == "Document, 31 May 1984"
    assert derived_title("other", None, "nl", date(2012, 5, 4)) == "Document, 4 mei 2012"
    assert derived_title("other", None, "nl") == "Document"


def test_a_document_about_a_meeting_is_named_by_its_kind_and_meeting() -> None:
    meeting = ParsedMeeting("defence_ministers", date(2025, 2, 13), date(2025, 2, 14), "Brussels", False, False,
                            Span(0, 1))
    assert derived_title("report", meeting, "nl") == "Verslag bijeenkomst NAVO-ministers van Defensie in Brussel, " \
        "13 en 14 februari 2025"
    assert derived_title("agenda", meeting, "en") == "Preview on the meeting of NATO Defence Ministers (Brussels), " \
        "13–14 February 2025"
