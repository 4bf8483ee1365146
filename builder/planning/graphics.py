"""The site's drawings as data: the map of places, each place's timeline, the monthly activity chart.

Python decides every coordinate, colour class and label; the templates only print SVG elements.
Time runs right to left, as the page reads: the earliest date is at the right-hand end.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, replace
from functools import lru_cache

from builder.arabic import wording as labels
from builder.common import model as m
from builder.arabic.printing import Style
from builder.planning.geo import Projection
from builder.reading.geography import centroid, ring_area, syria
from builder.planning.placing import Occupied, place, text_box
from builder.indexing.index import Index, brief_order
from builder.planning.views import Link, base_href, brief_href, event_href

# Shapes and line styles say how well a place's location is known; the legend explains them.
MARKER_RADIUS = {"exact": 4.5, "approximate": 4.5, "area": 11.0}
HALO = 4  # the dashed ring of an approximate location, outside its dot
LEGEND_RADIUS = {"exact": 5, "approximate": 5, "area": 10}  # in a 24-unit legend swatch
NAME_SIZE = 12  # a place's name on the map, in the map's units (a 640-unit-wide drawing)
INSET_MARGIN = 0.25  # degrees around the crowded places an inset shows…
INSET_SPAN = (2.4, 1.5)  # …and at least this much (longitude, latitude), so the area is recognisable
MIN_LABEL_AREA = 0.35  # square degrees: smaller governorates are too small to name on the map

# Event types grouped for the activity chart: five colours a reader can tell apart.
FAMILIES = labels.FAMILIES
FAMILY_OF = {t: key for key, _, types in FAMILIES for t in types}
RECENT_MONTHS = 24  # the home page charts these last months again, wide enough to read on a phone


@dataclass(frozen=True)
class Region:
    """A governorate on the map: its outline as an SVG path and where its name goes."""

    path: str
    label: str
    x: float
    y: float
    named: bool  # large enough to carry its name


@dataclass(frozen=True)
class MapLabel:
    """A place's name beside its marker (placing.place decides where)."""

    x: float
    y: float
    anchor: str  # SVG text-anchor, for right-to-left text
    text: str


@dataclass(frozen=True)
class Marker:
    """A place on the map: its page, position and radius (SVG units) and its status class."""

    link: Link
    x: float
    y: float
    r: float
    css: str  # status class: present | reduced | gone | unknown
    precision: str  # exact | approximate | area
    current: bool  # the place whose page this is
    title: str  # what a pointer or a screen reader gets
    halo_r: float = 0  # the dashed ring of an approximate location; 0 for none
    label: MapLabel | None = None  # None when the name has no free room on this map (see the inset)
    ring_r: float = 0  # the bold ring that singles out the current place; 0 for any other
    lon: float = 0
    lat: float = 0


@dataclass(frozen=True)
class LegendItem:
    """One entry of the map's legend: a status colour or a location-precision swatch."""

    css: str
    label: str
    r: float = 0  # a location swatch's dot…
    halo_r: float = 0  # …and its dashed ring (0: none)


@dataclass(frozen=True)
class MapView:
    """The map as the template draws it: size (SVG units), governorates, the border, markers, labels and
    legends."""

    width: float
    height: float
    regions: tuple[Region, ...]
    border: str
    markers: tuple[Marker, ...]
    statuses: tuple[LegendItem, ...]
    precisions: tuple[LegendItem, ...]
    unplaced: tuple[Link, ...]  # places without coordinates
    outside: tuple[Link, ...] = ()  # places whose coordinates lie outside Syria (a check warned): not drawn
    name_size: float = NAME_SIZE
    inset: "MapView | None" = None  # the crowded part of the map drawn larger, when names did not fit
    frame: tuple[float, float, float, float] | None = None  # x, y, width, height of the inset's area on this map
    caption: str = ""  # an inset's caption: which governorates it shows
    current_drawn: bool = False  # the place whose page this is has a marker (not unplaced, not outside Syria)


@dataclass(frozen=True)
class Span:
    """A horizontal piece of a timeline: a status period or an event, with where it leads."""

    x: float
    width: float
    css: str
    title: str
    link: Link


@dataclass(frozen=True)
class Tick:
    """An axis label at x (SVG units)."""

    x: float
    label: str


