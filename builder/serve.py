"""`briefing serve`: MkDocs's live-reload server, pointed at any corpus."""

from __future__ import annotations

import tempfile
from pathlib import Path

from mkdocs.commands.serve import serve as mkdocs_serve

from .settings import DEFAULT_NAME, plugin_options


def serve(content: Path, config: Path, templates: Path, dev_addr: str) -> None:
    """Serve the corpus at `content` with the settings of `config` (if it exists), reloading on change."""
    options: dict = {}
    with tempfile.TemporaryDirectory(prefix="briefing-serve-") as scratch:
        if config.is_file():
            _, options = plugin_options(config)
            config_file = str(config)
        else:
            config_file = str(Path(scratch) / "mkdocs.yml")
            Path(config_file).write_text(f"site_name: {DEFAULT_NAME}\n", encoding="utf-8")
        options |= {"content": str(content.resolve()), "templates": str(templates.resolve())}
        mkdocs_serve(config_file=config_file, docs_dir=str(content.resolve()), dev_addr=dev_addr,
                     plugins=[{"briefing": options}], watch=[str(templates.resolve())])
