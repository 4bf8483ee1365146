"""Run the pipeline with fewer garbage collections.

A large corpus is millions of long-lived objects (records, index, page contexts), and CPython's
default thresholds keep walking them: a large share of a build's time went to the collector (see the
README's Speed section). The pipeline makes little cyclic garbage, so collecting far less often costs
no memory worth measuring and gives that time back. The thresholds are the host's again afterwards,
so a process that embeds the builder (MkDocs) keeps its own policy.
"""

from __future__ import annotations

import functools
import gc
from contextlib import contextmanager
from typing import Callable, Iterator, TypeVar

F = TypeVar("F", bound=Callable)

THRESHOLDS = (50_000, 50, 1_000)


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Raise the collector's thresholds for the duration of the block (nested blocks are fine)."""
    before = gc.get_threshold()
    gc.set_threshold(*(max(old, new) for old, new in zip(before, THRESHOLDS)))
    try:
        yield
    finally:
        gc.set_threshold(*before)


def with_fewer_collections(function: F) -> F:
    """`function`, run inside fewer_collections()."""
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        with fewer_collections():
            return function(*args, **kwargs)
    return wrapper  # type: ignore[return-value]
