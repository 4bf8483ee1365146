"""The pipeline: read → validate → index → plan → render → write. Nothing before `write` touches the output."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from builder.arabic import wording as labels
from builder.common import model as m
from builder.common.collector import with_fewer_collections
from builder.writing.downloads import dump_records, dumps, exports
from builder.common.diagnostics import STRICT, BriefingError, BuildFailed, Diagnostic, Diagnostics
from builder.indexing.changes import HISTORY, Published, compare, content_digest, event_dates
from builder.writing.schemas import schemas
from builder.planning.feeds import Feeds, stamp
from builder.indexing.index import Index, build_index, update_index
from builder.reading.loading import load
from builder.reading.site_root import FOLDER, read_site_root
from builder.planning import kinds
from builder.planning.pages import Planner
from builder.rendering.parallel import render_pages
from builder.rendering.pdf import make_pdfs, print_layout
from builder.rendering.render import Renderer, SiteInfo
from builder.rendering.search import Indexer
from builder.pipeline.memory import Memory
from builder.pipeline.settings import Settings
from builder.checking.validate import Before, Cited, Found, QuoteKeys, same_except_events, validate
from builder.planning.views import Views, brief_href, brief_pdf_href, original_href
from builder.rendering.site_files import SiteFiles
from builder.writing.site import Staging

THEME = Path(__file__).resolve().parents[2] / "templates"


@dataclass(frozen=True)
class Checked:
    """A corpus that passed every check, its index, and what the process remembers of reading it."""

    corpus: m.Corpus
    index: Index
    root: Path  # the corpus folder, hashed for version.json when a site is made
    digests: dict[str, bytes] = field(default_factory=dict, compare=False)  # of the files the check read
    quote_keys: QuoteKeys = field(default_factory=dict, compare=False)  # record-cache keys of each event's quotes
    cited: Cited = field(default_factory=dict, compare=False)  # how many citations quote each passage
    memory: Memory = field(default_factory=Memory.open, compare=False, repr=False)  # this corpus's, for the next build
    site_root: dict[str, bytes] = field(default_factory=dict, compare=False)  # site-root/'s files, by path in the site
    warnings: tuple[Diagnostic, ...] = field(default=(), compare=False)  # what the check found probably wrong


@with_fewer_collections
def check(content: Path, previous: Checked | None = None, memory: Memory | None = None,
          strict: bool = False) -> Checked:
    """Load and validate a corpus; raise BuildFailed with every problem found (its warnings among them).
    A corpus with warnings only passes, carrying them in `Checked.warnings` for the host to print;
    under `strict` it fails with them.

    `previous`, an earlier check of the same folder (a preview's last one): when only events changed
    since, only they are checked and indexed again, with the same result as a check from scratch.
    `memory`, what this process remembers of the corpus (the host keeps one per corpus); by default the
    previous check's, else a new one, so a check of another folder never reuses what this one read.
    """
    diagnostics = Diagnostics()
    if previous is not None and previous.root != content:
        previous = None
    if memory is None:
        memory = previous.memory if previous is not None else Memory.open()
    try:
        corpus, broken, digests = load(content, diagnostics, memory.reading)
        if diagnostics or (previous is not None and not same_except_events(previous.corpus, corpus)):
            previous = None
        found = validate(corpus, diagnostics, kinds.reserved(), memory.reading.records, broken,
                         None if previous is None else
                         Before(previous.corpus, Found(previous.index.matches, previous.quote_keys, previous.cited)))
        site_root = read_site_root(content, diagnostics)
    finally:
        memory.reading.records.save()  # what this check read, for the next one
    if diagnostics:
        raise BuildFailed(diagnostics)
    if strict and diagnostics.warnings:
        raise BuildFailed(diagnostics, STRICT)
    matches = found.matches
    index = build_index(corpus, matches) if previous is None else update_index(previous.index, corpus, matches)
    return Checked(corpus, index, content, digests, found.quote_keys, found.cited, memory, site_root,
                   tuple(diagnostics.warnings))


def with_site_root(checked: Checked, files: dict[str, bytes]) -> dict[str, bytes]:
    """The corpus's site-root/ files to add to a site whose other files are `files`; BriefingError
    (site-root-clash) at the first that would replace a generated file."""
    for rel in checked.site_root:
        if rel in files:
            raise BriefingError.at(checked.root / FOLDER / rel, 0, 0, "site-root-clash",
                                   f"would replace the site's own {rel}",
                                   f"remove it from {FOLDER}/: the build writes that file itself")
    return checked.site_root


def originals(checked: Checked) -> dict[str, bytes]:
    """The sources' archived originals (saved pages, WARC records), as the site offers them for download
    (views.original_href). Each is read again here and held to the SHA-256 the check accepted: the
    file a reader downloads is the one the hash on the page describes. BriefingError (source-original)
    when one changed since the check."""
    out = {}
    for source_id in sorted(checked.corpus.sources):
        kept = checked.corpus.sources[source_id].original
        if kept is None:
            continue
        path = checked.root / "sources" / kept.file
        data = path.read_bytes() if path.is_file() else b""
        if hashlib.sha256(data).hexdigest() != kept.sha256:
            raise BriefingError.at(path, 0, 0, "source-original", "changed (or went) while the site was being built",
                                   "build again once the corpus is settled")
        out[original_href(source_id, kept.file)] = data
    return out


def assets(templates: Path) -> dict[str, bytes]:
    """The theme's static files (CSS, fonts), copied as they are under assets/."""
    folder = templates / "assets"
    if not folder.is_dir():
        return {}
    return {f"assets/{p.relative_to(folder).as_posix()}": p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@dataclass
class Setup:
    """What rendering any page of a site needs, and the files that are not pages (data, schemas, version)."""

    renderer: Renderer
    planner: Planner
    data: dict[str, bytes]


def setup(checked: Checked, settings: Settings, templates: Path = THEME, previous: Published | None = None) -> Setup:
    """What rendering any page needs (the renderer and the planner) and the files that are not pages:
    the downloads, the schemas and version.json. `previous` is the published edition to compare with."""
    style = settings.style
    site = SiteInfo(name=settings.site_name, nav=kinds.nav(checked.corpus), built=style.day(settings.built.date()),
                    built_iso=settings.built.date().isoformat(), edition=settings.edition_id,
                    url=settings.site_url, description=labels.SITE_DESCRIPTION, editions=settings.editions)
    views = Views(checked.index, style)
    data = exports(checked.index, settings.site_url, checked.memory.downloads, style)
    current = Published.from_files(settings.edition_id, data)
    changes = compare(previous, current) if previous else None
    dates = event_dates(previous, current, changes, stamp(settings.built))
    data[HISTORY] = dump_records(list(dates.values()))
    feeds = Feeds(views, settings.site_name, settings.site_url, settings.built, dates)
    planner = Planner(checked.index, views, feeds, settings.built.date(), settings.site_url, pdf=settings.pdf,
                      changes=changes)
    data = {**data, **schemas(), "version.json": version_record(
        settings, content_digest(checked.root, checked.digests, checked.memory.reading.files))}
    return Setup(Renderer(templates, site, checked.memory.templates), planner, data)


@with_fewer_collections
def render_site(checked: Checked, settings: Settings, templates: Path = THEME,
                previous: Published | None = None, sink: Callable[[str, bytes], None] | None = None) -> SiteFiles:
    """Every page, data file and asset of the site, in memory; `previous` is the edition to compare with.
    `sink` is handed each file as soon as it is made (build() writes them while the rest is made)."""
    made = setup(checked, settings, templates, previous)
    renderer, planner = made.renderer, made.planner
    # The pages Pagefind reads come first, so it can index them while the others are rendered.
    searched = kinds.indexed()
    keys = sorted(planner.keys(), key=lambda key: key[0] not in searched)
    first = sum(1 for key in keys if key[0] in searched)
    # The render workers are forked here, before the first file reaches `sink` (which may start a thread).
    rendered = render_pages(planner, renderer, keys, settings.jobs, search=settings.search, pdf=settings.pdf)
    files = SiteFiles(sink)
    indexer = Indexer() if settings.search else None
    copies: dict[str, bytes] = {}  # what Pagefind reads of each indexed page, by path
    briefs: dict[str, bytes] = {}  # each brief's PDF data, by month
    try:
        for path, body in {**made.data, **originals(checked)}.items():
            files.add(path, body)
        for done, page in enumerate(rendered, start=1):
            files.add(page.path, page.html)
            if page.search is not None:
                copies[page.path] = page.search
            if page.print is not None:
                briefs[page.key[1]] = page.print
            if indexer and done == first:
                indexer.start(copies)
        if indexer and (not indexer.started or indexer.pages != copies):  # e.g. a later page carries the marker too
            indexer.close()
            indexer.start(copies)
        for path, data in assets(templates).items():
            files.add(path, data)
        if briefs:  # while Pagefind indexes; after the assets, since the PDF's fonts come from the site itself
            pdfs = make_pdfs([(brief_href(month), data) for month, data in briefs.items()], files,
                             print_layout(templates), settings.built, settings.jobs)
            for month in briefs:
                files.add(brief_pdf_href(month), pdfs[brief_href(month)])
        if indexer:
            for path, data in indexer.finish().items():
                files.add(path, data)
    finally:
        rendered.close()
        if indexer:
            indexer.close()
    for path, data in with_site_root(checked, files.files).items():  # last: each is checked against all the rest
        files.add(path, data)
    return files


def version_record(settings: Settings, digest: str) -> bytes:
    """version.json: which edition this is, when it was built, and a hash of the content it was built from."""
    return dumps({"edition": settings.edition_id, "built": settings.built.isoformat(), "content_sha256": digest})


def write_built(checked: Checked, site_dir: Path, settings: Settings, templates: Path = THEME,
                previous: Published | None = None) -> SiteFiles:
    """Render a checked corpus's site into `site_dir`, each file written beside the old site as it is
    made (while the search index is built); the old site stays unless all of it succeeds."""
    with Staging(site_dir, settings.built.timestamp(), protected=(checked.root, templates)) as staging:
        return render_site(checked, settings, templates, previous, sink=staging.add)


def vetted(checked: Checked, settings: Settings, strict: bool = False) -> tuple[Diagnostic, ...]:
    """Every warning of a build: the corpus's (Checked.warnings) and the settings' (Settings.warnings),
    for the host to print. Under `strict` they fail the build before anything is written (BuildFailed)."""
    warnings = (*checked.warnings, *settings.warnings())
    if strict and warnings:
        raise BuildFailed(warnings, STRICT)
    return warnings


def build(content: Path, site_dir: Path, settings: Settings, templates: Path = THEME,
          previous: Published | None = None, strict: bool = False) -> tuple[SiteFiles, tuple[Diagnostic, ...]]:
    """Check, render and write a corpus's site; the previous site stays unless all of it succeeds.
    Returns the files and the build's warnings (vetted: under `strict`, warnings fail it unwritten)."""
    checked = check(content)
    warnings = vetted(checked, settings, strict)
    return write_built(checked, site_dir, settings, templates, previous), warnings
