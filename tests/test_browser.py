"""What a reader's browser shows: the real site, served on localhost, in Debian's Chromium.

`make test` installs Chromium, axe-core and the Nu checker; these tests fail rather than skip when
they are missing, because a right-to-left site nobody looked at is not known to work.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import threading
from pathlib import Path

import pytest

from builder.pipeline.build import build
from builder.pipeline.settings import Settings
from builder.arabic.normalise import SEARCH
from test_normalise import CASES, write_rules_corpus

REPO = Path(__file__).resolve().parent.parent
NODE = REPO / "tests" / "browser" / "node_modules"
AXE = NODE / "axe-core" / "axe.min.js"
VNU = NODE / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# As the probe of this machine kind found: without these, Chromium reaches for Google's hosts.
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--no-first-run", "--disable-sync", "--disable-quic", "--disable-features=Translate,MediaRouter"]

PAGES = {
    "home": "",
    "briefs": "briefs/",
    "brief": "briefs/2025-05/",
    "event": "events/2025-05-02-convoy-leaves-omar-conoco-for-iraq/",
    "bases": "bases/",
    "base": "bases/omar/",
    "sources": "sources/",
    "source": "sources/alarab-2025-05-03-deir-ezzor/",
    "page": "methodology/",
    "type": "briefs/types/withdrawal/",
    "data": "data/",
    "search": "search/",
    "changes": "changes/",
    "long-url": "sources/long-address-2025-05-04/",
}


# An ordinary Arabic web address, percent-encoded as browsers copy it: about 400 characters without a space.
LONG_URL = "https://example.org/news/" + "/".join(
    "".join(f"%{b:02X}" for b in word.encode("utf-8")) for word in ("سوريا", "التحالف-الدولي-ينقل-معداته-من-القواعد-الشرقية"))
LONG_SOURCE = {
    "sources/long-address-2025-05-04.txt": "التحالف الدولي ينقل معداته\nالأحد 2025/05/04\n\nنقلت مصادر محلية أن أرتالًا خرجت من قاعدة قسرك نحو الحدود.\n",
    "sources/long-address-2025-05-04.yaml": f"""id: long-address-2025-05-04
outlet: {{ar: موقع تجريبي, en: Test Outlet}}
title: التحالف الدولي ينقل معداته
published: 2025-05-04
url: {LONG_URL}
language: ar
reliability: F
""",
}


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The repository's corpus, plus a source whose address is a long percent-encoded Arabic URL."""
    content = tmp_path_factory.mktemp("corpus") / "content"
    shutil.copytree(REPO / "content", content)
    for rel, text in LONG_SOURCE.items():
        (content / rel).write_text(text, encoding="utf-8")
    root = tmp_path_factory.mktemp("browser") / "site"
    build(content, root, Settings(pdf=False))
    return root


@pytest.fixture(scope="session")
def server(site):
    yield from _serve(site)


def _serve(site: Path):
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Chromium is missing: run `make test`, which installs Debian's chromium"
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield instance
        instance.close()


