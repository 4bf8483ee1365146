"""Find each cited quote in its source, ignoring only differences a reader would not see as different text."""

from __future__ import annotations

import bisect
import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from builder.arabic.normalise import IGNORABLE, PERSIAN, QUOTE_MARKS, Folded, fold, fold_text, visible


@dataclass(frozen=True)
class Match:
    """Where a quote stands in the original source text, as [start, end) offsets."""

    start: int
    end: int


_STRIP = re.compile("[" + IGNORABLE + "]+")  # runs: a vowelled text has thousands of marks, one match per run
_RUNS = re.compile(" {2,}")
# Quotation marks, white space and Persian letters become '"', ' ' and Arabic letters one for one,
# so offsets survive.
ONE_FOR_ONE = {**{c: '"' for c in QUOTE_MARKS}, **PERSIAN, **{chr(i): " " for i in range(0x3001) if chr(i).isspace()}}
# Only the few characters that change are searched for and replaced: str.translate would look every
# character of every source up in the table (most of a source's matching time).
_CHANGED = {char: to for char, to in ONE_FOR_ONE.items() if char != to}
_CHANGING = re.compile("[" + "".join(map(re.escape, sorted(_CHANGED))) + "]")


def one_for_one(text: str) -> str:
    """`text` with each character of ONE_FOR_ONE replaced by its one character (str.translate's result)."""
    return _CHANGING.sub(lambda found: _CHANGED[found.group()], text)



class _Squeezed:
    """A text with some characters removed, and the positions (in the result) where they were."""

    def __init__(self, text: str, pattern: re.Pattern, keep_first: bool):
        removed = []
        for m in pattern.finditer(text):
            first = m.start() + (1 if keep_first else 0)
            removed.extend(range(first, m.end()))
        self.text = pattern.sub(lambda m: m.group()[0], text) if keep_first else pattern.sub("", text)
        self.gaps = [position - i for i, position in enumerate(removed)]

    def original(self, index: int) -> int:
        return index + bisect.bisect_right(self.gaps, index)


class SourceText:
    """A source's text, with the quotes citing it matched against it.

    Most texts are matched with a plain substring search: ignorable marks are removed and runs of
    white space squeezed to one space once per text (their positions kept, to map matches back to
    the original), quotation marks mapped one for one. Texts that NFKC would change (presentation
    forms, ligatures) are folded character by character instead, once, and only if a quote needs it.
    """

    def __init__(self, text: str):
        self.text = text
        self.simple = unicodedata.is_normalized("NFKC", text)
        self._folded: Folded | None = None
        self._squeezed: tuple[_Squeezed, _Squeezed] | None = None

    @property
    def folded(self) -> Folded:
        """The source's text folded for matching (normalise.fold_text), with the map back to the original."""
        if self._folded is None:
            self._folded = fold(self.text)
        return self._folded

    def _squeeze(self) -> tuple[_Squeezed, _Squeezed]:
        if self._squeezed is None:
            marks = _Squeezed(self.text, _STRIP, keep_first=False)
            spaces = _Squeezed(one_for_one(marks.text), _RUNS, keep_first=True)
            self._squeezed = (marks, spaces)
        return self._squeezed

    def find(self, quote: str) -> Match | None:
        """The first place the quote occurs, or None."""
        needle = fold_text(quote)
        if not needle:
            return None
        if self.simple:
            marks, spaces = self._squeeze()
            at = spaces.text.find(needle)
            if at < 0:
                return None
            first, last = (marks.original(spaces.original(i)) for i in (at, at + len(needle) - 1))
            return Match(first, last + 1)
        at = self.folded.text.find(needle)
        if at < 0:
            return None
        start, end = self.folded.span(at, at + len(needle))
        return Match(start, end)

    def closest(self, quote: str) -> str:
        """The passage of the source most like the quote, as the source writes it, its invisible
        characters shown by name (`visible`), to show the editor what differs."""
        folded = self.folded
        at = _closest(folded.text, fold_text(quote))
        if at is None:
            return ""
        start, end = folded.span(*at)
        return visible(self.text[start:end])


# The closest-passage hint scores only windows anchored on runs of words the quote shares with the
# source, the rarest first, so its work is linear in the source and bounded per quote: a mistyped word
# in a long quote, or a made-up quote, costs a few comparisons, not one per word of the source.
ANCHOR_LENGTHS = (3, 2, 1)  # runs of three words, when the quote shares any with the source; else two; else one
MAX_CANDIDATES = 24  # windows compared with difflib


def _anchored_starts(words: list[str], wanted: list[str]) -> list[int]:
    """Where a window of len(wanted) words might start in `words`: lined up with the rarest runs of words
    the two share (at most MAX_CANDIDATES starts)."""
    width = len(wanted)
    last = max(0, len(words) - width)
    for size in ANCHOR_LENGTHS:
        first_in_needle: dict[tuple[str, ...], int] = {}
        for at in range(len(wanted) - size + 1):
            first_in_needle.setdefault(tuple(wanted[at:at + size]), at)
        places: dict[tuple[str, ...], list[int]] = {}
        for at in range(len(words) - size + 1):
            run = tuple(words[at:at + size])
            if run in first_in_needle:
                places.setdefault(run, []).append(at)
        if not places:
            continue
        starts: dict[int, None] = {}
        for run in sorted(places, key=lambda r: (len(places[r]), first_in_needle[r])):
            for at in places[run]:
                starts.setdefault(min(last, max(0, at - first_in_needle[run])))
                if len(starts) >= MAX_CANDIDATES:
                    return list(starts)
        return list(starts)
    return []


@lru_cache(maxsize=256)
def _closest(haystack: str, needle: str) -> tuple[int, int] | None:
    """The [start, end) in `haystack` of the run of words most like `needle` (both folded), among the
    windows of the needle's width that line up with words they share; None when they share none."""
    if not needle or not haystack:
        return None
    words = haystack.split(" ")
    wanted = needle.split(" ")
    candidates = _anchored_starts(words, wanted)
    if not candidates:
        return None
    offsets = [0]
    for word in words[:-1]:
        offsets.append(offsets[-1] + len(word) + 1)
    # Windows are compared word by word: letter by letter, difflib's work grows with the square of a
    # long quote's length.
    best, best_score = None, -1.0
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(wanted)
    for i in candidates:
        window = words[i:i + len(wanted)]
        matcher.set_seq1(window)
        if matcher.real_quick_ratio() <= best_score or matcher.quick_ratio() <= best_score:
            continue
        score = matcher.ratio()
        if score > best_score:
            best, best_score = (offsets[i], offsets[i] + len(" ".join(window))), score
    return best
