"""A document as read: what the readers make and storage keeps, so that neither imports the other."""

from dataclasses import dataclass


@dataclass(frozen=True)
class SourceDocument:
    """A report file's text, its format and the sha256 of its bytes."""

    source: str
    sha256: str
    format: str
    text: str
