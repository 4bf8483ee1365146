"""Previews after an edit: only the pages the edit reaches are rendered, and the site is the one a full build makes."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from builder.pipeline.build import THEME, check
from builder.common.diagnostics import BuildFailed
from builder.preview.incremental import update
from builder.pipeline.settings import Settings
from builder.writing.site import write_changes
from tests.conftest import tree

CONTENT = Path(__file__).resolve().parent.parent / "content"
SETTINGS = Settings(pdf=False, search=False, built=dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc))
TRUCKS = "events/2025/2025-04-27-200-trucks-leave-omar-conoco.yaml"
NEW_EVENT = """\
id: 2025-04-28-one-more-convoy
date: {start: 2025-04-28, precision: day}
type: convoy
title: رتل إضافي يصل إلى قسرك
summary: رتل إضافي يصل إلى قسرك.
bases:
  - {id: qasrak, effect: closed}
citations:
  - source: alarab-2025-05-03-deir-ezzor
    quote: 'وانسحبت هذه المراكب من حقول النفط في دير الزور باتجاه قواعد أميركية تقع في منطقتي "قسرك" و"الشدادي" بريف الحسكة'
credibility: 3
"""


def _retitle(corpus: Path) -> None:
    path = corpus / TRUCKS
    path.write_text(path.read_text(encoding="utf-8").replace("title: نحو 200", "title: قرابة 200"), encoding="utf-8")


def _retype(corpus: Path) -> None:  # one type counts an event fewer, another one more: every type page changes
    path = corpus / TRUCKS
    path.write_text(path.read_text(encoding="utf-8").replace("type: withdrawal", "type: convoy"), encoding="utf-8")


def _close_a_place(corpus: Path) -> None:  # the new event sets Qasrak's current status: every map changes
    (corpus / "events/2025/2025-04-28-one-more-convoy.yaml").write_text(NEW_EVENT, encoding="utf-8")


def _delete(corpus: Path) -> None:
    (corpus / TRUCKS).unlink()


def _rename_place(corpus: Path) -> None:
    path = corpus / "bases/qasrak.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("en: Qasrak", "en: Qasrak base"), encoding="utf-8")


# (edit, share of the pages it may re-render at most): a status change re-renders every place (maps).
@pytest.mark.parametrize("edit, share", [(_retitle, 0.4), (_retype, 0.5), (_close_a_place, 0.6), (_delete, 0.6), (_rename_place, 1)])
def test_an_edit_renders_only_what_it_reaches_and_the_site_equals_a_full_build(tmp_path, edit, share):
    corpus = tmp_path / "content"
    shutil.copytree(CONTENT, corpus)
    first = update(None, check(corpus), SETTINGS)
    site = tmp_path / "site"
    write_changes(site, first.write, first.delete, 0)

    edit(corpus)
    checked = check(corpus, first.preview.checked)  # as a preview checks: against its last check
    fresh = check(corpus)
    assert_same_index(checked.index, fresh.index)
    again = update(first.preview, checked, SETTINGS)
    full = update(None, fresh, SETTINGS)

    assert again.preview.files == full.preview.files
    assert again.full == (share == 1)
    assert again.pages <= full.pages * share, (again.pages, full.pages)
    write_changes(site, again.write, again.delete, 0)
    assert tree(site) == full.preview.files  # written in place, the preview is the full site, nothing left over


def assert_same_index(incremental, fresh):
    """Equal, and every mapping the pages list in the same order. (`matches` is only looked up, by
    source and quote; an incremental check mends the last one's copy, so its order may differ.)"""
    assert incremental == fresh
    for field in ("by_month", "by_base", "history", "citing"):
        assert list(getattr(incremental, field)) == list(getattr(fresh, field)), field


def _shift(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# Each edit changes what some month, place or source lists; applied one after another, each checked twice.
EDITS = [
    lambda c: _shift(c / TRUCKS, "{id: omar, effect: reduced}", "{id: omar, effect: mentioned}"),  # a status history
    lambda c: (c / "events/2025/2025-04-28-one-more-convoy.yaml").write_text(NEW_EVENT, encoding="utf-8"),
    lambda c: _shift(c / "events/2025/2025-04-28-one-more-convoy.yaml", "{start: 2025-04-28,", "{start: 2025-02-03,"),  # to another month
    lambda c: _shift(c / "events/2025/2025-04-28-one-more-convoy.yaml", "{id: qasrak, effect: closed}",
                     "{id: conoco, effect: mentioned}"),  # from one place to another
    lambda c: (c / "events/2024/2024-10-seven-cargo-planes.yaml").unlink(),  # its month keeps others
    lambda c: (c / "events/2015/2015-10-sdf-formed.yaml").unlink(),
    lambda c: (c / "events/2017/2017-10-raqqa-retaken.yaml").unlink(),  # the only event of 2017: a month goes
    lambda c: _move(c, "events/2025/2025-04-28-one-more-convoy.yaml", "events/2017/2025-04-28-one-more-convoy.yaml",
                    "{start: 2025-02-03,", "{start: 2017-10-03,"),  # ... and comes back
]


def _move(corpus: Path, old: str, new: str, was: str, now: str) -> None:
    text = (corpus / old).read_text(encoding="utf-8")
    (corpus / old).unlink()
    (corpus / new).write_text(text.replace(was, now), encoding="utf-8")


def _check_each_edit(corpus: Path):
    """Apply EDITS one after another, each checked after the last check and from scratch (`check` with no
    previous check starts with a memory of its own: nothing listed, hashed or parsed before)."""
    checked = check(corpus)
    for edit in EDITS:
        edit(corpus)
        again = check(corpus, checked)
        assert_same_index(again.index, check(corpus).index)
        assert again.index != checked.index
        checked = again
    return checked


def test_a_check_after_edits_to_events_equals_a_check_from_scratch(tmp_path):
    corpus = tmp_path / "content"
    shutil.copytree(CONTENT, corpus)
    checked = _check_each_edit(corpus)
    _shift(corpus / "events/2017/2025-04-28-one-more-convoy.yaml", "{start: 2017-10-03,", "{start: 2016-10-03,")
    with pytest.raises(BuildFailed) as incremental:
        check(corpus, checked)
    with pytest.raises(BuildFailed) as fresh:
        check(corpus)
    assert "filed under events/2017/" in fresh.value.diagnostics.report()
    assert incremental.value.diagnostics.report() == fresh.value.diagnostics.report()


def test_a_passage_two_events_quote_stays_highlighted_when_one_of_them_goes(tmp_path):
    corpus = tmp_path / "content"
    shutil.copytree(CONTENT, corpus)
    added = corpus / "events/2025/2025-04-28-one-more-convoy.yaml"
    added.write_text(NEW_EVENT, encoding="utf-8")  # quotes a passage the trucks event quotes too
    checked = check(corpus)
    shared = ("alarab-2025-05-03-deir-ezzor", NEW_EVENT.split("quote: '")[1].split("'")[0])
    assert shared in checked.index.matches
    for edit in (lambda: _shift(corpus / TRUCKS, "title: ", "title: قافلة "), added.unlink):
        edit()
        checked = check(corpus, checked)
        assert shared in checked.index.matches
        assert_same_index(checked.index, check(corpus).index)


def test_checks_that_keep_folder_listings_see_every_file_added_moved_or_deleted(tmp_path, monkeypatch):
    """A preview lists a folder again only when its status changed: as if every folder were settled,
    each edit of the sequence still gives the index a check from scratch gives."""
    from builder.reading import fingerprints

    monkeypatch.setattr(fingerprints, "SETTLED_NS", -1)
    corpus = tmp_path / "content"
    shutil.copytree(CONTENT, corpus)
    _check_each_edit(corpus)


def test_a_stray_file_in_a_kept_folder_is_reported_by_every_check(tmp_path, monkeypatch):
    """A folder's listing and what was made of it are kept while it is unchanged; its problems are
    still reported each time, not only by the check that first listed it."""
    from builder.reading import fingerprints

    monkeypatch.setattr(fingerprints, "SETTLED_NS", -1)
    corpus = tmp_path / "content"
    shutil.copytree(CONTENT, corpus)
    (corpus / TRUCKS).with_suffix(".yml").write_text("id: x\n", encoding="utf-8")
    reports = []
    for _ in range(2):
        with pytest.raises(BuildFailed) as failed:
            check(corpus)
        reports.append(failed.value.diagnostics.report())
    assert "unexpected file" in reports[0] and "rename it to" in reports[0]
    assert reports[1] == reports[0]


def test_an_edit_that_breaks_a_reference_is_reported_as_by_a_check_from_scratch(tmp_path):
    corpus = tmp_path / "content"
    shutil.copytree(CONTENT, corpus)
    checked = check(corpus)
    _shift(corpus / TRUCKS, "source: ", "source: x")
    with pytest.raises(BuildFailed) as incremental:
        check(corpus, checked)
    with pytest.raises(BuildFailed) as fresh:
        check(corpus)
    report = fresh.value.diagnostics.report()
    assert "unknown source 'xalarab-2025-05-03-deir-ezzor'" in report
    assert incremental.value.diagnostics.report() == report


def test_nothing_edited_nothing_written(tmp_path):
    corpus = tmp_path / "content"
    shutil.copytree(CONTENT, corpus)
    first = update(None, check(corpus), SETTINGS)
    again = update(first.preview, check(corpus), SETTINGS)
    assert (again.pages, again.write, again.delete) == (0, {}, frozenset())


def test_an_edited_template_shows_in_the_next_preview(tmp_path):
    corpus, theme = tmp_path / "content", tmp_path / "templates"
    shutil.copytree(CONTENT, corpus)
    shutil.copytree(THEME, theme)
    first = update(None, check(corpus), SETTINGS, theme)
    layout = theme / "_layout.html"
    layout.write_text(layout.read_text(encoding="utf-8").replace("</body>", "<p>تجربة القالب</p></body>"), encoding="utf-8")
    os.utime(layout, ns=(layout.stat().st_mtime_ns + 10**9,) * 2)  # a later modification time, however fast the edit
    again = update(first.preview, check(corpus), SETTINGS, theme)
    assert again.full
    assert "تجربة القالب" in again.write["index.html"].decode("utf-8")
    assert "تجربة القالب" not in first.preview.files["index.html"].decode("utf-8")


def test_a_check_after_an_edit_keeps_every_quote_found_before_in_the_cache(tmp_path):
    from builder.reading.cache import key

    corpus = tmp_path / "content"
    shutil.copytree(CONTENT, corpus)
    checked = check(corpus)
    _retitle(corpus)
    again = check(corpus, checked)  # looks for no quote: none of them changed
    sources = again.corpus.sources
    quotes = {key("quote", sources[c.source].sha256, c.quote) for e in again.corpus.events.values() for c in e.citations}
    assert quotes <= again.memory.reading.records.entries.keys()  # what the next `briefing check` finds without looking
