"""Walk a corpus folder and read every file into records, collecting every problem on the way."""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from builder.common import model as m
from builder.prose import rules as prose
from builder.reading.cache import Entry, RecordCache
from builder.common.diagnostics import Diagnostics, Mark, display_path
from builder.reading.fingerprints import Fingerprint, Fingerprints, contents
from builder.reading.fields import ID
from builder.reading.files import MAX_ORIGINAL_BYTES, MAX_TEXT_BYTES, position, read_bytes, read_text
from builder.reading.records import Found, read_base, read_event, read_source
from builder.reading.strict_yaml import parse
from builder.common.workers import forked_map

LAYOUT = {"sources", "bases", "events", "pages", "site-root"}
PARALLEL_FILES = 1000  # from this many unread files, parse them on every core
_TITLE = re.compile(r"\A#\s+(.+)$", re.MULTILINE)

# Walker.names's answer for a folder and suffixes: the listing it came from, the paths, the refusals.
Named = dict[tuple[str, tuple[str, ...]], tuple[tuple[os.DirEntry, ...], list[str], list[tuple]]]


@dataclass
class ReadingMemory:
    """What reading one corpus remembers between its checks in this process: the parsed records (by the
    bytes they came from), the files' digests and folders' listings (by their status), and the walker's
    last answer for each folder. The host keeps one per corpus (`builder.pipeline.memory.Memory`), so two
    corpora never share what they read and a test can start from nothing."""

    records: RecordCache
    files: Fingerprints = field(default_factory=Fingerprints)
    named: Named = field(default_factory=dict)

    @classmethod
    def open(cls) -> ReadingMemory:
        """Starting afresh, with the record cache of this version of the builder (RecordCache.open)."""
        return cls(RecordCache.open())


class Walker:
    """Lists a corpus's files, refusing anything outside the documented layout."""

    def __init__(self, root: Path, diagnostics: Diagnostics, memory: ReadingMemory):
        self.root = root.resolve()
        self.diagnostics = diagnostics
        self.memory = memory
        self.cache = memory.records  # parsed records by content: an unchanged file is not parsed again
        self.fingerprint = memory.files.fingerprint
        self._root_text = str(self.root)
        self._root_shown = display_path(self.root)
        self.digests: dict[str, bytes] = {}  # SHA-256 of each file read, by its path from the corpus root
        self.outside: set[Path] = set()  # top-level folders that are links out of the corpus: refused, never read

    def relative(self, path: Path | str) -> str:
        """A path under the root as the digests name it: relative to the corpus folder, with '/'."""
        return os.fspath(path)[len(self._root_text) + 1:]

    def shown_all(self, names: list[str]) -> list[tuple[str, str]]:
        """(name, shown) for paths listed under the root: shown() without its general case, 10,000 a check."""
        cut, prefix = len(self._root_text) + 1, "" if self._root_shown == "." else self._root_shown + "/"
        return [(name, prefix + name[cut:]) for name in names]

    def shown(self, path: Path) -> str:
        """display_path(path), without asking the file system again for every file of the corpus."""
        text = str(path)
        if text.startswith(self._root_text + "/"):
            rel = text[len(self._root_text) + 1:]
            return rel if self._root_shown == "." else f"{self._root_shown}/{rel}"
        return display_path(path)

    def refuse(self, path: Path, code: str, message: str, hint: str) -> None:
        """Report a file or folder that has no place in the corpus layout (at line 0: the whole file)."""
        self.diagnostics.error(Mark(self.shown(path), 0, 0), code, message, hint)

    def files(self, folder: Path, suffixes: tuple[str, ...]) -> list[Path]:
        """Regular files in `folder` with one of `suffixes`, sorted; everything else is reported."""
        return [Path(name) for name in self.names(folder, suffixes)]

    def names(self, folder: Path, suffixes: tuple[str, ...]) -> list[str]:
        """files(), as path strings: no Path object per file for every file a check lists. For the
        very listing `entries` kept (the folder unchanged, no link in it), the last answer is reused."""
        if folder in self.outside or folder.parent in self.outside:
            return []
        listed = self.memory.files.entries(folder)
        memo_key = (os.fspath(folder), suffixes)
        seen = self.memory.named.get(memo_key)
        if seen is not None and seen[0] is listed:
            _, out, refusals = seen
        else:
            out, refusals = [], []
            for entry in listed:
                if entry.is_symlink() and not self.contained(Path(entry.path)):
                    continue
                if entry.is_file() and entry.name.endswith(suffixes):  # hidden names are not listed
                    out.append(entry.path)
                else:
                    path = Path(entry.path)
                    wanted = " or ".join(suffixes)
                    hint = f"rename it to {path.stem}.yaml" if path.suffix == ".yml" else f"this folder holds only {wanted} files"
                    refusals.append((path, "layout", f"unexpected {'folder' if entry.is_dir() else 'file'} '{entry.name}'", hint))
            self.memory.named[memo_key] = (listed, out, refusals)
        for refusal in refusals:
            self.refuse(*refusal)
        return list(out)

    def contained(self, path: Path) -> bool:
        """Refuse symbolic links that lead out of the corpus."""
        if path.is_symlink():
            target = path.resolve()
            if not target.is_relative_to(self.root):
                self.refuse(path, "symlink", "symbolic link points outside the corpus",
                            "copy the file into the corpus instead of linking to it")
                return False
        return True

    def event_files(self) -> list[str]:
        """Paths of every events/<yyyy>/*.yaml file, by year then name; any other entry of events/ is reported."""
        folder = self.root / "events"
        if folder in self.outside:
            return []
        out = []
        for entry in self.memory.files.entries(folder):  # kept between checks while the folder is unchanged
            year = folder / entry.name
            if entry.is_symlink() and not self.contained(year):
                continue
            if entry.is_dir() and re.fullmatch(r"\d{4}", entry.name):
                out.extend(self.names(year, (".yaml",)))
            else:
                self.refuse(year, "layout", f"unexpected entry '{entry.name}' in events/",
                            "events live in events/<yyyy>/<id>.yaml, under the year of their start date")
        return out

    def check_top(self) -> None:
        """Refuse entries the layout has no place for, and top-level folders that are links out of the
        corpus: following one would publish whatever it points to (another project, a home folder)."""
        for name in sorted(LAYOUT):
            path = self.root / name
            if path.is_symlink() and not path.resolve().is_relative_to(self.root):
                self.refuse(path, "symlink", f"'{name}/' is a symbolic link to a folder outside the corpus",
                            f"move the folder into the corpus instead of linking to it; {name}/ was not read")
                self.outside.add(path)
        for path in sorted(self.root.iterdir()):
            if not path.name.startswith(".") and path.name not in LAYOUT and path.suffix != ".md":
                self.refuse(path, "layout", f"unexpected entry '{path.name}' at the top of the corpus",
                            f"a corpus holds {', '.join(sorted(LAYOUT))}/")


