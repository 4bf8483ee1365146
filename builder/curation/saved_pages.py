"""Articles as editors keep them: a saved web page (.html) or the WARC record it was captured in.

`read_saved` gives the article's text as trafilatura extracts it (one paragraph a line), what the
page's own metadata says about it (the publication date as htmldate reads it, the canonical address,
the headline), and the original bytes to archive beside the text. Nothing is fetched: links, scripts
and frames of the page are never followed. Every refusal is a BriefingError naming the file.
"""

from __future__ import annotations

import codecs
import contextlib
import gzip
import io
import logging
import re
import unicodedata
import zlib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import htmldate
import trafilatura
from lxml import etree
from trafilatura import load_html
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from builder.common.diagnostics import BriefingError, counted, display_path
from builder.reading.files import MAX_ORIGINAL_BYTES, position

# trafilatura and htmldate report what they skip through `logging`; an editor is told what matters in
# add-source's own words, so their records stay out of the command's output.
for _name in ("trafilatura", "htmldate", "courlan", "justext"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
WARC_SUFFIXES = (".warc", ".warc.gz")
# The HTML prescan reads a page's <meta charset> from its first 1024 bytes (WHATWG HTML, "prescan a byte
# stream"); saved pages put comments and scripts first often enough that a longer look is worth it.
PRESCAN = 4096
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_HTTP_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9._:-]+)""", re.IGNORECASE)
# Labels that the WHATWG Encoding Standard maps to another encoding than Python's codec of that name:
# browsers read a page labelled latin-1 or ascii as windows-1252, and never take UTF-16 from a <meta>.
_WHATWG = {"iso-8859-1": "cp1252", "iso8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "l1": "cp1252",
           "ascii": "cp1252", "us-ascii": "cp1252", "utf-16": "utf-8", "utf-16le": "utf-8", "utf-16be": "utf-8"}
_FROM_HTTP, _FROM_META = "the HTTP Content-Type header", "the page's <meta> charset"
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


@dataclass(frozen=True)
class SavedPage:
    """What a saved page or WARC record gives add-source.

    `text` is the article as trafilatura extracted it (NFC, LF, one paragraph a line, ending in a line
    break); `original` the bytes archived beside it as sources/<id><suffix> (the page as saved, or the
    WARC record verbatim, gzip member and all); `published` htmldate's YYYY-MM-DD from the page's
    metadata ('' when it finds none); `url` the canonical address ('' when none is given); `found` what
    was read and from where, in the words add-source prints."""

    text: str
    original: bytes
    suffix: str
    published: str
    url: str
    url_from: str  # "page" (<link rel=canonical> or og:url) or "warc" (WARC-Target-URI)
    title: str
    retrieved: str  # YYYY-MM-DD of the WARC record's WARC-Date; '' for a saved page
    found: tuple[str, ...]
    site_name: str = ""  # the outlet's name as the page declares it (og:site_name); '' when it does not


def kind_of(file: Path, head: bytes) -> str:
    """'html', 'warc' or 'text': by the file's extension, else by its first bytes (a gzip member or
    'WARC/' starts a WARC file; a doctype or <html> an HTML page)."""
    name = file.name.lower()
    if name.endswith(WARC_SUFFIXES):
        return "warc"
    if name.endswith(HTML_SUFFIXES):
        return "html"
    if head.startswith((b"\x1f\x8b", b"WARC/")):
        return "warc"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return "html" if start.startswith((b"<!doctype html", b"<html")) else "text"


def read_saved(file: Path, record: str = "", charset: str = "") -> SavedPage | None:
    """The saved page or WARC record at `file`, or None when it is plain text (add-source's own case).

    `record` picks a WARC record by its WARC-Target-URI or WARC-Record-ID; `charset` decodes a page that
    declares none or declares it wrongly. BriefingError for anything that cannot be read without a guess."""
    with file.open("rb") as stream:
        head = stream.read(PRESCAN)
    kind = kind_of(file, head)
    if kind == "html" and (size := file.stat().st_size) > MAX_ORIGINAL_BYTES:
        raise BriefingError.at(file, 0, 0, "text-size", f"the page is {size:,} bytes, over the {MAX_ORIGINAL_BYTES:,}-byte "
                               "limit of an archived original", "save the page without its images and media (HTML only)")
    if kind == "html":
        return _from_html(file, file.read_bytes(), ".html", "", "", charset, "")
    if kind == "warc":
        return _from_warc(file, record, charset)
    return None


def decode(file: Path, raw: bytes, declared: str, charset: str) -> tuple[str, str]:
    """The page's text and which charset decoded it (and why): a byte order mark first, then `charset`
    (the editor's), the HTTP header's `declared`, the page's <meta>, else UTF-8; never a guess."""
    label, why = "", ""
    for bom, name in _BOMS:
        if raw.startswith(bom):
            label, why, raw = name, "its byte order mark", raw[len(bom):]
            break
    if not label and charset:
        label, why = charset, "--charset"
    if not label and declared:
        label, why = declared, _FROM_HTTP
    if not label and (found := _META_CHARSET.search(raw[:PRESCAN])):
        label, why = found.group(1).decode("ascii"), _FROM_META
    if not label:
        label, why = "utf-8", "no charset declared: UTF-8"
    codec = _WHATWG.get(label.lower(), label) if why != "--charset" else label
    try:
        name = codecs.lookup(codec).name
    except LookupError:
        raise BriefingError.at(
            file, 0, 0, "article-charset", f"the page's charset '{label}' (from {why}) is not one Python can decode",
            "pass --charset with the page's real charset, e.g. --charset windows-1256") from None
    if why in (_FROM_HTTP, _FROM_META) and name != "utf-8" and _utf8(raw):
        # A page saved again as UTF-8 keeps the <meta> of its old encoding. Read as windows-1256, its
        # Arabic would become other Arabic-looking letters, without an error; text in another encoding
        # is almost never valid UTF-8 by chance, so the label is the likelier mistake. The editor decides.
        raise BriefingError.at(
            file, 0, 0, "article-charset", f"the page's bytes are UTF-8, but {why} says '{label}': read as {name}, "
            "its letters would become other letters",
            f"pass --charset utf-8 (or --charset {label} if the page really is {label})")
    try:
        text = raw.decode(name)
    except UnicodeDecodeError as exc:
        raise BriefingError.at(
            file, 0, 0, "article-charset",
            f"byte {exc.start} (0x{raw[exc.start]:02x}) is not valid {name} (charset from {why})",
            "pass --charset with the charset the page was saved in, e.g. --charset windows-1256") from None
    return text, f"charset {name} (from {why})"


def _utf8(raw: bytes) -> bool:
    """Whether the bytes hold non-ASCII text that is valid UTF-8."""
    if raw.isascii():
        return False
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _whole_page(file: Path, html: str) -> None:
    """Refuse a page that libxml2, which parses it for trafilatura and htmldate, would not read whole or
    not in linear time: it stops at elements nested 256 deep and at a text or attribute over 10 MB, and
    leaves out what lies beyond without an error, so the text would lack the article; and it compares
    each attribute of a tag with every other, so a tag of 200,000 attributes takes minutes."""
    most, at = _most_attributes(html)
    if most > MAX_ATTRIBUTES:
        raise BriefingError.at(
            file, *_line_column(html, at), "article-extract",
            f"a tag of the page has {most:,} attributes, over the {MAX_ATTRIBUTES} a page is read with",
            "the page was not saved by a browser, or was tampered with: save the article's page again")
    parser = etree.HTMLParser(collect_ids=False, default_doctype=False, remove_comments=True, remove_pis=True)
    etree.fromstring(html, parser)
    for entry in parser.error_log:
        if entry.type_name == "ERR_RESOURCE_LIMIT":
            what = ("its elements nest more than 256 deep" if "depth" in entry.message.lower()
                    else "a text or attribute in it is over 10 MB")
            raise BriefingError.at(
                file, entry.line, 0, "article-extract",  # libxml2's columns are not reliable here
                f"the page cannot be read whole: {what}, and what lies beyond would be left out of the text",
                "save the article's page again from a browser; failing that, save its text as a .txt file and add that")


# More attributes on one tag than any page needs: libxml2 compares each with every other (see _whole_page).
MAX_ATTRIBUTES = 256
# A comment's start, or a start tag's name.
_MARKUP = re.compile(r"<(?:(!--)|([A-Za-z][^\s/>]*))")
# One attribute, its quoted value read whole (a `>` or a space inside quotes ends nothing).
_ATTRIBUTE = re.compile(r"""[\s/]*[^\s"'>/=][^\s"'>/=]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>][^\s>]*))?""")
# Elements whose content libxml2 reads as text up to their end tag: `a<b` in a script is no tag.
_RAW_TEXT = {name: re.compile(rf"</{name}", re.IGNORECASE) for name in ("script", "style")}


def _most_attributes(html: str) -> tuple[int, int]:
    """The most attributes any start tag of the page has, and where that tag starts, skipping comments,
    scripts and styles as libxml2 does. One pass: every search starts where the last one ended."""
    most, where, at = 0, 0, 0
    while (markup := _MARKUP.search(html, at)) is not None:
        if markup.group(1):
            end = html.find("-->", markup.end())
            if end < 0:
                break  # the rest of the page is the comment
            at = end + 3
            continue
        at, count = markup.end(), 0
        while (attribute := _ATTRIBUTE.match(html, at)) is not None and attribute.end() > at:
            at, count = attribute.end(), count + 1
        if count > most:
            most, where = count, markup.start()
        closing = _RAW_TEXT.get(markup.group(2).lower())
        if closing is not None:
            end = closing.search(html, at)
            if end is None:
                break
            at = end.end()
    return most, where


def _line_column(text: str, offset: int) -> tuple[int, int]:
    """`position`'s line and column, counted from 1 as a diagnostic shows them."""
    line, column = position(text, offset)
    return line + 1, column + 1


def _from_html(file: Path, raw: bytes, suffix: str, declared: str, base: str, charset: str, retrieved: str,
               original: bytes | None = None, found: tuple[str, ...] = ()) -> SavedPage:
    html, decoded = decode(file, raw, declared, charset)
    _whole_page(file, html)
    extracted = trafilatura.extract(html, output_format="txt", include_comments=False, include_tables=True,
                                    include_images=False, include_links=False, deduplicate=False)
    text = _lines(extracted or "")
    if not text:
        raise BriefingError.at(
            file, 0, 0, "article-extract", "no article text found in the page",
            "save the article's own page (not a front page or a list of links); failing that, save its "
            "text as a .txt file and add that")
    tree = load_html(html)
    url, url_from = _canonical(tree, base)  # before htmldate, which may prune the tree it is given
    published = (htmldate.find_date(tree, original_date=True, extensive_search=False, outputformat="%Y-%m-%d")
                 if tree is not None else None) or ""
    # Not extensive: its date search (found above already) tries every locale dateparser has, which
    # takes many seconds on a page without a date; only the headline is taken from here.
    metadata = trafilatura.extract_metadata(load_html(html), extensive=False) if tree is not None else None
    title = " ".join((metadata.title or "").split()) if metadata is not None else ""
    return SavedPage(text, raw if original is None else original, suffix, published, url, url_from, title, retrieved,
                     (*found, decoded), _site_name(tree))


def _site_name(tree) -> str:
    """The outlet's name as the page declares it in <meta property="og:site_name">; nothing else (not the
    address's host, not trafilatura's guess), so an outlet the page does not name stays unknown."""
    if tree is None:
        return ""
    for meta in tree.iter("meta"):
        if "og:site_name" in ((meta.get("property") or "").lower(), (meta.get("name") or "").lower()):
            if name := " ".join(unicodedata.normalize("NFC", meta.get("content") or "").split()):
                return name
    return ""


def _lines(extracted: str) -> str:
    """trafilatura's text as the corpus keeps a text: NFC, LF, one paragraph a line, no blank runs."""
    text = unicodedata.normalize("NFC", extracted.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [" ".join(line.split()) for line in text.split("\n")]
    kept = [line for line in lines if line]
    return "\n".join(kept) + "\n" if kept else ""


def _absolute(href: str, base: str) -> str:
    url = urljoin(base, href.strip()) if base else href.strip()
    parts = urlsplit(url)
    return url if parts.scheme in ("http", "https") and parts.netloc and not any(c.isspace() for c in url) else ""


def _canonical(tree, base: str) -> tuple[str, str]:
    """The page's address as its publisher gives it: <link rel=canonical>, else og:url; else `base` (the
    WARC record's target). Relative addresses are resolved against `base`; anything not http(s) is skipped."""
    if tree is not None:
        links = [link.get("href", "") for link in tree.iter("link")
                 if "canonical" in (link.get("rel") or "").lower().split()]
        metas = [meta.get("content", "") for meta in tree.iter("meta") if (meta.get("property") or "").lower() == "og:url"]
        for href in (*links, *metas):
            if url := _absolute(href, base):
                return url, "page"
    return (base, "warc") if base and _absolute(base, "") else ("", "")


@dataclass(frozen=True)
class _Record:
    offset: int
    end: int
    uri: str
    record_id: str
    date: str
    content_type: str  # the HTTP response's (or a resource record's) Content-Type
    status: str


def _shown(text: str, limit: int = 80) -> str:
    """A parser's message as an error may quote it: bytes of the file it quotes stay out of the editor's
    terminal past `limit` characters, and unprintable ones are shown as '?'."""
    text = "".join(c if c.isprintable() else "?" for c in text)
    return text if len(text) <= limit else text[:limit] + "…"


def _records(file: Path) -> list[_Record]:
    """Every response or resource record of the WARC file whose payload is HTML, with where its bytes lie."""
    size = file.stat().st_size
    _whole_gzip(file)
    seen: list[tuple[int, str, str, str, str, str, str]] = []
    # warcio writes to stderr, and reads on, when a record does not end where its Content-Length says:
    # its warning (with raw bytes of the page) is kept from the editor's terminal and made an error.
    warnings = io.StringIO()
    try:
        with file.open("rb") as stream, contextlib.redirect_stderr(warnings):
            records = ArchiveIterator(stream, check_digests=False)
            for record in records:
                headers = record.rec_headers
                if record.rec_type == "response" and record.http_headers is not None:
                    content_type = record.http_headers.get_header("Content-Type") or ""
                    status = record.http_headers.get_statuscode() or ""
                elif record.rec_type == "resource":
                    content_type, status = headers.get_header("Content-Type") or "", "200"
                else:
                    content_type, status = "", ""
                seen.append((records.get_record_offset(), record.rec_type, headers.get_header("WARC-Target-URI") or "",
                             headers.get_header("WARC-Record-ID") or "", headers.get_header("WARC-Date") or "",
                             content_type, status))
            misread = records.err_count
    except ArchiveLoadFailed as exc:
        if warnings.getvalue():
            raise _misread(file, warnings.getvalue()) from None
        first = _shown(str(exc).strip().splitlines()[0].strip().rstrip(","))
        hint = ("recompress it one record a gzip member: `warcio recompress IN OUT`" if "non-chunked" in str(exc)
                else "give a WARC file (ISO 28500) as a crawler or a web archiving tool writes it")
        raise BriefingError.at(
            file, 0, 0, "article-warc", f"not a readable WARC file: {first}", hint) from None
    except (OSError, EOFError, zlib.error, gzip.BadGzipFile, ValueError) as exc:
        raise BriefingError.at(
            file, 0, 0, "article-warc", f"not a readable WARC file: {_shown(str(exc))}",
            "the file is cut short or damaged: save or export the WARC again") from None
    except Exception as exc:  # warcio reads untrusted bytes: whatever else it trips on, the file is at fault
        raise BriefingError.at(
            file, 0, 0, "article-warc", f"not a readable WARC file: warcio could not read a record "
            f"({type(exc).__name__}: {_shown(str(exc))})",
            "each response record needs its WARC-Target-URI, WARC-Date and HTTP headers: save or export "
            "the WARC again") from None
    if misread:
        raise _misread(file, warnings.getvalue())
    if not seen:
        raise BriefingError.at(
            file, 0, 0, "article-warc", "not a readable WARC file: no WARC record could be read from it",
            "the file is damaged or not a WARC file: save or export the WARC again")
    out = []
    for at, (offset, kind, uri, record_id, date, content_type, status) in enumerate(seen):
        end = seen[at + 1][0] if at + 1 < len(seen) else size
        html = content_type.split(";")[0].strip().lower() in ("text/html", "application/xhtml+xml")
        if kind in ("response", "resource") and html and status.startswith("2"):
            out.append(_Record(offset, end, uri, record_id, date, content_type, status))
    return out


def _misread(file: Path, warning: str) -> BriefingError:
    """A record that does not end where its Content-Length says (warcio's `warning` gives the offset)."""
    offset = re.search(r"Offset:\s*(\d+)", warning)
    where = f" (at byte {int(offset.group(1)):,})" if offset else ""
    return BriefingError.at(
        file, 0, 0, "article-warc", f"not a readable WARC file: a record goes on past the end its Content-Length "
        f"gives{where}", "the file was changed or damaged after it was written: save or export the WARC again")


def _whole_gzip(file: Path) -> None:
    """Refuse a gzipped WARC file that is damaged or cut short: warcio stops quietly at the first bad
    gzip member, which would pass for a file without the article."""
    with file.open("rb") as stream:
        if stream.read(2) != b"\x1f\x8b":
            return
    try:
        with gzip.open(file, "rb") as stream:
            while stream.read(1 << 20):
                pass
    except (EOFError, OSError, zlib.error) as exc:
        raise BriefingError.at(
            file, 0, 0, "article-warc", f"not a readable WARC file: its gzip stream is damaged or cut short ({exc})",
            "save or export the WARC again; `gzip -t` tests a file") from None


def _whole_record(file: Path, uri: str, original: bytes) -> None:
    """Refuse a record cut short: its block must hold the Content-Length its header gives (ISO 28500)."""
    block = gzip.decompress(original) if original.startswith(b"\x1f\x8b") else original
    head = block.find(b"\r\n\r\n")
    length = re.search(rb"(?im)^content-length:[ \t]*(\d+)", block[:head]) if head >= 0 else None
    if length is None or len(block) < head + 4 + int(length.group(1)):
        raise BriefingError.at(
            file, 0, 0, "article-warc", f"the record of {uri} is cut short", "save or export the WARC again")


def _from_warc(file: Path, wanted: str, charset: str) -> SavedPage:
    candidates = _records(file)
    shown = display_path(file)
    if not candidates:
        raise BriefingError.at(
            file, 0, 0, "article-warc", "the WARC file holds no HTML response (no response or resource record "
                "of Content-Type text/html with a 2xx status)",
            "capture the article's page itself; a WARC of its images or scripts alone has no text")
    chosen = [r for r in candidates if wanted in (r.uri, r.record_id)] if wanted else candidates
    listing = "; ".join(f"{r.uri} ({r.record_id}, {r.date})" for r in candidates[:10])
    more = f" and {len(candidates) - 10} more" if len(candidates) > 10 else ""
    if not chosen:
        raise BriefingError.at(
            file, 0, 0, "article-warc", f"no HTML response in {shown} is '{wanted}'",
            f"pass --record with one of: {listing}{more}")
    if len(chosen) > 1:
        raise BriefingError.at(
            file, 0, 0, "article-warc", f"{shown} holds {counted(len(chosen), 'HTML response')}"
                + (f" for '{wanted}'" if wanted else "") + "; which one is the article?",
            f"pass --record with the WARC-Target-URI or WARC-Record-ID of one of: {listing}{more}")
    record = chosen[0]
    if record.end - record.offset > MAX_ORIGINAL_BYTES:
        raise BriefingError.at(
            file, 0, 0, "article-warc", f"the record of {record.uri} is {record.end - record.offset:,} bytes, "
            f"over the {MAX_ORIGINAL_BYTES:,}-byte limit of an archived original",
            "capture the page without its media")
    with file.open("rb") as stream:
        stream.seek(record.offset)
        original = stream.read(record.end - record.offset)
    _whole_record(file, record.uri, original)
    # The record's own bytes, read again as a WARC of one record: the payload, de-chunked and decoded
    # from any Content-Encoding, is the page.
    body = next(iter(ArchiveIterator(io.BytesIO(original), check_digests=False))).content_stream().read()
    declared = found.group(1) if (found := _HTTP_CHARSET.search(record.content_type)) else ""
    suffix = ".warc.gz" if original.startswith(b"\x1f\x8b") else ".warc"
    day = record.date[:10] if re.match(r"\d{4}-\d{2}-\d{2}", record.date) else ""
    facts = (f"record {record.record_id} ({record.uri}, captured {record.date})",)
    return _from_html(file, body, suffix, declared, record.uri, charset, day, original, facts)
