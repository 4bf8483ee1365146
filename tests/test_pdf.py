"""PDF briefs: linked from their brief, Arabic shaped and searchable, fonts embedded, reproducible."""

from __future__ import annotations

import json
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
    real = pdf.Typesetter.pdf
    monkeypatch.setattr(pdf.Typesetter, "pdf", lambda self, document, path: made.append(path) or real(self, document, path))
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


def _document(title: str, summary: str) -> bytes:
    event = {"id": "e", "title": title, "meta": ["3 أيار 2025", "رتل"], "permalink": {"href": "events/e/", "text": "events/e/"},
             "summary": [{"tag": "p", "children": [summary]}], "citations": []}
    return json.dumps({"name": title, "name_site": "موجز", "title": title, "site": "موجز", "about": "حدث واحد",
                       "permalink": {"href": "briefs/2025-05/", "text": "briefs/2025-05/"}, "events": [event],
                       "words": {"page": "صفحة", "page_of": "من", "permalink": "الرابط الدائم"}}).encode()


def _setter(site: Path):
    import datetime as dt
    from builder.pipeline.build import THEME
    from builder.rendering import pdf
    from builder.rendering.site_files import SiteFiles
    files = SiteFiles(None)
    for path in site.rglob("*.woff2"):
        files.add(path.relative_to(site).as_posix(), path.read_bytes())
    return pdf.Typesetter(pdf.print_layout(THEME), files, dt.datetime(2025, 6, 1, tzinfo=dt.timezone.utc))


def test_a_pdf_does_not_depend_on_the_briefs_typeset_before_it_in_its_process(built):
    """Workers keep one Typst compiler (and its memo of earlier layouts) across briefs; which briefs
    a worker got must not show in the bytes."""
    one, other = _document("رتل يعبر شرق سوريا", "نص أول"), _document("طائرات مسيرة فوق الريف الشمالي", "نص آخر")
    alone = _setter(built / "one").pdf(one, "briefs/2025-05/")
    setter = _setter(built / "one")
    setter.pdf(other, "briefs/2025-05/")
    assert setter.pdf(one, "briefs/2025-05/") == alone
    setter.close()


@needs_poppler
def test_a_brief_is_data_to_the_layout_never_markup(built, tmp_path):
    """Titles, summaries and quotes reach Typst as JSON strings: Typst's own syntax in them is printed
    as written, never run (no file read, no layout changed)."""
    hostile = '#read("/etc/passwd") #set page(width: 1cm) *bold* $x$ = heading <label> @ref #{1+1} \\'
    made, fonts = _setter(built / "one").pdf(_document(hostile, hostile), "briefs/2025-05/")
    (tmp_path / "x.pdf").write_bytes(made)
    text = _text(tmp_path / "x.pdf")
    # (A Latin-only line reads backwards in a right-to-left paragraph; each piece is still there.)
    for piece in ('read("/etc/passwd")', "#{1+1}", "*bold*", "$x$", "<label>", "@ref", "#set page(width: 1cm)"):
        assert text.count(piece) == 3, piece  # the brief's title, the event's, its summary
    assert "root:" not in text
    info = subprocess.run(["pdfinfo", str(tmp_path / "x.pdf")], capture_output=True, text=True, check=True).stdout
    assert "595.276 x 841.89" in info  # still A4
    assert fonts and all(path.startswith("assets/fonts/") for path, _ in fonts)


def test_a_broken_layout_is_an_error_naming_the_layout_not_a_traceback(built):
    from builder.common.diagnostics import BriefingError
    setter = _setter(built / "one")
    setter.layout = b"#let data = json(bytes(sys.inputs.brief))\n#data.nothing"
    with pytest.raises(BriefingError) as caught:
        setter.pdf(_document("عنوان", "نص"), "briefs/2025-05/")
    assert "briefs/2025-05/" in str(caught.value) and "templates/print/brief.typ:2:" in str(caught.value)
    assert "briefing-fonts-" not in str(caught.value), "named by its theme path, not Typst's temporary copy"
    setter.close()


@pytest.mark.parametrize("title, shown", [("رتل 🚚 يعبر", "'🚚' (U+1F69A)"), ("قاعدة 中", "'中' (U+4E2D)"),
                                          ("أسرة 👨\u200d👩\u200d👧", "'\u200d' (U+200D)")])