def _yaml(path: Path, shown: str, diagnostics: Diagnostics, raw: bytes | None = None):
    text = read_text(path, shown, diagnostics, raw=raw)
    return None if text is None else parse(text, shown, diagnostics)


def _prints(walker: Walker, paths: tuple[Path | str, ...]) -> tuple[Fingerprint | None, ...]:
    return tuple(walker.fingerprint(path, MAX_TEXT_BYTES) for path in paths)


def _cached(walker: "Walker", kind: str, shown: str, paths: tuple[Path | str, ...], diagnostics: Diagnostics, read,
            prints: tuple[Fingerprint | None, ...] | None = None):
    """`read(local_diagnostics, *bytes_of_paths)` once per distinct content of the files; the problems it
    reported are replayed on every hit. A file over the size limit is read uncached (read_text reports it)."""
    prints = _prints(walker, paths) if prints is None else prints
    if any(found is None for found in prints):
        return read(diagnostics, *(None for _ in paths))
    for path, found in zip(paths, prints):
        walker.digests[walker.relative(path)] = found.digest
    cache = walker.cache
    entry = cache.get(cache.key(kind, shown, *(found.digest for found in prints)))
    if entry is None:
        # Keyed by the bytes actually parsed: a file changed since its fingerprint is not cached under the old one.
        digests, datas = zip(*(contents(path, found) for path, found in zip(paths, prints)))
        local = Diagnostics()
        entry = (read(local, *datas), tuple(local.items))
        cache.put(cache.key(kind, shown, *digests), entry)
    value, problems = entry
    diagnostics.extend(problems)
    return value


# id, meta path, text path, original path ('' when none), shown, prints (of meta, text and original)
SourcePair = tuple[str, str, str, str, str, tuple[Fingerprint | None, ...]]
SOURCE_SUFFIXES = (".yaml", ".txt", *m.ORIGINAL_SUFFIXES)


def _stem(name: str) -> str:
    return next(name[:-len(suffix)] for suffix in SOURCE_SUFFIXES if name.endswith(suffix))


