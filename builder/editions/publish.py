"""`briefing publish`: deploy an edition into a git branch with mike, beside the editions before it.

mike owns the branch layout (one folder per edition, the `latest` alias, versions.json and the root
redirect); the builder's core builds the edition itself, compared with the previous edition's
published data, inside mike's deploy step.
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import NamedTuple

from mike import commands, git_utils

from builder.arabic import wording
from builder.pipeline.build import THEME, check, render_site, vetted
from builder.common.diagnostics import BriefingError, Diagnostic
from builder.indexing.changes import EDITION_ID, HISTORY, Published
from builder.reading.site_root import FOLDER
from builder.pipeline.settings import Settings
from builder.writing.site import write_site

DATA_FILES = ("events.json", "bases.json", "sources.json", HISTORY, "version.json")
# What the branch's root holds besides the editions' folders: mike's files and a publisher's own.
BRANCH_FILES = frozenset({"versions.json", "index.html", "404.html", ".nojekyll", "CNAME", "robots.txt", ".git"})
NAME_HINT = ("an edition id or alias is letters, digits, '.', '_' or '-', starting with a letter or digit, "
             "and names no file of the branch (e.g. 2025-06-01, v2, latest)")


def check_names(branch: str, edition: str, aliases: tuple[str, ...]) -> None:
    """Refuse an edition id or alias that does not follow EDITION_ID, names a file of the branch's root
    (versions.json, index.html, CNAME …: it would be overwritten by a folder), or is already the other
    kind (an alias given as an edition id, an edition id as an alias). Raises BriefingError (edition-id)."""
    problems = []
    for option, name in (("--edition", edition), *(("--alias", a) for a in aliases)):
        if not EDITION_ID.fullmatch(name):
            problems.append(f"{option} '{name[:70]}' does not follow the pattern")
        elif name in BRANCH_FILES or name.lower().endswith((".json", ".html", ".xml", ".txt")):
            problems.append(f"{option} '{name}' names a file of the branch's root")
    if git_utils.has_branch(branch):
        versions = list(commands.list_versions(branch))
        ids = {str(v.version) for v in versions}
        taken_aliases = {a for v in versions for a in v.aliases if str(v.version) != edition}
        known = ids | {a for v in versions for a in v.aliases}
        files = set(subprocess.run(["git", "ls-tree", "--name-only", branch], capture_output=True, text=True).stdout.split())
        if edition in taken_aliases:
            problems.append(f"--edition '{edition}' is already an alias on {branch}")
        problems += [f"--alias '{a}' is already an edition on {branch}" for a in aliases if a in ids and a != edition]
        problems += [f"'{name}' names a file of {branch}" for name in (edition, *aliases)
                     if name in files - known and name not in BRANCH_FILES]
    if edition in aliases:
        problems.append(f"'{edition}' is given both as the edition and as its alias")
    if problems:
        raise BriefingError([BriefingError.anywhere("edition-id", p, NAME_HINT).diagnostics.items[0] for p in problems],
                            outcome="nothing was published.")


def check_root_files(checked, branch: str, edition: str, aliases: tuple[str, ...]) -> None:
    """site-root/'s files go to the branch's root too: none may take the name of mike's files or of an
    edition's folder. Raises BriefingError (site-root-clash) at the file."""
    taken = {"versions.json", "index.html", edition, *aliases}
    if git_utils.has_branch(branch):
        taken |= {name for v in commands.list_versions(branch) for name in (str(v.version), *v.aliases)}
    for rel in checked.site_root:
        if rel.split("/")[0] in taken:
            raise BriefingError.at(checked.root / FOLDER / rel, 0, 0, "site-root-clash",
                                   f"would replace {rel.split('/')[0]} at the root of {branch}",
                                   f"rename or remove it from {FOLDER}/: mike keeps the editions and their list there",
                                   outcome="nothing was published.")


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
    try:
        return Published.from_files(str(chosen.version), files)
    except (ValueError, KeyError, TypeError, AttributeError) as exc:  # not JSON, or not a list of records with ids
        raise BriefingError.at(f"{branch}:{chosen.version}", 0, 0, "edition-broken",
                               f"the previous edition's data cannot be read: {type(exc).__name__}: {str(exc)[:200]}",
                               f"repair or delete edition {chosen.version} on {branch} (`mike delete {chosen.version}`)",
                               outcome="nothing was published.") from None


class Publication(NamedTuple):
    """What `publish` did: the edition's id, and the warnings of its build for the host to print."""

    edition: str
    warnings: tuple[Diagnostic, ...]


def publish(content: Path, settings: Settings, repo: Path, branch: str = "gh-pages",
            aliases: tuple[str, ...] = ("latest",), templates: Path = THEME, push: bool = False,
            remote: str = "origin", strict: bool = False) -> Publication:
    """Build the edition and commit it to `branch` of the repository at `repo`. Under `strict` a
    warning (of the corpus or the settings) publishes nothing, as an error does."""
    checked = check(content.resolve())  # before touching the branch: a bad corpus publishes nothing
    warnings = vetted(checked, settings, strict)
    edition = settings.edition_id
    title = wording.edition_title(settings.style.day(settings.built.date())) if not settings.edition else edition
    with contextlib.chdir(repo), tempfile.TemporaryDirectory(prefix="briefing-publish-") as scratch:
        try:
            return Publication(_publish(checked, settings, edition, title, branch, aliases, templates, push, remote,
                                        Path(scratch)), warnings)
        except git_utils.GitError as exc:
            raise BriefingError.at(repo, 0, 0, "publish", f"git refused: {str(exc).strip()[:400]}",
                                   f"check that {repo} is a git repository and {branch} can be committed to",
                                   outcome="the branch was left as it was.") from None


def _publish(checked, settings: Settings, edition: str, title: str, branch: str, aliases: tuple[str, ...],
             templates: Path, push: bool, remote: str, scratch: Path) -> str:
    check_names(branch, edition, aliases)
    check_root_files(checked, branch, edition, aliases)
    previous = previous_edition(branch, edition)
    files = render_site(checked, replace(settings, editions=True), templates, previous)
    cfg = {"site_dir": str(scratch / "site"), "use_directory_urls": True}
    digest = json.loads(files.files["version.json"])["content_sha256"]
    message = f"Publish edition {edition} (content {digest[:12]})"
    with commands.deploy(cfg, edition, title, aliases=list(aliases), update_aliases=True, branch=branch,
                         message=message, alias_type=commands.AliasType.symlink):
        # mike's scratch folder; the branch is no build's output folder, so it carries no marker
        write_site(files, Path(cfg["site_dir"]), settings.built.timestamp(), mark=False)
    default = aliases[0] if aliases else edition
    try:
        commands.set_default(default, branch=branch, message=f"Point the site root at {default}")
    except git_utils.GitEmptyCommit:
        pass  # the root already redirects there
    if checked.site_root:  # a host reads CNAME, robots.txt … from the branch's root, not an edition's folder
        try:
            with git_utils.Commit(branch, f"Keep {FOLDER}/'s files at the root") as commit:
                for rel, data in checked.site_root.items():
                    commit.add_file(git_utils.FileInfo(rel, data))
        except git_utils.GitEmptyCommit:
            pass  # unchanged since the last edition
    if push:
        git_utils.push_branch(remote, branch)
    return edition
