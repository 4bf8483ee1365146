"""Editors' Markdown rendered to HTML and sanitised, so no script or style ever reaches a reader."""

from __future__ import annotations

import re
from functools import lru_cache
from html.parser import HTMLParser

import markdown
import nh3
from markdown.extensions.tables import TableExtension
from markupsafe import Markup

from builder.arabic.bidi import isolate_html, latin_only

_TAGS = {
    "p", "a", "em", "strong", "b", "i", "ul", "ol", "li", "blockquote", "code", "pre", "br", "hr",
    "h2", "h3", "h4", "table", "thead", "tbody", "tr", "th", "td", "bdi", "span", "sup", "sub",
}
_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}, "ol": {"start"}, "bdi": {"dir"},
               "span": {"dir", "lang"}}
_SCHEMES = {"http", "https", "mailto"}


@lru_cache(maxsize=None)
def _renderer() -> markdown.Markdown:
    # Column alignment as `align`, which the sanitiser keeps; the default `style=` it would remove.
    return markdown.Markdown(extensions=[TableExtension(use_align_attribute=True), "sane_lists"], output_format="html")


# A one-line text with none of these characters, not starting a block (heading, quote, list, code),
# is one paragraph of plain text to Markdown, and nh3 has nothing to remove from it: most summaries.
_INLINE_SYNTAX = (frozenset("\\`*_[]<>&\u00a0\u2028\u2029") | frozenset(map(chr, range(32)))
                  | frozenset(map(chr, range(0x7F, 0xA0))))
_BLOCK_START = frozenset("#>-+=|~:")
# A line starting with digits is a list item only when a full stop follows them (sane_lists): a summary
# starting with a year («2015، أعلن …») is a plain paragraph.
_ORDERED_ITEM = re.compile(r"\d+\.")


def plain_paragraph(text: str) -> str | None:
    """The text when Markdown would print it as one `<p>` unchanged, else None."""
    line = text.rstrip("\n")
    if not line or line != line.strip() or line[0] in _BLOCK_START or not _INLINE_SYNTAX.isdisjoint(line):
        return None
    if line[0].isdigit() and _ORDERED_ITEM.match(line):
        return None
    return line


@lru_cache(maxsize=1 << 14)  # an event's summary is shown on its page, its brief, its places and its sources
def render_markdown(text: str) -> Markup:
    """Markdown to HTML with only harmless tags, attributes and link schemes left."""
    if not text.strip():
        return Markup("")
    plain = plain_paragraph(text)
    if plain is not None:  # the same HTML as below, without parsing and sanitising (tests/test_markup.py)
        return mark_latin(isolate_html(f"<p>{plain}</p>"))
    return render_full(text)


def render_unsanitised(text: str) -> str:
    """Python-Markdown's HTML for the text, before sanitising."""
    return _renderer().reset().convert(text)


def sanitise(html: str) -> str:
    """Only harmless tags, attributes and link schemes left; links get rel="noopener noreferrer"."""
    return nh3.clean(html, tags=_TAGS, attributes=_ATTRIBUTES, url_schemes=_SCHEMES,
                     link_rel="noopener noreferrer", strip_comments=True)


def render_full(text: str) -> Markup:
    """Markdown parsed and sanitised, whatever the text."""
    clean = sanitise(render_unsanitised(text))
    # Code (paths, commands) reads left to right whatever its characters; `dir` also isolates it.
    return mark_latin(isolate_html(clean.replace("<code>", '<code dir="ltr">')))


_BLOCK = re.compile(r"<(p|h[234])>(.*?)</\1>", re.DOTALL)
_TAG = re.compile(r"<[^>]*>|&[#\w]+;")


def mark_latin(html: str) -> Markup:
    """Mark each paragraph or heading written in Latin script alone as English, left to right, so a
    note in English is not laid out (and scrambled) as a right-to-left paragraph."""
    def mark(block: re.Match) -> str:
        text = _TAG.sub("", block.group(2))
        if latin_only(text):
            return f'<{block.group(1)} lang="en" dir="ltr">{block.group(2)}</{block.group(1)}>'
        return block.group()
    return Markup(_BLOCK.sub(mark, str(html)))


class _Tokens(HTMLParser):
    """HTML as a list of tags (attributes sorted, values decoded) and text runs (references decoded), so
    two serialisations of the same document compare equal."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tokens: list[tuple] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        kept = sorted((name, value or "") for name, value in attrs if not (tag == "a" and name == "rel"))
        self.tokens.append(("<", tag, tuple(kept)))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        self.tokens.append(("</", tag))

    def handle_data(self, data):
        if self.tokens and self.tokens[-1][0] == "text":
            self.tokens[-1] = ("text", self.tokens[-1][1] + data)
        else:
            self.tokens.append(("text", data))

    def handle_comment(self, data):
        self.tokens.append(("<!--", data))


def _describe(token: tuple | None) -> str:
    if token is None:
        return "the end of the text"
    if token[0] == "<":
        attributes = "".join(f' {name}="{value}"' for name, value in token[2])
        return f"<{token[1]}{attributes}>"
    if token[0] == "</":
        return f"</{token[1]}>"
    return repr(token[1][:40])


def removed(text: str) -> str:
    """What sanitising would change in the text's HTML ('' when nothing): the first element, attribute or
    text the page would not show as Markdown wrote it. The sanitiser adds rel="noopener noreferrer" to
    links; that alone is no change."""
    return examined(text)[0]


# The elements that make one level of nesting as an editor writes it: a quote, a list, a table, a
# heading, a code block, an emphasis, a link, a code span. (A list's items, a table's rows and cells,
# a paragraph, a line break add none: they come with their list, table or text.)
LEVELS = frozenset({"blockquote", "ul", "ol", "table", "h2", "h3", "h4", "pre", "em", "strong", "i", "b", "a",
                    "code", "sup", "sub"})


def examined(text: str) -> tuple[str, int]:
    """What sanitising would change in the text's HTML (see `removed`), and how many levels of LEVELS
    stand inside one another in it at most (`nesting`): one rendering for both."""
    if plain_paragraph(text) is not None:
        return "", 0
    rendered = render_unsanitised(text)
    clean = _Tokens(sanitise(rendered)).tokens
    return _change(_Tokens(rendered).tokens, clean), _deepest(clean)


def _change(before: list[tuple], after: list[tuple]) -> str:
    if before == after:
        return ""
    for at, token in enumerate(before):
        if at >= len(after) or after[at] != token:
            return f"{_describe(token)} would become {_describe(after[at] if at < len(after) else None)}"
    return f"{_describe(after[len(before)])} would be added"


def nesting(html: str) -> int:
    """How many quotes, lists, tables, headings, emphases, links and code spans (LEVELS) of the HTML
    stand inside one another at most; 0 for plain text."""
    return _deepest(_Tokens(html).tokens)


def _deepest(tokens: list[tuple]) -> int:
    deepest = depth = 0
    for token in tokens:
        if token[0] == "<" and token[1] in LEVELS:
            depth += 1
            deepest = max(deepest, depth)
        elif token[0] == "</" and token[1] in LEVELS:
            depth -= 1
    return deepest
