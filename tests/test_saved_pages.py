"""`briefing add-source` takes articles as editors keep them: a saved web page or a WARC record. The text
is what trafilatura extracts, the date what the page's metadata says (htmldate), the address its
canonical link, and the original bytes are archived beside the text with their SHA-256, which
`check` holds them to and the source's page shows. The pages below were written for these tests."""

from __future__ import annotations

import gzip
import hashlib
import io
import re
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

HEADLINE = "رتل من عشرين شاحنة للتحالف يدخل قاعدة الشدادي جنوبي الحسكة"
BODY = (
    "الحسكة – مراسل الخابور",
    "دخل رتل تابع للتحالف الدولي يضم عشرين شاحنة محملة بمعدات لوجستية وصهاريج وقود إلى قاعدة الشدادي جنوبي "
    "الحسكة، صباح اليوم الجمعة، قادمًا من معبر الوليد الحدودي مع العراق.",
    "وقال مصدر محلي للموقع إن الرتل رافقته مدرعات من طراز برادلي، وسلك الطريق الدولي المار بمدينة تل تمر قبل أن "
    "يتجه جنوبًا نحو القاعدة.",
    "وتأتي هذه التعزيزات بعد أيام من انسحاب مجموعة من الجنود من نقطة قرب حقل العمر النفطي في ريف دير الزور الشرقي، "
    "بحسب المصدر ذاته.",
    "ولم يصدر عن التحالف أي تعليق رسمي على حركة الأرتال حتى ساعة إعداد هذا الخبر.",
)
CANONICAL = "https://news.example.org/2025/03/14/convoy-shaddadi/"
# Site chrome that must not reach the archived text, nor date it: a banner clock of another day, a menu,
# a most-read box and a footer with a copyright year.
CHROME = ("الخميس 07 آذار 2024 | آخر تحديث 10:42", "الأكثر قراءة", "انقطاع الكهرباء عن أحياء في القامشلي",
          "جميع الحقوق محفوظة", "الرئيسية")


def page(charset: str | None = "utf-8", published: str | None = "2025-03-14T09:20:00+03:00", canonical: bool = True,
         body: tuple[str, ...] = BODY, headline: str = HEADLINE, script: str = "", site_name: str | None = None,
         address: str = CANONICAL) -> str:
    """A news page as a browser saves it (Ctrl+S, HTML only)."""
    paragraphs = "\n".join(f"<p>{p}</p>" for p in body)
    return f"""<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head>
{f'<meta charset="{charset}">' if charset else ''}
<title>{headline} | موقع الخابور الإخباري</title>
{f'<link rel="canonical" href="{address}">' if canonical else ''}{
    f'<meta property="og:site_name" content="{site_name}">' if site_name is not None else ''}
<meta property="og:url" content="https://news.example.org/?p=4821&amp;utm_source=share">
<meta property="og:title" content="{headline}">
{f'<meta property="article:published_time" content="{published}">' if published else ''}
<script>{script}</script>
</head>
<body>
<div class="top-bar">{CHROME[0]}</div>
<nav><ul><li><a href="/">الرئيسية</a></li><li><a href="/syria">سوريا</a></li><li><a href="/reports">تقارير</a></li></ul></nav>
<main>
<article>
<h1>{headline}</h1>
<div class="byline">كتبه: فريق التحرير</div>
{paragraphs}
</article>
<aside><h3>الأكثر قراءة</h3><ul><li><a href="/a">انقطاع الكهرباء عن أحياء في القامشلي لليوم الثالث</a></li>
<li><a href="/b">ارتفاع أسعار الخبز في مدينة الرقة</a></li></ul></aside>
</main>
<footer><p>جميع الحقوق محفوظة © 2024 موقع الخابور الإخباري</p></footer>
</body>
</html>
"""


