"""The page contexts: one frozen dataclass per kind of page, holding all its template prints.

A template reads only its context (`page`), the site (`site`) and the path back to the root (`root`);
tests/test_templates.py holds each template to the fields declared here. Which kind of page uses
which context, and where its pages go, is declared once in `builder.planning.kinds`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from markupsafe import Markup

from builder.planning.sourcetext import CitingEvent, Paragraph
from builder.planning.views import CitationView, EventCard, Link, StatusView


@dataclass(frozen=True)
class PageContext:
    """What every page has: its address (a folder, site-relative), title and breadcrumbs."""

    template: ClassVar[str]
    path: str  # "" for the home page, else "events/<id>/" and the like
    title: str  # the page's <title> and heading
    crumbs: tuple[Link, ...]  # the breadcrumbs from the home page to this page's parent
    # A sentence about this page for search results and shared links (meta description, OpenGraph);
    # the site's own when empty.
    description: str = field(default="", kw_only=True)

    @property
    def output(self) -> str:
        """The file this page is written to."""
        return f"{self.path}index.html"


@dataclass(frozen=True)
class StatusRow:
    """A row of the status board: a place, what it is, where, and its status now."""

    place: Link  # the place's page, named in Arabic
    kind: str  # its kind, in Arabic (قاعدة، حقل نفط…)
    governorate: str  # its governorate, in Arabic
    status: StatusView  # its status now, with the events that set it


@dataclass(frozen=True)
class MonthLink:
    """A link to a month's brief (or a type's or place's page) with how many events it holds."""

    link: Link  # where it goes and its label
    count: str  # the events it holds, a counted noun («12 حدثًا»)


@dataclass(frozen=True)
class HomePage(PageContext):
    """The home page: the latest month's events, every place's status, totals, the map and the activity charts."""

    template: ClassVar[str] = "home.html"
    month: str  # the latest month with events, as printed ('' when there are none)
    brief: Link | None  # that month's brief; None when there are no events
    events: tuple[EventCard, ...]  # the latest month's events, as cards
    board: tuple[StatusRow, ...]  # every place's status now
    totals: str  # how many events, places and sources, counted nouns joined by «، »
    map: MapView  # the map of every place, coloured by status
    activity: ActivityChart  # the whole span, month by month
    recent: ActivityChart | None  # the last months again, larger; None when the whole span is as short


@dataclass(frozen=True)
class BriefPage(PageContext):
    """A month's brief: its events in date order, with the months before and after and its PDF."""

    template: ClassVar[str] = "brief.html"
    month: str  # the brief's month, as printed
    count: str  # its events, a counted noun
    events: tuple[EventCard, ...]  # its events in date order, as cards
    newer: Link | None  # the next month with events; None for the latest
    older: Link | None  # the previous month with events; None for the earliest
    pdf: Link | None  # the brief laid out for print, when PDFs are made


@dataclass(frozen=True)
class BriefsPage(PageContext):
    """The briefs index: every month with events, and the briefs narrowed to a type or a place."""

    template: ClassVar[str] = "briefs.html"
    months: tuple[MonthLink, ...]  # every month with events, newest first
    types: tuple[MonthLink, ...]  # the briefs narrowed to one type of event
    places: tuple[MonthLink, ...]  # …or to one place: its page lists its events


@dataclass(frozen=True)
class TypeItem:
    """One event in a type's list."""

    link: Link  # the event's page, named by its title
    date: str  # its date as printed, no more precise than known
    iso_date: str  # the same date in ISO 8601, for <time datetime>
    places: tuple[Link, ...]  # the places it touches


@dataclass(frozen=True)
class TypeMonth:
    """A month's events of one type."""

    month: Link  # the month's brief
    items: tuple[TypeItem, ...]  # its events of this type


@dataclass(frozen=True)
class TypePage(PageContext):
    """Every event of one type, newest month first: the briefs filtered without JavaScript."""

    template: ClassVar[str] = "type.html"
    type: str  # the type, in Arabic
    count: str  # its events, a counted noun
    months: tuple[TypeMonth, ...]  # its events by month, newest first
    others: tuple[MonthLink, ...]  # the other types, each with its count


@dataclass(frozen=True)
class Download:
    """One file on the data page."""

    link: Link  # the file, named
    format: str  # its format (CSV, JSON, GeoJSON, Atom…)
    description: str  # what it holds, in Arabic


@dataclass(frozen=True)
class DownloadSection:
    """A table of files on the data page."""

    title: str  # the section's heading, in Arabic
    rows: tuple[Download, ...]  # its files
    editor_help: bool  # followed by how an editor points an IDE at the schemas (`DataPage.schema_line`)


@dataclass(frozen=True)
class DataPage(PageContext):
    """The data page: the downloads, the editors' JSON Schemas and the feeds, each described."""

    template: ClassVar[str] = "data.html"
    sections: tuple[DownloadSection, ...]  # the downloads, the editors' schemas, the feeds
    schema_line: str  # the comment that points an editor's IDE at the event schema


@dataclass(frozen=True)
class SearchPage(PageContext):
    """The search page: Pagefind's interface, with the query folding and the Arabic strings it needs."""

    template: ClassVar[str] = "search.html"
    fold: str  # JSON: how the page's script folds a query as the index was folded (normalise.search_table)
    interface: str  # JSON: Pagefind's interface strings in Arabic (wording.SEARCH_INTERFACE)


@dataclass(frozen=True)
class EventPage(PageContext):
    """An event's permanent page: its card, citations, actors, credibility and address."""

    template: ClassVar[str] = "event.html"
    card: EventCard  # the event as it appears in lists (date, type, title, places, summary)
    brief: Link  # its month's brief
    citations: tuple[CitationView, ...]  # each citation with its quote, source and stance
    actors: tuple[str, ...]  # the actors named, as written
    credibility: Markup  # the Admiralty information grade, labelled in Arabic, its code isolated (wording.grade)
    permalink: str  # the page's permanent address (absolute when site_url is set)


