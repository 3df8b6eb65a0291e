"""Text PDFs with pypdf, page by page, pages separated by form feeds.

pypdf's plain extraction keeps the reading order (a letter's sidebar stays out
of the body's lines) but drops the blank lines between paragraphs; its layout
mode keeps those gaps but mixes columns. So the plain text is used, and a
blank line is put after each line that layout mode shows followed by a gap.
"""

import io
import logging

from pypdf import PageObject, PdfReader
from pypdf.errors import PdfReadError, PyPdfError

from app.errors import UnreadableDocument

logging.getLogger("pypdf").setLevel(logging.ERROR)


def pdf_to_text(data: bytes, max_pages: int | None = None) -> str:
    """The text layer of a PDF; raises UnreadableDocument for broken, locked or scanned files."""
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadableDocument("encrypted PDF")
        if max_pages is not None and len(reader.pages) > max_pages:
            raise UnreadableDocument(f"{len(reader.pages)} pages is more than the limit of {max_pages}")
        pages = [_page_text(page) for page in reader.pages]
    except UnreadableDocument:
        raise
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise UnreadableDocument(f"not a readable PDF ({type(exc).__name__}: {exc})") from exc
    if not any(page.strip() for page in pages):
        raise UnreadableDocument("PDF has no text layer (a scan?)")
    return "\n\f".join(pages)


def _page_text(page: PageObject) -> str:
    plain = page.extract_text() or ""
    try:
        layout = page.extract_text(extraction_mode="layout") or ""
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, ZeroDivisionError):
        return plain
    return _with_paragraph_gaps(plain, layout)


def _with_paragraph_gaps(plain: str, layout: str) -> str:
    """Insert a blank line after each plain line that layout mode shows followed by a gap."""
    layout_lines = [line.strip() for line in layout.split("\n")]
    before_gap = {
        line for line, following in zip(layout_lines, [*layout_lines[1:], ""], strict=True)
        if line and not following
    }
    out: list[str] = []
    for line in plain.split("\n"):
        out.append(line)
        if line.strip() and line.strip() in before_gap:
            out.append("")
    return "\n".join(out).rstrip("\n")
