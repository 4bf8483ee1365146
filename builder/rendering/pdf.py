"""Monthly briefs as PDF: WeasyPrint lays out each brief's print HTML (templates/brief_print.html) as a
tagged PDF (PDF/UA-1), its fonts served from the site in memory.

A PDF is kept in the build cache (builder/cache.py) under a hash of its HTML, WeasyPrint's version
and this module, with the hashes of the site files it read (fonts): a later build makes again only
the briefs whose HTML or fonts changed. The PDFs still to make are laid out on every core.
"""

from __future__ import annotations

import hashlib
import io
import logging
import mimetypes
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from builder.common.diagnostics import BriefingError
from builder.common.workers import forked_map
from builder.reading.cache import Documents, key
from builder.rendering.site_files import SiteFiles

# Pages are laid out as if they sat in this folder; every resource is served from the site in memory.
_ROOT = "file:///__briefing_site__/"
VARIANT = "pdf/ua-1"  # tagged: headings, paragraphs and reading order for screen readers and extractors

Made = tuple[bytes, tuple[tuple[str, str], ...]]  # the PDF, and (path, hash) of each site file it read



class Fonts:
    """One WeasyPrint font configuration for the PDFs a process lays out in one build: Fontconfig is
    loaded and the theme's fonts registered once, not for every brief. What it read is kept with it,
    so each PDF lists every site file its fonts came from, though an earlier brief fetched them.
    Made lazily: a worker forked with an unused one makes its own."""

    def __init__(self) -> None:
        self.config = None
        self.read: dict[str, str] = {}

    def configuration(self):
        """WeasyPrint's font configuration, made once per process (font set-up is most of a small PDF's cost)."""
        if self.config is None:
            from weasyprint.text.fonts import FontConfiguration

            self.config = FontConfiguration()
        return self.config


class _Refused(Exception):
    """A resource the PDF may not have (outside the site in memory); WeasyPrint wraps it."""


@lru_cache(maxsize=16)
def _truetype(woff2: bytes) -> bytes:
    """A WOFF2 font unpacked to TrueType, once a process: fontTools takes a noticeable part of a
    second a file, which WeasyPrint would otherwise pay for every font of every PDF."""
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(woff2))
    font.flavor = None
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def _body(path: str, data: bytes) -> tuple[bytes, str]:
    if path.endswith(".woff2"):
        return _truetype(data), "font/ttf"
    return data, mimetypes.guess_type(path)[0] or "application/octet-stream"


def digest(data: bytes) -> str:
    """A short content hash (BLAKE2b, 16 bytes, hex) for keying PDFs by what went into them."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _fetcher(files: SiteFiles, read: dict[str, str]):
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class SiteFetcher(URLFetcher):
        """Serves the built site from memory and refuses everything else: no network, no disk.
        Notes what it served in `read`, which the cache checks before reusing the PDF."""

        def fetch(self, url, headers=None):
            if not url.startswith(_ROOT):
                raise _Refused(f"refusing to fetch {url!r} while making a PDF")
            path = url[len(_ROOT):].split("#")[0].split("?")[0]
            if path not in files.files:
                raise _Refused(f"{path} is not part of the site")
            read[path] = digest(files.files[path])
            body, mime = _body(path, files.files[path])
            return URLFetcherResponse(url, body, headers={"Content-Type": mime})

    # A missing stylesheet or font would quietly give a PDF with the wrong letters: fail instead.
    return SiteFetcher(fail_on_errors=True)


def render_pdf(html: bytes, page_path: str, files: SiteFiles, fonts: Fonts | None = None) -> Made:
    """The print HTML of the page at `page_path` (e.g. 'briefs/2025-05/') as a tagged PDF with its
    fonts embedded, and the site files it read; `fonts`, shared by the PDFs of one build."""
    import weasyprint  # heavy; only loaded when PDFs are made

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    fonts = fonts or Fonts()
    read = fonts.read
    try:
        document = weasyprint.HTML(string=html.decode("utf-8"), base_url=f"{_ROOT}{page_path}index.html",
                                   url_fetcher=_fetcher(files, read))
        pdf = document.write_pdf(pdf_variant=VARIANT, font_config=fonts.configuration())
    except Exception as exc:  # WeasyPrint wraps fetch failures in its own types
        raise BriefingError.anywhere("pdf", f"the PDF of {page_path} could not be made: {exc}",
                                     "the theme's print styles or fonts are at fault; build with --no-pdf meanwhile") from exc
    return pdf, tuple(sorted(read.items()))


@lru_cache(maxsize=1)
def engine_version() -> str:
    """What else decides a PDF's bytes besides its HTML and fonts: WeasyPrint's version and this module."""
    import weasyprint

    return f"{weasyprint.__version__}:{digest(Path(__file__).read_bytes())}"


def _current(made: Made | None, files: SiteFiles) -> bool:
    """Whether a cached PDF still holds: every site file it read is unchanged."""
    return made is not None and all(path in files.files and digest(files.files[path]) == sha for path, sha in made[1])


def make_pdfs(pages: Iterable[tuple[str, bytes]], files: SiteFiles, jobs: int = 0) -> dict[str, bytes]:
    """PDFs of (page path, print HTML) pairs, by page path: from the cache where the HTML and the site
    files each read are unchanged, else laid out by `jobs` processes (0: one per core) and cached."""
    store = Documents.open()
    pages = list(pages)
    keys = {path: key("pdf", engine_version(), html) for path, html in pages}
    out: dict[str, bytes] = {}
    todo = []
    for path, html in pages:
        made = store.get(keys[path])
        if _current(made, files):
            out[path] = made[0]
        else:
            todo.append((path, html))

    fonts = Fonts()  # each worker's copy makes its own configuration

    def lay_out(item: tuple[str, bytes]) -> Made:
        return render_pdf(item[1], item[0], files, fonts)

    # One brief per task: a month's PDF takes long enough that starting a worker for two pays.
    for (path, _), made in zip(todo, forked_map(lay_out, todo, jobs=jobs, min_items=2, chunk=1)):
        store.put(keys[path], made)
        out[path] = made[0]
    store.save()
    return {path: out[path] for path, _ in pages}
