"""Every internal link and anchor of the site built from content/ resolves; nothing points off the site
except the archived articles' own addresses."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import pytest

from builder.pipeline.build import check, render_site
from builder.pipeline.settings import Settings

CONTENT = Path(__file__).resolve().parent.parent / "content"


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        for name in ("href", "src"):
            if attrs.get(name) is not None:
                self.links.append(attrs[name])


@pytest.fixture(scope="module")
def site():
    files = render_site(check(CONTENT), Settings(pdf=False)).files
    parsed = {}
    for path, data in files.items():
        if path.endswith(".html"):
            parser = _Links()
            parser.feed(data.decode("utf-8"))
            parsed[path] = parser
    return files, parsed


def _target(page: str, href: str) -> tuple[str, str]:
    """The file a relative link from `page` opens, and its fragment."""
    parts = urlsplit(href)
    if not parts.path:
        return page, parts.fragment
    segments = list(PurePosixPath(page).parent.parts)
    for part in unquote(parts.path).split("/"):
        if part == "..":
            assert segments, f"{page}: {href} leaves the site"
            segments.pop()
        elif part not in ("", "."):
            segments.append(part)
    path = "/".join(segments)
    if parts.path.endswith("/"):
        path = f"{path}/index.html" if path else "index.html"
    return path, parts.fragment


def test_every_internal_link_and_anchor_resolves(site):
    files, parsed = site
    broken = []
    checked = 0
    for page, links in parsed.items():
        for href in links.links:
            if urlsplit(href).scheme:
                continue
            target, fragment = _target(page, href)
            checked += 1
            if target not in files:
                broken.append(f"{page}: {href} -> {target} (missing)")
            elif fragment and fragment not in parsed[target].ids:
                broken.append(f"{page}: {href} -> #{fragment} (no such anchor)")
    assert not broken, "\n".join(broken[:20])
    assert checked > 1000  # the site is densely cross-linked; a collapse in link count is a bug too


def test_only_archived_articles_link_off_site(site):
    _, parsed = site
    external = {href for links in parsed.values() for href in links.links if urlsplit(href).scheme}
    assert external == {"https://anbaaexpress.ma/x06dt"}


def test_resolver_follows_relative_links_like_a_browser():
    assert _target("events/x/index.html", "../../bases/omar/") == ("bases/omar/index.html", "")
    assert _target("events/x/index.html", "../../") == ("index.html", "")
    assert _target("index.html", "sources/s/#q-1") == ("sources/s/index.html", "q-1")
    assert _target("bases/omar/index.html", "#top") == ("bases/omar/index.html", "top")
    with pytest.raises(AssertionError):
        _target("index.html", "../outside/")