def warc(*records: tuple[str, str, bytes, str], gz: bool = True) -> bytes:
    """A WARC file as a crawler writes it: for each (uri, content type, body, status), a request record
    and its response record."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)
    for uri, content_type, body, status in records:
        path = "/" + uri.split("/", 3)[3]
        request = StatusAndHeaders(f"GET {path} HTTP/1.1", [("Host", "news.example.org")], is_http_request=True)
        writer.write_record(writer.create_warc_record(uri, "request", payload=io.BytesIO(b""), http_headers=request))
        response = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            uri, "response", payload=io.BytesIO(body), http_headers=response,
            warc_headers_dict={"WARC-Date": "2025-03-15T06:30:00Z"}))
    return out.getvalue()


def added(content: Path, stem: str = "khabour") -> tuple[str, str, dict[str, Path]]:
    """The one source add-source wrote: its id, its metadata, and its files by suffix."""
    [meta] = [p for p in content.glob(f"sources/{stem}-*.yaml")]
    files = {p.name[len(meta.stem):]: p for p in content.glob(f"sources/{meta.stem}.*")}
    return meta.stem, meta.read_text(encoding="utf-8"), files


def add(run, tmp_path: Path, name: str, data: bytes, *options: str):
    (tmp_path / name).write_bytes(data)
    return run("add-source", name, "--content", "content", "--outlet", "الخابور", "--outlet-en", "Khabour", *options)


def test_a_saved_page_becomes_a_source_with_its_metadata_date_canonical_address_and_original(
        tmp_path, run, make_corpus):
    content = make_corpus()
    raw = page().encode("utf-8")
    code, out, err = add(run, tmp_path, "saved.html", raw)
    assert code == 0, err
    source_id, meta, files = added(content)
    assert sorted(files) == [".html", ".txt", ".yaml"]
    # The text is the article, one paragraph a line, without the page's chrome.
    text = files[".txt"].read_text(encoding="utf-8")
    assert text == "\n".join((HEADLINE, *BODY)) + "\n"
    assert not any(chrome in text for chrome in CHROME)
    # The date is the page's own (article:published_time), not the banner's 2024 nor the footer's year.
    assert "published: 2025-03-14" in meta and source_id == f"khabour-2025-03-14-{hashlib.sha256(text.encode()).hexdigest()[:6]}"
    assert "published 2025-03-14 (from the page's metadata, read by htmldate)" in out
    assert f"url: {CANONICAL}" in meta, "the canonical link, not og:url with its tracking parameters"
    assert f"title: \"{HEADLINE}\"" in meta
    # The original is the saved page, byte for byte, its hash in the metadata.
    digest = hashlib.sha256(raw).hexdigest()
    assert files[".html"].read_bytes() == raw
    assert f"original: {{file: {source_id}.html, sha256: {digest}}}" in meta
    assert "قُرئ من الصفحة المحفوظة آليًا: نص المقال، تاريخ النشر من البيانات الوصفية للصفحة" in meta
    code, _, err = run("build", "--content", "content", "--no-search")
    assert code == 0, err
    html = (tmp_path / "site" / "sources" / source_id / "index.html").read_text(encoding="utf-8")
    shown = re.search(r'<dt>بصمة الأصل \(SHA-256\)</dt>\s*<dd><code class="hash" dir="ltr" title="([0-9a-f]{64})">', html)
    assert shown and shown.group(1) == digest
    assert hashlib.sha256(text.encode()).hexdigest() in html, "beside the text's own hash"
    link = re.search(r'<a class="url" href="\.\./\.\./(sources/[^"]+)" download="([^"]+)"', html)
    assert link and link.group(2) == f"{source_id}.html"
    served = tmp_path / "site" / link.group(1)
    assert served.read_bytes() == raw and served.name.endswith(".html.txt")


def test_the_date_precedence_is_option_then_metadata_then_dateline(tmp_path, run, make_corpus):
    make_corpus()
    code, out, err = add(run, tmp_path, "a.html", page().encode(), "--published", "2025-03-13", "--id", "given")
    assert code == 0, err
    assert "published: 2025-03-13" in (tmp_path / "content/sources/given.yaml").read_text(encoding="utf-8")
    # No date in the metadata nor in the address: the dateline in the extracted text is read, as for text.
    dated = ("الحسكة – السبت 15 آذار 2025", *BODY[1:])
    code, out, err = add(run, tmp_path, "b.html", page(published=None, canonical=False, body=dated).encode(),
                         "--id", "dateline")
    assert code == 0, err
    assert "published: 2025-03-15" in (tmp_path / "content/sources/dateline.yaml").read_text(encoding="utf-8")
    assert "the page's metadata gives no date; from the dateline on line 2" in out
    # The metadata beats a dateline that disagrees, and the editor is told of the disagreement.
    other = ("الحسكة – الأحد 16 آذار 2025", *BODY[1:4])
    code, out, err = add(run, tmp_path, "c.html", page(body=other, address=CANONICAL + "update/").encode(),
                         "--id", "metadata")
    assert code == 0, err
    assert "published: 2025-03-14" in (tmp_path / "content/sources/metadata.yaml").read_text(encoding="utf-8")
    assert "the text's dateline on line 2 gives 2025-03-16" in out
    # Neither: the editor is asked for the date, and nothing is written.
    code, _, err = add(run, tmp_path, "d.html", page(published=None, canonical=False, body=BODY[1:]).encode(),
                       "--id", "undated")
    assert code == 1 and "[article-date]" in err and "--published" in err
    assert not list((tmp_path / "content/sources").glob("undated*"))


def test_a_windows_1256_page_is_decoded_by_its_declared_charset(tmp_path, run, make_corpus):
    content = make_corpus()
    raw = page(charset="windows-1256").encode("cp1256")
    code, out, err = add(run, tmp_path, "cp1256.htm", raw)
    assert code == 0, err
    source_id, meta, files = added(content)
    assert files[".txt"].read_text(encoding="utf-8") == "\n".join((HEADLINE, *BODY)) + "\n"
    assert files[".html"].read_bytes() == raw, "the original keeps its own encoding"
    assert "charset cp1256 (from the page's <meta> charset)" in out
    assert run("check", "--content", "content")[0] == 0


def test_a_page_that_declares_no_charset_is_read_as_utf8_or_refused_without_a_guess(tmp_path, run, make_corpus):
    make_corpus()
    raw = page(charset=None).encode("cp1256")
    code, _, err = add(run, tmp_path, "bare.html", raw)
    assert code == 1 and "[article-charset]" in err and "--charset windows-1256" in err and "Traceback" not in err
    assert not list((tmp_path / "content/sources").glob("khabour*"))
    code, _, err = add(run, tmp_path, "bare.html", raw, "--charset", "windows-1256")
    assert code == 0, err


def test_a_page_without_article_text_is_refused(tmp_path, run, make_corpus):
    make_corpus()
    empty = "<!DOCTYPE html><html><head><meta charset='utf-8'><title>الرئيسية</title></head><body><nav></nav></body></html>"
    code, _, err = add(run, tmp_path, "front.html", empty.encode())
    assert code == 1 and "no article text found in the page [article-extract]" in err
    assert err.startswith("front.html: error:")
    assert not list((tmp_path / "content/sources").glob("khabour*"))


@pytest.mark.parametrize("gz", [True, False], ids=["warc.gz", "warc"])
def test_a_warc_record_becomes_a_source_with_its_date_and_the_record_archived(tmp_path, run, make_corpus, gz):
    content = make_corpus()
    body = page(charset=None).encode("cp1256")  # the charset is in the HTTP header only
    data = warc((CANONICAL, "text/html; charset=windows-1256", body, "200 OK"), gz=gz)
    name = "capture.warc.gz" if gz else "capture.warc"
    code, out, err = add(run, tmp_path, name, data)
    assert code == 0, err
    source_id, meta, files = added(content)
    suffix = ".warc.gz" if gz else ".warc"
    assert sorted(files) == sorted([suffix, ".txt", ".yaml"])
    assert files[".txt"].read_text(encoding="utf-8") == "\n".join((HEADLINE, *BODY)) + "\n"
    assert "published: 2025-03-14" in meta and f"url: {CANONICAL}" in meta
    assert "retrieved: 2025-03-15" in meta, "the capture's WARC-Date"
    assert "charset cp1256 (from the HTTP Content-Type header)" in out
    # The response record alone, verbatim: the request record is not archived, the response is whole.
    record = files[suffix].read_bytes()
    assert record in data and record.startswith(b"\x1f\x8b" if gz else b"WARC/1.")
    from warcio.archiveiterator import ArchiveIterator
    [kept] = [(r.rec_type, r.content_stream().read()) for r in ArchiveIterator(io.BytesIO(record))]
    assert kept == ("response", body)
    assert f"sha256: {hashlib.sha256(record).hexdigest()}" in meta
    assert run("check", "--content", "content")[0] == 0
    code, _, err = run("build", "--content", "content", "--no-search")
    assert code == 0, err
    assert (tmp_path / "site" / "sources" / source_id / f"{source_id}{suffix}").read_bytes() == record


def test_a_warc_of_several_pages_needs_the_record_named(tmp_path, run, make_corpus):
    make_corpus()
    second = "https://news.example.org/2025/03/14/other/"
    other = page(headline="تدريبات مشتركة لقوات التحالف في محيط حقل كونيكو شرقي دير الزور",
                 body=("دير الزور – مراسل الخابور",
                       "أجرت قوات التحالف الدولي تدريبات بالذخيرة الحية في محيط حقل كونيكو للغاز، شارك فيها عدد من "
                       "المدرعات والطائرات المروحية، وفق ما أفاد به سكان في المنطقة.")).encode()
    data = warc((CANONICAL, "text/html; charset=utf-8", page().encode(), "200 OK"),
                (second, "text/html", other, "200 OK"))
    code, _, err = add(run, tmp_path, "crawl.warc.gz", data)
    assert code == 1 and "holds 2 HTML responses; which one is the article? [article-warc]" in err
    assert CANONICAL in err and second in err and "--record" in err
    assert not list((tmp_path / "content/sources").glob("khabour*"))
    code, _, err = add(run, tmp_path, "crawl.warc.gz", data, "--record", "https://news.example.org/nothing/")
    assert code == 1 and "no HTML response in crawl.warc.gz is 'https://news.example.org/nothing/'" in err
    code, out, err = add(run, tmp_path, "crawl.warc.gz", data, "--record", second)
    assert code == 0, err
    _, meta, _ = added(tmp_path / "content")
    assert "title: \"تدريبات مشتركة لقوات التحالف في محيط حقل كونيكو شرقي دير الزور\"" in meta


def _without_target_uri(body: bytes) -> bytes:
    """A response record as a hand-made tool might write it: no WARC-Target-URI, which warcio needs."""
    block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + body
    head = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\n"
            b"WARC-Date: 2025-03-15T06:30:00Z\r\nContent-Type: application/http; msgtype=response\r\n"
            b"Content-Length: " + str(len(block)).encode() + b"\r\n\r\n")
    return gzip.compress(head + block + b"\r\n\r\n")


@pytest.mark.parametrize("data, message", [
    (warc(("https://news.example.org/logo.png", "image/png", b"\x89PNG", "200 OK")), "holds no HTML response"),
    (warc((CANONICAL, "text/html", page().encode(), "404 Not Found")), "holds no HTML response"),
    (b"\x1f\x8b\x08\x00garbage", "not a readable WARC file"),
    (gzip.compress(warc((CANONICAL, "text/html", page().encode(), "200 OK"), gz=False)), "warcio recompress"),
    (warc((CANONICAL, "text/html", page().encode(), "200 OK"))[:700], "not a readable WARC file"),
    (_without_target_uri(page().encode()), "warcio could not read a record"),
    (gzip.compress(bytes(range(256)) * 8), "not a readable WARC file"),
], ids=["image-only", "not-found", "bad-gzip", "one-gzip-member", "cut-short", "no-target-uri", "random-bytes"])
def test_a_warc_that_cannot_give_an_article_is_refused(tmp_path, run, make_corpus, data, message):
    make_corpus()
    code, _, err = add(run, tmp_path, "capture.warc.gz", data)
    assert code == 1 and "[article-warc]" in err and message in err, err
    assert "Traceback" not in err and err.startswith("capture.warc.gz: error:")
    assert max(map(len, err.splitlines())) < 220  # a parser's quote of the file's bytes is cut short
    assert not list((tmp_path / "content/sources").glob("khabour*"))


def test_check_holds_the_original_to_its_recorded_hash(tmp_path, run, make_corpus):
    content = make_corpus()
    assert add(run, tmp_path, "saved.html", page().encode())[0] == 0
    source_id, meta, files = added(content)
    line = next(n for n, text in enumerate(meta.splitlines(), 1) if text.startswith("original:"))
    original = files[".html"]
    kept = original.read_bytes()
    original.write_bytes(kept.replace(b"2025-03-14T09:20", b"2025-03-10T09:20"))
    code, _, err = run("check", "--content", "content")
    assert code == 1 and re.search(rf"content/sources/{source_id}.yaml:{line}:\d+: error: {source_id}.html has SHA-256 "
                                   r"[0-9a-f]{16}…, not the [0-9a-f]{16}… recorded here: the archived original was "
                                   r"changed \[source-original\]", err), err
    original.unlink()
    code, _, err = run("check", "--content", "content")
    assert code == 1 and f"content/sources/{source_id}.yaml:{line}:18: error: the original '{source_id}.html' is missing" in err
    original.write_bytes(kept)
    assert run("check", "--content", "content")[0] == 0
    # An original no metadata names is not silently published, nor kept out of sight.
    (content / "sources" / "alarab-2025-05-03.warc").write_bytes(b"WARC/1.1\r\n")
    code, _, err = run("check", "--content", "content")
    assert code == 1 and "content/sources/alarab-2025-05-03.warc: error: 'alarab-2025-05-03.warc' is not named" in err


def test_a_hostile_saved_page_is_never_served_as_a_page(tmp_path, run, make_corpus):
    """The saved page is another site's markup, script and all: the site offers it only under a name
    static hosts serve as text, and links to it as a download."""
    make_corpus()
    raw = page(script="fetch('/steal?c=' + document.cookie)").encode()
    assert add(run, tmp_path, "saved.html", raw)[0] == 0
    assert run("build", "--content", "content", "--no-search")[0] == 0
    site = tmp_path / "site"
    holding = [p for p in site.rglob("*") if p.is_file() and b"document.cookie" in p.read_bytes()]
    assert holding and all(p.suffix == ".txt" for p in holding), holding


def test_an_uncompressed_warc_cut_inside_the_article_is_refused(tmp_path, run, make_corpus):
    make_corpus()
    data = warc((CANONICAL, "text/html", page().encode(), "200 OK"), gz=False)
    code, _, err = add(run, tmp_path, "capture.warc", data[:-300])
    assert code == 1 and f"the record of {CANONICAL} is cut short [article-warc]" in err, err


def test_a_preview_serves_the_original_through_edits_as_a_full_build_does(tmp_path, run, make_corpus):
    import datetime as dt

    from builder.pipeline.build import check, render_site
    from builder.pipeline.settings import Settings
    from builder.preview.incremental import update

    content = make_corpus()
    raw = page().encode()
    assert add(run, tmp_path, "saved.html", raw)[0] == 0
    source_id, _, _ = added(content)
    served = f"sources/{source_id}/{source_id}.html.txt"
    settings = Settings(pdf=False, search=False, built=dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc))
    first = update(None, check(content), settings)
    assert first.preview.files[served] == raw
    event = content / "events/2025/2025-05-02-convoy.yaml"
    event.write_text(event.read_text(encoding="utf-8").replace("title: نحو 200", "title: قرابة 200"), encoding="utf-8")
    again = update(first.preview, check(content, first.preview.checked), settings)
    assert not again.full and served not in again.write and again.preview.files[served] == raw
    assert render_site(check(content), settings).files[served] == raw


def test_a_compressed_payload_and_an_http_equiv_charset_are_read(tmp_path, run, make_corpus):
    """Crawlers keep the payload as the server sent it (Content-Encoding: gzip); older pages declare
    their charset in <meta http-equiv>."""
    content = make_corpus()
    html = page(charset=None).replace("<head>", '<head>\n<meta http-equiv="Content-Type" '
                                      'content="text/html; charset=windows-1256">')
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
                               protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(CANONICAL, "response", http_headers=headers,
                                                  payload=io.BytesIO(gzip.compress(html.encode("cp1256")))))
    code, out_text, err = add(run, tmp_path, "capture.warc.gz", out.getvalue())
    assert code == 0, err
    _, meta, files = added(content)
    assert files[".txt"].read_text(encoding="utf-8") == "\n".join((HEADLINE, *BODY)) + "\n"
    assert "charset cp1256 (from the page's <meta> charset)" in out_text


def test_invisible_controls_of_a_page_do_not_reach_the_text(tmp_path, run, make_corpus):
    """Pages carry bidi embeddings and isolates (U+202B, U+2067) the corpus refuses in any text:
    trafilatura's text leaves them out, so the page is added; the original keeps every byte."""
    content = make_corpus()
    raw = page(body=(BODY[0], "\u202b" + BODY[1] + "\u202c", "\u2067" + BODY[2] + "\u2069", *BODY[3:])).encode()
    code, out, err = add(run, tmp_path, "saved.html", raw)
    assert code == 0, err
    _, _, files = added(content)
    assert files[".txt"].read_text(encoding="utf-8") == "\n".join((HEADLINE, *BODY)) + "\n"
    assert files[".html"].read_bytes() == raw
    assert run("check", "--content", "content")[0] == 0


