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
    title: str
    crumbs: tuple[Link, ...]
    # A sentence about this page for search results and shared links (meta description, OpenGraph);
    # the site's own when empty.
    description: str = field(default="", kw_only=True)

    @property
    def output(self) -> str:
        """The file this page is written to."""
        return f"{self.path}index.html"


@dataclass(frozen=True)
class StatusRow:
    place: Link
    kind: str
    governorate: str
    status: StatusView


@dataclass(frozen=True)
class MonthLink:
    link: Link
    count: str


@dataclass(frozen=True)
class HomePage(PageContext):
    template: ClassVar[str] = "home.html"
    month: str
    brief: Link | None
    events: tuple[EventCard, ...]
    board: tuple[StatusRow, ...]
    totals: str
    map: MapView
    activity: ActivityChart  # the whole span, month by month
    recent: ActivityChart | None  # the last months again, larger; None when the whole span is as short


@dataclass(frozen=True)
class BriefPage(PageContext):
    template: ClassVar[str] = "brief.html"
    month: str
    count: str
    events: tuple[EventCard, ...]
    newer: Link | None
    older: Link | None
    pdf: Link | None  # the brief laid out for print, when PDFs are made


@dataclass(frozen=True)
class BriefsPage(PageContext):
    template: ClassVar[str] = "briefs.html"
    months: tuple[MonthLink, ...]
    types: tuple[MonthLink, ...]  # the briefs narrowed to one type of event
    places: tuple[MonthLink, ...]  # …or to one place: its page lists its events


@dataclass(frozen=True)
class TypeItem:
    link: Link
    date: str
    iso_date: str
    places: tuple[Link, ...]


@dataclass(frozen=True)
class TypeMonth:
    month: Link
    items: tuple[TypeItem, ...]


@dataclass(frozen=True)
class TypePage(PageContext):
    """Every event of one type, newest month first: the briefs filtered without JavaScript."""

    template: ClassVar[str] = "type.html"
    type: str
    count: str
    months: tuple[TypeMonth, ...]
    others: tuple[MonthLink, ...]


@dataclass(frozen=True)
class Download:
    link: Link
    format: str
    description: str


@dataclass(frozen=True)
class DownloadSection:
    """A table of files on the data page."""

    title: str
    rows: tuple[Download, ...]
    editor_help: bool  # followed by how an editor points an IDE at the schemas (`DataPage.schema_line`)


@dataclass(frozen=True)
class DataPage(PageContext):
    template: ClassVar[str] = "data.html"
    sections: tuple[DownloadSection, ...]  # the downloads, the editors' schemas, the feeds
    schema_line: str  # the comment that points an editor's IDE at the event schema


@dataclass(frozen=True)
class SearchPage(PageContext):
    template: ClassVar[str] = "search.html"
    fold: str  # JSON: how the page's script folds a query as the index was folded (normalise.search_table)
    interface: str  # JSON: Pagefind's interface strings in Arabic (wording.SEARCH_INTERFACE)


@dataclass(frozen=True)
class EventPage(PageContext):
    template: ClassVar[str] = "event.html"
    card: EventCard
    brief: Link
    citations: tuple[CitationView, ...]
    actors: tuple[str, ...]
    credibility: str
    permalink: str


@dataclass(frozen=True)
class HistoryRow:
    date: str
    iso_date: str
    status: str
    css: str
    event: Link


@dataclass(frozen=True)
class PlacePage(PageContext):
    template: ClassVar[str] = "base.html"
    name_en: str
    aliases: tuple[str, ...]
    kind: str
    governorate: str
    governorate_en: str
    pending: bool  # a draft place awaiting an editor's review
    coordinates: str
    location_precision: str
    status: StatusView
    history: tuple[HistoryRow, ...]
    events: tuple[EventCard, ...]
    notes: Markup
    map: MapView
    timeline: Timeline
    feed: Link


@dataclass(frozen=True)
class PlacesPage(PageContext):
    template: ClassVar[str] = "bases.html"
    rows: tuple[StatusRow, ...]


@dataclass(frozen=True)
class SourcePage(PageContext):
    template: ClassVar[str] = "source.html"
    outlet: str
    outlet_en: str
    published: str
    url: str
    retrieved: str
    reliability: str
    sha256: str
    sha256_groups: tuple[str, ...]  # the hash in runs of 8, so a line breaks between runs, never inside one
    notes: Markup
    paragraphs: tuple[Paragraph, ...]
    citing: tuple[CitingEvent, ...]  # numbered as the labels after the passages they cite


@dataclass(frozen=True)
class SourceRow:
    link: Link
    outlet: str
    published: str
    reliability: str
    citations: str


@dataclass(frozen=True)
class SourcesPage(PageContext):
    template: ClassVar[str] = "sources.html"
    rows: tuple[SourceRow, ...]


@dataclass(frozen=True)
class FieldDiff:
    """One field of an event as the previous edition published it and as this one does."""

    name: str  # the field, in Arabic
    before: str
    after: str


@dataclass(frozen=True)
class FieldChange:
    event: Link
    fields: str  # the changed fields, in Arabic
    diffs: tuple[FieldDiff, ...]  # each changed field's old and new value


@dataclass(frozen=True)
class StatusShift:
    place: Link
    before: str
    after: str


@dataclass(frozen=True)
class ChangesPage(PageContext):
    template: ClassVar[str] = "changes.html"
    previous: str  # the previous edition's id, '' when there is none to compare with
    added: tuple[Link, ...]
    removed: tuple[str, ...]  # 'title (id)': the page is gone, so no link
    renamed: tuple[tuple[str, Link], ...]
    changed: tuple[FieldChange, ...]
    statuses: tuple[StatusShift, ...]
    new_sources: tuple[Link, ...]
    empty: bool  # compared with a previous edition, and nothing differs


@dataclass(frozen=True)
class RedirectPage(PageContext):
    template: ClassVar[str] = "redirect.html"
    target: Link


@dataclass(frozen=True)
class TextPage(PageContext):
    template: ClassVar[str] = "page.html"
    body: Markup
