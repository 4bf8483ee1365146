"""Checks that span files: references between records, quotes in their sources, unique names."""

from __future__ import annotations

from collections import defaultdict
from typing import Iterator, NamedTuple

from builder.common import model as m
from builder.arabic.normalise import fold_text, visible
from builder.reading.cache import RecordCache
from builder.common.diagnostics import Diagnostics, Mark, did_you_mean
from builder.checking.locations import check_locations
from builder.checking.quotes import Match, SourceText
from builder.common.workers import forked_map

PARALLEL_SOURCES = 200  # from this many sources with quotes to look for, look on every core

# Citation matches, keyed by (source id, quote): what the source page highlights.
Matches = dict[tuple[str, str], Match]
# The record-cache keys of each event's quotes, by event id: kept in the cache for the next process.
QuoteKeys = dict[str, tuple[bytes, ...]]
# How many citations quote each (source id, quote): a match goes when the last of them goes.
Cited = dict[tuple[str, str], int]


class Found(NamedTuple):
    """What the cross-file checks found: where every quote stands, the cache keys of each event's
    quotes, and how many citations quote each passage."""

    matches: Matches
    quote_keys: QuoteKeys
    cited: Cited


class Before(NamedTuple):
    """An earlier check that found no problem: its corpus and what it found."""

    corpus: m.Corpus
    found: Found


def _mark(record_path: str) -> Mark:
    # Record-level problems point at the file; field-level positions live in the schema's checks.
    return Mark(record_path, 1, 1)


def check_events(corpus: m.Corpus, diagnostics: Diagnostics, cache: RecordCache, broken: frozenset[str] = frozenset(),
                 before: Before | None = None) -> Found:
    """Check every event's base and source references and find every quote.

    `cache` holds where each quote stood in its source, by the source's hash: found once.
    `before` is an earlier check that found no problem, against the very same places and sources: the
    events it checked that are still there unchanged are not checked again, and what it found is
    copied whole and mended for the events that changed, came or went: the work follows the edit,
    not the size of the corpus.
    """
    if before is None:
        checked: dict[str, m.Event] = {}
        matches: Matches = {}
        quote_keys: QuoteKeys = {}
        cited_count: Cited = {}
        changed = list(corpus.events.values())
    else:
        checked = before.corpus.events
        matches, quote_keys, cited_count = (dict(part) for part in before.found)
        changed = [event for event in corpus.events.values() if checked.get(event.id) is not event]
        for old in checked.values():
            if corpus.events.get(old.id) is not old:  # edited or deleted: its citations no longer count
                quote_keys.pop(old.id, None)
                for citation in old.citations:
                    pair = (citation.source, citation.quote)
                    if (left := cited_count.get(pair, 0) - 1) > 0:
                        cited_count[pair] = left
                    else:
                        cited_count.pop(pair, None)
                        matches.pop(pair, None)
        cache.keep(k for keys in quote_keys.values() for k in keys)  # for the next process
    # Each changed event with its citations' cache keys.
    cited: list[tuple[m.Event, list[tuple[m.Citation, bytes]]]] = []
    wanted: dict[str, dict[str, bytes]] = defaultdict(dict)  # source id -> quote -> its key, for quotes not cached
    for event in changed:
        keys, pairs = [], []
        seen_bases = set()
        for touch in event.bases:
            if touch.base not in corpus.bases and touch.base not in broken:
                hint = did_you_mean(touch.base, corpus.bases) or "add the place under bases/ first"
                diagnostics.error(touch.mark, "unknown-base", f"unknown base '{touch.base}'", hint)
            if touch.base in seen_bases:
                diagnostics.error(touch.mark, "duplicate-base", f"base '{touch.base}' is listed twice",
                                  "list each place once, with its single effect")
            seen_bases.add(touch.base)
        for citation in event.citations:
            source = corpus.sources.get(citation.source)
            if source is None:
                if citation.source not in broken:
                    hint = did_you_mean(citation.source, corpus.sources) or "add the source under sources/ first"
                    diagnostics.error(citation.mark, "unknown-source", f"unknown source '{citation.source}'", hint)
                continue
            k = cache.key("quote", source.sha256, citation.quote)
            pairs.append((citation, k))
            keys.append(k)
            if cache.get(k) is None:
                wanted[citation.source][citation.quote] = k
        quote_keys[event.id] = tuple(keys)
        cited.append((event, pairs))
    for source_id, found in _find_quotes(corpus, wanted):
        for quote, match in found.items():
            if match is not None:
                cache.put(wanted[source_id][quote], (match, ()))
    texts: dict[str, SourceText] = {}
    for event, pairs in cited:
        for citation, k in pairs:
            pair = (citation.source, citation.quote)
            cited_count[pair] = cited_count.get(pair, 0) + 1
            entry = cache.get(k)
            if entry is None:
                text = texts.get(citation.source) or texts.setdefault(citation.source, SourceText(corpus.sources[citation.source].text))
                closest = text.closest(citation.quote)
                diagnostics.error(citation.quote_mark, "quote-not-found",
                                  f"quote not found in source '{citation.source}': «{visible(citation.quote[:120])}»",
                                  f"the closest passage is «{closest}»" if closest else "copy the passage from the source text")
                continue
            matches[pair] = entry[0]
    return Found(matches, quote_keys, cited_count)