def _source_pairs(walker: Walker, diagnostics: Diagnostics) -> list[SourcePair]:
    """Each source's two files and the original archived beside them, if any (reporting a file without
    its pair, or a second original), fingerprinted."""
    folder = walker.root / "sources"
    listed = {os.path.basename(name) for name in walker.names(folder, SOURCE_SUFFIXES)}
    out = []
    for stem in sorted({_stem(name) for name in listed}):
        meta, body = f"{stem}.yaml", f"{stem}.txt"
        originals = [stem + suffix for suffix in m.ORIGINAL_SUFFIXES if stem + suffix in listed]
        if meta not in listed or body not in listed:
            present = meta if meta in listed else body if body in listed else originals[0]
            missing = " and ".join(f"'{name}'" for name in (meta, body) if name not in listed)
            diagnostics.error(Mark(walker.shown(folder / present), 0, 0), "source-pair",
                              f"{missing} {'are' if ' and ' in missing else 'is'} missing",
                              "each source is a pair: <id>.txt (the article) and <id>.yaml (its metadata)")
            continue
        for extra in originals[1:]:
            diagnostics.error(Mark(walker.shown(folder / extra), 0, 0), "source-original",
                              f"a second original for '{stem}', beside {originals[0]}",
                              f"keep the one {meta} names under `original`, and remove the other")
        original = os.path.join(folder, originals[0]) if originals else ""
        meta, body = os.path.join(folder, meta), os.path.join(folder, body)  # strings: a check pairs every source
        prints = _prints(walker, (meta, body)) + ((walker.fingerprint(original, MAX_ORIGINAL_BYTES),) if original else ())
        out.append((stem, meta, body, original, walker.shown(meta), prints))
    return out


def _source(stem: str, meta: str, body: str, original: str, shown: str, raw_meta: bytes | None,
            raw_body: bytes | None, raw_original: bytes | None, diagnostics: Diagnostics) -> m.Source | None:
    shown_stem = shown[:-len(".yaml")]
    text = read_text(Path(body), shown_stem + ".txt", diagnostics, raw=raw_body)
    node = _yaml(Path(meta), shown, diagnostics, raw=raw_meta)
    found = None
    if original:
        shown_original = shown_stem + original[len(body) - len(".txt"):]
        data = read_bytes(Path(original), shown_original, diagnostics, MAX_ORIGINAL_BYTES, raw=raw_original)
        if data is None:
            return None
        found = Found(os.path.basename(original), shown_original, hashlib.sha256(data).hexdigest())
    if text is None or node is None:
        return None
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return read_source(node, stem, shown, text, digest, diagnostics, found)


def _sources(walker: Walker, diagnostics: Diagnostics, pairs: list[SourcePair]) -> dict[str, m.Source]:
    out: dict[str, m.Source] = {}
    for stem, meta, body, original, shown, prints in pairs:
        paths = (meta, body, original) if original else (meta, body)

        def read(local: Diagnostics, raw_meta: bytes | None, raw_body: bytes | None, raw_original: bytes | None = None,
                 stem=stem, meta=meta, body=body, original=original, shown=shown):
            return _source(stem, meta, body, original, shown, raw_meta, raw_body, raw_original, local)

        source = _cached(walker, "source", shown, paths, diagnostics, read, prints=prints)
        if source is not None:
            out[stem] = source
    return out


def _bases(walker: Walker, diagnostics: Diagnostics) -> dict[str, m.Base]:
    out = {}
    for path in walker.files(walker.root / "bases", (".yaml",)):
        shown = walker.shown(path)

        def read(local: Diagnostics, raw: bytes | None, path=path, shown=shown):
            node = _yaml(path, shown, local, raw=raw)
            return None if node is None else read_base(node, path.stem, shown, local)

        base = _cached(walker, "base", shown, (path,), diagnostics, read)
        if base is not None:
            out[path.stem] = base
    return out


EventFile = tuple[str, str, Fingerprint | None]  # path, shown, print


def _event_files(walker: Walker) -> list[EventFile]:
    return [(path, shown, walker.fingerprint(path, MAX_TEXT_BYTES)) for path, shown in walker.shown_all(walker.event_files())]


def _events(walker: Walker, diagnostics: Diagnostics, files: list[EventFile]) -> dict[str, m.Event]:
    out: dict[str, m.Event] = {}
    cache, digests, relative = walker.cache, walker.digests, walker.relative
    for path, shown, found in files:
        entry = None if found is None else cache.get(cache.key("event", shown, found.digest))
        if entry is not None:  # _cached's hit, inline: 10,000 of them after every edit in a preview
            digests[relative(path)] = found.digest
            event, problems = entry
            if problems:
                diagnostics.extend(problems)
        else:
            event = _cached(walker, "event", shown, (path,), diagnostics,
                            lambda local, raw: _event(path, shown, raw, local), prints=(found,))
        if event is None:
            continue
        if event.id in out:
            diagnostics.error(Mark(shown, 1, 1), "duplicate-id", f"event id '{event.id}' is also used by {out[event.id].path}",
                              "give one of them another id")
            continue
        out[event.id] = event
    return out


