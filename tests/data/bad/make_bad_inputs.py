"""Writes the hostile and broken inputs of this folder; run it again to re-create them.

    python tests/data/bad/make_bad_inputs.py

expected.json says, for each file, what ingestion must do with it: "failed" with a
reason containing the given words, or "inserted" (a readable text in an odd form), with a
doubt containing the given words where the parser doubts its meeting: nothing readable is
refused.
Inputs that cannot live in git (a 200 MB file, a file that vanishes, a link loop)
are made by tests/test_bad_inputs.py at run time.
"""

import gzip
import io
import json
import random
from pathlib import Path

from fpdf import FPDF
from pypdf import PdfWriter

HERE = Path(__file__).parent
REPORT = (
    "Den Haag, 22 april 2021\n\n"
    "Hierbij bied ik u het verslag aan van de bijeenkomst van de NAVO-ministers van Buitenlandse Zaken die op "
    "23 en 24 maart jl. in Brussel plaatsvond.\n\nAfghanistan\n\n"
    "Ministers stemden in met een gecoördineerde terugtrekking uit Afghanistan. De Franse en de Duitse minister "
    "benadrukten het belang van nauwe afstemming met de Verenigde Staten.\n"
)


def pdf(text: str | None) -> bytes:
    document = FPDF()
    document.add_page()
    if text is not None:
        document.set_font("Helvetica", size=11)
        document.multi_cell(0, 6, text)
    return bytes(document.output())


def encrypted_pdf() -> bytes:
    writer = PdfWriter()
    writer.append(io.BytesIO(pdf(REPORT)))
    writer.encrypt(user_password="secret", owner_password="owner")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def files() -> dict[str, tuple[bytes, str, str]]:
    rng = random.Random(20261129)
    good_pdf = pdf(REPORT)
    nested = "<div>" * 5000 + "<p>" + REPORT.replace("\n\n", "</p><p>") + "</p>" + "</div>" * 5000
    return {
        "empty.txt": (b"", "failed", "no usable text"),
        "whitespace-only.txt": (b" \n\t\n   \r\n" * 100, "failed", "no usable text"),
        "one-line.txt": (b"NAVO\n", "failed", "no usable text"),
        "binary-garbage.txt": (bytes(rng.randrange(256) for _ in range(20000)), "failed", "binary"),
        "gzip-renamed.txt": (gzip.compress(REPORT.encode() * 20), "failed", "binary"),
        "png-renamed.pdf": (b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(3000)), "failed",
                            "not a PDF file"),
        "empty.pdf": (b"", "failed", "not a PDF file"),
        "truncated.pdf": (good_pdf[: len(good_pdf) // 3], "failed", "not a readable PDF"),
        "garbage-after-header.pdf": (b"%PDF-1.7\n" + bytes(rng.randrange(256) for _ in range(4000)), "failed",
                                     "not a readable PDF"),
        "encrypted.pdf": (encrypted_pdf(), "failed", "encrypted PDF"),
        "scanned-no-text.pdf": (pdf(None), "failed", "no text layer"),
        "pdf-named.txt": (good_pdf, "inserted", ""),
        "cp1252.txt": (REPORT.encode("cp1252"), "inserted", ""),
        "utf16.txt": (REPORT.encode("utf-16"), "inserted", ""),
        "utf8-bom.txt": (REPORT.encode("utf-8-sig"), "inserted", ""),
        "mac-line-ends.txt": (REPORT.replace("\n", "\r").encode(), "inserted", ""),
        "nul-bytes.txt": (REPORT.replace(" ", " \x00", 20).encode(), "inserted", ""),
        "control-characters.txt": (("\x1b[31m" + REPORT + "\x07\x08").encode(), "inserted", ""),
        "no-report.html": (
            b"<html><body><nav>Home | Nieuws | Contact</nav><main><h1>Welkom</h1><p>Op deze site vindt u informatie"
            b" over onze openingstijden, parkeren en toegankelijkheid van het gebouw.</p></main>"
            b"<footer>Cookies</footer></body></html>", "inserted", "no NATO meeting found"),
        "script-only.html": (b"<html><head><script>document.write('NAVO-ministers van Defensie op 3 juni 2020')"
                             b"</script></head><body></body></html>", "failed", "no usable text"),
        "deeply-nested.html": (nested.encode(), "inserted", ""),
        "zip-renamed.html": (b"PK\x03\x04" + bytes(rng.randrange(256) for _ in range(5000)), "failed", "binary"),
        "no-date.txt": (
            b"Hierbij bied ik u het verslag aan van de bijeenkomst van de NAVO-ministers van Defensie in Brussel.\n\n"
            b"Ministers stemden in met nieuwe plannen voor de verdediging van het bondgenootschap.\n",
            "inserted", "gives no date"),
        "two-dates.txt": (
            b"VERSLAG BIJEENKOMST NAVO-MINISTERS VAN DEFENSIE VAN 14 FEBRUARI 2019\n\n"
            b"Hierbij bied ik u het verslag aan van de bijeenkomst van de NAVO-ministers van Defensie die op "
            b"3 oktober 2018 in Brussel plaatsvond.\n", "inserted", "contradictory meeting dates"),
        "future-date.txt": (
            b"Hierbij bied ik u het verslag aan van de bijeenkomst van de NAVO-ministers van Defensie die op "
            b"3 oktober 3020 in Brussel plaatsvond.\n", "inserted", "implausible meeting date"),
        "dated-before-meeting.txt": (
            b"Den Haag, 2 januari 2019\n\nHierbij bied ik u het verslag aan van de bijeenkomst van de NAVO-ministers "
            b"van Defensie die op 3 oktober 2019 in Brussel plaatsvond.\n", "inserted",
            "dated 2019-01-02, before the meeting"),
        "long-line.txt": ((REPORT.replace("\n", " ") + " " + "bla " * 400_000).encode(), "inserted", ""),
        "long-word.txt": (("x" * 2_000_000).encode(), "inserted", "no NATO meeting found"),
        "many-short-lines.txt": (("Het\n" * 200_000).encode(), "inserted", "no NATO meeting found"),
        "json-named.txt": (json.dumps({"meetings": [{"id": 1, "body": "summit"}] * 50}).encode(), "inserted",
                           "no date"),
        "hyphen-storm.txt": (("NAVO-\n" * 50_000).encode(), "inserted", "no NATO meeting found"),
        "only-footnotes.txt": ("".join(f"{i} Zie Kamerstuk 28 676, nr. {i}\n\n" for i in range(1, 60)).encode(),
                               "inserted", "no NATO meeting found"),
        "unbalanced-html.html": (b"<html><body><p>Hierbij <b>bied <i>ik u</p></div></span>" * 200, "inserted",
                                 "no NATO meeting found"),
    }


def main() -> None:
    expected = {}
    for name, (data, outcome, reason) in files().items():
        (HERE / name).write_bytes(data)
        if outcome == "inserted" and reason:
            expected[name] = {"outcome": outcome, "reason": "", "doubt": reason}
        else:
            expected[name] = {"outcome": outcome, "reason": reason}
    (HERE / "expected.json").write_text(json.dumps(expected, indent=2, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
