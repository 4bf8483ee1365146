"""Plan the site: the planner makes each page's context from the index (the kinds are in `kinds.py`)."""

from __future__ import annotations

import datetime as dt
import json
from functools import cached_property
from typing import Iterator

from builder.arabic import wording as labels
from builder.arabic.normalise import search_table
from builder.arabic.printing import coordinate
from builder.common import model as m
from builder.indexing.changes import Changes, EventChange
from builder.planning.diffs import describe
from builder.planning import kinds
from builder.planning.contexts import (
    PlacePage,
    PlacesPage,
    BriefPage,
    BriefsPage,
    ChangesPage,
    DataPage,
    Download,
    DownloadSection,
    EventPage,
    FieldChange,
    FieldDiff,
    HistoryRow,
    HomePage,
    MonthLink,
    Original,
    PageContext,
    RedirectPage,
    SearchPage,
    SourcePage,
    SourceRow,
    SourcesPage,
    StatusRow,
    StatusShift,
    TextPage,
    TypeItem,
    TypeMonth,
    TypePage,
)
from builder.planning.feeds import Feeds
from builder.planning.graphics import Graphics
from builder.planning.printed import BriefPrint, PrintedEvent
from builder.indexing.index import Index
from builder.planning.kinds import BASES, BRIEFS, CHANGES, DATA, HOME, SEARCH, SOURCES, PageKey
from builder.prose.markdown import render_markdown
from builder.planning.sourcetext import citing_events, numbered, paragraphs
from builder.planning.views import (Link, Views, base_href, brief_href, brief_pdf_href, event_href, original_href,
                                    source_href, type_href)


def groups(digest: str) -> tuple[str, ...]:
    """A hex digest in runs of 8 characters, so that a line breaks between runs, never inside one."""
    return tuple(digest[i:i + 8] for i in range(0, len(digest), 8))


def original(source: m.Source) -> Original | None:
    """A source's archived original as its page offers it for download, None when it has none."""
    kept = source.original
    if kept is None:
        return None
    kind = labels.ORIGINAL_KINDS[next(s for s in m.ORIGINAL_SUFFIXES if kept.file.endswith(s))]
    return Original(original_href(source.id, kept.file), kept.file, kind, kept.sha256, groups(kept.sha256))


