"""The one rule for characters in anything an editor writes, wherever it comes from.

A character is refused when it is invisible and changes how text displays or is read by programs:
C0 and C1 controls (tab and newline excepted), the bidi embedding, override and isolate controls,
surrogates and Unicode noncharacters (U+FFFE, U+FDD0 and the like). The same characters are refused
however they arrive: typed into a file, written as a YAML escape (`"\\u202E"`, `"\\x1b"`, `"\\0"`), or as a
Markdown character reference (`&#x202e;`). Everything this rule lets through is a valid XML 1.0
character, so no field can make a feed or an SVG malformed.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_BMP = "\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
_ASTRAL = "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(1, 17))
FORBIDDEN = re.compile(f"[{_BMP}{_ASTRAL}]")
# What refused() searches for: the same, with the astral noncharacters (U+1FFFE, U+2FFFF … U+10FFFF)
# as one range from the first of them, each hit in it then tested. A class of ranges is a table
# lookup per character; 32 separate astral characters would make the regex try each one in turn.
_CANDIDATES = re.compile(f"[{_BMP}\U0001fffe-\U0010ffff]")
HINT = "delete it; it is invisible and can make text display other than it is stored"


class Refused(NamedTuple):
    """The first refused character of a text: where it is (0-based offset) and what it is."""

    offset: int
    char: str

    @property
    def kind(self) -> str:
        """What kind of refused character this is, in words for the message (bidi control, surrogate,
        control, noncharacter)."""
        char = self.char
        if "\u202a" <= char <= "\u2069":
            return "a bidirectional control"
        if "\ud800" <= char <= "\udfff":
            return "a lone surrogate"
        if char <= "\x9f":
            return "a control character"
        return "a Unicode noncharacter"

    @property
    def message(self) -> str:
        """The diagnostic's message: the kind and the code point (U+XXXX), never the character itself."""
        return f"{self.kind} U+{ord(self.char):04X} is not allowed"


def refused(text: str) -> Refused | None:
    """The first character of `text` the rule refuses, or None."""
    found = _CANDIDATES.search(text)
    while found and found.group() > "\uffff" and ord(found.group()) & 0xFFFE != 0xFFFE:
        found = _CANDIDATES.search(text, found.end())
    return Refused(found.start(), found.group()) if found else None


_SHOWN = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}
_UNPRINTABLE = re.compile(FORBIDDEN.pattern[:-1] + "\t\n\u2028\u2029]")


def _escape(m: re.Match) -> str:
    char = m.group()
    if char in _SHOWN:
        return _SHOWN[char]
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def printable(text: str) -> str:
    """`text` on one line, with every refused character, tab and line break written as a visible escape
    (`\\x1b`, `\\u202e`, `\\n`).

    For messages shown in a terminal: a quote holding ESC sequences must not clear the editor's screen
    or retitle its window, a bidi override must not reorder the line it is printed on, and a line break
    must not start a line that looks like another message."""
    return _UNPRINTABLE.sub(_escape, text)

