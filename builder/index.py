"""Cross-references computed once: events by month, base and source, and each base's status over time."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from . import model as m
from .quotes import Match
from .validate import Matches

# Effects that say nothing about a place's state do not change its status.
NEUTRAL_EFFECTS = {"mentioned"}


@dataclass(frozen=True)
class StatusChange:
    """From `event`'s date on, the place's status is `effect` (until the next change)."""

    effect: str
    event: m.Event


@dataclass(frozen=True)
class Citing:
    """One citation of a source by an event, with where its quote stands in the text."""

    event: m.Event
    citation: m.Citation
    match: Match | None


@dataclass(frozen=True)
class Index:
    corpus: m.Corpus
    events: tuple[m.Event, ...]  # chronological
    by_month: dict[str, tuple[m.Event, ...]]  # newest month first
    by_base: dict[str, tuple[tuple[m.Event, str], ...]]  # base id -> (event, effect), chronological
    history: dict[str, tuple[StatusChange, ...]]  # base id -> status changes, chronological
    citing: dict[str, tuple[Citing, ...]]  # source id -> citations in text order
    matches: Matches

    def status(self, base_id: str) -> StatusChange | None:
        """The change that set the place's current status, if any event did."""
        changes = self.history.get(base_id, ())
        return changes[-1] if changes else None


def brief_order(key: str) -> tuple[int, int]:
    """Briefs in time order; a year's events of unknown month come after that year's months."""
    year, _, month = key.partition("-")
    return int(year), int(month) if month else 0


def build_index(corpus: m.Corpus, matches: Matches) -> Index:
    """Derive every cross-reference the pages need, in a stable order."""
    events = tuple(sorted(corpus.events.values(), key=lambda e: e.sort_key))
    months: dict[str, list[m.Event]] = defaultdict(list)
    bases: dict[str, list[tuple[m.Event, str]]] = defaultdict(list)
    citing: dict[str, list[Citing]] = defaultdict(list)
    for event in events:
        months[event.date.month_key].append(event)
        for touch in event.bases:
            bases[touch.base].append((event, touch.effect))
        for citation in event.citations:
            citing[citation.source].append(Citing(event, citation, matches.get((citation.source, citation.quote))))
    history = {
        base: tuple(StatusChange(effect, event)
                    for event, effect in sorted(touches, key=lambda t: t[0].status_key)
                    if effect not in NEUTRAL_EFFECTS)
        for base, touches in bases.items()
    }
    text_order = {sid: tuple(sorted(items, key=lambda c: (c.match.start if c.match else -1, c.event.id)))
                  for sid, items in citing.items()}
    return Index(
        corpus=corpus,
        events=events,
        by_month={k: tuple(months[k]) for k in sorted(months, key=brief_order, reverse=True)},
        by_base={k: tuple(v) for k, v in sorted(bases.items())},
        history=history,
        citing=text_order,
        matches=matches,
    )