ARTICLE = "دخل رتل للتحالف قاعدة الشدادي صباح الجمعة قادمًا من معبر الوليد"


@pytest.mark.parametrize("encoding", ["utf-8", "cp1256", "utf-16"])
@pytest.mark.parametrize("source", ["meta", "http", "option", "none"])
@pytest.mark.parametrize("label", ["utf-8", "windows-1256", "iso-8859-6"])
def test_a_page_is_decoded_as_its_bytes_are_or_refused_never_read_as_other_letters(tmp_path, encoding, source, label):
    """Every way a charset reaches the page (its <meta>, the HTTP header, --charset, none) against the
    encodings Arabic pages are saved in (UTF-8, windows-1256, UTF-16 with its byte order mark): the text
    comes back as written, or the page is refused with a hint. The silent case was a UTF-8 page whose
    <meta> still named its old windows-1256: its Arabic became other Arabic-looking letters. (One legacy
    encoding labelled as another, windows-1256 bytes under iso-8859-1, is not detected.)"""
    from builder.common.diagnostics import BriefingError
    from builder.curation.saved_pages import decode
    meta = f'<meta charset="{label}">' if source == "meta" else ""
    raw = f"<html><head>{meta}</head><body><p>{ARTICLE}</p></body></html>".encode(encoding)
    declared = label if source == "http" else ""
    given = label if source == "option" else ""
    try:
        text, how = decode(tmp_path / "p.html", raw, declared, given)
    except BriefingError as error:
        assert "[article-charset]" in str(error) and "--charset" in str(error), error
        assert source in ("meta", "http", "none") or label != encoding
        return
    said = {"none": "utf-8"}.get(source, label)
    assert ARTICLE in text or (source == "option" and said != encoding), (how, text[:80])
    if ARTICLE not in text:  # only an editor's --charset reads a page as other letters: their call
        assert "--charset" in how


