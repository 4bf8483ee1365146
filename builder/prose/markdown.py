"""Editors' Markdown rendered to HTML and sanitised, so no script or style ever reaches a reader."""

from __future__ import annotations

import re
from functools import lru_cache

import markdown
import nh3
from markupsafe import Markup

from builder.arabic.bidi import isolate_html, latin_only

_TAGS = {
    "p", "a", "em", "strong", "b", "i", "ul", "ol", "li", "blockquote", "code", "pre", "br", "hr",
    "h2", "h3", "h4", "table", "thead", "tbody", "tr", "th", "td", "bdi", "span", "sup", "sub",
}
_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}, "bdi": {"dir"}, "span": {"dir", "lang"}}
_SCHEMES = {"http", "https", "mailto"}


@lru_cache(maxsize=None)
def _renderer() -> markdown.Markdown:
    return markdown.Markdown(extensions=["tables", "sane_lists"], output_format="html")


# A one-line text with none of these characters, not starting a block (heading, quote, list, code),
# is one paragraph of plain text to Markdown, and nh3 has nothing to remove from it: most summaries.
_INLINE_SYNTAX = (frozenset("\\`*_[]<>&\u00a0\u2028\u2029") | frozenset(map(chr, range(32)))
                  | frozenset(map(chr, range(0x7F, 0xA0))))
_BLOCK_START = frozenset("#>-+=|~:0123456789")


def plain_paragraph(text: str) -> str | None:
    """The text when Markdown would print it as one `<p>` unchanged, else None."""
    line = text.rstrip("\n")
    if not line or line != line.strip() or line[0] in _BLOCK_START or not _INLINE_SYNTAX.isdisjoint(line):
        return None
    return line


def render_markdown(text: str) -> Markup:
    """Markdown to HTML with only harmless tags, attributes and link schemes left."""
    if not text.strip():
        return Markup("")
    plain = plain_paragraph(text)
    if plain is not None:  # the same HTML as below, without parsing and sanitising (tests/test_markup.py)
        return mark_latin(isolate_html(f"<p>{plain}</p>"))
    return render_full(text)


def render_full(text: str) -> Markup:
    """Markdown parsed and sanitised, whatever the text."""
    md = _renderer()
    html = md.reset().convert(text)
    clean = nh3.clean(html, tags=_TAGS, attributes=_ATTRIBUTES, url_schemes=_SCHEMES,
                      link_rel="noopener noreferrer", strip_comments=True)
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
