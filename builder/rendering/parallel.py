"""Render pages on every core: a page's HTML depends only on the corpus, the settings and the theme,
so which process renders it changes nothing in the output."""

from __future__ import annotations

from functools import partial
from typing import Iterable

from builder.planning.kinds import PageKey
from builder.planning.pages import Planner
from builder.rendering.render import Renderer
from builder.common.workers import Results, forked_map

# Workers run at a lower priority: when Pagefind starts indexing the first pages, it gets the cores
# it needs and the rendering of the rest fills what it leaves.
NICENESS = 10
MIN_PAGES = 400  # below this, starting workers costs more than it saves
Rendered = tuple[PageKey, str, bytes]  # the page's key, its output path and its HTML


def _render(planner: Planner, renderer: Renderer, key: PageKey) -> Rendered:
    page = planner.page(key)
    return key, page.output, renderer.render(page)


def render_pages(planner: Planner, renderer: Renderer, keys: Iterable[PageKey], jobs: int = 0) -> Results[Rendered]:
    """Every page of `keys`, in that order, rendered by `jobs` processes (0: one per core), forked before
    this returns."""
    return forked_map(partial(_render, planner, renderer), keys, jobs=jobs, min_items=MIN_PAGES, niceness=NICENESS)
