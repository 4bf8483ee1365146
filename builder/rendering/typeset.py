"""A monthly brief as the data its PDF is typeset from: one JSON document the theme's Typst layout
(templates/print/brief.typ) reads with `json(...)` and only arranges.

Everything an editor wrote reaches Typst as JSON strings, never as Typst markup, so no title, quote
or summary can run code or change the layout: there is nothing to escape. Summaries arrive as their
sanitised HTML (builder/prose/markdown.py) turned into a tree of the same allowed tags.

Shape (every string Arabic text with its Latin runs between LRI and PDI, see builder/arabic/bidi.py):
    {"name", "name_site", "title", "site", "about", "permalink": address,
     "words": {"page", "page_of", "permalink"},
     "events": [{"id", "title", "meta": [str], "summary": [node], "permalink": address,
                 "citations": [{"quote", "footer": [str], "contradicts": bool}]}]}
    address = {"href": str, "text": str}
    node = str | {"tag": str, "children": [node], "href"?: str, "start"?: int, "columns"?: int}
"""

from __future__ import annotations

import json
from html.parser import HTMLParser

from builder.arabic import wording
from builder.arabic.bidi import LRI, PDI, isolate_text
from builder.planning.printed import BriefPrint

# The sanitiser's tags (builder/prose/markdown.py) that the layout draws; every other one it keeps
# (span, bdi, thead, tbody) only groups its children, whose text is printed as it stands.
DRAWN = frozenset({"p", "a", "em", "strong", "b", "i", "ul", "ol", "li", "blockquote", "code", "pre", "br",
                   "hr", "h2", "h3", "h4", "table", "tr", "th", "td", "sup", "sub"})
_VOID = frozenset({"br", "hr"})


class _Tree(HTMLParser):
    """Sanitised HTML to nested nodes; a left-to-right `bdi` or `span` becomes LRI ... PDI around its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root: dict = {"tag": "root", "children": []}
        self.open: list[dict] = [self.root]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        node: dict = {"tag": tag if tag in DRAWN else "group", "children": []}
        if tag == "a" and attrs.get("href"):
            node["href"] = attrs["href"]
        if tag == "ol" and (attrs.get("start") or "").isdigit():
            node["start"] = int(attrs["start"])
        if attrs.get("dir") == "ltr":
            node["ltr"] = True
        self.open[-1]["children"].append(node)
        if tag not in _VOID:
            self.open.append(node)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.open.pop()

    def handle_endtag(self, tag):
        for depth in range(len(self.open) - 1, 0, -1):
            if self.open[depth]["tag"] == (tag if tag in DRAWN else "group"):
                del self.open[depth:]
                return

    def handle_data(self, data):
        self.open[-1]["children"].append(data)


def _finish(node: dict) -> list:
    """A parsed node as the layout takes it: groups flattened into their parent, isolates as text,
    whitespace between block tags dropped, a table's cells listed row by row with its column count."""
    children: list = []
    for child in node["children"]:
        if isinstance(child, str):
            children.append(child)
            continue
        inner = _finish(child)
        if child.get("ltr"):
            inner = [LRI, *inner, PDI]
        if child["tag"] == "group":
            children.extend(inner)
            continue
        out = {"tag": child["tag"], "children": inner}
        for field in ("href", "start"):
            if field in child:
                out[field] = child[field]
        if child["tag"] == "table":
            rows = [_cells(c) for c in inner if isinstance(c, dict) and c["tag"] == "tr"]
            columns = out["columns"] = max(map(len, rows), default=1)
            out["children"] = [cell for row in rows for cell in row + [""] * (columns - len(row))]
        children.append(out)
    if node["tag"] in ("root", "ul", "ol", "blockquote", "table", "tr") and any(isinstance(c, dict) for c in children):
        children = [c for c in children if not (isinstance(c, str) and not c.strip())]
    return children


def _cells(row: dict) -> list:
    return [c for c in row["children"] if isinstance(c, dict) and c["tag"] in ("th", "td")]


def html_nodes(html: str) -> list:
    """Sanitised HTML (the allowed tags only) as nodes: text strings and {"tag", "children", ...}."""
    tree = _Tree()
    tree.feed(str(html))
    tree.close()
    return _finish(tree.root)


def _address(href: str) -> dict[str, str]:
    """A permanent address: to follow, and to print whole as one left-to-right run."""
    return {"href": href, "text": f"{LRI}{href}{PDI}"}


def brief_document(page: BriefPrint) -> bytes:
    """The JSON a brief's PDF is typeset from (shape in the module's docstring); sorted keys, UTF-8,
    so the same brief always gives the same bytes, which key its PDF in the cache."""
    words = wording.WORDS
    events = []
    for printed in page.events:
        card = printed.card
        meta = [card.date, card.type_label]
        if card.pending:
            meta.append(words["pending"])
        if card.disputed:
            meta.append(words["disputed"])
        meta += [f"{isolate_text(p.link.text)}: {p.effect_label}" for p in card.places]
        meta += [isolate_text(q) for q in card.quantities]
        citations = []
        for citation in printed.citations:
            footer = [f"{isolate_text(citation.outlet)}{words['comma']}{isolate_text(citation.link.text)}"
                      f"{words['comma']}{citation.published}", f"{words['reliability']}: {isolate_text(citation.reliability)}"]
            if citation.stance == "contradicts":
                footer.append(citation.stance_label)
            citations.append({"quote": isolate_text(citation.quote), "footer": footer,
                              "contradicts": citation.stance == "contradicts"})
        events.append({"id": card.id, "title": isolate_text(card.link.text), "meta": meta,
                       "summary": html_nodes(card.summary), "citations": citations,
                       "permalink": _address(printed.permalink)})
    document = {
        "name": page.title, "name_site": page.site_name,  # the PDF's metadata: plain, without isolates
        "title": isolate_text(page.title), "site": isolate_text(page.site_name),
        "about": f"{page.count}{words['in_order_of_occurrence']} {words['edition']} {page.edition}",
        "permalink": _address(page.permalink), "events": events,
        "words": {"page": words["page"], "page_of": words["page_of"], "permalink": words["permalink"]},
    }
    return json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
