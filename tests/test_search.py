"""The search index: Pagefind is handed only what it indexes, and makes the same bundle from it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from builder.rendering import search
from builder.pipeline.build import check, render_site
from builder.rendering.search import BODY, Indexer, searchable
from builder.pipeline.settings import Settings

def indexed(files: dict[str, bytes]) -> dict[str, bytes]:
    """The pages Pagefind reads: those with a `data-pagefind-body` element."""
    return {p: b for p, b in files.items() if p.endswith(".html") and BODY in b}


CONTENT = Path(__file__).resolve().parent.parent / "content"
BUILT = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)

PAGE = b"""<!doctype html>
<html lang="ar" dir="rtl">
<head><meta charset="utf-8"><title>T</title></head>
<body class="kind-base">
<header class="masthead"><a href="../../">site</a><nav><ul><li>nav</li></ul></nav></header>
<main id="main" data-pagefind-body>
<h1>\xd9\x83\xd9\x88\xd9\x86\xd9\x8a\xd9\x83\xd9\x88</h1>
<p>kept one</p>
<figure class="map" data-pagefind-ignore><svg><g><circle r="2"/></g></svg></figure>
<section aria-labelledby="history-title"><h2 id="history-title">history</h2><p>kept two</p></section>
<section data-pagefind-ignore><h2>events</h2><section><p>nested gone</p></section><p>gone too</p></section>
<p>kept three</p>
</main>
<footer><p>footer</p></footer>
</body>
</html>
"""


def test_a_page_keeps_its_head_and_indexed_text_and_loses_the_ignored_parts():
    out = searchable(PAGE)
    assert out.startswith(b'<!doctype html>\n<html lang="ar" dir="rtl">\n<head>')  # the language Pagefind reads
    for kept in (b"<h1>", b"kept one", b"history", b"kept two", b"kept three", b"<main id=\"main\" data-pagefind-body>"):
        assert kept in out, kept
    for gone in (b"nav", b"footer", b"<svg", b"events", b"nested gone", b"gone too"):
        assert gone not in out, gone
    assert out.endswith(b"</main></body></html>")


@pytest.mark.parametrize("change", [
    (b"<p>kept one</p>", b"<p data-pagefind-meta=\"date:2025\">kept one</p>"),  # metadata Pagefind would read
    (b"<p>footer</p>", b"<p data-pagefind-filter=\"kind\">footer</p>"),
    (b"<footer>", b"<footer data-pagefind-body>"),  # a second indexed part
    (b"<p>kept one</p>", b"<!-- <section> --><p>kept one</p>"),  # a comment a tag scan would misread
    (b"<p>kept one</p>", b"<script>var s = '<section>';</script><p>kept one</p>"),
    (b"<a href=\"../../\">site</a>", b"<h1>site</h1>"),  # Pagefind's title is the page's first <h1>
    (b"<h2>events</h2>", b"<h2>events</h2><img src=\"x.png\" alt=\"\">"),  # and its image the <img> after
    (b"</main>", b""),  # an element that never closes
    (b"<p>gone too</p></section>", b"<p>gone too</p>"),
])
def test_a_page_pagefind_could_read_more_from_is_handed_over_whole(change):
    page = PAGE.replace(*change)
    assert page != PAGE
    assert searchable(page) == page


def test_a_page_without_an_indexed_part_is_handed_over_whole():
    page = PAGE.replace(b" data-pagefind-body", b"")
    assert searchable(page) == page


def test_pagefind_makes_the_same_bundle_from_the_trimmed_pages_as_from_whole_ones(monkeypatch):
    files = render_site(check(CONTENT), Settings(pdf=False, search=False, built=BUILT)).files
    pages = indexed(files)
    assert {p.split("/")[0] for p in pages} == {"briefs", "bases", "sources"}
    trimmed = {p: searchable(html) for p, html in pages.items()}
    # A place page is mostly its events, which Pagefind ignores: they are not handed over at all.
    place = next(p for p in pages if p.startswith("bases/") and b'class="event' in pages[p])
    assert b'class="event' not in trimmed[place] and len(trimmed[place]) < len(pages[place]) / 2
    assert all(trimmed[p] != pages[p] for p in pages)

    def bundle() -> dict[str, bytes]:
        indexer = Indexer()
        try:
            indexer.start({p: search.pagefind_copy(html) for p, html in pages.items()})
            return indexer.finish()
        finally:
            indexer.close()

    from_trimmed = bundle()
    monkeypatch.setattr(search, "searchable", lambda html: html)
    from_whole = bundle()
    assert sorted(from_trimmed) == sorted(from_whole) and "pagefind/pagefind-entry.json" in from_whole
    assert [p for p in from_whole if from_whole[p] != from_trimmed[p]] == []


def test_pagefind_reads_the_forms_of_the_indexed_words_in_place_and_nothing_else():
    page = PAGE.replace(b"<p>kept one</p>", "<p>وانسحبت القوات من کونیکو</p>".encode()).replace(
        b"<p>gone too</p>", "<p>وبالحسكة</p>".encode()).replace(b"<p>footer</p>", "<p>والشدادي</p>".encode())
    out = search.with_search_forms(page).decode()
    assert "<p>وانسحبت القوات من کونیکو انسحبت ونيكو </p>" in out  # after its own run, in its own section
    assert "وبالحسكة</p>" in out and "<p>والشدادي</p>" in out  # ignored parts and the rest get none
    assert search.with_search_forms(searchable(page)) == searchable(search.with_search_forms(page))


def test_a_headings_forms_follow_it_so_the_result_title_stays_as_written():
    page = PAGE.replace("<h2 id=\"history-title\">history</h2>".encode(),
                        "<h2 id=\"history-title\">وانسحبت <b>القوات</b> من کونیکو</h2>".encode())
    out = search.with_search_forms(page).decode()
    assert "<h2 id=\"history-title\">وانسحبت <b>القوات</b> من کونیکو</h2> انسحبت ونيكو <p>" in out


# Pieces of a page's indexed body: words that fold (joined و, Persian letters, ل + ال, tashkeel), words
# that do not, entities, whitespace, and the markup the templates and the Markdown sanitiser write.
_WORDS = ["وانسحبت", "القوات", "کونیکو", "للقاعدة", "بالحسكة", "مُدرَّعة", "وصل", "base", "&amp;", "&lt;b&gt;", "M4",
          "٢٠٢٥", " ", "\n", "  "]
_INLINE = ["b", "a", "mark", "span", "em", "code"]
_BLOCK = ["p", "li", "blockquote", "section", "td", "figcaption"]


def _fragment(draw, depth: int) -> str:
    from hypothesis import strategies as st

    parts = []
    for _ in range(draw(st.integers(0, 4))):
        choice = draw(st.integers(0, 5 if depth < 3 else 1))
        if choice <= 1:
            parts.append(" ".join(draw(st.lists(st.sampled_from(_WORDS), max_size=4))))
        elif choice == 2:
            parts.append(draw(st.sampled_from(["<br>", "<hr>", "<img src=x alt=y>", "<br/>"])))
        elif choice == 3:
            level = draw(st.integers(1, 6))
            inner = _fragment(draw, 3)  # inline content only: headings do not nest
            parts.append(f'<h{level} id="h">{inner}</h{level}>')
        else:
            tag = draw(st.sampled_from(_INLINE if choice == 4 else _BLOCK))
            parts.append(f'<{tag} class="c">{_fragment(draw, depth + 1)}</{tag}>')
    return "".join(parts)


def test_the_copy_pagefind_reads_is_made_by_whole_runs_exactly_as_tag_by_tag():
    """pagefind_copy takes the cut body's runs of text and headings whole; on any page it gives what the
    general scan (with_search_forms, tag by tag) gives on the cut page."""
    from hypothesis import given, settings, strategies as st

    @st.composite
    def pages(draw):
        before, inside, ignored, after = (_fragment(draw, 0) for _ in range(4))
        ignore = f"<div data-pagefind-ignore>{ignored}</div>" if draw(st.booleans()) else ""
        return (f'<!doctype html><html lang="ar"><head><title>ع</title></head><body><header>{before}</header>'
                f'<main data-pagefind-body>{inside}{ignore}{_fragment(draw, 0)}</main><footer>{after}</footer>'
                f"</body></html>").encode()

    @settings(max_examples=300, deadline=None)
    @given(pages())
    def holds(page: bytes):
        assert search.pagefind_copy(page) == search.with_search_forms(searchable(page))

    holds()
    assert search.pagefind_copy(PAGE) == search.with_search_forms(searchable(PAGE))
    assert search.pagefind_copy(PAGE.replace(b" data-pagefind-body", b"")) is None
    whole = PAGE.replace(b"<p>kept one</p>", b"<p>kept one</p><!-- a comment -->")
    assert searchable(whole) == whole and search.pagefind_copy(whole) == search.with_search_forms(whole)