def test_a_utf8_page_declaring_its_old_charset_is_refused_before_anything_is_written(tmp_path, run, make_corpus):
    make_corpus()
    code, _, err = add(run, tmp_path, "resaved.html", page(charset="windows-1256").encode("utf-8"))
    assert code == 1 and "the page's bytes are UTF-8, but the page's <meta> charset says 'windows-1256'" in err, err
    assert "--charset utf-8" in err and err.startswith("resaved.html: error:")
    assert not list((tmp_path / "content/sources").glob("khabour*"))
    assert add(run, tmp_path, "resaved.html", page(charset="windows-1256").encode("utf-8"), "--charset", "utf-8")[0] == 0
    code, _, err = add(run, tmp_path, "latin.html", page(charset="iso-8859-1").encode("utf-8"))  # read as windows-1252
    assert code == 1 and "says 'iso-8859-1': read as cp1252" in err, err


def _nested(depth: int) -> bytes:
    return page().replace("<main>", "<main>\n" + "<div>" * depth, 1).replace("</main>", "</div>" * depth + "</main>").encode()


UNREADABLE = {  # pages libxml2 would read only in part (the article left out), or in more than linear time
    "nested-300": (_nested(300), ":16: error: the page cannot be read whole: its elements nest more than 256 deep"),
    "nested-100000": (_nested(100_000), ":16: error: the page cannot be read whole: its elements nest more than 256 deep"),
    "text-over-10-mb": (page().replace("<main>", "<main><p>" + "word " * 2_200_000 + "</p>").encode(),
                        "the page cannot be read whole: a text or attribute in it is over 10 MB"),
    "200000-attributes": (page().replace("<main>", "<main><div " + " ".join(f"a{i}=1" for i in range(200_000)) + ">")
                          .encode(), ":15:7: error: a tag of the page has 200,000 attributes, over the 256"),
}


