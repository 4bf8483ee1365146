"""A source's text as paragraphs, with every cited passage marked and linked back to its events."""

from __future__ import annotations

from dataclasses import dataclass

from builder.indexing.index import Citing
from builder.planning.views import Link, event_href, quote_anchor


@dataclass(frozen=True)
class Segment:
    """A run of text; `marked` when some citation covers it."""

    text: str
    marked: bool = False
    anchors: tuple[str, ...] = ()  # passages that start here
    cited_by: tuple[Link, ...] = ()  # events whose passages end here


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of a source's text, as segments: plain runs and cited passages."""

    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class _Passage:
    start: int
    end: int
    anchor: str
    events: tuple[Link, ...]


def _passages(citing: tuple[Citing, ...]) -> list[_Passage]:
    """One passage per distinct quote position, with every event citing it."""
    grouped: dict[tuple[int, int, str], dict[str, Link]] = {}
    for c in citing:
        if c.match is None:
            continue
        key = (c.match.start, c.match.end, quote_anchor(c.citation.quote))
        grouped.setdefault(key, {})[c.event.id] = Link(event_href(c.event.id), c.event.title)
    return [_Passage(s, e, a, tuple(links[k] for k in sorted(links))) for (s, e, a), links in sorted(grouped.items())]


def _segments(text: str, start: int, end: int, passages: list[_Passage]) -> tuple[Segment, ...]:
    inside = [p for p in passages if p.start < end and p.end > start]
    cuts = sorted({start, end} | {max(start, min(end, x)) for p in inside for x in (p.start, p.end)})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        covering = [p for p in inside if p.start <= a and p.end >= b]
        out.append(Segment(
            text=text[a:b],
            marked=bool(covering),
            anchors=tuple(p.anchor for p in inside if p.start == a),
            cited_by=tuple(link for p in inside if p.end == b for link in p.events),
        ))
    return tuple(out)


def paragraphs(text: str, citing: tuple[Citing, ...]) -> tuple[Paragraph, ...]:
    """Split the archived text into its lines, each cut where cited passages start and end."""
    passages = _passages(citing)
    out = []
    offset = 0
    for line in text.split("\n"):
        start, end = offset, offset + len(line)
        offset = end + 1
        if line.strip():
            out.append(Paragraph(_segments(text, start, end, passages)))
    return tuple(out)
