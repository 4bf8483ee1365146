"""What templates print about events, places and sources: text decided here, markup left to the theme."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from dataclasses import dataclass

from markupsafe import Markup

from builder.arabic import wording as labels
from builder.common import model as m
from builder.arabic.printing import Style
from builder.arabic.normalise import fold_text
from builder.indexing.index import Index
from builder.indexing.status import StatusEntry
from builder.prose.markdown import render_markdown


@dataclass(frozen=True)
class Link:
    """A site-relative address (no leading slash) and its text; templates prefix `root`."""

    href: str
    text: str


@dataclass(frozen=True)
class PlaceTouch:
    """A place an event touched, and how."""

    link: Link
    effect: str
    effect_label: str


@dataclass(frozen=True)
class CitationView:
    """One cited passage, as shown under an event."""

    id: str  # the citation's anchor on the event page: the source page's label for the passage leads here
    link: Link  # to the highlighted passage on the source's page
    outlet: str
    published: str
    quote: str
    stance: str
    stance_label: str
    reliability: Markup  # the source's Admiralty grade, labelled (wording.grade)


@dataclass(frozen=True)
class EventCard:
    """An event as listed in briefs and on place pages."""

    id: str
    link: Link
    date: str
    iso_date: str
    type: str
    type_label: str
    summary: Markup
    places: tuple[PlaceTouch, ...]
    place_ids: str  # space-separated, for the brief's filters
    quantities: tuple[str, ...]
    sources: str  # 'مصدران'
    outlets: tuple[Link, ...]  # each cited source once, named by its outlet, linked to the first passage quoted
    disputed: bool
    pending: bool  # awaiting an editor's review: shown as such, sets no status


@dataclass(frozen=True)
class StatusView:
    """A place's status as set by one event."""

    code: str  # effect, or 'unknown'
    label: str
    css: str
    since: str
    event: Link | None


def event_href(event_id: str) -> str:
    """An event page's folder, site-relative: events/<id>/."""
    return f"events/{event_id}/"


def base_href(base_id: str) -> str:
    """A place page's folder, site-relative: bases/<id>/ (its Atom feed is feed.xml inside it)."""
    return f"bases/{base_id}/"


def source_href(source_id: str) -> str:
    """A source page's folder, site-relative: sources/<id>/."""
    return f"sources/{source_id}/"


def original_href(source_id: str, file: str) -> str:
    """Where the site offers a source's archived original (a saved page or WARC record) for download,
    site-relative: sources/<id>/<file>, with '.txt' after '.html'. A saved page is another site's markup,
    scripts and all; static hosts cannot send Content-Disposition, so it is served under a name they
    serve as text/plain, which no browser runs as a page of this site (the link's `download` attribute
    saves it under its own name). A WARC file is served under its own name, which is never text/html."""
    return f"{source_href(source_id)}{file}{'.txt' if file.endswith('.html') else ''}"


def brief_href(month: str) -> str:
    """A monthly brief's folder, site-relative: briefs/<YYYY-MM>/ (briefs/<YYYY>/ for a year's undated events)."""
    return f"briefs/{month}/"


def brief_pdf_href(month: str) -> str:
    """The site-relative address of a month's brief as PDF (`briefs/<yyyy-mm>/brief-<yyyy-mm>.pdf`)."""
    return f"{brief_href(month)}brief-{month}.pdf"


def type_href(event_type: str) -> str:
    """The folder of the page listing every event of one type: briefs/types/<type>/."""
    return f"briefs/types/{event_type}/"


@lru_cache(maxsize=1 << 15)  # every page showing a citation links to its passage, and folding is per character
def quote_anchor(quote: str) -> str:
    """A stable anchor for a passage: the same quote keeps its address as citations come and go."""
    return "q-" + hashlib.sha256(fold_text(quote).encode("utf-8")).hexdigest()[:10]


def citation_anchor(passage: str) -> str:
    """The anchor, on an event's page, of its citation of the passage whose anchor is `passage`."""
    return "c-" + passage.removeprefix("q-")


def first_per_source(citations: tuple[m.Citation, ...]) -> list[m.Citation]:
    """Each source's first citation, in the order the event cites them."""
    first: dict[str, m.Citation] = {}
    for citation in citations:
        first.setdefault(citation.source, citation)
    return list(first.values())


def passage_href(citation: m.Citation) -> str:
    """The cited passage, highlighted on its source's page."""
    return f"{source_href(citation.source)}#{quote_anchor(citation.quote)}"


class Views:
    """Builds and caches the views shared by many pages (an event appears in its brief, places and sources)."""

    def __init__(self, index: Index, style: Style):
        self.index, self.style, self.corpus = index, style, index.corpus
        self._cards: dict[str, EventCard] = {}

    def base_link(self, base_id: str) -> Link:
        """A link to a place's page, named in Arabic; KeyError for an id the corpus does not have."""
        return Link(base_href(base_id), self.corpus.bases[base_id].name.ar)

    def event_link(self, event: m.Event) -> Link:
        """A link to an event's page, with its title as text."""
        return Link(event_href(event.id), event.title)

    def date(self, event: m.Event) -> str:
        """When the event happened, in Arabic, as precise as its date is known (a range when it has an end)."""
        return self.style.date_range(event.date.start, event.date.end)

    def quantity(self, q: m.Quantity) -> str:
        """A counted quantity in Arabic ('٢٠٠ شاحنة'): the number with its unit agreeing in number."""
        return self.style.quantity(q.count, q.unit)

    def card(self, event: m.Event) -> EventCard:
        """The event as a card, rendered once however many pages list it."""
        if event.id not in self._cards:
            self._cards[event.id] = EventCard(
                id=event.id,
                link=self.event_link(event),
                date=self.date(event),
                iso_date=event.date.start.iso,
                type=event.type,
                type_label=labels.EVENT_TYPES[event.type],
                summary=render_markdown(event.summary),
                places=tuple(PlaceTouch(self.base_link(t.base), t.effect, labels.EFFECTS[t.effect]) for t in event.bases),
                place_ids=" ".join(t.base for t in event.bases),
                quantities=tuple(self.quantity(q) for q in event.quantities),
                sources=self.style.count(len({c.source for c in event.citations}), "source"),
                outlets=tuple(Link(passage_href(c), self.corpus.sources[c.source].outlet.ar)
                              for c in first_per_source(event.citations)),
                disputed=any(c.stance == "contradicts" for c in event.citations),
                pending=event.pending,
            )
        return self._cards[event.id]

    def citation(self, citation: m.Citation) -> CitationView:
        """One citation as an event page shows it: the passage, its source and outlet, the stance and
        the source's reliability, linked to the passage highlighted on the source's page."""
        source = self.corpus.sources[citation.source]
        return CitationView(
            id=citation_anchor(quote_anchor(citation.quote)),
            link=Link(passage_href(citation), source.title),
            outlet=source.outlet.ar,
            published=self.style.date(source.published),
            quote=citation.quote,
            stance=citation.stance,
            stance_label=labels.STANCES[citation.stance],
            reliability=labels.grade(source.reliability, labels.RELIABILITY),
        )

    def status(self, change: StatusEntry | None) -> StatusView:
        """How pages print a place's status: its label, CSS class, since when and the event that set it."""
        if change is None:
            return StatusView("unknown", labels.UNKNOWN_STATUS, "unknown", "", None)
        return StatusView(
            code=change.effect,
            label=labels.STATUSES[change.effect],
            css=labels.STATUS_CLASSES[change.effect],
            since=self.date(change.event),
            event=self.event_link(change.event),
        )
