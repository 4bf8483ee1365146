"""Editions: what identifies one, and what changed since the previous one, read from its published data."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from builder.reading.fingerprints import Fingerprints

EDITION_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
# Fields compared between editions, in the order a reader sees them on an event page.
COMPARED = ("date", "type", "title", "summary", "bases", "actors", "quantities", "citations", "credibility")


def content_digest(root: Path, known: dict[str, bytes] | None = None, files: Fingerprints | None = None) -> str:
    """SHA-256 (64 hex digits) over every corpus file's path and bytes: two builds with one digest had
    the same content.

    `known`: the SHA-256 of files the check read, by path from the root, so they are not looked at again;
    `files`: the fingerprints the check kept (a preview's), so unchanged folders are not listed again.
    """
    digest = hashlib.sha256()
    known = known or {}
    files = files or Fingerprints()
    for rel, path in _corpus_files(files, root, ""):
        digest.update(rel.encode("utf-8") + b"\0")
        digest.update(known.get(rel) or files.fingerprint(path).digest)
    return digest.hexdigest()


def _corpus_files(files: Fingerprints, folder: str | Path, prefix: str):
    """(path from the corpus root, path) of every file but hidden ones, in the order of the paths' parts."""
    for entry in files.entries(folder):
        rel = prefix + entry.name
        if entry.is_dir(follow_symlinks=False):
            yield from _corpus_files(files, entry.path, rel + "/")
        elif entry.is_file():
            yield rel, entry.path


HISTORY = "events-history.json"  # when each event first appeared in a published edition, and last changed


@dataclass(frozen=True)
class Published:
    """An edition's data as its site published it (events.json, bases.json, sources.json, events-history.json
    and version.json)."""

    edition: str
    events: dict[str, dict]
    bases: dict[str, dict]
    sources: dict[str, dict]
    history: dict[str, dict] = field(default_factory=dict)  # id -> {"published": RFC 3339, "updated": RFC 3339}
    built: str = ""  # when the edition was built (RFC 3339), from its version.json

    @classmethod
    def from_files(cls, edition: str, files: dict[str, bytes]) -> "Published":
        """An edition's data from its files by name (events.json, bases.json, sources.json); a
        missing file reads as no records."""
        def load(name: str) -> dict[str, dict]:
            data = files.get(name)
            return {record["id"]: record for record in json.loads(data)} if data else {}
        version = json.loads(files["version.json"]) if files.get("version.json") else {}
        return cls(edition, load("events.json"), load("bases.json"), load("sources.json"), load(HISTORY),
                   _rfc3339(version.get("built", "")))


def _rfc3339(stamp: str) -> str:
    """version.json's ISO time ('2025-06-15T15:06:40+00:00') as Atom writes it ('2025-06-15T15:06:40Z')."""
    return stamp.removesuffix("+00:00") + "Z" if stamp.endswith("+00:00") else stamp


def event_dates(previous: "Published | None", current: "Published", changes: "Changes | None",
                now: str) -> dict[str, dict]:
    """When each current event first appeared in a published edition and when it last changed there.

    An event the previous edition had (under its id or one it `replaces`) keeps its first appearance,
    and its last change unless this edition changes one of its compared fields; a new event appears
    now. `now` is this edition's build time (RFC 3339). An edition published before this record
    existed gives its own build time for the events it had.
    """
    changed = {c.id for c in changes.changed} if changes else set()
    renamed = {new: old for old, new in changes.renamed} if changes else {}
    dates = {}
    for event_id in sorted(current.events):
        before_id = renamed.get(event_id, event_id)
        known = previous.events.get(before_id) if previous else None
        if known is None:
            dates[event_id] = {"id": event_id, "published": now, "updated": now}
            continue
        fallback = previous.built or now
        was = previous.history.get(before_id) or {"published": fallback, "updated": fallback}
        updated = now if event_id in changed or event_id in renamed else was["updated"]
        dates[event_id] = {"id": event_id, "published": was["published"], "updated": updated}
    return dates


@dataclass(frozen=True)
class EventChange:
    """An event kept from one edition to the next whose fields (COMPARED names) differ."""

    id: str
    fields: tuple[str, ...]
    before: tuple = ()  # each changed field's published value in the previous edition, in `fields`' order
    after: tuple = ()  # …and in this one


@dataclass(frozen=True)
class StatusChange:
    """A place whose published status differs between two editions (None: no status)."""

    base: str
    before: str | None
    after: str | None


@dataclass(frozen=True)
class Changes:
    """How the current edition differs from the previous one."""

    previous: str
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    renamed: tuple[tuple[str, str], ...] = ()  # (old id, new id)
    changed: tuple[EventChange, ...] = ()
    statuses: tuple[StatusChange, ...] = ()
    new_sources: tuple[str, ...] = ()
    removed_titles: dict[str, str] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        """True when nothing changed between the two editions."""
        return not (self.added or self.removed or self.renamed or self.changed or self.statuses or self.new_sources)


def compare(previous: Published, current: Published) -> Changes:
    """Events added, removed, renamed and changed (by field); status changes; new sources."""
    renamed = {old: new_id for new_id, record in current.events.items()
               for old in record.get("replaces", []) if old in previous.events and old not in current.events}
    added = sorted(set(current.events) - set(previous.events) - set(renamed.values()))
    removed = sorted(set(previous.events) - set(current.events) - set(renamed))
    changed = []
    for event_id in sorted(set(current.events) | set(renamed)):
        before_id = next((old for old, new in renamed.items() if new == event_id), event_id)
        before, after = previous.events.get(before_id), current.events.get(event_id)
        if before and after:
            fields = tuple(f for f in COMPARED if before.get(f) != after.get(f))
            if fields:
                changed.append(EventChange(event_id, fields, tuple(before.get(f) for f in fields),
                                           tuple(after.get(f) for f in fields)))
    statuses = tuple(
        StatusChange(base_id, (previous.bases.get(base_id) or {}).get("status"), record.get("status"))
        for base_id, record in sorted(current.bases.items())
        if (previous.bases.get(base_id) or {}).get("status") != record.get("status"))
    return Changes(
        previous=previous.edition,
        added=tuple(added),
        removed=tuple(removed),
        renamed=tuple(sorted(renamed.items())),
        changed=tuple(changed),
        statuses=statuses,
        new_sources=tuple(sorted(set(current.sources) - set(previous.sources))),
        removed_titles={k: previous.events[k]["title"] for k in removed},
    )
