"""Write a whole site at once: every path checked, nothing written twice, the old site kept until the new one is whole."""

from __future__ import annotations

import os
import queue
import shutil
import threading
from pathlib import Path, PurePosixPath
from typing import Iterable

from builder.common.diagnostics import BriefingError
from builder.rendering.site_files import SiteFiles, safe_relative
from builder.writing import swap
from builder.writing.guard import MARKER, MARKER_TEXT, check_replaceable


class Staging:
    """A new site written file by file beside the old one while the build goes on, then swapped in whole.

    A thread does the writing (the disk's system calls let the build's own thread run meanwhile), so
    the pages are on disk by the time Pagefind has finished indexing rather than written after it.
    The thread starts with the first file, not before: a build forks its render workers first, since
    forking while a thread runs may deadlock the child (builder/common/workers.py).
    `commit` waits for the last file and swaps the folders in one step (swap.py); `discard`, or a
    failure anywhere before the swap, removes the new folder and leaves the old site as it was. As a
    context manager it commits when the block succeeds and discards when it raises.

    Before anything is written, the folder is checked (guard.py: only one a build made, or an empty
    or missing one, and never the corpus or the project), and what killed builds left is repaired.
    `protected` are the folders that check keeps safe; `mark` puts the marker file in the new site."""

    def __init__(self, site_dir: Path, mtime: float, protected: Iterable[Path] = (), mark: bool = True):
        self.shown = site_dir
        self.site_dir = Path(os.path.abspath(site_dir))
        swap.repair(self.site_dir)
        check_replaceable(site_dir, protected)
        self.in_place = self.site_dir.is_dir() and os.path.ismount(self.site_dir)
        try:
            self.site_dir.parent.mkdir(parents=True, exist_ok=True)
            if self.in_place:  # a mount point cannot be renamed: stage inside it, on its own file system
                self.folder = self.site_dir / f"{swap.INSIDE}new-{os.getpid()}"
                self.retired = self.site_dir / f"{swap.INSIDE}old-{os.getpid()}"
            else:
                self.folder, self.retired = swap.staging_names(self.site_dir)
            for leftover in (self.folder, self.retired):
                shutil.rmtree(leftover, ignore_errors=True)
            # The folder is new and only this writer writes into it, so no link can stand in it: with every
            # path already checked segment by segment (safe_relative), joining cannot leave it.
            self.folder.mkdir(parents=True)
        except OSError as exc:
            raise self._unwritable(exc) from None
        self.mtime = mtime
        self._made: set[Path] = {self.folder}
        self._queue: queue.SimpleQueue[tuple[str, bytes] | None] = queue.SimpleQueue()
        self._failed: BaseException | None = None
        self._writer: threading.Thread | None = None
        if mark:  # queued now, written once the writer thread starts
            self._queue.put((MARKER, MARKER_TEXT))

    def _unwritable(self, exc: OSError, rel: str = "") -> BriefingError:
        where = self.shown / rel if rel else self.shown
        return BriefingError.at(where, 0, 0, "write-failed", f"cannot be written: {exc.strerror or exc}",
                                "free some space or fix the folder's permissions, then build again",
                                outcome="the previous site was kept as it was.")

    def add(self, rel: str, data: bytes) -> None:
        """Queue one file, at a path SiteFiles.add has checked; the first one starts the writer thread."""
        self._start()
        self._queue.put((rel, data))

    def _start(self) -> None:
        if self._writer is None:
            self._writer = threading.Thread(target=self._write_all, name="site-writer", daemon=True)
            self._writer.start()

    def _write_all(self) -> None:
        while (item := self._queue.get()) is not None:
            if self._failed is None:
                try:
                    self._write(*item)
                except OSError as exc:  # raised again by commit, in the build's own thread
                    self._failed = self._unwritable(exc, item[0])
                except BaseException as exc:
                    self._failed = exc

    def _write(self, rel: str, data: bytes) -> None:
        target = self.folder.joinpath(*PurePosixPath(rel).parts)
        if target.parent not in self._made:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._made.add(target.parent)
        target.write_bytes(data)
        os.utime(target, (self.mtime, self.mtime))

    def _stop(self, write: bool = True) -> None:
        if write:
            self._start()  # what was queued before any file was added (the marker) is written too
        if self._writer is not None and self._writer.is_alive():
            self._queue.put(None)
            self._writer.join()

    def commit(self) -> None:
        """Wait for every file, then put the new site in the old one's place in one step."""
        try:
            self._stop()
            if self._failed is not None:
                raise self._failed
            try:
                if self.in_place:
                    swap.swap_entries(self.folder, self.site_dir, self.retired)
                else:
                    swap.swap_in(self.folder, self.site_dir, self.retired)
            except OSError as exc:
                raise self._unwritable(exc) from None
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)
            shutil.rmtree(self.retired, ignore_errors=True)

    def discard(self) -> None:
        """Drop the new site; the old one stays."""
        self._stop(write=False)
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> "Staging":
        return self

    def __exit__(self, kind, error, trace) -> None:
        if kind is None:
            self.commit()
        else:
            self.discard()


def write_site(files: SiteFiles, site_dir: Path, mtime: float, protected: Iterable[Path] = (), mark: bool = True) -> None:
    """Build the new site beside the old one, then swap it in; on any failure the old site stays.
    `protected` and `mark` are as for Staging."""
    with Staging(site_dir, mtime, protected, mark) as staging:
        for rel in sorted(files.files):
            staging.add(rel, files.files[rel])


def write_changes(site_dir: Path, write: dict[str, bytes], delete: frozenset[str], mtime: float) -> None:
    """Update a preview in place: each changed file replaced whole (never half-written), the gone ones removed."""
    checked = {rel: safe_relative(rel) for rel in (*write, *delete)}
    for rel in sorted(write):
        target = site_dir.joinpath(*checked[rel].parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        scratch = target.with_name(f".{target.name}.new-{os.getpid()}")
        scratch.write_bytes(write[rel])
        os.utime(scratch, (mtime, mtime))
        os.replace(scratch, target)
    for rel in sorted(delete):
        target = site_dir.joinpath(*checked[rel].parts)
        target.unlink(missing_ok=True)
        for folder in target.parents:  # drop the folders left empty, up to the site's own
            if folder == site_dir or any(folder.iterdir()):
                break
            folder.rmdir()
