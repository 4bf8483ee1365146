"""Monthly briefs as PDF: WeasyPrint lays out the brief's own HTML with the theme's print styles."""

from __future__ import annotations

import io
import logging
import mimetypes
from functools import lru_cache

from builder.common.diagnostics import BriefingError
from builder.rendering.site_files import SiteFiles

# Pages are laid out as if they sat in this folder; every resource is served from the site in memory.
_ROOT = "file:///__briefing_site__/"


class _Refused(Exception):
    """A resource the PDF may not have (outside the site in memory); WeasyPrint wraps it."""


@lru_cache(maxsize=16)
def _truetype(woff2: bytes) -> bytes:
    """A WOFF2 font unpacked to TrueType, once: unpacking is slow, and WeasyPrint would otherwise pay
    for it for every font of every PDF."""
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


def _fetcher(files: SiteFiles):
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class SiteFetcher(URLFetcher):
        """Serves the built site from memory and refuses everything else: no network, no disk."""

        def fetch(self, url, headers=None):
            if not url.startswith(_ROOT):
                raise _Refused(f"refusing to fetch {url!r} while making a PDF")
            path = url[len(_ROOT):].split("#")[0].split("?")[0]
            if path not in files.files:
                raise _Refused(f"{path} is not part of the site")
            body, mime = _body(path, files.files[path])
            return URLFetcherResponse(url, body, headers={"Content-Type": mime})

    # A missing stylesheet or font would quietly give a PDF with the wrong letters: fail instead.
    return SiteFetcher(fail_on_errors=True)


def render_pdf(html: bytes, page_path: str, files: SiteFiles) -> bytes:
    """The page at `page_path` (e.g. 'briefs/2025-05/') as PDF, fonts embedded."""
    import weasyprint  # heavy; only loaded when PDFs are made

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    try:
        document = weasyprint.HTML(string=html.decode("utf-8"), base_url=f"{_ROOT}{page_path}index.html",
                                   url_fetcher=_fetcher(files))
        return document.write_pdf()
    except Exception as exc:  # WeasyPrint wraps fetch failures in its own types
        raise BriefingError.anywhere("pdf", f"the PDF of {page_path} could not be made: {exc}",
                                     "the theme's print styles or fonts are at fault; build with --no-pdf meanwhile") from exc
