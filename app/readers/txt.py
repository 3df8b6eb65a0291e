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
    best = from_bytes(data).best()
    if best is None:
        raise UnreadableDocument("binary data, not text")
    return str(best)