@dataclass(frozen=True)
class Timeline:
    """A place's status over time: coloured periods, its events as marks, and the year ticks (SVG units)."""

    width: float
    height: float
    periods: tuple[Span, ...]
    events: tuple[Span, ...]
    ticks: tuple[Tick, ...]
    label: str


@dataclass(frozen=True)
class Bar:
    """One month of the activity chart: its rectangle (SVG units), colour class, tooltip and brief."""

    x: float
    y: float
    width: float
    height: float
    css: str
    title: str
    link: Link


@dataclass(frozen=True)
class ActivityChart:
    """Events per month as bars over a time axis, with the peak count marked (SVG units)."""

    width: float
    height: float
    baseline: float
    bars: tuple[Bar, ...]
    ticks: tuple[Tick, ...]
    peak: str  # the largest monthly count, printed on the axis
    peak_y: float
    families: tuple[LegendItem, ...]
    year_only: tuple[Link, ...]  # briefs of events known only by year, which a month chart cannot place
    label: str
    css: str = "overview"  # overview: the whole span | recent: the last RECENT_MONTHS, drawn larger


STATUS_LEGEND = (*(LegendItem(css, text) for css, text in labels.STATUS_LEGEND.items()),
                 LegendItem("unknown", labels.UNKNOWN_STATUS))
PRECISION_LEGEND = tuple(LegendItem(css, text, LEGEND_RADIUS[css], LEGEND_RADIUS[css] + HALO if css == "approximate" else 0)
                         for css, text in labels.PRECISION_LEGEND.items())


