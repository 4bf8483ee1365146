"""Atom feeds: the whole briefing's latest events, and every place's events, so a reader can follow one."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import ClassVar

from markupsafe import Markup

from builder.arabic import wording as labels
from builder.common import model as m
from builder.planning.views import EventCard, Link, Views, base_href, event_href

SITE_FEED_SIZE = 50  # the newest events; a place's feed carries all of its events
# Entry ids depend on the event id alone, so they survive a move of the site to another address.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:briefing:event")


@dataclass(frozen=True)
class FeedEntry:
    """One event as an Atom entry (RFC 4287): id, title, link, date of the event, category and content."""

    id: str
    title: str
    link: Link
    published: str  # RFC 3339: when the event first appeared in a published edition
    updated: str  # RFC 3339: when it last changed in one (never after the feed's own `updated`)
    category: str
    category_label: str
    content: Markup  # HTML: the event's date and type, summary and places; the template escapes it into type="html"
    order: tuple = ()  # newest change first, then the newest event


@dataclass(frozen=True)
class FeedPage:
    """An Atom document; not an HTML page, but planned and rendered like one."""

    template: ClassVar[str] = "feed.xml"
    path: str  # the folder the feed sits in
    title: str
    subtitle: str
    id: str
    alternate: Link  # the HTML page the feed follows
    updated: str
    entries: tuple[FeedEntry, ...]
    base_url: str  # the site's address when known; entries' links are relative to the feed otherwise

    @property
    def output(self) -> str:
        """The feed's file: feed.xml in its folder."""
        return f"{self.path}feed.xml"

    def href(self, site_relative: str) -> str:
        """An address as the feed gives it: absolute when the site's address is known, else relative to the feed."""
        return (self.base_url or "../" * self.path.count("/")) + site_relative or "./"


def entry_id(event_id: str) -> str:
    """An entry's id, a urn:uuid made from the event id alone (RFC 4122 version 5): it survives moving the site."""
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, event_id)}"


def stamp(moment: dt.datetime) -> str:
    """A UTC time as Atom writes it (RFC 3339)."""
    return moment.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class Feeds:
    """The feeds' entries: an entry is dated by the editions, not by the event, so a correction or an event
    added today about 2014 reaches subscribers; the event's own date is in the entry's text."""

    def __init__(self, views: Views, site_name: str, site_url: str, built: dt.datetime,
                 dates: dict[str, dict] | None = None):
        self.views, self.site_name, self.site_url = views, site_name, site_url
        self.index, self.corpus = views.index, views.corpus
        self.updated = stamp(built)
        self.dates = dates or {}  # event id -> {"published", "updated"} (changes.event_dates)
        self._entries: dict[str, FeedEntry] = {}

    def entry(self, event: m.Event) -> FeedEntry:
        """The event as a feed entry, made once: it appears in the site's feed and in each of its places'."""
        entry = self._entries.get(event.id)
        if entry is None:
            entry = self._entries[event.id] = self._entry(event)
        return entry

    def _entry(self, event: m.Event) -> FeedEntry:
        card: EventCard = self.views.card(event)
        dates = self.dates.get(event.id) or {}
        # Never after the feed itself: an edition's record cannot run ahead of the build reading it.
        updated = min(dates.get("updated") or self.updated, self.updated)
        published = min(dates.get("published") or updated, updated)
        places = Markup(labels.COMMA).join(Markup(labels.FEED_PLACE).format(place=p.link.text, effect=p.effect_label)
                                           for p in card.places)
        content = (Markup("<p>{} · {}</p>").format(card.date, card.type_label) + card.summary
                   + (Markup("<p>{}</p>").format(places) if places else Markup("")))
        title = event.title
        if event.pending:  # a reader of the feed sees what the site marks: not yet reviewed
            title = f"{event.title} ({labels.WORDS['pending']})"
            content = Markup("<p>{}</p>").format(labels.WORDS["pending_event"]) + content
        return FeedEntry(entry_id(event.id), title, Link(event_href(event.id), event.title), published, updated,
                         event.type, card.type_label, content, order=(updated, event.sort_key))

    def _feed(self, path: str, title: str, subtitle: str, alternate: Link, events, limit: int | None = None) -> FeedPage:
        newest_first = sorted((self.entry(e) for e in events), key=lambda entry: entry.order, reverse=True)
        return FeedPage(path=path, title=title, subtitle=subtitle,
                        id=f"urn:uuid:{uuid.uuid5(NAMESPACE, 'feed:' + path)}", alternate=alternate,
                        updated=self.updated, entries=tuple(newest_first[:limit]),
                        base_url=f"{self.site_url}/" if self.site_url else "")

    def site(self) -> FeedPage:
        """The events most recently added or changed in a published edition, however old the events are."""
        return self._feed("", self.site_name, labels.LATEST_EVENTS, Link("", self.site_name), self.index.events,
                          SITE_FEED_SIZE)

    def base(self, base: m.Base) -> FeedPage:
        """A place's feed: every event touching it, newest first, beside its page (bases/<id>/feed.xml)."""
        events = [e for e, _ in self.index.by_base.get(base.id, ())]
        return self._feed(base_href(base.id), f"{base.name.ar} · {self.site_name}",
                          labels.place_events(base.kind, base.name.ar), Link(base_href(base.id), base.name.ar),
                          events)
