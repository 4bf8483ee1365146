"""A place's status over time, derived from the effects events had on it: the one place that decides it.

Each event touching a place names an effect (`reinforced`, `handed-over`, `closed`…; content-model.md).
Taken in the order of `status_order`, every effect but the neutral ones starts a new status that holds
until the next; the last is the place's current status. Pages, maps, timelines, feeds and the data
downloads all read the history this module makes (through `Index.history` and `Index.status`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from builder.common import model as m

# Effects that say nothing about a place's state do not change its status.
NEUTRAL_EFFECTS = frozenset({"mentioned"})


@dataclass(frozen=True)
class StatusEntry:
    """One entry of a place's status history: from `event`'s date on, the place's status is `effect`
    (until the next entry)."""

    effect: str
    event: m.Event


def status_order(event: m.Event) -> tuple:
    """The order in which events set statuses: by the last day the event's start could mean, so an
    event known only to the month ('during May') takes effect after one dated to a day inside that
    month; then by start and id, so ties are broken the same way every build."""
    start = event.date.start
    return (start.last_day, start.value, event.id)


def history(touches: Iterable[tuple[m.Event, str]]) -> tuple[StatusEntry, ...]:
    """A place's status history from its (event, effect) touches, in any order: oldest entry first.
    An event awaiting review (`review: pending`, as the curation assistant writes it) is listed with
    the place's events but sets no status: one unverified sentence must not turn a place green until
    an editor has confirmed it."""
    return tuple(StatusEntry(effect, event) for event, effect in sorted(touches, key=lambda t: status_order(t[0]))
                 if effect not in NEUTRAL_EFFECTS and not event.pending)


def current(entries: tuple[StatusEntry, ...]) -> StatusEntry | None:
    """The entry that set a place's current status, None when no event set one."""
    return entries[-1] if entries else None
