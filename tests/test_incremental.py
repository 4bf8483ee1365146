"""Previews after an edit: only the pages the edit reaches are rendered, and the site is the one a full build makes."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from builder.build import THEME, check
from builder.incremental import update
from builder.settings import Settings
from builder.write import write_changes
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
    checked = check(corpus)
    again = update(first.preview, checked, SETTINGS)
    full = update(None, checked, SETTINGS)

    assert again.preview.files == full.preview.files
    assert again.full == (share == 1)
    assert again.pages <= full.pages * share, (again.pages, full.pages)
    write_changes(site, again.write, again.delete, 0)
    assert tree(site) == full.preview.files  # written in place, the preview is the full site, nothing left over


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
