"""Bytes on disk -> text: plain text, PDF, HTML and Word (.docx) reports."""

import hashlib
from pathlib import Path

from app.errors import UnreadableDocument
from app.readers.html import html_to_text
from app.readers.pdf import pdf_to_text
from app.readers.txt import decode_text
from app.readers.word import docx_to_text
from app.source import SourceDocument

__all__ = ["SUFFIXES", "SourceDocument", "read_bytes", "read_document"]

SUFFIXES = (".txt", ".pdf", ".html", ".htm", ".docx")
# Formats people save reports in that this reader does not take: named as such, not as "no usable text".
UNSUPPORTED = (".doc", ".odt", ".rtf", ".xls", ".xlsx", ".ppt", ".pptx", ".epub", ".zip", ".png", ".jpg", ".jpeg")
MIN_LETTERS = 20


def read_document(
    path: Path, max_bytes: int | None = None, max_pages: int | None = None, source: str | None = None
) -> SourceDocument:
    """Read one report file; raises UnreadableDocument with the reason. `source`: what the
    document records of where it came from (the path as given, by default)."""
    try:
        if not path.is_file():
            raise UnreadableDocument("not a regular file (a folder, device, or a link to nothing)")
        size = path.stat().st_size
        if max_bytes is not None and size > max_bytes:
            raise UnreadableDocument(f"{size} bytes is more than the limit of {max_bytes}")
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableDocument(exc.strerror or str(exc)) from exc
    return read_bytes(data, path.name, str(path) if source is None else source, max_pages)


def read_bytes(data: bytes, name: str, source: str, max_pages: int | None = None) -> SourceDocument:
    """Turn a report's bytes into text, choosing the reader by name and content."""
    fmt = _detect_format(data, name)
    if fmt == "pdf":
        text = pdf_to_text(data, max_pages)
    elif fmt == "docx":
        text = docx_to_text(data)
    elif fmt == "html":
        text = html_to_text(decode_text(data))
    else:
        text = decode_text(data)
    text = text.replace("\x00", "")  # never meaningful in a report, and PostgreSQL refuses it in text
    if not _has_letters(text, MIN_LETTERS):
        raise UnreadableDocument("no usable text in the file")
    return SourceDocument(source, hashlib.sha256(data).hexdigest(), fmt, text)


def _has_letters(text: str, count: int) -> bool:
    """Whether the text holds at least `count` letters; stops counting there (a report's first line)."""
    found = 0
    for character in text:
        if character.isalpha():
            found += 1
            if found >= count:
                return True
    return False


def _detect_format(data: bytes, name: str) -> str:
    head = data[:1024].lstrip().lower()
    suffix = Path(name).suffix.lower()
    if data.startswith(b"%PDF-"):
        return "pdf"
    if suffix == ".pdf":
        raise UnreadableDocument("named .pdf but is not a PDF file")
    if suffix == ".docx" or (data.startswith(b"PK\x03\x04") and b"word/" in data[:2048]):
        return "docx"
    if suffix in UNSUPPORTED:
        raise UnreadableDocument(f"unsupported file type {suffix}: nato-records reads {', '.join(SUFFIXES)}")
    if suffix in (".html", ".htm") or head.startswith((b"<!doctype html", b"<html")):
        return "html"
    return "txt"
