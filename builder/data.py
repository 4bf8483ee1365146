"""The site's data as JSON: what readers download, and what the next edition compares itself against."""

from __future__ import annotations

import json

from . import model as m
from .index import Index


def dumps(value) -> bytes:
    """Stable JSON: sorted keys, real Arabic (not \\u escapes), one trailing newline."""
    return (json.dumps(value, ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode("utf-8")


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


def exports(index: Index) -> dict[str, bytes]:
    """events.json, bases.json and sources.json, each sorted by id."""
    corpus = index.corpus
    return {
        "events.json": dumps([event_record(corpus.events[k]) for k in sorted(corpus.events)]),
        "bases.json": dumps([base_record(corpus.bases[k], index) for k in sorted(corpus.bases)]),
        "sources.json": dumps([source_record(corpus.sources[k]) for k in sorted(corpus.sources)]),
    }
