"""Templates print what Python prepared: each reads only `page`, `site` and `root`, and only documented fields."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from jinja2 import meta, nodes

from builder.planning import contexts
from builder.rendering.render import SiteInfo, environment

THEME = Path(__file__).resolve().parent.parent / "templates"
KINDS = [cls for cls in vars(contexts).values()
         if isinstance(cls, type) and issubclass(cls, contexts.PageContext) and cls is not contexts.PageContext]
ENV = environment(THEME)


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
