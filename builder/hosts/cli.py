"""The `briefing` command: check, build and serve any corpus."""

from __future__ import annotations

import argparse
import gc
import sys
import time
from dataclasses import replace
from pathlib import Path

from builder.pipeline.build import THEME, build, check
from builder.common import model as m
from builder.common.collector import THRESHOLDS
from builder.common.diagnostics import BriefingError, Diagnostic, counted, did_you_mean, display_path
from builder.pipeline.settings import from_config


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="briefing", description="Build an Arabic briefing site from a corpus of cited events.")
    commands = parser.add_subparsers(dest="command", required=True)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--content", type=Path, default=Path("content"), help="the corpus folder (default: content/)")
    common.add_argument("--config", type=Path, default=Path("mkdocs.yml"),
                        help="settings from this mkdocs.yml's `briefing` plugin entry, when it exists (default: mkdocs.yml)")
    common.add_argument("--templates", type=Path, default=THEME, help="the Jinja2 theme folder")
    strict = argparse.ArgumentParser(add_help=False)
    strict.add_argument("--strict", action="store_true",
                        help="fail on warnings too (a place outside Syria, site_url unset): for CI and publishing")
    chk = commands.add_parser("check", parents=[common, strict], help="validate the corpus and report every problem")
    chk.add_argument("--pending", action="store_true",
                     help="list the events and draft places awaiting an editor's review (review: pending)")
    b = commands.add_parser("build", parents=[common, strict], help="validate and build the site")
    b.add_argument("--site-dir", type=Path, default=Path("site"), help="output folder (default: site/)")
    b.add_argument("--no-pdf", action="store_true", help="skip the PDF of each monthly brief (faster previews)")
    b.add_argument("--no-search", action="store_true", help="skip the Pagefind search index")
    b.add_argument("--edition", help="the edition's id (default: from mkdocs.yml, else the build date)")
    b.add_argument("--jobs", type=int, default=None, help="processes rendering pages (default: one per core)")
    pub = commands.add_parser("publish", parents=[common, strict],
                              help="build an edition and deploy it into a git branch with mike")
    pub.add_argument("--edition", help="the edition's id (default: from mkdocs.yml, else the build date)")
    pub.add_argument("--repo", type=Path, default=Path("."), help="the git repository to publish into (default: .)")
    pub.add_argument("--branch", default="gh-pages", help="the branch that holds the editions (default: gh-pages)")
    pub.add_argument("--alias", action="append", dest="aliases", help="aliases for this edition (default: latest)")
    pub.add_argument("--push", action="store_true", help="push the branch to --remote afterwards")
    pub.add_argument("--no-pdf", action="store_true", help="skip the PDF of each monthly brief")
    pub.add_argument("--remote", default="origin", help="the remote to push to (default: origin)")
    pub.add_argument("--jobs", type=int, default=None, help="processes rendering pages (default: one per core)")
    add = commands.add_parser("add-source", parents=[common],
                              help="archive an article (text, saved page or WARC record) with its metadata")
    add.add_argument("file", type=Path, help="the article as published: UTF-8 text, a saved page (.html) or a WARC "
                     "file (.warc, .warc.gz)")
    add.add_argument("--outlet", default="", help="the outlet's name in Arabic")
    add.add_argument("--outlet-en", default="", help="the outlet's name in English (also names the id)")
    add.add_argument("--url", default="", help="the article's address (default: a saved page's canonical "
                     "address, else the first one in the text)")
    add.add_argument("--id", dest="source_id", default="", help="the source's id (default: outlet-date-hash)")
    add.add_argument("--title", default="", help="the headline (default: a saved page's own, else the "
                     "text's first lines)")
    add.add_argument("--published", default="", help="YYYY-MM-DD or YYYY-MM (default: a saved page's metadata, "
                     "else the dateline)")
    add.add_argument("--reliability", default="F", help="Admiralty grade A-F (default: F, cannot be judged yet)")
    add.add_argument("--record", default="", help="in a WARC file of several pages, the article's WARC-Target-URI "
                     "or WARC-Record-ID")
    add.add_argument("--charset", default="", help="a saved page's charset when it declares none or a wrong one "
                     "(e.g. windows-1256)")
    add.add_argument("--force", action="store_true", help="archive the article even though a source already has its "
                     "address (another article at that address, e.g. a page updated since)")
    sug = commands.add_parser("suggest", parents=[common], help="propose event stubs from an archived source")
    sug.add_argument("source", help="the source's id")
    sug.add_argument("--write", action="store_true", help="write the stubs under events/ instead of printing them")
    s = commands.add_parser("serve", parents=[common], help="preview the site, rebuilding on every change")
    s.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on (default: 127.0.0.1:8000)")
    s.add_argument("--poll", action="store_true",
                   help="look for changes by polling, for corpora on network or container mounts (default: OS notifications)")
    return parser