@dataclass(frozen=True)
class Axis:
    """A right-to-left time axis: `first` at the right-hand end, the day after `last` at the left."""

    first: dt.date
    last: dt.date
    width: float
    pad: float

    def x(self, day: dt.date) -> float:
        """The x in pixels of the start of `day`: dates run right to left, as the page reads."""
        span = (self.last - self.first).days + 1
        return round(self.width - self.pad - (day - self.first).days / span * (self.width - 2 * self.pad), 1)

    def span(self, start: dt.date, stop: dt.date) -> tuple[float, float]:
        """x and width of [start, stop), at least 3 px wide so a single day can be seen and clicked."""
        right, left = self.x(start), self.x(stop)
        w = max(round(right - left, 1), 3.0)
        return round(right - w, 1), w

    def quarters(self, style: Style) -> tuple[Tick, ...]:
        """A tick at the start of each quarter, labelled with the year in January and the month's name in
        July (a label a quarter long would run into the next)."""
        out, year, month = [], self.first.year, self.first.month
        while dt.date(year, month, 1) <= self.last:
            if month in (1, 4, 7, 10):
                out.append(Tick(self.x(dt.date(year, month, 1)), style.number(year) if month == 1
                                else style.month_name(month) if month == 7 else ""))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return tuple(out)

    def ticks(self, style: Style) -> tuple[Tick, ...]:
        """Years; quarters over a single year, half-years over two. Each label sits after its tick."""
        years = range(self.first.year, self.last.year + 1)
        if len(years) <= 2:
            months = (1, 4, 7, 10) if len(years) == 1 else (1, 7)
            return tuple(Tick(self.x(dt.date(y, mo, 1)), style.month(y, mo)) for y in years for mo in months)
        step = max(1, -(-len(years) // 10))
        return tuple(Tick(self.x(dt.date(y, 1, 1)), style.number(y)) for y in years[::step])


@lru_cache(maxsize=4)  # pure, and bounded: a few corpora's maps, never state one corpus leaves to another
def _projection(extra: tuple[tuple[float, float], ...]) -> Projection:
    """Syria, widened to the places just over its border that `extra` holds (each within BORDER_KM of it:
    the map never grows to show a place the check warned lies outside the country)."""
    west, south, east, north = syria().bounds
    for lon, lat in extra:  # a place just over the border still fits on the map
        west, east = min(west, lon - 0.2), max(east, lon + 0.2)
        south, north = min(south, lat - 0.2), max(north, lat + 0.2)
    return Projection.fit((west, south, east, north))


@lru_cache(maxsize=64)
def _inset_projection(points: tuple[tuple[float, float], ...]) -> Projection:
    """A projection of the crowded places with a margin around them, no taller than it is wide."""
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    west, east = min(lons) - INSET_MARGIN, max(lons) + INSET_MARGIN
    south, north = min(lats) - INSET_MARGIN, max(lats) + INSET_MARGIN
    grow_lon, grow_lat = max(0, INSET_SPAN[0] - (east - west)) / 2, max(0, INSET_SPAN[1] - (north - south)) / 2
    west, east, south, north = west - grow_lon, east + grow_lon, south - grow_lat, north + grow_lat
    aspect = math.cos(math.radians((south + north) / 2))
    wide, tall = (east - west) * aspect, north - south
    if tall > wide:  # widen, so the inset keeps a landscape shape on a phone
        extra = (tall / aspect - (east - west)) / 2
        west, east = west - extra, east + extra
    # Slide the window back inside the country, so a cluster on the border is not shown beside blank
    # paper, but never so far that a crowded place falls out of it.
    s_west, s_south, s_east, s_north = syria().bounds
    west, east = _slide(west, east, s_west, s_east, min(lons), max(lons))
    south, north = _slide(south, north, s_south, s_north, min(lats), max(lats))
    return Projection.fit((west, south, east, north))


def _slide(low: float, high: float, limit_low: float, limit_high: float, first: float, last: float,
           keep: float = 0.4) -> tuple[float, float]:
    """[low, high] moved towards [limit_low, limit_high] while still holding [first, last] with `keep` to spare."""
    if high > limit_high:
        shift = max(limit_high - high, last + keep - high)
    elif low < limit_low:
        shift = min(limit_low - low, first - keep - low)
    else:
        shift = 0.0
    return low + shift, high + shift


@lru_cache(maxsize=4)
def _layer(projection: Projection) -> tuple[tuple[Region, ...], str]:
    """The governorates and the country's border: the same on every map of a build."""
    geography = syria()
    regions = []
    for division in geography.divisions:
        largest = max(division.rings, key=ring_area)
        x, y = projection.point(*centroid(largest))
        regions.append(Region(projection.path(division.rings), division.ar, x, y,
                              named=ring_area(largest) >= MIN_LABEL_AREA))
    return tuple(regions), projection.path(geography.border, close=False)


def time_span(index: Index) -> tuple[dt.date, dt.date] | None:
    """Whole years around every event: the activity chart's span, and where every timeline ends.
    None for a corpus without events."""
    if index.span is None:
        return None
    first, last = index.span
    return dt.date(first.year, 1, 1), dt.date(last.year, 12, 31)


class Graphics:
    """The site's graphics, drawn in Python as SVG geometry: the map of places, each place's timeline
    and the activity chart. Templates print the coordinates; nothing is computed in them."""

    def __init__(self, index: Index, style: Style, built: dt.date):
        """`built` is the build's date (SOURCE_DATE_EPOCH's, when set): a corpus without events is
        drawn over its year, never the machine clock's, so the same inputs give the same site."""
        self.index, self.style, self.corpus, self.built = index, style, index.corpus, built
        # Which places the map draws is decided once: every place's page draws the map, and the
        # border test walks Syria's whole outline.
        geography = syria()
        self.drawn_bases = tuple(b for b in self.corpus.bases.values()
                                 if b.location and geography.in_country(b.location.lon, b.location.lat))
        located = sorted((b.location.lon, b.location.lat) for b in self.drawn_bases)
        self.projection = _projection(tuple(located))
        self._markers: tuple[Marker, ...] | None = None
        self.first, self.last = self._range()

    # The map

    def _status_css(self, base_id: str) -> tuple[str, str]:
        change = self.index.status(base_id)
        if change is None:
            return "unknown", labels.UNKNOWN_STATUS
        return labels.STATUS_CLASSES[change.effect], labels.STATUSES[change.effect]

    def markers(self) -> tuple[Marker, ...]:
        """Every place with coordinates as a map marker coloured by its current status, wide areas
        first so the dots inside them stay on top; made once per build."""
        if self._markers is None:
            out = []
            # Wide areas first, so the dots of places inside them stay clickable on top.
            bases = sorted(self.drawn_bases, key=lambda b: (b.location.precision != "area", b.id))
            for base in bases:
                loc = base.location
                css, status = self._status_css(base.id)
                title = f"{base.name.ar} — {status} ({labels.LOCATION_PRECISIONS[loc.precision]})"
                r = MARKER_RADIUS[loc.precision]
                out.append(Marker(Link(base_href(base.id), base.name.ar), 0, 0, r, css, loc.precision, False, title,
                                  halo_r=r + HALO if loc.precision == "approximate" else 0, lon=loc.lon, lat=loc.lat))
            self._markers = tuple(out)
        return self._markers

    def map(self, current: str = "") -> MapView:
        """Every located place on Syria's governorates, each named where there is room; the place whose
        page this is (`current`) is named first and drawn last. Names that found no room send their
        places to an inset: the crowded area again, larger."""
        markers = self.markers()
        if current:
            href = base_href(current)
            markers = tuple(mk if mk.link.href != href else replace(mk, current=True, ring_r=(mk.halo_r or mk.r) + 5)
                            for mk in markers)
        by_id = sorted(self.corpus.bases.values(), key=lambda b: b.id)
        unplaced = tuple(Link(base_href(b.id), b.name.ar) for b in by_id if not b.location)
        drawn = {b.id for b in self.drawn_bases}
        outside = tuple(Link(base_href(b.id), b.name.ar) for b in by_id if b.location and b.id not in drawn)
        view = self._drawn(self.projection, markers, NAME_SIZE)
        crowded = [mk for mk in view.markers if mk.label is None]
        inset = None
        if crowded:
            projection = _inset_projection(tuple(sorted((mk.lon, mk.lat) for mk in crowded)))
            west, north = projection.west, projection.north
            east = west + (projection.width - 2 * projection.pad) / (projection.scale * projection.aspect)
            south = north - (projection.height - 2 * projection.pad) / projection.scale
            inside = tuple(mk for mk in markers if west <= mk.lon <= east and south <= mk.lat <= north)
            inset = self._drawn(projection, inside, NAME_SIZE * 1.5)
            names = sorted({self.corpus.bases[mk.link.href.split("/")[1]].governorate.ar for mk in inside})
            inset = replace(inset, caption=labels.inset_caption(names))
            (x0, y0), (x1, y1) = self.projection.point(west, north), self.projection.point(east, south)
            frame = (x0, y0, round(x1 - x0, 1), round(y1 - y0, 1))
        return replace(view, statuses=STATUS_LEGEND, precisions=PRECISION_LEGEND, unplaced=unplaced, outside=outside,
                       inset=inset, current_drawn=any(mk.current for mk in markers),
                       frame=frame if inset else None)

    def _drawn(self, projection: Projection, markers: tuple[Marker, ...], size: float) -> MapView:
        """The markers projected and named (placing.place) on the governorates, in drawing order."""
        regions, border = _layer(projection)
        width, height = projection.width, projection.height
        visible = [r for r in regions if r.named and 0 <= r.x <= width and 0 <= r.y <= height]
        taken = Occupied(text_box(r.x, r.y, "middle", r.label, 11) for r in visible)
        projected = []
        for mk in markers:
            x, y = projection.point(mk.lon, mk.lat)
            projected.append(replace(mk, x=x, y=y))
            if mk.precision != "area":
                r = mk.halo_r or mk.r
                taken.add((x - r, y - r, x + r, y + r))
        named = []
        for mk in sorted(projected, key=lambda mk: (not mk.current, mk.x, mk.y)):
            spot = place(mk.x, mk.y, mk.halo_r or mk.r, mk.link.text, size, taken, width, height)
            if spot is not None:
                taken.add(spot.box)
            named.append(replace(mk, label=MapLabel(spot.x, spot.y, spot.anchor, mk.link.text) if spot else None))
        # Wide areas first, the current place last: its dot sits on top of any other.
        drawn = sorted(named, key=lambda mk: (mk.current, mk.precision != "area", mk.link.href))
        return MapView(width, height, regions, border, tuple(drawn), (), (), (),
                       name_size=size)

    # Time

    def _range(self) -> tuple[dt.date, dt.date]:
        year = self.built.year
        return time_span(self.index) or (dt.date(year, 1, 1), dt.date(year, 12, 31))

    def timeline(self, base: m.Base, width: float = 640) -> Timeline:
        """A place's status periods and its events, each as wide as its date is uncertain, from the
        year of its first event to the end of the briefing's last year."""
        touches = self.index.by_base.get(base.id, ())
        first = dt.date(touches[0][0].date.start.value.year, 1, 1) if touches else self.first
        axis = Axis(first, self.last, width, 24)
        stop = self.last + dt.timedelta(days=1)
        history = self.index.history.get(base.id, ())
        periods = []
        for i, change in enumerate(history):
            begin = change.event.date.start.last_day
            end = history[i + 1].event.date.start.last_day if i + 1 < len(history) else stop
            x, w = axis.span(begin, max(end, begin + dt.timedelta(days=1)))
            status = labels.STATUSES[change.effect]
            periods.append(Span(x, w, labels.STATUS_CLASSES[change.effect],
                                labels.status_since(status, self.style.date_range(change.event.date.start, None)),
                                Link(event_href(change.event.id), change.event.title)))
        events = []
        for event, effect in touches:
            date = event.date
            begin = date.start.value
            end = (date.end or date.start).last_day + dt.timedelta(days=1)
            x, w = axis.span(begin, end)
            when = self.style.date_range(date.start, date.end)
            events.append(Span(x, w, f"precision-{date.precision}",
                               f"{when}: {event.title} ({labels.EFFECTS[effect]})",
                               Link(event_href(event.id), event.title)))
        label = labels.timeline_label(base.name.ar, self.style.number(first.year), self.style.number(self.last.year))
        return Timeline(width, 78, tuple(periods), tuple(events), axis.ticks(self.style), label)

    def activity(self, width: float = 640, height: float = 180) -> ActivityChart:
        """Events per month over the whole briefing, stacked by family of type; each bar links to its brief."""
        return self._activity(self.first, self.last, width, height)

    def recent_activity(self, width: float = 400, height: float = 180) -> ActivityChart | None:
        """The last RECENT_MONTHS months up to the latest month with events, in a narrower drawing (so it is
        drawn larger on a phone) with a tick every quarter; None when the whole span is no longer."""
        dated = [key for key in self.index.by_month if "-" in key]
        if not dated:
            return None
        year, month = (int(p) for p in max(dated).split("-"))
        last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
        start = year * 12 + month - RECENT_MONTHS  # months since year 0, the first one shown
        first = dt.date(start // 12, start % 12 + 1, 1)
        if first <= self.first:
            return None
        chart = self._activity(first, last, width, height, quarterly=True)
        label = labels.recent_activity(self.style.number(RECENT_MONTHS))
        return replace(chart, label=label, css="recent", families=(), year_only=())

    def _activity(self, first: dt.date, last: dt.date, width: float, height: float,
                  quarterly: bool = False) -> ActivityChart:
        pad, top, bottom = 24, 18, 22
        axis = Axis(first, last, width, pad)
        counts: dict[str, dict[str, int]] = {}
        year_only = []
        for key, events in self.index.by_month.items():
            if "-" not in key:
                year_only.append(Link(brief_href(key), f"{self.style.number(int(key))}: "
                                      f"{self.style.count(len(events), 'event')}"))
                continue
            if not first <= dt.date(*(int(p) for p in key.split("-")), 1) <= last:
                continue
            tally = counts.setdefault(key, {})
            for event in events:
                family = FAMILY_OF[event.type]
                tally[family] = tally.get(family, 0) + 1
        peak = max((sum(t.values()) for t in counts.values()), default=0)
        baseline = height - bottom
        unit = (baseline - top) / peak if peak else 0
        months = (last.year - first.year) * 12 + last.month - first.month + 1
        slot = (width - 2 * pad) / months
        bars = []
        for key in sorted(counts, key=brief_order):
            year, month = (int(p) for p in key.split("-"))
            first_day = dt.date(year, month, 1)
            x = round(axis.x(first_day) - slot + 0.5, 1)
            y = baseline
            label = self.style.month(year, month)
            for family, family_label, _ in FAMILIES:
                n = counts[key].get(family, 0)
                if not n:
                    continue
                h = round(n * unit, 1)
                y = round(y - h, 1)
                bars.append(Bar(x, y, round(max(slot - 1, 1), 1), h, family,
                                f"{label}: {self.style.count(n, 'event')} ({family_label})",
                                Link(brief_href(key), labels.brief_title(label))))
        families = tuple(LegendItem(key, labels.family_legend(label, [labels.EVENT_TYPES[t] for t in types]))
                         for key, label, types in FAMILIES)
        label = labels.ACTIVITY_LABEL
        ticks = axis.quarters(self.style) if quarterly else axis.ticks(self.style)
        return ActivityChart(width, height, baseline, tuple(bars), ticks,
                             self.style.number(peak), top, families, tuple(year_only), label)
