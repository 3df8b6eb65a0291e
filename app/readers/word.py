"""A report's text from a Word document (.docx), as the parliament publishes letters."""

import io
import zipfile

import docx
from docx.opc.exceptions import PackageNotFoundError

from app.errors import UnreadableDocument


def docx_to_text(data: bytes) -> str:
    """The document's paragraphs and table cells, one paragraph each, in order."""
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UnreadableDocument("not a readable Word (.docx) document") from exc
    blocks = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            blocks.extend(cell.text for cell in row.cells)
    return "\n\n".join(block.strip() for block in blocks if block.strip())
