"""The MkDocs adapter: `mkdocs build` and `mkdocs serve` run the builder's core and nothing else.

MkDocs keeps what it is good at (configuration, the live-reload server); the core renders every
page itself. MkDocs's own output goes to a scratch folder that is thrown away, so a failed build
never touches the real `site_dir`: the core swaps the new site in only when all of it succeeded.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import watchdog.events
import watchdog.observers
import watchdog.observers.polling
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files

from builder.pipeline.build import THEME, Checked, check, vetted, write_built
from builder.common.diagnostics import BriefingError
from builder.pipeline.settings import from_options
from builder.pipeline.memory import Memory
from builder.preview.error_page import error_page
from builder.preview.incremental import Preview, update
from builder.rendering.site_files import SiteFiles
from builder.writing.site import write_changes, write_site

log = logging.getLogger("mkdocs.plugins.briefing")


class BriefingConfig(Config):
    """The plugin's options in mkdocs.yml, the same settings as `briefing build`'s flags."""

    content = c.Type(str, default="content")
    templates = c.Optional(c.Type(str))
    months = c.Choice(("levantine", "gregorian"), default="levantine")
    digits = c.Choice(("western", "arabic-indic"), default="western")
    pdf = c.Type(bool, default=True)
    search = c.Type(bool, default=True)
    edition = c.Optional(c.Type(str))
    jobs = c.Type(int, default=0)  # processes rendering pages; 0: one per core
    poll = c.Type(bool, default=False)  # serve: poll the files for changes, as MkDocs does, instead of OS notifications


class BriefingPlugin(BasePlugin[BriefingConfig]):
    """Builds the briefing site inside MkDocs: `mkdocs build` writes it, `mkdocs serve` previews it and
    re-renders only what an edit reaches."""

    def on_startup(self, *, command, dirty):
        # Defining on_startup keeps this object across the rebuilds of one `mkdocs serve`, so a preview
        # remembers what it built and re-renders only what an edit reaches.
        """Note whether MkDocs is serving; defining this hook keeps the plugin across a serve's rebuilds."""
        self.serving = command == "serve"
        self.preview: Preview | None = None
        self.checked: Checked | None = None
        self.memory: tuple[Path, Memory] | None = None  # the corpus served, and what is remembered of it
        self.failed: BriefingError | None = None  # what the preview's last check found wrong
        self.server = None
        self.watched: int | None = None  # the corpus folder's inode when it was last watched

    def on_config(self, config):
        """Resolve the corpus and theme folders and point MkDocs at an empty docs folder."""
        base = Path(config.config_file_path or ".").parent
        self.content = (base / self.config.content).resolve()
        if self.memory is None or self.memory[0] != self.content:  # another corpus shares nothing with the last
            self.memory = (self.content, Memory.open())
        self.templates = (base / self.config.templates).resolve() if self.config.templates else THEME
        self.site_dir = Path(config.site_dir)
        self.scratch = tempfile.mkdtemp(prefix="briefing-mkdocs-")
        config.site_dir = self.scratch
        # MkDocs would list every corpus file as a page only for on_files to drop them all, on every
        # rebuild of a preview: it gets an empty folder instead, and watches the corpus.
        if not getattr(self, "no_docs", None):
            self.no_docs = tempfile.mkdtemp(prefix="briefing-mkdocs-docs-")  # kept until on_shutdown: MkDocs watches it
        config.docs_dir = self.no_docs
        # Nor does MkDocs render its theme's 404 page and sitemap, into the scratch folder thrown away
        # afterwards: every rebuild of a preview would compile those templates again for nothing.
        config.theme.static_templates = set()
        config.watch.extend([str(self.content), str(self.templates)])
        return config

    def on_pre_build(self, config):
        """Check the corpus; a corpus with problems stops the build with every problem listed (a preview
        shows them instead, on_post_build)."""
        self.started = time.perf_counter()
        self.failed = None
        if not getattr(self, "serving", False):
            with reported():  # `mkdocs build --strict`: a warning fails the build before anything is written
                self.checked = check(self.content, None, self.memory[1], strict=bool(config.get("strict")))
            warn(self.checked.warnings)
            return
        self._rewatch()
        try:
            # A preview's last good check lets the next one re-check only the events edited since.
            self.checked = check(self.content, self.checked, self.memory[1])
            warn(self.checked.warnings)
        except BriefingError as failed:
            self.failed = failed  # shown in the browser by on_post_build; the server is not left stuck

    def on_files(self, files, config):
        """No MkDocs page: the builder renders every page itself."""
        return Files([])  # the core renders every page, hand-written ones included

    def on_post_build(self, config):
        """Render and write the site: incrementally while serving, whole otherwise."""
        try:
            if not getattr(self, "serving", False):
                with reported():
                    settings = from_options(config.site_name, config.site_url, dict(self.config))
                    vetted(replace(self.checked, warnings=()), settings, strict=bool(config.get("strict")))
                    write_built(self.checked, self.site_dir, settings, self.templates)
                warn(settings.warnings())
                return
            try:
                if self.failed is not None:
                    raise self.failed
                settings = from_options(config.site_name, config.site_url, dict(self.config))
                if not settings.pdf and not settings.search:
                    self._preview(settings)
                else:
                    write_built(self.checked, self.site_dir, settings, self.templates)
            except BriefingError as failed:
                self._show(failed)
        finally:
            self._drop_scratch()

    def _show(self, failed: BriefingError) -> None:
        """A preview whose build failed serves a page listing the errors at every address (as index.html
        and as MkDocs's 404 page), which reloads itself until a build passes: MkDocs would otherwise hold
        every request until the errors are fixed, and show them only in the terminal."""
        log.error("briefing: the preview shows these errors until they are fixed:\n%s", failed.report())
        page = error_page(failed)
        write_site(SiteFiles.of({"index.html": page, "404.html": page}), self.site_dir, time.time(),
                   protected=(self.content, self.templates))
        self.preview, self.checked = None, None  # the next good build writes the whole site again

    def _preview(self, settings):
        previous = self.preview if self.preview is not None and (self.site_dir / "index.html").is_file() else None
        if previous is not None and replace(previous.settings, built=settings.built) == settings:
            settings = previous.settings  # the same build time: an edit does not restamp every page
        done = update(previous, self.checked, settings, self.templates)
        if previous is None:
            write_site(SiteFiles.of(done.preview.files), self.site_dir, settings.built.timestamp(),
                       protected=(self.content, self.templates))
        else:
            write_changes(self.site_dir, done.write, done.delete, settings.built.timestamp())
        self.preview = done.preview
        log.info("briefing: checked the corpus, %s %d pages, wrote %d files, removed %d, in %.2f s",
                 "rendered" if done.full else "re-rendered", done.pages, len(done.write), len(done.delete),
                 time.perf_counter() - self.started)

    def on_serve(self, server, config, builder):
        """Watch the corpus with the OS's notifications, unless `poll` is set."""
        if not self.config.poll:
            watch_natively(server)
        if getattr(self, "content", None) is not None:  # configured (on_config ran): a preview of a corpus
            watch_corpus_folder(server, self.content)
            self.server = server
            self._rewatch()
        _refuse_nul_paths(server)
        return server

    def _rewatch(self) -> None:
        """Watch the corpus folder again when it is another folder than the one watched (put back)."""
        try:
            inode = self.content.stat().st_ino
        except OSError:
            return
        if self.server is not None and self.watched is not None and inode != self.watched:
            with contextlib.suppress(KeyError, OSError, ValueError):  # the old watch died with its folder
                self.server.unwatch(str(self.content))
            self.server.watch(str(self.content))
        self.watched = inode

    def on_build_error(self, error):
        """Remove the scratch folder of a failed build."""
        self._drop_scratch()

    def on_shutdown(self):
        """Remove the empty docs folder MkDocs watched."""
        if getattr(self, "no_docs", None):
            shutil.rmtree(self.no_docs, ignore_errors=True)
            self.no_docs = None

    def _drop_scratch(self):
        shutil.rmtree(self.scratch, ignore_errors=True)


