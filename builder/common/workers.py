"""Spread independent work over the machine's cores with forked worker processes.

Forking shares what the parent holds (the checked corpus, the compiled theme) without pickling it;
only each item's arguments and result cross between processes. Results come back in the order of
the items, so the output never depends on which worker did what. Where a platform cannot fork, with
one core, or for a handful of items, the work runs in this process.
"""

from __future__ import annotations

import multiprocessing
import os
from typing import Callable, Iterable, Iterator, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_task: Callable | None = None  # set just before forking; the workers inherit it


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _run(chunk: list) -> list:
    return [_task(item) for item in chunk]


def _chunks(items: list, jobs: int) -> Iterator[list]:
    # Small enough to keep every worker busy to the end, large enough that sending them costs little.
    size = max(16, min(256, len(items) // (jobs * 8) or 1))
    for start in range(0, len(items), size):
        yield items[start:start + size]


def forked_map(task: Callable[[T], R], items: Iterable[T], jobs: int = 0, min_items: int = 400,
               niceness: int = 0) -> Iterator[R]:
    """task(item) for every item, in order, on `jobs` processes (0: one per core; never more than the
    cores there are, since more processes than cores only add forks and memory, not speed).

    `niceness` lowers the workers' priority, so that another process (the search indexer) started
    meanwhile gets the cores it needs first.
    """
    global _task
    items = list(items)
    jobs = min(jobs or cores(), cores())
    if jobs <= 1 or len(items) < min_items or "fork" not in multiprocessing.get_all_start_methods():
        yield from map(task, items)
        return
    _task = task
    try:
        start = (os.nice, (niceness,)) if niceness else (None, ())
        with multiprocessing.get_context("fork").Pool(jobs, initializer=start[0], initargs=start[1]) as pool:
            for chunk in pool.imap(_run, _chunks(items, jobs)):
                yield from chunk
    finally:
        _task = None