@pytest.mark.parametrize("data, message", UNREADABLE.values(), ids=UNREADABLE.keys())
def test_a_page_that_cannot_be_read_whole_is_refused_not_archived_without_its_article(
        tmp_path, run, make_corpus, data, message):
    """libxml2 (under trafilatura and htmldate) stops at 256 levels and at 10 MB of text, without an
    error: 300 nested divs archived the site's menu as the article. A tag of 200,000 attributes took it
    minutes (it compares each attribute with every other)."""
    make_corpus()
    code, out, err = add(run, tmp_path, "deep.html", data)
    assert code == 1 and message in err and "[article-extract]" in err and "hint:" in err, err
    assert err.startswith("deep.html:") and "Traceback" not in err
    assert not list((tmp_path / "content/sources").glob("khabour*"))


@pytest.mark.parametrize("html, attributes", [
    ('<div a=1 b="x > y" c>', 3),
    ("<div a='1' b = \"2\" c=3/>", 3),
    ("<p/a/b/c>", 3),
    ('<img alt="' + "كلمة " * 400 + '" src=x.png>', 2),  # the words of a quoted value are one value
    ("<div " + " ".join(f"a{i}" for i in range(300)) + ">", 300),
    ("<!-- <div " + "a " * 300 + "> -->", 0),  # a comment holds no tags
    ("<!-- unclosed <div " + "a " * 300, 0),
    ("<script>if (a<b " + "x " * 300 + ") {}</script><p a>", 1),  # nor does a script
    ("<STYLE>a<b c d e</style ><i x>", 1),
    ("<script>a<b " + "x " * 300, 0),
])
def test_attributes_are_counted_per_tag_as_libxml2_reads_them(html, attributes):
    from builder.curation.saved_pages import _most_attributes
    assert _most_attributes(html)[0] == attributes


