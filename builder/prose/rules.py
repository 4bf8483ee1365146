"""Rules for editors' Markdown: plain Markdown only, so nothing is stripped behind the editor's back.

The renderer sanitises anyway; these checks turn what sanitising would silently drop into an error
the editor can fix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SAFE_SCHEMES = {"http", "https", "mailto"}
# A raw HTML tag, comment, CDATA section, declaration or processing instruction.
_HTML = re.compile(r"<(?:/?[A-Za-z][A-Za-z0-9-]*(?=[\s/>]|$)|!|\?)", re.M)
_INLINE_LINK = re.compile(r"\]\(\s*<?\s*([A-Za-z][A-Za-z0-9+.\-]*):")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?\s*([A-Za-z][A-Za-z0-9+.\-]*):", re.M)
_AUTOLINK = re.compile(r"<\s*([A-Za-z][A-Za-z0-9+.\-]*):")


@dataclass(frozen=True)
class Problem:
    """Something in a Markdown text that would not reach the reader as written: its offset (characters),
    what is wrong and how to write it instead."""

    offset: int
    message: str
    hint: str


def problems(text: str) -> list[Problem]:
    """What in a Markdown text would not reach the reader as written."""
    found = []
    for pattern in (_INLINE_LINK, _REFERENCE, _AUTOLINK):
        for m in pattern.finditer(text):
            if m.group(1).lower() not in SAFE_SCHEMES:
                found.append(Problem(m.start(1), f"link with a '{m.group(1)}:' address is not allowed",
                                     "links must start with https://, http:// or mailto:"))
    opened = False
    for m in _HTML.finditer(text):
        closing = text.startswith("</", m.start())
        if closing and opened:
            continue  # its opening tag is already reported
        opened = opened or not closing
        end = text.find(">", m.start(), m.start() + 40)
        snippet = text[m.start():end + 1 if end >= 0 else m.start() + 12].split("\n")[0]
        found.append(Problem(m.start(), f"raw HTML '{snippet}' is not allowed in Markdown",
                             "write plain Markdown (**bold**, [text](https://…)); tags would be removed from the page"))
    return sorted(found, key=lambda p: p.offset)
