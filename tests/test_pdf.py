"""PDF briefs: linked from their brief, Arabic shaped and searchable, fonts embedded, reproducible."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata

import pytest

from conftest import tree

needs_poppler = pytest.mark.skipif(shutil.which("pdffonts") is None, reason="needs poppler-utils (make test installs it)")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    import os
    from builder.hosts.cli import main
    from conftest import write_corpus
    root = tmp_path_factory.mktemp("pdf")
    content = write_corpus(root, {})
    os.environ["SOURCE_DATE_EPOCH"] = "1750000000"
    try:
        assert main(["build", "--content", str(content), "--site-dir", str(root / "one")]) == 0
        assert main(["build", "--content", str(content), "--site-dir", str(root / "two")]) == 0
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
    return root


def test_each_brief_links_its_pdf(built):
    html = (built / "one/briefs/2025-05/index.html").read_text(encoding="utf-8")
    assert 'href="../../briefs/2025-05/brief-2025-05.pdf" type="application/pdf" download>موجز أيار 2025 بصيغة PDF</a>' in html
    assert (built / "one/briefs/2025-05/brief-2025-05.pdf").read_bytes().startswith(b"%PDF-")


def test_pdfs_are_byte_identical_across_builds(built):
    assert tree(built / "one") == tree(built / "two")


@needs_poppler
def test_arabic_fonts_are_embedded(built):
    fonts = subprocess.run(["pdffonts", str(built / "one/briefs/2025-05/brief-2025-05.pdf")],
                           capture_output=True, text=True, check=True).stdout
    arabic = [line for line in fonts.splitlines() if "+Amiri" in line and "Latin" not in line]
    assert arabic and all(line.split()[-5] == "yes" for line in arabic), fonts  # the 'emb' column


@needs_poppler
def test_pdf_text_is_shaped_arabic_a_reader_can_search(built):
    text = subprocess.run(["pdftotext", str(built / "one/briefs/2025-05/brief-2025-05.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    # A correct ToUnicode map gives back the letters typed; with Noto Naskh, WeasyPrint's map gave
    # other letters entirely (Kozea/WeasyPrint#2841). Runs of digits are reordered by the extractor.
    text = unicodedata.normalize("NFKC", text)
    assert "شاحنة تغادر حقل كونيكو" in text
    assert "أكدت مصادر محلية توجه" in text
