"""The search index: Pagefind, run over the rendered pages, its bundle added to the site under pagefind/.

Pagefind stems Arabic and ignores hamza and tashkeel differences by itself, but its Snowball stemmer
keeps a joined و before alef («وانسحبت», «والشدادي») and does not read Persian ی/ک or invisible
characters. So the copy Pagefind reads carries, after each indexed run of text, the forms the one
normaliser gives its words (`with_search_forms`); the search page folds a query the same way. Only the parts of pages
marked `data-pagefind-body` (briefs, places, sources) are indexed, so a query finds the page about
a thing rather than every list that mentions it. Its output is deterministic for the same pages.

The pages are written to a scratch folder for Pagefind's command-line indexer: its Python service API
answers one request per poll of its process, far too slow for a page at a time. The indexer runs as its
own process, so the build can go on rendering the pages it does not index while it works. Each page
is handed over as Pagefind reads it (`searchable`): its head and its `data-pagefind-body` element
without the parts marked `data-pagefind-ignore`, which makes the same bundle from less than half the
bytes (a place page lists every event at that place, all of it ignored).
"""

from __future__ import annotations

import html as html_lib
import re
import shutil
import subprocess
import tempfile
from pathlib import Path, PurePosixPath

from builder.arabic.normalise import search_forms
from builder.common.diagnostics import BriefingError

BUNDLE = "pagefind"


def _executable() -> Path:
    try:
        from pagefind.service import get_executable
    except ImportError as exc:
        raise BriefingError.anywhere("search", "Pagefind is not installed",
                                     "run `make site`, or build with --no-search") from exc
    found = get_executable()
    if found is None:
        raise BriefingError.anywhere("search", "Pagefind's binary is missing (pip package pagefind[bin])", "run `make site`")
    return Path(found)


BODY, IGNORE = b"data-pagefind-body", b"data-pagefind-ignore"
_OPENING = re.compile(rb"<([a-z][a-z0-9]*)\b[^<>]*>")
# Markup that could hide a tag from the scan of the body below (comments, CDATA, scripts, styles).
_OPAQUE = re.compile(rb"<(?:!|script\b|style\b|template\b)")
# What Pagefind takes from the whole page: the first <h1> as the title, the <img> after it as the image.
_SEEN_OUTSIDE = re.compile(rb"<h1\b|<img\b")


def _opening(html: bytes, attribute_at: int, start: int) -> re.Match | None:
    """The opening tag holding the attribute found at `attribute_at`, if it is one."""
    found = _OPENING.match(html, html.rfind(b"<", start, attribute_at))
    return found if found is not None and found.end() > attribute_at else None


def _end(html: bytes, opening: re.Match, limit: int) -> int | None:
    """Where the element `opening` opened ends (after its end tag), counting nested ones of its name."""
    if opening.group(0).endswith(b"/>"):
        return opening.end()
    name = opening.group(1)
    start, close = b"<" + name, b"</" + name + b">"
    depth, at = 1, opening.end()
    while depth:
        closing = html.find(close, at, limit)
        if closing < 0:
            return None
        nested = html.find(start, at, closing)
        while nested >= 0 and html[nested + len(start):nested + len(start) + 1] not in (b" ", b">", b"\n", b"\t", b"/"):
            nested = html.find(start, nested + 1, closing)  # <section…> is not <sectionx…>
        if nested >= 0:
            depth, at = depth + 1, nested + len(start)
        else:
            depth, at = depth - 1, closing + len(close)
    return at


def searchable(html: bytes) -> bytes:
    """The page as Pagefind reads it: the head, then the one `data-pagefind-body` element without its
    `data-pagefind-ignore` parts. Pagefind indexes only that, so the bundle is the same (tests hold it).
    A page it could read more from (two bodies, metadata or filter attributes, an <h1> or <img> outside
    the kept parts) or that a plain tag scan could misread (comments, scripts, styles) goes whole."""
    cut = _cut(html)
    return html if cut is None else _joined(*cut)


def _joined(head: bytes, body: bytes) -> bytes:
    return b"".join((head, b"<body>", body, b"</body></html>"))


def _cut(html: bytes) -> tuple[bytes, bytes] | None:
    """`searchable`'s head and kept body (the indexed element, its ignored parts left out), or None when
    the page goes whole."""
    head_end = html.find(b"<body")
    if head_end < 0 or html.count(BODY) != 1 or html.count(b"data-pagefind-") != 1 + html.count(IGNORE):
        return None
    body = _opening(html, html.find(BODY), head_end)
    end = None if body is None else _end(html, body, len(html))
    if body is None or end is None or _OPAQUE.search(html, body.start(), end):
        return None
    kept, cut, at = [], [html[head_end:body.start()], html[end:]], body.start()
    while (found := html.find(IGNORE, at, end)) >= 0:
        ignored = _opening(html, found, at)
        stop = None if ignored is None else _end(html, ignored, end)
        if stop is None:
            return None
        kept.append(html[at:ignored.start()])
        cut.append(html[ignored.start():stop])
        at = stop
    kept.append(html[at:end])
    if any(_SEEN_OUTSIDE.search(part) for part in cut):
        return None
    return html[:head_end], b"".join(kept)


