"""A second report of an event the corpus already holds: a citation to add, or a disagreement to settle.

`suggest` reads each source on its own; when a stub reports what an existing event reports (a place it
touches, the same day, the same counts), the editor needs a citation on that event, not a second
event. When the place matches but the day or a count differs by a little, the reports disagree: the
editor gets the disagreement to settle (a `contradicts` citation, or a note), never a silent merge.
"""

from __future__ import annotations

from dataclasses import dataclass

from builder.checking.quotes import SourceText
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


@dataclass(frozen=True)
class Cited:
    """A stub whose sentence an existing event already quotes from the same source: proposing it again
    would make a second event of the same words. Any other sentence merged into the stub is a further
    citation for that event."""

    stub: Stub
    event: str  # the existing event that quotes its first cited sentence
    path: str  # its file
    cited: tuple[tuple[str, str, str], ...]  # (sentence, file, id) of the event quoting each sentence already cited
    rest: tuple[str, ...]  # the stub's other sentences: citations to add to that event


@dataclass(frozen=True)
class Triage:
    """What `suggest` makes of each stub, decided once: a new event, a sentence already cited, or a
    second report of an existing event."""

    new: list[Stub]
    cited: list[Cited]
    corroborations: list[Corroboration]


def triage(corpus: m.Corpus, source: m.Source, stubs: list[Stub]) -> Triage:
    """Sort the stubs of one source: those quoting a sentence an event already cites from this source
    are known; of the rest, those reporting an existing event from another source are corroborations;
    the others are new."""
    cited, unknown = _already_cited(corpus, source, stubs)
    seconds = corroborations(corpus, unknown)
    new = [s for s in unknown if all(s is not c.stub for c in seconds)]
    return Triage(new, cited, seconds)


def _already_cited(corpus: m.Corpus, source: m.Source, stubs: list[Stub]) -> tuple[list[Cited], list[Stub]]:
    """The stubs one of whose sentences overlaps, in the source's text, a passage an existing event
    quotes from the same source (an editor may have shortened the quote: overlap, not equality)."""
    text = SourceText(source.text)
    quoted: list[tuple[int, int, m.Event]] = []
    for event in sorted(corpus.events.values(), key=lambda e: e.path):
        for citation in event.citations:
            if citation.source == source.id and (at := text.find(citation.quote)) is not None:
                quoted.append((at.start, at.end, event))
    if not quoted:
        return [], list(stubs)
    cited, unknown = [], []
    for stub in stubs:
        by: dict[str, m.Event] = {}
        for sentence in stub.citations:
            at = text.find(sentence)
            event = next((e for first, last, e in quoted if at is not None and first < at.end and at.start < last), None)
            if event is not None:
                by[sentence] = event
        if by:
            first = by[next(s for s in stub.citations if s in by)]
            cited.append(Cited(stub, first.id, first.path, tuple((s, by[s].path, by[s].id) for s in stub.citations if s in by),
                               tuple(s for s in stub.citations if s not in by)))
        else:
            unknown.append(stub)
    return cited, unknown


def cited_yaml(found: Cited) -> str:
    """Why nothing is proposed for the stub, and its other sentences as citations for that event (commented:
    it edits another file)."""
    lines = [f"# already cited by {path} ({event}): {yaml_quote(q.strip())}" for q, path, event in found.cited]
    if found.rest:
        lines.append(f"# further reports of it in this source; add to {found.path}'s citations:")
        lines.extend(f"#   - {{source: {found.stub.source}, quote: {yaml_quote(q.strip())}, stance: supports}}"
                     for q in found.rest)
    return "\n".join(lines) + "\n"


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
