"""`briefing add-source`: archive an article verbatim and write its metadata as far as the text allows."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from builder.arabic import wording
from builder.arabic.bidi import arabic_script
from builder.common import model as m
from builder.curation.news_dates import dateline, publication_date
from builder.curation.saved_pages import SavedPage, read_saved
from builder.common.diagnostics import BriefingError, Diagnostic, Diagnostics, counted, display_path
from builder.reading.files import read_text
from builder.reading.fields import ID, MAX_TITLE, parse_date
from builder.reading.records import Found, read_source
from builder.reading.strict_yaml import Mapping, Scalar, parse
from builder.curation.suggest import yaml_quote

URL = re.compile(r"https?://[^\s\"'<>«»“”()]+")


@dataclass(frozen=True)
class NewSource:
    """An archived article: its id, the text and metadata files written, and what was read from the text."""

    id: str
    text_path: Path
    meta_path: Path
    published: m.PartialDate
    url: str
    title: str
    found: tuple[str, ...]  # what was read from the text or the page, for the editor to review
    original_path: Path | None = None  # the saved page or WARC record archived beside the text


def _existing_digests(sources: Path) -> dict[str, str]:
    """SHA-256 (of the normalised text, as the builder computes it) → source id, for every archived text."""
    out = {}
    for path in sorted(sources.glob("*.txt")):
        text = read_text(path, str(path), Diagnostics())
        if text is not None:
            out[hashlib.sha256(text.encode("utf-8")).hexdigest()] = path.stem
    return out


def _address(url: str) -> str:
    """An address as compared between sources: scheme and host in lower case, no fragment, no trailing
    slash; the path and query as written (servers tell their case apart)."""
    parts = urlsplit(url.strip())
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path.rstrip("/"), parts.query, ""))


def _existing_urls(sources: Path) -> dict[str, Path]:
    """Each archived source's address (as _address compares it) → its metadata file."""
    out: dict[str, Path] = {}
    for path in sorted(sources.glob("*.yaml")):
        try:
            node = parse(path.read_text(encoding="utf-8"), str(path), Diagnostics())
        except (OSError, UnicodeDecodeError):
            continue  # `briefing check` reports an unreadable file; it holds no address to compare
        url = node.items.get("url") if isinstance(node, Mapping) else None
        if isinstance(url, Scalar) and url.value.strip():
            out.setdefault(_address(url.value), path)
    return out


def _outlet_from_page(page: SavedPage | None, outlet: str, outlet_en: str, found: list) -> tuple[str, str]:
    """The outlet's names: as given, else the page's og:site_name, as the Arabic name when it is written
    in Arabic script and as the English one otherwise. A page that names no outlet leaves it unknown."""
    name = page.site_name if page is not None else ""
    if not name or (outlet and outlet_en):
        return outlet, outlet_en
    arabic = arabic_script(name)
    if arabic and not outlet:
        found.append(("outlet-page", f"outlet {name} (the page's og:site_name, as its Arabic name)"))
        return name, outlet_en
    if not arabic and not outlet_en:
        found.append(("outlet-page", f"outlet {name} (the page's og:site_name, as its English name; pass "
                      "--outlet with its Arabic name)"))
        return outlet, name
    return outlet, outlet_en


def _slug(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))