def _read(task: tuple) -> Entry:
    read, *args = task
    local = Diagnostics()
    return read(*args, local), tuple(local.items)


def _parse_new(walker: Walker, pairs: list[SourcePair], events: list[EventFile]) -> None:
    """Parse the source and event files the cache does not hold yet on every core, and cache them: on a
    cold cache, reading the sources and events is most of a check."""
    cache = walker.cache
    keys, tasks = [], []
    for stem, meta, body, original, shown, prints in pairs:  # the larger files first, so that both cores finish together
        if all(found is not None and found.data is not None for found in prints):
            if (k := cache.key("source", shown, *(found.digest for found in prints))) not in cache.entries:
                keys.append(k)
                raws = tuple(found.data for found in prints)
                tasks.append((_source, stem, meta, body, original, shown, *raws, *((None,) if not original else ())))
    for path, shown, found in events:
        if found is None or found.data is None:  # too big (reported later), or unchanged since last read
            continue
        if (k := cache.key("event", shown, found.digest)) not in cache.entries:
            keys.append(k)
            tasks.append((_event, path, shown, found.data))
    for k, entry in zip(keys, forked_map(_read, tasks, min_items=PARALLEL_FILES)):
        cache.put(k, entry)


def _event(name: str, shown: str, raw: bytes | None, diagnostics: Diagnostics) -> m.Event | None:
    path = Path(name)
    node = _yaml(path, shown, diagnostics, raw=raw)
    if node is None:
        return None
    event = read_event(node, path.stem, shown, diagnostics)
    if event is None:
        return None
    year = event.date.start.value.year
    if path.parent.name != f"{year:04d}":
        diagnostics.error(node.items["date"].mark, "event-year",
                          f"the event starts in {year} but is filed under events/{path.parent.name}/",
                          f"move it to events/{year:04d}/")
    return event


def _pages(walker: Walker, diagnostics: Diagnostics) -> dict[str, m.Page]:
    out = {}
    for path in walker.files(walker.root / "pages", (".md",)):
        shown = walker.shown(path)
        text = read_text(path, shown, diagnostics)
        if text is None:
            continue
        if not ID.fullmatch(path.stem):
            diagnostics.error(Mark(shown, 0, 0), "bad-id", f"page name '{path.stem}' is not lowercase ASCII words",
                              "rename the file, e.g. pages/methodology.md")
            continue
        for problem in prose.problems(text, titled=True):
            line, column = position(text, problem.offset)
            diagnostics.error(Mark(shown, line + 1, column + 1), "markdown", problem.message, problem.hint)
        heading = _TITLE.search(text)
        if not heading:
            diagnostics.error(Mark(shown, 1, 1), "page-title", "the page has no title",
                              "start the page with a `# Title` line")
            continue
        body = text[:heading.start()] + text[heading.end():]
        out[path.stem] = m.Page(path.stem, heading.group(1).strip(), body.strip() + "\n", shown)
    return out


class Loaded(NamedTuple):
    """What `load` read: the corpus, the ids of records whose files did not read, and the files' digests."""

    corpus: m.Corpus
    broken: frozenset[str]  # ids of records whose files exist but did not read
    digests: dict[str, bytes]  # SHA-256 of the files read, by path from the corpus root (for the content's digest)


def load(root: Path, diagnostics: Diagnostics, memory: ReadingMemory) -> Loaded:
    """Read every file of a corpus: the records that parsed, and the ids of those that exist but did not.

    Problems go to `diagnostics`. The broken ids let cross-file checks stay quiet about references
    to a file whose own error is already reported. `memory` is what earlier checks of the same corpus
    read (an unchanged file is neither read nor parsed again, and gives back the very same record).
    """
    if not root.is_dir():
        diagnostics.error(Mark(display_path(root), 0, 0), "no-corpus", "the content folder does not exist",
                          "pass the corpus folder with --content DIR")
        return Loaded(m.Corpus({}, {}, {}, {}), frozenset(), {})
    walker = Walker(root, diagnostics, memory)
    walker.check_top()
    pairs, events = _source_pairs(walker, diagnostics), _event_files(walker)
    _parse_new(walker, pairs, events)
    corpus = m.Corpus(
        sources=_sources(walker, diagnostics, pairs),
        bases=_bases(walker, diagnostics),
        events=_events(walker, diagnostics, events),
        pages=_pages(walker, diagnostics),
    )
    stems = {name[:-len(".yaml")] for kind in ("sources", "bases") if (root / kind).is_dir()
             for name in os.listdir(root / kind) if name.endswith(".yaml")}
    return Loaded(corpus, frozenset(stems - set(corpus.sources) - set(corpus.bases)), walker.digests)
