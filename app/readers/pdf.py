"""Text PDFs with pypdf, page by page, pages separated by form feeds."""

import io
import logging

from pypdf import PdfReader
from pypdf.errors import PdfReadError, PyPdfError

from app.errors import UnreadableDocument

logging.getLogger("pypdf").setLevel(logging.ERROR)


def pdf_to_text(data: bytes) -> str:
    """The text layer of a PDF; raises UnreadableDocument for broken, locked or scanned files."""
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadableDocument("encrypted PDF")
        pages = [page.extract_text() or "" for page in reader.pages]
    except UnreadableDocument:
        raise
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError) as exc:
        raise UnreadableDocument(f"not a readable PDF ({exc})") from exc
    if not any(page.strip() for page in pages):
        raise UnreadableDocument("PDF has no text layer (a scan?)")
    return "\n\f".join(pages)
