"""What the builder remembers between builds lives in one object per corpus (builder/pipeline/memory.py):
no module holds state of its own, an unchanged file comes back as the very same record only within one
memory, and no thread runs when the build forks its workers."""

from __future__ import annotations

import ast
import datetime as dt
import os
import shutil
import threading
import warnings
from pathlib import Path

import pytest

import builder
from builder.common import workers
from builder.pipeline.build import build, check
from builder.pipeline.settings import Settings
from builder.rendering import parallel

BUILDER = Path(builder.__file__).resolve().parent
CONTENT = BUILDER.parent / "content"
MUTATORS = {"append", "add", "update", "clear", "pop", "popitem", "setdefault", "extend", "insert", "remove", "discard"}
# The one `global` statement: a forked worker takes its task as it starts, in its own process only.
WORKER_GLOBAL = ("common/workers.py", "_task")


def _module_state(path: Path) -> list[str]:
    """Places where a module keeps state of its own: a function writing into a module-level name, a
    `global`, a module-level instance of a class the module defines, an unbounded memo of arguments."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    rel = path.relative_to(BUILDER).as_posix() if path.is_relative_to(BUILDER) else path.name
    top = {t.id for node in tree.body if isinstance(node, (ast.Assign, ast.AnnAssign))
           for t in (node.targets if isinstance(node, ast.Assign) else [node.target]) if isinstance(t, ast.Name)}
    classes = {node.name for node in tree.body if isinstance(node, ast.ClassDef)}
    found = []
    for node in tree.body:
        value = node.value if isinstance(node, (ast.Assign, ast.AnnAssign)) else None
        if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id in classes:
            found.append(f"{rel}:{node.lineno}: a module-level {value.func.id}")
    for function in ast.walk(tree):
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for decorator in function.decorator_list:
            unbounded = (isinstance(decorator, ast.Call) and any(k.arg == "maxsize" and isinstance(k.value, ast.Constant)
                                                                 and k.value.value is None for k in decorator.keywords))
            unbounded |= isinstance(decorator, (ast.Name, ast.Attribute)) and ast.unparse(decorator).endswith("cache")
            if unbounded and function.args.args:
                found.append(f"{rel}:{function.lineno}: {function.name} remembers every argument it was given")
        for node in ast.walk(function):
            if isinstance(node, ast.Global):
                found.extend(f"{rel}:{node.lineno}: global {name}" for name in node.names if (rel, name) != WORKER_GLOBAL)
            elif isinstance(node, ast.Subscript) and isinstance(node.ctx, (ast.Store, ast.Del)) \
                    and isinstance(node.value, ast.Name) and node.value.id in top:
                found.append(f"{rel}:{node.lineno}: writes into module-level {node.value.id}")
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in MUTATORS \
                    and isinstance(node.func.value, ast.Name) and node.func.value.id in top:
                found.append(f"{rel}:{node.lineno}: {node.func.value.id}.{node.func.attr}() on module-level state")
    return found


def test_no_module_keeps_state_of_its_own():
    found = [spot for path in sorted(BUILDER.rglob("*.py")) for spot in _module_state(path)]
    assert not found, "\n".join(found)


def test_the_state_check_sees_each_pattern(tmp_path):
    """The rule above is not vacuous: each way a module could keep state is reported."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from functools import lru_cache\n"
        "class Seen:\n    pass\n"
        "_SEEN = {}\n_ONE = Seen()\n_n = 0\n"
        "def remember(path, digest):\n    _SEEN[path] = digest\n"
        "def forget():\n    _SEEN.clear()\n"
        "def count():\n    global _n\n    _n += 1\n"
        "@lru_cache(maxsize=None)\ndef parse(text):\n    return text\n", encoding="utf-8")
    assert sorted(spot.split(": ", 1)[1] for spot in _module_state(sample)) == [
        "_SEEN.clear() on module-level state", "a module-level Seen", "global _n",
        "parse remembers every argument it was given", "writes into module-level _SEEN"]


def test_an_unchanged_file_is_the_very_same_record_within_one_memory(tmp_path):
    """The identity rule of builder/reading/cache.py: the next check through the same memory gives back
    the same objects for unchanged files, a new one for the edited file, and a new memory shares none."""
    corpus = tmp_path / "content"
    shutil.copytree(CONTENT, corpus)
    first = check(corpus)
    path = sorted((corpus / "events").rglob("*.yaml"))[0]
    edited = path.stem
    assert edited in first.corpus.events
    path.write_text(path.read_text(encoding="utf-8").replace("title: ", "title: خبر معدّل ", 1), encoding="utf-8")
    again = check(corpus, first)
    assert again.memory is first.memory
    assert again.corpus.pages == first.corpus.pages  # hand-written pages are read afresh: equal, not the same
    for kind in ("events", "bases", "sources"):
        before, after = getattr(first.corpus, kind), getattr(again.corpus, kind)
        for record_id, record in after.items():
            assert (record is before[record_id]) == (record_id != edited or kind != "events"), (kind, record_id)
    fresh = check(corpus)
    assert fresh.memory is not again.memory
    assert not any(fresh.corpus.events[i] is event for i, event in again.corpus.events.items())
    assert fresh.corpus == again.corpus


def _threads() -> int:
    """The threads of this process as the OS counts them, the count Python 3.12's fork warning reads."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("Threads:"))
    except OSError:
        return threading.active_count()


@pytest.fixture
def forks(monkeypatch):
    """At each os.fork: how many threads the OS counted and which Python threads were alive. When this
    process has no other thread, a fork with threads is an error too (Python 3.12+ warns of it); other
    tests may leave threads behind, which is why the tests below compare with what ran before."""
    seen: list[tuple[int, frozenset[int]]] = []
    real = os.fork

    def fork():
        seen.append((_threads(), frozenset(t.ident for t in threading.enumerate())))
        return real()

    monkeypatch.setattr(os, "fork", fork)
    with warnings.catch_warnings():
        if _threads() == 1:
            warnings.simplefilter("error", DeprecationWarning)  # "…is multi-threaded, use of fork()…"
        yield seen


@pytest.mark.skipif("fork" not in __import__("multiprocessing").get_all_start_methods(),
                    reason="a platform without fork renders in one process")
def test_no_thread_runs_when_a_build_forks_its_render_workers(tmp_path, monkeypatch, forks):
    monkeypatch.setattr(parallel, "MIN_PAGES", 0)  # fork even for this small corpus…
    monkeypatch.setattr(workers, "cores", lambda: 2)  # …and on a machine of one core
    settings = Settings(pdf=False, search=False, jobs=2, built=dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc))
    before, alive = _threads(), frozenset(t.ident for t in threading.enumerate())
    build(CONTENT, tmp_path / "site", settings)  # the site writer's thread runs while pages render
    assert forks, "the build did not fork: the test would prove nothing"
    for count, threads in forks:
        assert count <= before and threads <= alive, "the build started a thread before forking its workers"
    assert (tmp_path / "site" / "index.html").is_file()


def test_the_fork_check_sees_a_thread_started_before_the_fork(forks):
    """The pattern the build must avoid, reproduced: a thread runs while workers are forked."""
    stop = threading.Event()
    writer = threading.Thread(target=stop.wait, daemon=True)
    writer.start()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # the very warning this pattern earns
            assert list(workers.forked_map(abs, range(-4, 4), jobs=2, min_items=0)) == [4, 3, 2, 1, 0, 1, 2, 3]
    finally:
        stop.set()
        writer.join()
    assert forks and all(writer.ident in threads for _, threads in forks)
