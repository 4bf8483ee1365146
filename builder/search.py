"""The search index: Pagefind, run over the rendered pages, its bundle added to the site under pagefind/.

Pagefind stems Arabic and ignores hamza and tashkeel differences by itself. Only the parts of pages
marked `data-pagefind-body` (briefs, places, sources) are indexed, so a query finds the page about
a thing rather than every list that mentions it. Its output is deterministic for the same pages.

The pages are written to a scratch folder for Pagefind's command-line indexer: its Python service API
answers one request per 0.1 s poll, which would cost minutes at 10,000 pages. The indexer runs as its
own process, so the build can go on rendering the pages it does not index while it works.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path, PurePosixPath

BUNDLE = "pagefind"
MARKER = b"data-pagefind-body"
INDEXED_KINDS = ("brief", "base", "source")  # the page kinds whose templates carry the marker


class SearchError(Exception):
    """Pagefind failed; the build stops rather than publish a site whose search is broken."""


def _executable() -> Path:
    try:
        from pagefind.service import get_executable
    except ImportError as exc:
        raise SearchError("error: Pagefind is not installed; run `make site`, or build with --no-search") from exc
    found = get_executable()
    if found is None:
        raise SearchError("error: Pagefind's binary is missing (pip package pagefind[bin]); run `make site`")
    return Path(found)


def indexed(files: dict[str, bytes]) -> dict[str, bytes]:
    """The pages Pagefind reads: those with a `data-pagefind-body` element."""
    return {p: b for p, b in files.items() if p.endswith(".html") and MARKER in b}


class Indexer:
    """One Pagefind run: `start` it on the pages, do other work, then `finish` to get the bundle."""

    def __init__(self):
        self.pages: dict[str, bytes] = {}
        self._tmp: Path | None = None
        self._run: subprocess.Popen | None = None

    @property
    def started(self) -> bool:
        return self._run is not None

    def start(self, pages: dict[str, bytes]) -> None:
        self.pages = dict(pages)
        self._tmp = Path(tempfile.mkdtemp(prefix="briefing-search-"))
        site = self._tmp / "site"
        for rel, html in self.pages.items():
            target = site.joinpath(*PurePosixPath(rel).parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(html)
        self._run = subprocess.Popen([str(_executable()), "--site", str(site), "--output-path", str(self._tmp / "bundle")],
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

    def finish(self) -> dict[str, bytes]:
        """pagefind/…: the bundle's files."""
        assert self._run is not None and self._tmp is not None, "start() first"
        try:
            output, _ = self._run.communicate()
            out = self._tmp / "bundle"
            if self._run.returncode != 0 or not out.is_dir():
                raise SearchError(f"error: the search index could not be built:\n{output}")
            return {f"{BUNDLE}/{p.relative_to(out).as_posix()}": p.read_bytes()
                    for p in sorted(out.rglob("*")) if p.is_file()}
        finally:
            self.close()

    def close(self) -> None:
        """Stop Pagefind if it still runs and remove the scratch folder."""
        if self._run is not None and self._run.poll() is None:
            self._run.kill()
            self._run.wait()
        if self._tmp is not None:
            shutil.rmtree(self._tmp, ignore_errors=True)
        self._tmp = self._run = None

