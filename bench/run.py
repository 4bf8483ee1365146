"""Benchmark: the builder against plain MkDocs and Hugo on the same pages, in one session.

For each size, writes a synthetic corpus (bench/synth.py), then measures, as separate processes,
`briefing check`, `briefing build --no-pdf`, `mkdocs build` on equivalent Markdown (one page per page
the builder writes, same titles, text and quotes) and `hugo` on the same Markdown. Reports medians of
wall time, CPU time (user + system), peak memory and pages per second, and the ratios; then the time
an edit to one event takes in a preview (bench/preview.py), and under a real `briefing serve` (bench/serve.py).

    make bench                                   # 1,000, 10,000 and 30,000 events, 3 runs each
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
    peak_mb: float  # the largest single process of the run (ru_maxrss)
    total_mb: float  # the run's processes together at their peak (sum of PSS, sampled every 50 ms)


def _tree_pss_kb(root: int) -> int:
    """Proportional set size of a process and all its descendants: memory shared after a fork counts once."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as f:
                    ppid = int(f.read().rsplit(b")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, ()))
        try:
            with open(f"/proc/{pid}/smaps_rollup", "rb") as f:
                for line in f:
                    if line.startswith(b"Pss:"):
                        total += int(line.split()[1])
                        break
        except OSError:
            pass
    return total


def measure(cmd: list[str], env: dict[str, str] | None = None) -> Sample:
    """Run one command as a child process: wall time, CPU time (its children's included: Pagefind and
    the rendering workers), the largest process's peak and the whole tree's peak memory."""
    started = time.perf_counter()
    process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, **(env or {})})
    peak_total = 0
    stop = threading.Event()

    def sample():
        nonlocal peak_total
        while not stop.wait(0.05):
            peak_total = max(peak_total, _tree_pss_kb(process.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    stop.set()
    sampler.join()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(map(str, cmd))}\n{process.stderr.read().decode()[-2000:]}")
    return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, peak_total / 1024)


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


MKDOCS_YML = """site_name: benchmark
docs_dir: docs
site_dir: site
theme: mkdocs
nav: [index.md, briefs/index.md, bases/index.md, sources/index.md]
"""
HUGO_TOML = 'baseURL = "/"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]\n'
HUGO_LAYOUT = ('<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>'
               '<body><nav><a href="/">الرئيسية</a></nav><main>{{ .Content }}</main></body></html>\n')


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
    return Sample(*(statistics.median(getattr(s, f) for s in samples) for f in ("wall", "cpu", "peak_mb", "total_mb")))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 30000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    hugo_bin = shutil.which("hugo", path=str(BIN)) or shutil.which("hugo")
    rows, edits = [], []
    for size in args.sizes:
        with tempfile.TemporaryDirectory(prefix=f"bench-{size}-") as tmp:
            work = Path(tmp)
            generate(work / "content", size)
            pages = prepare_baselines(work / "content", work)
            briefing = [str(BIN / "briefing")]
            build = [*briefing, "build", "--no-pdf", "--content", str(work / "content"), "--site-dir", str(work / "site")]
            cold, warm = {"BRIEFING_CACHE": "off"}, {"BRIEFING_CACHE": str(work / "cache")}
            # name: (command, environment). Cold runs never see a record cache; the warm check runs
            # after one untimed check has filled it, as a second check in an editing session would.
            tools = {
                "briefing check": ([*briefing, "check", "--content", str(work / "content")], cold),
                "briefing check (warm cache)": ([*briefing, "check", "--content", str(work / "content")], warm),
                "briefing build": (build, cold),
                "briefing build --no-search": ([*build, "--no-search"], cold),
                "mkdocs build": ([str(BIN / "mkdocs"), "build", "-q", "-f", str(work / "mkdocs" / "mkdocs.yml")], {}),
            }
            if hugo_bin:
                tools["hugo"] = ([hugo_bin, "--quiet", "--source", str(work / "hugo"), "--destination", str(work / "hugo-site")], {})
            measure(tools["briefing check (warm cache)"][0], warm)  # fills the cache
            results = {}
            for name, (cmd, env) in tools.items():
                results[name] = median([measure(cmd, env) for _ in range(args.runs)])
            # Equal work, checked: each tool must have written (about) one HTML file per page.
            for name, out in (("briefing build", work / "site"), ("mkdocs build", work / "mkdocs" / "site"),
                              ("hugo", work / "hugo-site")):
                written = sum(1 for _ in out.rglob("*.html")) if out.exists() else 0
                if name in results and not pages <= written <= pages * 1.1 + 5:
                    raise SystemExit(f"{name} wrote {written} HTML files for {pages} pages: not the same work")
            edit = json.loads(subprocess.run([sys.executable, str(HERE / "preview.py"), str(work / "content"),
                                              "--edits", str(max(5, args.runs))], env={**os.environ, **warm},
                                             check=True, capture_output=True, text=True).stdout)
            served = json.loads(subprocess.run([sys.executable, str(HERE / "serve.py"), str(work / "content"),
                                                "--edits", str(max(5, args.runs))], env={**os.environ, **warm},
                                               check=True, capture_output=True, text=True).stdout)
            rows.append((size, pages, results))
            edits.append((size, edit, served))
            print(f"{size} events ({pages} pages): " + ", ".join(f"{k} {v.wall:.2f} s" for k, v in results.items())
                  + f", preview edit {edit['median_s']:.2f} s, through briefing serve {served['median_s']:.2f} s", flush=True)

    print(f"\nmedians of {args.runs} runs on {os.cpu_count()} cores; builds without PDFs\n")
    print("| events | pages | tool | wall s | CPU s | peak MB, largest process | peak MB, all processes | pages/s |")
    print("|---:|---:|---|---:|---:|---:|---:|---:|")
    for size, pages, results in rows:
        for name, s in results.items():
            rate = f"{pages / s.wall:,.0f}" if "check" not in name else ""
            print(f"| {size:,} | {pages:,} | {name} | {s.wall:.2f} | {s.cpu:.2f} | {s.peak_mb:.0f} | {s.total_mb:.0f} | {rate} |")
    print("\n| events | build | MkDocs ÷ briefing (×, higher is better) | briefing ÷ Hugo (×, lower is better) |")
    print("|---:|---|---:|---:|")
    for size, _, results in rows:
        for name in ("briefing build", "briefing build --no-search"):
            ours = results[name].wall
            mk = results["mkdocs build"].wall / ours
            hugo = f"{ours / results['hugo'].wall:.1f}" if "hugo" in results else "n/a"
            print(f"| {size:,} | {name.removeprefix('briefing build').strip() or 'with search'} | {mk:.1f} | {hugo} |")
    print("\n| events | one event edited in a preview: check, re-render, write (median s) | pages re-rendered "
          "| the same under `briefing serve`: save to rebuilt (median s) |")
    print("|---:|---:|---:|---:|")
    for size, edit, served in edits:
        print(f"| {size:,} | {edit['median_s']:.2f} | {edit['pages']:.0f} | {served['median_s']:.2f} |")


if __name__ == "__main__":
    main()
