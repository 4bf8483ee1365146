"""The built site in memory: each file under a checked relative path, no path claimed twice."""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Callable

from builder.common.diagnostics import BriefingError


def safe_relative(path: str) -> PurePosixPath:
    """Accept only a plain relative path that stays inside the output folder."""
    if not path or "\\" in path or "\x00" in path or path.startswith("/"):
        raise _unsafe(path)
    # Check the raw segments: PurePosixPath would quietly fold 'a//b' and 'a/./b' into 'a/b'.
    if any(part in ("", ".", "..") for part in path.split("/")):
        raise _unsafe(path)
    return PurePosixPath(path)


def _unsafe(path: str) -> BriefingError:
    return BriefingError.anywhere("output-path", f"unsafe output path {path!r}",
                                  "a builder bug: the corpus's ids are checked before any path is made; please report it")


class SiteFiles:
    """The site's files in memory, keyed by their path inside the output folder; `sink`, when given,
    is handed each file as it is added (a Staging writing the site while the build goes on)."""

    def __init__(self, sink: Callable[[str, bytes], None] | None = None):
        self.files: dict[str, bytes] = {}
        self.sink = sink

    def add(self, path: str, data: bytes) -> None:
        """Add a file at a path inside the site; OutputError for an unsafe path or one already taken."""
        key = str(safe_relative(path))
        if key in self.files:
            raise BriefingError.anywhere("output-clash", f"two pages would be written to {key}",
                                         "rename one of the pages whose address this is")
        self.files[key] = data
        if self.sink is not None:
            self.sink(key, data)

    @classmethod
    def of(cls, files: dict[str, bytes]) -> "SiteFiles":
        """A SiteFiles holding `files`, each path checked as by `add`."""
        made = cls()
        for path, data in files.items():
            made.add(path, data)
        return made

    def __len__(self) -> int:
        return len(self.files)
