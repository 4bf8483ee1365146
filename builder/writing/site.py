"""Write a whole site at once: every path checked, nothing written twice, the old site kept until the new one is whole."""

from __future__ import annotations

import os
import queue
import shutil
import threading
from pathlib import Path, PurePosixPath
from typing import Callable

from builder.rendering.site_files import SiteFiles, safe_relative


class Staging:
    """A new site written file by file beside the old one while the build goes on, then swapped in whole.

    A thread does the writing (the disk's system calls let the build's own thread run meanwhile), so
    the pages are on disk by the time Pagefind has finished indexing rather than written after it.
    `commit` waits for the last file and swaps the folders; `discard`, or a failure anywhere before
    the swap, removes the new folder and leaves the old site as it was. As a context manager it
    commits when the block succeeds and discards when it raises."""

    def __init__(self, site_dir: Path, mtime: float):
        self.site_dir = site_dir.absolute()
        self.site_dir.parent.mkdir(parents=True, exist_ok=True)
        self.folder = self.site_dir.with_name(f".{self.site_dir.name}.new-{os.getpid()}")
        self.retired = self.site_dir.with_name(f".{self.site_dir.name}.old-{os.getpid()}")
        for leftover in (self.folder, self.retired):
            shutil.rmtree(leftover, ignore_errors=True)
        # The folder is new and only this writer writes into it, so no link can stand in it: with every
        # path already checked segment by segment (safe_relative), joining cannot leave it.
        self.folder.mkdir(parents=True)
        self.mtime = mtime
        self._made: set[Path] = {self.folder}
        self._queue: queue.SimpleQueue[tuple[str, bytes] | None] = queue.SimpleQueue()
        self._failed: BaseException | None = None
        self._writer = threading.Thread(target=self._write_all, name="site-writer", daemon=True)
        self._writer.start()

    def add(self, rel: str, data: bytes) -> None:
        """Queue one file, at a path SiteFiles.add has checked."""
        self._queue.put((rel, data))

    def _write_all(self) -> None:
        while (item := self._queue.get()) is not None:
            if self._failed is None:
                try:
                    self._write(*item)
                except BaseException as exc:  # raised again by commit, in the build's own thread
                    self._failed = exc

    def _write(self, rel: str, data: bytes) -> None:
        target = self.folder.joinpath(*PurePosixPath(rel).parts)
        if target.parent not in self._made:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._made.add(target.parent)
        target.write_bytes(data)
        os.utime(target, (self.mtime, self.mtime))

    def _stop(self) -> None:
        if self._writer.is_alive():
            self._queue.put(None)
            self._writer.join()

    def commit(self) -> None:
        """Wait for every file, then put the new site in the old one's place."""
        try:
            self._stop()
            if self._failed is not None:
                raise self._failed
            if self.site_dir.exists():
                self.site_dir.rename(self.retired)
            try:
                self.folder.rename(self.site_dir)
            except OSError:
                if self.retired.exists():
                    self.retired.rename(self.site_dir)
                raise
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)
            shutil.rmtree(self.retired, ignore_errors=True)

    def discard(self) -> None:
        """Drop the new site; the old one stays."""
        self._stop()
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> "Staging":
        return self

    def __exit__(self, kind, error, trace) -> None:
        if kind is None:
            self.commit()
        else:
            self.discard()


def write_site(files: SiteFiles, site_dir: Path, mtime: float) -> None:
    """Build the new site beside the old one, then swap it in; on any failure the old site stays."""
    with Staging(site_dir, mtime) as staging:
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