def add_source(file: Path, content: Path, outlet: str = "", outlet_en: str = "", url: str = "", source_id: str = "",
               title: str = "", published: str = "", reliability: str = "F", record: str = "",
               charset: str = "", force: bool = False) -> NewSource:
    """Archive `file` as sources/ID.txt and write sources/ID.yaml beside it.

    A text file is archived verbatim. A saved page (.html) or a WARC file (.warc, .warc.gz; `record`
    picks one of several pages by its WARC-Target-URI or WARC-Record-ID) gives the article's text as
    trafilatura extracts it, archived as the text, and its original bytes, archived beside it as
    sources/ID.html or ID.warc[.gz] with their SHA-256 in the metadata; the page's metadata gives the
    date (htmldate), the canonical address and the headline. Everything is checked first, the metadata
    by the same reader `briefing check` uses: on any refusal BriefingError is raised and nothing is written.
    The outlet, unless given, is the page's og:site_name. An article whose address (given, or the page's
    own) is already a source's is refused unless `force`: it is most often the same article saved twice."""
    if not file.is_file():
        raise BriefingError.at(file, 0, 0, "article-file", "is a folder, not an article" if file.is_dir() else "no such file",
                               "give the path of the article: UTF-8 text, a saved page (.html) or a WARC file")
    page = read_saved(file, record, charset)
    diagnostics = Diagnostics()
    raw = file.read_bytes() if page is None else page.text.encode("utf-8")
    text = read_text(file, display_path(file), diagnostics, raw=raw)
    if text is None:
        raise BriefingError(diagnostics)
    if not text.strip():
        raise BriefingError.at(file, 1, 1, "article-file", "the file is empty", "save the article's text into it")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    sources = content / "sources"
    same = _existing_digests(sources).get(digest) if sources.is_dir() else None
    if same:
        raise BriefingError.at(file, 1, 1, "article-archived",
                               f"this text is already archived as sources/{same}.txt (SHA-256 {digest[:12]}…)",
                               f"cite '{same}' in your events instead of adding it again")
    found: list[tuple[str, str]] = []  # (what was read, as wording.READ names it; the line printed for the editor)
    date = _publication(file, text, published, page, found)
    if not url and page is not None and page.url:
        url = page.url
        by_page = page.url_from == "page"
        found.append(("url-page" if by_page else "url-warc", f"url {url} (the "
                      + ("page's canonical address" if by_page else "WARC record's WARC-Target-URI") + ")"))
    if not url:
        links = URL.findall(text)
        if links:
            url = links[0].rstrip(".,;:،")
            found.append(("url", f"url {url} (from the text)"))
    # The first address in a text may be any link it quotes; only a given or a page's own address names the article.
    if url and not any(key == "url" for key, _ in found) and not force and sources.is_dir():
        earlier = _existing_urls(sources).get(_address(url))
        if earlier is not None:
            raise BriefingError.at(file, 0, 0, "article-archived",
                                   f"its address {url} is already a source's: {display_path(earlier)}",
                                   f"cite '{earlier.stem}' in your events instead of adding it again; if this is another "
                                   "article at that address (a page updated since), pass --force")
    outlet, outlet_en = _outlet_from_page(page, outlet, outlet_en, found)
    if not title and page is not None and page.title:
        title = page.title[:MAX_TITLE]
        found.append(("title-page", "title from the page's metadata"))
    if not title:
        title = guess_title(text)
        found.append(("title", "title guessed from the first lines"))
    if not source_id:
        source_id = "-".join(p for p in (_slug(outlet_en) or "source", date.iso, digest[:6]) if p)
    if not ID.fullmatch(source_id):
        raise BriefingError.anywhere("bad-id", f"--id '{source_id}' is not lowercase ASCII words joined by hyphens",
                                     "pass --id, e.g. --id alarab-2025-05-03-deir-ezzor")
    if reliability not in m.RELIABILITY:
        raise BriefingError.anywhere("bad-value", f"--reliability '{reliability}' is not one of {', '.join(m.RELIABILITY)}",
                                     "F when it cannot be judged yet")
    text_path, meta_path = sources / f"{source_id}.txt", sources / f"{source_id}.yaml"
    original_path = sources / f"{source_id}{page.suffix}" if page is not None else None
    for path in (text_path, meta_path, *(sources / f"{source_id}{suffix}" for suffix in m.ORIGINAL_SUFFIXES)):
        if path.exists() or path.is_symlink():
            raise BriefingError.at(path, 0, 0, "file-exists", "already exists", "choose another --id")
    original = None
    if page is not None:
        found.insert(0, ("text-page", f"the article's text, {counted(len(text.splitlines()), 'line')}, as trafilatura extracted it "
                                      "(compare it with the page)"))
        found.extend(("page", fact) for fact in page.found)
        original = Found(original_path.name, display_path(original_path), hashlib.sha256(page.original).hexdigest())
    lines = [
        f"id: {source_id}",
        "outlet: {ar: " + yaml_quote(outlet or "غير معروف") + (", en: " + yaml_quote(outlet_en) if outlet_en else "") + "}",
        f"title: {yaml_quote(title)}",
        f"published: {date.iso}",
        *([f"url: {url}"] if url else []),
        *([f"retrieved: {page.retrieved}"] if page is not None and page.retrieved else []),
        "language: ar",
        f"reliability: {reliability}" + ("   # F: cannot be judged yet; grade the outlet A-E" if reliability == "F" else ""),
        "notes: " + yaml_quote(wording.added_source_note({key for key, _ in found}, saved=page is not None)),
        *([f"original: {{file: {original.file}, sha256: {original.sha256}}}"] if original else []),
    ]
    metadata = "\n".join(lines) + "\n"
    _validate(metadata, source_id, display_path(meta_path), text, digest, file, original)
    sources.mkdir(parents=True, exist_ok=True)
    if page is None:
        text_path.write_bytes(file.read_bytes())  # verbatim: the archive is what was published
    else:
        text_path.write_text(text, encoding="utf-8")  # the extracted text; the page itself is kept beside it
        original_path.write_bytes(page.original)
    meta_path.write_text(metadata, encoding="utf-8")
    return NewSource(source_id, text_path, meta_path, date, url, title, tuple(message for _, message in found),
                     original_path)


