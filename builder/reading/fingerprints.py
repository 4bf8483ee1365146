"""What a file's bytes hash to, remembered for as long as the file's status says it is unchanged.

`briefing serve` checks the whole corpus after every edit; hashing every file again to find the one
that changed would be most of that check. A file whose modification time, change time, size and inode are
what they were when it was hashed is not read again in this process. A file changed less than two
seconds before it was hashed is not remembered: two writes within one tick of the file system's clock
could leave the same signature on different bytes (Git's "racily clean" entries).

Folders are listed again on the same terms: a folder's status changes when an entry is added, removed
or renamed in it, so a listing is kept while the folder's signature is what it was.
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
from pathlib import Path
from typing import NamedTuple

SETTLED_NS = 2_000_000_000

Signature = tuple[int, int, int, int]  # modification and change times (ns), size, inode


class Fingerprint(NamedTuple):  # a tuple: one is made for every file of every check
    """A file's SHA-256 digest, with its bytes when they had to be read to take it."""

    digest: bytes  # SHA-256 of the file's bytes
    data: bytes | None  # the bytes, when this call had to read them


def sha256(data: bytes) -> bytes:
    """The SHA-256 digest of `data`, 32 raw bytes."""
    return hashlib.sha256(data).digest()


def contents(path: Path | str, found: Fingerprint) -> tuple[bytes, bytes]:
    """The file's digest and bytes: the fingerprint's, or read now and hashed again (it may have changed since)."""
    if found.data is not None:
        return found.digest, found.data
    with open(path, "rb") as f:
        data = f.read()
    return sha256(data), data


class Fingerprints:
    """The digests of the files and the listings of the folders one corpus's checks have read, with the
    status each had then. The host keeps one per corpus for as long as it keeps checking it (a preview),
    so another corpus, or a test, starts from nothing."""

    def __init__(self) -> None:
        self.seen: dict[str, tuple[Signature, bytes]] = {}  # path -> (signature, SHA-256)
        self.listed: dict[str, tuple[Signature, tuple[os.DirEntry, ...]]] = {}  # folder -> (signature, entries)

    def fingerprint(self, path: Path | str, limit: int | None = None) -> Fingerprint | None:
        """The file's digest, reading it only when its status changed; None when it is over `limit` bytes."""
        name = os.fspath(path)
        seen = self.seen.get(name)
        if seen is None:  # to be read whatever its status: opened once, its status taken from the open file
            found = _read(name, limit)
            if found is None:
                return None
            st, data = found
            signature = (st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino)
        else:
            st = os.stat(name)
            if limit is not None and st.st_size > limit:
                return None
            signature = (st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino)
            if seen[0] == signature:
                return Fingerprint(seen[1], None)
            with open(name, "rb") as f:
                data = f.read()
        digest = sha256(data)
        if len(data) == st.st_size and _settled(st):
            self.seen[name] = (signature, digest)
        else:
            self.seen.pop(name, None)
        return Fingerprint(digest, data)

    def entries(self, folder: Path | str) -> tuple[os.DirEntry, ...]:
        """The folder's entries but hidden ones, by name; () when it is not a folder.

        Listed again only when the folder's status changed. A listing with a symbolic link in it is never
        kept: what the link leads to can change without its folder changing."""
        name = os.fspath(folder)
        try:
            st = os.stat(name)
        except OSError:
            return ()
        if not stat.S_ISDIR(st.st_mode):
            return ()
        signature = (st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino)
        seen = self.listed.get(name)
        if seen is not None and seen[0] == signature:
            return seen[1]
        with os.scandir(name) as found:
            listed = tuple(sorted((e for e in found if not e.name.startswith(".")), key=lambda e: e.name))
        if _settled(st) and not any(e.is_symlink() for e in listed):
            self.listed[name] = (signature, listed)
        else:
            self.listed.pop(name, None)
        return listed


def _read(name: str, limit: int | None) -> tuple[os.stat_result, bytes] | None:
    """The file's status and all its bytes, through one descriptor and without Python's file objects
    (a cold check reads every file of the corpus); None when it is over `limit` bytes."""
    fd = os.open(name, os.O_RDONLY)
    try:
        st = os.fstat(fd)
        if limit is not None and st.st_size > limit:
            return None
        data = os.read(fd, st.st_size + 1)
        if len(data) != st.st_size:  # it changed meanwhile (or a short read): the rest, to its end
            parts = [data]
            while part := os.read(fd, 1 << 20):
                parts.append(part)
            data = b"".join(parts)
    finally:
        os.close(fd)
    return st, data


def _settled(st: os.stat_result) -> bool:
    return time.time_ns() - max(st.st_mtime_ns, st.st_ctime_ns) > SETTLED_NS
