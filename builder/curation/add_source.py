"""`briefing add-source`: archive an article verbatim and write its metadata as far as the text allows."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from builder.arabic import wording
from builder.common import model as m
from builder.curation.news_dates import dateline, publication_date
from builder.common.diagnostics import BriefingError, Diagnostic, Diagnostics, display_path
from builder.reading.files import read_text
from builder.reading.fields import ID, MAX_TITLE, parse_date
from builder.reading.records import read_source
from builder.reading.strict_yaml import parse
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
    found: tuple[str, ...]  # what was read from the text, for the editor to review


def _existing_digests(sources: Path) -> dict[str, str]:
    """SHA-256 (of the normalised text, as the builder computes it) → source id, for every archived text."""
    out = {}
    for path in sorted(sources.glob("*.txt")):
        text = read_text(path, str(path), Diagnostics())
        if text is not None:
            out[hashlib.sha256(text.encode("utf-8")).hexdigest()] = path.stem
    return out


def _slug(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))


def add_source(file: Path, content: Path, outlet: str = "", outlet_en: str = "", url: str = "", source_id: str = "",
               title: str = "", published: str = "", reliability: str = "F") -> NewSource:
    """Archive `file` verbatim as sources/ID.txt and write sources/ID.yaml beside it.

    Everything is checked first, the metadata by the same reader `briefing check` uses: on any
    refusal BriefingError is raised and nothing is written."""
    if not file.is_file():
        raise BriefingError.at(file, 0, 0, "article-file", "is a folder, not an article" if file.is_dir() else "no such file",
                               "give the path of the article saved as UTF-8 text")
    diagnostics = Diagnostics()
    text = read_text(file, display_path(file), diagnostics)
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
    found = []
    if published:
        date = _given_date(published)
    else:
        read = publication_date(text)
        if read is None:
            raise BriefingError.at(file, 1, 1, "article-date",
                                   "no publication date found in the lines before the article's first sentence",
                                   "pass --published YYYY-MM-DD (or YYYY-MM when only the month is known)")
        date = read.date
        found.append(f"published {date.iso} ({read.why})")
    if not url:
        links = URL.findall(text)
        if links:
            url = links[0].rstrip(".,;:،")
            found.append(f"url {url} (from the text)")
    if not title:
        title = guess_title(text)
        found.append("title guessed from the first lines")
    if not source_id:
        source_id = "-".join(p for p in (_slug(outlet_en) or "source", date.iso, digest[:6]) if p)
    if not ID.fullmatch(source_id):
        raise BriefingError.anywhere("bad-id", f"--id '{source_id}' is not lowercase ASCII words joined by hyphens",
                                     "pass --id, e.g. --id alarab-2025-05-03-deir-ezzor")
    if reliability not in m.RELIABILITY:
        raise BriefingError.anywhere("bad-value", f"--reliability '{reliability}' is not one of {', '.join(m.RELIABILITY)}",
                                     "F when it cannot be judged yet")
    text_path, meta_path = sources / f"{source_id}.txt", sources / f"{source_id}.yaml"
    for path in (text_path, meta_path):
        if path.exists() or path.is_symlink():
            raise BriefingError.at(path, 0, 0, "file-exists", "already exists", "choose another --id")
    lines = [
        f"id: {source_id}",
        "outlet: {ar: " + yaml_quote(outlet or "غير معروف") + (", en: " + yaml_quote(outlet_en) if outlet_en else "") + "}",
        f"title: {yaml_quote(title)}",
        f"published: {date.iso}",
        *([f"url: {url}"] if url else []),
        "language: ar",
        f"reliability: {reliability}" + ("   # F: cannot be judged yet; grade the outlet A-E" if reliability == "F" else ""),
        "notes: " + yaml_quote(wording.added_source_note({fact.split()[0] for fact in found})),
    ]
    metadata = "\n".join(lines) + "\n"
    _validate(metadata, source_id, display_path(meta_path), text, digest, file)
    sources.mkdir(parents=True, exist_ok=True)
    text_path.write_bytes(file.read_bytes())  # verbatim: the archive is what was published
    meta_path.write_text(metadata, encoding="utf-8")
    return NewSource(source_id, text_path, meta_path, date, url, title, tuple(found))


def _validate(metadata: str, source_id: str, shown: str, text: str, digest: str, file: Path) -> None:
    """Read the metadata about to be written as `briefing check` will; refuse what it would refuse.

    Each problem is placed in the file that would have been written, and names the option or the
    article it came from, since that file does not exist."""
    found = Diagnostics()
    node = parse(metadata, shown, found)
    if node is not None:
        read_source(node, source_id, shown, text, digest, found)
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
