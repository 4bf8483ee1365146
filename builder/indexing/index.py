"""Cross-references computed once: events by month, base and source, and each base's status history
(derived in `builder.indexing.status`)."""

from __future__ import annotations

import datetime as dt
from bisect import insort
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from builder.common import model as m
from builder.checking.quotes import Match
from builder.checking.validate import Matches
from builder.indexing import status
from builder.indexing.status import StatusEntry

@dataclass(frozen=True)
class Citing:
    """One citation of a source by an event, with where its quote stands in the text."""

    event: m.Event
    citation: m.Citation
    match: Match | None


@dataclass(frozen=True)
class Index:
    """Cross-references of a checked corpus, computed once and read by every page: the events in
    chronological order, by month, by place and by source, each place's status history, and where
    each quote stands in its source."""

    corpus: m.Corpus
    events: tuple[m.Event, ...]  # chronological
    by_month: dict[str, tuple[m.Event, ...]]  # newest month first
    by_base: dict[str, tuple[tuple[m.Event, str], ...]]  # base id -> (event, effect), chronological
    history: dict[str, tuple[StatusEntry, ...]]  # base id -> status history, oldest first
    citing: dict[str, tuple[Citing, ...]]  # source id -> citations in text order
    matches: Matches  # looked up by (source, quote), never listed: its order carries nothing

    @cached_property
    def span(self) -> tuple[dt.date, dt.date] | None:
        """The first and last day the events can mean (None without events); asked for by many pages."""
        if not self.events:
            return None
        return self.events[0].date.start.value, max((e.date.end or e.date.start).last_day for e in self.events)

    def status(self, base_id: str) -> StatusEntry | None:
        """The entry that set the place's current status, None when no event set one."""
        return status.current(self.history.get(base_id, ()))


def brief_order(key: str) -> tuple[int, int]:
    """Briefs in time order; a year's events of unknown month come after that year's months."""
    year, _, month = key.partition("-")
    return int(year), int(month) if month else 0


def build_index(corpus: m.Corpus, matches: Matches) -> Index:
    """Derive every cross-reference the pages need, in a stable order."""
    events = tuple(sorted(corpus.events.values(), key=_chronological))
    months: dict[str, list[m.Event]] = defaultdict(list)
    bases: dict[str, list[tuple[m.Event, str]]] = defaultdict(list)
    citing: dict[str, list[Citing]] = defaultdict(list)
    for event in events:
        months[event.date.month_key].append(event)
        for touch in event.bases:
            bases[touch.base].append((event, touch.effect))
        for citation in event.citations:
            citing[citation.source].append(Citing(event, citation, matches.get((citation.source, citation.quote))))
    return Index(
        corpus=corpus,
        events=events,
        by_month={k: tuple(months[k]) for k in sorted(months, key=brief_order, reverse=True)},
        by_base={k: tuple(v) for k, v in sorted(bases.items())},
        history={k: status.history(v) for k, v in sorted(bases.items())},
        citing={k: _text_order(v) for k, v in sorted(citing.items())},
        matches=matches,
    )


def update_index(before: Index, corpus: m.Corpus, matches: Matches) -> Index:
    """build_index(corpus, matches), derived from the index of an earlier corpus that differs from this one
    in its events only: just the months, places and sources of the events edited since are derived again.

    An unchanged event is the very same record in both corpora (the identity rule of
    builder/reading/cache.py), so `is` tells the edited ones apart. tests/test_incremental.py holds it to build_index's result.
    """
    old, new = before.corpus.events, corpus.events
    gone = [e for i, e in old.items() if new.get(i) is not e]
    added = [e for i, e in new.items() if old.get(i) is not e]
    dropped = {id(e) for e in gone}
    events = [e for e in before.events if id(e) not in dropped]
    for event in added:
        insort(events, event, key=_chronological)
    edited = gone + added

    by_month = dict(before.by_month)
    for month in {e.date.month_key for e in edited}:
        kept = [e for e in by_month.pop(month, ()) if id(e) not in dropped]
        kept += [e for e in added if e.date.month_key == month]
        if kept:
            by_month[month] = tuple(sorted(kept, key=_chronological))
    by_base, history = dict(before.by_base), dict(before.history)
    for base in {t.base for e in edited for t in e.bases}:
        touches = [t for t in by_base.pop(base, ()) if id(t[0]) not in dropped]
        touches += [(e, t.effect) for e in added for t in e.bases if t.base == base]
        touches.sort(key=lambda t: _chronological(t[0]))
        history.pop(base, None)
        if touches:
            by_base[base], history[base] = tuple(touches), status.history(touches)
    citing = dict(before.citing)
    for source in {c.source for e in edited for c in e.citations}:
        # Kept citations are already in text order; an event's own are appended in the order it lists them.
        items = [c for c in citing.pop(source, ()) if id(c.event) not in dropped]
        items += [Citing(e, c, matches.get((c.source, c.quote))) for e in added for c in e.citations if c.source == source]
        if items:
            citing[source] = _text_order(items)
    return Index(
        corpus=corpus,
        events=tuple(events),
        by_month={k: by_month[k] for k in sorted(by_month, key=brief_order, reverse=True)},
        by_base=dict(sorted(by_base.items())),
        history=dict(sorted(history.items())),
        citing=dict(sorted(citing.items())),
        matches=matches,
    )


def _chronological(event: m.Event) -> tuple:
    return event.sort_key


def _text_order(items) -> tuple[Citing, ...]:
    """A source's citations in the order their passages stand in it (unfound ones first)."""
    return tuple(sorted(items, key=lambda c: (c.match.start if c.match else -1, c.event.id)))
