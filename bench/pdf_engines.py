"""Compare the PDF engines on one month's brief: Typst (what the builder uses, from the brief's JSON
and templates/print/brief.typ) against the HTML engines on the former print layout (bench/print/):
WeasyPrint (`make bench` installs it, with Debian's Pango) and Chromium printing through Playwright
(Debian's chromium, as the browser tests drive it).

Prints, as Markdown: the median seconds per PDF (warm: the engine started, the fonts loaded; Typst
remembers layouts it made before, so each of its runs gets the brief with every title changed),
pages,
bytes, how many event titles `pdftotext` gives back verbatim and how many title words of letters
only it splits, and what each engine needs installed.

    .venv/bin/python bench/pdf_engines.py CONTENT 2019-06 --runs 3
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import io
import json
import mimetypes
import re
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

import jinja2

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from builder.pipeline import settings as site_settings  # noqa: E402
from builder.pipeline.build import THEME, assets, check, setup  # noqa: E402
from builder.rendering.pdf import Typesetter, _truetype, print_layout  # noqa: E402
from builder.rendering.site_files import SiteFiles  # noqa: E402
from builder.rendering.typeset import brief_document  # noqa: E402

MARKS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u200e\u200f\u2066\u2067\u2068\u2069"))
ORIGIN = "http://site.invalid/"  # the HTML engines' requests are answered from memory, never the network


def extracted(pdf: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        text = subprocess.run(["pdftotext", f.name, "-"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                              check=True).stdout
    return " ".join(unicodedata.normalize("NFKC", text).translate(MARKS).split())


def pages(pdf: bytes) -> int:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        info = subprocess.run(["pdfinfo", f.name], stdout=subprocess.PIPE, text=True, stderr=subprocess.DEVNULL,
                              check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def timed(make, runs: int) -> tuple[list[float], bytes]:
    make()  # starts the engine and loads the fonts
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        pdf = make()
        times.append(time.perf_counter() - started)
    return times, pdf


def _served(url: str, html: bytes, path: str, files: SiteFiles) -> tuple[bytes, str] | None:
    wanted = url[len(ORIGIN):].split("#")[0].split("?")[0]
    if wanted == f"{path}index.html":
        return html, "text/html; charset=utf-8"
    if wanted in files.files:
        return files.files[wanted], mimetypes.guess_type(wanted)[0] or "application/octet-stream"
    return None


def weasyprint_pdf(html: bytes, path: str, files: SiteFiles):
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    unpacked = {p: _truetype(d) for p, d in files.files.items() if p.endswith(".woff2")}

    class Fetcher(URLFetcher):
        def fetch(self, url, headers=None):
            wanted = url[len(ORIGIN):].split("#")[0]
            if wanted in unpacked:
                return URLFetcherResponse(url, unpacked[wanted], headers={"Content-Type": "font/ttf"})
            body, mime = _served(url, html, path, files) or (b"", "text/plain")
            return URLFetcherResponse(url, body, headers={"Content-Type": mime})

    fonts = FontConfiguration()
    return lambda: weasyprint.HTML(string=html.decode(), base_url=f"{ORIGIN}{path}index.html",
                                   url_fetcher=Fetcher()).write_pdf(pdf_variant="pdf/ua-1", font_config=fonts)


def chromium_pdfs(html: bytes, path: str, files: SiteFiles, runs: int) -> tuple[list[float], bytes]:
    from playwright.sync_api import sync_playwright

    def answer(route):
        found = _served(route.request.url, html, path, files)
        return route.fulfill(body=found[0], content_type=found[1]) if found else route.abort()

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page()
        page.route("**/*", answer)

        def make() -> bytes:
            page.goto(f"{ORIGIN}{path}index.html", wait_until="load")
            return page.pdf(format="A4", tagged=True, outline=True, prefer_css_page_size=True)

        result = timed(make, runs)
        browser.close()
    return result


def installed_kb(packages: list[str]) -> int:
    out = subprocess.run(["dpkg-query", "-W", "-f=${Installed-Size}\\n", *packages], capture_output=True, text=True).stdout
    return sum(int(n) for n in out.split() if n.isdigit())


def wheel_mb(distribution: str) -> float:
    from importlib.metadata import files as installed
    return sum(f.size or 0 for f in installed(distribution) or []) / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("content", type=Path)
    parser.add_argument("month", help="YYYY-MM, a month of the corpus")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    checked = check(args.content)
    settings = site_settings.from_config(None)
    made = setup(checked, settings)
    brief = made.planner.brief_print(args.month, settings.site_name, made.renderer.site.built)
    env = made.renderer.env.overlay(loader=jinja2.FileSystemLoader(Path(__file__).parent / "print"))
    html = env.get_template("brief.html").render(page=brief).encode()
    files = SiteFiles(None)
    for name, data in assets(THEME).items():
        files.add(name, data)
    path = f"briefs/{args.month}/"
    titles = [e.title for e in checked.index.by_month[args.month]]
    words = [w for t in titles for w in t.split() if re.fullmatch(r"[\u0621-\u064a]+", w)]
    print(f"{args.month}: {len(titles)} events, medians of {args.runs}\n")
    print("| engine | s per PDF | pages | bytes | titles found verbatim | title words of letters split |")
    print("|---|---:|---:|---:|---:|---:|")
    setter = Typesetter(print_layout(THEME), files, settings.built)
    document = brief_document(brief)

    made = itertools.count()

    def typst_pdf() -> bytes:
        # Typst remembers layouts across compilations (in the whole process): each run's brief differs
        # in every event's title, so that nothing is replayed, as in a build, where every brief differs.
        data = json.loads(document)
        n = next(made)
        for event in data["events"]:
            event["title"] += f" {n}"
        return setter.pdf(json.dumps(data, ensure_ascii=False).encode(), path)[0]

    engines = [("Typst (the builder's)", lambda: timed(typst_pdf, args.runs))]
    if importlib.util.find_spec("weasyprint"):
        engines.append(("WeasyPrint", lambda: timed(weasyprint_pdf(html, path, files), args.runs)))
    else:
        print("(WeasyPrint is not installed: `make bench` installs it)\n")
    engines.append(("Chromium (Playwright)", lambda: chromium_pdfs(html, path, files, args.runs)))
    for name, run in engines:
        times, pdf = run()
        text = extracted(pdf)
        found = set(text.split())
        print(f"| {name} | {statistics.median(times):.2f} | {pages(pdf)} | {len(pdf):,} "
              f"| {sum(t in text for t in titles)} of {len(titles)} | {sum(w not in found for w in words)} of {len(words)} |")
    setter.close()
    print(f"\nInstalled: Typst's wheel {wheel_mb('typst'):,.0f} MB, no system library; Debian's chromium and "
          f"chromium-common {installed_kb(['chromium', 'chromium-common']) / 1024:,.0f} MB; WeasyPrint's Pango "
          f"(libpango-1.0-0, libpangoft2-1.0-0) {installed_kb(['libpango-1.0-0', 'libpangoft2-1.0-0']) / 1024:,.1f} MB")


if __name__ == "__main__":
    main()