def pagefind_copy(html: bytes) -> bytes | None:
    """The copy of a page Pagefind is handed, `with_search_forms(searchable(html))`, or None for a page it
    does not index. Made where the page is rendered, on every core."""
    if BODY not in html:
        return None
    cut = _cut(html)
    if cut is None:
        return with_search_forms(html)
    head, body = cut
    return _joined(head, _body_with_forms(body))


# In a cut page's body every run of text is indexed, and the only markup is tags (the cut refuses
# comments, scripts and styles), with `<` and `>` escaped in text and attributes alike: a run of text
# is what follows a `>` up to the next `<`. Headings do not nest.
_PIECE = re.compile(rb"<(h[1-6])\b[^>]*>.*?</\1\s*>|(?<=>)[^<]+", re.DOTALL | re.IGNORECASE)
_RUN = re.compile(rb"(?<=>)[^<]+")


def _body_with_forms(body: bytes) -> bytes:
    """`with_search_forms` on a cut page's body (the indexed element, nothing in it ignored), by whole
    runs of text and headings rather than tag by tag: what the build does for every indexed page."""
    return _PIECE.sub(_piece_with_forms, body)


def _piece_with_forms(found: re.Match) -> bytes:
    piece = found.group()
    runs = _RUN.findall(piece) if found.group(1) is not None else (piece,)  # a heading's forms follow it
    forms = [form for run in runs if run.strip() for form in _text_forms(run)]
    return piece + _forms(forms) if forms else piece


_TOKEN = re.compile(rb"<!--.*?-->|<(script|style|template)\b.*?</\1\s*>|<[^>]*>", re.DOTALL | re.IGNORECASE)
_TAG_NAME = re.compile(rb"</?([a-zA-Z][a-zA-Z0-9]*)")
_VOID = {b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta", b"source",
         b"track", b"wbr"}


def with_search_forms(html: bytes) -> bytes:
    """The page with, after each run of text Pagefind indexes (inside the `data-pagefind-body` element,
    outside `data-pagefind-ignore` ones), the words of that run as search should also find them
    (`normalise.search_forms`): in the same section, so a result still points at the passage. A
    heading's forms follow the heading, whose text Pagefind shows as the result's title.
    The published page is unchanged; only the copy handed to Pagefind carries them."""
    out, at = [], 0
    stack: list[tuple[bytes, bool, bool]] = []  # (tag, inside the indexed body, inside an ignored part)
    held: list[str] = []  # the forms of an open heading's text
    for token in _TOKEN.finditer(html):
        text = html[at:token.start()]
        out.append(text)
        if stack and stack[-1][1] and not stack[-1][2] and text.strip():
            forms = _text_forms(text)
            if any(tag in _HEADINGS for tag, _, _ in stack):
                held.extend(forms)
            elif forms:
                out.append(_forms(forms))
        out.append(token.group())
        at = token.end()
        tag = token.group()
        name = _TAG_NAME.match(tag)
        if name is None or token.group(1) is not None:
            continue
        name_ = name.group(1).lower()
        if tag.startswith(b"</"):
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == name_:
                    del stack[depth:]
                    break
            if held and not any(tag_ in _HEADINGS for tag_, _, _ in stack):
                out.append(_forms(held))
                held = []
        elif name_ not in _VOID and not tag.endswith(b"/>"):
            inside, ignored = stack[-1][1:] if stack else (False, False)
            stack.append((name_, inside or BODY in tag, ignored or IGNORE in tag))
    out.append(html[at:])
    return b"".join(out)


_HEADINGS = {b"h1", b"h2", b"h3", b"h4", b"h5", b"h6"}


def _text_forms(run: bytes) -> list[str]:
    """The search forms of a run of HTML text (its character references read)."""
    return search_forms(html_lib.unescape(run.decode("utf-8", "replace")))


def _forms(forms: list[str]) -> bytes:
    return (" " + " ".join(forms) + " ").encode("utf-8")


class Indexer:
    """One Pagefind run: `start` it on the pages, do other work, then `finish` to get the bundle."""

    def __init__(self):
        self.pages: dict[str, bytes] = {}  # the copies handed to Pagefind, by path
        self._tmp: Path | None = None
        self._run: subprocess.Popen | None = None

    @property
    def started(self) -> bool:
        """True once `start` has launched Pagefind."""
        return self._run is not None

    def start(self, copies: dict[str, bytes]) -> None:
        """Write the pages' copies Pagefind reads (path -> `pagefind_copy` of the page) to a scratch folder
        and start it there."""
        self.pages = dict(copies)
        self._tmp = Path(tempfile.mkdtemp(prefix="briefing-search-"))
        site = self._tmp / "site"
        made = set()
        for rel, copy in self.pages.items():
            target = site.joinpath(*PurePosixPath(rel).parts)
            if target.parent not in made:
                target.parent.mkdir(parents=True, exist_ok=True)
                made.add(target.parent)
            target.write_bytes(copy)
        self._run = subprocess.Popen([str(_executable()), "--site", str(site), "--output-path", str(self._tmp / "bundle")],
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

    def finish(self) -> dict[str, bytes]:
        """pagefind/…: the bundle's files."""
        assert self._run is not None and self._tmp is not None, "start() first"
        try:
            output, _ = self._run.communicate()
            out = self._tmp / "bundle"
            if self._run.returncode != 0 or not out.is_dir():
                # The build stops rather than publish a site whose search is broken.
                raise BriefingError.anywhere("search", f"the search index could not be built:\n{output.strip()}",
                                             "build with --no-search to publish without search")
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