def _find_quotes(corpus: m.Corpus, wanted: dict[str, dict[str, bytes]]) -> Iterator[tuple[str, dict[str, Match | None]]]:
    """Where each wanted quote stands in its source, the sources shared out over every core when there
    are many (a first check of a large corpus looks for every quote of every event)."""
    def find(source_id: str) -> dict[str, Match | None]:
        text = SourceText(corpus.sources[source_id].text)
        return {quote: text.find(quote) for quote in wanted[source_id]}

    source_ids = sorted(wanted)
    return zip(source_ids, forked_map(find, source_ids, min_items=PARALLEL_SOURCES))


def check_bases(corpus: m.Corpus, diagnostics: Diagnostics) -> None:
    """Every name and alias must lead to one place only."""
    owner: dict[str, str] = {}
    for base in corpus.bases.values():
        for name in (base.name.ar, *base.aliases):
            key = fold_text(name)
            if key and owner.setdefault(key, base.id) != base.id:
                diagnostics.error(base.name_marks.get(name, _mark(base.path)), "alias-clash", f"the name '{name}' also belongs to base '{owner[key]}'",
                                  "a name or alias must identify one place; remove it from one of them")


def check_replaced(corpus: m.Corpus, diagnostics: Diagnostics) -> None:
    """An old id redirects to one event only, and never shadows an event that still has it."""
    claimed: dict[str, str] = {}
    for event in sorted(corpus.events.values(), key=lambda e: e.id):
        for old, mark in zip(event.replaces, event.replaces_marks or [_mark(event.path)] * len(event.replaces)):
            if old in corpus.events:
                diagnostics.error(mark, "replaces-live-id", f"'{old}' is replaced but an event still has that id",
                                  f"remove '{old}' from `replaces`, or rename that event")
            elif claimed.setdefault(old, event.id) != event.id:
                diagnostics.error(mark, "replaces-twice", f"'{old}' is also replaced by '{claimed[old]}'",
                                  "an old address can lead to one event only")


def check_pages(corpus: m.Corpus, diagnostics: Diagnostics, reserved: frozenset[str]) -> None:
    """Hand-written pages must not take the address of a generated section: `reserved` names the
    site's top-level folders (the pipeline passes `builder.planning.kinds.reserved()`)."""
    for page in corpus.pages.values():
        if page.id in reserved:
            diagnostics.error(_mark(page.path), "reserved-page", f"a page may not be called '{page.id}'",
                              f"that address belongs to a generated section ({', '.join(sorted(reserved))})")


def validate(corpus: m.Corpus, diagnostics: Diagnostics, reserved: frozenset[str], cache: RecordCache,
             broken: frozenset[str] = frozenset(), before: Before | None = None) -> Found:
    """Run every cross-file check (and warn of places that lie away from where their files say);
    return where each cited quote stands in its source.

    `reserved` names the top-level folders of the site, which a hand-written page may not take;
    `cache` is the corpus's record cache, where each quote's place in its source is kept.
    `broken` names records whose files exist but failed their own checks: references to them are
    not reported again. `before` is an earlier corpus that passed every check, and what it found: when
    only events changed since, only the changed events are checked again (and the checks across events).
    """
    if before is not None and (broken or not same_except_events(before.corpus, corpus)):
        before = None
    if before is None:
        check_bases(corpus, diagnostics)
        check_pages(corpus, diagnostics, reserved)
    check_locations(corpus, diagnostics)  # warnings, so every check prints them again (and it costs little)
    check_replaced(corpus, diagnostics)
    return check_events(corpus, diagnostics, cache, broken, before)


def same_except_events(before: m.Corpus, after: m.Corpus) -> bool:
    """True when the two corpora hold equal place, source and page records (their events may differ)."""
    return all(_same(getattr(before, kind), getattr(after, kind)) for kind in ("bases", "sources", "pages"))


def _same(before: dict, after: dict) -> bool:
    # `is` settles nearly all of them at once: the identity rule (builder/reading/cache.py).
    return list(before) == list(after) and all(after[k] is record or after[k] == record for k, record in before.items())