@pytest.fixture
def open_page(browser, server):
    """Open a site page in a fresh context; every request that is not to the local server fails the test."""
    contexts, offsite, missing = [], [], []

    def _open(path: str, width: int = 1280, height: int = 900, **options):
        context = browser.new_context(viewport={"width": width, "height": height}, **options)
        contexts.append(context)

        def guard(route):
            if route.request.url.startswith(server):
                route.continue_()
            else:
                offsite.append(route.request.url)
                route.abort()

        context.route("**/*", guard)
        page = context.new_page()
        page.on("response", lambda r: missing.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        page.goto(server + path, wait_until="load")
        page.evaluate("document.fonts.ready")
        return page

    yield _open
    for context in contexts:
        context.close()
    assert offsite == [], f"requests left localhost: {offsite}"
    assert missing == [], f"a page of a plain build asked for what is not there: {missing}"


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_page_reads_as_arabic_right_to_left(open_page, path):
    """Each page kind, opened once: direction, self-hosted font, accessibility, and a phone's width."""
    page = open_page(path)
    assert page.evaluate("[document.documentElement.lang, getComputedStyle(document.documentElement).direction]") == ["ar", "rtl"]
    box = page.locator("main h1").bounding_box()
    assert box["x"] + box["width"] > 1280 / 2, "the heading does not start at the right edge"

    loaded = page.evaluate("""[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family.replaceAll('"', ''))""")
    assert "Amiri" in loaded, f"the Arabic web font did not load (loaded: {loaded})"
    assert page.evaluate("document.fonts.check('16px Amiri', 'موجز')")

    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']})).violations
        .map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 3)}))""")
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert serious == [], json.dumps(serious, ensure_ascii=False, indent=1)

    for width in (390, 360, 320):
        page.set_viewport_size({"width": width, "height": 740})
        assert _overflowing(page) == [], f"at {width} px these stick out of the page, which scrolls sideways"


def _overflowing(page) -> list[str]:
    """What sticks out of the viewport sideways (right to left, a page overflows to the left), and how far."""
    return page.evaluate("""() => {
        // Inside a box that scrolls sideways (a code listing), sticking out of the box is what scrolling is for.
        const clipped = e => { for (let a = e.parentElement; a; a = a.parentElement)
            if (getComputedStyle(a).overflowX !== 'visible') { const r = a.getBoundingClientRect(); return r.left >= -0.5 && r.right <= innerWidth + 0.5; }
            return false; };
        const wide = document.documentElement.scrollWidth > document.documentElement.clientWidth;
        const out = [...document.querySelectorAll('body *')].filter(e => {
            const r = e.getBoundingClientRect();
            return r.width && (r.left < -0.5 || r.right > innerWidth + 0.5) && !e.closest('.skip') && !clipped(e);
        }).map(e => `${e.tagName.toLowerCase()}.${e.className}: ${Math.round(e.getBoundingClientRect().left)}..${Math.round(e.getBoundingClientRect().right)}`);
        return wide || out.length ? [`page ${document.documentElement.scrollWidth} px`, ...out.slice(0, 5)] : [];
    }""")


def test_long_address_and_hash_wrap_and_keep_their_whole_value(open_page):
    page = open_page("sources/long-address-2025-05-04/", width=320)
    link = page.locator("a.url")
    assert link.get_attribute("href") == LONG_URL and link.get_attribute("title") == LONG_URL
    box = link.bounding_box()
    assert 0 <= box["x"] and box["x"] + box["width"] <= 320
    digest = page.locator("code.hash")
    value = digest.get_attribute("title")
    assert len(value) == 64 and digest.inner_text().replace("\n", "") == value  # copying it gives the whole hash
    # Lines break between runs of eight, so no line is left with a character or two.
    lines = page.evaluate("""c => { const r = document.createRange(); r.selectNodeContents(c); const rows = {};
        for (const x of r.getClientRects()) rows[Math.round(x.top)] = (rows[Math.round(x.top)] || 0) + x.width;
        return Object.values(rows).map(Math.round); }""", digest.element_handle())
    assert len(lines) > 1 and min(lines) >= max(lines) / 4, lines


@pytest.mark.parametrize("path", ["", "bases/"])
def test_status_board_cells_are_at_most_three_lines_on_a_phone(open_page, path):
    page = open_page(path, width=320)
    heights = page.evaluate("""() => [...document.querySelectorAll('table.board tbody th, table.board tbody td')].map(c => {
        const s = getComputedStyle(c); const line = parseFloat(s.lineHeight) || parseFloat(s.fontSize) * 1.8;
        return [c.textContent.trim().slice(0, 30), c.getBoundingClientRect().height / line]; })""")
    assert len(heights) > 20
    tall = [(text, round(lines, 1)) for text, lines in heights if lines > 3.05]
    assert tall == [], f"cells taller than three lines at 320 px: {tall}"


@pytest.mark.parametrize("path", ["", "sources/alarab-2025-05-03-deir-ezzor/"])
def test_dark_mode_follows_the_system_setting_and_keeps_contrast(open_page, path):
    light = open_page(path, color_scheme="light").evaluate("getComputedStyle(document.body).backgroundColor")
    page = open_page(path, color_scheme="dark")
    dark = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert light != dark
    assert sum(int(c) for c in dark[4:-1].split(",")) < 150  # a dark background, not just a different one
    page.add_script_tag(path=str(AXE))
    failing = page.evaluate("""async () => (await axe.run(document, {runOnly: ['color-contrast']})).violations
        .flatMap(v => v.nodes.map(n => n.target.join(' ')))""")
    assert failing == [], f"text below WCAG AA contrast in dark mode: {failing[:5]}"


def test_skip_link_is_first_and_visible_on_focus(open_page):
    page = open_page("bases/omar/")
    page.keyboard.press("Tab")
    focused = page.evaluate("[document.activeElement.className, document.activeElement.getAttribute('href')]")
    assert focused == ["skip", "#main"]
    box = page.locator(".skip").bounding_box()
    assert box["y"] >= 0 and box["x"] + box["width"] > 1280 / 2  # on screen, at the start (right) edge
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"  # focus is visible


def test_print_hides_navigation(open_page):
    page = open_page("briefs/2025-05/")
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.querySelector('.masthead nav')).display") == "none"


def test_latin_runs_are_isolated_left_to_right(open_page):
    page = open_page("sources/alarab-2025-05-03-deir-ezzor/")
    assert page.evaluate("getComputedStyle(document.querySelector('bdi[lang=en]')).direction") == "ltr"
    assert page.evaluate("getComputedStyle(document.querySelector('code.hash')).direction") == "ltr"


def test_cited_passage_is_highlighted_and_reachable(open_page):
    page = open_page("events/2025-05-02-convoy-leaves-omar-conoco-for-iraq/")
    page.locator("figure.citation a").first.click()
    page.wait_for_load_state("load")
    anchor = page.evaluate("location.hash").lstrip("#")
    mark = page.locator(f"#{anchor} + mark")
    assert "كما أفادت مصادر أهلية" in mark.inner_text()
    assert mark.evaluate("m => getComputedStyle(m).backgroundColor") != "rgba(0, 0, 0, 0)"


SHOTS = {"home": "", "brief": "briefs/2025-05/", "base": "bases/omar/"}


@pytest.mark.parametrize("name", SHOTS)
@pytest.mark.parametrize("device, width, height", [("phone", 390, 844), ("desktop", 1280, 900)])
def test_screenshots(open_page, tmp_path, name, device, width, height):
    """The README's screenshots; `make screenshots` writes them to docs/screenshots/."""
    folder = Path(os.environ.get("SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    page = open_page(SHOTS[name], width=width, height=height)
    target = folder / f"{name}-{device}.png"
    page.screenshot(path=str(target), full_page=False)
    assert target.stat().st_size > 10_000  # a rendered page, not a blank one


def test_every_page_is_valid_html(site):
    """The Nu HTML checker (vnu.jar) finds no errors on any page."""
    assert VNU.exists(), "vnu.jar is missing: run `make test`, which installs the npm test tools"
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--skip-non-html", "--format", "json", str(site)],
                            capture_output=True, text=True)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [f"{m.get('url', '').split('/site/')[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages]
    assert errors == [], "\n".join(errors[:20])


@pytest.fixture(scope="session")
def editions(tmp_path_factory):
    """Two editions of the minimal corpus published with mike, checked out and served on localhost."""
    from builder.editions.publish import publish

    root = tmp_path_factory.mktemp("editions")
    repo = root / "repo"
    repo.mkdir()
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org"}
    old_env = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
        subprocess.run(["git", "commit", "-q", "--allow-empty", "-m", "init"], cwd=repo, check=True)
        for edition in ("2025-06-15", "2025-10-09"):
            publish(REPO / "tests/fixtures/minimal", Settings(pdf=False, edition=edition), repo)
        subprocess.run(["git", "worktree", "add", "-q", str(root / "branch"), "gh-pages"], cwd=repo, check=True)
    finally:
        for k, v in old_env.items():
            os.environ.pop(k) if v is None else os.environ.__setitem__(k, v)
    handler = functools.partial(_QuietHandler, directory=str(root / "branch"))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


def test_old_edition_links_to_the_same_page_in_the_latest(browser, editions):
    page = browser.new_page()
    page.goto(editions + "2025-06-15/bases/qasrak/")
    page.wait_for_selector(".outdated:not([hidden])")
    assert page.get_attribute(".outdated a", "href") == editions + "2025-10-09/bases/qasrak/"
    options = page.eval_on_selector_all("#edition-picker option", "os => os.map(o => [o.value, o.selected])")
    assert options == [["2025-10-09", False], ["2025-06-15", True]]
    page.goto(editions + "latest/bases/qasrak/")
    page.wait_for_selector("#edition-picker option", state="attached")
    assert page.is_hidden(".outdated")
    page.goto(editions)
    page.wait_for_url(editions + "latest/")
    page.close()


def _search(page, query: str) -> list[str]:
    """Pagefind's JavaScript API, as the search page loads it: result URLs, best first."""
    return page.evaluate("""async (q) => {
        const pagefind = await import(new URL('../pagefind/pagefind.js', location.href).href);
        const found = await pagefind.search(q);
        return Promise.all(found.results.map(r => r.data().then(d => d.url)));
    }""", query)


def test_search_finds_a_place_by_each_of_its_names(open_page):
    page = open_page("search/")
    # Conoco's aliases include its base's nickname, which its own name does not contain.
    for query in ("القرية الخضراء", "كونيكو", "حقل كونيكو للغاز"):
        assert "/bases/conoco/" in _search(page, query)[:3], query
    assert "/bases/kobani-base/" in _search(page, "مطار روباريا")[:3]
    assert "/bases/omar/" in _search(page, "قاعدة دعم المهام")[:3]


def test_search_ignores_hamza_and_tashkeel_and_strips_particles(open_page):
    page = open_page("search/")
    with_hamza = _search(page, "الأمريكية")
    assert with_hamza and _search(page, "الامريكية") == with_hamza
    assert _search(page, "الأَمريكيّة") == with_hamza
    assert "/bases/shaddadi/" in _search(page, "والشدادي")  # the attached و is a particle, not the name


def _reader_search(page, query: str) -> list[str]:
    """The query folded by the search page's own script, as its search box does, then Pagefind's API."""
    return _search(page, page.evaluate("q => window.briefingSearchTerm(q)", query))


@pytest.fixture(scope="session")
def rules_server(tmp_path_factory):
    root = tmp_path_factory.mktemp("rules")
    build(write_rules_corpus(root), root / "site", Settings(pdf=False))
    yield from _serve(root / "site")


@pytest.mark.parametrize("rule", list(CASES))
def test_search_reads_each_folding_rule(browser, rules_server, rule):
    """Each source of the rules corpus writes one rule's sentence; typed the other way, it is found."""
    written, typed, place, readers = CASES[rule]
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(rules_server + "search/", wait_until="load")
        assert (f"/sources/rule-{rule}/" in _reader_search(page, typed)) == (SEARCH in readers)
    finally:
        context.close()


@pytest.mark.parametrize("query, finds", [
    ("انسحبت", "/sources/alarab-2025-05-03-deir-ezzor/"),  # the text says «وانسحبت» only
    ("أكدت", "/sources/unnamed-2024-10-coalition-escalation/"),  # the text says «وأكدت» only
    ("کونیکو", "/bases/conoco/"),  # typed on a Persian keyboard
    ("الشدّادی", "/bases/shaddadi/"),  # a shadda and a Persian yeh
    ("بالشدادي", "/bases/shaddadi/"),
])
def test_search_finds_words_with_particles_attached_and_persian_letters(open_page, query, finds):
    assert finds in _reader_search(open_page("search/"), query)


@pytest.mark.parametrize("one, other", [
    ("الشدادي", "والشدادي"), ("كونيكو", "کونیکو"), ("الشدادي", "للشدادي"), ("انسحبت", "وانسحبت"),
    ("القاعدة", "بالقاعدة"),
])
def test_a_word_with_or_without_its_particle_finds_the_same_pages(open_page, one, other):
    page = open_page("search/")
    found = _reader_search(page, one)
    assert found and sorted(found) == sorted(_reader_search(page, other))


def test_search_interface_speaks_arabic(open_page):
    page = open_page("search/")
    page.get_by_role("textbox", name="ابحث في الأحداث والمواقع والمصادر").fill("کونیکو")
    page.locator(".pagefind-ui__result-link[href$='/bases/conoco/']").wait_for(timeout=10_000)
    message = page.locator(".pagefind-ui__message").inner_text()
    assert "نتائج البحث عن «کونیکو»" in message or "نتيجة واحدة" in message, message
    assert not any(c.isascii() and c.isalpha() for c in message), message


def test_search_page_shows_results_as_a_reader_types(open_page):
    page = open_page("search/")
    page.get_by_role("textbox", name="ابحث في الأحداث والمواقع والمصادر").fill("القرية الخضراء")
    page.locator(".pagefind-ui__result-link[href$='/bases/conoco/']").wait_for(timeout=10_000)
    assert page.locator(".pagefind-ui__result").count() >= 2


def test_brief_filters_narrow_the_cards_by_type_and_place(open_page):
    page = open_page("briefs/2025-05/")
    cards = page.locator("article.event")
    total = cards.count()
    page.select_option("#filter-type", "withdrawal")
    shown = page.locator("article.event:not([hidden])")
    assert 0 < shown.count() < total
    assert set(shown.evaluate_all("cs => cs.map(c => c.dataset.type)")) == {"withdrawal"}
    page.select_option("#filter-type", "")
    page.select_option("#filter-place", "qasrak")
    assert all("qasrak" in p.split() for p in shown.evaluate_all("cs => cs.map(c => c.dataset.places)"))
    assert "يظهر" in page.locator(".filters [role=status]").inner_text()



def test_brief_filters_are_kept_in_the_address_so_a_filtered_view_can_be_shared(open_page):
    page = open_page("briefs/2025-05/")
    page.select_option("#filter-type", "withdrawal")
    page.select_option("#filter-place", "omar")
    assert page.evaluate("location.search") == "?type=withdrawal&place=omar"
    shown = page.evaluate("document.querySelectorAll('article.event:not([hidden])').length")
    shared = open_page("briefs/2025-05/?type=withdrawal&place=omar")
    assert shared.input_value("#filter-type") == "withdrawal" and shared.input_value("#filter-place") == "omar"
    assert shared.evaluate("document.querySelectorAll('article.event:not([hidden])').length") == shown
    shared.select_option("#filter-type", "")
    shared.select_option("#filter-place", "")
    assert shared.evaluate("location.search") == ""


def test_map_marker_leads_to_the_place(open_page):
    page = open_page("")
    page.locator("figure.map:not(.inset) a.marker[href$='bases/conoco/']").click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/bases/conoco/")
    assert page.locator("figure.timeline a").count() >= 2


def test_search_finds_an_event_in_its_brief_and_points_at_its_card(open_page):
    page = open_page("search/")
    found = page.evaluate("""async (q) => {
        const pagefind = await import(new URL('../pagefind/pagefind.js', location.href).href);
        const results = await (await pagefind.search(q)).results;
        const all = await Promise.all(results.map(r => r.data()));
        return all.map(d => [d.url, d.sub_results.map(s => s.url)]);
    }""", "القرية الخضراء")
    briefs = dict(found)
    assert "/briefs/2025-05/" in briefs
    assert "/briefs/2025-05/#e-2025-05-green-village-conoco-closed" in briefs["/briefs/2025-05/"]


def test_each_highlight_is_labelled_with_the_events_citing_it_linked_both_ways(open_page):
    page = open_page("sources/alarab-2025-05-03-deir-ezzor/", width=390)
    labels = page.eval_on_selector_all("a.cited-by", "as => as.map(a => [a.textContent, a.getAttribute('href')])")
    events = {}
    for text, href in labels:
        events.setdefault(text, set()).add(href.split("#")[0])
    assert len(events) >= 5 and all(len(hrefs) == 1 for hrefs in events.values()), events  # one label, one event
    assert len({next(iter(h)) for h in events.values()}) == len(events)  # and one event, one label
    listed = page.eval_on_selector_all(".citing li", """lis => lis.map(li => [li.querySelector('.label').textContent,
        li.querySelector('a').getAttribute('href')])""")
    assert {text: {href} for text, href in listed if text in events} == events  # the list at the top says the same
    label = page.locator("a.cited-by").first
    assert label.is_visible() and label.bounding_box()["height"] > 5  # printed, not a tooltip
    label.click()
    page.wait_for_load_state("load")
    cited = page.locator(".citation:target")
    assert cited.count() == 1
    back = cited.locator("figcaption a").get_attribute("href")
    cited.locator("figcaption a").click()
    page.wait_for_load_state("load")
    anchor = back.split("#")[1]
    assert page.evaluate("location.hash") == f"#{anchor}"
    assert page.locator(f"#{anchor} + mark").inner_text().strip()  # back at a highlighted passage


def test_brief_cards_name_the_outlet_and_link_to_the_cited_passage(open_page):
    page = open_page("briefs/2025-05/", width=390)
    outlet = page.locator("article.event .sources a").first
    assert outlet.inner_text() == "صحيفة العرب"
    outlet.click()
    page.wait_for_load_state("load")
    anchor = page.evaluate("location.hash")
    assert anchor.startswith("#q-") and page.locator(f"{anchor} + mark").count() == 1


@pytest.mark.parametrize("path", ["", "bases/rmeilan/"])
def test_map_names_do_not_overlap_and_every_marker_has_a_name(open_page, path):
    """As drawn by the browser, in the reader's font: names clear of each other, every marker named for
    screen readers, the current place singled out, the crowded north-east drawn again larger."""
    page = open_page(path, width=390)
    for figure in ("figure.map:not(.inset)", "figure.map.inset"):
        boxes = page.eval_on_selector_all(f"{figure} text.name", """ts => ts.map(t => {
            const b = t.getBoundingClientRect(); return [t.textContent, b.left, b.top, b.right, b.bottom]; })""")
        assert len(boxes) >= 4, figure
        clash = [(a[0], b[0]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
                 if a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5 and a[2] < b[4] - 0.5 and b[2] < a[4] - 0.5]
        assert clash == [], f"names overlap in {figure}: {clash}"
    names = page.eval_on_selector_all("figure.map a.marker", "as => as.map(a => a.getAttribute('aria-label'))")
    assert names and all(n and n.strip() for n in names)
    if path:
        current = page.locator("figure.map:not(.inset) a.marker.current")
        assert current.count() == 1 and current.locator("circle.target").count() == 1
        assert current.locator("text.name").evaluate("t => getComputedStyle(t).fontWeight") == "700"
