"""A second report of an event the corpus already holds: a citation to add, or a disagreement to settle.

`suggest` reads each source on its own; when a stub reports what an existing event reports (a place it
touches, the same day, the same counts), the editor needs a citation on that event, not a second
event. When the place matches but the day or a count differs by a little, the reports disagree: the
editor gets the disagreement to settle (a `contradicts` citation, or a note), never a silent merge.
"""

from __future__ import annotations

from dataclasses import dataclass

from builder.common import model as m
from builder.curation.suggest import Stub, yaml_quote

CLOSE_DAYS = 3  # reports of one convoy a day or two apart disagree on its date; further apart they are two


@dataclass(frozen=True)
class Corroboration:
    """A stub that reports an existing event: cite it there (`supports`) or flag the disagreement."""

    stub: Stub
    event: str  # the existing event's id
    path: str  # its file, for the editor to open
    stance: str  # supports | contradicts
    differences: tuple[str, ...]  # what differs, in words the editor reads («count: 50 truck, not 35»)


def corroborations(corpus: m.Corpus, stubs: list[Stub]) -> list[Corroboration]:
    """For each stub, the existing event it corroborates or contradicts, if any (the closest one)."""
    by_base: dict[str, list[m.Event]] = {}
    for event in corpus.events.values():
        for touch in event.bases:
            by_base.setdefault(touch.base, []).append(event)
    out = []
    for stub in stubs:
        candidates = {e.id: e for base, _ in stub.bases for e in by_base.get(base, ())
                      if stub.source not in {c.source for c in e.citations}}
        found = [c for c in (_compare(stub, e) for _, e in sorted(candidates.items())) if c is not None]
        if found:
            out.append(min(found, key=lambda c: (len(c.differences), c.event)))
    return out


def _compare(stub: Stub, event: m.Event) -> Corroboration | None:
    start = event.date.start
    differences = []
    if stub.date != start:
        if not (stub.date.precision == start.precision == "day"
                and abs((stub.date.value - start.value).days) <= CLOSE_DAYS):
            return None
        differences.append(f"date: {stub.date.iso}, not {start.iso}")
    counts = {q.unit: q.count for q in event.quantities}
    for count, unit in stub.quantities:
        if unit in counts and counts[unit] != count:
            differences.append(f"count: {count} {unit}, not {counts[unit]}")
    if stub.quantities and counts and not {u for _, u in stub.quantities} & set(counts):
        return None  # counts of different things: not known to be the same report
    stance = "contradicts" if differences else "supports"
    return Corroboration(stub, event.id, event.path, stance, tuple(differences))


def corroboration_yaml(found: Corroboration) -> str:
    """What the editor adds to the existing event's citations (commented: it edits another file)."""
    head = (f"# {found.event} ({found.path}) already reports this; add to its citations:" if found.stance == "supports"
            else f"# {found.event} ({found.path}) reports this differently ({'; '.join(found.differences)}): "
                 "add the disagreement to its citations (or a note) and settle it:")
    lines = [head]
    for quote in found.stub.citations:
        lines.append(f"#   - {{source: {found.stub.source}, quote: {yaml_quote(quote.strip())}, stance: {found.stance}}}")
    return "\n".join(lines) + "\n"
