"""The registry of page kinds: every kind of page the site has, declared once.

Each `Kind` says what its pages are (key, context class and so template), where they go (the folder
a hand-written page may not take), which pages of it exist, whether the search indexes them, whether
the main navigation links them, and which edits reach them. Everything that used to list the kinds
by hand is derived from `KINDS`: the planner's `keys` and `page`, the navigation (`nav`), the
preview's `reached`, the reserved page names (`reserved`) and the indexed kinds (`indexed`).

Adding a kind of page is one entry here, its context in `contexts.py` (with a planner method that
makes it, in `pages.py`) and its template in templates/.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterable

from builder.arabic import wording as labels
from builder.common import model as m
from builder.indexing.index import Index
from builder.planning import contexts as c
from builder.planning.feeds import FeedPage
from builder.planning.graphics import time_span
from builder.planning.views import Link

if TYPE_CHECKING:
    from builder.planning.pages import Planner

PageKey = tuple[str, str]  # (kind, argument): ("event", "<id>"), ("brief", "2025-05"), ("home", "")…

# The generated sections: each is a page of its own and an entry of the main navigation.
HOME = Link("", labels.SECTIONS["home"])
CHANGES = Link("changes/", labels.SECTIONS["changes"])
BRIEFS = Link("briefs/", labels.SECTIONS["briefs"])
BASES = Link("bases/", labels.SECTIONS["bases"])
SOURCES = Link("sources/", labels.SECTIONS["sources"])
DATA = Link("data/", labels.SECTIONS["data"])
SEARCH = Link("search/", labels.SECTIONS["search"])

# Top-level folders the site writes that hold no page kind: a hand-written page may not take them either.
OTHER_FOLDERS = {
    "assets": "the theme's styles, scripts and fonts (pipeline.build.assets)",
    "pagefind": "the search bundle (rendering.search.BUNDLE)",
    "schemas": "the JSON Schemas of the corpus files (writing.schemas)",
    "index": "the name of every page's file; a page called so would read as the home page",
}


@dataclass(frozen=True)
class Edit:
    """An edit that changed events only, as the kinds' reach rules read it.

    `Edit.between` makes one from the indexes before and after; it is None when the edit reaches
    further (a place, a source or a page changed, or a month appeared or went: every brief's pager)."""

    events: tuple[m.Event, ...]  # each edited event as it was and as it is (the records that differ)
    places: frozenset[str]  # ids of the places those records touch
    sources: frozenset[str]  # ids of the sources they cite
    every_place: frozenset[str]  # ids of all places, after the edit
    types_recounted: bool  # some type of event gained or lost an event
    briefs_recounted: bool  # …or some month, type or place did
    citations_recounted: bool  # some cited source's number of citations changed
    status_changed: bool  # the event that set a touched place's status is another or changed
    maps_changed: bool  # the timelines' span changed, or a touched place's status as the map shows it

    @classmethod
    def between(cls, old: Index, new: Index) -> Edit | None:
        """The edit from `old` to `new`, or None when it changed more than events (see the class)."""
        before, after = old.corpus, new.corpus
        if before.bases != after.bases or before.sources != after.sources or before.pages != after.pages:
            return None
        if list(old.by_month) != list(new.by_month):
            return None
        edited: list[m.Event] = []
        for event_id in before.events.keys() | after.events.keys():
            was, now = before.events.get(event_id), after.events.get(event_id)
            if was is not now and was != now:  # `is` first: the identity rule (builder/reading/cache.py)
                edited += [e for e in (was, now) if e is not None]
        months = {e.date.month_key for e in edited}
        places = frozenset(t.base for e in edited for t in e.bases)
        sources = frozenset(ci.source for e in edited for ci in e.citations)
        types = lambda corpus: Counter(e.type for e in corpus.events.values())  # noqa: E731
        counted = lambda mapping, ids: [len(mapping.get(i, ())) for i in sorted(ids)]  # noqa: E731
        types_recounted = types(before) != types(after)
        return cls(
            events=tuple(edited), places=places, sources=sources, every_place=frozenset(after.bases),
            types_recounted=types_recounted,
            briefs_recounted=types_recounted or counted(old.by_month, months) != counted(new.by_month, months)
            or counted(old.by_base, places) != counted(new.by_base, places),
            citations_recounted=counted(old.citing, sources) != counted(new.citing, sources),
            status_changed=any(old.status(b) != new.status(b) for b in places),
            maps_changed=time_span(old) != time_span(new) or any(_shown(old, b) != _shown(new, b) for b in places),
        )


def _shown(index: Index, place: str) -> str | None:
    """A place's status as its map marker shows it: the effect of the event that set it."""
    change = index.status(place)
    return change.effect if change else None


Reach = Callable[[Edit], Iterable[str]]


def every_edit(edit: Edit) -> Iterable[str]:
    """The one page of a kind that shows the latest events (home, feed, counts), reached by any edit."""
    return ("",)


def no_edit(edit: Edit) -> Iterable[str]:
    """Pages that show no event: an edit of events never reaches them."""
    return ()


def when(flag: Callable[[Edit], bool]) -> Reach:
    """The one page of a kind, reached when `flag` says the edit changed what it counts."""
    return lambda edit: ("",) if flag(edit) else ()


def touched_places(edit: Edit) -> Iterable[str]:
    """The places whose pages (and feeds) an edit reaches: those the edited events touch, or every
    place when the maps or timelines every place page draws have changed."""
    # Every place page's timeline ends with the briefing and its map colours every place by status.
    return edit.every_place if edit.maps_changed else edit.places


def single(planner: Planner) -> Iterable[str]:
    """A kind with one page, whose argument is ''."""
    return ("",)


def section(link: Link) -> Callable[[m.Corpus], tuple[Link, ...]]:
    """The navigation of a generated section: its one link."""
    return lambda corpus: (link,)


@dataclass(frozen=True)
class Kind:
    """One kind of page.

    `args` lists the argument of every page of the kind, in the site's order; `make` makes one page's
    context; `reach` names the pages (by argument) that an edit of events can change; `folder` is the
    first segment of the kind's addresses ('' for the site's root, whose files hand-written pages
    cannot take anyway); `nav` gives its links in the main navigation."""

    key: str
    context: type
    folder: str
    args: Callable[[Planner], Iterable[str]]
    make: Callable[[Planner, str], object]
    reach: Reach
    indexed: bool = False  # its template marks a `data-pagefind-body` for the search to read
    nav: Callable[[m.Corpus], tuple[Link, ...]] = lambda corpus: ()

    @property
    def template(self) -> str:
        """The template that prints the kind's pages: its context class's `template`."""
        return self.context.template


# In the order of the main navigation and of `keys` (the site's pages in a stable order).
KINDS: tuple[Kind, ...] = (
    Kind("home", c.HomePage, "", single, lambda p, _: p.home(), every_edit, nav=section(HOME)),
    Kind("briefs", c.BriefsPage, "briefs", single, lambda p, _: p.briefs_index(),
         when(lambda e: e.briefs_recounted), nav=section(BRIEFS)),
    Kind("brief", c.BriefPage, "briefs", lambda p: p.months, lambda p, month: p.brief(month),
         lambda e: {ev.date.month_key for ev in e.events}, indexed=True),
    Kind("type", c.TypePage, "briefs", lambda p: [t for t in m.EVENT_TYPES if t in p.by_type], lambda p, t: p.type_page(t),
         lambda e: m.EVENT_TYPES if e.types_recounted else {ev.type for ev in e.events}),
    Kind("event", c.EventPage, "events", lambda p: [e.id for e in p.index.events],
         lambda p, i: p.event(p.corpus.events[i]), lambda e: {ev.id for ev in e.events}),
    Kind("bases", c.PlacesPage, "bases", single, lambda p, _: p.bases_index(),
         when(lambda e: e.status_changed), nav=section(BASES)),
    Kind("base", c.PlacePage, "bases", lambda p: sorted(p.corpus.bases), lambda p, i: p.base(p.corpus.bases[i]),
         touched_places, indexed=True),
    Kind("sources", c.SourcesPage, "sources", single, lambda p, _: p.sources(),
         when(lambda e: e.citations_recounted), nav=section(SOURCES)),
    Kind("source", c.SourcePage, "sources", lambda p: sorted(p.corpus.sources),
         lambda p, i: p.source(p.corpus.sources[i]), lambda e: e.sources, indexed=True),
    Kind("text", c.TextPage, "", lambda p: sorted(p.corpus.pages), lambda p, i: p.text_page(p.corpus.pages[i]),
         no_edit, nav=lambda corpus: tuple(Link(f"{i}/", corpus.pages[i].title) for i in sorted(corpus.pages))),
    Kind("data", c.DataPage, "data", single, lambda p, _: p.data(), every_edit, nav=section(DATA)),
    Kind("changes", c.ChangesPage, "changes", single, lambda p, _: p.changes_page(), every_edit, nav=section(CHANGES)),
    Kind("search", c.SearchPage, "search", single, lambda p, _: p.search(), every_edit, nav=section(SEARCH)),
    Kind("redirect", c.RedirectPage, "events", lambda p: p.replaced, lambda p, old: p.redirect(old),
         lambda e: {old for ev in e.events for old in ev.replaces}),
    Kind("feed", FeedPage, "", single, lambda p, _: p.feeds.site(), every_edit),
    Kind("base-feed", FeedPage, "bases", lambda p: sorted(p.corpus.bases), lambda p, i: p.feeds.base(p.corpus.bases[i]),
         touched_places),
)


def kind(key: str) -> Kind:
    """The kind called `key`; KeyError when the registry has none."""
    for each in KINDS:
        if each.key == key:
            return each
    raise KeyError(f"no page of kind {key!r}")


def keys(planner: Planner) -> list[PageKey]:
    """Every page of the site as a key, in a stable order."""
    return [(each.key, arg) for each in KINDS for arg in each.args(planner)]


def page(planner: Planner, key: PageKey):
    """The context of the page `key`; KeyError for a kind the registry does not have."""
    return kind(key[0]).make(planner, key[1])


def nav(corpus: m.Corpus) -> tuple[Link, ...]:
    """The site's main navigation: the generated sections and the hand-written pages, in registry order."""
    return tuple(link for each in KINDS for link in each.nav(corpus))


def reached(edit: Edit) -> set[PageKey]:
    """The pages an edit of events can change (the planner's keys narrow it to pages that exist)."""
    if not edit.events:
        return set()
    return {(each.key, arg) for each in KINDS for arg in each.reach(edit)}


def reserved() -> frozenset[str]:
    """The names a hand-written page may not take: every kind's folder and the site's other folders."""
    return frozenset(each.folder for each in KINDS if each.folder) | frozenset(OTHER_FOLDERS)


def indexed() -> frozenset[str]:
    """The kinds whose pages the search reads (it starts indexing once they are rendered)."""
    return frozenset(each.key for each in KINDS if each.indexed)
