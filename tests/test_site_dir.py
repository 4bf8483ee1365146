"""The output folder: a build replaces only a folder it made itself (or an empty or missing one), swaps the
new site in one step, and a build killed at any point leaves the old site or the new one, never less."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pytest

from builder.pipeline.build import build
from builder.pipeline.settings import Settings
from builder.writing import swap
from builder.writing.guard import MARKER
from conftest import errors_of, tree


@pytest.fixture
def built(run, make_corpus, tmp_path):
    """A corpus and the site an earlier build made of it; returns (corpus tree, site tree)."""
    content = make_corpus()
    assert run("build", "--no-search")[0] == 0
    return tree(content), tree(tmp_path / "site")


def _refused(run, tmp_path, built, site_dir: str, message: str) -> None:
    corpus, site = built
    code, _, err = run("build", "--no-search", "--site-dir", site_dir)
    assert code == 1, err
    assert errors_of(err) == [f"{site_dir}: error: {message}"], err
    assert "[site-dir]" in err and "hint: " in err and "nothing was written or removed." in err
    assert tree(tmp_path / "content") == corpus
    assert tree(tmp_path / "site") == site


@pytest.mark.parametrize(("site_dir", "message"), [
    ("content", "is content itself: a build replaces its output folder whole, so it would delete content"),
    (".", "is the working directory itself: a build replaces its output folder whole, so it would delete the "
          "working directory"),
    ("..", "contains the working directory: a build replaces its output folder whole, so it would delete the "
           "working directory"),
    ("/", "is the root of the file system"),
    ("content/site", "is inside content, which a build must not write into"),
    ("content/events", "is inside content, which a build must not write into"),
])
def test_the_corpus_the_project_and_the_root_are_refused(run, tmp_path, built, site_dir, message):
    before = sorted(os.listdir(tmp_path))
    _refused(run, tmp_path, built, site_dir, message)
    assert sorted(os.listdir(tmp_path)) == before  # no staging folder beside anything either


def test_a_file_is_refused_and_kept(run, tmp_path, built):
    (tmp_path / "notes.txt").write_text("ملاحظات المحرر\n", encoding="utf-8")
    _refused(run, tmp_path, built, "notes.txt", "is a file, not a folder")
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "ملاحظات المحرر\n"


def test_a_link_is_refused_and_what_it_points_to_kept(run, tmp_path, built):
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "keep.html").write_text("x")
    (tmp_path / "out").symlink_to(tmp_path / "elsewhere")
    _refused(run, tmp_path, built, "out",
             "is a symbolic link; a build replaces the folder itself, not what the link points to")
    assert (tmp_path / "out").is_symlink() and tree(tmp_path / "elsewhere") == {"keep.html": b"x"}


def test_a_folder_of_someone_elses_files_is_refused(run, tmp_path, built):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "draft.md").write_text("مسودة", encoding="utf-8")
    _refused(run, tmp_path, built, "docs",
             f"holds files no build made (no {MARKER} file in it); a build would delete them")
    assert tree(tmp_path / "docs") == {"draft.md": "مسودة".encode()}


def test_an_empty_folder_a_missing_one_and_a_site_of_an_older_builder_are_replaced(run, tmp_path, built):
    (tmp_path / "empty").mkdir()
    assert run("build", "--no-search", "--site-dir", "empty")[0] == 0
    assert run("build", "--no-search", "--site-dir", "new/deeper")[0] == 0
    older = tmp_path / "older"
    shutil.copytree(tmp_path / "site", older)
    (older / MARKER).unlink()  # as built before the marker: version.json says who made it
    assert run("build", "--no-search", "--site-dir", "older")[0] == 0
    assert tree(older) == tree(tmp_path / "empty") == tree(tmp_path / "new/deeper") == built[1]


def test_a_mount_point_is_filled_in_place(run, tmp_path, built, monkeypatch):
    """A container volume cannot be renamed (EBUSY): its entries are exchanged one by one instead."""
    site = tmp_path / "site"
    real_ismount, real_rename = os.path.ismount, os.rename
    monkeypatch.setattr(os.path, "ismount", lambda p: Path(p) == site or real_ismount(p))

    def rename(a, b, **kw):
        if site in (Path(a), Path(b)):
            raise OSError(errno.EBUSY, "Device or resource busy", str(site))
        return real_rename(a, b, **kw)

    monkeypatch.setattr(os, "rename", rename)
    (tmp_path / "content" / "events" / "2025" / "2025-05-02-convoy.yaml").write_text(
        (tmp_path / "content" / "events" / "2025" / "2025-05-02-convoy.yaml").read_text(encoding="utf-8")
        .replace("نحو 200 شاحنة تغادر حقل كونيكو", "شاحنات تغادر حقل كونيكو"), encoding="utf-8")
    code, _, err = run("build", "--no-search")
    assert code == 0, err
    assert "شاحنات تغادر حقل كونيكو" in (site / "index.html").read_text(encoding="utf-8")
    assert not [p for p in os.listdir(site) if p.startswith(swap.INSIDE)]
    assert (site / MARKER).is_file()


def test_a_full_disk_is_an_error_and_the_old_site_stays(run, tmp_path, built, monkeypatch):
    real = Path.write_bytes

    def full(self, data):
        if self.name == "index.html" and self.parent.name.startswith(".site.new-"):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", full)
    code, _, err = run("build", "--no-search")
    assert code == 1
    assert errors_of(err) == ["site/index.html: error: cannot be written: No space left on device"], err
    assert "[write-failed]" in err and "the previous site was kept as it was." in err
    assert tree(tmp_path / "site") == built[1] and tree(tmp_path / "content") == built[0]
    assert sorted(os.listdir(tmp_path)) == ["content", "site"]


# --- fault injection: a build killed at any of its file-system steps --------------------------------------

KILLED = 137
# Every file-system step a build takes: writing a file, making or removing a folder, renaming, exchanging.
STEPS = [(os, "mkdir"), (os, "rename"), (os, "replace"), (os, "utime"), (os, "unlink"), (os, "rmdir"),
         (Path, "write_bytes"), (swap, "exchange")]


def _build_killed_at(content: Path, site: Path, step: int | None, exchange: bool) -> int | tuple[int, int]:
    """Fork; the child builds and dies (as by SIGKILL: no clean-up runs) just before its `step`-th
    file-system step. Returns the child's exit status (0 when it finished), or with step None the
    number of steps a whole build takes and the number of the first step that moves the site."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        try:
            os.close(read)
            count, swapped = [0], []
            if not exchange:
                swap._RENAMEAT2 = None  # as on a system without renameat2: two renames
            for owner, name in STEPS:
                real = getattr(owner, name)

                def counted(*args, _real=real, _name=name, **kwargs):
                    count[0] += 1
                    if _name in ("rename", "exchange") and str(site) in map(str, args):
                        swapped.append(count[0])
                    if count[0] == step:
                        os._exit(KILLED)
                    return _real(*args, **kwargs)

                setattr(owner, name, counted)
            build(content, site, Settings(pdf=False, search=False))
            os.write(write, f"{count[0]} {swapped[0]}".encode())
            os._exit(0)
        finally:
            os._exit(1)
    os.close(write)
    _, status = os.waitpid(pid, 0)
    output = os.read(read, 64)
    os.close(read)
    if step is None:
        assert os.waitstatus_to_exitcode(status) == 0
        steps, swapped = output.split()
        return int(steps), int(swapped)
    return os.waitstatus_to_exitcode(status)


