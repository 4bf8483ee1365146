"""Site-wide settings: read from mkdocs.yml's `briefing` plugin entry, or given directly."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from builder.arabic.printing import Style
from builder.indexing.changes import EDITION_ID

DEFAULT_NAME = "موجز الوجود العسكري للتحالف الدولي في سوريا"
MONTHS = ("levantine", "gregorian")
DIGITS = ("western", "arabic-indic")


class SettingsError(ValueError):
    """A setting has a value the builder does not know."""


def build_time() -> dt.datetime:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else now; always UTC."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
        except ValueError as exc:
            raise SettingsError(f"SOURCE_DATE_EPOCH must be whole seconds since 1970, not {epoch!r}") from exc
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


@dataclass(frozen=True)
class Settings:
    site_name: str = DEFAULT_NAME
    site_url: str = ""
    months: str = "levantine"
    digits: str = "western"
    pdf: bool = True  # a PDF of each monthly brief
    search: bool = True  # the Pagefind index behind the search page
    edition: str = ""  # defaults to the build date, YYYY-MM-DD
    jobs: int = 0  # processes rendering pages; 0: one per core
    built: dt.datetime = field(default_factory=build_time)

    def __post_init__(self):
        if self.months not in MONTHS:
            raise SettingsError(f"months must be one of {', '.join(MONTHS)}, not {self.months!r}")
        if self.digits not in DIGITS:
            raise SettingsError(f"digits must be one of {', '.join(DIGITS)}, not {self.digits!r}")
        if self.jobs < 0:
            raise SettingsError(f"jobs must be 0 (one per core) or more, not {self.jobs}")
        if self.edition and not EDITION_ID.fullmatch(self.edition):
            raise SettingsError(f"edition must be letters, digits, '.', '_' or '-' (no '/'), not {self.edition!r}")

    @property
    def edition_id(self) -> str:
        """The edition's id: as set, or the build date (the last commit's, under `make`)."""
        return self.edition or self.built.date().isoformat()

    @property
    def style(self) -> Style:
        return Style(months=self.months, digits=self.digits)


class _ConfigSafeLoader(yaml.SafeLoader):
    """Safe loading that tolerates MkDocs's own tags (`!ENV`, `!relative`) by reading them as nothing."""


_ConfigSafeLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_ConfigSafeLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def plugin_options(config: Path) -> tuple[dict, dict]:
    """The MkDocs config as a dict, and the options of its `briefing` plugin entry."""
    data = yaml.load(config.read_text(encoding="utf-8"), Loader=_ConfigSafeLoader) or {}
    for entry in data.get("plugins") or ():
        if isinstance(entry, dict) and "briefing" in entry:
            return data, dict(entry["briefing"] or {})
    return data, {}


def from_options(site_name: str | None, site_url: str | None, options: dict) -> Settings:
    """Settings from a site name, URL and the plugin's options."""
    return Settings(
        site_name=site_name or DEFAULT_NAME,
        site_url=(site_url or "").rstrip("/"),
        months=options.get("months", "levantine"),
        digits=options.get("digits", "western"),
        pdf=bool(options.get("pdf", True)),
        search=bool(options.get("search", True)),
        edition=str(options.get("edition") or ""),
        jobs=int(options.get("jobs") or 0),
    )


def from_config(config: Path | None) -> Settings:
    """Settings from an mkdocs.yml, or the defaults when there is none."""
    if config is None or not config.is_file():
        return Settings()
    data, options = plugin_options(config)
    return from_options(data.get("site_name"), data.get("site_url"), options)