def _warn(warnings: tuple[Diagnostic, ...] | list[Diagnostic]) -> str:
    """Print each warning to stderr as errors are printed; return `; N warnings` for the summary line."""
    for warning in warnings:
        print(warning.format(), file=sys.stderr)
    return f"; {counted(len(warnings), 'warning')}" if warnings else ""


def _check(args) -> int:
    checked = check(args.content, strict=args.strict)
    c = checked.corpus
    # Draft places and proposed events alike wait for an editor: one count, one list, by file.
    pending = sorted([*(e for e in c.events.values() if e.pending), *(b for b in c.bases.values() if b.pending)],
                     key=lambda record: record.path)
    warned = _warn(checked.warnings)
    citations = sum(len(e.citations) for e in c.events.values())
    print(f"{args.content}: ok ({counted(len(c.sources), 'source')}, {counted(len(c.bases), 'base')}, "
          f"{counted(len(c.events), 'event')}, {counted(citations, 'citation')}"
          + (f"; {len(pending)} awaiting review" if pending else "") + f"){warned}")
    if args.pending:
        for record in pending:
            if isinstance(record, m.Event):
                print(f"{record.path}: pending: {record.id} ({record.type}, {record.date.start.iso}): "
                      "confirm each field, then set `review: reviewed`")
            else:
                print(f"{record.path}: pending: draft place {record.id} ({record.kind}, «{record.name.ar}»): "
                      "give it a fitting id, its governorate and location, then set `review: reviewed`")
    elif pending:
        print("    hint: `briefing check --pending` lists them; they change no status until reviewed")
    return 0


def _build(args) -> int:
    started = time.perf_counter()
    settings = _settings(args)
    if args.no_pdf:
        settings = replace(settings, pdf=False)
    if args.no_search:
        settings = replace(settings, search=False)
    files, warnings = build(args.content, args.site_dir, settings, args.templates, strict=args.strict)
    warned = _warn(warnings)
    print(f"built {counted(len(files), 'file')} into {args.site_dir}/ in {time.perf_counter() - started:.2f} s{warned}")
    return 0


def _settings(args):
    settings = from_config(args.config)
    if args.edition:
        settings = replace(settings, edition=args.edition)
    return replace(settings, jobs=args.jobs) if args.jobs is not None else settings


def _publish(args) -> int:
    from builder.editions.publish import publish  # mike and git are only needed to publish

    settings = replace(_settings(args), pdf=False) if args.no_pdf else _settings(args)
    done = publish(args.content, settings, args.repo, args.branch, tuple(args.aliases or ("latest",)),
                   args.templates, push=args.push, remote=args.remote, strict=args.strict)
    warned = _warn(done.warnings)
    print(f"published edition {done.edition} to branch {args.branch} of {args.repo}{warned}")
    return 0


def _add_source(args) -> int:
    from builder.curation.add_source import add_source

    new = add_source(args.file, args.content, outlet=args.outlet, outlet_en=args.outlet_en, url=args.url,
                     source_id=args.source_id, title=args.title, published=args.published, reliability=args.reliability,
                     record=args.record, charset=args.charset, force=args.force)
    if new.original_path is None:
        print(f"archived {new.text_path} (verbatim) and wrote {new.meta_path}")
    else:
        print(f"archived {new.original_path} (verbatim), its article text as {new.text_path}, and wrote {new.meta_path}")
    for fact in new.found:
        print(f"  read {'from the page' if new.original_path else 'from the text'}: {fact}")
    print(f"Review {new.meta_path.name}, then: briefing suggest {new.id} --content {args.content}")
    return 0


