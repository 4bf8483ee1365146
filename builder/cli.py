"""The `briefing` command: check, build and serve any corpus."""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import replace
from pathlib import Path

from .build import THEME, build, check
from .diagnostics import BuildFailed
from .render import RenderError
from .settings import SettingsError, from_config
from .write import OutputError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="briefing", description="Build an Arabic briefing site from a corpus of cited events.")
    commands = parser.add_subparsers(dest="command", required=True)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--content", type=Path, default=Path("content"), help="the corpus folder (default: content/)")
    common.add_argument("--config", type=Path, default=Path("mkdocs.yml"),
                        help="settings from this mkdocs.yml's `briefing` plugin entry, when it exists (default: mkdocs.yml)")
    common.add_argument("--templates", type=Path, default=THEME, help="the Jinja2 theme folder")
    commands.add_parser("check", parents=[common], help="validate the corpus and report every problem")
    b = commands.add_parser("build", parents=[common], help="validate and build the site")
    b.add_argument("--site-dir", type=Path, default=Path("site"), help="output folder (default: site/)")
    b.add_argument("--no-pdf", action="store_true", help="skip the PDF of each monthly brief (faster previews)")
    b.add_argument("--no-search", action="store_true", help="skip the Pagefind search index")
    b.add_argument("--edition", help="the edition's id (default: from mkdocs.yml, else the build date)")
    pub = commands.add_parser("publish", parents=[common], help="build an edition and deploy it into a git branch with mike")
    pub.add_argument("--edition", help="the edition's id (default: from mkdocs.yml, else the build date)")
    pub.add_argument("--repo", type=Path, default=Path("."), help="the git repository to publish into (default: .)")
    pub.add_argument("--branch", default="gh-pages", help="the branch that holds the editions (default: gh-pages)")
    pub.add_argument("--alias", action="append", dest="aliases", help="aliases for this edition (default: latest)")
    pub.add_argument("--push", action="store_true", help="push the branch to --remote afterwards")
    pub.add_argument("--no-pdf", action="store_true", help="skip the PDF of each monthly brief")
    pub.add_argument("--remote", default="origin", help="the remote to push to (default: origin)")
    s = commands.add_parser("serve", parents=[common], help="preview the site, rebuilding on every change")
    s.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on (default: 127.0.0.1:8000)")
    return parser


def _check(args) -> int:
    checked = check(args.content)
    c = checked.corpus
    print(f"{args.content}: ok ({len(c.sources)} sources, {len(c.bases)} bases, {len(c.events)} events, "
          f"{sum(len(e.citations) for e in c.events.values())} citations)")
    return 0


def _build(args) -> int:
    started = time.perf_counter()
    settings = _settings(args)
    if args.no_pdf:
        settings = replace(settings, pdf=False)
    if args.no_search:
        settings = replace(settings, search=False)
    files = build(args.content, args.site_dir, settings, args.templates)
    print(f"built {len(files)} files into {args.site_dir}/ in {time.perf_counter() - started:.2f} s")
    return 0


def _settings(args):
    settings = from_config(args.config)
    return replace(settings, edition=args.edition) if args.edition else settings


def _publish(args) -> int:
    from .publish import publish  # mike and git are only needed to publish

    settings = replace(_settings(args), pdf=False) if args.no_pdf else _settings(args)
    edition = publish(args.content, settings, args.repo, args.branch, tuple(args.aliases or ("latest",)),
                      args.templates, push=args.push, remote=args.remote)
    print(f"published edition {edition} to branch {args.branch} of {args.repo}")
    return 0


def _serve(args) -> int:
    from .serve import serve  # MkDocs is only needed for previews

    serve(args.content, args.config, args.templates, args.dev_addr)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run one command; exit 1 with every problem listed when the corpus is not valid."""
    args = _parser().parse_args(argv)
    try:
        return {"check": _check, "build": _build, "publish": _publish, "serve": _serve}[args.command](args)
    except BuildFailed as failed:
        print(failed.diagnostics.report(), file=sys.stderr)
        return 1
    except (SettingsError, OutputError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except RenderError as exc:
        print(f"{exc}\nThe theme failed; nothing was written.", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
