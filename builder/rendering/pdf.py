"""Monthly briefs as PDF: Typst typesets each brief's JSON (builder/rendering/typeset.py) with the
theme's layout (templates/print/brief.typ) as a tagged PDF (PDF/UA-1), with the site's own fonts.

Typst, not an HTML engine: it shapes Arabic with the same OpenType rules, writes a tagged PDF whose
extracted text gives back every word, reads the brief as data (no markup to escape), and lays out a
month of events in a fraction of the time (bench/pdf_engines.py measures it).

A PDF is kept in the build cache (builder/reading/cache.py) under a hash of its JSON, the layout,
Typst's version and this module, with the hashes of the site fonts it was set in: a later build makes
again only the briefs whose data, layout or fonts changed. The PDFs still to make are typeset on every
core, one Typst compiler per process.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from builder.common.diagnostics import BriefingError
from builder.common.workers import forked_map
from builder.reading.cache import Documents, key
from builder.rendering.site_files import SiteFiles

LAYOUT = "print/brief.typ"  # in the theme folder
FONTS = "assets/fonts/"  # the site's fonts, which the PDFs are set in too
STANDARD = "ua-1"  # tagged: headings, paragraphs and reading order for screen readers and extractors

# Typst's PDF/UA check: `the text "🚚" could not be displayed with font "Amiri"`.
_NO_GLYPH = re.compile(r'the text `"(.+?)"` could not be displayed')


def _character(text: str) -> str:
    """A character as Typst quotes it: itself, or `\\u{200d}` for an invisible one."""
    escaped = re.fullmatch(r"\\u\{([0-9a-fA-F]+)\}", text)
    return chr(int(escaped.group(1), 16)) if escaped else text[0]


Made = tuple[bytes, tuple[tuple[str, str], ...]]  # the PDF, and (path, hash) of each site font it was set in


def print_layout(templates: Path) -> bytes:
    """The theme's Typst layout for PDF briefs. Raises BriefingError when the theme has none."""
    path = templates / LAYOUT
    try:
        return path.read_bytes()
    except OSError as exc:
        raise BriefingError.at(path, 0, 0, "template", f"the theme's print layout cannot be read: {exc.strerror}",
                               f"restore {LAYOUT} in the theme, or build with --no-pdf") from exc


def edition_day(built: dt.datetime) -> dt.datetime:
    """The date a PDF carries as its creation date: midnight (UTC) of the edition's day, the day it
    prints, so that builds of one day without SOURCE_DATE_EPOCH reuse each other's PDFs."""
    day = built.astimezone(dt.timezone.utc).date()
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)


