"""Editors' Markdown rendered to HTML and sanitised, so no script or style ever reaches a reader."""

from __future__ import annotations

from functools import lru_cache

import markdown
import nh3
from markupsafe import Markup

from .bidi import isolate_html

_TAGS = {
    "p", "a", "em", "strong", "b", "i", "ul", "ol", "li", "blockquote", "code", "pre", "br", "hr",
    "h2", "h3", "h4", "table", "thead", "tbody", "tr", "th", "td", "bdi", "span", "sup", "sub",
}
_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}, "bdi": {"dir"}, "span": {"dir", "lang"}}
_SCHEMES = {"http", "https", "mailto"}


@lru_cache(maxsize=None)
def _renderer() -> markdown.Markdown:
    return markdown.Markdown(extensions=["tables", "sane_lists"], output_format="html")


def render_markdown(text: str) -> Markup:
    """Markdown to HTML with only harmless tags, attributes and link schemes left."""
    if not text.strip():
        return Markup("")
    md = _renderer()
    html = md.reset().convert(text)
    clean = nh3.clean(html, tags=_TAGS, attributes=_ATTRIBUTES, url_schemes=_SCHEMES,
                      link_rel="noopener noreferrer", strip_comments=True)
    return isolate_html(clean)
