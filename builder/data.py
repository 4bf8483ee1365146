"""The site's data as JSON: what readers download, and what the next edition compares itself against."""

from __future__ import annotations

import csv
import io
import json

from . import model as m
from .index import Index


def dumps(value) -> bytes:
    """Stable JSON: sorted keys, real Arabic (not \\u escapes), one trailing newline."""
    return (json.dumps(value, ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode("utf-8")


def dump_records(records: list[dict]) -> bytes:
    """A list of records as stable JSON, one record a line: as easy to diff and grep as indented JSON,
    and written by json's C encoder (indentation forces the pure-Python one, ten times slower)."""
    lines = ",\n".join(json.dumps(r, ensure_ascii=False, sort_keys=True) for r in records)
    return f"[\n{lines}\n]\n".encode("utf-8") if records else b"[]\n"


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
    }


def base_record(base: m.Base, index: Index) -> dict:
    change = index.status(base.id)
    return {
        "id": base.id,
        "name": {"ar": base.name.ar, "en": base.name.en},
        "kind": base.kind,
        "status": change.effect if change else None,
        "status_event": change.event.id if change else None,
    }


def source_record(source: m.Source) -> dict:
    return {
        "id": source.id,
        "outlet": {"ar": source.outlet.ar, "en": source.outlet.en},
        "title": source.title,
        "published": source.published.iso,
        "url": source.url or None,
        "reliability": source.reliability,
        "sha256": source.sha256,
    }


CSV_COLUMNS = ("id", "start", "end", "precision", "type", "title", "bases", "actors", "quantities", "sources",
               "credibility", "url")


def events_csv(index: Index, site_url: str = "") -> bytes:
    """One row per event, chronological. Lists inside a cell are joined with ' | ' (place as id:effect).

    UTF-8 with a byte-order mark and CRLF rows (RFC 4180), so spreadsheet programs open Arabic right.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for event in index.events:
        date = event.date
        writer.writerow((
            event.id, date.start.iso, date.end.iso if date.end else "", date.precision, event.type, event.title,
            " | ".join(f"{t.base}:{t.effect}" for t in event.bases), " | ".join(event.actors),
            " | ".join(f"{q.count} {q.unit}" for q in event.quantities),
            " | ".join(dict.fromkeys(c.source for c in event.citations)), event.credibility,
            f"{site_url}/events/{event.id}/" if site_url else f"events/{event.id}/",
        ))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


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


def exports(index: Index, site_url: str = "") -> dict[str, bytes]:
    """The downloads: events (JSON, CSV), places (JSON, GeoJSON) and sources, each in a stable order."""
    corpus = index.corpus
    return {
        "events.json": dump_records([event_record(corpus.events[k]) for k in sorted(corpus.events)]),
        "events.csv": events_csv(index, site_url),
        "bases.json": dump_records([base_record(corpus.bases[k], index) for k in sorted(corpus.bases)]),
        "bases.geojson": bases_geojson(index),
        "sources.json": dump_records([source_record(corpus.sources[k]) for k in sorted(corpus.sources)]),
    }
