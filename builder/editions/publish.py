"""`briefing publish`: deploy an edition into a git branch with mike, beside the editions before it.

mike owns the branch layout (one folder per edition, the `latest` alias, versions.json and the root
redirect); the builder's core builds the edition itself, compared with the previous edition's
published data, inside mike's deploy step.
"""

from __future__ import annotations

import contextlib
import json
import tempfile
from pathlib import Path

from mike import commands, git_utils

from builder.pipeline.build import THEME, check, render_site
from builder.indexing.changes import Published
from builder.pipeline.settings import Settings
from builder.writing.site import write_site

DATA_FILES = ("events.json", "bases.json", "sources.json")


def previous_edition(branch: str, edition: str) -> Published | None:
    """The newest edition on the branch other than `edition`, as its published data; None if there is none."""
    versions = list(commands.list_versions(branch))
    latest = [v for v in versions if "latest" in v.aliases and str(v.version) != edition]
    others = [v for v in versions if str(v.version) != edition]
    chosen = (latest or others or [None])[0]
    if chosen is None:
        return None
    files = {}
    for name in DATA_FILES:
        try:
            files[name] = git_utils.read_file(branch, f"{chosen.version}/{name}")
        except git_utils.GitError:
            pass  # an edition published before this file existed
    return Published.from_files(str(chosen.version), files)


def publish(content: Path, settings: Settings, repo: Path, branch: str = "gh-pages",
            aliases: tuple[str, ...] = ("latest",), templates: Path = THEME, push: bool = False,
            remote: str = "origin") -> str:
    """Build the edition and commit it to `branch` of the repository at `repo`; return the edition id."""
    checked = check(content.resolve())  # before touching the branch: a bad corpus publishes nothing
    edition = settings.edition_id
    title = f"طبعة {settings.style.day(settings.built.date())}" if not settings.edition else edition
    with contextlib.chdir(repo), tempfile.TemporaryDirectory(prefix="briefing-publish-") as scratch:
        previous = previous_edition(branch, edition)
        files = render_site(checked, settings, templates, previous)
        cfg = {"site_dir": str(Path(scratch) / "site"), "use_directory_urls": True}
        digest = json.loads(files.files["version.json"])["content_sha256"]
        message = f"Publish edition {edition} (content {digest[:12]})"
        with commands.deploy(cfg, edition, title, aliases=list(aliases), update_aliases=True, branch=branch,
                             message=message, alias_type=commands.AliasType.symlink):
            write_site(files, Path(cfg["site_dir"]), settings.built.timestamp())
        default = aliases[0] if aliases else edition
        try:
            commands.set_default(default, branch=branch, message=f"Point the site root at {default}")
        except git_utils.GitEmptyCommit:
            pass  # the root already redirects there
        if push:
            git_utils.push_branch(remote, branch)
    return edition
