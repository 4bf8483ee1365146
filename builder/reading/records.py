"""The fields of each content kind (source, base, event), read with the schema's checks."""

from __future__ import annotations

import re
from typing import NamedTuple

from builder.arabic.normalise import TATWEEL
from builder.common import model as m
from builder.common.diagnostics import Diagnostics, Mark, counted
from builder.reading.fields import ID, MAX_TITLE, Fields
from builder.reading.strict_yaml import Mapping

SOURCE_FIELDS = ("id", "outlet", "title", "published", "url", "retrieved", "language", "reliability", "notes",
                 "original")
ORIGINAL_FIELDS = ("file", "sha256")
SHA256 = re.compile(r"[0-9a-f]{64}")
BASE_FIELDS = ("id", "name", "aliases", "kind", "governorate", "location", "notes", "review")
EVENT_FIELDS = ("id", "date", "type", "title", "summary", "bases", "actors", "quantities", "citations", "credibility",
                "replaces", "review")
MAX_PROSE = 20_000
MAX_QUOTE = 2_000
# A quote of one or two words occurs in almost any article: it proves nothing, and a reader cannot tell
# which passage the event rests on.
MIN_QUOTE_WORDS = 3


class Found(NamedTuple):
    """An original found beside a source's text: its file name in sources/, its path as shown, its SHA-256 (hex)."""

    file: str
    shown: str
    sha256: str


def read_source(node: Mapping, stem: str, path: str, text: str, sha256: str, diagnostics: Diagnostics,
                found: Found | None = None) -> m.Source:
    """A source's metadata, joined with its archived text and with the original `found` beside it
    (the saved page or WARC record the text was extracted from), which must be the one `original` names."""
    f = Fields(node, diagnostics, SOURCE_FIELDS)
    language = f.text("language")
    if language and not re.fullmatch(r"[a-z]{2,3}", language):
        f.error(f.mark("language"), "bad-value", f"'language' is '{language}', not a language code", "write e.g. ar")
    retrieved = f.partial_date("retrieved", precision="day", required=False)
    return m.Source(
        id=f.identifier(stem),
        outlet=f.names("outlet"),
        title=f.text("title", limit=MAX_TITLE),
        published=f.partial_date("published") or m.PartialDate(m.dt.date.min, "day"),
        language=language,
        reliability=f.choice("reliability", m.RELIABILITY),
        text=text,
        sha256=sha256,
        path=path,
        url=f.url("url"),
        retrieved=retrieved.value if retrieved else None,
        notes=f.markdown("notes", required=False, limit=MAX_PROSE),
        original=_original(f, stem, found),
    )


def _original(f: Fields, stem: str, found: Found | None) -> m.Original | None:
    """`original: {file, sha256}`, held to the file beside the text: it must be there, be the one named,
    and still have the recorded SHA-256, so that an altered or lost original is an error, as a quote
    that no longer matches its text is."""
    node = f.mapping("original", required=False)
    if node is None:
        if found is not None:
            f.error(Mark(found.shown, 0, 0), "source-original", f"'{found.file}' is not named in {stem}.yaml",
                    f"add `original: {{file: {found.file}, sha256: {found.sha256}}}` to {stem}.yaml if it is the "
                    "page the text was taken from; otherwise remove the file")
        return None
    inner = Fields(node, f.diagnostics, ORIGINAL_FIELDS)
    name, digest = inner.text("file"), inner.text("sha256")
    if not name or not digest:
        return None
    names = [stem + suffix for suffix in m.ORIGINAL_SUFFIXES]
    if name not in names:
        inner.error(inner.mark("file"), "source-original", f"'file' is '{name}', not one of {', '.join(names)}",
                    "the original is kept beside the text, under the source's id")
        return None
    if not SHA256.fullmatch(digest):
        inner.error(inner.mark("sha256"), "source-original", "'sha256' is not 64 lowercase hexadecimal digits",
                    f"write the SHA-256 of {name}, as `sha256sum {name}` prints it")
        return None
    if found is None or found.file != name:
        beside = f" (sources/ holds {found.file})" if found is not None else ""
        inner.error(inner.mark("file"), "source-original", f"the original '{name}' is missing{beside}",
                    f"restore sources/{name} from the repository's history (e.g. `git checkout -- sources/{name}`), "
                    "or remove `original` if the source has none")
        return None
    if found.sha256 != digest:
        inner.error(inner.mark("sha256"), "source-original",
                    f"{name} has SHA-256 {found.sha256[:16]}…, not the {digest[:16]}… recorded here: the archived "
                    "original was changed", f"restore sources/{name} as it was archived (e.g. `git checkout -- "
                    f"sources/{name}`); record a new hash only when the new file is the page as published")
        return None
    return m.Original(name, digest)


