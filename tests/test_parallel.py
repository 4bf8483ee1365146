"""Work spread over several processes: the site and every report must be what one process makes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from builder.reading import loading
from builder.rendering import parallel
from builder.checking import validate
from builder.pipeline.build import check, render_site
from builder.common.diagnostics import BuildFailed
from builder.pipeline.settings import Settings
from builder.common.workers import forked_map

CONTENT = Path(__file__).resolve().parent.parent / "content"
BUILT = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
MISQUOTED = """\
id: 2025-05-05-misquoted
date: {start: 2025-05-05, precision: day}
type: convoy
title: رتل
summary: رتل.
citations:
  - {source: alarab-2025-05-03, quote: "جملة لا ترد في المقال"}
credibility: 2
"""


def _square(n: int) -> int:
    if n == 7777:
        raise ValueError("item 7777")
    return n * n


def test_results_come_back_in_order_whichever_worker_made_them():
    assert list(forked_map(_square, range(3000), jobs=2, min_items=0)) == [n * n for n in range(3000)]


def test_a_workers_error_reaches_the_caller():
    with pytest.raises(ValueError, match="item 7777"):
        list(forked_map(_square, range(8000), jobs=2, min_items=0))


def test_two_processes_build_the_same_site_as_one(monkeypatch):
    """Pages, data and the search bundle, byte for byte (Pagefind starts while pages still render)."""
    checked = check(CONTENT)
    one = render_site(checked, Settings(pdf=False, jobs=1, built=BUILT)).files
    monkeypatch.setattr(parallel, "MIN_PAGES", 0)
    two = render_site(checked, Settings(pdf=False, jobs=2, built=BUILT)).files
    assert sorted(two) == sorted(one)
    assert [p for p in one if one[p] != two[p]] == []
    assert any(p.startswith("pagefind/") for p in two)


def test_parsing_on_two_cores_reports_what_one_core_reports(make_corpus, monkeypatch):
    broken = make_corpus({
        "events/2025/2025-05-03-bad.yaml": "id: 2025-05-03-bad\ndate: {start: 2025-13-03, precision: day}\n",
        "events/2024/2025-05-04-misfiled.yaml": "id: [unclosed\n",
        "events/2025/2025-05-05-misquoted.yaml": MISQUOTED,
        "sources/broken-source.yaml": "id: broken-source\noutlet: [unclosed\n",
        "sources/broken-source.txt": "نص المقال كما نُشر.\n",
    })

    def report() -> str:  # each check has a memory of its own: it parses and looks for quotes afresh
        with pytest.raises(BuildFailed) as failed:
            check(broken)
        return failed.value.diagnostics.report()

    monkeypatch.setenv("BRIEFING_CACHE", "off")
    sequential = report()
    monkeypatch.setattr(loading, "PARALLEL_FILES", 0)
    monkeypatch.setattr(validate, "PARALLEL_SOURCES", 0)
    assert report() == sequential
    assert "2025-05-03-bad.yaml:2:" in sequential and "2025-05-04-misfiled.yaml:" in sequential
    assert "2025-05-05-misquoted.yaml:" in sequential and "quote not found" in sequential
    assert "sources/broken-source.yaml:3:" in sequential


def test_a_corpus_read_on_two_cores_is_the_one_read_on_one(monkeypatch):
    monkeypatch.setenv("BRIEFING_CACHE", "off")
    one = check(CONTENT)
    monkeypatch.setattr(loading, "PARALLEL_FILES", 0)
    shared = []  # what went to the workers: every source and every event, none left to the parent

    def on_two_cores(task, items, **options):
        items = list(items)
        shared.extend(items)
        return forked_map(task, items, **{**options, "jobs": 2})

    monkeypatch.setattr(loading, "forked_map", on_two_cores)
    two = check(CONTENT)  # a memory of its own: every file is read afresh, as by a new process
    assert two.corpus == one.corpus and two.index == one.index
    assert len(shared) == len(one.corpus.sources) + len(one.corpus.events)


def test_quotes_found_on_two_cores_highlight_what_one_core_finds(monkeypatch):
    monkeypatch.setenv("BRIEFING_CACHE", "off")
    one = check(CONTENT).index.matches
    monkeypatch.setattr(validate, "PARALLEL_SOURCES", 0)
    two = check(CONTENT).index.matches
    assert two == one and len(one) >= 5