def test_a_character_the_fonts_cannot_print_is_named_not_blamed_on_the_layout(built, title, shown):
    """The PDF (tagged, PDF/UA) must be able to show every character; an emoji or a CJK letter in a
    title, which the site's fonts have no glyph for, is named with its code point and a hint for the
    editor, not reported as a fault of the layout."""
    from builder.common.diagnostics import BriefingError
    setter = _setter(built / "one")
    with pytest.raises(BriefingError) as caught:
        setter.pdf(_document(title, "نص"), "briefs/2025-05/")
    message = str(caught.value)
    assert f"the PDF of briefs/2025-05/ cannot print" in message and shown in message, message
    assert "layout" not in message and "write it in words" in message
    setter.close()


def test_every_tag_the_sanitiser_keeps_is_drawn_or_only_groups_its_text():
    """The summary's tree covers the whole allow-list: a tag the sanitiser lets through and the layout
    does not know would print its text unstyled, so the set is checked against the sanitiser's."""
    from builder.prose.markdown import _TAGS
    from builder.rendering.typeset import DRAWN
    assert DRAWN <= _TAGS and _TAGS - DRAWN == {"span", "bdi", "thead", "tbody"}


def test_a_summary_becomes_a_tree_of_its_tags_with_every_word_kept():
    from builder.prose.markdown import render_markdown
    from builder.rendering.typeset import html_nodes
    summary = ("قال **مسؤول** إن [الرتل](https://example.org/a?b=1&c=2) عبر *ليلًا* نحو قاعدة Green Village.\n\n"
               "- أولًا\n- ثانيًا\n\n3. ثالثًا\n\n| أ | ب |\n|---|---|\n| 1 | 2 |\n| 3 |  |\n\n> اقتباس\n")
    nodes = html_nodes(render_markdown(summary))
    tags = [n["tag"] for n in nodes]
    assert tags == ["p", "ul", "ol", "table", "blockquote"]
    paragraph = nodes[0]["children"]
    assert {"tag": "strong", "children": ["مسؤول"]} in paragraph
    link = next(n for n in paragraph if isinstance(n, dict) and n["tag"] == "a")
    assert link["href"] == "https://example.org/a?b=1&c=2" and link["children"] == ["الرتل"]
    assert "\u2066Green Village\u2069" in "".join(n for n in paragraph if isinstance(n, str))
    assert [li["tag"] for li in nodes[1]["children"]] == ["li", "li"]
    assert nodes[2]["start"] == 3
    assert nodes[3]["columns"] == 2 and len(nodes[3]["children"]) == 6  # the short row filled out

    def text(node):
        return node if isinstance(node, str) else "".join(text(c) for c in node["children"])
    for word in ("مسؤول", "الرتل", "ليلًا", "أولًا", "ثانيًا", "ثالثًا", "اقتباس"):
        assert word in "".join(text(n) for n in nodes)


def test_the_print_layout_reads_only_fields_the_brief_document_has(built):
    """Like the HTML templates' contract: every `data.X`, `event.X`, `citation.X`, `words.X` and
    summary node field the Typst layout reads is a key of the JSON the builder gives it."""
    from builder.pipeline.build import THEME
    layout = (THEME / "print" / "brief.typ").read_text(encoding="utf-8")
    document = json.loads(_document("عنوان", "نص"))
    real = {"data": set(document), "words": set(document["words"]), "event": set(document["events"][0]),
            "citation": {"quote", "footer", "contradicts"}, "address": {"href", "text"},
            "n": {"tag", "children", "href", "start", "columns"}}
    from builder.rendering import typeset
    doc = typeset.__doc__
    for name, keys in real.items():
        for field in re.findall(rf"\b{name}\.([a-z_]+)\b", layout):
            if field in ("at", "map", "join", "filter", "starts-with"):
                continue
            assert field in keys, f"brief.typ reads {name}.{field}, which the brief's data does not have"
            assert f'"{field}"' in doc, f"typeset.py's docstring does not give the shape of {field}"