@dataclass(frozen=True)
class HistoryRow:
    """One change in a place's status history."""

    date: str  # when, as printed
    iso_date: str  # the same date in ISO 8601
    status: str  # the status it set, in Arabic
    css: str  # the status's class name, for its colour
    event: Link  # the event that set it


@dataclass(frozen=True)
class PlacePage(PageContext):
    """A place's page: names, kind, location, status now and its history, events, map and timeline."""

    template: ClassVar[str] = "base.html"
    name_en: str  # the place's English name, for Latin-script readers
    aliases: tuple[str, ...]  # other spellings sources use
    kind: str  # its kind, in Arabic
    governorate: str  # its governorate, in Arabic
    governorate_en: str  # its governorate in English
    pending: bool  # a draft place awaiting an editor's review
    coordinates: str  # «lat, lon» as written in its file ('' when unknown)
    location_precision: str  # how exact the location is, in Arabic
    status: StatusView  # its status now, with the events that set it
    history: tuple[HistoryRow, ...]  # every change of status, newest first
    events: tuple[EventCard, ...]  # every event touching it, newest first, as cards
    notes: Markup  # the editor's notes, rendered and sanitised
    map: MapView  # the map with this place marked
    timeline: Timeline  # its status over time, drawn
    feed: Link  # its Atom feed


@dataclass(frozen=True)
class PlacesPage(PageContext):
    """The places index: every place with its status now."""

    template: ClassVar[str] = "bases.html"
    rows: tuple[StatusRow, ...]  # every place with its status now


@dataclass(frozen=True)
class Original:
    """A source's archived original, offered for download beside its text."""

    href: str  # site-relative address of the file (planning.views.original_href)
    name: str  # the name it is saved under: its name in the corpus, <id>.html, <id>.warc or <id>.warc.gz
    kind: str  # what it is, in Arabic (a saved page, a WARC record)
    sha256: str  # the SHA-256 of its bytes, hex
    sha256_groups: tuple[str, ...]  # the hash in runs of 8, as SourcePage.sha256_groups


@dataclass(frozen=True)
class SourcePage(PageContext):
    """An archived source: its metadata, the SHA-256 of its text, and the text with every cited passage marked."""

    template: ClassVar[str] = "source.html"
    outlet: str  # the outlet's name in Arabic
    outlet_en: str  # the outlet's name in English
    published: str  # the publication date as printed
    url: str  # the article's address ('' when not given)
    retrieved: str  # when it was archived, as printed ('' when not given)
    reliability: Markup  # the Admiralty source grade, labelled in Arabic, its letter isolated (wording.grade)
    sha256: str  # the SHA-256 of the archived text (NFC, LF), hex
    sha256_groups: tuple[str, ...]  # the hash in runs of 8, so a line breaks between runs, never inside one
    original: Original | None  # the saved page or WARC record the text was extracted from (None when not kept)
    notes: Markup  # the editor's notes, rendered and sanitised
    paragraphs: tuple[Paragraph, ...]  # the archived text, with every cited passage marked
    citing: tuple[CitingEvent, ...]  # numbered as the labels after the passages they cite


@dataclass(frozen=True)
class SourceRow:
    """A row of the sources index."""

    link: Link  # the source's page, named by its headline
    outlet: str  # the outlet, in Arabic
    published: str  # the publication date as printed
    reliability: str  # the Admiralty grade letter
    citations: str  # how many citations quote it, a counted noun


@dataclass(frozen=True)
class SourcesPage(PageContext):
    """The sources index: every source, newest first."""

    template: ClassVar[str] = "sources.html"
    rows: tuple[SourceRow, ...]  # every source, newest first


@dataclass(frozen=True)
class FieldDiff:
    """One field of an event as the previous edition published it and as this one does."""

    name: str  # the field, in Arabic
    before: str  # the value the previous edition published, as text
    after: str  # the value this edition publishes


@dataclass(frozen=True)
class FieldChange:
    """An event whose fields changed since the previous edition."""

    event: Link  # the event's page
    fields: str  # the changed fields, in Arabic
    diffs: tuple[FieldDiff, ...]  # each changed field's old and new value


@dataclass(frozen=True)
class StatusShift:
    """A place whose status changed since the previous edition."""

    place: Link  # the place's page
    before: str  # its status in the previous edition, in Arabic
    after: str  # its status now, in Arabic


@dataclass(frozen=True)
class ChangesPage(PageContext):
    """What changed since the previous edition: events added, removed, renamed and changed, statuses, sources."""

    template: ClassVar[str] = "changes.html"
    previous: str  # the previous edition's id, '' when there is none to compare with
    added: tuple[Link, ...]  # events new in this edition
    removed: tuple[str, ...]  # 'title (id)': the page is gone, so no link
    renamed: tuple[tuple[str, Link], ...]  # (old id, the event now) for events whose id changed
    changed: tuple[FieldChange, ...]  # events whose fields changed
    statuses: tuple[StatusShift, ...]  # places whose status changed
    new_sources: tuple[Link, ...]  # sources new in this edition
    empty: bool  # compared with a previous edition, and nothing differs


@dataclass(frozen=True)
class RedirectPage(PageContext):
    """A page left at an old address that sends the reader to the new one."""

    template: ClassVar[str] = "redirect.html"
    target: Link  # where it sends the reader


@dataclass(frozen=True)
class TextPage(PageContext):
    """A hand-written page (pages/<name>.md)."""

    template: ClassVar[str] = "page.html"
    body: Markup  # its Markdown, rendered and sanitised
