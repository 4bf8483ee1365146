"""Spread independent work over the machine's cores with forked worker processes.

Forking shares what the parent holds (the checked corpus, the compiled theme) without pickling it;
only each item's arguments and result cross between processes. Results come back in the order of
the items, so the output never depends on which worker did what. Where a platform cannot fork, with
one core, or for a handful of items, the work runs in this process.

A process must not fork while another of its threads runs: the child gets a copy of every lock as it
stood, held perhaps by a thread that does not exist there, and may deadlock (Python 3.12 and later warn
of it). `forked_map` therefore forks its workers before it returns, so that a caller can order its
threads after them (the build starts its site writer once the render workers exist), and the task
reaches the workers as they start rather than through a global of this process.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
from typing import Callable, Iterable, Iterator, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_task: Callable | None = None  # set in each worker as it starts (`_start`), never in the parent


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _start(task: Callable, niceness: int) -> None:
    """A worker's first step: take its task (inherited through the fork, not pickled) and its priority."""
    global _task
    _task = task
    if niceness:
        os.nice(niceness)


def _run(chunk: list) -> list:
    try:
        return [_task(item) for item in chunk]
    except Exception as exc:
        raise _portable(exc) from None


def _portable(exc: Exception) -> Exception:
    """The worker's error as it can reach the parent. The pool pickles it there; an error that pickles
    but cannot be rebuilt from its pickle would stop the pool's result thread and leave the parent
    waiting for ever, so it is tried here first and sent as a RuntimeError naming it when it fails."""
    try:
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:
        return RuntimeError(f"{type(exc).__name__}: {exc}")


def _chunks(items: list, jobs: int, size: int | None = None) -> Iterator[list]:
    # Small enough to keep every worker busy to the end, large enough that sending them costs little.
    size = size or max(16, min(256, len(items) // (jobs * 8) or 1))
    for start in range(0, len(items), size):
        yield items[start:start + size]


class Results(Iterator[R]):
    """The results of a forked_map, in the order of its items. The workers stop when the last result
    is taken or at `close` (call it when not every result is taken, e.g. on an error)."""

    def __init__(self, results: Iterator[R], pool=None):
        self._results, self._pool = results, pool

    def __next__(self) -> R:
        try:
            return next(self._results)
        except BaseException:  # the end (StopIteration) or a failure: either way the workers are done
            self.close()
            raise

    def close(self) -> None:
        """Stop the workers, if any still run."""
        if self._pool is not None:
            self._pool.terminate()
            self._pool = None


def forked_map(task: Callable[[T], R], items: Iterable[T], jobs: int = 0, min_items: int = 400,
               niceness: int = 0, chunk: int | None = None) -> Results[R]:
    """task(item) for every item, in order, on `jobs` processes (0: one per core; never more than the
    cores there are, since more processes than cores only add forks and memory, not speed).

    The workers are forked before this returns (see the module's docstring on threads). `niceness`
    lowers the workers' priority, so that another process (the search indexer) started meanwhile gets
    the cores it needs first. `chunk` items go to a worker at a time (by default enough to keep sending
    cheap); 1 for long tasks, so that no worker is left with two while another idles.
    """
    items = list(items)
    jobs = min(jobs or cores(), cores())
    if jobs <= 1 or len(items) < min_items or "fork" not in multiprocessing.get_all_start_methods():
        return Results(map(task, items))
    pool = multiprocessing.get_context("fork").Pool(jobs, initializer=_start, initargs=(task, niceness))
    return Results((result for chunk in pool.imap(_run, _chunks(items, jobs, chunk)) for result in chunk), pool)