def test_builds_of_the_same_day_reuse_each_others_pdfs(tmp_path, monkeypatch):
    """A PDF is dated by its edition's day, the day it prints: two builds an hour apart (no
    SOURCE_DATE_EPOCH, as on an editor's machine) typeset nothing again; the next day's build does."""
    from builder.rendering import pdf
    from builder.hosts.cli import main
    from conftest import write_corpus
    content = write_corpus(tmp_path, _dense_event(0, DENSE_TITLES[0], "2025-03"))
    monkeypatch.setenv("BRIEFING_CACHE", str(tmp_path / "cache"))
    made = []
    real = pdf.Typesetter.pdf
    monkeypatch.setattr(pdf.Typesetter, "pdf", lambda self, document, path: made.append(path) or real(self, document, path))
    build = ["build", "--content", str(content), "--no-search", "--jobs", "1"]
    for epoch, site in (("1750000000", "one"), ("1750003600", "two")):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
        assert main([*build, "--site-dir", str(tmp_path / site)]) == 0
    assert sorted(made) == ["briefs/2025-03/", "briefs/2025-05/"]
    assert tree(tmp_path / "one")["briefs/2025-03/brief-2025-03.pdf"] == tree(tmp_path / "two")["briefs/2025-03/brief-2025-03.pdf"]
    made.clear()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(1750000000 + 86400))
    assert main([*build, "--site-dir", str(tmp_path / "three")]) == 0
    assert sorted(made) == ["briefs/2025-03/", "briefs/2025-05/"]


def test_every_admiralty_grade_is_printed_with_its_code_and_brackets_isolated():
    from builder.arabic import wording

    for scale in (wording.RELIABILITY, wording.CREDIBILITY):
        for code, label in scale.items():
            assert wording.grade(code, scale) == f'{label} <bdi dir="ltr">({code})</bdi>'


@needs_poppler
def test_a_grade_keeps_both_brackets_on_every_page_feed_and_pdf(built):
    """A grade's code and brackets are one left-to-right run wherever a grade is printed: the event and
    source pages, the brief's PDF (typeset from the brief's data, where the run is LRI…PDI), and nothing
    else prints one bare (the feeds and the CSV carry the letter alone). Unisolated, the PDF drew «…ما )C(»."""
    from builder.arabic import wording

    codes = "|".join([*wording.RELIABILITY, *wording.CREDIBILITY])
    bare = re.compile(rf'(?<!<bdi dir="ltr">)\((?:{codes})\)')
    printed = 0
    for path in sorted((built / "one").rglob("*")):
        if path.suffix in (".html", ".xml", ".csv"):
            text = path.read_text(encoding="utf-8")
            assert not bare.search(text), (path, bare.search(text))
            printed += text.count('<bdi dir="ltr">(C)</bdi>') + text.count('<bdi dir="ltr">(2)</bdi>')
    assert printed >= 3  # the source page, the event page's credibility and its citation
    words = subprocess.run(["pdftotext", "-bbox", str(built / "one/briefs/2025-05/brief-2025-05.pdf"), "-"],
                           capture_output=True, text=True, check=True).stdout
    assert ">(C)</word>" in words, [w for w in words.splitlines() if "C" in w and "<word" in w]


def _typesets(setter, summary: str) -> None:
    from builder.prose.markdown import render_markdown
    from builder.rendering.typeset import html_nodes
    event = json.loads(_document("عنوان", "نص"))
    event["events"][0]["summary"] = html_nodes(render_markdown(summary))
    setter.pdf(json.dumps(event).encode(), "briefs/2025-05/")


def test_markdown_nested_to_the_limit_check_allows_is_typeset(built):
    """Typst has a maximum depth of its own; whatever nesting check lets through must stay inside it."""
    from test_markdown_rules import NESTED
    setter = _setter(built / "one")
    for make in NESTED.values():
        _typesets(setter, make(MAX_NESTING))
    setter.close()


from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402

from builder.prose.rules import MAX_NESTING, problems  # noqa: E402

_INLINE = {"bold": "**{} قوي**", "italic": "*{} مائل*", "link": "[{} رابط](https://example.org/a)", "code": "`رمز {}`"}


def _wrap_blocks(lines: list[str], kind: str) -> list[str]:
    if kind == "quote":
        return ["> " + line for line in lines]
    marker = "- " if kind == "bullet" else "1. "
    return [marker + lines[0], *("    " + line for line in lines[1:])]


@st.composite
def _nested_summary(draw):
    inline = draw(st.lists(st.sampled_from(sorted(_INLINE)), max_size=4, unique=True))
    text = "نص"
    for kind in sorted(inline, key=lambda k: k == "code", reverse=True):  # a code span holds no other style
        text = _INLINE[kind].format(text)
    leaf = draw(st.sampled_from(["paragraph", "table", "heading"]))
    lines = {"paragraph": [f"فقرة {text}", "", "فقرة ثانية"], "heading": [f"### عنوان {text}"],
             "table": ["| أ | ب |", "|---|--:|", f"| {text} | 2 |", "| 3 |"]}[leaf]
    for kind in draw(st.lists(st.sampled_from(["quote", "bullet", "number"]), max_size=MAX_NESTING + 2)):
        lines = _wrap_blocks(lines, kind)
    return "\n".join(lines)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(summary=_nested_summary())