def sentence(markdown: str, limit: int = 200) -> str:
    """Markdown as one line of plain text, cut at a word before `limit` characters (with an ellipsis)."""
    text = " ".join(render_markdown(markdown).striptags().split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"


class Planner:
    """Turns the index into page contexts, in a stable order."""

    def __init__(self, index: Index, views: Views, feeds: Feeds, built: dt.date, site_url: str = "",
                 pdf: bool = False, changes: Changes | None = None):
        self.index, self.views, self.corpus = index, views, index.corpus
        self.style = views.style
        self.graphics = Graphics(index, views.style, built)
        self.feeds = feeds
        self.site_url = site_url
        self.pdf = pdf
        self.changes = changes

    def month_label(self, month: str) -> str:
        """'أيار 2025', or '2014 (شهر غير معروف)' for a year's events of unknown month."""
        year, _, number = month.partition("-")
        if not number:
            return f"{self.style.number(int(year))} {labels.UNKNOWN_MONTH}"
        return self.style.month(int(year), int(number))

    def rows(self) -> tuple[StatusRow, ...]:
        """The status board: one row per place, by governorate then name, with its current status."""
        bases = sorted(self.corpus.bases.values(), key=lambda b: (b.governorate.ar, b.name.ar, b.id))
        return tuple(StatusRow(self.views.base_link(b.id), labels.BASE_KINDS[b.kind], b.governorate.ar,
                               self.views.status(self.index.status(b.id))) for b in bases)

    def home(self) -> HomePage:
        """The home page: the latest month's events, the status board, totals, the map and the activity chart."""
        months = list(self.index.by_month)
        latest = months[0] if months else ""
        corpus = self.corpus
        totals = labels.COMMA.join((self.style.count(len(corpus.events), "event"), self.style.count(len(corpus.bases), "base"),
                           self.style.count(len(corpus.sources), "source")))
        return HomePage(
            path="", title=HOME.text, crumbs=(),
            month=self.month_label(latest) if latest else "",
            brief=Link(brief_href(latest), self.month_label(latest)) if latest else None,
            events=tuple(self.views.card(e) for e in self.index.by_month.get(latest, ())),
            board=self.rows(), totals=totals, map=self.graphics.map(), activity=self.graphics.activity(),
            recent=self.graphics.recent_activity(),
        )

    def briefs_index(self) -> BriefsPage:
        """The briefs index: every month with its count of events, and the events by type and by place."""
        by_type: dict[str, int] = {}
        for event in self.index.events:
            by_type[event.type] = by_type.get(event.type, 0) + 1
        return BriefsPage(path=BRIEFS.href, title=BRIEFS.text, crumbs=(HOME,), months=tuple(
            MonthLink(Link(brief_href(k), self.month_label(k)), self.style.count(len(v), "event"))
            for k, v in self.index.by_month.items()), types=self.type_links(by_type), places=tuple(
            MonthLink(Link(f"{base_href(b)}#events-title", self.corpus.bases[b].name.ar), self.style.count(len(v), "event"))
            for b, v in sorted(self.index.by_base.items(), key=lambda kv: (self.corpus.bases[kv[0]].name.ar, kv[0]))))

    @cached_property
    def months(self) -> list[str]:
        """The briefs' months, newest first: 'YYYY-MM', or 'YYYY' for a year's events of unknown month."""
        return list(self.index.by_month)

    @cached_property
    def _month_positions(self) -> dict[str, int]:
        return {month: i for i, month in enumerate(self.months)}

    def brief(self, month: str) -> BriefPage:
        """The brief of one month ('YYYY-MM', or 'YYYY' for undated events), with links to the months around it."""
        months, i = self.months, self._month_positions[month]
        events = self.index.by_month[month]
        label = self.month_label(month)
        newer, older = (months[i - 1] if i else None), (months[i + 1] if i + 1 < len(months) else None)
        return BriefPage(
            path=brief_href(month), title=labels.brief_title(label), crumbs=(HOME, BRIEFS), month=label,
            count=self.style.count(len(events), "event"), events=tuple(self.views.card(e) for e in events),
            newer=Link(brief_href(newer), self.month_label(newer)) if newer else None,
            older=Link(brief_href(older), self.month_label(older)) if older else None,
            pdf=Link(brief_pdf_href(month), labels.brief_pdf(label)) if self.pdf else None,
            description=labels.brief_description(self.style.count(len(events), "event"), label),
        )

    def permalink(self, href: str) -> str:
        """A site-relative address as a reader of a printed page can use it: absolute once the site's
        address is known (`site_url`), else as it stands under the site's root."""
        return f"{self.site_url}/{href}" if self.site_url else href

    def brief_print(self, month: str, site_name: str, edition: str) -> BriefPrint:
        """The month's brief as its PDF prints it."""
        events = self.index.by_month[month]
        label = self.month_label(month)
        return BriefPrint(
            path=brief_href(month), title=labels.brief_title(label), month=label,
            count=self.style.count(len(events), "event"), site_name=site_name, edition=edition,
            permalink=self.permalink(brief_href(month)),
            events=tuple(PrintedEvent(self.views.card(e), tuple(self.views.citation(c) for c in e.citations),
                                      self.permalink(event_href(e.id))) for e in events),
        )

    def type_links(self, by_type: dict[str, int]) -> tuple[MonthLink, ...]:
        """A link to each type page that exists, with its count of events, in the content model's order of types."""
        return tuple(MonthLink(Link(type_href(t), labels.EVENT_TYPES[t]), self.style.count(by_type[t], "event"))
                     for t in m.EVENT_TYPES if t in by_type)

    @cached_property
    def by_type(self) -> dict[str, dict[str, list[m.Event]]]:
        """Events grouped by type, then by month, newest month first."""
        grouped: dict[str, dict[str, list[m.Event]]] = {}
        for month, events in self.index.by_month.items():
            for event in events:
                grouped.setdefault(event.type, {}).setdefault(month, []).append(event)
        return grouped

    def type_page(self, type_: str) -> TypePage:
        """Every event of one type that occurs, grouped by month, newest first."""
        grouped = self.by_type
        counts = {t: sum(len(v) for v in months.values()) for t, months in grouped.items()}
        label = labels.EVENT_TYPES[type_]
        months = tuple(
            TypeMonth(Link(brief_href(month), self.month_label(month)), tuple(
                TypeItem(self.views.event_link(e), self.views.date(e), e.date.start.iso,
                         tuple(self.views.base_link(t.base) for t in e.bases)) for e in events))
            for month, events in grouped[type_].items())
        return TypePage(path=type_href(type_), title=labels.type_title(label), crumbs=(HOME, BRIEFS),
                        type=type_, count=self.style.count(counts[type_], "event"), months=months,
                        others=tuple(o for o in self.type_links(counts) if o.link.href != type_href(type_)))

    def data(self) -> DataPage:
        """The data page: every download and schema with its format and what it holds, and the feeds."""
        c = self.corpus
        count = self.style.count
        counts = {"events": count(len(c.events), "event"), "places": count(len(c.bases), "base"),
                  "sources": count(len(c.sources), "source")}
        formats = {"events.json": "JSON", "events.csv": "CSV", "event-places.csv": "CSV", "bases.geojson": "GeoJSON",
                   "bases.json": "JSON", "sources.json": "JSON", "version.json": "JSON", "events-history.json": "JSON"}
        downloads = tuple(Download(Link(name, name), formats[name], labels.DOWNLOADS[name].format(**counts))
                          for name in formats)
        schemas = tuple(Download(Link(f"schemas/{kind}.schema.json", f"{kind}.schema.json"), "JSON Schema", text)
                        for kind, text in labels.SCHEMAS.items())
        feeds = (Download(Link("feed.xml", "feed.xml"), "Atom", labels.FEEDS["feed.xml"]),
                 Download(Link(BASES.href, BASES.text), "Atom", labels.FEEDS["places"]))
        # In this repository the schemas sit beside content/; a published site serves them at its address.
        where = f"{self.site_url}/schemas" if self.site_url else "../../../schemas"
        sections = (DownloadSection(labels.DATA_SECTIONS["downloads"], downloads, editor_help=False),
                    DownloadSection(labels.DATA_SECTIONS["schemas"], schemas, editor_help=True),
                    DownloadSection(labels.DATA_SECTIONS["feeds"], feeds, editor_help=False))
        return DataPage(path=DATA.href, title=DATA.text, crumbs=(HOME,), sections=sections,
                        schema_line=f"# yaml-language-server: $schema={where}/event.schema.json")

    def event(self, event: m.Event) -> EventPage:
        """An event's page: its card, its citations, actors and credibility, and its permanent address."""
        month = event.date.month_key
        brief = Link(brief_href(month), labels.brief_title(self.month_label(month)))
        permalink = f"{self.site_url}/{event_href(event.id)}" if self.site_url else event_href(event.id)
        return EventPage(
            path=event_href(event.id), title=event.title, crumbs=(HOME, BRIEFS, brief),
            card=self.views.card(event), brief=brief,
            citations=tuple(self.views.citation(c) for c in event.citations),
            actors=event.actors,
            credibility=labels.grade(event.credibility, labels.CREDIBILITY),
            permalink=permalink,
            description=f"{self.views.date(event)} · {labels.EVENT_TYPES[event.type]}: {sentence(event.summary)}",
        )

    def base(self, base: m.Base) -> PlacePage:
        """A place's page: its names, kind and location, its status now and its history, its events,
        map and timeline."""
        history = tuple(
            HistoryRow(self.views.date(c.event), c.event.date.start.iso, labels.STATUSES[c.effect],
                       labels.STATUS_CLASSES[c.effect], self.views.event_link(c.event))
            for c in reversed(self.index.history.get(base.id, ())))
        events = tuple(self.views.card(e) for e, _ in reversed(self.index.by_base.get(base.id, ())))
        loc = base.location
        return PlacePage(
            path=base_href(base.id), title=base.name.ar, crumbs=(HOME, BASES),
            name_en=base.name.en, aliases=base.aliases, kind=labels.BASE_KINDS[base.kind],
            governorate=base.governorate.ar, governorate_en=base.governorate.en, pending=base.pending,
            coordinates=f"{coordinate(loc.lat)}, {coordinate(loc.lon)}" if loc else "",
            location_precision=labels.LOCATION_PRECISIONS[loc.precision] if loc else "",
            status=self.views.status(self.index.status(base.id)),
            history=history, events=events, notes=render_markdown(base.notes),
            map=self.graphics.map(base.id), timeline=self.graphics.timeline(base),
            feed=Link(f"{base_href(base.id)}feed.xml", labels.place_feed(base.name.ar)),
            description=labels.place_description(labels.BASE_KINDS[base.kind], base.name.ar, base.governorate.ar,
                                                 self.views.status(self.index.status(base.id)).label),
        )

    def source(self, source: m.Source) -> SourcePage:
        """A source's page: its metadata and its archived text, each cited passage highlighted, and the
        events citing it."""
        citing = self.index.citing.get(source.id, ())
        events = sorted({c.event.id: c.event for c in citing}.values(), key=lambda e: e.sort_key)
        numbers = numbered(events, self.style.number)
        return SourcePage(
            path=source_href(source.id), title=source.title, crumbs=(HOME, SOURCES),
            outlet=source.outlet.ar, outlet_en=source.outlet.en, published=self.style.date(source.published),
            url=source.url, retrieved=self.style.day(source.retrieved) if source.retrieved else "",
            reliability=labels.grade(source.reliability, labels.RELIABILITY),
            sha256=source.sha256, sha256_groups=groups(source.sha256), original=original(source),
            notes=render_markdown(source.notes),
            paragraphs=paragraphs(source.text, citing, numbers), citing=citing_events(
                citing, events, numbers, source_href(source.id), lambda i, n: labels.passage(i, n, self.style.number)),
            description=labels.source_description(source.outlet.ar, self.style.date(source.published),
                                                  self.style.count(len(events), "event")),
        )

    def sources(self) -> SourcesPage:
        """The sources index: every source, newest first, with its outlet, reliability and citations."""
        ordered = sorted(self.corpus.sources.values(), key=lambda s: (s.published.value, s.id), reverse=True)
        return SourcesPage(path=SOURCES.href, title=SOURCES.text, crumbs=(HOME,), rows=tuple(
            SourceRow(Link(source_href(s.id), s.title), s.outlet.ar, self.style.date(s.published),
                      s.reliability, self.style.count(len(self.index.citing.get(s.id, ())), "citation"))
            for s in ordered))

    def changes_page(self) -> ChangesPage:
        """What changed since the previous edition (an empty page when there is none to compare with)."""
        c = self.changes
        if c is None:
            return ChangesPage(path=CHANGES.href, title=CHANGES.text, crumbs=(HOME,), previous="", added=(), removed=(),
                               renamed=(), changed=(), statuses=(), new_sources=(), empty=False)
        events, bases, sources = self.corpus.events, self.corpus.bases, self.corpus.sources
        status = lambda code: labels.STATUSES.get(code, labels.UNKNOWN_STATUS) if code else labels.UNKNOWN_STATUS
        return ChangesPage(
            path=CHANGES.href, title=CHANGES.text, crumbs=(HOME,), previous=c.previous,
            added=tuple(self.views.event_link(events[i]) for i in c.added),
            removed=tuple(f"{c.removed_titles[i]} ({i})" for i in c.removed),
            renamed=tuple((old, self.views.event_link(events[new])) for old, new in c.renamed),
            changed=tuple(FieldChange(self.views.event_link(events[ch.id]),
                                      labels.COMMA.join(labels.FIELDS[f] for f in ch.fields), self._diffs(ch)) for ch in c.changed),
            statuses=tuple(StatusShift(self.views.base_link(s.base), status(s.before), status(s.after))
                           for s in c.statuses if s.base in bases),
            new_sources=tuple(Link(source_href(i), sources[i].title) for i in c.new_sources),
            empty=c.empty,
        )

    def _diffs(self, change: EventChange) -> tuple[FieldDiff, ...]:
        """Each changed field's value in the previous edition and in this one, as a reader reads them."""
        text = lambda f, v: describe(f, v, self.corpus, self.style)
        return tuple(FieldDiff(labels.FIELDS[f], text(f, before), text(f, after))
                     for f, before, after in zip(change.fields, change.before, change.after))

    @cached_property
    def replaced(self) -> dict[str, m.Event]:
        """Old event ids, kept alive after a rename or merge, and the event that replaces each."""
        return {old: event for event in self.index.events for old in event.replaces}

    def redirect(self, old: str) -> RedirectPage:
        """The page left at an old event id (`replaces`): a redirect to the event that now has it."""
        event = self.replaced[old]
        return RedirectPage(path=event_href(old), title=event.title, crumbs=(), target=self.views.event_link(event))

    def text_page(self, page: m.Page) -> TextPage:
        """A hand-written page from content/pages/, its Markdown rendered and sanitised."""
        return TextPage(path=f"{page.id}/", title=page.title, crumbs=(HOME,), body=render_markdown(page.body))

    def bases_index(self) -> PlacesPage:
        """The places index: the status board on a page of its own."""
        return PlacesPage(path=BASES.href, title=BASES.text, crumbs=(HOME,), rows=self.rows())

    def search(self) -> SearchPage:
        """The search page; the search itself runs in the reader's browser (Pagefind)."""
        return SearchPage(path=SEARCH.href, title=SEARCH.text, crumbs=(HOME,),
                          fold=json.dumps(search_table(), sort_keys=True),
                          interface=json.dumps(labels.SEARCH_INTERFACE, ensure_ascii=False))

    def keys(self) -> list[PageKey]:
        """Every page of the site as a key, in a stable order; `page(key)` makes its context."""
        return kinds.keys(self)

    def page(self, key: PageKey) -> PageContext:
        """The context of one page; KeyError for a kind the registry does not have."""
        return kinds.page(self, key)

    def plan(self) -> Iterator[PageContext]:
        """Every page of the site."""
        return (self.page(key) for key in self.keys())
