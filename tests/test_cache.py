"""The record cache: a second run reads what changed and reports exactly what a fresh run would."""

from __future__ import annotations

import os
import pickle
import time

from builder.reading import cache
from builder.reading import fingerprints

from conftest import errors_of

BROKEN_EVENT = """\
    id: 2025-05-broken
    date: {start: 2025-05, precision: month}
    type: convoi
    title: قافلة
    summary: قافلة.
    citations:
      - {source: alarab-2025-05-03, quote: "توجه نحو 300 شاحنة"}
    credibility: 2
    """


def test_a_cached_run_reports_the_same_problems_as_a_fresh_one(make_corpus, run, monkeypatch, tmp_path):
    make_corpus({"events/2025/2025-05-broken.yaml": BROKEN_EVENT})
    first = run("check")
    second = run("check")  # every record and quote now comes from the cache
    monkeypatch.setenv("BRIEFING_CACHE", "off")
    fresh = run("check")
    assert first[0] == second[0] == fresh[0] == 1
    assert errors_of(first[2]) == errors_of(second[2]) == errors_of(fresh[2])
    assert any("'type' is 'convoi'" in e for e in errors_of(second[2]))
    assert any("quote not found" in e for e in errors_of(second[2]))


def test_an_edited_file_is_read_again(make_corpus, run):
    content = make_corpus()
    assert run("check")[0] == 0
    event = content / "events/2025/2025-05-02-convoy.yaml"
    good = event.read_text(encoding="utf-8")
    event.write_text(good.replace("credibility: 2", "credibility: 9"), encoding="utf-8")
    code, _, err = run("check")
    assert code == 1 and "'credibility' is '9'" in err
    event.write_text(good, encoding="utf-8")
    assert run("check")[0] == 0


def test_the_cache_is_a_file_keyed_by_the_reading_code_and_a_damaged_one_is_ignored(make_corpus, run, monkeypatch, tmp_path):
    folder = tmp_path / "cache"
    monkeypatch.setenv("BRIEFING_CACHE", str(folder))
    make_corpus()
    assert run("check")[0] == 0
    [saved] = list(folder.glob("records-*"))
    assert cache.code_version() in saved.name
    shards = sorted(saved.glob("*.pickle"))
    entries = {k: v for shard in shards for k, v in pickle.loads(shard.read_bytes()).items()}
    assert len(entries) >= 4  # a source, two places, an event, and where its quote stands
    for shard in shards:
        shard.write_bytes(b"not a pickle")
    assert run("check")[0] == 0  # the damaged shards were ignored, then written again
    assert {k for shard in shards for k in pickle.loads(shard.read_bytes())} == entries.keys()


def test_caches_of_other_versions_go_once_unused_for_two_weeks(make_corpus, run, monkeypatch, tmp_path):
    folder = tmp_path / "cache"
    monkeypatch.setenv("BRIEFING_CACHE", str(folder))
    month_ago = time.time() - 30 * 86400
    old, recent, older_format = folder / "records-0ld", folder / "records-recent", folder / "records-0ld.pickle"
    other = folder / "notes.txt"  # not the builder's
    for path in (old, recent):
        path.mkdir(parents=True)
        (path / "00.pickle").write_bytes(pickle.dumps({}))
    for path in (older_format, other):
        path.write_bytes(b"x")
    for path in (old / "00.pickle", old, older_format, other):
        os.utime(path, (month_ago, month_ago))
    make_corpus()
    assert run("check")[0] == 0
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [f"records-{cache.code_version()}", "records-recent", "notes.txt"])


def test_off_writes_no_cache(make_corpus, run, monkeypatch, tmp_path):
    monkeypatch.setenv("BRIEFING_CACHE", "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    make_corpus()
    assert run("check")[0] == 0
    assert not (tmp_path / "xdg").exists()


def test_an_unchanged_file_is_not_read_again_but_a_changed_one_is(tmp_path, monkeypatch):
    files = fingerprints.Fingerprints()
    monkeypatch.setattr(fingerprints, "SETTLED_NS", -1)  # as if every file were written long ago
    path = tmp_path / "event.yaml"
    path.write_bytes(b"title: one\n")
    first = files.fingerprint(path)
    again = files.fingerprint(path)
    assert first.data == b"title: one\n" and again.data is None and again.digest == first.digest
    path.write_bytes(b"title: three\n")
    changed = files.fingerprint(path)
    assert changed.data == b"title: three\n" and changed.digest != first.digest


def test_a_file_written_just_now_is_read_every_time(tmp_path):
    """Two writes within one tick of the file system's clock could leave one signature on two contents."""
    files = fingerprints.Fingerprints()
    path = tmp_path / "event.yaml"
    path.write_bytes(b"credibility: 2\n")
    assert files.fingerprint(path).data is not None
    path.write_bytes(b"credibility: 9\n")  # same size, perhaps the same modification time
    assert files.fingerprint(path).digest == fingerprints.sha256(b"credibility: 9\n")


def test_a_file_over_the_size_limit_is_not_read(tmp_path):
    files = fingerprints.Fingerprints()
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 100)
    assert files.fingerprint(path, limit=99) is None


def test_a_folder_listed_again_shows_every_file_added_removed_or_renamed_since(tmp_path, monkeypatch):
    files = fingerprints.Fingerprints()
    monkeypatch.setattr(fingerprints, "SETTLED_NS", -1)  # as if the folder had been written long ago
    folder = tmp_path / "2025"
    folder.mkdir()
    (folder / "b.yaml").write_bytes(b"id: b\n")
    (folder / ".hidden").write_bytes(b"")

    def names():
        return [entry.name for entry in files.entries(folder)]

    assert names() == ["b.yaml"]
    assert files.entries(folder) is files.entries(folder)  # kept: not listed again
    (folder / "a.yaml").write_bytes(b"id: a\n")
    assert names() == ["a.yaml", "b.yaml"]
    (folder / "b.yaml").rename(folder / "c.yaml")
    assert names() == ["a.yaml", "c.yaml"]
    (folder / "a.yaml").unlink()
    assert names() == ["c.yaml"]
    assert files.entries(tmp_path / "missing") == () and files.entries(folder / "c.yaml") == ()


def test_a_folder_with_a_symbolic_link_is_listed_every_time(tmp_path, monkeypatch):
    """Where a link leads can change while its folder does not: its listing is never kept."""
    files = fingerprints.Fingerprints()
    monkeypatch.setattr(fingerprints, "SETTLED_NS", -1)
    folder = tmp_path / "sources"
    folder.mkdir()
    (folder / "link.txt").symlink_to(tmp_path / "elsewhere.txt")
    first = files.entries(folder)
    assert [e.name for e in first] == ["link.txt"] and files.entries(folder) is not first


def test_the_cache_key_covers_every_package_whose_results_it_keeps():
    """Records come from reading/ (through arabic/, prose/, common/); quote matches from checking/.
    A change to any of them must change the key, or a cached result would outlive its code."""
    from builder.checking import quotes
    from builder.reading import loading, records
    for module in (quotes, loading, records):
        assert module.__name__.split(".")[1] in cache._READERS
