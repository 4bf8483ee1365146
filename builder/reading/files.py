"""Read an editor's file as text, refusing what cannot be read without guessing."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from builder.common import characters
from builder.common.diagnostics import Diagnostics, Mark

MAX_TEXT_BYTES = 2 * 1024 * 1024
# A saved page or WARC record archived beside a text: pages saved with their images inlined run to
# megabytes; beyond this one is better kept without them.
MAX_ORIGINAL_BYTES = 16 * 1024 * 1024


def position(text: str, offset: int) -> tuple[int, int]:
    """The 0-based line and column of the character at `offset` (in characters, not bytes) of `text`;
    a diagnostic's Mark counts both from 1."""
    line = text.count("\n", 0, offset)
    return line, offset - (text.rfind("\n", 0, offset) + 1)


def read_bytes(path: Path, shown: str, diagnostics: Diagnostics, limit: int, raw: bytes | None = None) -> bytes | None:
    """The file's bytes (or its already-read bytes `raw`), or None with the reason recorded when it is
    over `limit` bytes."""
    size = path.stat().st_size if raw is None else len(raw)
    if size > limit:
        diagnostics.error(Mark(shown, 0, 0), "text-size", f"file is {size:,} bytes, over the {limit:,}-byte limit",
                          "save the page without its images and media, or keep the WARC record of the article alone")
        return None
    return path.read_bytes() if raw is None else raw


def read_text(path: Path, shown: str, diagnostics: Diagnostics, limit: int = MAX_TEXT_BYTES,
              raw: bytes | None = None) -> str | None:
    """Return the file (or its already-read bytes `raw`) as NFC text with LF line endings, or record why it cannot be."""
    size = path.stat().st_size if raw is None else len(raw)
    if size > limit:
        diagnostics.error(Mark(shown, 1, 1), "text-size", f"file is {size:,} bytes, over the {limit:,}-byte limit",
                          "store only the article itself; split or trim the file")
        return None
    if raw is None:
        raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        diagnostics.error(Mark(shown, line, 0), "text-encoding",
                          f"not valid UTF-8 at byte {exc.start} (0x{raw[exc.start]:02x})",
                          "save the file as UTF-8; the builder never guesses an encoding (e.g. `iconv -f cp1256 -t utf-8`)")
        return None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    if found := characters.refused(text):
        line, column = position(text, found.offset)
        diagnostics.error(Mark(shown, line + 1, column + 1), "text-control", found.message, characters.HINT)
        return None
    return text