def test_every_nested_summary_check_accepts_is_typeset(built, summary):
    if problems(summary):
        return
    setter = _setter(built / "one")
    try:
        _typesets(setter, summary)
    finally:
        setter.close()


A4_WIDTH, MARGIN = 595.2756, 14 * 72 / 25.4  # points; the layout's side margins are 14 mm


def _beyond_margins(pdf: bytes, tmp_path: Path) -> list[str]:
    """Every word `pdftotext -bbox` finds with any part outside the page's side margins."""
    (tmp_path / "x.pdf").write_bytes(pdf)
    boxes = subprocess.run(["pdftotext", "-bbox", str(tmp_path / "x.pdf"), "-"], capture_output=True, text=True,
                           check=True).stdout
    words = re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', boxes)
    assert words
    return [word for low, high, word in words if float(low) < MARGIN - 0.5 or float(high) > A4_WIDTH - MARGIN + 0.5]


def _every_field(text: str) -> list[bytes]:
    """A brief's JSON with `text` in one printed field at a time: every string the layout prints."""
    out = []
    fields = ["title", "site", "about", "permalink", "event title", "meta", "summary", "summary link",
              "event permalink", "quote", "footer"]
    for field in fields:
        document = json.loads(_document("عنوان", "نص"))
        event = document["events"][0]
        event["citations"] = [{"quote": "نص مقتبس", "footer": ["صحيفة", "موثوقية: C"], "contradicts": False}]
        if field in ("title", "site", "about"):
            document[field] = text
        elif field == "permalink":
            document["permalink"] = {"href": text, "text": text}
        elif field == "event title":
            event["title"] = text
        elif field == "meta":
            event["meta"] = ["3 أيار 2025", text]
        elif field == "summary":
            event["summary"] = [{"tag": "p", "children": ["قبل ", text, " بعد"]}]
        elif field == "summary link":
            event["summary"] = [{"tag": "p", "children": [{"tag": "a", "href": "https://example.org/", "children": [text]}]}]
        elif field == "event permalink":
            event["permalink"] = {"href": text, "text": text}
        elif field == "quote":
            event["citations"][0]["quote"] = text
        else:
            event["citations"][0]["footer"] = [text]
        out.append(json.dumps(document, ensure_ascii=False).encode())
    return out


UNSPACED = {  # runs with no space a line cannot hold, as an editor might paste them
    "arabic-letters": "سلام" * 100,
    "latin-letters": "x" * 400,
    "address": "https://example.org/" + "%D8%B3%D9%88%D8%B1%D9%8A%D8%A7" * 12,
    "isolated-address": "\u2066https://example.org/" + "a" * 380 + "\u2069",
    "digits": "٣" * 400,
}


@needs_poppler
@pytest.mark.parametrize("text", UNSPACED.values(), ids=UNSPACED.keys())
def test_no_field_runs_off_the_page_however_long_its_words(built, tmp_path, text):
    setter = _setter(built / "one")
    for field, document in enumerate(_every_field(text)):
        pdf, _ = setter.pdf(document, "briefs/2025-05/")
        assert _beyond_margins(pdf, tmp_path) == [], field
        (tmp_path / "x.pdf").write_bytes(pdf)
        # Every character is still there (a run over several lines may come back in pieces: pdftotext
        # orders the pieces of a line by their direction).
        extracted = _text(tmp_path / "x.pdf")
        assert all(extracted.count(c) >= text.count(c) for c in set(text.strip("\u2066\u2069"))), field
    setter.close()


@needs_poppler
def test_an_event_awaiting_review_is_marked_so_in_its_brief_pdf(tmp_path, monkeypatch):
    """As on its card and its page: the PDF says an event is unreviewed, and only that one."""
    from builder.hosts.cli import main
    from conftest import write_corpus
    files = {**_dense_event(0, DENSE_TITLES[0]), **_dense_event(1, DENSE_TITLES[1])}
    pending = next(k for k in files if "dense-01" in k)
    files[pending] = files[pending].replace("        credibility: 2\n", "        credibility: 2\n        review: pending\n")
    content = write_corpus(tmp_path, files)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1750000000")
    assert main(["build", "--content", str(content), "--site-dir", str(tmp_path / "site"), "--no-search"]) == 0
    text = _text(tmp_path / "site/briefs/2025-03/brief-2025-03.pdf")
    assert text.count("بانتظار المراجعة") == 1
    assert text.index(DENSE_TITLES[1]) < text.index("بانتظار المراجعة")
