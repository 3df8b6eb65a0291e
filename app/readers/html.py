"""A report's text from an HTML page, without the site's menus and chrome."""

import re

from bs4 import BeautifulSoup, Tag

_CHROME = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "button", "svg", "iframe")
_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "div", "section", "article", "td", "th", "br", "tr")
_MAIN = ("main", "article", "#content", "#main-content", ".stuk", ".content", "[role=main]")


def html_to_text(markup: str) -> str:
    """Paragraph-separated text of the page's main content."""
    soup = BeautifulSoup(markup, "html.parser")
    for tag in soup.find_all(_CHROME):
        tag.decompose()
    root = _main_element(soup)
    for tag in root.find_all(_BLOCKS):
        if tag.name == "li":
            tag.insert_before("\n\n• ")
        else:
            tag.insert_before("\n\n")
        tag.insert_after("\n\n")
    text = root.get_text()
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _main_element(soup: BeautifulSoup) -> Tag:
    for selector in _MAIN:
        found = soup.select_one(selector)
        if found is not None and len(found.get_text(strip=True)) > 200:
            return found
    return soup.body or soup
