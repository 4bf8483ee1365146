"""Site-wide settings: read from mkdocs.yml's `briefing` plugin entry, or given directly."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from builder.arabic.printing import Style
from builder.arabic.wording import SITE_NAME
from builder.common import characters
from builder.common.model import LAST_YEAR
from builder.common.diagnostics import BriefingError, Diagnostic
from builder.indexing.changes import EDITION_ID

DEFAULT_NAME = SITE_NAME
MONTHS = ("levantine", "gregorian")
DIGITS = ("western", "arabic-indic")




def _setting(option: str, message: str, hint: str) -> BriefingError:
    """A bad value of `option`; from_config places it at that option in mkdocs.yml."""
    error = BriefingError.anywhere("setting", f"{option} {message}", hint)
    error.option = option
    return error


def build_time() -> dt.datetime:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else now; always UTC.

    Raises BriefingError (code build-time) when it is not whole seconds, or names a moment after the
    last year a date may fall in (model.LAST_YEAR)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        hint = "set it to the last commit's time: SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)"
        if not epoch.isascii() or not epoch.isdigit():
            raise BriefingError.anywhere("build-time", f"SOURCE_DATE_EPOCH must be whole seconds since 1970, not {epoch[:40]!r}", hint)
        limit = dt.datetime(LAST_YEAR, 12, 31, tzinfo=dt.timezone.utc).timestamp()
        if len(epoch) > 20 or int(epoch) > limit:
            raise BriefingError.anywhere("build-time", f"SOURCE_DATE_EPOCH {epoch[:40]} is after the year {LAST_YEAR}", hint)
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


@dataclass(frozen=True)
class Settings:
    """How a site is built: its name and address, how months and digits are printed, whether PDFs and
    the search index are made, the edition's id, the number of render processes and the build time.
    SettingsError names a value out of range."""

    site_name: str = DEFAULT_NAME
    site_url: str = ""
    months: str = "levantine"
    digits: str = "western"
    pdf: bool = True  # a PDF of each monthly brief
    search: bool = True  # the Pagefind index behind the search page
    edition: str = ""  # defaults to the build date, YYYY-MM-DD
    jobs: int = 0  # processes rendering pages; 0: one per core
    editions: bool = False  # set by `briefing publish`: pages look for the other editions in versions.json
    built: dt.datetime = field(default_factory=build_time)

    def __post_init__(self):
        if self.months not in MONTHS:
            raise _setting("months", f"must be one of {', '.join(MONTHS)}, not {self.months!r}", "write months: levantine")
        if self.digits not in DIGITS:
            raise _setting("digits", f"must be one of {', '.join(DIGITS)}, not {self.digits!r}", "write digits: western")
        for option, value in (("site_name", self.site_name), ("site_url", self.site_url)):
            if found := characters.refused(value):  # the name heads every page and feed
                raise _setting(option, f"has {found.kind} U+{ord(found.char):04X}, which is not allowed", characters.HINT)
        if not isinstance(self.jobs, int) or self.jobs < 0:
            raise _setting("jobs", f"must be 0 (one per core) or more, not {self.jobs!r}", "leave it out: one process per core")
        if self.edition and not EDITION_ID.fullmatch(self.edition):
            raise _setting("edition", f"must be letters, digits, '.', '_' or '-' (no '/'), not {self.edition!r}",
                           "write the edition's date, e.g. 2025-06-01")

    @property
    def edition_id(self) -> str:
        """The edition's id: as set, or the build date (the last commit's, under `make`)."""
        return self.edition or self.built.date().isoformat()

    @property
    def style(self) -> Style:
        """How dates and numbers are printed, as these settings choose."""
        return Style(months=self.months, digits=self.digits)

    def warnings(self) -> list[Diagnostic]:
        """What a published build would be worse without: printed by the hosts as warnings, fatal only
        under --strict (a preview or a local build needs no address)."""
        if self.site_url:
            return []
        return [Diagnostic("", 0, 0, "site-url",
                           "site_url is not set, so the feeds' links, the canonical links and the OpenGraph tags "
                           "are relative, which many feed readers and sharing previews cannot follow",
                           "set `site_url: https://…/` in mkdocs.yml to the address the site is published at",
                           severity="warning")]


class _ConfigSafeLoader(yaml.SafeLoader):
    """Safe loading that tolerates MkDocs's own tags (`!ENV`, `!relative`) by reading them as nothing."""


_ConfigSafeLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_ConfigSafeLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def plugin_options(config: Path) -> tuple[dict, dict]:
    """The MkDocs config as a dict, and the options of its `briefing` plugin entry.

    Raises BriefingError (config-yaml) at the place in the file when it is not YAML, or when the
    config, `plugins` or the `briefing` entry has the wrong shape."""
    try:
        text = config.read_text(encoding="utf-8")
        data = yaml.load(text, Loader=_ConfigSafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise BriefingError.at(config, mark.line + 1 if mark else 0, mark.column + 1 if mark else 0, "config-yaml",
                               f"invalid YAML: {exc.problem or exc}", "fix the YAML syntax of the MkDocs config") from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise BriefingError.at(config, 0, 0, "config-yaml", f"cannot be read: {exc}", "save it as UTF-8 YAML") from None
    data = {} if data is None else data
    if not isinstance(data, dict):
        raise _shape(config, text, (), "the MkDocs config must be a mapping of settings")
    plugins = data.get("plugins") or ()
    if not isinstance(plugins, (list, dict)):
        raise _shape(config, text, ("plugins",), "'plugins' must be a list of plugin entries")
    entries = [{name: options} for name, options in plugins.items()] if isinstance(plugins, dict) else plugins
    for entry in entries:
        if isinstance(entry, dict) and "briefing" in entry:
            options = entry["briefing"] or {}
            if not isinstance(options, dict):
                raise _shape(config, text, ("plugins", "briefing"), "the 'briefing' plugin entry must be a mapping of options")
            return data, dict(options)
    return data, {}


def _shape(config: Path, text: str, keys: tuple[str, ...], message: str) -> BriefingError:
    line, column = position(text, keys)
    return BriefingError.at(config, line, column, "config-yaml", message,
                            "see the `briefing` entry in the README's Settings section")


def position(text: str, keys: tuple[str, ...]) -> tuple[int, int]:
    """Where the value under `keys` starts in a MkDocs config (1-based line and column); a key of a plugin
    list is looked up in each of its entries. (1, 1) when the text does not have it."""
    try:
        node = yaml.compose(text, Loader=_ConfigSafeLoader)
    except yaml.YAMLError:
        return 1, 1
    for key in keys:
        found = None
        candidates = node.value if isinstance(node, yaml.SequenceNode) else [node]
        for candidate in candidates:
            if isinstance(candidate, yaml.MappingNode):
                found = next((v for k, v in candidate.value if getattr(k, "value", None) == key), None) or found
        if found is None:
            break
        node = found
    mark = node.start_mark if node is not None else None
    return (mark.line + 1, mark.column + 1) if mark else (1, 1)


def from_options(site_name: str | None, site_url: str | None, options: dict) -> Settings:
    """Settings from a site name, URL and the plugin's options; BriefingError (setting) for a bad value."""
    jobs = options.get("jobs") or 0
    return Settings(
        site_name=str(site_name or DEFAULT_NAME),
        site_url=str(site_url or "").rstrip("/"),
        months=options.get("months", "levantine"),
        digits=options.get("digits", "western"),
        pdf=bool(options.get("pdf", True)),
        search=bool(options.get("search", True)),
        edition=str(options.get("edition") or ""),
        jobs=int(jobs) if isinstance(jobs, (int, str)) and str(jobs).strip().isdigit() else jobs,
    )


def from_config(config: Path | None) -> Settings:
    """Settings from an mkdocs.yml, or the defaults when there is none.

    Raises BriefingError: config-yaml for a file that is not YAML of the right shape, setting (placed at
    the option in the file) for a value the builder does not know, build-time for SOURCE_DATE_EPOCH."""
    if config is None or not config.is_file():
        return Settings()
    data, options = plugin_options(config)
    try:
        return from_options(data.get("site_name"), data.get("site_url"), options)
    except BriefingError as failed:
        option = getattr(failed, "option", None)
        if option is None:
            raise
        line, column = position(config.read_text(encoding="utf-8"), ("plugins", "briefing", option))
        raise BriefingError([Diagnostic(str(config), line, column, d.code, d.message, d.hint)
                             for d in failed.diagnostics.items]) from None
