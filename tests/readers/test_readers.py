"""Readers: text PDFs, HTML pages without their chrome, legacy encodings; clear errors otherwise."""

import io
from pathlib import Path

import pytest
from fpdf import FPDF
from pypdf import PdfWriter

from app.errors import UnreadableDocument
from app.parsing import parse_report
from app.readers import read_bytes, read_document

PAGES = [
    (
        "Den Haag, 24 februari 2023\n\n"
        "Hierbij bied ik u het verslag aan van de bijeenkomst van de NAVO-ministers van Defensie, die op 14 en "
        "15 februari jl. in Brussel plaatsvond.\n\nSteun aan Oekraïne\n\n"
        "Bondgenoten spraken af de levering van munitie te versnellen. De Duitse minister sprak ook over de "
        "productie van munitie in Europa en over de gevolgen voor de"
    ),
    (
        "defensie-industrie van de bondgenoten.\n\nAfschrikking\n\n"
        "Ministers stemden in met de nieuwe regionale verdedigingsplannen."
    ),
]


def _pdf(pages: list[str]) -> bytes:
    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 6, text)
    return bytes(pdf.output())


def test_a_text_pdf_reads_like_its_text() -> None:
    source = read_bytes(_pdf(PAGES), "verslag.pdf", "verslag.pdf")
    assert source.format == "pdf"
    report = parse_report(source.text)
    assert report.meeting is not None
    assert (report.meeting.body, report.meeting.start_date.isoformat(), report.meeting.location) == (
        "defence_ministers", "2023-02-14", "Brussels",
    )
    assert [a.title for a in report.agenda_items] == ["Steun aan Oekraïne", "Afschrikking"]
    assert "over de gevolgen voor de defensie-industrie van de bondgenoten." in report.document.text
    assert [d.kind for d in report.decisions] == ["agreed", "agreed"]
    assert report.members == ("DEU",)


def test_a_pdf_without_text_layer_is_an_error() -> None:
    pdf = FPDF()
    pdf.add_page()
    with pytest.raises(UnreadableDocument, match="no text layer"):
        read_bytes(bytes(pdf.output()), "scan.pdf", "scan.pdf")


def test_an_encrypted_pdf_is_an_error() -> None:
    writer = PdfWriter()
    writer.append(io.BytesIO(_pdf(PAGES)))
    writer.encrypt(user_password="secret", owner_password="owner")
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(UnreadableDocument, match="encrypted"):
        read_bytes(buffer.getvalue(), "locked.pdf", "locked.pdf")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"%PDF-1.7\n1 0 obj << /Type /Catalog", "not a readable PDF"),
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "named .pdf but is not a PDF file"),
    ],
)
def test_broken_pdfs_are_errors(data: bytes, reason: str) -> None:
    with pytest.raises(UnreadableDocument, match=reason):
        read_bytes(data, "broken.pdf", "broken.pdf")


PAGE = """<!DOCTYPE html><html><head><title>Kamerstuk 28676, nr. 999</title><script>var x = 1;</script></head>
<body>
<header><nav><ul><li>Home</li><li>Zoeken</li><li>Kamerstukken</li></ul></nav></header>
<main>
<div class="stuk">
<p>28 676 NAVO</p>
<p>Nr. 999 BRIEF VAN DE MINISTER VAN BUITENLANDSE ZAKEN</p>
<p>Den Haag, 10 december 2019</p>
<p>Hierbij bied ik u het verslag aan van de bijeenkomst van de NAVO-ministers van Buitenlandse Zaken
die op 20 november jl. in Brussel plaatsvond.</p>
<h2>Ruimte</h2>
<p>Ministers <b>stemden in</b> met de erkenning van de ruimte als operationeel domein.
De Franse minister sprak over de dreiging.</p>
</div>
</main>
<footer><p>Cookies | Privacy | Toegankelijkheid | Nederland</p></footer>
</body></html>"""


def test_html_page_without_its_chrome() -> None:
    source = read_bytes(PAGE.encode(), "kst-28676-999.html", "kst-28676-999.html")
    assert source.format == "html"
    assert "Zoeken" not in source.text
    assert "Cookies" not in source.text
    assert "var x" not in source.text
    report = parse_report(source.text)
    assert report.meeting is not None
    assert report.meeting.start_date.isoformat() == "2019-11-20"
    assert [a.title for a in report.agenda_items] == ["Ruimte"]
    assert report.decisions[0].text.startswith("Ministers stemden in met de erkenning")
    assert report.members == ("FRA",)


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16", "utf-8-sig"])
def test_text_in_other_encodings(tmp_path: Path, encoding: str) -> None:
    text = "Den Haag, 30 mei 2016\n\nDe bijeenkomst van de NAVO-ministers in België en Noord-Macedonië werd gehouden."
    path = tmp_path / "report.txt"
    path.write_bytes(text.encode(encoding))
    assert read_document(path).text.lstrip("\ufeff") == text


def test_binary_garbage_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "garbage.txt"
    path.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(UnreadableDocument):
        read_document(path)


def test_files_over_the_limit_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * 2048)
    with pytest.raises(UnreadableDocument, match="more than the limit of 1024"):
        read_document(path, max_bytes=1024)


def test_a_text_needs_twenty_letters_however_long_it_is() -> None:
    numbers = "12 345, 6.789; " * 500
    with pytest.raises(UnreadableDocument, match="no usable text"):
        read_bytes((numbers + "a b c d e f g h i j k l m n o p q r s").encode(), "table.txt", "table.txt")
    assert read_bytes((numbers + "NAVO-ministers vergaderden").encode(), "table.txt", "table.txt").text


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_short_dutch_text_in_a_western_encoding_is_read_as_such(encoding: str) -> None:
    """A detector's first guess for a few lines of Dutch is often cp1250 or hp_roman8, which
    garbles the diaeresis and accents Dutch spells with."""
    text = "Steun aan Oekraïne en coördinatie met België; één reactie."
    assert read_bytes(text.encode(encoding), "brief.txt", "brief.txt").text == text


def test_a_word_document_is_read(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Den Haag, 24 februari 2023")
    document.add_paragraph("Hierbij bied ik u het verslag aan van de bijeenkomst van de NAVO-ministers van Defensie, "
                           "die op 14 en 15 februari jl. in Brussel plaatsvond.")
    document.add_paragraph("Ministers stemden in met de nieuwe regionale verdedigingsplannen voor Oekraïne.")
    path = tmp_path / "brief.docx"
    document.save(str(path))
    source = read_document(path)
    assert source.format == "docx"
    report = parse_report(source.text)
    assert report.meeting is not None
    assert str(report.meeting.start_date) == "2023-02-14"
    assert [d.kind for d in report.decisions] == ["agreed"]


def test_a_broken_word_document_and_an_unsupported_type_say_so(tmp_path: Path) -> None:
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(UnreadableDocument, match="not a readable Word"):
        read_document(tmp_path / "broken.docx")
    (tmp_path / "brief.odt").write_bytes(b"PK\x03\x04 mimetypeapplication/vnd.oasis.opendocument.text")
    with pytest.raises(UnreadableDocument, match=r"unsupported file type \.odt"):
        read_document(tmp_path / "brief.odt")
