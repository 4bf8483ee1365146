"""Find each cited quote in its source, ignoring only differences a reader would not see as different text."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import lru_cache

from .arabic import Folded, fold, fold_text


@dataclass(frozen=True)
class Match:
    """Where a quote stands in the original source text, as [start, end) offsets."""

    start: int
    end: int


class SourceText:
    """A source's text folded once, so every quote citing it is matched against the same index."""

    def __init__(self, text: str):
        self.text = text
        self.folded: Folded = fold(text)

    def find(self, quote: str) -> Match | None:
        """The first place the quote occurs, or None."""
        needle = fold_text(quote)
        if not needle:
            return None
        at = self.folded.text.find(needle)
        if at < 0:
            return None
        start, end = self.folded.span(at, at + len(needle))
        return Match(start, end)

    def closest(self, quote: str) -> str:
        """The passage of the source most like the quote, to show the editor what differs."""
        return _closest(self.folded.text, fold_text(quote))


@lru_cache(maxsize=256)
def _closest(haystack: str, needle: str) -> str:
    if not needle or not haystack:
        return ""
    words = haystack.split(" ")
    width = max(1, len(needle.split(" ")))
    best, best_score = "", -1.0
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(needle)
    for i in range(max(1, len(words) - width + 1)):
        window = " ".join(words[i:i + width])
        matcher.set_seq1(window)
        if matcher.real_quick_ratio() <= best_score or matcher.quick_ratio() <= best_score:
            continue
        score = matcher.ratio()
        if score > best_score:
            best, best_score = window, score
    return best
