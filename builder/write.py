"""Write a whole site at once: every path checked, nothing written twice, the old site kept until the new one is whole."""

from __future__ import annotations

import os
import shutil
from pathlib import Path, PurePosixPath


class OutputError(Exception):
    """An output path is unsafe or claimed twice."""


def safe_relative(path: str) -> PurePosixPath:
    """Accept only a plain relative path that stays inside the output folder."""
    if not path or "\\" in path or "\x00" in path or path.startswith("/"):
        raise OutputError(f"unsafe output path {path!r}")
    # Check the raw segments: PurePosixPath would quietly fold 'a//b' and 'a/./b' into 'a/b'.
    if any(part in ("", ".", "..") for part in path.split("/")):
        raise OutputError(f"unsafe output path {path!r}")
    return PurePosixPath(path)


class SiteFiles:
    """The site's files in memory, keyed by their path inside the output folder."""

    def __init__(self):
        self.files: dict[str, bytes] = {}

    def add(self, path: str, data: bytes) -> None:
        key = str(safe_relative(path))
        if key in self.files:
            raise OutputError(f"two pages would be written to {key}")
        self.files[key] = data

    @classmethod
    def of(cls, files: dict[str, bytes]) -> "SiteFiles":
        made = cls()
        for path, data in files.items():
            made.add(path, data)
        return made

    def __len__(self) -> int:
        return len(self.files)


def _write_tree(files: SiteFiles, folder: Path, mtime: float) -> None:
    # The folder is new and only this function writes into it, so no link can stand in it: with every
    # path already checked segment by segment (safe_relative), joining cannot leave it.
    folder.mkdir(parents=True)
    made: set[Path] = {folder}
    for rel in sorted(files.files):
        target = folder.joinpath(*PurePosixPath(rel).parts)
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_bytes(files.files[rel])
        os.utime(target, (mtime, mtime))


def write_site(files: SiteFiles, site_dir: Path, mtime: float) -> None:
    """Build the new site beside the old one, then swap it in; on any failure the old site stays."""
    site_dir = site_dir.absolute()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = site_dir.with_name(f".{site_dir.name}.new-{os.getpid()}")
    retired = site_dir.with_name(f".{site_dir.name}.old-{os.getpid()}")
    for leftover in (staging, retired):
        shutil.rmtree(leftover, ignore_errors=True)
    try:
        _write_tree(files, staging, mtime)
        if site_dir.exists():
            site_dir.rename(retired)
        try:
            staging.rename(site_dir)
        except OSError:
            if retired.exists():
                retired.rename(site_dir)
            raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(retired, ignore_errors=True)


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
