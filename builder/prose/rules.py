"""Rules for editors' Markdown: what `check` accepts reaches the reader as written, or is refused at its line.

The renderer sanitises anyway; these checks turn what sanitising would silently drop, and what Python-Markdown
would spend more than linear time on, into errors the editor can fix. Each rule names the construct and
how to write it instead (README: What the builder refuses). What the rules do not foresee is caught last:
a text that is not a plain paragraph is rendered, and refused when the sanitiser would change it
(markdown.removed).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from builder.common import characters
from builder.prose.markdown import examined, nesting, render_unsanitised, sanitise

SAFE_SCHEMES = {"http", "https", "mailto"}
# A paragraph (text between blank lines) longer than a summary may be is refused: Python-Markdown's
# inline patterns splice each match back into their paragraph, so their work grows with paragraph
# length times the number of matches in it. Bounding the paragraph bounds that work per paragraph.
MAX_PARAGRAPH = 20_000
# The characters Python-Markdown's link patterns may scan, per character of text: each `[` is scanned
# to its matching `]` (to the end of its paragraph when there is none), each `](` to its `)`.
BRACKET_WORK_PER_CHAR = 8
BRACKET_WORK_FREE = 10_000
MAX_PROBLEMS = 20  # per text; one more line says how many were left out
# Quotes, lists, emphases and links inside one another (markdown.LEVELS): more than an editor needs for
# a list inside a quote inside a list, with a bold linked word in it, and less than half of what the PDF
# layout can draw (Typst stops at its maximum depth of function calls: lists 26 deep, quotes 31).
MAX_NESTING = 12

# A raw HTML tag, comment, CDATA section, declaration or processing instruction; and whatever else
# Python-Markdown passes through as HTML: `<` and a letter up to the next `>`, unless it is an autolink
# (`<https://…>`, handled with the links) or an e-mail address (`<a@b.org>`).
_HTML = re.compile(r"<(?:/?[A-Za-z][A-Za-z0-9-]*(?=[\s/>]|$)|!|\?)"
                   r"|<(?!(?:[Ff]|[Hh][Tt])[Tt][Pp][Ss]?://)/?[A-Za-z][^<>@ ]*(?: [^<>]*)?>", re.M)
# Where a link's address starts: after `](` (inline link) and after `[label]:` (reference definition).
_INLINE_LINK = re.compile(r"\]\([ \t]*\n?[ \t]*<?")
_REFERENCE = re.compile(r"^ {0,3}\[([^\[\]\n]*)\]:[ \t]*\n?[ \t]*<?", re.M)
# A reference definition inside a quote or a list item: Python-Markdown takes it out and leaves the
# quote or the item empty.
_NESTED_REFERENCE = re.compile(r"^[ \t]*(?:(?:>|[-+*](?=[ \t])|\d+\.(?=[ \t]))[ \t]*)+\[[^\[\]\n]*\]:", re.M)
_AUTOLINK = re.compile(r"<\s*([A-Za-z][A-Za-z0-9+.\-]*):")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_WEB_ADDRESS = re.compile(r"(?:[Hh][Tt][Tt][Pp][Ss]?://[^\s/?#\\<>()\"'&]|[Mm][Aa][Ii][Ll][Tt][Oo]:[^\s<>()])")
_IMAGE = re.compile(r"(?<!\\)!\[")
# A line starting an ATX heading, after any quote or list markers in front of it.
_HEADING = re.compile(r"^[ \t]*(?:(?:>|[-+*](?=[ \t])|\d+\.(?=[ \t]))[ \t]*)*(#+)", re.M)
ALLOWED_HEADINGS = (2, 3, 4)
# `===` under a line of text makes that line a level-1 heading.
_SETEXT_1 = re.compile(r"(?<=[^\n])\n[ \t]*(?:>[ \t]*)*=+[ \t]*(?=\n|$)")
_CHARACTER_REFERENCE = re.compile(r"&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_BRACKETS = re.compile(r"\\.|[\[\]()\"'`]", re.S)
# Before the link patterns run, Python-Markdown replaces each backslash escape and code span with a
# placeholder of about this many characters, which the link patterns then scan like text.
_PLACEHOLDER = 16

_LINK_HINT = ("write the full address, starting https://, http:// or mailto: (a relative address breaks on "
              "pages at other depths; any other is removed from the page)")


@dataclass(frozen=True)
class Problem:
    """Something in a Markdown text that would not reach the reader as written: its offset (characters),
    what is wrong and how to write it instead."""

    offset: int
    message: str
    hint: str


def problems(text: str, titled: bool = False) -> list[Problem]:
    """What in a Markdown text would not reach the reader as written, first to last (at most MAX_PROBLEMS
    of them, and a line for the rest). `titled`: a page, whose first line is its `# Title`."""
    found = located(text, titled)
    if len(found) > MAX_PROBLEMS:
        rest = len(found) - MAX_PROBLEMS
        found = found[:MAX_PROBLEMS] + [Problem(found[MAX_PROBLEMS].offset, f"{rest} more Markdown problems "
                                                "in this text are not listed", "fix the ones above and check again")]
    if not found:
        skipped = len(text.partition("\n")[0]) + 1 if titled and text.startswith("#") else 0  # a page's title is not its body
        body = text[skipped:]
        change, levels = examined(body)
        if change:
            found.append(Problem(0, f"this Markdown would not reach the page as written: {change}",
                                 "write plain Markdown: paragraphs, **bold**, *italic*, lists, quotes, tables and "
                                 "[text](https://…) links"))
        elif levels > MAX_NESTING:
            found.append(Problem(skipped + _too_deep_from(body),
                                 f"quotes, lists, emphasis and links stand {levels} levels inside one another here; "
                                 f"at most {MAX_NESTING} are allowed",
                                 "write fewer of them inside one another: a list in a quote in a list is already hard "
                                 "to follow, on a phone and in the PDF"))
    return found


_CONTAINERS = re.compile(r"[ \t]*(?:(?:>|[-+*](?=[ \t])|\d+\.(?=[ \t]))[ \t]*)*")


def _too_deep_from(text: str) -> int:
    """The offset of the first line whose text, read up to and with it, nests deeper than MAX_NESTING
    (after the quote and list markers it starts with): bisection over the lines, about log2(lines)
    renderings, done only for a text already found too deep."""
    starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
    low, high = 0, len(starts) - 1  # lines[:low + 1] may be fine, lines[:high + 1] is too deep
    while low < high:
        middle = (low + high) // 2
        end = starts[middle + 1] if middle + 1 < len(starts) else len(text)
        if nesting(sanitise(render_unsanitised(text[:end]))) > MAX_NESTING:
            high = middle
        else:
            low = middle + 1
    return _CONTAINERS.match(text, starts[high]).end()


# Every rule needs one of these characters to find anything (a short text without them, most
# summaries, is passed over without running the rules).
_TRIGGERS = frozenset("[]<&#=")


def located(text: str, titled: bool = False) -> list[Problem]:
    """The problems the rules find, each where it stands, first to last; linear in the text."""
    if len(text) <= MAX_PARAGRAPH and _TRIGGERS.isdisjoint(text):
        return []
    found = (_links(text) + _html(text) + _images(text) + _headings(text, titled) + _references(text)
             + _sizes(text))
    found.sort(key=lambda p: p.offset)
    return found


def _snippet(text: str, start: int) -> str:
    end = start
    while end < len(text) and end - start < 40 and not text[end].isspace() and text[end] not in ")>":
        end += 1
    return text[start:end]


def _address(text: str, at: int) -> Problem | None:
    """The problem with the link address starting at `at`, if any."""
    if _WEB_ADDRESS.match(text, at):
        return None
    shown = _snippet(text, at)
    scheme = _SCHEME.match(text, at)
    if scheme and scheme.group(1).lower() not in SAFE_SCHEMES:
        return Problem(at, f"link with a '{scheme.group(1)}:' address is not allowed", _LINK_HINT)
    if scheme:
        return Problem(at, f"link '{shown}' is not a full web address", _LINK_HINT)
    if shown.startswith("//"):
        return Problem(at, f"link '{shown}' has no scheme", _LINK_HINT)
    if not shown:
        return Problem(at, "link has no address", _LINK_HINT)
    return Problem(at, f"relative link '{shown}' is not allowed", _LINK_HINT)


def _links(text: str) -> list[Problem]:
    found = []
    for m in _INLINE_LINK.finditer(text):
        if problem := _address(text, m.end()):
            found.append(problem)
    for m in _REFERENCE.finditer(text):
        if m.group(1).startswith("^"):
            found.append(Problem(m.start(), f"footnote '[{m.group(1)}]:' is not supported",
                                 "write the note in the text itself, e.g. in parentheses; Markdown here has no footnotes"))
        elif problem := _address(text, m.end()):
            found.append(problem)
    for m in _AUTOLINK.finditer(text):
        if problem := _address(text, m.start(1)):
            found.append(problem)
    return found


def _html(text: str) -> list[Problem]:
    found = []
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
    for m in _CHARACTER_REFERENCE.finditer(text):
        reference = m.group()
        if reference[1] == "#":
            digits = reference[2:-1]
            code = int(digits[1:], 16) if digits[:1] in "xX" and digits else int(digits) if len(digits) <= 8 else -1
            if len(digits) > 8 or not 0 <= code <= 0x10FFFF:
                found.append(Problem(m.start(), f"character reference '{reference}' is not a character",
                                     "write the character itself"))
                continue
            char = chr(code)
        else:
            char = html.unescape(reference)
        if refused := characters.refused(char):
            found.append(Problem(m.start(), f"character reference '{reference}' stands for {refused.kind} "
                                 f"U+{ord(char):04X}, which is not allowed", characters.HINT))
    return found


def _images(text: str) -> list[Problem]:
    return [Problem(m.start(), "an image is not shown on the site",
                    "link to it instead: drop the `!` to write [description](https://…); the site shows no pictures "
                    "from elsewhere, so it works offline and tells no other host who reads it")
            for m in _IMAGE.finditer(text)]


def _headings(text: str, titled: bool) -> list[Problem]:
    found = []
    hint = "use ## to #### for a heading" + (" (the page's title is its first line, `# Title`)" if titled else
                                             ", or **bold** for a short lead-in")
    for m in _HEADING.finditer(text):
        level = min(len(m.group(1)), 6)
        if level in ALLOWED_HEADINGS or (titled and m.start() == 0 and level == 1):
            continue
        found.append(Problem(m.start(1), f"a level-{level} heading ('{m.group(1)}') is not allowed here", hint))
    for m in _SETEXT_1.finditer(text):
        found.append(Problem(m.start() + 1, "a line of '=' makes the line above it a level-1 heading", hint))
    return found


def _references(text: str) -> list[Problem]:
    return [Problem(m.start(), "a link definition inside a quote or a list item empties it on the page",
                    "move `[label]: https://…` to a line of its own outside the quote or list")
            for m in _NESTED_REFERENCE.finditer(text)]


def _sizes(text: str) -> list[Problem]:
    """Paragraphs too long, and brackets that would make the link patterns' work grow faster than the text."""
    found = []
    start = 0
    for m in [*_PARAGRAPH_BREAK.finditer(text), None]:
        end = m.start() if m else len(text)
        if end - start > MAX_PARAGRAPH:
            found.append(Problem(start, f"a paragraph of {end - start:,} characters is over the {MAX_PARAGRAPH:,} limit",
                                 "split it with a blank line"))
        start = m.end() if m else end
    work, first = bracket_work(text)
    if work > BRACKET_WORK_PER_CHAR * len(text) + BRACKET_WORK_FREE:
        found.append(Problem(first, "too many unclosed or nested brackets: this text would take too long to render",
                             "write a literal [ or ( as \\[ or \\(, and close every [ you open"))
    return found


