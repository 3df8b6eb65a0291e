"""Pure text-to-records parsing of NATO meeting reports; no I/O, no database."""

from app.parsing.pipeline import PARSER_VERSION, parse_report
from app.parsing.records import (
    ParsedAgendaItem,
    ParsedDecision,
    ParsedDocument,
    ParsedMeeting,
    ParsedMention,
    ParsedReport,
    Span,
)

__all__ = [
    "PARSER_VERSION",
    "ParsedAgendaItem",
    "ParsedDecision",
    "ParsedDocument",
    "ParsedMeeting",
    "ParsedMention",
    "ParsedReport",
    "Span",
    "parse_report",
]
