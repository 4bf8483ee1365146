"""Templates print what Python prepared: each reads only `page`, `site`, `root` and `words`, only documented
fields (partials and the feed too), and every Arabic word comes from builder/arabic/wording.py."""

from __future__ import annotations

import dataclasses
import re
import typing
from pathlib import Path

import pytest
from jinja2 import meta, nodes

from builder.arabic import wording
from builder.planning import contexts, feeds, graphics, views
from builder.rendering.render import SiteInfo, environment

THEME = Path(__file__).resolve().parent.parent / "templates"
KINDS = [cls for cls in vars(contexts).values()
         if isinstance(cls, type) and issubclass(cls, contexts.PageContext) and cls is not contexts.PageContext]
ENV = environment(THEME)
ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc]")


def source_of(name: str):
    return ENV.parse(ENV.loader.get_source(ENV, name)[0])


def page_fields_used(name: str) -> set[str]:
    """`page.X` attribute names read by a template and every template it includes or extends."""
    seen, names, todo = set(), set(), [name]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        ast = source_of(current)
        todo.extend(t for t in meta.find_referenced_templates(ast) if t)
        for node in ast.find_all(nodes.Getattr):
            if isinstance(node.node, nodes.Name) and node.node.name == "page":
                names.add(node.attr)
    return names


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.template)
def test_page_template_reads_only_page_site_and_root(kind):
    # event_card is the one helper: it prints a card the renderer has already rendered once.
    assert meta.find_undeclared_variables(source_of(kind.template)) <= {"page", "site", "root", "event_card"}


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.template)
def test_page_template_reads_only_documented_fields(kind):
    fields = {f.name for f in dataclasses.fields(kind)} | {"template", "output"}
    assert page_fields_used(kind.template) <= fields


def test_every_template_is_a_page_kind_layout_or_partial():
    used = {k.template for k in KINDS}
    for path in THEME.glob("*.html"):
        assert path.name in used or path.name.startswith("_"), path.name


def test_site_info_fields_cover_what_the_layout_reads():
    ast = source_of("_layout.html")
    read = {n.attr for n in ast.find_all(nodes.Getattr) if isinstance(n.node, nodes.Name) and n.node.name == "site"}
    assert read <= {f.name for f in dataclasses.fields(SiteInfo)}


def test_autoescape_is_on():
    assert ENV.from_string("{{ x }}").render(x="<script>") == "&lt;script&gt;"


# What each partial and the feed are handed, by name; the names their loops bind follow from the
# element types of the fields they loop over.
PARTIALS = {
    "_partials/event_card.html": {"card": views.EventCard},
    "_partials/map.html": {"map": graphics.MapView},
    "_partials/activity.html": {"chart": graphics.ActivityChart},
    "_partials/timeline.html": {"timeline": graphics.Timeline},
    "_partials/status.html": {"status": views.StatusView},
    "_partials/board.html": {"rows": tuple[contexts.StatusRow, ...]},
    "_partials/masthead.html": {"site": SiteInfo},
    "_partials/colophon.html": {"site": SiteInfo},
    "feed.xml": {"page": feeds.FeedPage, "site": SiteInfo},
}
# Plain values passed alongside (strings and numbers): the page's root, the map's id and caption,
# the card's heading level, the current section's address.
PLAIN = {"root", "map_id", "caption", "heading", "current"}


def _element(annotation):
    """`tuple[X, ...]` (or X | None) → X."""
    args = [a for a in typing.get_args(annotation) if a is not type(None) and a is not Ellipsis]
    return _element(args[0]) if args and typing.get_origin(annotation) is not None else annotation


def _has(cls, attr: str) -> bool:
    return attr in {f.name for f in dataclasses.fields(cls)} or hasattr(cls, attr)


def _typed_reads(name: str, given: dict) -> list[str]:
    """Every `x.attr` the template reads where x is typed, that its type does not have."""
    ast = source_of(name)
    types = dict(given)
    bad = []
    for loop in ast.find_all(nodes.For):  # in document order, so an outer loop is typed first
        it = loop.iter
        if isinstance(loop.target, nodes.Name):
            if isinstance(it, nodes.Getattr) and isinstance(it.node, nodes.Name) and it.node.name in types:
                owner = _element(types[it.node.name])
                types[loop.target.name] = _element(typing.get_type_hints(owner).get(it.attr))
            elif isinstance(it, nodes.Name) and it.name in types:
                types[loop.target.name] = _element(types[it.name])
    for node in ast.find_all(nodes.Getattr):
        if isinstance(node.node, nodes.Name) and node.node.name in types:
            cls = _element(types[node.node.name])
            if not (dataclasses.is_dataclass(cls) and _has(cls, node.attr)):
                bad.append(f"{node.node.name}.{node.attr}")
    return bad