def bracket_work(text: str) -> tuple[int, int]:
    """An upper bound on the characters Python-Markdown's link patterns scan in `text` (each `[` to its
    matching `]`, each `](` to its `)`, to the end of the paragraph when unmatched), and the offset of the
    `[` or `(` that scans furthest. Linear: one pass over the brackets, with stacks."""
    ends = [m.start() for m in _PARAGRAPH_BREAK.finditer(text)] + [len(text)]
    work, worst, worst_at = 0, -1, 0
    paragraph = 0
    # Open brackets as (offset in the text, position as the link patterns will see it); for `(`, also
    # whether it follows `]` (only those start a link's address) and how many quotes came before it.
    squares: list[tuple[int, int]] = []
    rounds: list[tuple[int, int, bool, int]] = []
    quotes = 0
    shift = 0  # placeholders' extra length so far

    def charge(offset: int, opened: int, closed: int) -> None:
        nonlocal work, worst, worst_at
        work += closed - opened
        if closed - opened > worst:
            worst, worst_at = closed - opened, offset

    def close_paragraph(end: int) -> None:
        for offset, opened in squares:
            charge(offset, opened, end)
        for offset, opened, link, _ in rounds:
            if link:
                charge(offset, opened, end)
        squares.clear()
        rounds.clear()

    for m in _BRACKETS.finditer(text):
        offset = m.start()
        while offset >= ends[paragraph]:
            close_paragraph(ends[paragraph] + shift)
            paragraph += 1
        at = offset + shift
        char = m.group()
        if len(char) == 2 or char == "`":  # an escape, or a code span's edge: hidden behind a placeholder
            shift += _PLACEHOLDER
        elif char == "[":
            squares.append((offset, at))
        elif char == "]":
            if squares:
                charge(*squares.pop(), at)
        elif char == "(":
            rounds.append((offset, at, offset > 0 and text[offset - 1] == "]", quotes))
        elif char == ")":
            if rounds:
                opened_offset, opened, link, quotes_before = rounds.pop()
                if link:  # a quote inside may make the scan run on (a title); count it to the paragraph's end
                    charge(opened_offset, opened, ends[paragraph] + shift if quotes > quotes_before else at)
        else:
            quotes += 1
    close_paragraph(len(text) + shift)
    return work, worst_at

