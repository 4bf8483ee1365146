"""`briefing add-source`: archive an article verbatim and write its metadata as far as the text allows."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from builder.arabic import wording
from builder.common import model as m
from builder.curation.news_dates import dateline, publication_date
from builder.common.diagnostics import Diagnostics
from builder.reading.files import read_text
from builder.reading.fields import ID, MAX_TITLE
from builder.curation.suggest import yaml_quote

HEADER_LINES = 12  # where a dateline sits, if the article has one
URL = re.compile(r"https?://[^\s\"'<>«»“”()]+")


class AddSourceError(Exception):
    """The article cannot be added as asked; the message says why and what to do."""


@dataclass(frozen=True)
class NewSource:
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
    diagnostics = Diagnostics()
    text = read_text(file, str(file), diagnostics)
    if text is None:
        raise AddSourceError("\n".join(d.format() for d in diagnostics.sorted()))
    if not text.strip():
        raise AddSourceError(f"{file}: error: the file is empty")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    sources = content / "sources"
    same = _existing_digests(sources).get(digest) if sources.is_dir() else None
    if same:
        raise AddSourceError(f"{file}: error: this text is already archived as sources/{same}.txt (SHA-256 {digest[:12]}…)\n"
                             f"    hint: cite '{same}' in your events instead of adding it again")
    found = []
    header = "\n".join(text.split("\n")[:HEADER_LINES])
    if published:
        date = _given_date(published)
    else:
        date = publication_date(header)
        if date is None:
            raise AddSourceError(f"{file}: error: no publication date found in the article's first {HEADER_LINES} lines\n"
                                 "    hint: pass --published YYYY-MM-DD (or YYYY-MM when only the month is known)")
        found.append(f"published {date.iso} (from the dateline)")
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
        raise AddSourceError(f"error: id '{source_id}' is not lowercase ASCII words joined by hyphens\n"
                             "    hint: pass --id, e.g. --id alarab-2025-05-03-deir-ezzor")
    if reliability not in m.RELIABILITY:
        raise AddSourceError(f"error: reliability '{reliability}' is not one of {', '.join(m.RELIABILITY)}")
    text_path, meta_path = sources / f"{source_id}.txt", sources / f"{source_id}.yaml"
    for path in (text_path, meta_path):
        if path.exists():
            raise AddSourceError(f"{path}: error: already exists\n    hint: choose another --id")
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
    sources.mkdir(parents=True, exist_ok=True)
    text_path.write_bytes(file.read_bytes())  # verbatim: the archive is what was published
    meta_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return NewSource(source_id, text_path, meta_path, date, url, title, tuple(found))


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
    import datetime as dt
    for pattern, precision in ((r"(\d{4})-(\d{2})-(\d{2})", "day"), (r"(\d{4})-(\d{2})", "month")):
        found = re.fullmatch(pattern, value.strip())
        if found:
            parts = [int(p) for p in found.groups()] + [1] * (3 - len(found.groups()))
            try:
                return m.PartialDate(dt.date(*parts), precision)
            except ValueError:
                break
    raise AddSourceError(f"error: --published '{value}' is not YYYY-MM-DD or YYYY-MM")
