"""`briefing serve`: MkDocs's live-reload server, pointed at any corpus."""

from __future__ import annotations

import contextlib
import logging
import signal
import tempfile
from pathlib import Path

import yaml
from mkdocs.commands.serve import serve as mkdocs_serve

from builder.pipeline.settings import DEFAULT_NAME, plugin_options


def preview_config(content: Path, config: Path, templates: Path, poll: bool = False) -> dict:
    """An MkDocs config for previewing `content` with the settings of `config` (when it exists)."""
    data, options = plugin_options(config) if config.is_file() else ({}, {})
    # Previews skip the PDFs and the search index, the slowest parts of a build, while editors are
    # waiting on the page. `briefing build` makes both.
    options = {**options, "content": str(content.resolve()), "templates": str(templates.resolve()), "pdf": False,
               "search": False, "poll": poll}
    return {
        "site_name": data.get("site_name") or DEFAULT_NAME,
        "docs_dir": str(content.resolve()),
        "plugins": [{"briefing": options}],
    }


@contextlib.contextmanager
def _stopped_by_sigterm():
    """SIGTERM (a service manager, `kill`, a script ending its preview) stops the server as Ctrl-C
    does: MkDocs shuts down and every scratch folder is removed, instead of the process dying with
    them left in the temporary folder."""
    def stop(signum, frame):
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread: leave signals to whoever owns it
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def serve(content: Path, config: Path, templates: Path, dev_addr: str, poll: bool = False) -> None:
    """Serve the corpus, rebuilding on every change to it or to the theme."""
    log = logging.getLogger("mkdocs")  # what the server and each rebuild say, as `mkdocs serve` prints it
    if not log.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
    with _stopped_by_sigterm(), tempfile.TemporaryDirectory(prefix="briefing-serve-") as scratch:
        # A file rather than keyword overrides: MkDocs reloads the config on every rebuild and
        # consumes the plugin options it was handed the first time.
        config_file = Path(scratch) / "mkdocs.yml"
        settings = preview_config(content, config, templates, poll)
        # MkDocs refuses to start a rebuild when docs_dir is missing, and the corpus may be (deleted, being
        # restored): the plugin replaces docs_dir anyway, so MkDocs checks a folder that stays.
        settings["docs_dir"] = str(Path(scratch) / "docs")
        (Path(scratch) / "docs").mkdir()
        config_file.write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
        mkdocs_serve(config_file=str(config_file), dev_addr=dev_addr, watch=[str(templates.resolve())])