@pytest.mark.parametrize("name", sorted(PARTIALS))
def test_partials_and_the_feed_read_only_documented_fields(name):
    assert meta.find_undeclared_variables(source_of(name)) <= set(PARTIALS[name]) | PLAIN
    assert _typed_reads(name, PARTIALS[name]) == []


def test_every_partial_has_its_contract():
    partials = {p.relative_to(THEME).as_posix() for p in (THEME / "_partials").glob("*")}
    assert partials <= set(PARTIALS)


def _words_read() -> set[str]:
    read = set()
    for path in [*THEME.glob("*.html"), *THEME.glob("*.xml"), *(THEME / "_partials").glob("*.html")]:
        ast = source_of(path.relative_to(THEME).as_posix())
        read |= {n.attr for n in ast.find_all(nodes.Getattr) if isinstance(n.node, nodes.Name) and n.node.name == "words"}
    # The PDF's words reach its Typst layout in the brief's data (builder/rendering/typeset.py).
    typeset = (THEME.parent / "builder" / "rendering" / "typeset.py").read_text(encoding="utf-8")
    return read | set(re.findall(r"""words\[["'](\w+)["']\]""", typeset))


def test_templates_print_only_words_the_wording_module_has_and_it_has_none_unused():
    assert _words_read() == set(wording.WORDS)


def test_no_arabic_is_written_in_a_template_or_script():
    for path in [*THEME.glob("*.html"), *THEME.glob("*.xml"), *(THEME / "_partials").glob("*.html"),
                 *(THEME / "assets").glob("*.js"), *(THEME / "print").glob("*.typ")]:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            assert not ARABIC.search(line), f"{path.name}:{number}: Arabic belongs in builder/arabic/wording.py"


# Arabic letters (not digits or punctuation): what a word of the site would be written in.
LETTERS = re.compile("[\u0621-\u064a\u0671-\u06d3\u06fa-\u06ff]")
# Packages that read Arabic rather than print it: their lexicons are how news text is written.
READERS_OF_ARABIC = {"arabic", "curation"}


def test_every_arabic_word_the_site_prints_is_in_the_wording_module():
    import ast as python_ast
    builder = THEME.parent / "builder"
    found = []
    for module in sorted(builder.rglob("*.py")):
        if module.relative_to(builder).parts[0] in READERS_OF_ARABIC:
            continue
        tree = python_ast.parse(module.read_text(encoding="utf-8"))
        docstrings = {id(node.body[0].value) for node in python_ast.walk(tree)
                      if isinstance(node, (python_ast.Module, python_ast.ClassDef, python_ast.FunctionDef))
                      and node.body and isinstance(node.body[0], python_ast.Expr)}
        for node in python_ast.walk(tree):
            if isinstance(node, python_ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings \
                    and LETTERS.search(node.value):
                found.append(f"{module.relative_to(builder)}:{node.lineno}: {node.value[:40]}")
    assert found == [], "Arabic words belong in builder/arabic/wording.py:\n" + "\n".join(found)


def test_every_context_field_says_what_it_holds():
    """Each field of every page context carries a one-line description (a comment on its line or the
    line above), as Datasette documents its template contexts: a template author reads contexts.py."""
    import ast

    from builder.planning import contexts

    source = Path(contexts.__file__).read_text()
    lines = source.split("\n")
    silent = []
    for node in ast.parse(source).body:
        if not isinstance(node, ast.ClassDef):
            continue
        for item in node.body:
            if not (isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name)):
                continue
            if "ClassVar" in ast.unparse(item.annotation):
                continue
            here, above = lines[item.lineno - 1], lines[item.lineno - 2].strip()
            if "#" not in here and not above.startswith("#"):
                silent.append(f"{node.name}.{item.target.id}")
    assert not silent, f"context fields without a description: {silent}"
