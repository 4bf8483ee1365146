"""A cache of parsed records, keyed by the bytes they were parsed from, so an unchanged file is
never parsed twice: not within a preview, and not across `check` and `build` runs.

The identity rule: within one `RecordCache`, an unchanged event, place or source file comes back as
the very same record object, check after check, because `get` returns the object it holds rather than a copy. Code that
compares two corpora read through the same cache may therefore settle most records with `is` before
falling back to `==` (checking.validate, indexing.index.update_index, planning.kinds.Edit and the
download lines of writing.downloads do), and tests/test_cache.py holds the rule. A record is frozen,
so sharing it is safe; two `RecordCache` objects never share records.

An entry's key is the file's displayed path and a hash of its bytes (and, for a source, of its text
too); the cache folder's name carries a hash of the builder's reading code, so a new version of the
rules never reuses records the old one made. What a file's reading reported is cached with it and
reported again, so a cached run says exactly what a fresh one would.

The folder is $BRIEFING_CACHE, else $XDG_CACHE_HOME/briefing, else ~/.cache/briefing;
BRIEFING_CACHE=off keeps the cache in memory only (nothing is written; each process starts afresh).
The caches of other versions of the builder are removed once no run has saved to them for
STALE_DAYS, so upgrading does not leave a corpus's worth of records behind each time.

Made documents (the PDF briefs) are kept beside the records, one file each under `documents/`
(`Documents`), so that reading records never loads them; one no build has used for STALE_DAYS goes.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import stat
import struct
import tempfile
import time
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from builder.common.diagnostics import Diagnostic

# Every package whose results the cache keeps: the path from bytes to records, and the quote
# matcher (checking/), whose matches are cached too. A change to any module in them may change
# what is cached, so it changes the cache's key.
_READERS = ("common", "arabic", "prose", "reading", "checking")


@lru_cache(maxsize=1)
def code_version() -> str:
    """A hash (16 hex digits) of the modules whose results the cache keeps (records and quote matches)."""
    builder = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for package in _READERS:
        for module in sorted((builder / package).glob("*.py")):
            digest.update(module.name.encode() + b"\0" + module.read_bytes())
    return digest.hexdigest()[:16]


def folder() -> Path | None:
    """Where caches live: $BRIEFING_CACHE, else $XDG_CACHE_HOME/briefing, else ~/.cache/briefing;
    None when BRIEFING_CACHE is 'off' (memory only)."""
    setting = os.environ.get("BRIEFING_CACHE", "")
    if setting == "off":
        return None
    if setting:
        return Path(setting)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "briefing"


def key(*parts: bytes | str) -> bytes:
    """A short hash of the parts, each told apart from the next by the lengths hashed before them."""
    data = [part.encode("utf-8") if isinstance(part, str) else part for part in parts]
    lengths = struct.pack(f"<{len(data) + 1}Q", len(data), *map(len, data))
    return hashlib.blake2b(b"".join((lengths, *data)), digest_size=20).digest()


Entry = tuple[Any, tuple[Diagnostic, ...]]


SHARDS = 64  # a preview's edit rewrites one shard, not every record of the corpus
STALE_DAYS = 14  # long enough for switching between two versions (branches, checkouts) not to thrash


def shard(k: bytes) -> int:
    """Which of the SHARDS files holds the entry under `k`."""
    return k[0] % SHARDS


class RecordCache:
    """Records by key, loaded from disk when made and saved when something changed.

    On disk the records are spread over SHARDS files by key, so saving after one edited file rewrites
    one shard of the cache, not the whole of it. The host makes one per corpus it checks (`open`) and
    keeps it for as long as it checks that corpus again (a preview)."""

    @classmethod
    def open(cls) -> RecordCache:
        """The cache of this version of the builder, in `folder()` (in memory only when it is off)."""
        base = folder()
        return cls(base / f"records-{code_version()}" if base else None)

    def __init__(self, folder: Path | None):
        self.folder = folder
        self._keys: dict[tuple[bytes | str, ...], bytes] = {}  # key()'s answers: a preview asks for every file's again
        self.entries: dict[bytes, Entry] = {}
        self.used: set[bytes] = set()
        self.changed: set[int] = set()  # shards with a record added since the last save
        self.pruned = False
        if folder is not None and folder.is_dir():
            for path in sorted(folder.glob("*.pickle")):
                try:
                    with path.open("rb") as f:
                        self.entries.update(pickle.load(f))
                except Exception:  # a damaged or foreign shard is only a slower run
                    continue

    def key(self, *parts: bytes | str) -> bytes:
        """key(*parts), remembered for this cache's life."""
        found = self._keys.get(parts)
        if found is None:
            found = self._keys[parts] = key(*parts)
        return found

    def get(self, k: bytes) -> Entry | None:
        """The entry under `k` (the very object put there: see the identity rule above), or None."""
        entry = self.entries.get(k)
        if entry is not None:
            self.used.add(k)
        return entry

    def keep(self, keys: Iterable[bytes]) -> None:
        """Keep these entries, though this run did not need to look them up (a key with no entry is harmless)."""
        self.used.update(keys)

    def put(self, k: bytes, entry: Entry) -> None:
        """Hold `entry` under `k`; it is written at the next `save`."""
        self.entries[k] = entry
        self.used.add(k)
        self.changed.add(shard(k))

    def save(self) -> None:
        """Keep what this run used (so the files never grow without bound), each changed shard atomically."""
        dropped = self.entries.keys() - self.used
        dirty = self.changed | {shard(k) for k in dropped}
        for k in dropped:
            del self.entries[k]
        self.used, self.changed = set(), set()
        if self.folder is None or not dirty:
            return
        shards: dict[int, dict[bytes, Entry]] = {n: {} for n in dirty}
        for k, entry in self.entries.items():
            if (n := shard(k)) in shards:
                shards[n][k] = entry
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            for n, kept in sorted(shards.items()):
                fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".shard-")
                with os.fdopen(fd, "wb") as f:
                    pickle.dump(kept, f, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(tmp, self.folder / f"{n:02d}.pickle")
        except OSError:
            return  # a read-only home or a full disk must not fail a build
        if not self.pruned:
            self.pruned = True
            prune(self.folder, time.time() - STALE_DAYS * 86400)


def prune(current: Path, before: float) -> None:
    """Remove the other versions' caches beside `current` last saved to before `before` (seconds since
    1970). Only the builder's own `records-*` entries are touched, never what a link points to."""
    try:
        siblings = list(os.scandir(current.parent))
    except OSError:
        return
    for entry in siblings:
        if not entry.name.startswith("records-") or entry.name == current.name:
            continue
        try:
            status = entry.stat(follow_symlinks=False)
            if status.st_mtime >= before:
                continue
            if stat.S_ISDIR(status.st_mode):
                shutil.rmtree(entry.path)
            else:
                os.unlink(entry.path)
        except OSError:
            continue  # another process removed it first, or it is not ours to remove


class Documents:
    """Large made files (a brief's PDF) by key, one file each, read only when asked for.

    Each is a pickle of what the maker returned; a file that cannot be read is a miss. Using one
    refreshes its time, and files unused for STALE_DAYS go when the store is next saved."""

    def __init__(self, folder: Path | None):
        self.folder = folder
        self.memory: dict[bytes, Any] = {}  # without a folder (BRIEFING_CACHE=off): this store only
        self.pruned = False

    @classmethod
    def open(cls) -> "Documents":
        """The store beside the record cache ($BRIEFING_CACHE/documents), or one in memory."""
        base = folder()
        return cls(base / "documents" if base else None)

    def _path(self, k: bytes) -> Path:
        return self.folder / f"{k.hex()}.pickle"

    def get(self, k: bytes) -> Any | None:
        """The stored value for key `k`, or None when it is missing, damaged or from another version."""
        if self.folder is None:
            return self.memory.get(k)
        path = self._path(k)
        try:
            with path.open("rb") as f:
                value = pickle.load(f)
            os.utime(path)
        except Exception:  # missing, damaged or foreign: only a slower build
            return None
        return value

    def put(self, k: bytes, value: Any) -> None:
        """Store `value` under key `k`, atomically (written aside, then renamed); a failure only costs speed."""
        if self.folder is None:
            self.memory[k] = value
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".document-")
            with os.fdopen(fd, "wb") as f:
                pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self._path(k))
        except OSError:
            return  # a read-only home or a full disk must not fail a build

    def save(self) -> None:
        """Remove, once a process, the documents no build has used for STALE_DAYS."""
        if self.folder is None or self.pruned:
            return
        self.pruned = True
        before = time.time() - STALE_DAYS * 86400
        try:
            entries = list(os.scandir(self.folder))
        except OSError:
            return
        for entry in entries:
            try:
                if entry.name.endswith(".pickle") and entry.stat(follow_symlinks=False).st_mtime < before:
                    os.unlink(entry.path)
            except OSError:
                continue