def test_a_page_with_a_date_out_of_range_is_not_searched_in_every_language(tmp_path, run, make_corpus, monkeypatch):
    """htmldate sets aside a date in the future or before 1995; trafilatura's metadata reader then
    searched the page with dateparser in each of its locales (many seconds a page). The date is
    htmldate's, read once; the headline alone is taken from the metadata reader."""
    import dateparser
    make_corpus()

    def refused(*args, **kwargs):
        raise AssertionError("dateparser's search in every locale was run")
    monkeypatch.setattr(dateparser, "parse", refused)
    monkeypatch.setattr(dateparser.date.DateDataParser, "get_date_data", refused)
    for published in ("2099-01-01T00:00:00Z", "1900-01-01"):
        code, _, err = add(run, tmp_path, "p.html", page(published=published, canonical=False).encode())
        assert code == 1 and "[article-date]" in err and "--published" in err, err


def _records_apart(data: bytes) -> list[bytes]:
    starts = [m.start() for m in re.finditer(rb"WARC/1\.\d\r\n", data)]
    return [data[a:b] for a, b in zip(starts, [*starts[1:], len(data)])]


@pytest.mark.parametrize("gz", [True, False], ids=["warc.gz", "warc"])
@pytest.mark.parametrize("change", [-300, -2000])
def test_a_record_longer_than_its_content_length_is_refused_without_warcio_noise(tmp_path, run, make_corpus, gz, change):
    make_corpus()
    records = []
    for record in _records_apart(warc((CANONICAL, "text/html; charset=utf-8", page().encode(), "200 OK"),
                                      ("https://news.example.org/x.png", "image/png", b"\x89PNG" * 100, "200 OK"), gz=False)):
        if b"WARC-Type: response" in record and b"text/html" in record:
            length = re.search(rb"Content-Length: (\d+)\r\n", record)
            record = record[:length.start(1)] + str(int(length.group(1)) + change).encode() + record[length.end(1):]
        records.append(gzip.compress(record, mtime=0) if gz else record)
    code, _, err = add(run, tmp_path, "capture.warc.gz" if gz else "capture.warc", b"".join(records))
    assert code == 1 and "a record goes on past the end its Content-Length gives" in err, err
    assert "WARNING" not in err and "Remainder" not in err and "\\xd8" not in err
    assert not list((tmp_path / "content/sources").glob("khabour*"))


