"""What a process remembers about one corpus between its builds, held by one object the host makes.

A preview checks and renders the same corpus again after every edit; what it read, hashed, listed,
compiled and encoded the last time is kept here, and only here, so that

- two corpora in one process never share any of it (each host makes one `Memory` per corpus),
- a test starts from nothing by making a new one (or by letting `check` make it),
- nothing the builder remembers hides in a module's globals.

The parts: the parsed records and the files' fingerprints and listings (`reading.loading.ReadingMemory`,
whose record cache keeps the identity rule of `reading/cache.py`), the compiled templates
(`rendering.render.CompiledTemplates`) and each record's line of the downloads
(`writing.downloads.DownloadLines`).

What stays at module level is pure and bounded: memos of functions of a string alone (folding Arabic
for matching, isolating bidi runs, counted nouns), which give the same answer whichever corpus asks.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from builder.reading.loading import ReadingMemory
from builder.rendering.render import CompiledTemplates
from builder.writing.downloads import DownloadLines


@dataclass
class Memory:
    """One corpus's memory in this process: see the module's docstring."""

    reading: ReadingMemory
    templates: CompiledTemplates = field(default_factory=CompiledTemplates)
    downloads: DownloadLines = field(default_factory=DownloadLines)

    @classmethod
    def open(cls) -> Memory:
        """A new memory, with the on-disk record cache of this version of the builder (BRIEFING_CACHE)."""
        return cls(ReadingMemory.open())
