"""Text as a reader printed it -> one paragraph per line pair, words intact.

The normalised text is what every span points into. It is built so that no
word of the input is lost: footnotes and page furniture move to the back
matter after `body_end` instead of being deleted, and words hyphenated across
line ends are joined (real compounds such as "Noord-Macedonië" keep their
hyphen).
"""

import re
import unicodedata
from dataclasses import dataclass

PARAGRAPH_BREAK = "\n\n"

_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")  # terminal colour codes left in a text
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\u200b\ufeff]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_OTHER_SPACES = "\f\x85\u1680"  # what str.split() takes for space and _SPACES does not
_TERMINAL = re.compile(r"[.!?:;»”\"')\]]$")
_BULLET = re.compile(r"^(?:[•●▪◦·*–-]|\(?\d{1,3}[.)]|\(?[a-z][.)]|\(?[ivxIVX]{1,4}[.)])\s")
_SPACE_FIRST = re.compile(r"^ \S")
_ENDS_PUNCTUATED = re.compile(r"[.,;:!?\-]$")
_SIGNATURE_OPENER = re.compile(r"^(?:De|Het)\s+(?:Minister|Staatssecretaris|Minister-President)\b[^.]*,$")
_FOOTNOTE_LINE = re.compile(r"^(\d{1,2})\s+\S")
# A footnote marker is a number glued to the end of a word: "toe1." or "genomen2." The pattern
# starts with the digit, which the regex engine skips to, and looks back for the word from there;
# a look-behind first would be tried at every character
_MARKER = re.compile(r"\d(?<=[a-zà-ÿ]{3}\d)\d?(?=[\s.,;:!?)»”\"']|$)", re.MULTILINE)
# Page furniture: a parliamentary paper's footer, its ISSN line, a page counter, a page number
_KAMER_FOOTER = re.compile(
    r"^(?:kst-\S+\s+)?(?:ISSN [\d\s–-]+)?(?:'s-Gravenhage \d{4}\s+)?"
    r"Tweede Kamer, vergaderjaar \d{4}\s*[–-]\s*\d{4}, [\d ]+, nr\. \d+(?:\s+\d+)?$")
_ISSN = re.compile(r"^(?:kst-\S+\s+)?ISSN \d{4}\s*[–-]\s*\d{4}(?:\s+'s-Gravenhage \d{4})?$")
_PAGE_OF = re.compile(r"^(?:Pagina|Page) \d+ (?:van|of) \d+$", re.IGNORECASE)
_PAGE_NUMBER = re.compile(r"^\d{1,3}$")
_KEEP_HYPHEN_PREFIXES = ("ex", "oud", "niet", "non", "anti", "pro", "co", "self", "cross", "vice", "multi")
_KEEP_HYPHEN_WORDS = ("secretaris-generaal", "minister-president", "staatssecretaris-generaal")
_VOWEL_PAIRS = {"aa", "ae", "ai", "au", "ee", "ei", "eu", "ie", "oe", "oi", "ou", "ui", "oo", "uu", "ij"}
_LINKING_WORDS = {"en", "of", "tot", "and", "or", "to"}


@dataclass(frozen=True)
class NormalizedText:
    """The normalised text; offsets from `body_end` on hold the back matter."""

    text: str
    body_end: int

    @property
    def body(self) -> str:
        return self.text[: self.body_end]


@dataclass
class _Block:
    lines: list[str]
    starts_page: bool


def normalize_text(raw: str) -> NormalizedText:
    """Repair line-end hyphenation, footnotes and page breaks; idempotent."""
    lines = _clean_characters(raw).split("\n")
    blocks = _split_blocks(lines)
    markers = set(_MARKER.findall("\n".join(line for b in blocks for line in b.lines)))
    body, back = _separate_back_matter(blocks, markers)
    paragraphs = [_join_lines(lines) for b in _merge_page_breaks(body) for lines in _split_unspaced(b.lines)]
    paragraphs = [_MARKER.sub("", p) if markers else p for p in paragraphs]
    paragraphs = [p for p in paragraphs if p]
    notes = [p for p in (_join_lines(b.lines) for b in back) if p]
    body_text = PARAGRAPH_BREAK.join(paragraphs)
    if not notes:
        return NormalizedText(body_text, len(body_text))
    return NormalizedText(body_text + PARAGRAPH_BREAK + PARAGRAPH_BREAK.join(notes), len(body_text))


def _clean_characters(raw: str) -> str:
    text = unicodedata.normalize("NFC", raw).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00ad", "").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = _CONTROL.sub("", _ANSI.sub("", text))
    if _spaced_once(text):
        return text  # every line is as _collapse_spaces would leave it
    return "\n".join(_collapse_spaces(line) for line in text.split("\n"))


