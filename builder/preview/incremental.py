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

from dataclasses import dataclass
from pathlib import Path

from builder.common import model as m
from builder.pipeline.build import THEME, Checked, assets, originals, setup, with_site_root
from builder.common.collector import with_fewer_collections
from builder.indexing.index import Index
from builder.planning import kinds
from builder.planning.kinds import Edit, PageKey
from builder.pipeline.settings import Settings


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
    """What a preview update did: the new preview, the files to write and delete, how many pages it
    rendered, and whether it rendered all of them."""

    preview: Preview
    write: dict[str, bytes]  # new or changed files
    delete: frozenset[str]  # files the site no longer has
    pages: int  # pages rendered
    full: bool


def _theme(templates: Path) -> dict[str, float]:
    return {p.as_posix(): p.stat().st_mtime for p in sorted(templates.rglob("*")) if p.is_file()}


def reached(old: Index, new: Index) -> set[PageKey] | None:
    """The pages an edit between two indexes can change; None when it cannot be narrowed down.
    Each kind of page says which edits reach it (`builder.planning.kinds`)."""
    edit = Edit.between(old, new)
    return None if edit is None else kinds.reached(edit)


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
    else:  # an edit of a source (and so of its original) is never narrowed down
        files.update(assets(templates))
        files.update(originals(checked))
    for key in todo:
        page = planner.page(key)
        files[page.output] = renderer.render(page)
        outputs[key] = page.output
    files.update(made.data)
    for path in previous.checked.site_root if previous is not None else ():
        files.pop(path, None)  # a file taken out of site-root/ goes from the preview too
    files.update(with_site_root(checked, files))
    old = previous.files if previous is not None else {}
    write = {path: data for path, data in files.items() if old.get(path) != data}
    delete = frozenset(old) - frozenset(files)
    return Update(Preview(checked, settings, theme, files, outputs), write, delete, len(todo), narrowed is None)
