"""Render pages on every core: a page's HTML depends only on the corpus, the settings and the theme,
so which process renders it changes nothing in the output. The worker that renders a page also makes
what the build derives from it alone: the copy Pagefind reads, and a monthly brief's PDF data."""

from __future__ import annotations

from functools import partial
from typing import Iterable, NamedTuple

from builder.planning.kinds import PageKey
from builder.planning.pages import Planner
from builder.rendering.render import Renderer
from builder.rendering.search import pagefind_copy
from builder.rendering.typeset import brief_document
from builder.common.workers import Results, forked_map

# Workers run at a lower priority: when Pagefind starts indexing the first pages, it gets the cores
# it needs and the rendering of the rest fills what it leaves.
NICENESS = 10
MIN_PAGES = 400  # below this, starting workers costs more than it saves


class Rendered(NamedTuple):
    """One page as a worker hands it back."""

    key: PageKey
    path: str  # the output path, e.g. 'briefs/2025-05/index.html'
    html: bytes
    search: bytes | None  # the copy Pagefind reads (search.pagefind_copy); None: not indexed, or no search
    print: bytes | None  # a monthly brief's PDF data (typeset.brief_document); None: not a brief, or no PDFs


def _render(planner: Planner, renderer: Renderer, search: bool, pdf: bool, key: PageKey) -> Rendered:
    page = planner.page(key)
    html = renderer.render(page)
    site = renderer.site
    return Rendered(key, page.output, html, pagefind_copy(html) if search and page.output.endswith(".html") else None,
                    brief_document(planner.brief_print(key[1], site.name, site.built)) if pdf and key[0] == "brief" else None)


def render_pages(planner: Planner, renderer: Renderer, keys: Iterable[PageKey], jobs: int = 0,
                 search: bool = False, pdf: bool = False) -> Results[Rendered]:
    """Every page of `keys`, in that order, rendered by `jobs` processes (0: one per core), forked before
    this returns; with `search`, each indexed page's copy for Pagefind, and with `pdf`, each brief's PDF
    data, made by the same worker."""
    return forked_map(partial(_render, planner, renderer, search, pdf), keys, jobs=jobs, min_items=MIN_PAGES,
                      niceness=NICENESS)
