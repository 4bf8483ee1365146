"""Compare the PDF engines on the builder's own print HTML: WeasyPrint (what the builder uses) and
Chromium printing through Playwright (Debian's chromium, as the browser tests drive it).

For one month of a corpus, lays out the brief's print HTML (templates/brief_print.html) with each
engine and prints, as Markdown: the median seconds per PDF (warm: the engine already started, fonts
already loaded), pages, bytes, how many event titles `pdftotext` gives back verbatim and how many
title words of letters only it splits, and what each engine needs installed.

    .venv/bin/python bench/pdf_engines.py CONTENT 2019-06 --runs 3
"""

from __future__ import annotations

import argparse
import mimetypes
import re
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from builder.pipeline import settings as site_settings  # noqa: E402
from builder.pipeline.build import THEME, assets, check, setup  # noqa: E402
from builder.rendering.pdf import render_pdf  # noqa: E402
from builder.rendering.site_files import SiteFiles  # noqa: E402

MARKS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u200e\u200f\u2066\u2067\u2068\u2069"))
ORIGIN = "http://site.invalid/"  # Chromium's requests are answered from memory, never the network


def extracted(pdf: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        text = subprocess.run(["pdftotext", f.name, "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(unicodedata.normalize("NFKC", text).translate(MARKS).split())


def pages(pdf: bytes) -> int:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        info = subprocess.run(["pdfinfo", f.name], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def weasyprint_pdfs(html: bytes, path: str, files: SiteFiles, runs: int) -> tuple[list[float], bytes]:
    render_pdf(html, path, files)  # starts the engine and unpacks the fonts
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        pdf, _ = render_pdf(html, path, files)
        times.append(time.perf_counter() - started)
    return times, pdf


def chromium_pdfs(html: bytes, path: str, files: SiteFiles, runs: int) -> tuple[list[float], bytes]:
    from playwright.sync_api import sync_playwright

    def answer(route):
        wanted = route.request.url[len(ORIGIN):].split("#")[0].split("?")[0]
        if wanted == f"{path}index.html":
            return route.fulfill(body=html, content_type="text/html; charset=utf-8")
        if wanted in files.files:
            return route.fulfill(body=files.files[wanted], content_type=mimetypes.guess_type(wanted)[0] or "application/octet-stream")
        return route.abort()

    times = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page()
        page.route("**/*", answer)
        for run in range(runs + 1):
            started = time.perf_counter()
            page.goto(f"{ORIGIN}{path}index.html", wait_until="load")
            pdf = page.pdf(format="A4", tagged=True, outline=True, prefer_css_page_size=True)
            if run:  # the first one starts the renderer and loads the fonts
                times.append(time.perf_counter() - started)
        browser.close()
    return times, pdf


def installed_kb(packages: list[str]) -> int:
    out = subprocess.run(["dpkg-query", "-W", "-f=${Installed-Size}\\n", *packages], capture_output=True, text=True).stdout
    return sum(int(n) for n in out.split() if n.isdigit())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("content", type=Path)
    parser.add_argument("month", help="YYYY-MM, a month of the corpus")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    checked = check(args.content)
    settings = site_settings.from_config(None)
    made = setup(checked, settings)
    html = made.renderer.render(made.planner.brief_print(args.month, settings.site_name, made.renderer.site.built))
    files = SiteFiles(None)
    for name, data in assets(THEME).items():
        files.add(name, data)
    path = f"briefs/{args.month}/"
    titles = [e.title for e in checked.index.by_month[args.month]]
    words = [w for t in titles for w in t.split() if re.fullmatch(r"[\u0621-\u064a]+", w)]
    print(f"{args.month}: {len(titles)} events, print HTML {len(html):,} bytes, medians of {args.runs}\n")
    print("| engine | s per PDF | pages | bytes | titles found verbatim | title words of letters split |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, make in (("WeasyPrint", weasyprint_pdfs), ("Chromium (Playwright)", chromium_pdfs)):
        times, pdf = make(html, path, files, args.runs)
        text = extracted(pdf)
        found = set(text.split())
        print(f"| {name} | {statistics.median(times):.2f} | {pages(pdf)} | {len(pdf):,} "
              f"| {sum(t in text for t in titles)} of {len(titles)} | {sum(w not in found for w in words)} of {len(words)} |")
    print(f"\nDebian packages: chromium and chromium-common {installed_kb(['chromium', 'chromium-common']) / 1024:,.0f} MB; "
          f"Pango (libpango-1.0-0, libpangoft2-1.0-0) {installed_kb(['libpango-1.0-0', 'libpangoft2-1.0-0']) / 1024:,.1f} MB")


if __name__ == "__main__":
    main()
