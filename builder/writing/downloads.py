"""The site's data as JSON: what readers download, and what the next edition compares itself against."""

from __future__ import annotations

import csv
import io
import json
from typing import Callable, Generic, Iterable, TypeVar

from builder.arabic import wording
from builder.arabic.printing import Style
from builder.common import model as m
from builder.indexing.index import Index
from builder.planning.views import event_href, original_href

T = TypeVar("T")


def dumps(value) -> bytes:
    """Stable JSON: sorted keys, real Arabic (not \\u escapes), one trailing newline."""
    return (json.dumps(value, ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode("utf-8")


def record_line(record: dict) -> str:
    """One record as one line of stable JSON, by json's C encoder (indentation would force the slower
    pure-Python one)."""
    return json.dumps(record, ensure_ascii=False, sort_keys=True)


def join_lines(lines: list[str]) -> bytes:
    """Records' lines as a JSON list, one record a line: as easy to diff and grep as indented JSON."""
    return ("[\n" + ",\n".join(lines) + "\n]\n").encode("utf-8") if lines else b"[]\n"


def join_encoded(lines: list[bytes]) -> bytes:
    """join_lines, for lines already encoded (one edit in a preview re-encodes one line, not the file)."""
    return b"[\n" + b",\n".join(lines) + b"\n]\n" if lines else b"[]\n"


def dump_records(records: list[dict]) -> bytes:
    """A list of records as stable JSON, one record a line."""
    return join_lines([record_line(r) for r in records])


class Memo(Generic[T]):
    """What `make` gives for each item, made again only for items that are not the very objects of the
    last call. A preview's check hands back the same record objects for unchanged files (the identity
    rule of builder/reading/cache.py), so after an edit only the edited event's line is made again.
    Items are compared with the last call's in order first, by identity, which is cheap."""

    def __init__(self, make: Callable[[T], bytes]):
        self.make = make
        self.items: list[T] = []  # the last call's items, held so that their ids are not reused
        self.made: list[bytes] = []

    def __call__(self, items: Iterable[T]) -> list[bytes]:
        items = list(items)
        old, made, make = self.items, self.made, self.make
        if len(items) == len(old):  # an edit: the same items, one or a few of them new objects
            out = list(made)
            moved = [at for at, (item, was) in enumerate(zip(items, old)) if item is not was]
        else:
            out, moved = [b""] * len(items), range(len(items))
        by_id: dict[int, int] | None = None  # an item's place in the last call, when it is not the same
        for at in moved:
            if by_id is None:
                by_id = {id(o): i for i, o in enumerate(old)}
            was = by_id.get(id(items[at]))
            out[at] = made[was] if was is not None and old[was] is items[at] else make(items[at])
        self.items, self.made = items, out
        return out


def event_record(event: m.Event) -> dict:
    """One event as published: every field an editor wrote, dates as precise as they are known."""
    return {
        "id": event.id,
        "date": {"start": event.date.start.iso, "end": event.date.end.iso if event.date.end else None,
                 "precision": event.date.precision},
        "type": event.type,
        "title": event.title,
        "summary": event.summary,
        "bases": [{"id": t.base, "effect": t.effect} for t in event.bases],
        "actors": list(event.actors),
        "quantities": [{"count": q.count, "unit": q.unit} for q in event.quantities],
        "citations": [{"source": c.source, "quote": c.quote, "stance": c.stance} for c in event.citations],
        "credibility": event.credibility,
        "replaces": list(event.replaces),
        "review": event.review,
    }


def base_record(base: m.Base, index: Index) -> dict:
    """A place as bases.json publishes it: id, names, kind, and its current status with the event that set it."""
    change = index.status(base.id)
    return {
        "id": base.id,
        "name": {"ar": base.name.ar, "en": base.name.en},
        "kind": base.kind,
        "status": change.effect if change else None,
        "status_event": change.event.id if change else None,
    }


def source_record(source: m.Source) -> dict:
    """A source as sources.json publishes it: metadata, the SHA-256 of its archived text and, when the
    text was extracted from a saved page or WARC record, that original's address on the site and SHA-256."""
    return {
        "id": source.id,
        "outlet": {"ar": source.outlet.ar, "en": source.outlet.en},
        "title": source.title,
        "published": source.published.iso,
        "url": source.url or None,
        "reliability": source.reliability,
        "sha256": source.sha256,
        "original": None if source.original is None else {
            "href": original_href(source.id, source.original.file), "sha256": source.original.sha256},
    }


# Dates are split into whole numbers (year, month, day; blank when not known), which no spreadsheet turns
# into an invented full date as it does «2014-09»; `date` is the same as the site prints it.
DATE_COLUMNS = ("start_year", "start_month", "start_day", "end_year", "end_month", "end_day", "precision", "date")
CSV_COLUMNS = ("id", *DATE_COLUMNS, "type", "type_ar", "title", "bases", "bases_ar", "actors", "quantities",
               "quantities_ar", "sources", "credibility", "url")
# The long table: one row per event and place it touched, with where the place is.
PLACE_COLUMNS = ("event_id", *DATE_COLUMNS, "type", "title", "place_id", "place_ar", "place_en", "kind", "kind_ar",
                 "governorate_ar", "governorate_en", "lat", "lon", "location_precision", "effect", "effect_ar")


# A cell starting with one of these is a formula to spreadsheet programs (OWASP, CSV injection): a title
# `=HYPERLINK(…)` or an actor `+قسد` would run when the file is opened.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: str) -> str:
    """A cell as spreadsheet programs will show it and never evaluate: one starting like a formula gets a
    leading apostrophe, as OWASP's CSV-injection guidance says (the JSON downloads keep the text as is)."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def _parts(date: m.PartialDate | None) -> tuple[str, str, str]:
    """Year, month and day as far as `date` tells them (a week is given by its first day)."""
    if date is None:
        return "", "", ""
    d = date.value
    return (str(d.year), str(d.month) if date.precision != "year" else "",
            str(d.day) if date.precision in ("day", "week") else "")


def _dates(event: m.Event, style: Style) -> tuple[str, ...]:
    date = event.date
    return (*_parts(date.start), *_parts(date.end), date.precision, style.date_range(date.start, date.end))


def _line(values) -> str:
    """One CSV row (CRLF); every text cell through spreadsheet_cell, numbers as they are."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(
        spreadsheet_cell(value) if isinstance(value, str) else value for value in values)
    return out.getvalue()


def _csv_row(event: m.Event, site_url: str, bases: dict[str, m.Base], style: Style) -> str:
    def name(base_id: str) -> str:
        return bases[base_id].name.ar if base_id in bases else base_id
    return _line((
        event.id, *_dates(event, style), event.type, wording.EVENT_TYPES[event.type], event.title,
        " | ".join(f"{t.base}:{t.effect}" for t in event.bases),
        " | ".join(f"{name(t.base)}: {wording.EFFECTS[t.effect]}" for t in event.bases), " | ".join(event.actors),
        " | ".join(f"{q.count} {q.unit}" for q in event.quantities),
        " | ".join(f"{q.count} {wording.UNITS.get(q.unit, q.unit)}" for q in event.quantities),
        " | ".join(dict.fromkeys(c.source for c in event.citations)), event.credibility,
        f"{site_url}/{event_href(event.id)}" if site_url else event_href(event.id),
    ))


def _place_rows(event: m.Event, bases: dict[str, m.Base], style: Style) -> str:
    rows = []
    for touch in event.bases:
        base = bases[touch.base]
        loc = base.location
        rows.append(_line((
            event.id, *_dates(event, style), event.type, event.title, base.id, base.name.ar, base.name.en,
            base.kind, wording.BASE_KINDS[base.kind], base.governorate.ar, base.governorate.en,
            loc.lat if loc else "", loc.lon if loc else "", loc.precision if loc else "",
            touch.effect, wording.EFFECTS[touch.effect])))
    return "".join(rows)


def _table(columns: tuple[str, ...], rows: list[bytes]) -> bytes:
    """UTF-8 with a byte-order mark and CRLF rows (RFC 4180), so spreadsheet programs open Arabic right; a
    cell that would start a formula begins with an apostrophe (spreadsheet_cell)."""
    return ("\ufeff" + _line(columns)).encode("utf-8") + b"".join(rows)


def events_csv(index: Index, site_url: str = "", lines: DownloadLines | None = None, style: Style | None = None) -> bytes:
    """One row per event, chronological, with Arabic labels beside the ids. Lists inside a cell are joined
    with ' | ' (a place as id:effect); event-places.csv has one row per event and place instead."""
    rows = (lines or DownloadLines()).csv_rows(site_url, index.corpus.bases, style or Style())
    return _table(CSV_COLUMNS, rows(index.events))


def event_places_csv(index: Index, style: Style | None = None) -> bytes:
    """One row per event and place it touched (the long form a pivot table or a GIS wants): the event's
    dates, the place with its governorate and coordinates, and the event's effect on it."""
    style = style or Style()
    return _table(PLACE_COLUMNS, [_place_rows(e, index.corpus.bases, style).encode("utf-8") for e in index.events])


def bases_geojson(index: Index) -> bytes:
    """RFC 7946: a FeatureCollection of points, [longitude, latitude]; a place without coordinates has
    a null geometry rather than a made-up point."""
    features = []
    for base_id in sorted(index.corpus.bases):
        base = index.corpus.bases[base_id]
        loc = base.location
        features.append({
            "type": "Feature",
            "id": base.id,
            "geometry": {"type": "Point", "coordinates": [loc.lon, loc.lat]} if loc else None,
            "properties": base_record(base, index) | {
                "governorate": {"ar": base.governorate.ar, "en": base.governorate.en},
                "aliases": list(base.aliases),
                "location_precision": loc.precision if loc else None,
            },
        })
    features_json = dump_records(features).decode("utf-8").rstrip("\n")
    return f'{{"features": {features_json}, "type": "FeatureCollection"}}\n'.encode("utf-8")


def exports(index: Index, site_url: str = "", lines: DownloadLines | None = None,
            style: Style | None = None) -> dict[str, bytes]:
    """The downloads: events (JSON, CSV), places (JSON, GeoJSON) and sources, each in a stable order,
    by file name. `lines` holds the records' lines from the last call (none: every line is made)."""
    corpus = index.corpus
    lines = lines or DownloadLines()
    return {
        "events.json": join_encoded(lines.events(corpus.events[k] for k in sorted(corpus.events))),
        "events.csv": events_csv(index, site_url, lines, style),
        "event-places.csv": event_places_csv(index, style),
        "bases.json": dump_records([base_record(corpus.bases[k], index) for k in sorted(corpus.bases)]),
        "bases.geojson": bases_geojson(index),
        "sources.json": join_encoded(lines.sources(corpus.sources[k] for k in sorted(corpus.sources))),
    }


class DownloadLines:
    """Each record's line of the downloads as last made, kept by the host between builds of one corpus
    (a preview) so that an edit makes only the edited records' lines again."""

    def __init__(self) -> None:
        self.events: Memo[m.Event] = Memo(lambda event: record_line(event_record(event)).encode("utf-8"))
        self.sources: Memo[m.Source] = Memo(lambda source: record_line(source_record(source)).encode("utf-8"))
        self._csv: tuple[tuple, Memo[m.Event]] | None = None  # for one site address, style and places at a time

    def csv_rows(self, site_url: str, bases: dict[str, m.Base], style: Style) -> Memo[m.Event]:
        """The events' CSV rows for a site at `site_url` (their last column links to it), dates printed in
        `style`. A row names its places, so rows are kept only while the places keep their names."""
        key = (site_url, style, tuple((b.id, b.name.ar) for b in bases.values()))
        if self._csv is None or self._csv[0] != key:
            self._csv = (key, Memo(lambda event: _csv_row(event, site_url, bases, style).encode("utf-8")))
        return self._csv[1]
