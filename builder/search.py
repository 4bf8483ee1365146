"""The search index: Pagefind, run over the rendered pages, its bundle added to the site under pagefind/.

Pagefind stems Arabic and ignores hamza and tashkeel differences by itself. Only the parts of pages
marked `data-pagefind-body` (events, places, sources) are indexed, so a query finds the page about
a thing rather than every list that mentions it. Its output is deterministic for the same pages.

The pages are written to a scratch folder for Pagefind's command-line indexer: its Python service API
answers one request per 0.1 s poll, which would cost minutes at 10,000 pages.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path, PurePosixPath

from .write import SiteFiles

BUNDLE = "pagefind"


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


def search_bundle(files: SiteFiles) -> dict[str, bytes]:
    """pagefind/… for every page of the site that has a `data-pagefind-body` element."""
    pages = {p: b for p, b in files.files.items() if p.endswith(".html") and b"data-pagefind-body" in b}
    with tempfile.TemporaryDirectory(prefix="briefing-search-") as tmp:
        site, out = Path(tmp) / "site", Path(tmp) / "bundle"
        for rel, html in pages.items():
            target = site.joinpath(*PurePosixPath(rel).parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(html)
        run = subprocess.run([str(_executable()), "--site", str(site), "--output-path", str(out)],
                             capture_output=True, text=True)
        if run.returncode != 0 or not out.is_dir():
            raise SearchError(f"error: the search index could not be built:\n{run.stdout}{run.stderr}")
        return {f"{BUNDLE}/{p.relative_to(out).as_posix()}": p.read_bytes()
                for p in sorted(out.rglob("*")) if p.is_file()}
