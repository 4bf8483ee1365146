"""The kinds of page are declared once, in builder/planning/kinds.py: the planner's keys and pages, the
navigation, the preview's reach, the reserved page names and the searched kinds all come from there."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from builder.common.diagnostics import BuildFailed
from builder.pipeline.build import THEME, check, render_site, setup
from builder.pipeline.settings import Settings
from builder.planning import contexts, kinds
from builder.planning.feeds import FeedPage
from builder.planning.views import Link
from builder.rendering.search import BODY
from tests.conftest import VALID, write_corpus

SETTINGS = Settings(pdf=False, search=False, built=dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc))


@pytest.fixture(scope="module")
def checked(tmp_path_factory):
    """A corpus with a page of every kind: a hand-written page, and an event that replaced an old id."""
    event = "events/2025/2025-05-02-convoy.yaml"
    return check(write_corpus(tmp_path_factory.mktemp("kinds"), {
        event: VALID[event] + "replaces: [2025-05-02-old-convoy]\n",
        "pages/about.md": "# عن الموجز\n\nموجز تجريبي كتبناه للاختبار.\n",
    }))


@pytest.fixture(scope="module")
def planner(checked):
    return setup(checked, SETTINGS).planner


@pytest.fixture(scope="module")
def site(checked):
    return render_site(checked, SETTINGS).files


def _planned(planner):
    return [(key, planner.page(key)) for key in planner.keys()]


def test_every_context_and_template_has_one_kind():
    declared = {cls for cls in vars(contexts).values()
                if isinstance(cls, type) and issubclass(cls, contexts.PageContext) and cls is not contexts.PageContext}
    assert {k.context for k in kinds.KINDS} == declared | {FeedPage}
    assert len({k.key for k in kinds.KINDS}) == len(kinds.KINDS)
    for kind in kinds.KINDS:
        assert (THEME / kind.template).is_file(), kind.key


def test_the_fixture_has_a_page_of_every_kind(planner):
    assert {key[0] for key in planner.keys()} == {k.key for k in kinds.KINDS}


def test_keys_come_in_registry_order_and_each_page_is_its_kinds_context(planner):
    order = [k.key for k in kinds.KINDS]
    seen = [key[0] for key in planner.keys()]
    assert seen == sorted(seen, key=order.index)
    for key, page in _planned(planner):
        assert type(page) is kinds.kind(key[0]).context, key


def test_every_page_lies_in_its_kinds_folder(planner):
    text_pages = set(planner.corpus.pages)
    for key, page in _planned(planner):
        folder = kinds.kind(key[0]).folder
        top = page.output.split("/")[0] if "/" in page.output else ""
        if folder:
            assert top == folder, (key, page.output)
        else:  # the site's root: its own files, or a hand-written page's folder
            assert top == "" or (key[0] == "text" and top in text_pages), (key, page.output)


def test_reserved_names_cover_every_folder_the_site_writes(site, planner):
    written = {path.split("/")[0] for path in site if "/" in path} - set(planner.corpus.pages)
    assert written <= kinds.reserved()
    assert kinds.reserved() == {k.folder for k in kinds.KINDS if k.folder} | set(kinds.OTHER_FOLDERS)


@pytest.mark.parametrize("name", sorted(kinds.reserved()))
def test_a_page_may_not_take_a_reserved_name(name, make_corpus):
    content = make_corpus({f"pages/{name}.md": "# صفحة تجريبية\n\nنص قصير كتبناه للاختبار.\n"})
    with pytest.raises(BuildFailed) as failed:
        check(content)
    assert [d.code for d in failed.value.diagnostics.sorted()] == ["reserved-page"]


def test_searched_kinds_are_those_whose_pages_carry_the_marker(site, planner):
    marked = {key[0] for key, page in _planned(planner) if page.output.endswith(".html") and BODY in site[page.output]}
    assert marked == kinds.indexed()


def test_nav_lists_each_kinds_links_in_registry_order(planner):
    corpus = planner.corpus
    expected = [kinds.HOME, kinds.BRIEFS, kinds.BASES, kinds.SOURCES,
                *(Link(f"{p}/", corpus.pages[p].title) for p in sorted(corpus.pages)),
                kinds.DATA, kinds.CHANGES, kinds.SEARCH]
    assert list(kinds.nav(corpus)) == expected
    paths = {page.path for _, page in _planned(planner)}
    assert {link.href for link in expected} <= paths


def _edit(planner, **changed) -> kinds.Edit:
    event = planner.index.events[0]
    fields = dict(events=(event,), places=frozenset(), sources=frozenset(), every_place=frozenset(planner.corpus.bases),
                  types_recounted=False, briefs_recounted=False, citations_recounted=False, status_changed=False,
                  maps_changed=False)
    return kinds.Edit(**{**fields, **changed})


def test_reach_of_one_retitled_event(planner):
    event = planner.index.events[0]
    place = event.bases[0].base
    reached = kinds.reached(_edit(planner, places=frozenset({place})))
    assert reached == {("home", ""), ("data", ""), ("changes", ""), ("search", ""), ("feed", ""),
                       ("brief", event.date.month_key), ("type", event.type), ("event", event.id),
                       ("base", place), ("base-feed", place), ("redirect", "2025-05-02-old-convoy")}
    assert kinds.reached(_edit(planner, events=())) == set()


def test_a_new_kind_is_one_entry(monkeypatch, planner, checked, make_corpus):
    """One more entry in the registry reaches every derived list: keys, page, nav, reach, reserved, search."""
    glossary = Link("glossary/", "مسرد المصطلحات")
    entry = kinds.Kind("glossary", contexts.TextPage, "glossary", kinds.single,
                       lambda p, _: contexts.TextPage(path=glossary.href, title=glossary.text, crumbs=(kinds.HOME,),
                                                      body=""),
                       kinds.every_edit, indexed=True, nav=kinds.section(glossary))
    monkeypatch.setattr(kinds, "KINDS", kinds.KINDS + (entry,))
    assert planner.keys()[-1] == ("glossary", "")
    assert planner.page(("glossary", "")).path == glossary.href
    assert kinds.nav(checked.corpus)[-1] == glossary
    assert ("glossary", "") in kinds.reached(_edit(planner))
    assert "glossary" in kinds.reserved() and "glossary" in kinds.indexed()
    with pytest.raises(BuildFailed):
        check(make_corpus({"pages/glossary.md": "# مسرد\n\nنص قصير.\n"}))


def test_an_unknown_kind_is_a_key_error(planner):
    with pytest.raises(KeyError):
        planner.page(("no-such-kind", ""))


def test_each_edit_field_is_read_by_some_kind(planner):
    """Every fact an Edit carries decides some kind's reach: none is computed for nothing."""
    base = _edit(planner, places=frozenset({planner.index.events[0].bases[0].base}))
    for field in dataclasses.fields(kinds.Edit):
        if field.type != "bool":
            continue
        assert kinds.reached(dataclasses.replace(base, **{field.name: True})) != kinds.reached(base), field.name