def _location(f: Fields) -> m.Location | None:
    node = f.mapping("location", required=False)
    if node is None:
        return None
    inner = Fields(node, f.diagnostics, ("lat", "lon", "precision"))
    lat, lon = inner.number("lat", -90, 90), inner.number("lon", -180, 180)
    precision = inner.choice("precision", m.LOCATION_PRECISIONS)
    if lat is None or lon is None or not precision:
        return None
    return m.Location(lat, lon, precision, inner.mark("lat"))


def read_base(node: Mapping, stem: str, path: str, diagnostics: Diagnostics) -> m.Base:
    """A place: base, airfield, field, crossing, city or area."""
    f = Fields(node, diagnostics, BASE_FIELDS)
    aliases = f.marked_strings("aliases")
    name = f.names("name")
    name_marks = {name.ar: f.mark("name")} | {alias: mark for alias, mark in aliases}
    # A draft the curation assistant wrote knows a name and a sentence, not yet the governorate.
    review = f.choice("review", m.REVIEW, required=False, default="reviewed")
    return m.Base(
        id=f.identifier(stem),
        name=name,
        kind=f.choice("kind", m.BASE_KINDS),
        governorate=f.names("governorate", required=review != "pending"),
        location=_location(f),
        path=path,
        aliases=tuple(alias for alias, _ in aliases),
        notes=f.markdown("notes", required=False, limit=MAX_PROSE),
        name_marks=name_marks,
        review=review,
    )


def _event_date(f: Fields) -> m.EventDate | None:
    node = f.mapping("date")
    if node is None:
        return None
    inner = Fields(node, f.diagnostics, ("start", "end", "precision"))
    precision = inner.choice("precision", m.PRECISIONS)
    if not precision:
        return None
    start = inner.partial_date("start", precision)
    end = inner.partial_date("end", precision, required=False)
    if start and end and end.value < start.value:
        inner.error(inner.mark("end"), "date-order", f"'end' ({end.iso}) is before 'start' ({start.iso})",
                    "swap them, or correct the end date")
        end = None
    return m.EventDate(start, end) if start else None


def _base_effect(f: Fields) -> m.BaseEffect | None:
    base, effect = f.text("id"), f.choice("effect", m.EFFECTS)
    return m.BaseEffect(base, effect, f.mark("id")) if base and effect else None


def _quantity(f: Fields) -> m.Quantity | None:
    count, unit = f.count("count"), f.choice("unit", m.UNITS)
    return m.Quantity(count, unit) if count is not None and unit else None


def _words(text: str, enough: int) -> int:
    """How many words `text` has (a word holds a letter or digit: not tatweel or marks alone), counted
    up to `enough`: a check looks at every quote, and a long one need not be counted to the end."""
    words = 0
    for word in text.split():
        if any(c.isalnum() and c != TATWEEL for c in word):
            words += 1
            if words == enough:
                break
    return words


def _citation(f: Fields) -> m.Citation | None:
    source = f.text("source")
    quote = f.text("quote", limit=MAX_QUOTE, one_line=False)
    stance = f.choice("stance", m.STANCES, required=False, default="supports")
    if not (source and quote):
        return None
    words = _words(quote, MIN_QUOTE_WORDS)
    if words < MIN_QUOTE_WORDS:
        f.error(f.mark("quote"), "quote-too-short",
                f"the quote has {counted(words, 'word')}, too few to identify a passage",
                f"quote at least {MIN_QUOTE_WORDS} words of the source, enough that a reader finds the passage the "
                "event rests on")
        return None
    return m.Citation(source, quote, stance, f.mark("source"), f.mark("quote"))


def read_event(node: Mapping, stem: str, path: str, diagnostics: Diagnostics) -> m.Event | None:
    """One dated event, with the places it touches and the passages that support it."""
    f = Fields(node, diagnostics, EVENT_FIELDS)
    replaced = _replaced_ids(f)
    event = m.Event(
        id=f.identifier(stem),
        date=_event_date(f),
        type=f.choice("type", m.EVENT_TYPES),
        title=f.text("title", limit=MAX_TITLE),
        summary=f.markdown("summary", limit=MAX_PROSE),
        bases=f.records("bases", ("id", "effect"), _base_effect),
        citations=f.records("citations", ("source", "quote", "stance"), _citation, required=True),
        credibility=f.choice("credibility", m.CREDIBILITY),
        path=path,
        actors=f.strings("actors"),
        quantities=f.records("quantities", ("count", "unit"), _quantity),
        replaces=tuple(old for old, _ in replaced),
        replaces_marks=tuple(mark for _, mark in replaced),
        review=f.choice("review", m.REVIEW, required=False, default="reviewed"),
    )
    return event if event.date is not None else None


def _replaced_ids(f: Fields) -> tuple[tuple[str, Mark], ...]:
    """The old ids under `replaces`, each with where it is written (the checks across events report there)."""
    out = []
    for old, mark in f.marked_strings("replaces"):
        if not ID.fullmatch(old):
            f.error(mark, "bad-id", f"replaced id '{old}' is not lowercase ASCII words joined by hyphens",
                    "write the event's old id exactly as it was")
        else:
            out.append((old, mark))
    return tuple(out)
