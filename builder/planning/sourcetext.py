"""A source's text as paragraphs, with every cited passage marked and labelled with the events citing it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from builder.common import model as m
from builder.indexing.index import Citing
from builder.planning.views import Link, citation_anchor, event_href, quote_anchor


@dataclass(frozen=True)
class Label:
    """An event's number on its source's page, printed after each passage it cites and before its
    title in the page's list of citing events, so a reader on any device can match the two."""

    number: str  # as printed: the event's place in the source page's list, 1 first
    event: Link  # to the event page's own citation of this passage


@dataclass(frozen=True)
class Segment:
    """A run of text; `marked` when some citation covers it."""

    text: str
    marked: bool = False
    anchors: tuple[str, ...] = ()  # passages that start here
    labels: tuple[Label, ...] = ()  # the events whose passages end here, each once


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of a source's text, as segments: plain runs and cited passages."""

    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class CitingEvent:
    """An event citing the source, as numbered in the source page's list."""

    number: str
    link: Link  # the event's page
    passages: tuple[Link, ...]  # the passages it cites on this page, in text order


@dataclass(frozen=True)
class _Passage:
    start: int
    end: int
    anchor: str
    labels: tuple[Label, ...]


def numbered(events: list[m.Event], number: Callable[[int], str]) -> dict[str, str]:
    """Each citing event's number as printed, in the order the page lists them."""
    return {event.id: number(i) for i, event in enumerate(events, start=1)}


def _passages(citing: tuple[Citing, ...], numbers: dict[str, str]) -> list[_Passage]:
    """One passage per distinct quote position, with every event citing it, in the order of their numbers."""
    grouped: dict[tuple[int, int, str], dict[str, m.Event]] = {}
    for c in citing:
        if c.match is None:
            continue
        key = (c.match.start, c.match.end, quote_anchor(c.citation.quote))
        grouped.setdefault(key, {})[c.event.id] = c.event
    order = list(numbers)
    return [_Passage(s, e, a, tuple(
        Label(numbers[i], Link(f"{event_href(i)}#{citation_anchor(a)}", events[i].title))
        for i in sorted(events, key=order.index)))
        for (s, e, a), events in sorted(grouped.items())]


def citing_events(citing: tuple[Citing, ...], events: list[m.Event], numbers: dict[str, str],
                  page: str, passage: Callable[[int, int], str]) -> tuple[CitingEvent, ...]:
    """The source page's list of citing events, each with links to the passages it cites on `page`
    (site-relative), in text order; `passage(i, n)` words the link to the i-th of n passages."""
    starts: dict[str, dict[str, int]] = {}
    for c in citing:
        if c.match is not None:
            starts.setdefault(c.event.id, {})[quote_anchor(c.citation.quote)] = c.match.start
    out = []
    for event in events:
        mine = starts.get(event.id, {})
        anchors = sorted(mine, key=mine.__getitem__)
        out.append(CitingEvent(numbers[event.id], Link(event_href(event.id), event.title), tuple(
            Link(f"{page}#{anchor}", passage(i, len(anchors))) for i, anchor in enumerate(anchors, start=1))))
    return tuple(out)


def _segments(text: str, start: int, end: int, passages: list[_Passage]) -> tuple[Segment, ...]:
    inside = [p for p in passages if p.start < end and p.end > start]
    cuts = sorted({start, end} | {max(start, min(end, x)) for p in inside for x in (p.start, p.end)})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        covering = [p for p in inside if p.start <= a and p.end >= b]
        ending = [label for p in inside if p.end == b for label in p.labels]
        out.append(Segment(
            text=text[a:b],
            marked=bool(covering),
            anchors=tuple(p.anchor for p in inside if p.start == a),
            labels=tuple({label.number: label for label in ending}.values()),
        ))
    return tuple(out)


def paragraphs(text: str, citing: tuple[Citing, ...], numbers: dict[str, str]) -> tuple[Paragraph, ...]:
    """Split the archived text into its lines, each cut where cited passages start and end."""
    passages = _passages(citing, numbers)
    out = []
    offset = 0
    for line in text.split("\n"):
        start, end = offset, offset + len(line)
        offset = end + 1
        if line.strip():
            out.append(Paragraph(_segments(text, start, end, passages)))
    return tuple(out)
