"""What a file's bytes hash to, remembered for as long as the file's status says it is unchanged.

`briefing serve` checks the whole corpus after every edit; hashing 14,000 files again to find the one
that changed was most of that check. A file whose modification time, change time, size and inode are
what they were when it was hashed is not read again in this process. A file changed less than two
seconds before it was hashed is not remembered: two writes within one tick of the file system's clock
could leave the same signature on different bytes (Git's "racily clean" entries).
"""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path
from typing import NamedTuple

SETTLED_NS = 2_000_000_000

Signature = tuple[int, int, int, int]
_SEEN: dict[str, tuple[Signature, bytes]] = {}


class Fingerprint(NamedTuple):  # a tuple: one is made for every file of every check
    digest: bytes  # SHA-256 of the file's bytes
    data: bytes | None  # the bytes, when this call had to read them


def sha256(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def fingerprint(path: Path | str, limit: int | None = None) -> Fingerprint | None:
    """The file's digest, reading it only when its status changed; None when it is over `limit` bytes."""
    name = os.fspath(path)
    st = os.stat(name)
    if limit is not None and st.st_size > limit:
        return None
    signature = (st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino)
    seen = _SEEN.get(name)
    if seen is not None and seen[0] == signature:
        return Fingerprint(seen[1], None)
    with open(name, "rb") as f:
        data = f.read()
    digest = sha256(data)
    if len(data) == st.st_size and time.time_ns() - max(st.st_mtime_ns, st.st_ctime_ns) > SETTLED_NS:
        _SEEN[name] = (signature, digest)
    else:
        _SEEN.pop(name, None)
    return Fingerprint(digest, data)


def contents(path: Path | str, found: Fingerprint) -> tuple[bytes, bytes]:
    """The file's digest and bytes: the fingerprint's, or read now and hashed again (it may have changed since)."""
    if found.data is not None:
        return found.digest, found.data
    with open(path, "rb") as f:
        data = f.read()
    return sha256(data), data
