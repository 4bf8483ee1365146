"""The project's own corpus: valid, and every record earns its place."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.pipeline.build import check

CONTENT = Path(__file__).resolve().parent.parent / "content"


@pytest.fixture(scope="module")
def index():
    return check(CONTENT).index


def test_corpus_is_valid_and_complete(index):
    corpus = index.corpus
    assert len(corpus.sources) == 5
    assert {"about", "methodology"} <= set(corpus.pages)


def test_every_source_is_cited(index):
    assert set(index.citing) == set(index.corpus.sources)


def test_every_place_is_touched_by_an_event(index):
    assert set(index.by_base) == set(index.corpus.bases)


def test_every_citation_was_located_in_its_source(index):
    for citations in index.citing.values():
        assert all(c.match is not None for c in citations)


def test_disagreement_is_recorded_with_both_stances(index):
    stances = {c.stance for e in index.corpus.events.values() for c in e.citations}
    assert stances == {"supports", "contradicts"}


def test_may_2025_drawdown_leaves_conoco_closed_and_omar_reduced(index):
    assert index.status("conoco").effect == "closed"
    assert index.status("omar").effect == "reduced"