# The outlet from the page's own metadata; an address already archived


@pytest.mark.parametrize("site_name, outlet, expected, told", [
    ("موقع الخابور الإخباري", (), '{ar: "موقع الخابور الإخباري"}', "as its Arabic name"),
    ("Al-Khabour News", (), '{ar: "غير معروف", en: "Al-Khabour News"}', "as its English name"),
    ("  الخابور   نيوز ", (), '{ar: "الخابور نيوز"}', "as its Arabic name"),
    ("الخابور", ("--outlet", "جريدة الخابور"), '{ar: "جريدة الخابور"}', None),  # the option wins
    ("Khabour", ("--outlet", "الخابور"), '{ar: "الخابور", en: "Khabour"}', "as its English name"),
    ("", (), '{ar: "غير معروف"}', None),  # declared empty: unknown, as without the tag
    (None, (), '{ar: "غير معروف"}', None),  # not the <title>'s «| موقع الخابور», not the host
])
def test_the_outlet_is_the_pages_og_site_name_unless_given(tmp_path, run, make_corpus, site_name, outlet, expected, told):
    make_corpus()
    (tmp_path / "p.html").write_bytes(page(site_name=site_name).encode())
    code, out, err = run("add-source", "p.html", "--content", "content", "--id", "outlet", *outlet)
    assert code == 0, err
    meta = (tmp_path / "content/sources/outlet.yaml").read_text(encoding="utf-8")
    assert f"outlet: {expected}\n" in meta
    if told:
        assert f"read from the page: outlet {site_name.strip().split()[0]}" in out and f"(the page's og:site_name, {told}" in out
        assert "اسم الوسيلة من البيانات الوصفية للصفحة" in meta  # the note says what was read by machine
    else:
        assert "og:site_name" not in out and "اسم الوسيلة" not in meta