def _publication(file: Path, text: str, published: str, page: SavedPage | None, found: list) -> m.PartialDate:
    """--published, else the date in the page's metadata (htmldate), else the text's dateline; what was
    chosen, and what disagreed with it, is told to the editor."""
    if published:
        return _given_date(published)
    read = publication_date(text)
    if page is not None and page.published:
        date = _given_date(page.published)
        why = "from the page's metadata, read by htmldate"
        if read is not None and read.date != date:
            why += (f"; the text's dateline on line {read.line} gives {read.date.iso} (the metadata is the "
                    "publisher's own record; pass --published to choose otherwise)")
        found.append(("published-page", f"published {date.iso} ({why})"))
        return date
    if read is None:
        where = "in the page's metadata nor " if page is not None else ""
        raise BriefingError.at(file, 1, 1, "article-date",
                               f"no publication date found {where}in the lines before the article's first sentence",
                               "pass --published YYYY-MM-DD (or YYYY-MM when only the month is known)")
    prefix = "the page's metadata gives no date; " if page is not None else ""
    found.append(("published", f"published {read.date.iso} ({prefix}{read.why})"))
    return read.date


def _validate(metadata: str, source_id: str, shown: str, text: str, digest: str, file: Path,
              original: Found | None) -> None:
    """Read the metadata about to be written as `briefing check` will; refuse what it would refuse.

    Each problem is placed in the file that would have been written, and names the option or the
    article it came from, since that file does not exist."""
    found = Diagnostics()
    node = parse(metadata, shown, found)
    if node is not None:
        read_source(node, source_id, shown, text, digest, found, original)
    if found:
        raise BriefingError([Diagnostic(d.path, d.line, d.column, d.code,
                                        f"{d.message} (in the metadata add-source would write)",
                                        d.hint or f"pass the value as an option, or fix {display_path(file)}")
                             for d in found.sorted()])


def guess_title(text: str) -> str:
    """The headline: among the first lines that are not datelines, one of 4 to 25 words without a
    full stop; failing that, the start of the first sentence."""
    lines = [line.strip() for line in text.split("\n") if line.strip() and not dateline(line)]
    for line in lines[:3]:
        words = line.split()
        if 4 <= len(words) <= 25 and not line.endswith((".", "؟", "!", ":")):
            return line[:MAX_TITLE]
    words = lines[0].split() if lines else ["(بلا عنوان)"]
    return (" ".join(words[:12]) + ("…" if len(words) > 12 else ""))[:MAX_TITLE]


def _given_date(value: str) -> m.PartialDate:
    """--published as the content model reads a date (reading.fields.parse_date): a day or a month."""
    try:
        date = parse_date(value)
    except ValueError:
        date = None
    if date is None:
        raise BriefingError.anywhere("bad-date", f"--published '{value}' is not YYYY-MM-DD or YYYY-MM",
                                     "write e.g. --published 2025-05-03")
    return date