def _spaced_once(text: str) -> bool:
    """Whether the text's only spaces are single " " between words and its line ends: then no
    line has a run to collapse, an indentation to keep or a space to trim (told by substring
    tests and the set of its characters, in C)."""
    if "  " in text or " \n" in text or "\n " in text or text[:1] == " " or text[-1:] == " ":
        return False
    return not any(space in text for space in OTHER_WHITESPACE)


# Every character str.isspace() takes but " " and "\n" (a test holds the list to it): each is looked
# for by a substring test, which costs a fraction of building the set of a text's characters
OTHER_WHITESPACE = (
    "\t\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
    "\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)


def _collapse_spaces(line: str) -> str:
    """Runs of spaces become one, except the indentation that marks pages and list items.

    str.split() collapses the same spaces as _SPACES, in C, and many more times faster than a
    substitution that matches every space; it would also take a form feed (a page start) and
    the few other characters it counts as space, so a line with one of those, or with an odd
    space first, goes through _SPACES."""
    body = line.lstrip(" \t\u00a0")
    if not body:
        return ""
    indent = " " * (len(line) - len(body))
    if body[0].isspace() or any(character in body for character in _OTHER_SPACES):
        return (indent + _SPACES.sub(" ", body)).rstrip()
    return indent + " ".join(body.split())


def _page_start_flags(lines: list[str]) -> list[bool]:
    """pdftotext starts each page with a form feed or a single leading space."""
    feeds = [line.startswith("\f") for line in lines]
    spaced = [bool(_SPACE_FIRST.match(line)) for line in lines]
    nonblank = sum(1 for line in lines if line.strip())
    if nonblank and sum(spaced) > max(3, nonblank // 5):
        spaced = [False] * len(lines)  # an indented text, not page starts
    return [f or s for f, s in zip(feeds, spaced, strict=True)]


def _split_blocks(lines: list[str]) -> list[_Block]:
    """Runs of non-blank lines; a page start, bullet or numbered line opens a new one."""
    flags = _page_start_flags(lines)
    blocks: list[_Block] = []
    current: _Block | None = None
    for line, page_start in zip(lines, flags, strict=True):
        stripped = line.replace("\f", "").strip()
        if not stripped:
            current = None
            continue
        if current is not None and not page_start and _opens_item(stripped, current.lines[-1], line):
            current = None
        if current is None or page_start:
            current = _Block([], page_start)
            blocks.append(current)
        current.lines.append(stripped)
    return blocks


def _opens_item(stripped: str, previous: str, raw_line: str) -> bool:
    if _SIGNATURE_OPENER.match(stripped) and _TERMINAL.search(previous):
        return True
    if not _BULLET.match(stripped):
        return False
    indented = raw_line.startswith("  ")
    return indented or bool(_TERMINAL.search(previous)) or stripped[0] in "•●▪◦"


def _separate_back_matter(
    blocks: list[_Block], markers: set[str]
) -> tuple[list[_Block], list[_Block]]:
    """Move footnotes (numbered blocks that end a page) and page furniture to the back."""
    body: list[_Block] = []
    back: list[_Block] = []
    pages = _pages(blocks)
    repeated = _drop_repeated_lines(pages)
    if repeated:
        back.append(_Block(repeated, False))
    for page in pages:
        notes: list[_Block] = []
        while len(page) > 1 and _is_footnote(page[-1], markers):
            notes.insert(0, page.pop())
        for block in page:
            furniture = [line for line in block.lines if _is_furniture(line)]
            if furniture:
                back.append(_Block(furniture, False))
                block.lines[:] = [line for line in block.lines if line not in furniture]
            if block.lines:
                body.append(block)
        back.extend(notes)
    return body, back


def _is_furniture(line: str) -> bool:
    """A line of page furniture. Every line is asked: each pattern is tried only where a substring
    test finds the words it holds (or a page number's length)."""
    if len(line) <= 3:
        return bool(_PAGE_NUMBER.match(line))
    return bool(
        (line[:4].lower() in ("page", "pagi") and _PAGE_OF.match(line))
        or ("ISSN " in line and _ISSN.match(line))
        or ("Tweede Kamer, vergaderjaar" in line and _KAMER_FOOTER.match(line))
    )


def _drop_repeated_lines(pages: list[list[_Block]]) -> list[str]:
    """Running headers and footers: short lines printed again on later pages."""
    if len(pages) < 2:
        return []
    seen_on: dict[str, set[int]] = {}
    for number, page in enumerate(pages):
        for block in page:
            for line in block.lines:
                if 4 <= len(line) <= 80 and any(c.isalpha() for c in line):
                    seen_on.setdefault(line, set()).add(number)
    repeated = {line for line, numbers in seen_on.items() if len(numbers) >= 2}
    dropped: list[str] = []
    first_seen: set[str] = set()
    for page in pages:
        opened_page = bool(page) and page[0].starts_page
        for block in page:
            kept = []
            for line in block.lines:
                if line in repeated and line in first_seen:
                    dropped.append(line)
                    continue
                first_seen.add(line)
                kept.append(line)
            block.lines[:] = kept
        page[:] = [block for block in page if block.lines]
        if page and opened_page:
            page[0].starts_page = True
    return dropped


def _pages(blocks: list[_Block]) -> list[list[_Block]]:
    pages: list[list[_Block]] = []
    for block in blocks:
        if block.starts_page or not pages:
            pages.append([])
        pages[-1].append(block)
    return pages


def _is_footnote(block: _Block, markers: set[str]) -> bool:
    match = _FOOTNOTE_LINE.match(block.lines[0])
    return match is not None and match.group(1) in markers and not block.starts_page


def _split_unspaced(lines: list[str]) -> list[list[str]]:
    """Paragraphs and headings in text printed without blank lines between them.

    A short line that ends a sentence ends a paragraph; a short line without a
    full stop between such lines, followed by a capital, is a heading.
    """
    if len(lines) < 3:
        return [lines]
    width = max(len(line) for line in lines)
    if width < 50:
        return [lines]
    parts: list[list[str]] = [[lines[0]]]
    previous_heading = _heading_line(lines[0], width) and len(lines) > 1 and lines[1][:1].isupper()
    for index in range(1, len(lines)):
        line, previous = lines[index], lines[index - 1]
        following = lines[index + 1] if index + 1 < len(lines) else ""
        ended = bool(_TERMINAL.search(previous)) and len(previous) < 0.8 * width
        heading = (
            _heading_line(line, width) and (ended or previous_heading or bool(_TERMINAL.search(previous)))
            and following[:1].isupper()
        )
        if ended or heading or previous_heading:
            parts.append([line])
        else:
            parts[-1].append(line)
        previous_heading = heading
    return parts


def _heading_line(line: str, width: int) -> bool:
    return (
        len(line) <= min(60, 0.7 * width) and len(line.split()) <= 8 and line[:1].isupper()
        and not _ENDS_PUNCTUATED.search(line)
    )


def _merge_page_breaks(blocks: list[_Block]) -> list[_Block]:
    """Join a paragraph that a page break cut in two."""
    merged: list[_Block] = []
    for block in blocks:
        if merged and block.starts_page and _continues(merged[-1].lines[-1], block.lines[0]):
            merged[-1] = _Block(merged[-1].lines + block.lines, merged[-1].starts_page)
        else:
            merged.append(block)
    return merged


def _continues(previous: str, following: str) -> bool:
    return not _TERMINAL.search(previous) and following[:1].islower()


def _join_lines(lines: list[str]) -> str:
    """One paragraph from its lines; linear in their length."""
    parts: list[str] = []
    previous = ""
    for line in lines:
        if not parts:
            parts.append(line)
        elif previous.endswith("-") and not previous.endswith(" -"):
            glue, drop_hyphen = _hyphen_glue(previous, line)
            if drop_hyphen:
                parts[-1] = parts[-1][:-1]
            parts.append(glue + line)
        else:
            parts.append(" " + line)
        previous = line
    joined = "".join(parts)
    # the lines come from _clean_characters, which leaves no space but " ": only a run of two
    # or more can be left to collapse, and a substitution that matches every space costs more
    return (_SPACES.sub(" ", joined) if "  " in joined else joined).strip()


def _hyphen_glue(previous: str, line: str) -> tuple[str, bool]:
    """How "bondge-" meets "nootschap": (what goes between, whether the hyphen goes)."""
    fragment = previous.rsplit(" ", 1)[-1][:-1]
    following = line.split(" ", 1)[0]
    if following.lower() in _LINKING_WORDS:
        return " ", False  # "veiligheids- en gezondheidssituatie"
    if _keeps_hyphen(fragment, following):
        return "", False
    return "", True


def _keeps_hyphen(fragment: str, following: str) -> bool:
    if not fragment or not following:
        return True
    if not fragment[-1].isalpha() or not fragment[-1].islower():
        return True  # "NAVO-" + "missie", "F-" + "35"
    if not following[0].isalpha() or not following[0].islower():
        return True  # "Noord-" + "Macedonië"
    word = fragment.split("-")[-1].lower()
    if word in _KEEP_HYPHEN_PREFIXES:
        return True
    compound = f"{fragment}-{following}".lower()
    if any(compound.startswith(w) or compound.endswith(w) for w in _KEEP_HYPHEN_WORDS):
        return True
    return (fragment[-1] + following[0]).lower() in _VOWEL_PAIRS  # "defensie-industrie"