def digest(data: bytes) -> str:
    """A short content hash (BLAKE2b, 16 bytes, hex) for keying PDFs by what went into them."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


@lru_cache(maxsize=16)
def _truetype(woff2: bytes) -> bytes:
    """A WOFF2 font unpacked to TrueType, which is what Typst reads."""
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(woff2))
    font.flavor = None
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def _unpacked(woff2: bytes, sha: str, store: Documents | None) -> bytes:
    """The TrueType of a site font, from the build cache when it was unpacked before: decoding WOFF2
    in fontTools costs more than typesetting a dozen briefs."""
    if store is None:
        return _truetype(woff2)
    from fontTools import version as fonttools_version

    k = key("ttf", fonttools_version, sha)
    found = store.get(k)
    if not isinstance(found, bytes):
        found = _truetype(woff2)
        store.put(k, found)
    return found


@lru_cache(maxsize=16)
def _font_digest(data: bytes) -> str:
    # The same font bytes are asked about for every PDF of a build, cached or made: hashed once.
    return digest(data)


def site_fonts(files: SiteFiles) -> tuple[tuple[str, str], ...]:
    """(path, hash) of each font the site serves: the fonts a PDF is set in."""
    return tuple(sorted((path, _font_digest(data)) for path, data in files.files.items()
                        if path.startswith(FONTS) and path.endswith(".woff2")))


class Typesetter:
    """One Typst compiler for the PDFs a process makes in one build, and the site's fonts unpacked
    into one folder, which forked workers share: the fonts are read once, not for every brief. The
    compiler is made lazily, so a worker forked with an unused one makes its own."""

    def __init__(self, layout: bytes, files: SiteFiles, built: dt.datetime, store: Documents | None = None):
        self.layout = layout
        self.files = files
        self.dated = edition_day(built)
        self.compiler = None
        self.folder = tempfile.TemporaryDirectory(prefix="briefing-fonts-")
        for path, sha in site_fonts(files):
            target = Path(self.folder.name) / Path(path).with_suffix(".ttf").name
            target.write_bytes(_unpacked(files.files[path], sha, store))

    def _compiler(self):
        if self.compiler is None:
            import typst  # heavy; only loaded when PDFs are made

            # The layout as a file in the fonts' folder, which is also Typst's root: the only files it could read.
            layout = Path(self.folder.name) / "brief.typ"
            layout.write_bytes(self.layout)
            self.compiler = typst.Compiler(layout, root=self.folder.name, font_paths=[self.folder.name],
                                           ignore_system_fonts=True)
        return self.compiler

    def pdf(self, document: bytes, page_path: str) -> Made:
        """The brief at `page_path` (e.g. 'briefs/2025-05/') from its JSON, as a tagged PDF with its
        fonts embedded, and the site fonts it was set in. Raises BriefingError when Typst fails."""
        import typst

        try:
            pdf = self._compiler().compile(sys_inputs={"brief": document.decode("utf-8")}, format="pdf",
                                           pdf_standards=[STANDARD], timestamp=self.dated)
        except typst.TypstError as exc:
            raise self._failure(exc, page_path) from exc
        return pdf, site_fonts(self.files)

    def _failure(self, exc, page_path: str) -> BriefingError:
        """Typst's error as the editor can act on it: characters the site's fonts have no glyph for
        (an emoji in a title) are named; anything else is the layout's, named by its theme path rather
        than the temporary folder Typst read it from."""
        missing = sorted({_character(text) for text in _NO_GLYPH.findall(f"{exc.message} {exc.diagnostic}")})
        if missing:
            shown = ", ".join(f"'{char}' (U+{ord(char):04X})" for char in missing)
            return BriefingError.anywhere(
                "pdf", f"the PDF of {page_path} cannot print {shown}: the site's fonts have no glyph for it",
                "write it in words or leave it out of that month's events (the web pages show it, the PDF "
                "cannot), or build with --no-pdf")
        detail = f"{exc.message}: {exc.diagnostic}" if exc.diagnostic else exc.message
        detail = re.sub(r"\S*briefing-fonts-[^/\s]+/brief\.typ", f"templates/{LAYOUT}", detail)
        return BriefingError.anywhere("pdf", f"the PDF of {page_path} could not be made: {detail}",
                                      f"the theme's print layout (templates/{LAYOUT}) is at fault; build with "
                                      "--no-pdf meanwhile")

    def close(self) -> None:
        """Removes the unpacked fonts."""
        self.folder.cleanup()
        self.compiler = None


@lru_cache(maxsize=1)
def engine_version() -> str:
    """What else decides a PDF's bytes besides its data, layout and fonts: Typst's version and this module."""
    from importlib.metadata import version

    return f"typst {version('typst')}:{digest(Path(__file__).read_bytes())}"


def _current(made: Made | None, files: SiteFiles) -> bool:
    """Whether a cached PDF still holds: every site font it was set in is unchanged."""
    return made is not None and all(path in files.files and _font_digest(files.files[path]) == sha for path, sha in made[1])


def make_pdfs(documents: Iterable[tuple[str, bytes]], files: SiteFiles, layout: bytes, built: dt.datetime,
              jobs: int = 0) -> dict[str, bytes]:
    """PDFs of (page path, brief JSON) pairs, by page path, set with the Typst `layout` and dated
    `built`: from the cache where the JSON, the layout and the fonts are unchanged, else typeset by
    `jobs` processes (0: one per core) and cached."""
    store = Documents.open()
    documents = list(documents)
    day = edition_day(built).isoformat()
    keys = {path: key("pdf", engine_version(), digest(layout), day, data) for path, data in documents}
    out: dict[str, bytes] = {}
    todo = []
    for path, data in documents:
        made = store.get(keys[path])
        if _current(made, files):
            out[path] = made[0]
        else:
            todo.append((path, data))

    if not todo:
        return out
    setter = Typesetter(layout, files, built, store)  # each worker's copy makes its own compiler

    def typeset(item: tuple[str, bytes]) -> Made:
        return setter.pdf(item[1], item[0])

    try:
        for (path, _), made in zip(todo, forked_map(typeset, todo, jobs=jobs, min_items=2, chunk=1)):
            store.put(keys[path], made)
            out[path] = made[0]
    finally:
        setter.close()
    store.save()
    return {path: out[path] for path, _ in documents}
