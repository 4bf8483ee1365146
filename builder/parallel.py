"""Render pages on every core. Pages are planned once in this process; forked workers render slices
of the list and return the bytes in order, so the output is the same as a one-core render."""

from __future__ import annotations

import multiprocessing
import os
import threading
from typing import Sequence

from .pages import PageContext
from .render import Renderer

# Below this many pages forking costs more than it saves (and keeps small test builds simple).
THRESHOLD = 2000
_JOB: tuple[Renderer, Sequence[PageContext]] | None = None  # inherited by forked workers


def _render_slice(bounds: tuple[int, int]) -> list[bytes]:
    renderer, pages = _JOB
    return [renderer.render(page) for page in pages[bounds[0]:bounds[1]]]


def _can_fork() -> bool:
    # Forking a process that runs other threads (a preview server) can inherit a held lock.
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def render_all(renderer: Renderer, pages: Sequence[PageContext], workers: int | None = None) -> list[bytes]:
    """Every page's HTML, in the order given."""
    global _JOB
    workers = workers or os.cpu_count() or 1
    if workers < 2 or len(pages) < THRESHOLD or not _can_fork():
        return [renderer.render(page) for page in pages]
    step = max(1, len(pages) // (workers * 8))  # small slices even out the load between workers
    bounds = [(i, min(i + step, len(pages))) for i in range(0, len(pages), step)]
    _JOB = (renderer, pages)
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            parts = pool.map(_render_slice, bounds)
    finally:
        _JOB = None
    return [html for part in parts for html in part]