def test_an_english_site_name_names_the_id(tmp_path, run, make_corpus):
    make_corpus()
    (tmp_path / "p.html").write_bytes(page(site_name="Khabour News").encode())
    code, out, err = run("add-source", "p.html", "--content", "content")
    assert code == 0, err
    assert list((tmp_path / "content/sources").glob("khabour-news-2025-03-14-*.yaml"))


def test_a_second_page_at_an_archived_address_is_refused_unless_forced(tmp_path, run, make_corpus):
    content = make_corpus()
    code, _, err = add(run, tmp_path, "first.html", page().encode(), "--id", "first")
    assert code == 0, err
    before = sorted(p.name for p in (content / "sources").iterdir())
    # Saved again (another day's banner, so another text), its address as written or with a trailing slash less.
    for address in (CANONICAL, CANONICAL.rstrip("/"), CANONICAL.replace("https://news", "HTTPS://NEWS")):
        again = page(address=address, body=(*BODY, "وأضاف المصدر أن الرتل وصل كاملًا."))
        code, out, err = add(run, tmp_path, "again.html", again.encode(), "--id", "again")
        assert code == 1 and "[article-archived]" in err, out + err
        assert f"is already a source's: {Path('content/sources/first.yaml')}" in err and "--force" in err
        assert sorted(p.name for p in (content / "sources").iterdir()) == before  # nothing written
    # So is a text whose given address is a source's; a link the text quotes is not its address.
    (tmp_path / "a.txt").write_text("الحسكة – السبت 15 آذار 2025\nقال مصدر إن رتلاً وصل إلى قاعدة الشدادي.\n", encoding="utf-8")
    code, _, err = run("add-source", "a.txt", "--content", "content", "--url", CANONICAL, "--id", "text")
    assert code == 1 and "first.yaml" in err
    (tmp_path / "b.txt").write_text(f"الحسكة – السبت 15 آذار 2025\nنقل الموقع عن {CANONICAL} أن رتلاً وصل.\n", encoding="utf-8")
    code, _, err = run("add-source", "b.txt", "--content", "content", "--id", "quoting")
    assert code == 0, err
    # Another article at that address (a page updated since): the editor says so.
    code, out, err = add(run, tmp_path, "again.html", again.encode(), "--id", "again", "--force")
    assert code == 0, err
    assert (content / "sources/again.yaml").exists()
