"""The corpus as plain, immutable data: what the schema produced and every later stage reads."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from builder.common.diagnostics import Mark

EVENT_TYPES = (
    "deployment", "reinforcement", "convoy", "airlift", "exercise", "withdrawal", "handover",
    "establishment", "closure", "airstrike", "raid", "attack", "statement", "plan",
)
EFFECTS = ("established", "reinforced", "active", "reduced", "withdrawn", "handed-over", "closed", "mentioned")
BASE_KINDS = ("base", "airfield", "outpost", "oil-field", "gas-field", "crossing", "city", "area")
PRECISIONS = ("day", "week", "month", "year")
# The years a date may fall in. The site draws a date with what comes after it (a week's last day, the next
# month, the timeline's following year), which Python's dates cannot do in 9999; nothing here predates 1900.
FIRST_YEAR, LAST_YEAR = 1900, 2999
LOCATION_PRECISIONS = ("exact", "approximate", "area")
STANCES = ("supports", "contradicts")
RELIABILITY = ("A", "B", "C", "D", "E", "F")
CREDIBILITY = ("1", "2", "3", "4", "5", "6")
# What a quantity counts; each has its Arabic forms in arabic/wording.py (downloads keep these ids).
UNITS = ("truck", "aircraft", "cargo-aircraft", "helicopter", "soldier", "troops", "vehicle", "exercise", "operation",
         "base", "country", "day", "km", "percent")
# An event `briefing suggest` wrote is `pending` until an editor confirms it (sets `reviewed` or drops the field).
REVIEW = ("pending", "reviewed")


@dataclass(frozen=True)
class Names:
    """A name in Arabic, with its English form when one is known."""

    ar: str
    en: str = ""


@dataclass(frozen=True, order=True)
class PartialDate:
    """A calendar date known to a stated precision; `value` is its first day."""

    value: dt.date
    precision: str  # day | week | month | year

    @property
    def iso(self) -> str:
        """Write the date only as precisely as it is known (2025, 2025-05, 2025-05-03)."""
        if self.precision == "year":
            return f"{self.value.year:04d}"
        if self.precision == "month":
            return f"{self.value.year:04d}-{self.value.month:02d}"
        return self.value.isoformat()

    @property
    def last_day(self) -> dt.date:
        """The last day the date could mean, for ordering ranges and deriving status."""
        v = self.value
        if self.precision == "year":
            return dt.date(v.year, 12, 31)
        if self.precision == "month":
            following = dt.date(v.year + v.month // 12, v.month % 12 + 1, 1)
            return following - dt.timedelta(days=1)
        if self.precision == "week":
            return v + dt.timedelta(days=6)
        return v


@dataclass(frozen=True)
class EventDate:
    """When an event happened: a start, an optional end, one precision for both."""

    start: PartialDate
    end: PartialDate | None = None

    @property
    def precision(self) -> str:
        """How precisely the event's date is known: its start's precision (day, week, month or year)."""
        return self.start.precision

    @property
    def month_key(self) -> str:
        """The brief the event belongs to: YYYY-MM, or YYYY when only the year is known.

        A week goes to the month of its last day, the day by which it had certainly happened
        (the rule status uses too); a week reported on 3 May belongs to May's brief.
        """
        start = self.start
        if start.precision == "year":
            return f"{start.value.year:04d}"
        day = start.last_day if start.precision == "week" else start.value
        return f"{day.year:04d}-{day.month:02d}"


@dataclass(frozen=True)
class Location:
    """Where a place is: latitude and longitude in degrees (WGS 84) and how precisely (exact, approximate, area)."""

    lat: float
    lon: float
    precision: str
    mark: Mark = field(default=Mark(""), compare=False, repr=False)  # where `lat` is written: checks point there


# The forms an article's original can be archived in beside its text (sources/<id><suffix>): a saved web
# page, or the WARC record (ISO 28500) it was captured in, gzipped or not.
ORIGINAL_SUFFIXES = (".html", ".warc.gz", ".warc")


@dataclass(frozen=True)
class Original:
    """The bytes an article's text was extracted from, archived beside it: the file's name in sources/
    (<id>.html, <id>.warc or <id>.warc.gz) and its SHA-256 (hex), as the metadata records them."""

    file: str
    sha256: str


@dataclass(frozen=True)
class Source:
    """An archived article: its metadata (sources/<id>.yaml) and its text (sources/<id>.txt), with the
    text's SHA-256 (hex) so a reader can check the copy; `original` is the saved page or WARC record
    the text was extracted from, when there is one."""

    id: str
    outlet: Names
    title: str
    published: PartialDate
    language: str
    reliability: str
    text: str
    sha256: str
    path: str
    url: str = ""
    retrieved: dt.date | None = None
    notes: str = ""
    original: Original | None = None


@dataclass(frozen=True)
class Base:
    """A place of the coalition's footprint (bases/<id>.yaml): names, kind, governorate and location."""

    id: str
    name: Names
    kind: str
    governorate: Names
    location: Location | None
    path: str
    aliases: tuple[str, ...] = ()
    notes: str = ""
    name_marks: dict[str, Mark] = field(default_factory=dict, compare=False, repr=False, hash=False)
    review: str = "reviewed"  # "pending": a draft `briefing suggest --write` made from a name in a source

    @property
    def pending(self) -> bool:
        """A draft place the curation assistant wrote, not yet completed and confirmed by an editor."""
        return self.review == "pending"


# Positions of references, so cross-file checks can name the exact line; they never affect equality.
_NOWHERE = Mark("")


@dataclass(frozen=True)
class BaseEffect:
    """What an event did to one place (`effect`, e.g. reinforced, handed-over); it sets the place's status."""

    base: str
    effect: str
    mark: Mark = field(default=_NOWHERE, compare=False, repr=False)


@dataclass(frozen=True)
class Quantity:
    """A counted thing an event reports: a whole number and its unit (model.UNITS)."""

    count: int
    unit: str


@dataclass(frozen=True)
class Citation:
    """A passage of a source an event rests on: the source's id, the quote word for word and its stance."""

    source: str
    quote: str
    stance: str = "supports"
    mark: Mark = field(default=_NOWHERE, compare=False, repr=False)
    quote_mark: Mark = field(default=_NOWHERE, compare=False, repr=False)


@dataclass(frozen=True)
class Event:
    """A dated event (events/<yyyy>/<id>.yaml): what happened, to which places, on which sources' word."""

    id: str
    date: EventDate
    type: str
    title: str
    summary: str
    bases: tuple[BaseEffect, ...]
    citations: tuple[Citation, ...]
    credibility: str
    path: str
    actors: tuple[str, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    replaces: tuple[str, ...] = ()  # ids this event had before a rename or merge; their URLs redirect here
    replaces_marks: tuple[Mark, ...] = field(default=(), compare=False, repr=False)  # where each is written
    review: str = "reviewed"  # "pending": proposed by the tool, shown as unreviewed, changes no status

    @property
    def pending(self) -> bool:
        """Written by the curation assistant and not yet confirmed by an editor."""
        return self.review == "pending"

    @property
    def sort_key(self) -> tuple:
        """Chronological order, stable for events on the same date."""
        return (self.date.start.value, self.date.start.precision != "day", self.id)


@dataclass(frozen=True)
class Page:
    """A hand-written Markdown page from `content/pages/`."""

    id: str
    title: str
    body: str
    path: str


@dataclass(frozen=True)
class Corpus:
    """Every record of a corpus, each kind by id."""

    sources: dict[str, Source]
    bases: dict[str, Base]
    events: dict[str, Event]
    pages: dict[str, Page]
