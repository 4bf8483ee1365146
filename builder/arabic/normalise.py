"""Arabic text folded for matching: what a reader would not call a different text is ignored."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Tashkeel (harakat, tanwin, shadda, sukun, superscript alef, Quranic marks) and tatweel.
_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640"
_IGNORED = re.compile(f"[{_MARKS}]")
# Marks that steer display but are not text: LRM, RLM, ALM, and the zero-width (non-)joiner.
_INVISIBLES = "\u200e\u200f\u061c\u200c\u200d"
_INVISIBLE = frozenset(_INVISIBLES)
# For regex character classes: everything matching ignores.
IGNORABLE = _MARKS + _INVISIBLES
QUOTE_MARKS = "\"'“”„‟«»‹›‘’‚‛″′〝〞＂＇`´"
_QUOTES = str.maketrans({c: '"' for c in QUOTE_MARKS})
_SPACE = re.compile(r"\s+")
_ARABIC_INDIC = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    """What one character counts as when matching quotes ('' when it does not count)."""
    if char in _INVISIBLE:
        return ""
    folded = _IGNORED.sub("", unicodedata.normalize("NFKC", char)).translate(_QUOTES)
    return " " if folded.isspace() else folded


@dataclass(frozen=True)
class Folded:
    """Text folded for matching, with the offset in the original of each folded character."""

    text: str
    origin: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a folded [start, end) back to the original text's [start, end)."""
        return self.origin[start], self.origin[end - 1] + 1


def fold(text: str) -> Folded:
    """Fold text so that differences a reader would not call different text disappear."""
    out: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        for piece in _fold_char(char):
            if piece == " " and (not out or out[-1] == " "):
                continue
            out.append(piece)
            origin.append(index)
    if out and out[-1] == " ":
        out.pop()
        origin.pop()
    return Folded("".join(out), tuple(origin))


def fold_text(text: str) -> str:
    """The folded form alone, for comparing two strings."""
    return _SPACE.sub(" ", "".join(_fold_char(c) for c in text)).strip()


def ascii_digits(text: str) -> str:
    """Read Arabic-Indic and Persian digits as ASCII digits."""
    return text.translate(_ARABIC_INDIC)
