"""Render page contexts with the Jinja2 theme: autoescaped, strict about undefined names."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import jinja2
import jinja2.bccache
from markupsafe import Markup

from builder.arabic import wording
from builder.arabic.bidi import isolate
from builder.common.diagnostics import BriefingError
from builder.planning.contexts import PageContext
from builder.planning.views import Link


@dataclass(frozen=True)
class SiteInfo:
    """What every page prints about the site itself."""

    name: str
    nav: tuple[Link, ...]
    built: str  # the build date, in Arabic
    built_iso: str
    edition: str
    url: str = ""  # where the site is published (settings' site_url, no trailing slash); '' when unknown
    description: str = ""  # what the site is, for pages that have no description of their own
    editions: bool = False  # published with `briefing publish`: versions.json sits beside the editions


class CompiledTemplates(jinja2.BytecodeCache):
    """The theme's compiled templates, kept in memory by the host between builds (a preview's update
    makes a new environment and would otherwise compile every template again). Jinja checks each entry
    against its template's source, so an edited template is compiled afresh."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Jinja's hook: hand back a template compiled before, when it is held."""
        code = self.code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Jinja's hook: keep a freshly compiled template."""
        self.code[bucket.key] = bucket.bytecode_to_string()


def environment(templates: Path, compiled: CompiledTemplates | None = None) -> jinja2.Environment:
    """The theme's environment: autoescape on, undefined names are errors, output stable. `compiled`
    holds templates compiled by earlier environments (none: every template is compiled afresh).

    A template is read once per environment (no `auto_reload`): Jinja would otherwise stat its file at
    every use, several times for every page. Each build and each preview update makes its
    own environment, so an edited template is still picked up by the next one."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=compiled if compiled is not None else CompiledTemplates(),
        auto_reload=False,
    )
    env.filters["bidi"] = isolate  # escapes, then isolates Latin and dated runs in Arabic text
    env.globals["words"] = wording.WORDS  # every Arabic word a template prints
    return env


THEME_HINT = "the theme failed, not the corpus: fix the template named here (--templates)"


def _template_line(exc: Exception, fallback: str) -> tuple[str, int]:
    """The innermost template frame of a rendering error, as (file, line); line 0 when unknown."""
    tb, where = exc.__traceback__, (fallback, 0)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".html"):
            where = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return where


def root_of(path: str) -> str:
    """The relative prefix from a page's folder back to the site root ('' at the root)."""
    return "../" * path.count("/")


class Renderer:
    """Renders page contexts with the theme in `templates`; the parts every page repeats (masthead,
    colophon, event cards) are rendered once and reused."""

    def __init__(self, templates: Path, site: SiteInfo, compiled: CompiledTemplates | None = None):
        self.env = environment(templates, compiled)
        self.site = site
        self._cards: dict[tuple[str, int, str], Markup] = {}
        self._card: jinja2.Template | None = None
        self._chrome: dict[tuple[str, str, str | None], Markup] = {}
        self._nav = frozenset(link.href for link in site.nav)
        self.env.globals["event_card"] = self.event_card
        self.env.globals["chrome"] = self.chrome

    def chrome(self, name: str, root: str, current: str | None = None) -> Markup:
        """A part every page repeats (masthead, colophon), rendered once per page depth and, for the
        masthead, per current section, rather than once for every page."""
        key = (name, root, current if current in self._nav else None)  # None: '' is the home page's href
        html = self._chrome.get(key)
        if html is None:
            template = self.env.get_template(name)
            html = self._chrome[key] = Markup(template.render(site=self.site, root=root, current=key[2]).strip("\n"))
        return html

    def event_card(self, card, heading: int, root: str) -> Markup:
        """An event's card as HTML, rendered once per heading level and page depth: the same card
        appears in its brief, on each of its places' pages and on the home page."""
        key = (card.id, heading, root)
        html = self._cards.get(key)
        if html is None:
            if self._card is None:
                self._card = self.env.get_template("_partials/event_card.html")
            html = self._cards[key] = Markup(self._card.render(card=card, heading=heading, root=root).rstrip("\n"))
        return html

    def render(self, page: PageContext) -> bytes:
        """One page's HTML as UTF-8 bytes."""
        try:
            template = self.env.get_template(page.template)
            return template.render(page=page, site=self.site, root=root_of(page.path)).encode("utf-8")
        except jinja2.TemplateSyntaxError as exc:
            raise BriefingError.at(Path(exc.filename or exc.name or page.template), exc.lineno, 0, "template", exc.message or str(exc),
                                   THEME_HINT) from exc
        except jinja2.TemplateError as exc:
            path, line = _template_line(exc, page.template)
            raise BriefingError.at(Path(path), line, 0, "template", f"{exc} (while rendering {page.output})", THEME_HINT) from exc
