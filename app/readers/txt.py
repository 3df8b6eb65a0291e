"""Plain text in whatever encoding a report was saved in."""

import codecs

from charset_normalizer import from_bytes

from app.errors import UnreadableDocument

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def decode_text(data: bytes) -> str:
    """Decode UTF-8 (the common case), a BOM-marked UTF-16, or a detected legacy encoding."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:4096] and data.count(b"\x00") > len(data) // 4:
        raise UnreadableDocument("binary data, not text")
    if (western := _western(data)) is not None:
        return western
    best = from_bytes(data).best()
    if best is None:
        raise UnreadableDocument("binary data, not text")
    return str(best)


# Letters that Windows-1252 gives Dutch and English text in its upper half; a detector's first
# guess for a short Dutch text (cp1250, hp_roman8, ...) turns them into others.
_WESTERN = frozenset("áàâäãåçéèêëíìîïñóòôöõúùûüýÿæœøßÁÀÂÄÇÉÈÊËÍÎÏÓÔÖÚÛÜ€‘’“”–—…•°«»§©®·´¨")


def _western(data: bytes) -> str | None:
    """The text as Windows-1252 (a superset of Latin-1's letters), when every character of its
    upper half is one that Dutch or English text uses; else None, for the detector to decide."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None  # a byte that cp1252 leaves undefined: not cp1252
    upper = [c for c in text if ord(c) > 0x7F]
    if any(c not in _WESTERN for c in upper) or any(ord(c) < 0x20 and c not in "\t\n\r\f" for c in text):
        return None
    return text
