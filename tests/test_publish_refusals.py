"""`briefing publish` refuses an edition id or alias that could break the branch, and a previous edition
it cannot read, with a clear error; the branch and the corpus stay exactly as they were."""

from __future__ import annotations

import contextlib
import subprocess
from pathlib import Path

import pytest

from conftest import errors_of, tree

HINT = "names no file of the branch"


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True).stdout


@pytest.fixture
def repo(run, make_corpus, tmp_path, monkeypatch):
    """A repository whose gh-pages holds one edition (2025-06-15, alias latest) of the small corpus."""
    for key in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{key}_NAME", "t")
        monkeypatch.setenv(f"GIT_{key}_EMAIL", "t@example.org")
    make_corpus({"site-root/CNAME": "briefing.example.org\n"})
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    git(repo, "commit", "-q", "--allow-empty", "-m", "init")
    code, _, err = run("publish", "--no-pdf", "--repo", "repo", "--edition", "2025-06-15")
    assert code == 0, err
    return repo


def _branch(repo: Path) -> tuple[str, str]:
    return git(repo, "rev-parse", "gh-pages"), git(repo, "ls-tree", "-r", "gh-pages")


def test_the_publishers_root_files_go_to_the_branch_root(repo):
    assert git(repo, "show", "gh-pages:CNAME") == "briefing.example.org\n"
    assert git(repo, "show", "gh-pages:2025-06-15/CNAME") == "briefing.example.org\n"


@pytest.mark.parametrize(("args", "message"), [
    (("--edition", "versions.json"), "--edition 'versions.json' names a file of the branch's root"),
    (("--edition", "index.html"), "--edition 'index.html' names a file of the branch's root"),
    (("--edition", "2025-07-01", "--alias", ".git"), "--alias '.git' does not follow the pattern"),
    (("--edition", "2025-07-01", "--alias", "../x"), "--alias '../x' does not follow the pattern"),
    (("--edition", "2025-07-01", "--alias", "CNAME"), "--alias 'CNAME' names a file of the branch's root"),
    (("--edition", "latest"), "--edition 'latest' is already an alias on gh-pages"),
    (("--edition", "2025-07-01", "--alias", "2025-06-15"), "--alias '2025-06-15' is already an edition on gh-pages"),
])
def test_an_edition_id_or_alias_that_could_break_the_branch_is_refused(run, repo, tmp_path, args, message):
    before, corpus = _branch(repo), tree(tmp_path / "content")
    code, _, err = run("publish", "--no-pdf", "--repo", "repo", *args)
    assert code == 1
    assert f"error: {message} [edition-id]" in err.splitlines(), err
    assert HINT in err and "nothing was published." in err
    assert _branch(repo) == before and tree(tmp_path / "content") == corpus


def test_a_broken_previous_edition_is_named_with_its_branch(run, repo, tmp_path):
    from mike import git_utils

    with contextlib.chdir(repo), git_utils.Commit("gh-pages", "break it") as commit:
        commit.add_file(git_utils.FileInfo("2025-06-15/events.json", "[{\"id\": "))
    before, corpus = _branch(repo), tree(tmp_path / "content")
    code, _, err = run("publish", "--no-pdf", "--repo", "repo", "--edition", "2025-07-01")
    assert code == 1
    (line,) = errors_of(err)
    assert line.startswith("gh-pages:2025-06-15: error: the previous edition's data cannot be read: JSONDecodeError"), err
    assert "[edition-broken]" in err and "mike delete 2025-06-15" in err
    assert _branch(repo) == before and tree(tmp_path / "content") == corpus


def test_publish_strict_publishes_nothing_while_a_warning_stands(run, repo, tmp_path):
    """`publish --strict`, as a publishing CI runs it: a place outside Syria (or site_url unset) is a
    warning, which fails it before the branch is touched; without --strict it publishes and prints it."""
    place = tmp_path / "content/bases/qasrak.yaml"
    place.write_text(place.read_text(encoding="utf-8").replace("lat: 36.62, lon: 40.73", "lat: 40.73, lon: 36.62"),
                     encoding="utf-8")
    before = _branch(repo)
    code, _, err = run("publish", "--no-pdf", "--repo", "repo", "--edition", "2025-07-01", "--strict")
    assert code == 1 and "warning: lat: 40.73, lon: 36.62 is 434 km outside Syria [location-outside]" in err, err
    assert err.splitlines()[-1] == "0 errors, 2 warnings; warnings fail under --strict; nothing was written."
    assert _branch(repo) == before
    code, out, err = run("publish", "--no-pdf", "--repo", "repo", "--edition", "2025-07-01")
    assert code == 0 and out.rstrip().endswith("; 2 warnings") and "[location-outside]" in err, (out, err)
    assert _branch(repo) != before
