"""Work spread over several processes: the site and every report must be what one process makes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

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


def _every_error_type() -> list[type]:
    from builder.common.diagnostics import BriefingError
    found, todo = [], [BriefingError]
    while todo:
        kind = todo.pop()
        found.append(kind)
        todo.extend(kind.__subclasses__())
    return found


@given(message=st.text(), hint=st.text(), path=st.text(max_size=20))
def test_every_error_type_crosses_between_processes_intact(message, hint, path):
    """A worker's error reaches the parent as a pickle: rebuilt, it says what it said. (Rebuilt from its
    report text, one with a brace in it stopped the pool's result thread and the build waited for ever.)"""
    import pickle
    from builder.common.diagnostics import Diagnostic
    for kind in _every_error_type():
        error = kind([Diagnostic(path, 3, 4, "pdf", message, hint)], outcome="kept")
        again = pickle.loads(pickle.dumps(error))
        assert type(again) is kind and again.report() == error.report() and str(again) == str(error)


def _typst_like_failure(n: int) -> int:
    from builder.common.diagnostics import BriefingError
    if n == 5:
        raise BriefingError.anywhere("pdf", "maximum show rule depth exceeded { pad(right: 3mm, body) }")
    return n


class _Unrebuildable(Exception):
    def __init__(self, a, b):
        super().__init__(f"{a} {b}")


def _unrebuildable(n: int) -> int:
    if n == 5:
        raise _Unrebuildable("one", "two")  # pickles, but its pickle cannot make it again
    return n


_WORKERS_FAIL = """
import sys
sys.path[:0] = [{tests!r}]
from test_parallel import {task}
from builder.common.workers import forked_map
try:
    list(forked_map({task}, range(20), jobs=2, min_items=0, chunk=1))
except Exception as exc:
    print(type(exc).__name__, exc)
"""


@pytest.mark.parametrize("task, reaches", [("_typst_like_failure", "BriefingError error: maximum show rule depth"),
                                           ("_unrebuildable", "RuntimeError _Unrebuildable: one two")])
def test_any_workers_error_reaches_the_caller_instead_of_hanging_it(task, reaches):
    """Run apart, with a time limit: the failure this guards against is a parent that never returns."""
    import subprocess
    import sys
    code = _WORKERS_FAIL.format(tests=str(Path(__file__).parent), task=task)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                         cwd=Path(__file__).parent.parent)
    assert out.stdout.startswith(reaches), (out.stdout, out.stderr[-2000:])
