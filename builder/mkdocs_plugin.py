"""The MkDocs adapter: `mkdocs build` and `mkdocs serve` run the builder's core and nothing else.

MkDocs keeps what it is good at (configuration, the live-reload server); the core renders every
page itself. MkDocs's own output goes to a scratch folder that is thrown away, so a failed build
never touches the real `site_dir`: the core swaps the new site in only when all of it succeeded.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files

from .build import THEME, Checked, check, render_site
from .diagnostics import BuildFailed
from .render import RenderError
from .settings import SettingsError, from_options
from .write import write_site


class BriefingConfig(Config):
    content = c.Type(str, default="content")
    templates = c.Optional(c.Type(str))
    months = c.Choice(("levantine", "gregorian"), default="levantine")
    digits = c.Choice(("western", "arabic-indic"), default="western")
    pdf = c.Type(bool, default=True)
    search = c.Type(bool, default=True)
    edition = c.Optional(c.Type(str))
    jobs = c.Type(int, default=0)  # processes rendering pages; 0: one per core


class BriefingPlugin(BasePlugin[BriefingConfig]):
    def on_config(self, config):
        base = Path(config.config_file_path or ".").parent
        self.content = (base / self.config.content).resolve()
        self.templates = (base / self.config.templates).resolve() if self.config.templates else THEME
        self.site_dir = Path(config.site_dir)
        self.scratch = tempfile.mkdtemp(prefix="briefing-mkdocs-")
        config.site_dir = self.scratch
        config.watch.extend([str(self.content), str(self.templates)])
        return config

    def on_pre_build(self, config):
        try:
            self.checked: Checked = check(self.content)
        except BuildFailed as failed:
            raise PluginError("\n" + failed.diagnostics.report()) from None

    def on_files(self, files, config):
        return Files([])  # the core renders every page, hand-written ones included

    def on_post_build(self, config):
        try:
            settings = from_options(config.site_name, config.site_url, dict(self.config))
        except SettingsError as exc:
            raise PluginError(str(exc)) from None
        try:
            files = render_site(self.checked, settings, self.templates)
        except RenderError as exc:
            raise PluginError(str(exc)) from None
        write_site(files, self.site_dir, settings.built.timestamp())
        self._drop_scratch()

    def on_build_error(self, error):
        self._drop_scratch()

    def _drop_scratch(self):
        shutil.rmtree(self.scratch, ignore_errors=True)