def watch_corpus_folder(server, content: Path) -> None:
    """Rebuild when the corpus folder itself is deleted, moved or put back: a watch on the folder sees
    what happens inside it, not that it went, and one on a deleted folder dies with it. Only events
    about the folder itself count; the rest of its parent (the project) does not start rebuilds."""
    def on_any_event(event):
        if os.fsdecode(event.src_path) == str(content) or os.fsdecode(getattr(event, "dest_path", "")) == str(content):
            with server._rebuild_cond:  # what MkDocs's own watch callback does
                server._want_rebuild = True
                server._rebuild_cond.notify_all()

    handler = watchdog.events.FileSystemEventHandler()
    handler.on_any_event = on_any_event
    server.observer.schedule(handler, str(content.parent), recursive=False, event_filter=FOLDER_CHANGES)


FOLDER_CHANGES = (watchdog.events.DirCreatedEvent, watchdog.events.DirDeletedEvent, watchdog.events.DirMovedEvent)


def _refuse_nul_paths(server) -> None:
    """A request for a path with a NUL byte (/%00) is answered 404: MkDocs passed it to open(), which
    raised ValueError, and answered 500."""
    serve_request = server._serve_request

    def guarded(environ, start_response):
        if "\x00" in environ.get("PATH_INFO", ""):
            return None  # MkDocs answers None with its 404 page
        return serve_request(environ, start_response)

    server._serve_request = guarded