def _suggest(args) -> int:
    from builder.curation.corroborate import cited_yaml, corroboration_yaml, triage
    from builder.curation.suggest import Suggester, assign_ids, draft_id, draft_place_yaml, place_yaml, stub_yaml

    checked = check(args.content)
    corpus = checked.corpus
    if args.source not in corpus.sources:
        hint = did_you_mean(args.source, tuple(corpus.sources)) or "run `ls " + str(args.content / "sources") + "`"
        raise BriefingError.anywhere("unknown-source", f"no source '{args.source}' in {args.content}/sources", hint)
    source = corpus.sources[args.source]
    stubs, places = Suggester(corpus).suggest(source)
    # What is new is decided once: a sentence an event already quotes from this source is not proposed
    # again; a report of an event the corpus holds from another source is a citation (or a disagreement)
    # for it, not a new event.
    sorted_ = triage(corpus, source, stubs)
    stubs = sorted_.new
    assign_ids(stubs, set(corpus.events) | {old for e in corpus.events.values() for old in e.replaces})
    if sorted_.cited:
        print("# Sentences events already cite from this source (nothing is proposed or written for them):")
        print("\n".join(cited_yaml(c) for c in sorted_.cited))
    if sorted_.corroborations:
        print("# Reports of events already in the corpus (edit those files; nothing is written to them):")
        print("\n".join(corroboration_yaml(c) for c in sorted_.corroborations))
    if not args.write:
        print("\n---\n".join(stub_yaml(stub, source) for stub in stubs), end="")
        if places:
            print("\n# Places the text names that no file in bases/ knows (--write drafts each under bases/):")
            print("\n".join(place_yaml(p) for p in places), end="")
        print(f"# {counted(len(stubs), 'suggested event')}, {counted(len(places), 'possible new place')}",
              file=sys.stderr)
        return 0
    files = {Path("events") / f"{stub.date.value.year:04d}" / f"{stub.id}.yaml": stub_yaml(stub, source) for stub in stubs}
    drafts = {Path("bases") / f"{draft_id(p)}.yaml": draft_place_yaml(p, source) for p in places}
    drafts = {path: text for path, text in drafts.items() if not (args.content / path).exists()}  # drafted before
    files |= drafts
    for path in files:
        if (args.content / path).exists():
            raise BriefingError.at(args.content / path, 0, 0, "file-exists", "already exists; nothing written",
                                   "rename or remove the file, or edit it by hand")
    _check_with(args.content, files)  # every file or none: a corpus is never left half-written or failing `check`
    for path, text in files.items():
        (args.content / path).parent.mkdir(parents=True, exist_ok=True)
        (args.content / path).write_text(text, encoding="utf-8")
        print(f"wrote {args.content / path}")
    print(_written(len(stubs), len(drafts)))
    return 0


def _written(events: int, drafts: int) -> str:
    """What `suggest --write` did, and what is left to the editor for what it wrote (nothing, if nothing)."""
    text = f"{counted(events, 'event')} and {counted(drafts, 'draft place')} written"
    if not events and not drafts:
        return text + "."
    todo = []
    if drafts:
        todo.append("complete each draft place's governorate and location")
    if events:
        todo.append("review every field of each event")
    todo.append("then set review: reviewed")
    todo_text = ", ".join(todo)
    return text + ", each marked review: pending; `briefing check` passes. " + todo_text[0].upper() + todo_text[1:] + "."


def _check_with(content: Path, files: dict[Path, str]) -> None:
    """`check` on a scratch copy of the corpus with `files` added; its problems are raised as the
    corpus's own (paths under `content`), before anything is written there."""
    import shutil
    import tempfile
    from dataclasses import replace as changed

    with tempfile.TemporaryDirectory() as scratch:
        trial = Path(scratch) / "content"
        shutil.copytree(content, trial, symlinks=True)
        for path, text in files.items():
            (trial / path).parent.mkdir(parents=True, exist_ok=True)
            (trial / path).write_text(text, encoding="utf-8")
        try:
            check(trial)
        except BriefingError as failed:
            shown, real = display_path(trial), display_path(content)
            raise BriefingError([changed(d, path=d.path.replace(str(trial), str(content)).replace(shown, real))
                                 for d in failed.diagnostics.sorted()]) from None


def _serve(args) -> int:
    from builder.preview.serve import serve  # MkDocs is only needed for previews

    serve(args.content, args.config, args.templates, args.dev_addr, poll=args.poll)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run one command; exit 1 with every problem listed (BriefingError.report) when it cannot be done."""
    args = _parser().parse_args(argv)
    try:
        commands = {"check": _check, "build": _build, "publish": _publish, "serve": _serve,
                    "add-source": _add_source, "suggest": _suggest}
        return commands[args.command](args)
    except BriefingError as failed:  # whatever a user can cause, from any stage, is this one type
        print(failed.report(), file=sys.stderr)
        return 1


def entry() -> None:
    """The `briefing` command: main() in a process of its own, so the collector's policy is ours (collector.py),
    and the collection at exit need not walk every record once more."""
    gc.set_threshold(*THRESHOLDS)
    code = main()
    gc.freeze()
    sys.exit(code)


if __name__ == "__main__":
    entry()
