"""Rebuild a preview after an edit by rendering only the pages the edit can reach.

An edit that touches only events (added, changed, removed) reaches: those events' pages, their
months' briefs, their places' pages and feeds, the sources they cite, the home page, the site's feed
and the data page, and the edited events' type pages (every type page when the number of events of
some type changes: each one counts the others). The indexes are re-rendered only when what they show
changes: the briefs index when a month, type or place gains or loses an event, the sources index when
a source's count of citations changes, the places index when the event that set a place's status
changed. When an edit changes a place's current status, every place's page is re-rendered too (each
one's map colours all places). Any other
edit (a place, a source, a page, the theme or a setting) rebuilds everything. The rest of the site
is what the previous build wrote, so the result is the same as a full build (tests/test_incremental.py).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from builder.common import model as m
from builder.pipeline.build import THEME, Checked, assets, setup
from builder.common.collector import with_fewer_collections
from builder.planning.graphics import time_span
from builder.indexing.index import Index
from builder.planning.pages import PageKey
from builder.pipeline.settings import Settings

ALWAYS: frozenset[PageKey] = frozenset({("home", ""), ("feed", ""), ("data", ""), ("changes", ""), ("search", "")})


@dataclass
class Preview:
    """A built preview: what it was built from, and every file it holds."""

    checked: Checked
    settings: Settings
    theme: dict[str, float]  # the theme's files and their modification times
    files: dict[str, bytes]
    outputs: dict[PageKey, str]  # each page's file


@dataclass(frozen=True)
class Update:
    preview: Preview
    write: dict[str, bytes]  # new or changed files
    delete: frozenset[str]  # files the site no longer has
    pages: int  # pages rendered
    full: bool


def _theme(templates: Path) -> dict[str, float]:
    return {p.as_posix(): p.stat().st_mtime for p in sorted(templates.rglob("*")) if p.is_file()}


def _status(index: Index, base_id: str) -> str | None:
    """What a map shows of a place's status."""
    change = index.status(base_id)
    return change.effect if change else None


def _type_counts(corpus: m.Corpus) -> Counter[str]:
    return Counter(event.type for event in corpus.events.values())


def reached(old: Index, new: Index) -> set[PageKey] | None:
    """The pages an edit between two indexes can change; None when it cannot be narrowed down."""
    before, after = old.corpus, new.corpus
    if before.bases != after.bases or before.sources != after.sources or before.pages != after.pages:
        return None
    if list(old.by_month) != list(new.by_month):  # a month appears or goes: every brief's pager may change
        return None
    edited: list[m.Event] = []  # each edited event as it was and as it is
    for event_id in before.events.keys() | after.events.keys():
        was, now = before.events.get(event_id), after.events.get(event_id)
        if was is not now and was != now:  # an unchanged file gives back the very same record
            edited += [e for e in (was, now) if e is not None]
    if not edited:
        return set()
    keys = set(ALWAYS)
    months = {e.date.month_key for e in edited}
    places = {t.base for e in edited for t in e.bases}
    sources = {c.source for e in edited for c in e.citations}
    recounted = _type_counts(before) != _type_counts(after)
    if recounted:  # each type page lists the others with their counts
        keys |= {("type", t) for t in m.EVENT_TYPES}
    counted = lambda mapping, ids: [len(mapping.get(i, ())) for i in sorted(ids)]  # noqa: E731
    if recounted or counted(old.by_month, months) != counted(new.by_month, months) \
            or counted(old.by_base, places) != counted(new.by_base, places):
        keys.add(("briefs", ""))  # it counts the events of each month, type and place
    if counted(old.citing, sources) != counted(new.citing, sources):
        keys.add(("sources", ""))  # it counts each source's citations
    if any(old.status(b) != new.status(b) for b in places):
        keys.add(("bases", ""))  # each place's status names the event that set it
    for event in edited:
        keys |= {("event", event.id), ("brief", event.date.month_key), ("type", event.type)}
        keys |= {("redirect", old_id) for old_id in event.replaces}
    keys |= {("source", s) for s in sources}
    if time_span(old) != time_span(new) or any(_status(old, b) != _status(new, b) for b in places):
        places = set(after.bases)  # every place's timeline ends with the briefing; its map shows all statuses
    keys |= {("base", b) for b in places} | {("base-feed", b) for b in places}
    return keys


@with_fewer_collections
def update(previous: Preview | None, checked: Checked, settings: Settings, templates: Path = THEME) -> Update:
    """Render what changed since `previous` (everything when there is none) and say what to write.

    For previews: PDFs and the search index are made by full builds only."""
    if settings.pdf or settings.search:
        raise ValueError("incremental previews make neither PDFs nor the search index; turn both off")
    theme = _theme(templates)
    made = setup(checked, settings, templates)
    planner, renderer = made.planner, made.renderer
    keys = planner.keys()
    narrowed = None
    if previous is not None and previous.settings == settings and previous.theme == theme:
        narrowed = reached(previous.checked.index, checked.index)
    todo = keys if narrowed is None else [k for k in keys if k in narrowed]
    files = {} if narrowed is None else dict(previous.files)
    outputs = {} if narrowed is None else dict(previous.outputs)
    if narrowed is not None:
        for gone in set(outputs) - set(keys):
            files.pop(outputs.pop(gone), None)
    else:
        files.update(assets(templates))
    for key in todo:
        page = planner.page(key)
        files[page.output] = renderer.render(page)
        outputs[key] = page.output
    files.update(made.data)
    old = previous.files if previous is not None else {}
    write = {path: data for path, data in files.items() if old.get(path) != data}
    delete = frozenset(old) - frozenset(files)
    return Update(Preview(checked, settings, theme, files, outputs), write, delete, len(todo), narrowed is None)
