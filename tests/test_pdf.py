"""PDF briefs: linked from their brief, Arabic shaped and searchable, fonts embedded, reproducible."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata

import pytest

from conftest import SOURCE_ID, tree
from pathlib import Path

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


# A month of events written for these tests: titles and text in words with the letters whose
# shaping split them in extracted text before (ر and و followed by another letter, as in «سوريا»).
DENSE_TITLES = [
    "رتل عسكري يعبر شرق سوريا نحو قاعدة الشدادي",
    "التحالف يعزز نقاطه العسكرية قرب حقول النفط السورية",
    "انسحاب تدريجي من مواقع متقدمة في ريف الحسكة الشرقي",
    "طائرات مسيرة تحلق فوق قرى الريف الشمالي لدير الزور",
    "مصادر محلية تتحدث عن تحركات ليلية قرب الطريق الدولي",
    "تدريبات مشتركة في محيط قاعدة قسرك بمشاركة قوات محلية",
    "شحنات لوجستية تصل عبر المعبر الحدودي مع العراق",
    "القوات الأميركية تعيد تموضعها في محيط حقل كونيكو",
    "تحذيرات من تصعيد جديد شرقي الفرات بعد هجوم بطائرة مسيرة",
    "مراقبون يرصدون حركة مروحيات فوق مدينة الحسكة وريفها",
    "وفود عسكرية تزور المواقع الحدودية لتقييم الوضع الميداني",
    "قافلة إمداد تعبر نحو الشمال السوري وسط إجراءات مشددة",
]


def _dense_event(i: int, title: str, month: str = "2025-03") -> dict[str, str]:
    eid = f"{month}-{10 + i:02d}-dense-{i:02d}"
    return {f"events/2025/{eid}.yaml": f"""\
        id: {eid}
        date: {{start: {month}-{10 + i:02d}, precision: day}}
        type: convoy
        title: {title}
        summary: أفادت مصادر محلية بأن الحركة جرت في ساعات الفجر الأولى وسط انتشار أمني واسع في سوريا.
        bases:
          - {{id: conoco, effect: reduced}}
        citations:
          - {{source: {SOURCE_ID}, quote: "توجه نحو 200 شاحنة من حقلي الغاز", stance: supports}}
        credibility: 2
        """}


def _text(pdf: Path, *options: str) -> str:
    """What `pdftotext` extracts, without the direction marks it adds around runs (no PDF holds them)."""
    out = subprocess.run(["pdftotext", *options, str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    marks = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u200e\u200f\u2066\u2067\u2068\u2069"))
    return " ".join(unicodedata.normalize("NFKC", out).translate(marks).split())


@pytest.fixture(scope="module")
def dense(tmp_path_factory):
    import os
    from builder.hosts.cli import main
    from conftest import write_corpus
    root = tmp_path_factory.mktemp("dense")
    files = {}
    for i, title in enumerate(DENSE_TITLES):
        files.update(_dense_event(i, title))
    content = write_corpus(root, files)
    os.environ["SOURCE_DATE_EPOCH"] = "1750000000"
    try:
        assert main(["build", "--content", str(content), "--site-dir", str(root / "site"), "--no-search"]) == 0
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
    return root / "site" / "briefs" / "2025-03" / "brief-2025-03.pdf"


@needs_poppler
def test_every_title_and_word_of_a_brief_comes_back_whole(dense):
    text = _text(dense)
    assert all(title in text for title in DENSE_TITLES), [t for t in DENSE_TITLES if t not in text]
    assert "سوريا" in text.split() or "سوريا." in text.split()
    # Every word of letters the brief prints (titles, summary, quote) is found whole, never split in two.
    printed = " ".join(DENSE_TITLES) + " أفادت مصادر محلية بأن الحركة جرت في ساعات الفجر الأولى وسط انتشار أمني واسع"
    words = set(text.split())
    assert [w for w in printed.split() if w not in words] == []


@needs_poppler
def test_brief_pdf_is_dense_numbered_tagged_and_citable(dense):
    info = subprocess.run(["pdfinfo", str(dense)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert "Tagged:          yes" in info
    assert pages <= 3, info  # twelve events with their quotes: not three cards a page
    text = _text(dense)
    for n in range(1, pages + 1):  # pdftotext moves the space beside a run of digits: «صفحة 2من 2»
        page = _text(dense, "-f", str(n), "-l", str(n))
        assert re.search(rf"صفحة\s*{n}\s*من\s*{pages}", page), page[-200:]
    # Each event: its quote, the outlet and article it comes from, and its permanent address.
    assert text.count("«توجه نحو") == len(DENSE_TITLES)
    assert text.count("صحيفة العرب") == len(DENSE_TITLES)
    assert text.count("واشنطن تعيد رسم خريطتها العسكرية بشرق سوريا") == len(DENSE_TITLES)
    for i in range(len(DENSE_TITLES)):
        assert f"events/2025-03-{10 + i:02d}-dense-{i:02d}/" in text


def test_permalinks_are_absolute_once_the_site_address_is_known():
    from builder.planning.pages import Planner
    planner = Planner.__new__(Planner)
    planner.site_url = "https://example.org/briefing"
    assert planner.permalink("events/x/") == "https://example.org/briefing/events/x/"
    planner.site_url = ""
    assert planner.permalink("events/x/") == "events/x/"


def test_a_rebuild_after_one_edit_lays_out_only_that_months_pdf(tmp_path, monkeypatch):
    from builder.rendering import pdf
    from builder.hosts.cli import main
    from conftest import write_corpus
    files = {**_dense_event(0, DENSE_TITLES[0], "2025-03"), **_dense_event(1, DENSE_TITLES[1], "2025-04")}
    content = write_corpus(tmp_path, files)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1750000000")
    monkeypatch.setenv("BRIEFING_CACHE", str(tmp_path / "cache"))
    made = []
    real = pdf.render_pdf
    monkeypatch.setattr(pdf, "render_pdf", lambda html, path, files, fonts=None: made.append(path) or real(html, path, files, fonts))
    build = ["build", "--content", str(content), "--no-search", "--jobs", "1"]
    assert main([*build, "--site-dir", str(tmp_path / "one")]) == 0
    assert sorted(made) == ["briefs/2025-03/", "briefs/2025-04/", "briefs/2025-05/"]
    made.clear()
    event = next(content.glob("events/2025/2025-04-*.yaml"))
    event.write_text(event.read_text(encoding="utf-8").replace(DENSE_TITLES[1], "عنوان جديد للحدث بعد التصحيح"),
                     encoding="utf-8")
    assert main([*build, "--site-dir", str(tmp_path / "two")]) == 0
    assert made == ["briefs/2025-04/"]
    one, two = tree(tmp_path / "one"), tree(tmp_path / "two")
    assert one["briefs/2025-03/brief-2025-03.pdf"] == two["briefs/2025-03/brief-2025-03.pdf"]
    assert one["briefs/2025-04/brief-2025-04.pdf"] != two["briefs/2025-04/brief-2025-04.pdf"]


def test_a_cached_pdf_is_made_again_when_a_font_it_used_changed(tmp_path, monkeypatch):
    from builder.rendering import pdf
    from builder.rendering.site_files import SiteFiles
    monkeypatch.setenv("BRIEFING_CACHE", str(tmp_path / "cache"))
    files = SiteFiles(None)
    files.add("assets/fonts/a.woff2", b"one")
    made = (b"%PDF-", (("assets/fonts/a.woff2", pdf.digest(b"one")),))
    assert pdf._current(made, files)
    files.files["assets/fonts/a.woff2"] = b"two"
    assert not pdf._current(made, files)
    assert not pdf._current(made, SiteFiles(None))
    assert not pdf._current(None, files)


def test_a_pdf_does_not_depend_on_the_briefs_laid_out_before_it_in_its_process(built):
    """Workers share one font configuration across briefs; which briefs a worker got must not show."""
    from builder.rendering import pdf
    from builder.rendering.site_files import SiteFiles
    site = built / "one"
    files = SiteFiles(None)
    for path in site.rglob("*.woff2"):
        files.add(path.relative_to(site).as_posix(), path.read_bytes())
    first = "<!doctype html><html lang=ar dir=rtl><head><title>أ</title><style>@font-face { font-family: A; src: url(../../assets/fonts/amiri-arabic-400-normal.woff2) } html { font-family: A }</style></head><body><p>{}</p></body></html>"
    one, other = first.replace("{}", "رتل يعبر شرق سوريا").encode(), first.replace("{}", "طائرات مسيرة فوق الريف الشمالي").encode()
    alone = pdf.render_pdf(one, "briefs/2025-05/", files, pdf.Fonts())
    fonts = pdf.Fonts()
    pdf.render_pdf(other, "briefs/2025-05/", files, fonts)
    after = pdf.render_pdf(one, "briefs/2025-05/", files, fonts)
    assert alone == after
