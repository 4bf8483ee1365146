"""site-root/: the files a publisher keeps at the site's root survive every build; and the corpus's
top-level folders are never links out of it."""

from __future__ import annotations

import os
import shutil

import pytest

from conftest import errors_of, tree

KEPT = {
    "CNAME": b"briefing.example.org\n",
    ".nojekyll": b"",
    "robots.txt": b"User-agent: *\nAllow: /\n",
    "google0123456789abcdef.html": b"google-site-verification: google0123456789abcdef.html",
    ".well-known/security.txt": b"Contact: mailto:editors@example.org\n",
}


def test_the_publishers_root_files_are_in_every_build(run, make_corpus, tmp_path):
    make_corpus({f"site-root/{rel}": data for rel, data in KEPT.items()})
    for _ in range(2):  # a second build replaces the site whole, and they are there again
        code, _, err = run("build", "--no-search")
        assert code == 0, err
        site = tree(tmp_path / "site")
        assert {rel: site[rel] for rel in KEPT} == KEPT
    (tmp_path / "content" / "site-root" / "robots.txt").unlink()
    assert run("build", "--no-search")[0] == 0
    assert not (tmp_path / "site" / "robots.txt").exists()


@pytest.mark.parametrize("rel", ["index.html", "version.json", "assets/site.css"])
def test_a_root_file_that_would_replace_a_generated_one_is_refused_and_the_old_site_kept(run, make_corpus, tmp_path, rel):
    make_corpus()
    assert run("build", "--no-search")[0] == 0
    old, corpus = tree(tmp_path / "site"), tree(tmp_path / "content")
    target = tmp_path / "content" / "site-root" / rel
    target.parent.mkdir(parents=True)
    target.write_bytes(b"<p>x</p>")
    corpus = tree(tmp_path / "content")
    code, _, err = run("build", "--no-search")
    assert code == 1
    assert errors_of(err) == [f"content/site-root/{rel}: error: would replace the site's own {rel}"], err
    assert "[site-root-clash]" in err
    assert tree(tmp_path / "site") == old and tree(tmp_path / "content") == corpus
    assert sorted(os.listdir(tmp_path)) == ["content", "site"]


def test_a_link_in_site_root_is_refused_at_its_path(run, make_corpus, tmp_path):
    make_corpus({"site-root/CNAME": "briefing.example.org\n"})
    (tmp_path / "private.txt").write_text("not for publishing\n")
    os.symlink(tmp_path / "private.txt", tmp_path / "content" / "site-root" / "robots.txt")
    code, _, err = run("build", "--no-search")
    assert code == 1
    assert errors_of(err) == ["content/site-root/robots.txt: error: a symbolic link in site-root/ is not copied"]
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("folder", ["pages", "sources", "bases", "events", "site-root"])
def test_a_top_level_folder_linked_out_of_the_corpus_is_refused_and_not_read(run, make_corpus, tmp_path, folder):
    content = make_corpus({"pages/about.md": "# عن الموجز\n\nنص الصفحة.\n"})
    assert run("build", "--no-search")[0] == 0
    old = tree(tmp_path / "site")
    outside = tmp_path / "elsewhere"
    if folder == "site-root":
        outside.mkdir()
        (outside / "secret.txt").write_text("سري\n", encoding="utf-8")
    else:
        shutil.move(content / folder, outside)
    os.symlink(outside, content / folder)
    corpus = tree(content)
    code, _, err = run("build", "--no-search")
    assert code == 1
    lines = errors_of(err)
    assert f"content/{folder}: error: '{folder}/' is a symbolic link to a folder outside the corpus" in lines, err
    assert "[symlink]" in err and "secret" not in err
    assert tree(tmp_path / "site") == old and tree(content) == corpus


def test_a_top_level_folder_linked_inside_the_corpus_is_read(run, make_corpus, tmp_path):
    content = make_corpus({"pages/about.md": "# عن الموجز\n\nنص الصفحة.\n"})
    (content / "pages").rename(content / ".pages-real")
    os.symlink(content / ".pages-real", content / "pages")
    code, _, err = run("build", "--no-search")
    assert code == 0, err
    assert "نص الصفحة" in (tmp_path / "site" / "about" / "index.html").read_text(encoding="utf-8")