@pytest.mark.parametrize("exchange", [True, False], ids=["renameat2", "two-renames"])
def test_a_build_killed_at_any_step_leaves_the_old_site_or_the_new(tmp_path, make_corpus, monkeypatch, exchange):
    if exchange and swap._RENAMEAT2 is None:
        pytest.skip("no renameat2 on this system")  # the two-renames case covers it
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1750000000")
    content, site = make_corpus(), tmp_path / "site"
    build(content, site, Settings(pdf=False, search=False))
    old = tree(site)
    kept = tmp_path / "kept"
    shutil.copytree(site, kept)
    event = content / "events" / "2025" / "2025-05-02-convoy.yaml"
    event.write_text(event.read_text(encoding="utf-8").replace("نحو 200 شاحنة تغادر", "قافلة تغادر"), encoding="utf-8")
    # Built here first: the children inherit this process's record cache, as each one after a kill will.
    build(content, site, Settings(pdf=False, search=False))
    new = tree(site)
    shutil.rmtree(site)
    shutil.copytree(kept, site)
    steps, swapped = _build_killed_at(content, site, None, exchange)
    assert tree(site) == new
    assert new != old and steps > 40
    # Every step from just before the swap to just after it (before, between and after its renames), the
    # last three (removing the old site); with renameat2, 10 more spread over the rest (reading, staging,
    # writing: the same steps whichever way the swap is done).
    around = {*range(max(1, swapped - 4), min(steps, swapped + 5) + 1), *range(steps - 2, steps + 1)}
    points = sorted(around | set(range(1, steps, steps // 10))) if exchange else sorted(around)
    assert len(points) >= (20 if exchange else 10)
    for point in points:
        shutil.rmtree(site)
        shutil.copytree(kept, site)
        assert _build_killed_at(content, site, point, exchange) == KILLED
        if not exchange:
            swap.repair(site)  # what the next build does first: a site moved aside comes back
        assert tree(site) in (old, new), f"killed at step {point} of {steps}"
        build(content, site, Settings(pdf=False, search=False))
        assert tree(site) == new
        assert sorted(os.listdir(tmp_path)) == ["content", "kept", "site"], f"left behind at step {point}"