def warn(warnings) -> None:
    """Log each warning (a Diagnostic) as the `briefing` command prints it. Under `mkdocs build --strict`
    the plugin fails on them before writing (check's and vetted's `strict`), as `briefing build --strict`
    does, rather than leave MkDocs to count them after the site is written."""
    for warning in warnings:
        log.warning("briefing: %s", warning.format())


@contextlib.contextmanager
def reported():
    """Hand whatever a user can cause (BriefingError, from any stage) to MkDocs as a PluginError carrying
    the same report the `briefing` command prints, so `mkdocs build` fails with it and exits 1."""
    try:
        yield
    except BriefingError as failed:
        raise PluginError("\n" + failed.report()) from None


QUIET_S = 0.03  # how long no change must come before a rebuild starts, with the OS's notifications

# What a rebuild answers to. Not opening or reading a file: the rebuild itself reads the files it watches.
CHANGES = (watchdog.events.FileCreatedEvent, watchdog.events.FileModifiedEvent, watchdog.events.FileDeletedEvent,
           watchdog.events.FileMovedEvent, watchdog.events.FileClosedEvent)


class _Notified(watchdog.observers.Observer):  # inotify on Linux, FSEvents on macOS, ReadDirectoryChangesW on Windows
    def schedule(self, event_handler, path, *, recursive=False, event_filter=None):
        return super().schedule(event_handler, path, recursive=recursive, event_filter=event_filter or CHANGES)


def watch_natively(server) -> None:
    """Have MkDocs's live-reload server learn of changes from the operating system instead of polling.

    MkDocs stats every watched file twice a second from a thread of the serving process: on a large
    corpus that busies a core while idle and slows rebuilds (that thread holds the GIL), and a change
    is seen up to half a second late. Polling suits network and container mounts, whose changes
    the OS may never report: `briefing serve --poll` (the plugin's `poll: true`) keeps it.
    """
    polling = server.observer
    watched = dict(getattr(server, "_watched_paths", {}))  # what MkDocs watches so far, and how many times
    if not isinstance(polling, watchdog.observers.polling.PollingObserver) or polling.is_alive():
        return
    for path, times in watched.items():
        for _ in range(times):
            server.unwatch(path)
    server.observer = _Notified()  # if the OS refuses to watch this many folders, serve with --poll
    # MkDocs rebuilds once no change came for 0.1 s, sized for its polling; the OS reports every step of
    # a save (a temporary file, a rename) within milliseconds of the next, so a shorter quiet spell will do.
    server.build_delay = min(server.build_delay, QUIET_S)
    for path, times in watched.items():
        for _ in range(times):
            server.watch(path)
