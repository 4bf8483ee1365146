"""Editions: published side by side into a git branch with mike, each saying what changed since the last."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from builder.indexing.changes import Published, compare
from conftest import FIXTURES, errors_of, tree

REPO = Path(__file__).resolve().parent.parent
CONVOY = "events/2025/2025-05-02-convoys-leave-conoco.yaml"
MENTION = "events/2025/2025-04-qasrak-mentioned.yaml"


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True).stdout


def briefing(*args: str, epoch: str, cwd: Path) -> subprocess.CompletedProcess:
    # The suite's record cache, so the child never writes one under HOME (here the working folder).
    env = {"PATH": "/usr/bin:/bin", "SOURCE_DATE_EPOCH": epoch, "HOME": str(cwd),
           "BRIEFING_CACHE": os.environ["BRIEFING_CACHE"],
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    return subprocess.run([sys.executable, "-m", "builder.hosts.cli", *args], capture_output=True, text=True, env=env, cwd=cwd)


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """Two editions of the minimal corpus in a scratch repository with no remote."""
    root = tmp_path_factory.mktemp("editions")
    repo = root / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "--allow-empty", "-m", "init")
    first = root / "first"
    shutil.copytree(FIXTURES / "minimal", first)
    second = root / "second"
    shutil.copytree(FIXTURES / "minimal", second)
    convoy = (second / CONVOY).read_text(encoding="utf-8")
    (second / CONVOY).write_text(convoy.replace('credibility: "2"', 'credibility: "1"')
                                 .replace("{id: qasrak, effect: reinforced}", "{id: qasrak, effect: withdrawn}"), encoding="utf-8")
    mention = (second / MENTION).read_text(encoding="utf-8")
    (second / MENTION).unlink()
    (second / "events/2025/2025-04-qasrak-bases.yaml").write_text(
        mention.replace("id: 2025-04-qasrak-mentioned", "id: 2025-04-qasrak-bases") + "replaces: [2025-04-qasrak-mentioned]\n",
        encoding="utf-8")
    for corpus, edition, epoch in ((first, "2025-06-15", "1750000000"), (second, "2025-10-09", "1760000000")):
        result = briefing("publish", "--no-pdf", "--content", str(corpus), "--repo", str(repo),
                          "--edition", edition, epoch=epoch, cwd=REPO)
        assert result.returncode == 0, result.stderr
    return repo


def test_versions_json_in_mikes_format_with_latest_alias(published):
    versions = json.loads(git(published, "show", "gh-pages:versions.json"))
    assert versions == [{"version": "2025-10-09", "title": "2025-10-09", "aliases": ["latest"]},
                        {"version": "2025-06-15", "title": "2025-06-15", "aliases": []}]


def test_root_redirects_to_latest_and_both_editions_stay(published):
    assert 'href="latest/"' in git(published, "show", "gh-pages:index.html")
    listing = git(published, "ls-tree", "--name-only", "gh-pages").split()
    assert {"2025-06-15", "2025-10-09", "latest", "versions.json"} <= set(listing)
    assert "2025-06-15" in git(published, "show", "gh-pages:2025-06-15/version.json")


def test_changelog_is_computed_from_the_previous_editions_data(published):
    page = git(published, "show", "gh-pages:2025-10-09/changes/index.html")
    assert "والطبعة السابقة (<bdi dir=\"ltr\">2025-06-15</bdi>)" in page
    assert "المواقع، درجة المصداقية" in page  # the convoy changed its places and its credibility
    assert '<bdi dir="ltr">2025-04-qasrak-mentioned</bdi> ← <a href="../events/2025-04-qasrak-bases/">' in page
    assert '<a href="../bases/qasrak/">قسرك</a>: معزَّز ← أُخلي' in page
    assert "أحداث حُذفت" not in page  # a rename is not a deletion
    # …and shows what each field was and now is, not only its name.
    assert "<dt>درجة المصداقية</dt>\n    <dd><del>صحيحة على الأرجح <bdi dir=\"ltr\">(2)</bdi></del></dd>\n    <dd><ins>مؤكَّدة من مصادر مستقلة <bdi dir=\"ltr\">(1)</bdi></ins></dd>" in page
    assert "<del>حقل كونيكو: قُلِّص، قسرك: عُزِّز</del>" in page and "<ins>حقل كونيكو: قُلِّص، قسرك: انسحبت القوات منه</ins>" in page


def test_every_event_history_survives_from_edition_to_edition(published):
    """events-history.json: an event keeps the edition it first appeared in; a changed one is updated."""
    first = {r["id"]: r for r in json.loads(git(published, "show", "gh-pages:2025-06-15/events-history.json"))}
    second = {r["id"]: r for r in json.loads(git(published, "show", "gh-pages:2025-10-09/events-history.json"))}
    assert {(r["published"], r["updated"]) for r in first.values()} == {("2025-06-15T15:06:40Z", "2025-06-15T15:06:40Z")}
    convoy = second["2025-05-02-convoys-leave-conoco"]
    assert (convoy["published"], convoy["updated"]) == ("2025-06-15T15:06:40Z", "2025-10-09T08:53:20Z")
    assert second["2025-04-qasrak-bases"]["published"] == "2025-06-15T15:06:40Z"  # renamed, not new


def test_renamed_event_keeps_its_old_address(published):
    old = git(published, "show", "gh-pages:2025-10-09/events/2025-04-qasrak-mentioned/index.html")
    assert '<meta http-equiv="refresh" content="0; url=../../events/2025-04-qasrak-bases/">' in old


def test_every_page_names_its_edition(published):
    page = git(published, "show", "gh-pages:2025-06-15/bases/qasrak/index.html")
    assert 'data-edition="2025-06-15"' in page and 'الطبعة <bdi dir="ltr">2025-06-15</bdi>' in page


def test_compare_reports_additions_removals_and_new_sources():
    before = Published("a", {"e1": {"id": "e1", "title": "أ"}}, {}, {"s1": {"id": "s1"}})
    after = Published("b", {"e2": {"id": "e2", "title": "ب"}}, {}, {"s1": {"id": "s1"}, "s2": {"id": "s2"}})
    changes = compare(before, after)
    assert (changes.added, changes.removed, changes.new_sources) == (("e2",), ("e1",), ("s2",))
    assert changes.removed_titles == {"e1": "أ"}


def test_same_commit_built_twice_in_different_places_and_times_is_identical(tmp_path):
    for name in ("one", "two"):
        shutil.copytree(FIXTURES / "minimal", tmp_path / name / "content")
        result = briefing("build", "--content", "content", "--site-dir", "site", epoch="1750000000", cwd=tmp_path / name)
        assert result.returncode == 0, result.stderr
    assert tree(tmp_path / "one/site") == tree(tmp_path / "two/site")


def test_replacing_an_id_that_still_exists_is_refused(run, make_corpus):
    from conftest import SOURCE_ID
    make_corpus({"events/2025/2025-05-03-other.yaml": f"""\
        id: 2025-05-03-other
        date: {{start: 2025-05-03, precision: day}}
        type: statement
        title: آخر
        summary: ملخص.
        citations: [{{source: {SOURCE_ID}, quote: "توجه نحو 200 شاحنة"}}]
        credibility: 3
        replaces: [2025-05-02-convoy]
        """})
    code, _, err = run("check")
    assert code == 1
    assert errors_of(err) == ["content/events/2025/2025-05-03-other.yaml:8:12: error: '2025-05-02-convoy' is replaced but an event still has that id"]


def test_the_content_digest_from_the_checks_hashes_is_the_one_the_files_give(tmp_path):
    from builder.pipeline.build import check
    from builder.indexing.changes import content_digest

    corpus = tmp_path / "content"
    shutil.copytree(REPO / "content", corpus)
    (corpus / "NOTES.md").write_text("ملاحظات المحررين\n", encoding="utf-8")  # a file the check does not read
    checked = check(corpus)
    read = {p.relative_to(corpus).as_posix() for p in corpus.rglob("*.yaml")}
    assert read <= set(checked.digests)  # the check's hashes stand in for every record file
    before = content_digest(corpus, checked.digests)
    assert before == content_digest(corpus)
    (corpus / "NOTES.md").write_text("ملاحظات أخرى\n", encoding="utf-8")
    after = content_digest(corpus, checked.digests)  # a file the check did not read is hashed as it is now
    assert after != before and after == content_digest(corpus)
