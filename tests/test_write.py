"""Output paths never escape the site folder, nothing is written twice, and the swap keeps the old site."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.common.diagnostics import BriefingError
from builder.rendering.site_files import SiteFiles, safe_relative
from builder.writing.guard import MARKER, MARKER_TEXT
from builder.writing.site import write_site


@pytest.mark.parametrize("bad", ["", "/etc/passwd", "../x", "a/../../x", "a//b", "a/./b", "a\\b", "a\x00b", "."])
def test_unsafe_paths_refused(bad):
    with pytest.raises(BriefingError):
        safe_relative(bad)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab./\\\x00", min_size=1, max_size=12))
def test_accepted_paths_stay_inside(path):
    try:
        rel = safe_relative(path)
    except BriefingError:
        return
    root = Path("/srv/site")
    assert (root / rel).resolve().is_relative_to(root)


def test_same_path_twice_is_refused():
    files = SiteFiles()
    files.add("events/x/index.html", b"a")
    with pytest.raises(BriefingError, match="two pages would be written to events/x/index.html"):
        files.add("events/x/index.html", b"b")


def test_swap_replaces_old_site_whole(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "stale.html").write_text("old")
    (site / MARKER).write_bytes(MARKER_TEXT)  # an earlier build made it
    files = SiteFiles()
    files.add("index.html", b"new")
    write_site(files, site, 0)
    assert sorted(p.name for p in site.iterdir()) == [MARKER, "index.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_failure_while_writing_keeps_old_site(tmp_path, monkeypatch):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("old")
    (site / MARKER).write_bytes(MARKER_TEXT)
    files = SiteFiles()
    files.add("a.html", b"1")
    files.add("b.html", b"2")
    real = Path.write_bytes

    def disk_full(self, data):
        if self.name == "b.html":
            raise OSError(28, "No space left on device")
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", disk_full)
    with pytest.raises(BriefingError, match=r"site/b.html: error: cannot be written: No space left on device \[write-failed\]"):
        write_site(files, site, 0)
    assert sorted(p.name for p in site.iterdir()) == [MARKER, "index.html"] and (site / "index.html").read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_build_hands_every_page_to_the_disk_before_waiting_for_the_search_index(tmp_path, monkeypatch):
    """Writing a large site's pages takes a while; they go to the staging folder while Pagefind indexes."""
    from builder.pipeline import build as pipeline
    from builder.rendering import search
    from builder.pipeline.settings import Settings

    handed, seen_at_finish = [], []
    real_add, real_finish = pipeline.Staging.add, search.Indexer.finish
    monkeypatch.setattr(pipeline.Staging, "add", lambda self, rel, data: (handed.append(rel), real_add(self, rel, data)))
    monkeypatch.setattr(search.Indexer, "finish", lambda self: (seen_at_finish.extend(handed), real_finish(self))[1])
    content = Path(__file__).resolve().parent.parent / "content"
    files, _ = pipeline.build(content, tmp_path / "site", Settings(pdf=False))
    pages = {p for p in files.files if p.endswith(".html")}
    assert pages and pages <= set(seen_at_finish)
    assert sorted(handed) == sorted(files.files)  # and each file once (Staging queues its marker itself)
    assert {p.relative_to(tmp_path / "site").as_posix() for p in (tmp_path / "site").rglob("*") if p.is_file()} == {*files.files, MARKER}
    assert not list(tmp_path.glob(".site*"))
